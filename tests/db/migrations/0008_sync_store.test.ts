import { describe, expect, it } from 'vitest';
import { migrate } from '../../../db';
import { mutationsToPush, syncState } from '../../../db/sync';
import { databaseAt } from './databaseAt';

describe('migration 0008: the sync store replaces the outbox', () => {
  const at = databaseAt();
  const now = '2026-10-01T09:00:00.000Z';

  it('gives a version-7 database with data one first mutation inserting every office row, parents first; drops the outbox', () => {
    const db = at(7);
    const run = (sql: string, ...args: unknown[]) => db.raw.prepare(sql).run(...args);
    run("INSERT INTO staff (id, created_at, updated_at, last_name, first_name, position) VALUES ('t', ?, ?, 'Петрова', 'Анна', 'Директор')", now, now);
    run("INSERT INTO school (id, created_at, updated_at, full_name, short_name, director_id) VALUES ('sch', ?, ?, 'Школа № 1', 'Школа № 1', 't')", now, now);
    run("INSERT INTO academic_year (id, created_at, updated_at, name, start_date, end_date) VALUES ('y', ?, ?, '2026/2027', '2026-09-01', '2027-05-31')", now, now);
    run("INSERT INTO school_class (id, created_at, updated_at, year_id, grade, letter) VALUES ('7b', ?, ?, 'y', 7, 'Б')", now, now);
    run("INSERT INTO student (id, created_at, updated_at, deleted_at, last_name, first_name, birth_date, class_id) VALUES ('s2', ?, ?, ?, 'Сидоров', 'Иван', '2013-04-05', '7b')", now, now, now);
    run("INSERT INTO student (id, created_at, updated_at, last_name, first_name, birth_date, class_id) VALUES ('s1', ?, ?, 'Иванов', 'Иван', '2013-04-05', '7b')", now, now);
    run("INSERT INTO outbox (mutation_id, entity, entity_id, op, payload, created_at) VALUES ('m', 'student', 's1', 'insert', '{}', ?)", now);
    run("INSERT INTO app_user (id, login, display_name, role, password_hash, created_at, updated_at) VALUES ('u', 'admin', 'А', 'sysadmin', 'h', ?, ?)", now, now);
    run("INSERT INTO setting (key, value) VALUES ('app', '{}')");
    expect(migrate(db, 8)).toEqual([8]);

    expect(db.raw.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'outbox'").pluck().get()).toBe(0);
    expect(db.raw.prepare('SELECT no, state FROM sync_mutation').all()).toEqual([{ no: 1, state: 'pending' }]);
    const changes = db.raw.prepare('SELECT seq, entity, entity_id, op, fields, base FROM sync_change ORDER BY seq').all() as { seq: number; entity: string; entity_id: string; op: string; fields: string; base: null }[];
    // Every office row, tombstoned ones too, whole; the director's card before the school that names it; no local rows.
    expect(changes.map((c) => [c.entity, c.entity_id])).toEqual([
      ['academic_year', 'y'],
      ['staff', 't'],
      ['school', 'sch'],
      ['school_class', '7b'],
      ['student', 's1'],
      ['student', 's2'],
    ]);
    expect(changes.map((c) => c.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const c of changes) {
      expect(c.op).toBe('insert');
      expect(c.base).toBeNull();
      expect(JSON.parse(c.fields)).toEqual(db.raw.prepare(`SELECT * FROM ${c.entity} WHERE id = ?`).get(c.entity_id));
    }
    expect(db.raw.prepare('SELECT count(*) FROM sync_shadow WHERE data IS NULL AND version IS NULL').pluck().get()).toBe(6);
    expect(syncState(db)).toMatchObject({ identity: null, cursor: 0, pending: 1, refused: 0, needsFork: false });
    expect(db.raw.prepare('SELECT next_mutation FROM sync_state').pluck().get()).toBe(2);
    migrate(db); // the store of today reads today's schema
    const [m] = mutationsToPush(db, 10);
    expect(m).toMatchObject({ id: 1 });
    expect(m!.changes).toHaveLength(6);
    expect(m!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('starts an empty database with no mutation, numbering from 1', () => {
    const db = at(7);
    expect(migrate(db, 8)).toEqual([8]);
    expect(db.raw.prepare('SELECT count(*) FROM sync_mutation').pluck().get()).toBe(0);
    expect(db.raw.prepare('SELECT next_mutation, cursor, needs_fork FROM sync_state').all()).toEqual([{ next_mutation: 1, cursor: 0, needs_fork: 0 }]);
  });
});
