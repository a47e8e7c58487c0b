// Checking a backup file before anything is taken from it. The user's file is never opened by
// SQLite (a USB stick must not get a journal or a changed header): it is copied, or decrypted, into
// a private temp folder, and that copy is checked — header, integrity_check, schema version and the
// content digest — and then used by restore. A work folder left by a process that died (a crash
// during a restore) is removed by the next inspect or restore.
import { copyFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { BackupInfo } from '../../api/types';
import { AppError } from '../../api/errors';
import { LATEST_SCHEMA_VERSION } from '../../../db';
import { decryptFile, hasMagic, parseEncryptedHeader, MAX_HEADER_LEN, type Unlock } from './crypto';
import { corrupted, foreignSchema, newerSchema, noSeal, notFound } from './errors';
import { readIdentity } from './identity';
import { parseBackupName } from './names';
import { schemaDifferences } from './schemaCheck';
import { checkHeader, contentDigest, countsOf, hasSqliteMagic, hasTable, integrity, readHead, readMeta, schemaVersionOf } from './sqliteFile';

export interface CheckedCopy {
  /** A verified plain SQLite copy of the backup, private to this process. */
  path: string;
  info: BackupInfo;
  cleanup: () => void;
}

const WORK_PREFIX = 'school-office-work-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

/**
 * Removes the work folders (plain copies of backups, personal data) that processes which died
 * during an inspect or a restore left in the temp folder. Returns how many were removed.
 */
export function sweepWorkDirs(): number {
  let removed = 0;
  let names: string[] = [];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!name.startsWith(WORK_PREFIX)) continue;
    const pid = Number(name.slice(WORK_PREFIX.length).split('-')[0]);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || alive(pid)) continue;
    try {
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
      removed++;
    } catch {
      // someone else's, or in use
    }
  }
  return removed;
}

function isSqliteError(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return (e as Error)?.name === 'SqliteError' || (typeof code === 'string' && code.startsWith('SQLITE_'));
}

/** Checks the plain copy at `path` of the backup `file`; returns what the backup holds. */
function examine(path: string, file: string, facts: { encryptedBy: BackupInfo['encryptedBy']; sizeBytes: number }): BackupInfo {
  checkHeader(path, file);
  let raw: BetterSqlite3.Database | null = null;
  try {
    raw = new BetterSqlite3(path, { fileMustExist: true });
    if (integrity(raw) !== 'ok') throw corrupted(file);
    if (!hasTable(raw, 'schema_migration') || !hasTable(raw, 'setting')) throw corrupted(file);
    const schemaVersion = schemaVersionOf(raw);
    if (schemaVersion > LATEST_SCHEMA_VERSION) throw newerSchema(schemaVersion);
    // Before anything else is read from it: exactly our schema for its version, nothing planted.
    const differences = schemaDifferences(raw, schemaVersion);
    if (differences.length) throw foreignSchema(file, differences);
    const meta = readMeta(raw);
    if (!meta?.digest || meta.damaged) throw noSeal(file);
    if (meta.digest !== contentDigest(raw, path, meta.format === 2 ? 2 : 1)) throw corrupted(file);
    const named = parseBackupName(basename(file));
    return {
      file,
      createdAt: meta.createdAt,
      reason: meta.reason ?? named?.reason ?? 'неизвестно',
      encrypted: facts.encryptedBy !== undefined,
      ...(facts.encryptedBy ? { encryptedBy: facts.encryptedBy } : {}),
      sizeBytes: facts.sizeBytes,
      schemaVersion,
      appVersion: meta.appVersion ?? '',
      counts: countsOf(raw),
      // Earlier versions' backups carry no identity: the school's name is read from their data.
      database: meta.database ?? readIdentity(raw),
    };
  } catch (e) {
    if (isSqliteError(e)) throw corrupted(file);
    throw e;
  } finally {
    raw?.close();
  }
}

/**
 * Copies (or decrypts) the backup into a private temp folder and checks it fully. Refusals:
 * not found, not a backup or damaged, encrypted without or with a wrong password (or with another
 * computer's key), newer schema, a schema that is not ours, no metadata row.
 */
export async function checkedCopy(fileArg: string, unlock: Unlock = {}): Promise<CheckedCopy> {
  const file = resolve(fileArg);
  let st;
  try {
    st = statSync(file);
  } catch {
    throw notFound(file);
  }
  if (!st.isFile()) throw corrupted(file);
  let head: Buffer;
  try {
    head = readHead(file, MAX_HEADER_LEN).head;
  } catch {
    throw new AppError('forbidden', `Нет доступа к файлу резервной копии: ${file}`);
  }
  const encrypted = hasMagic(head);
  if (!encrypted && !hasSqliteMagic(head)) throw corrupted(file);
  const header = encrypted ? parseEncryptedHeader(head) : null;
  if (encrypted && !header) throw corrupted(file);
  const encryptedBy = header ? (header.version === 1 ? ('password' as const) : ('key' as const)) : undefined;

  sweepWorkDirs();
  const dir = mkdtempSync(join(tmpdir(), `${WORK_PREFIX}${process.pid}-`));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  const path = join(dir, 'backup.sqlite');
  try {
    if (encrypted) await decryptFile(file, path, unlock, file);
    else copyFileSync(file, path);
    const info = examine(path, file, { encryptedBy, sizeBytes: st.size });
    return { path, info, cleanup };
  } catch (e) {
    cleanup();
    if (e instanceof AppError) throw e;
    if (isSqliteError(e)) throw corrupted(file);
    throw e;
  }
}

export async function inspectFile(file: string, unlock: Unlock = {}): Promise<BackupInfo> {
  const c = await checkedCopy(file, unlock);
  c.cleanup();
  return c.info;
}
