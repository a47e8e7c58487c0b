// Making a backup: SQLite's online backup into a temp file next to the final one, metadata and a
// content digest written into the copy, integrity_check of the copy (snapshot.ts, seal.ts), optional
// encryption, then an atomic rename. The copy is page for page the live database, so its
// integrity_check is the live one's too: the live file is checked on its own only to word the
// refusal when the copy fails. A crash at any point leaves either the complete backup or no backup
// (at most a '~….tmp' file that is never taken for one).
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Ctx } from '../context';
import type { BackupInfo } from '../../api/types';
import { AppError } from '../../api/errors';
import { getSettings } from '../auth/settingsService';
import { writeSetting } from '../auth/settings';
import { makePrivateDir } from '../../../db/private';
import { defaultDataDir } from '../paths';
import { REASON_MANUAL, backupFileName, tempFileName } from './names';
import { encryptFile, type Lock } from './crypto';
import { absoluteFolder, isInside } from '../folders';
import { ensureIdentity } from './identity';
import { integrity, type BackupMeta } from './sqliteFile';
import { writeFailed } from './errors';
import { applyRetention } from './retention';
import { snapshot } from './snapshot';
import type { SealOutcome } from './seal';
import { checkpoint, progress } from '../job';

/** When the last backup into the configured folder was made (ISO), for the schedule and the status. */
export const LAST_AT_KEY = 'backup.lastAt';

export interface CreateOptions {
  /** A folder of the user's choice (a USB stick); default: the configured backup folder. */
  dir?: string | null;
  /** Encrypts the copy (AES-256-GCM); the password is not stored anywhere. */
  password?: string;
  /**
   * A manual backup outside the data folder without a password: the administrator declined
   * encryption (after a warning). Without it such a backup is refused.
   */
  unencrypted?: boolean;
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
    ...(meta.database ? { database: meta.database } : {}),
  };
}

/** The program's private data folder (the database's folder). */
export function dataDirOf(ctx: Ctx): string {
  return resolve(ctx.dataDir ?? defaultDataDir());
}

/**
 * A plain copy of the children's data must not leave the private data folder (a USB stick can be
 * lost) unless the administrator declined encryption: refused with the reason next to the password.
 */
function plainOutsideRefused(dir: string): AppError {
  const message =
    `Копия сохраняется вне папки данных программы — в «${dir}». На флешке или сетевом диске персональные данные детей может прочитать любой, ` +
    'кому попадёт копия: задайте пароль копии или явно откажитесь от шифрования («Сохранить без шифрования»).';
  return new AppError('validation', message, [{ column: 'password', message }]);
}

/** Why a copy that failed integrity_check is refused: a damaged database, or a bad write of the copy. */
function copyFailed(ctx: Ctx, copyResult: string): AppError {
  const live = integrity(ctx.db.raw);
  if (live !== 'ok')
    // A broken copy would push good ones out of the retention.
    return new AppError(
      'internal',
      `Проверка целостности базы данных не пройдена (${live}). Резервная копия не создана, чтобы не заменить исправные копии повреждённой. ` +
        'Восстановите данные из последней исправной резервной копии.',
    );
  return new AppError('internal', `Созданная резервная копия не прошла проверку целостности (${copyResult}); копия не сохранена.`);
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

function freeName(dir: string, at: Date, reason: string, encrypted: boolean): string {
  for (let n = 1; ; n++) {
    const name = backupFileName(at, reason, encrypted, n);
    if (!existsSync(join(dir, name))) return name;
  }
}

/**
 * A backup under way: the copy of the live database is being made (in a worker thread) while the
 * caller goes on; `keep` waits for it and saves it under its final name, `discard` drops it.
 */
export interface PendingBackup {
  keep(): Promise<BackupInfo>;
  discard(): Promise<void>;
}

/** beginBackup without the lock (for callers that hold it: restore, the schedule). */
export function beginBackupNow(ctx: Ctx, opts: CreateOptions): PendingBackup {
  const settings = getSettings(ctx);
  const home = resolve(settings.backupDir);
  const dir = opts.dir?.trim() ? absoluteFolder(opts.dir, 'dir') : home;
  const intoHome = samePath(dir, home);
  const dataDir = dataDirOf(ctx);
  // A password when given; in the backup folder, this computer's key where the shell gives one; else plain.
  const key = !opts.password && intoHome ? (ctx.backupKey?.() ?? null) : null;
  if (!opts.password && !key && opts.reason === REASON_MANUAL && !opts.unencrypted && !isInside(dir, dataDir)) throw plainOutsideRefused(dir);
  try {
    makePrivateDir(dir);
  } catch (e) {
    const refused = Promise.reject(writeFailed(dir, e));
    refused.catch(() => undefined);
    return { keep: () => refused, discard: async () => undefined };
  }
  // The identity of this database travels in the copy's settings and metadata (made only now: a
  // refused backup changes nothing).
  const identity = opts.allowDamaged ? null : ensureIdentity(ctx.db);
  const lock: Lock | null = opts.password ? { password: opts.password } : key ? { key, databaseId: identity?.id ?? null } : null;
  const at = ctx.now();
  const encrypted = lock !== null;
  const finalName = freeName(dir, at, opts.reason, encrypted);
  const finalPath = join(dir, finalName);
  const plain = join(dir, tempFileName(finalName));
  const sealed = encrypted ? join(dir, tempFileName(finalName, '.enc')) : plain;
  const removeTemp = () => {
    for (const p of [plain, `${plain}-journal`, `${plain}-wal`, `${plain}-shm`, sealed]) rmSync(p, { force: true });
  };
  progress(ctx, 0, 2, 'Копирование и проверка базы данных');
  const copy = snapshot(ctx, plain, { createdAt: at.toISOString(), reason: opts.reason }, Boolean(opts.allowDamaged));
  copy.outcome.catch(() => undefined);

  const meta = (outcome: SealOutcome): BackupMeta => {
    if (outcome.ok) return outcome.meta;
    if ('copyFailed' in outcome) throw copyFailed(ctx, outcome.copyFailed);
    throw writeFailed(dir, outcome);
  };
  return {
    async keep() {
      let saved: BackupMeta;
      try {
        saved = meta(await copy.outcome);
        checkpoint(ctx); // cancelled: the copy is dropped
        if (lock) {
          progress(ctx, 1, 2, 'Шифрование копии');
          await encryptFile(plain, sealed, lock);
          rmSync(plain);
        } else fsyncPath(plain);
        renameSync(sealed, finalPath);
        fsyncPath(dir, true);
      } catch (e) {
        removeTemp();
        if (e instanceof AppError) throw e;
        if (typeof (e as { code?: unknown })?.code === 'string') throw writeFailed(dir, e);
        throw e;
      }
      if (intoHome) {
        if (!saved.damaged) writeSetting(ctx.db, LAST_AT_KEY, saved.createdAt);
        if (!opts.skipRetention) applyRetention(home, settings.backupKeep);
      }
      return {
        ...infoFromMeta(finalPath, saved, encrypted, statSync(finalPath).size),
        ...(lock ? { encryptedBy: 'password' in lock ? ('password' as const) : ('key' as const) } : {}),
        origin: 'this',
      };
    },
    async discard() {
      await copy.cancel();
      removeTemp();
    },
  };
}

/** createBackup without the lock (for callers that hold it: restore, the schedule). */
export async function createBackupNow(ctx: Ctx, opts: CreateOptions): Promise<BackupInfo> {
  return beginBackupNow(ctx, opts).keep();
}
