// Checks and facts about one SQLite file: header, integrity, schema version, counts, the metadata
// row a backup carries, and a digest of its content.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import type { BackupInfo } from '../../api/types';
import { corrupted } from './errors';
import type { DatabaseIdentity } from './identity';

export const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
export const META_KEY = 'backup.meta';

/** What createBackup writes into the copy (setting 'backup.meta'). */
export interface BackupMeta {
  /** Which digest the copy carries: 1 rows (rowDigest), 2 pages (pageDigest). */
  format: 1 | 2;
  createdAt: string;
  reason: string;
  appVersion: string;
  schemaVersion: number;
  counts: BackupInfo['counts'];
  /** SHA-256 of the content except this row (see `format`); absent in a copy of a damaged database. */
  digest?: string;
  /** A copy of a database that failed integrity_check (kept before a restore, for the record). */
  damaged?: true;
  /** Which database the copy is of (absent in earlier versions' backups). */
  database?: DatabaseIdentity;
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
 * Format 1 digest: SHA-256 of the schema and every row of every table (rowid order), except the
 * metadata row. Still verified for backups made by earlier versions.
 */
export function rowDigest(raw: BetterSqlite3.Database): string {
  const h = createHash('sha256');
  const objects = schemaRows(raw);
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

function schemaRows(raw: BetterSqlite3.Database): [string, string, string, string | null][] {
  return raw
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex_%' ORDER BY type, name")
    .raw()
    .all() as [string, string, string, string | null][];
}

/** The digest format a fresh copy gets: pages, unless auto_vacuum may move pages when the metadata row is written. */
export function digestFormatOf(raw: BetterSqlite3.Database): 1 | 2 {
  return raw.pragma('auto_vacuum', { simple: true }) === 0 ? 2 : 1;
}

export function contentDigest(raw: BetterSqlite3.Database, path: string, format: 1 | 2): string {
  return format === 2 ? pageDigest(raw, path) : rowDigest(raw);
}

/**
 * Format 2 digest, about ten times faster than hashing rows (a backup is made before every import):
 * SHA-256 of the schema and the settings as rows (without the metadata row), then of every page of
 * the file byte for byte, except page 1 (header and schema root), the pages of the `setting` table
 * and its index, and the free pages. Writing the metadata row touches only those, so the digest
 * computed before it is written still holds after; anything else that changes is noticed. The
 * connection must be idle (no open transaction) and the file in rollback-journal mode.
 */
export function pageDigest(raw: BetterSqlite3.Database, path: string): string {
  const h = createHash('sha256');
  h.update('pages\n');
  for (const o of schemaRows(raw)) h.update(JSON.stringify(o) + '\n');
  for (const r of raw.prepare('SELECT key, value FROM setting WHERE key <> ? ORDER BY key').raw().iterate(META_KEY) as Iterable<unknown[]>)
    h.update(JSON.stringify(r) + '\n');
  const pageSize = raw.pragma('page_size', { simple: true }) as number;
  const pageCount = raw.pragma('page_count', { simple: true }) as number;
  const skip = new Set<number>([1]);
  const settingPages = raw
    .prepare("SELECT pageno FROM dbstat WHERE name IN (SELECT name FROM sqlite_master WHERE tbl_name = 'setting')")
    .pluck()
    .all() as number[];
  for (const p of settingPages) skip.add(p);
  const fd = openSync(path, 'r');
  try {
    for (const p of freePages(fd, pageSize, pageCount)) skip.add(p);
    const perChunk = Math.max(1, Math.floor((1 << 20) / pageSize));
    const buf = Buffer.alloc(perChunk * pageSize);
    for (let first = 1; first <= pageCount; first += perChunk) {
      const n = Math.min(perChunk, pageCount - first + 1);
      const got = readSync(fd, buf, 0, n * pageSize, (first - 1) * pageSize);
      if (got !== n * pageSize) throw new Error('short read');
      for (let i = 0; i < n; i++) if (!skip.has(first + i)) h.update(buf.subarray(i * pageSize, (i + 1) * pageSize));
    }
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}

/** The free-list pages (trunks and leaves), read from the file; bounded against a damaged list. */
function freePages(fd: number, pageSize: number, pageCount: number): number[] {
  const head = Buffer.alloc(8);
  readSync(fd, head, 0, 8, 32);
  const pages: number[] = [];
  const valid = (p: number) => p >= 2 && p <= pageCount;
  const trunk = Buffer.alloc(pageSize);
  for (let t = head.readUInt32BE(0); t !== 0 && valid(t) && pages.length <= pageCount; ) {
    pages.push(t);
    readSync(fd, trunk, 0, pageSize, (t - 1) * pageSize);
    const leaves = Math.min(trunk.readUInt32BE(4), pageSize / 4 - 2);
    for (let i = 0; i < leaves; i++) {
      const leaf = trunk.readUInt32BE(8 + 4 * i);
      if (valid(leaf)) pages.push(leaf);
    }
    t = trunk.readUInt32BE(0);
  }
  return pages;
}
