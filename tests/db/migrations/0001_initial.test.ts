import { afterEach, describe, expect, it } from 'vitest';
import { Db, migrate } from '../../../db';
import { tempDir } from '../../support/tmp';
import { join } from 'node:path';

describe('migration 0001: initial setup tables, outbox and audit log', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  function fresh(): Db {
    const t = tempDir();
    const db = new Db(join(t.dir, 'm.sqlite'));
    cleanup = () => (db.close(), t.cleanup());
    return db;
  }

  it('creates every synced table with id, timestamps and tombstone', () => {
    const db = fresh();
    expect(migrate(db, 1)).toEqual([1]);
    const synced = ['school', 'academic_year', 'study_period', 'holiday', 'bell_schedule', 'bell', 'subject', 'room', 'staff', 'school_class', 'curriculum_item', 'student', 'guardian', 'student_guardian'];
    for (const t of synced) {
      const cols = (db.raw.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name);
      expect(cols, t).toEqual(expect.arrayContaining(['id', 'created_at', 'updated_at', 'deleted_at']));
    }
    for (const t of ['outbox', 'audit_log', 'setting', 'schema_migration'])
      expect(db.raw.prepare("SELECT name FROM sqlite_master WHERE name = ?").get(t), t).toBeTruthy();
  });

  it('enforces foreign keys and checks', () => {
    const db = fresh();
    migrate(db, 1);
    const now = new Date().toISOString();
    expect(() =>
      db.raw.prepare("INSERT INTO school_class (id, created_at, updated_at, year_id, grade, letter) VALUES ('c', ?, ?, 'missing-year', 5, 'А')").run(now, now),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.raw.prepare("INSERT INTO academic_year (id, created_at, updated_at, name, start_date, end_date, grade_edit_window) VALUES ('y', ?, ?, 'x', '2026-09-01', '2027-05-31', 'forever')").run(now, now),
    ).toThrow(/CHECK/);
  });

  it('allows one live class per year, grade and letter, but a tombstoned twin', () => {
    const db = fresh();
    migrate(db, 1);
    const now = new Date().toISOString();
    db.raw.prepare("INSERT INTO academic_year (id, created_at, updated_at, name, start_date, end_date) VALUES ('y', ?, ?, '2026/2027', '2026-09-01', '2027-05-31')").run(now, now);
    const ins = db.raw.prepare("INSERT INTO school_class (id, created_at, updated_at, deleted_at, year_id, grade, letter) VALUES (?, ?, ?, ?, 'y', 5, 'А')");
    ins.run('a', now, now, now);
    ins.run('b', now, now, null);
    expect(() => ins.run('c', now, now, null)).toThrow(/UNIQUE/);
  });

  it('is recorded in schema_migration and not applied twice', () => {
    const db = fresh();
    migrate(db);
    expect(db.schemaVersion()).toBeGreaterThanOrEqual(1);
    expect(migrate(db)).toEqual([]);
  });
});
