// The backup folder as the administrator sees it, and the schedule.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Ctx } from '../context';
import type { BackupInfo, BackupStatus } from '../../api/types';
import { getSettings } from '../auth/settingsService';
import { readSetting } from '../auth/settings';
import { LAST_AT_KEY, infoFromMeta } from './create';
import { parseBackupName, type ParsedName } from './names';
import { newestFirst } from './retention';
import { readMeta } from './sqliteFile';

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

/** A cheap read of the metadata row, read-only (no full check: that is inspect). */
function peek(file: string, p: ParsedName, sizeBytes: number): BackupInfo {
  if (p.encrypted) return infoFromName(file, p, sizeBytes);
  let raw: BetterSqlite3.Database | null = null;
  try {
    raw = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const meta = readMeta(raw);
    return meta ? infoFromMeta(file, meta, false, sizeBytes) : infoFromName(file, p, sizeBytes);
  } catch {
    return infoFromName(file, p, sizeBytes);
  } finally {
    raw?.close();
  }
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
  return {
    dir,
    lastBackupAt: last,
    nextBackupAt: Number.isNaN(lastMs) ? null : new Date(lastMs + s.backupIntervalHours * HOUR).toISOString(),
    backups: listBackups(dir),
  };
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
