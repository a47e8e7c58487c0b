// Sealing a fresh copy: rollback-journal mode, counts, content digest, metadata, integrity_check.
// Shared by the backup worker thread and the in-thread fallback (snapshot.ts).
import BetterSqlite3 from 'better-sqlite3';
import pkg from '../../../package.json';
import { createPrivateFile } from '../../../db/private';
import { readIdentity } from './identity';
import { contentDigest, countsOf, digestFormatOf, integrity, schemaVersionOf, writeMeta, type BackupMeta } from './sqliteFile';

export type SealBase = Pick<BackupMeta, 'createdAt' | 'reason'>;

/** What sealing a copy came to; plain data, so that it crosses from the worker thread as it is. */
export type SealOutcome =
  | { ok: true; meta: BackupMeta }
  /** The copy failed integrity_check (`result` is SQLite's first problems). */
  | { ok: false; copyFailed: string }
  /** Writing or reading failed: the error's code (ENOSPC, SQLITE_FULL, …), never its text. */
  | { ok: false; code: string };

function failure(e: unknown): SealOutcome {
  return { ok: false, code: String((e as { code?: unknown }).code) };
}

/** Seals the copy at `path`; `damaged`: the live database failed integrity_check and is copied as it is. */
export function sealCopy(path: string, base: SealBase, damaged: boolean): SealOutcome {
  const raw = new BetterSqlite3(path, { fileMustExist: true });
  try {
    // The copy carries the live file's WAL flag; a backup is one self-contained file.
    raw.pragma('journal_mode = DELETE');
    raw.pragma('synchronous = FULL');
    raw.pragma('cache_size = -65536'); // integrity_check walks every index against its table
    const meta: BackupMeta = { format: digestFormatOf(raw), ...base, appVersion: pkg.version, schemaVersion: 0, counts: { students: 0, staff: 0, classes: 0, users: 0 } };
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
      meta.database = readIdentity(raw);
      meta.digest = contentDigest(raw, path, meta.format);
    }
    writeMeta(raw, meta);
    const result = integrity(raw);
    if (result !== 'ok' && !damaged) return { ok: false, copyFailed: result };
    return { ok: true, meta };
  } finally {
    raw.close();
  }
}

/** SQLite's online backup of `source` into `path` (all pages in one step), then sealed. */
export async function copyAndSeal(source: BetterSqlite3.Database, path: string, base: SealBase, damaged: boolean): Promise<SealOutcome> {
  try {
    createPrivateFile(path); // SQLite would create it 0644; its -journal takes the file's mode
    await source.backup(path, { progress: () => 0x7fffffff });
    return sealCopy(path, base, damaged);
  } catch (e) {
    if (typeof (e as { code?: unknown })?.code !== 'string') throw e; // a bug, not the disk
    return failure(e);
  }
}
