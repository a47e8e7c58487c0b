import { describe, expect, it } from 'vitest';
import { migrate } from '../../../db';
import { databaseAt } from './databaseAt';

describe('migration 0002: app users and the correction-request register', () => {
  const at = databaseAt();

  it('applies on top of 0001 and keeps existing data', () => {
    const db = at(1);
    const now = new Date().toISOString();
    db.raw.prepare("INSERT INTO room (id, created_at, updated_at, number) VALUES ('r', ?, ?, '101')").run(now, now);
    expect(migrate(db, 2)).toEqual([2]);
    expect(db.raw.prepare('SELECT number FROM room').get()).toEqual({ number: '101' });
  });

  it('keeps logins unique regardless of case and roles within the list', () => {
    const db = at(2);
    const now = new Date().toISOString();
    const ins = db.raw.prepare('INSERT INTO app_user (id, login, display_name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    ins.run('1', 'admin', 'Админ', 'sysadmin', 'h', now, now);
    expect(() => ins.run('2', 'ADMIN', 'Другой', 'sysadmin', 'h', now, now)).toThrow(/UNIQUE/);
    expect(() => ins.run('3', 'teacher', 'Учитель', 'teacher', 'h', now, now)).toThrow(/CHECK/);
  });

  it('creates the correction register as a synced table', () => {
    const db = at(2);
    const cols = (db.raw.prepare('PRAGMA table_info(correction_request)').all() as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(expect.arrayContaining(['id', 'created_at', 'updated_at', 'deleted_at', 'reported_at', 'due_at', 'corrected_at', 'reporter_notified_at']));
  });
});
