// Restoring a backup in place, without closing the app's connection:
//   1. the backup is copied (or decrypted) into a private temp folder and checked (inspect);
//   2. a safety backup of the current state is made («перед восстановлением»; a damaged database is
//      copied as it is, «перед восстановлением, база повреждена»);
//   3. the checked copy is prepared: migrated up to this version, this computer's backup
//      bookkeeping (settings 'backup.*') carried over, one audit line added, sync told to fork
//      (needs_fork: the copy's mutation numbers may be spent), page size matched;
//   4. SQLite's backup API copies it INTO the live file: one write transaction on the live
//      database (through its WAL), so a crash leaves either the old or the restored content;
//   5. the connection forgets its prepared statements; migrations and integrity_check run again.
import { basename } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Ctx } from '../context';
import type { BackupInfo, RestoreResult } from '../../api/types';
import { AppError } from '../../api/errors';
import { Db, Writer, migrate } from '../../../db';
import { checkedCopy } from './inspect';
import { createBackupNow } from './create';
import type { Unlock } from './crypto';
import { DATABASE_ID_KEY, originOf, readIdentity } from './identity';
import { REASON_BEFORE_RESTORE, REASON_BEFORE_RESTORE_DAMAGED } from './names';
import { integrity } from './sqliteFile';
import { progress } from '../job';

/** Settings about this computer's backups: kept from the live database, not taken from the backup. */
const LOCAL_KEYS = "key LIKE 'backup.%'";

function prepareCopy(ctx: Ctx, path: string, restored: BackupInfo, safety: BackupInfo): void {
  const w = new Db(path);
  try {
    w.raw.pragma('journal_mode = DELETE');
    migrate(w);
    const local = ctx.db.raw.prepare(`SELECT key, value FROM setting WHERE ${LOCAL_KEYS}`).all() as { key: string; value: string }[];
    // A backup of an earlier version has no identity: restored here, it takes this database's.
    const liveId = ctx.db.raw.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(DATABASE_ID_KEY) as string | undefined;
    if (liveId !== undefined && !readIdentity(w.raw).id) local.push({ key: DATABASE_ID_KEY, value: liveId });
    w.tx(() => {
      w.raw.exec(`DELETE FROM setting WHERE ${LOCAL_KEYS}`);
      const put = w.raw.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
      for (const s of local) put.run(s.key, s.value);
      // The restored data keeps its sync identity, but its numbers may be spent already: the next sync forks (issue 10).
      w.raw.exec('UPDATE sync_state SET needs_fork = 1');
      new Writer(w, ctx.actor, ctx.now).event(
        'backup',
        basename(restored.file),
        { restoredFrom: restored.file, createdAt: restored.createdAt, reason: restored.reason },
        { old: { safetyBackup: safety.file } },
      );
    });
    const livePageSize = ctx.db.raw.pragma('page_size', { simple: true }) as number;
    if (w.raw.pragma('page_size', { simple: true }) !== livePageSize) {
      // The backup API cannot change the page size of a database in WAL mode.
      w.raw.pragma(`page_size = ${livePageSize}`);
      w.raw.exec('VACUUM');
    }
    const result = integrity(w.raw);
    if (result !== 'ok') throw new AppError('internal', `Подготовленная к восстановлению копия не прошла проверку целостности (${result}). Ничего не изменено.`);
  } finally {
    w.close();
  }
}

/** Replaces the live file's content with `path` in one SQLite write transaction. */
async function copyInto(live: Db, path: string): Promise<void> {
  const src = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    // All pages in one step: the live database is write-locked only for this copy.
    await src.backup(live.path, { progress: () => 0x7fffffff });
  } finally {
    src.close();
  }
}

/**
 * The state before the restore. A damaged live database is exactly when a restore is needed: it is
 * then copied as it is, under its own reason (kept for the record, never deleted automatically).
 * No retention now: it must not delete the file being restored.
 */
async function safetyBackup(ctx: Ctx): Promise<BackupInfo> {
  const damaged = integrity(ctx.db.raw) !== 'ok';
  return createBackupNow(ctx, {
    reason: damaged ? REASON_BEFORE_RESTORE_DAMAGED : REASON_BEFORE_RESTORE,
    allowDamaged: damaged,
    skipRetention: true,
  });
}

/** Restoring another database's backup replaces this school's data with someone else's: only when confirmed. */
function otherDatabaseRefused(info: BackupInfo): AppError {
  const school = info.database?.school ? ` (школа «${info.database.school}»)` : '';
  return new AppError(
    'conflict',
    `Копия «${basename(info.file)}» сделана из другой базы данных${school}, а не из той, что открыта сейчас. ` +
      'Её восстановление заменит все данные данными той базы: подтвердите, что восстанавливаете копию другой базы. Ничего не изменено.',
  );
}

/** restoreBackup without the lock. */
export async function restoreNow(ctx: Ctx, file: string, unlock: Unlock = {}, otherDatabase = false): Promise<RestoreResult> {
  progress(ctx, 0, 4, 'Проверка копии');
  const copy = await checkedCopy(file, unlock);
  try {
    copy.info.origin = originOf(copy.info.database, readIdentity(ctx.db.raw));
    if (copy.info.origin === 'other' && !otherDatabase) throw otherDatabaseRefused(copy.info);
    progress(ctx, 1, 4, 'Резервная копия текущих данных');
    const safety = await safetyBackup(ctx);
    progress(ctx, 2, 4, 'Подготовка копии');
    prepareCopy(ctx, copy.path, copy.info, safety);
    // The last point where cancelling changes nothing: the copy into the live file is one transaction.
    progress(ctx, 3, 4, 'Восстановление данных');
    await copyInto(ctx.db, copy.path);
    ctx.db.changedEverything(); // every screen reloads what it shows
    ctx.db.resetStatements();
    migrate(ctx.db);
    const result = integrity(ctx.db.raw);
    if (result !== 'ok')
      throw new AppError(
        'internal',
        `После восстановления проверка целостности не пройдена (${result}). Данные до восстановления сохранены в копии «${safety.file}».`,
      );
    return { restored: copy.info, safetyBackup: safety };
  } finally {
    copy.cleanup();
  }
}
