// The backup folder as the administrator sees it, and the schedule.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Ctx } from '../context';
import type { BackupInfo, BackupStatus } from '../../api/types';
import { getSettings } from '../auth/settingsService';
import { readSetting } from '../auth/settings';
import { LAST_AT_KEY, dataDirOf, infoFromMeta } from './create';
import { MAX_HEADER_LEN, parseEncryptedHeader } from './crypto';
import { originOf, readIdentity, type DatabaseIdentity } from './identity';
import { parseBackupName, type ParsedName } from './names';
import { newestFirst } from './retention';
import { readHead, readMeta } from './sqliteFile';

const HOUR = 3600_000;

/** From the name alone: encrypted backups (their content needs the password) and unreadable files. */
function infoFromName(file: string, p: ParsedName, sizeBytes: number): BackupInfo {
  return {
    file,
    createdAt: p.createdAt.toISOString(),
    reason: p.reason,
    encrypted: p.encrypted,
    sizeBytes,
    schemaVersion: 0,
    appVersion: '',
    counts: { students: 0, staff: 0, classes: 0, users: 0 },
  };
}

/**
 * A cheap read of the metadata row, read-only (no full check: that is inspect); of an encrypted
 * backup, its header only (made with this computer's key, it tells the database too).
 */
function peek(file: string, p: ParsedName, sizeBytes: number): BackupInfo {
  if (p.encrypted) {
    const info = infoFromName(file, p, sizeBytes);
    try {
      const header = parseEncryptedHeader(readHead(file, MAX_HEADER_LEN).head);
      if (header?.version === 1) info.encryptedBy = 'password';
      if (header?.version === 2) {
        info.encryptedBy = 'key';
        if (header.databaseId) info.database = { id: header.databaseId, school: null };
      }
    } catch {
      // unreadable: listed by its name
    }
    return info;
  }
  let raw: BetterSqlite3.Database | null = null;
  try {
    raw = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const meta = readMeta(raw);
    if (!meta) return infoFromName(file, p, sizeBytes);
    const info = infoFromMeta(file, meta, false, sizeBytes);
    // An earlier version's backup carries no identity: its school's name tells.
    if (!info.database) info.database = readIdentity(raw);
    return info;
  } catch {
    return infoFromName(file, p, sizeBytes);
  } finally {
    raw?.close();
  }
}

/** Whose data each backup holds, seen from the open database. */
export function withOrigin(info: BackupInfo, ours: DatabaseIdentity): BackupInfo {
  const unopened = info.encryptedBy === 'password' || (info.encrypted && !info.database);
  return { ...info, origin: unopened ? 'unknown' : originOf(info.database, ours) };
}

/** Backups in `dir`, newest first; temp files and other files are not listed. */
export function listBackups(dir: string): BackupInfo[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const found: { p: ParsedName; info: BackupInfo }[] = [];
  for (const name of names) {
    const p = parseBackupName(name);
    if (!p) continue;
    const file = join(dir, name);
    try {
      const st = statSync(file);
      if (st.isFile()) found.push({ p, info: peek(file, p, st.size) });
    } catch {
      // deleted meanwhile
    }
  }
  return found.sort((a, b) => newestFirst(a.p, b.p)).map((f) => f.info);
}

export function lastBackupAt(ctx: Ctx): string | null {
  return readSetting<string | null>(ctx.db, LAST_AT_KEY, null);
}

export function backupStatusNow(ctx: Ctx): BackupStatus {
  const s = getSettings(ctx);
  const dir = resolve(s.backupDir);
  const last = lastBackupAt(ctx);
  const lastMs = last ? Date.parse(last) : NaN;
  const ours = readIdentity(ctx.db.raw);
  return {
    dir,
    dataDir: dataDirOf(ctx),
    keyEncryption: Boolean(ctx.backupKey),
    lastBackupAt: last,
    nextBackupAt: Number.isNaN(lastMs) ? null : new Date(lastMs + s.backupIntervalHours * HOUR).toISOString(),
    backups: listBackups(dir).map((b) => withOrigin(b, ours)),
  };
}

/**
 * Nothing to back up yet: no school and no users (the first start, before the administrator and
 * the school are created). The schedule skips such a database.
 */
export function isEmptyDatabase(ctx: Ctx): boolean {
  const one = (sql: string) => ctx.db.raw.prepare(sql).get() !== undefined;
  return !one('SELECT 1 FROM school LIMIT 1') && !one('SELECT 1 FROM app_user LIMIT 1');
}

/** True when no backup was made into the backup folder within the interval. */
export function scheduledBackupDue(ctx: Ctx): boolean {
  const last = lastBackupAt(ctx);
  const lastMs = last ? Date.parse(last) : NaN;
  if (Number.isNaN(lastMs)) return true;
  const since = ctx.now().getTime() - lastMs;
  // A last backup «in the future» means the clock was wrong then or is now: do not wait for it.
  return since >= getSettings(ctx).backupIntervalHours * HOUR || since < -HOUR;
}
