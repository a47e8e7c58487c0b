import type { Db } from '../../../db';
import type { AppSettings } from '../../api/types';

export const DEFAULT_SETTINGS: Omit<AppSettings, 'backupDir'> & { backupDir: string | null } = {
  autoLockMinutes: 15,
  maxFailedLogins: 5,
  lockoutMinutes: 15,
  backupIntervalHours: 24,
  backupKeep: 30,
  backupDir: null,
};

export function readSetting<T>(db: Db, key: string, fallback: T): T {
  const row = db.first(db.q.selectFrom('setting').select('value').where('key', '=', key));
  if (!row) return fallback;
  try {
    return JSON.parse(row.value) as T;
  } catch {
    return fallback;
  }
}

/** Local settings are not synced (no sync mutation); their changes are audited by the caller. */
export function writeSetting(db: Db, key: string, value: unknown): void {
  db.statement('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}
