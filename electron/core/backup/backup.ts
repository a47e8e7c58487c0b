// R23: the administrator is responsible for backups and restoring data. The API of the feature;
// see docs/architecture.md «Backups» for the file format, the folder, the retention and the restore.
import type { Ctx } from '../context';
import type { BackupInfo, BackupStatus, RestoreResult } from '../../api/types';
import { AppError } from '../../api/errors';
import { exclusive } from './lock';
import { refreshSession } from '../auth/users';
import { beginBackupNow, createBackupNow, type CreateOptions, type PendingBackup } from './create';
import { inspectFile } from './inspect';
import { restoreNow } from './restore';
import { backupStatusNow, isEmptyDatabase, scheduledBackupDue, withOrigin } from './status';
import { REASON_SCHEDULED } from './names';
import { startStoreWorker } from './snapshot';
import { allowedBackupFile, dropGrant } from './grants';
import { readIdentity } from './identity';
import { tightenBackups } from './privacy';

export { startStoreWorker } from './snapshot';
export { grantBackupFile } from './grants';

export type { PendingBackup } from './create';
export { REASON_BEFORE_IMPORT, REASON_BEFORE_RESTORE, REASON_MANUAL, REASON_SCHEDULED } from './names';

export function backupStatus(ctx: Ctx): BackupStatus {
  return backupStatusNow(ctx);
}

export async function createBackup(ctx: Ctx, opts: { dir?: string | null; password?: string; unencrypted?: boolean; reason: string }): Promise<BackupInfo> {
  return exclusive(() => createBackupNow(ctx, opts));
}

/** Only a file of the backup folder, or one the user chose in the host's file dialog (grants.ts). */
export async function inspectBackup(ctx: Ctx, file: string, password?: string): Promise<BackupInfo> {
  const info = await inspectFile(allowedBackupFile(ctx, file), { password, key: ctx.backupKey });
  return withOrigin(info, readIdentity(ctx.db.raw));
}

/** inspectBackup without a database (the CLI's verify-backup): the user names the file; a password only. */
export async function inspectBackupFile(file: string, password?: string): Promise<BackupInfo> {
  return inspectFile(file, { password });
}

/**
 * Only a file the user may open (as inspectBackup); a backup of another database only with
 * `otherDatabase` (the user confirmed it). The restored data may hold another version of the
 * signed-in user's account, or none: the session follows it.
 */
export async function restoreBackup(ctx: Ctx, file: string, password?: string, otherDatabase = false): Promise<RestoreResult> {
  const path = allowedBackupFile(ctx, file);
  const result = await exclusive(() => restoreNow(ctx, path, { password, key: ctx.backupKey }, otherDatabase));
  dropGrant(ctx, path);
  refreshSession(ctx);
  return result;
}

/**
 * Makes an automatic backup when the last one is older than the interval; null when not due, and
 * when there is nothing to back up yet (no school and no users: the first start).
 */
export async function maybeScheduledBackup(ctx: Ctx): Promise<BackupInfo | null> {
  return exclusive(async () => (scheduledBackupDue(ctx) && !isEmptyDatabase(ctx) ? createBackupNow(ctx, { reason: REASON_SCHEDULED }) : null));
}

/**
 * beginBackupNow under the lock, which is held until the backup is kept or discarded: the caller
 * must do one of the two.
 */
export function beginBackup(ctx: Ctx, opts: CreateOptions): PendingBackup {
  let finished!: () => void;
  const done = new Promise<void>((r) => (finished = r));
  const started = new Promise<PendingBackup>((resolve, reject) => {
    void exclusive(async () => {
      try {
        resolve(beginBackupNow(ctx, opts));
      } catch (e) {
        reject(e);
        return;
      }
      await done;
    });
  });
  started.catch(() => undefined);
  return {
    keep: async () => {
      try {
        return await (await started).keep();
      } finally {
        finished();
      }
    },
    discard: async () => {
      try {
        await (await started).discard();
      } finally {
        finished();
      }
    },
  };
}

/**
 * A backup before a risky change (import, restore, year rollover), begun at once so that the copy
 * is made while the caller checks its input. When it cannot be made, `keep` refuses the change:
 * `what` names it in the message («Импорт»).
 */
export function beginBackupBeforeChange(ctx: Ctx, reason: string, what: string): PendingBackup {
  const b = beginBackup(ctx, { reason });
  return {
    keep: async () => {
      try {
        return await b.keep();
      } catch (e) {
        const why = e instanceof AppError ? e.message : 'ошибка записи файла';
        throw new AppError(e instanceof AppError ? e.code : 'internal', `${what} не выполнен: не удалось сделать резервную копию перед изменением. ${why} Ничего не изменено.`);
      }
    },
    discard: b.discard,
  };
}

/**
 * For the hosts: the store's worker thread (backups and checkpoints off the host's thread), and a
 * backup at start and hourly when due. Errors are logged, never thrown (the app keeps working).
 */
export function scheduleBackups(ctx: Ctx, log: (message: string) => void = (m) => console.error(m)): () => void {
  tightenBackups(ctx);
  void startStoreWorker(ctx);
  const run = () =>
    // Only the kind of error: its text may hold paths with the user's name.
    void maybeScheduledBackup(ctx).catch((e: unknown) =>
      log(`[backup] automatic backup failed: ${e instanceof AppError ? e.code : ((e as { code?: string })?.code ?? (e as Error)?.name ?? 'error')}`),
    );
  run();
  const timer = setInterval(run, 3600_000);
  timer.unref();
  return () => clearInterval(timer);
}
