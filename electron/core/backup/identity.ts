// Which database a backup is of. A database gets a random identity the first time it is backed up
// (setting 'database.id'; it travels with the data, so a restored backup brings its own), and each
// backup's metadata row carries it with the school's name. The restore list shows this database's
// backups; another's are shown apart, and restoring one needs an explicit confirmation.
import type BetterSqlite3 from 'better-sqlite3';
import { uuidv7 } from '../../../db/ids'; // not the whole db module: the backup worker thread loads this file
import type { Db } from '../../../db';
import type { BackupInfo } from '../../api/types';

export const DATABASE_ID_KEY = 'database.id';

export interface DatabaseIdentity {
  /** Absent in backups made by earlier versions. */
  id: string | null;
  school: string | null;
}

function hasTable(raw: BetterSqlite3.Database, name: string): boolean {
  return raw.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

export function readIdentity(raw: BetterSqlite3.Database): DatabaseIdentity {
  let id: string | null = null;
  if (hasTable(raw, 'setting')) {
    const v = raw.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(DATABASE_ID_KEY) as string | undefined;
    try {
      const parsed: unknown = v === undefined ? null : JSON.parse(v);
      id = typeof parsed === 'string' ? parsed : null;
    } catch {
      id = null;
    }
  }
  const school = hasTable(raw, 'school')
    ? ((raw.prepare('SELECT full_name FROM school WHERE deleted_at IS NULL ORDER BY created_at LIMIT 1').pluck().get() as string | undefined) ?? null)
    : null;
  return { id, school };
}

/** This database's identity, made (and stored) the first time it is needed. */
export function ensureIdentity(db: Db): DatabaseIdentity {
  const now = readIdentity(db.raw);
  if (now.id) return now;
  const id = uuidv7();
  db.raw.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(DATABASE_ID_KEY, JSON.stringify(id));
  return { ...now, id };
}

/**
 * Whose data a backup holds, seen from this database: the same identity is this database's; a
 * backup of an earlier version (no identity) counts as this school's when the school's full name
 * is the same; an encrypted backup not yet opened is not known.
 */
export function originOf(backup: DatabaseIdentity | undefined, ours: DatabaseIdentity): NonNullable<BackupInfo['origin']> {
  if (!backup) return 'unknown';
  if (backup.id) return backup.id === ours.id ? 'this' : 'other';
  return backup.school !== null && backup.school === ours.school ? 'this' : 'other';
}
