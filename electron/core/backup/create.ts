// Making a backup: SQLite's online backup into a temp file next to the final one, metadata and a
// content digest written into the copy, integrity_check of the copy, optional encryption, then an
// atomic rename. A crash at any point leaves either the complete backup or no backup (at most a
// '~….tmp' file that is never taken for one).
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Ctx } from '../context';
import type { BackupInfo } from '../../api/types';
import { AppError } from '../../api/errors';
import pkg from '../../../package.json';
import { getSettings } from '../auth/settingsService';
import { writeSetting } from '../auth/settings';
import { backupFileName, tempFileName } from './names';
import { encryptFile } from './crypto';
import { contentDigest, countsOf, integrity, schemaVersionOf, writeMeta, type BackupMeta } from './sqliteFile';
import { writeFailed } from './errors';
import { applyRetention } from './retention';

/** When the last backup into the configured folder was made (ISO), for the schedule and the status. */
export const LAST_AT_KEY = 'backup.lastAt';

export interface CreateOptions {
  /** A folder of the user's choice (a USB stick); default: the configured backup folder. */
  dir?: string | null;
  /** Encrypts the copy (AES-256-GCM); the password is not stored anywhere. */
  password?: string;
  reason: string;
  /** Copy a database that fails integrity_check as it is (only before a restore). */
  allowDamaged?: boolean;
  /** Skip the retention this time (a restore must not delete the file it restores). */
  skipRetention?: boolean;
}

export function samePath(a: string, b: string): boolean {
  const norm = (p: string) => resolve(p).normalize('NFC').replace(/[\\/]+$/, '');
  return process.platform === 'win32' || process.platform === 'darwin' ? norm(a).toLowerCase() === norm(b).toLowerCase() : norm(a) === norm(b);
}

export function infoFromMeta(file: string, meta: BackupMeta, encrypted: boolean, sizeBytes: number): BackupInfo {
  return {
    file,
    createdAt: meta.createdAt,
    reason: meta.reason,
    encrypted,
    sizeBytes,
    schemaVersion: meta.schemaVersion,
    appVersion: meta.appVersion,
    counts: meta.counts,
  };
}

/** Refuses to copy a damaged database: a broken copy would push good ones out of the retention. */
export function requireIntactLive(ctx: Ctx): void {
  const result = integrity(ctx.db.raw);
  if (result !== 'ok')
    throw new AppError(
      'internal',
      `Проверка целостности базы данных не пройдена (${result}). Резервная копия не создана, чтобы не заменить исправные копии повреждённой. ` +
        'Восстановите данные из последней исправной резервной копии.',
    );
}

function fsyncPath(path: string, dir = false): void {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch (e) {
    if (!dir) throw e; // directories cannot be opened for fsync on Windows; the rename is still atomic
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Journal mode, digest, metadata and integrity_check of the fresh copy. */
function sealCopy(path: string, base: Pick<BackupMeta, 'createdAt' | 'reason'>, damaged: boolean): BackupMeta {
  const raw = new BetterSqlite3(path, { fileMustExist: true });
  try {
    // The copy carries the live file's WAL flag; a backup is one self-contained file.
    raw.pragma('journal_mode = DELETE');
    raw.pragma('synchronous = FULL');
    const meta: BackupMeta = { format: 1, ...base, appVersion: pkg.version, schemaVersion: 0, counts: { students: 0, staff: 0, classes: 0, users: 0 } };
    if (damaged) {
      // As much as can be read; the copy is kept for the record and is refused by inspect.
      meta.damaged = true;
      try {
        meta.schemaVersion = schemaVersionOf(raw);
        meta.counts = countsOf(raw);
      } catch {
        // unreadable
      }
    } else {
      meta.schemaVersion = schemaVersionOf(raw);
      meta.counts = countsOf(raw);
      meta.digest = contentDigest(raw);
    }
    writeMeta(raw, meta);
    const result = integrity(raw);
    if (result !== 'ok' && !damaged) throw new AppError('internal', `Созданная резервная копия не прошла проверку целостности (${result}); копия не сохранена.`);
    return meta;
  } finally {
    raw.close();
  }
}

function freeName(dir: string, at: Date, reason: string, encrypted: boolean): string {
  for (let n = 1; ; n++) {
    const name = backupFileName(at, reason, encrypted, n);
    if (!existsSync(join(dir, name))) return name;
  }
}

/** createBackup without the lock (for callers that hold it: restore, the schedule). */
export async function createBackupNow(ctx: Ctx, opts: CreateOptions): Promise<BackupInfo> {
  const settings = getSettings(ctx);
  const home = resolve(settings.backupDir);
  const dir = opts.dir?.trim() ? resolve(opts.dir.trim()) : home;
  const intoHome = samePath(dir, home);
  if (!opts.allowDamaged) requireIntactLive(ctx);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw writeFailed(dir, e);
  }
  const at = ctx.now();
  const encrypted = Boolean(opts.password);
  const finalName = freeName(dir, at, opts.reason, encrypted);
  const finalPath = join(dir, finalName);
  const plain = join(dir, tempFileName(finalName));
  const sealed = encrypted ? join(dir, tempFileName(finalName, '.enc')) : plain;
  let meta: BackupMeta;
  try {
    await ctx.db.raw.backup(plain);
    meta = sealCopy(plain, { createdAt: at.toISOString(), reason: opts.reason }, Boolean(opts.allowDamaged));
    if (encrypted) {
      await encryptFile(plain, sealed, opts.password!);
      rmSync(plain);
    } else fsyncPath(plain);
    renameSync(sealed, finalPath);
    fsyncPath(dir, true);
  } catch (e) {
    for (const p of [plain, `${plain}-journal`, `${plain}-wal`, `${plain}-shm`, sealed]) rmSync(p, { force: true });
    if (e instanceof AppError) throw e;
    if (typeof (e as { code?: unknown })?.code === 'string') throw writeFailed(dir, e);
    throw e;
  }
  if (intoHome) {
    if (!meta.damaged) writeSetting(ctx.db, LAST_AT_KEY, meta.createdAt);
    if (!opts.skipRetention) applyRetention(home, settings.backupKeep);
  }
  return infoFromMeta(finalPath, meta, encrypted, statSync(finalPath).size);
}
