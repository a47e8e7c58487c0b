import { describe, expect, it } from 'vitest';
import { migrate } from '../../../db';
import { databaseAt } from './databaseAt';

describe('migration 0007: journal data from the central system', () => {
  const at = databaseAt();
  const now = '2026-10-01T09:00:00.000Z';

  it('adds the journal tables to a version-6 database, keeping its rows, and their checks hold', () => {
    const db = at(6);
    const run = (sql: string, ...args: unknown[]) => db.raw.prepare(sql).run(...args);
    run("INSERT INTO academic_year (id, created_at, updated_at, name, start_date, end_date) VALUES ('y', ?, ?, '2026/2027', '2026-09-01', '2027-05-31')", now, now);
    run("INSERT INTO subject (id, created_at, updated_at, name, short_name) VALUES ('alg', ?, ?, 'Алгебра', 'Алг.')", now, now);
    run("INSERT INTO staff (id, created_at, updated_at, last_name, first_name, position) VALUES ('t', ?, ?, 'Петрова', 'Анна', 'Учитель')", now, now);
    run("INSERT INTO school_class (id, created_at, updated_at, year_id, grade, letter) VALUES ('7b', ?, ?, 'y', 7, 'Б')", now, now);
    run("INSERT INTO student (id, created_at, updated_at, last_name, first_name, birth_date, class_id) VALUES ('s', ?, ?, 'Иванов', 'Иван', '2013-04-05', '7b')", now, now);
    expect(migrate(db, 7)).toEqual([7]);
    expect(db.raw.prepare('SELECT count(*) FROM student').pluck().get()).toBe(1);
    run("INSERT INTO lesson (id, created_at, updated_at, date, lesson_no, class_id, subject_id, teacher_id, topic) VALUES ('l', ?, ?, '2026-09-02', 2, '7b', 'alg', 't', 'Линейная функция')", now, now);
    run("INSERT INTO mark (id, created_at, updated_at, student_id, lesson_id, date, subject_id, value, work_kind, weight, entered_by, entered_at) VALUES ('m', ?, ?, 's', 'l', '2026-09-02', 'alg', 'na', 'test', 2, 't', ?)", now, now, now);
    run("INSERT INTO attendance (id, created_at, updated_at, lesson_id, student_id, kind, entered_at) VALUES ('a', ?, ?, 'l', 's', 'late', ?)", now, now, now);
    run("INSERT INTO period_mark (id, created_at, updated_at, student_id, subject_id, year_id, value, entered_at) VALUES ('p', ?, ?, 's', 'alg', 'y', '4', ?)", now, now, now);
    run("INSERT INTO mark_change (id, created_at, updated_at, mark_id, mark_table, student_id, subject_id, teacher_id, changed_at, old_value, new_value) VALUES ('c', ?, ?, 'm', 'mark', 's', 'alg', 't', ?, '2', '3')", now, now, now);
    run("INSERT INTO journal_account (id, created_at, updated_at, staff_id, login) VALUES ('j', ?, ?, 't', 'petrova')", now, now);
    // A mark out of the scheme, an unknown kind of work, a lesson of both a class and a study group are refused.
    expect(() => run("UPDATE mark SET value = '6' WHERE id = 'm'")).toThrow(/CHECK/);
    expect(() => run("UPDATE mark SET work_kind = 'quiz' WHERE id = 'm'")).toThrow(/CHECK/);
    expect(() => run("UPDATE attendance SET kind = 'Н' WHERE id = 'a'")).toThrow(/CHECK/);
    expect(() => run("UPDATE lesson SET class_id = NULL WHERE id = 'l'")).toThrow(/CHECK/);
    expect(() => run("INSERT INTO mark (id, created_at, updated_at, student_id, date, subject_id, value, work_kind, weight, entered_at) VALUES ('m2', ?, ?, 'nobody', '2026-09-02', 'alg', '5', 'answer', 1, ?)", now, now, now)).toThrow(/FOREIGN KEY/);
  });
});
