import { describe, expect, it } from 'vitest';
import { Db, migrate } from '../../../db';
import { databaseAt } from './databaseAt';

describe('migration 0003: subgroups, study groups and teaching assignments', () => {
  const at = databaseAt();

  const now = new Date().toISOString();
  /** A year, a class 5А with two students, two subjects and a teacher. */
  function seed(db: Db) {
    const run = (sql: string, ...args: unknown[]) => db.raw.prepare(sql).run(...args);
    run("INSERT INTO academic_year (id, created_at, updated_at, name, start_date, end_date) VALUES ('y', ?, ?, '2026/2027', '2026-09-01', '2027-05-31')", now, now);
    run("INSERT INTO school_class (id, created_at, updated_at, year_id, grade, letter) VALUES ('c', ?, ?, 'y', 5, 'А')", now, now);
    for (const s of ['eng', 'inf']) run("INSERT INTO subject (id, created_at, updated_at, name, short_name) VALUES (?, ?, ?, ?, ?)", s, now, now, s, s);
    for (const s of ['s1', 's2']) run("INSERT INTO student (id, created_at, updated_at, last_name, first_name, birth_date, class_id) VALUES (?, ?, ?, 'Иванов', 'Иван', '2015-01-01', 'c')", s, now, now);
    run("INSERT INTO staff (id, created_at, updated_at, last_name, first_name, position) VALUES ('t', ?, ?, 'Петрова', 'Анна', 'Учитель')", now, now);
    return run;
  }

  it('applies on top of 0002 and keeps existing data', () => {
    const db = at(2);
    seed(db);
    expect(migrate(db, 3)).toEqual([3]);
    expect(db.raw.prepare('SELECT count(*) AS n FROM student').get()).toEqual({ n: 2 });
  });

  it('creates every new table as a synced table', () => {
    const db = at(3);
    for (const t of ['class_division', 'subgroup', 'subgroup_member', 'study_group', 'study_group_member', 'teaching_assignment']) {
      const cols = (db.raw.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name);
      expect(cols, t).toEqual(expect.arrayContaining(['id', 'created_at', 'updated_at', 'deleted_at']));
    }
  });

  it('keeps one live division per class and subject, and a student in one live subgroup of it', () => {
    const db = at(3);
    const run = seed(db);
    run("INSERT INTO class_division (id, created_at, updated_at, class_id, subject_id, method) VALUES ('d', ?, ?, 'c', 'eng', 'balanced')", now, now);
    expect(() => run("INSERT INTO class_division (id, created_at, updated_at, class_id, subject_id, method) VALUES ('d2', ?, ?, 'c', 'eng', 'alphabet')", now, now)).toThrow(/UNIQUE/);
    expect(() => run("INSERT INTO class_division (id, created_at, updated_at, class_id, subject_id, method) VALUES ('d3', ?, ?, 'c', 'inf', 'random')", now, now)).toThrow(/CHECK/);
    run("INSERT INTO subgroup (id, created_at, updated_at, division_id, number, name) VALUES ('g1', ?, ?, 'd', 1, '1 подгруппа')", now, now);
    run("INSERT INTO subgroup (id, created_at, updated_at, division_id, number, name) VALUES ('g2', ?, ?, 'd', 2, '2 подгруппа')", now, now);
    const member = "INSERT INTO subgroup_member (id, created_at, updated_at, deleted_at, division_id, subgroup_id, student_id) VALUES (?, ?, ?, ?, 'd', ?, 's1')";
    run(member, 'm1', now, now, now, 'g1'); // tombstoned: does not count
    run(member, 'm2', now, now, null, 'g2');
    expect(() => run(member, 'm3', now, now, null, 'g1')).toThrow(/UNIQUE/);
  });

  it('makes an assignment target a class (or its subgroup) or a study group, never both, with positive hours', () => {
    const db = at(3);
    const run = seed(db);
    run("INSERT INTO study_group (id, created_at, updated_at, year_id, name, subject_id, kind, hours_per_week) VALUES ('sg', ?, ?, 'y', 'Элективный курс', 'inf', 'elective', 1)", now, now);
    const ins = 'INSERT INTO teaching_assignment (id, created_at, updated_at, teacher_id, subject_id, class_id, subgroup_id, study_group_id, hours_per_week) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)';
    run(ins, 'a1', now, now, 't', 'eng', 'c', null, null, 3);
    run(ins, 'a2', now, now, 't', 'inf', null, null, 'sg', 1);
    expect(() => run(ins, 'a3', now, now, 't', 'inf', 'c', null, 'sg', 1)).toThrow(/CHECK/);
    expect(() => run(ins, 'a4', now, now, 't', 'inf', null, null, null, 1)).toThrow(/CHECK/);
    expect(() => run(ins, 'a5', now, now, 't', 'inf', 'c', null, null, 0)).toThrow(/CHECK/);
    expect(() => run(ins, 'a6', now, now, 't', 'eng', 'c', null, null, 2)).toThrow(/UNIQUE/);
    expect(() => run(ins, 'a7', now, now, 'nobody', 'eng', 'c', null, null, 2)).toThrow(/FOREIGN KEY/);
  });
});
