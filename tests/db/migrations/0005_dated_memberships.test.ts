import { describe, expect, it } from 'vitest';
import { Db, migrate } from '../../../db';
import { databaseAt } from './databaseAt';

describe('migration 0005: dated class, subgroup and study-group memberships', () => {
  const at = databaseAt();
  const now = '2026-10-01T09:00:00.000Z';

  /** A database as version 4 filled it: students with class_id, subgroup and study-group members. */
  function seed(db: Db) {
    const run = (sql: string, ...args: unknown[]) => db.raw.prepare(sql).run(...args);
    run("INSERT INTO academic_year (id, created_at, updated_at, name, start_date, end_date, is_current) VALUES ('y', ?, ?, '2026/2027', '2026-09-01', '2027-05-31', 1)", now, now);
    run("INSERT INTO academic_year (id, created_at, updated_at, name, start_date, end_date) VALUES ('y0', ?, ?, '2025/2026', '2025-09-01', '2026-05-31')", now, now);
    for (const [id, year, letter] of [['a', 'y', 'А'], ['b', 'y', 'Б'], ['old', 'y0', 'А']])
      run('INSERT INTO school_class (id, created_at, updated_at, year_id, grade, letter) VALUES (?, ?, ?, ?, 5, ?)', id, now, now, year, letter);
    run("INSERT INTO subject (id, created_at, updated_at, name, short_name) VALUES ('eng', ?, ?, 'Английский язык', 'Англ')", now, now);
    const student = (id: string, classId: string | null, deletedAt: string | null = null) =>
      run("INSERT INTO student (id, created_at, updated_at, deleted_at, last_name, first_name, birth_date, class_id) VALUES (?, ?, ?, ?, 'Иванов', 'Иван', '2015-01-01', ?)", id, now, now, deletedAt, classId);
    student('s1', 'a');
    student('s2', 'a');
    student('s3', 'b');
    student('s4', null); // in no class: no membership
    student('s5', 'b', '2026-10-20T10:00:00.000Z'); // left the school
    student('s6', 'old', '2025-08-01T10:00:00.000Z'); // left before its class's year began
    run("INSERT INTO class_division (id, created_at, updated_at, class_id, subject_id, method) VALUES ('d', ?, ?, 'a', 'eng', 'balanced')", now, now);
    for (const n of [1, 2]) run("INSERT INTO subgroup (id, created_at, updated_at, division_id, number, name) VALUES (?, ?, ?, 'd', ?, ?)", `g${n}`, now, now, n, `${n} подгруппа`);
    run("INSERT INTO subgroup_member (id, created_at, updated_at, division_id, subgroup_id, student_id) VALUES ('m1', ?, ?, 'd', 'g1', 's1')", now, now);
    run("INSERT INTO subgroup_member (id, created_at, updated_at, division_id, subgroup_id, student_id) VALUES ('m2', ?, ?, 'd', 'g2', 's2')", now, now);
    run("INSERT INTO subgroup_member (id, created_at, updated_at, deleted_at, division_id, subgroup_id, student_id) VALUES ('m0', ?, ?, ?, 'd', 'g2', 's1')", now, now, now);
    run("INSERT INTO study_group (id, created_at, updated_at, year_id, name, subject_id, kind, hours_per_week) VALUES ('sg', ?, ?, 'y', 'Кружок', 'eng', 'elective', 1)", now, now);
    run("INSERT INTO study_group_member (id, created_at, updated_at, group_id, student_id) VALUES ('sm1', ?, ?, 'sg', 's1')", now, now);
    run("INSERT INTO study_group_member (id, created_at, updated_at, deleted_at, group_id, student_id) VALUES ('sm0', ?, ?, ?, 'sg', 's3')", now, now, now);
  }
  const all = (db: Db, sql: string) => db.raw.prepare(sql).all();

  it('carries every student with a class into a membership from the start of the class\'s year', () => {
    const db = at(4);
    seed(db);
    const studentsBefore = all(db, 'SELECT * FROM student ORDER BY id');
    expect(migrate(db, 5)).toEqual([5]);
    expect(all(db, 'SELECT student_id, class_id, date_from, date_to, opened_order_id, closed_order_id, deleted_at FROM class_membership ORDER BY student_id')).toEqual([
      { student_id: 's1', class_id: 'a', date_from: '2026-09-01', date_to: null, opened_order_id: null, closed_order_id: null, deleted_at: null },
      { student_id: 's2', class_id: 'a', date_from: '2026-09-01', date_to: null, opened_order_id: null, closed_order_id: null, deleted_at: null },
      { student_id: 's3', class_id: 'b', date_from: '2026-09-01', date_to: null, opened_order_id: null, closed_order_id: null, deleted_at: null },
      { student_id: 's5', class_id: 'b', date_from: '2026-09-01', date_to: '2026-10-20', opened_order_id: null, closed_order_id: null, deleted_at: null },
      { student_id: 's6', class_id: 'old', date_from: '2025-09-01', date_to: '2025-09-01', opened_order_id: null, closed_order_id: null, deleted_at: null },
    ]);
    // The students themselves are as they were (class_id is now the cache of the open membership).
    expect(all(db, 'SELECT * FROM student ORDER BY id')).toEqual(studentsBefore);
    // Each new membership is queued for sync, as any insert; nobody acted, so no audit line.
    const outbox = all(db, "SELECT entity_id, op, payload FROM outbox WHERE entity = 'class_membership'") as { entity_id: string; op: string; payload: string }[];
    expect(outbox).toHaveLength(5);
    const ids = new Set((all(db, 'SELECT id FROM class_membership') as { id: string }[]).map((r) => r.id));
    for (const o of outbox) {
      expect(o.op).toBe('insert');
      expect(ids.has(o.entity_id)).toBe(true);
      expect(JSON.parse(o.payload)).toEqual(db.raw.prepare('SELECT * FROM class_membership WHERE id = ?').get(o.entity_id));
    }
    expect(all(db, 'SELECT count(*) AS n FROM audit_log')).toEqual([{ n: 0 }]);
  });

  it('keeps every subgroup and study-group row, dated from its year\'s start and open', () => {
    const db = at(4);
    seed(db);
    const sub = all(db, 'SELECT * FROM subgroup_member ORDER BY id') as Record<string, unknown>[];
    const grp = all(db, 'SELECT * FROM study_group_member ORDER BY id') as Record<string, unknown>[];
    migrate(db, 5);
    expect(all(db, 'SELECT * FROM subgroup_member ORDER BY id')).toEqual(sub.map((r) => ({ ...r, date_from: '2026-09-01', date_to: null })));
    expect(all(db, 'SELECT * FROM study_group_member ORDER BY id')).toEqual(grp.map((r) => ({ ...r, date_from: '2026-09-01', date_to: null })));
  });

  it('one open row per division (group) and student; a closed one may sit beside it; dates in order', () => {
    const db = at(4);
    seed(db);
    migrate(db, 5);
    const run = (sql: string, ...args: unknown[]) => db.raw.prepare(sql).run(...args);
    expect(() => run("INSERT INTO subgroup_member (id, created_at, updated_at, division_id, subgroup_id, student_id, date_from) VALUES ('x', ?, ?, 'd', 'g2', 's1', '2026-10-01')", now, now)).toThrow(/UNIQUE/);
    run("UPDATE subgroup_member SET date_to = '2026-10-01' WHERE id = 'm1'");
    run("INSERT INTO subgroup_member (id, created_at, updated_at, division_id, subgroup_id, student_id, date_from) VALUES ('x', ?, ?, 'd', 'g2', 's1', '2026-10-01')", now, now);
    expect(() => run("UPDATE subgroup_member SET date_to = '2026-08-01' WHERE id = 'x'")).toThrow(/CHECK/);
    expect(() => run("INSERT INTO study_group_member (id, created_at, updated_at, group_id, student_id, date_from) VALUES ('y', ?, ?, 'sg', 's1', '2026-10-01')", now, now)).toThrow(/UNIQUE/);
    expect(() => run("INSERT INTO class_membership (id, created_at, updated_at, student_id, class_id, date_from) VALUES ('z', ?, ?, 's1', 'b', '2026-10-01')", now, now)).toThrow(/UNIQUE/);
    expect(() => run("INSERT INTO class_membership (id, created_at, updated_at, student_id, class_id, date_from) VALUES ('z', ?, ?, 'nobody', 'b', '2026-10-01')", now, now)).toThrow(/FOREIGN KEY/);
    expect(db.raw.pragma('foreign_key_check')).toEqual([]);
    expect(db.raw.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
