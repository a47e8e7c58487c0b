// Checks and facts about one SQLite file: header, integrity, schema version, counts, the metadata
// row a backup carries, and a digest of its content.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import type { BackupInfo } from '../../api/types';
import { corrupted } from './errors';

export const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
export const META_KEY = 'backup.meta';

/** What createBackup writes into the copy (setting 'backup.meta'). */
export interface BackupMeta {
  format: 1;
  createdAt: string;
  reason: string;
  appVersion: string;
  schemaVersion: number;
  counts: BackupInfo['counts'];
  /** SHA-256 of the schema and every row except this one (contentDigest); absent in a copy of a damaged database. */
  digest?: string;
  /** A copy of a database that failed integrity_check (kept before a restore, for the record). */
  damaged?: true;
}

export function readHead(path: string, bytes = 100): { head: Buffer; size: number } {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(bytes, size));
    readSync(fd, head, 0, head.length, 0);
    return { head, size };
  } finally {
    closeSync(fd);
  }
}

export function hasSqliteMagic(head: Buffer): boolean {
  return head.length >= SQLITE_MAGIC.length && head.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC);
}

/**
 * The header must describe a whole file: a valid page size, and no fewer bytes than the pages the
 * header counts (a truncated copy is refused before SQLite is asked to read it).
 */
export function checkHeader(path: string, shownAs: string): { pageSize: number } {
  const { head, size } = readHead(path);
  if (head.length < 100 || !hasSqliteMagic(head)) throw corrupted(shownAs);
  const raw = head.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) throw corrupted(shownAs);
  if (size % pageSize !== 0) throw corrupted(shownAs);
  const pages = head.readUInt32BE(28);
  const sizeValid = pages > 0 && head.readUInt32BE(24) === head.readUInt32BE(92);
  if (sizeValid && size < pages * pageSize) throw corrupted(shownAs);
  return { pageSize };
}

/** 'ok' or the first problems SQLite reports. */
export function integrity(raw: BetterSqlite3.Database): string {
  const rows = raw.prepare('PRAGMA integrity_check(20)').pluck().all() as string[];
  return rows.length === 1 && rows[0] === 'ok' ? 'ok' : rows.slice(0, 3).join('; ');
}

export function hasTable(raw: BetterSqlite3.Database, name: string): boolean {
  return raw.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

export function schemaVersionOf(raw: BetterSqlite3.Database): number {
  if (!hasTable(raw, 'schema_migration')) return 0;
  return (raw.prepare('SELECT MAX(version) FROM schema_migration').pluck().get() as number | null) ?? 0;
}

/** Live (not deleted, not disabled) people, classes and users. */
export function countsOf(raw: BetterSqlite3.Database): BackupInfo['counts'] {
  const n = (table: string, where: string) =>
    hasTable(raw, table) ? (raw.prepare(`SELECT count(*) FROM "${table}" WHERE ${where}`).pluck().get() as number) : 0;
  return {
    students: n('student', 'deleted_at IS NULL'),
    staff: n('staff', 'deleted_at IS NULL'),
    classes: n('school_class', 'deleted_at IS NULL'),
    users: n('app_user', 'disabled = 0'),
  };
}

export function readMeta(raw: BetterSqlite3.Database): BackupMeta | null {
  if (!hasTable(raw, 'setting')) return null;
  const v = raw.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(META_KEY) as string | undefined;
  if (v === undefined) return null;
  try {
    const m = JSON.parse(v) as BackupMeta;
    return m && typeof m === 'object' && typeof m.createdAt === 'string' ? m : null;
  } catch {
    return null;
  }
}

export function writeMeta(raw: BetterSqlite3.Database, meta: BackupMeta): void {
  raw
    .prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    .run(META_KEY, JSON.stringify(meta));
}

/**
 * SHA-256 of the schema and every row of every table (rowid order), except the metadata row.
 * integrity_check sees broken structure, not a changed value inside a record; this digest does.
 */
export function contentDigest(raw: BetterSqlite3.Database): string {
  const h = createHash('sha256');
  const objects = raw
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex_%' ORDER BY type, name")
    .raw()
    .all() as [string, string, string, string | null][];
  for (const o of objects) h.update(JSON.stringify(o) + '\n');
  for (const [type, name] of objects) {
    if (type !== 'table' || (name.startsWith('sqlite_') && name !== 'sqlite_sequence')) continue;
    h.update(`#${name}\n`);
    const where = name === 'setting' ? ` WHERE key <> '${META_KEY}'` : '';
    const from = `SELECT * FROM "${name.replace(/"/g, '""')}"${where}`;
    let stmt: BetterSqlite3.Statement;
    try {
      stmt = raw.prepare(`${from} ORDER BY rowid`);
    } catch {
      stmt = raw.prepare(from); // a WITHOUT ROWID table is read in primary-key order anyway
    }
    for (const r of stmt.raw().iterate() as Iterable<unknown[]>) h.update(JSON.stringify(r) + '\n');
  }
  return h.digest('hex');
}
