import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Ctx } from '../../electron/core/context';
import { createLocalClient } from '../../electron/core/dispatch';
import { Session } from '../../electron/core/auth/session';
import { AppError } from '../../electron/api/errors';
import { openDatabase } from '../../db';
import { tempDir } from '../support/tmp';
import { grantBackupFile } from '../../electron/core/backup/grants';

export type Rows = Record<string, unknown[][]>;

/** Every row of every table (from sqlite_master), in rowid order, plus the schema itself. */
export function snapshot(raw: BetterSqlite3.Database): Rows {
  const out: Rows = {};
  const tables = raw.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string; sql: string }[];
  out['sqlite_master'] = raw.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').raw().all() as unknown[][];
  for (const t of tables) out[t.name] = raw.prepare(`SELECT rowid AS _rowid, * FROM "${t.name}" ORDER BY rowid`).raw().all() as unknown[][];
  return out;
}

export function snapshotFile(path: string): Rows {
  const raw = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    return snapshot(raw);
  } finally {
    raw.close();
  }
}

/**
 * The restore keeps this computer's backup bookkeeping (settings 'backup.*') and adds one audit
 * line about itself; everything else must be identical.
 */
/** The position of sync_state.needs_fork in a snapshot's row: after the rowid, its 11th column. */
const NEEDS_FORK_AT = 11;
export function withoutRestoreBookkeeping(rows: Rows): Rows {
  const out: Rows = { ...rows };
  out['setting'] = (rows['setting'] ?? []).filter((r) => !String(r[1]).startsWith('backup.'));
  out['audit_log'] = (rows['audit_log'] ?? []).filter((r) => r[4] !== 'backup');
  // The restore tells sync to fork (sync_state.needs_fork): compared without it.
  out['sync_state'] = (rows['sync_state'] ?? []).map((r) => r.filter((_, i) => i !== NEEDS_FORK_AT));
  // AUTOINCREMENT counts the restore's audit line too: compare the counter with the rows kept.
  const lastSeq = out['audit_log'].reduce((m, r) => Math.max(m, Number(r[1])), 0);
  out['sqlite_sequence'] = (rows['sqlite_sequence'] ?? []).map((r) => (r[1] === 'audit_log' ? [r[0], r[1], lastSeq] : r));
  return out;
}

export const count = (raw: BetterSqlite3.Database, sql: string): number => raw.prepare(sql).pluck().get() as number;

/** A demo school in a temp file, the administrator logged in (no forced password change). */
export async function demoCore(students = 200, now: () => Date = () => new Date()) {
  const t = tempDir('school-office-test-backup-');
  const path = join(t.dir, 'school.sqlite');
  const db = openDatabase(path);
  const ctx: Ctx = { db, actor: 'system', host: 'test', now, session: new Session(false), dataDir: t.dir };
  const call = createLocalClient(ctx);
  const demo = await call('app.loadDemo', { students, seed: 7 });
  const password = (login: string) => demo.users.find((u) => u.login === login)!.password;
  await call('auth.login', { login: 'admin', password: password('admin') });
  const core = {
    dir: t.dir,
    path,
    db,
    ctx,
    call,
    password,
    backupDir: join(t.dir, 'Резервные копии'),
    /**
     * `file` as if the administrator had chosen it in the file dialog (what the Electron shell
     * does after dialog.showOpenDialog): inspect and restore may open it.
     */
    chosen: (file: string) => {
      grantBackupFile(ctx, file);
      return file;
    },
    cleanup: () => {
      core.db.close();
      t.cleanup();
    },
  };
  return core;
}

export async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a refusal');
}
