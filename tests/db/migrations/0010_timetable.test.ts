import { describe, expect, it } from 'vitest';
import { migrate } from '../../../db';
import { databaseAt } from './databaseAt';

describe('migration 0010: timetable and substitutions', () => {
  const at = databaseAt();
  const now = '2026-10-01T09:00:00.000Z';

  it('adds the timetable tables to a version-9 database, keeps its rooms and subjects, and their checks hold', () => {
    const db = at(9);
    const run = (sql: string, ...args: unknown[]) => db.raw.prepare(sql).run(...args);
    run("INSERT INTO academic_year (id, created_at, updated_at, name, start_date, end_date) VALUES ('y', ?, ?, '2026/2027', '2026-09-01', '2027-05-31')", now, now);
    run("INSERT INTO subject (id, created_at, updated_at, name, short_name) VALUES ('pe', ?, ?, 'Физическая культура', 'Физ-ра')", now, now);
    run("INSERT INTO room (id, created_at, updated_at, number) VALUES ('r', ?, ?, 'Спортзал')", now, now);
    run("INSERT INTO staff (id, created_at, updated_at, last_name, first_name, position) VALUES ('t', ?, ?, 'Петрова', 'Анна', 'Учитель')", now, now);
    run("INSERT INTO staff (id, created_at, updated_at, last_name, first_name, position) VALUES ('u', ?, ?, 'Котов', 'Олег', 'Учитель')", now, now);
    run("INSERT INTO school_class (id, created_at, updated_at, year_id, grade, letter) VALUES ('7b', ?, ?, 'y', 7, 'Б')", now, now);
    expect(migrate(db, 10)).toEqual([10]);
    // Existing rooms are ordinary, subjects need no room kind until the school says so.
    expect(db.raw.prepare("SELECT kind FROM room WHERE id = 'r'").pluck().get()).toBe('regular');
    expect(db.raw.prepare("SELECT room_kind FROM subject WHERE id = 'pe'").pluck().get()).toBeNull();
    run("UPDATE room SET kind = 'gym'");
    run("UPDATE subject SET room_kind = 'gym'");
    expect(() => run("UPDATE room SET kind = 'pool'")).toThrow(/CHECK/);

    run("INSERT INTO timetable (id, created_at, updated_at, year_id, name, valid_from) VALUES ('tt', ?, ?, 'y', 'Основное', '2026-09-01')", now, now);
    expect(() => run("INSERT INTO timetable (id, created_at, updated_at, year_id, name, valid_from) VALUES ('tt2', ?, ?, 'y', 'Второе', '2026-09-01')", now, now)).toThrow(/UNIQUE/);
    run("INSERT INTO timetable_card (id, created_at, updated_at, timetable_id, teacher_id, subject_id, class_id, weekday, lesson_no, room_id) VALUES ('c', ?, ?, 'tt', 't', 'pe', '7b', 2, 3, 'r')", now, now);
    run("INSERT INTO timetable_card (id, created_at, updated_at, timetable_id, teacher_id, subject_id, class_id) VALUES ('c2', ?, ?, 'tt', 't', 'pe', '7b')", now, now);
    // Placed needs both a day and a lesson; a card is of a class or of a study group, not both, not neither.
    expect(() => run("UPDATE timetable_card SET lesson_no = NULL WHERE id = 'c'")).toThrow(/CHECK/);
    expect(() => run("UPDATE timetable_card SET class_id = NULL WHERE id = 'c'")).toThrow(/CHECK/);
    expect(() => run("UPDATE timetable_card SET weekday = 7 WHERE id = 'c'")).toThrow(/CHECK/);
    expect(() => run("UPDATE timetable_card SET weeks = 'third' WHERE id = 'c'")).toThrow(/CHECK/);

    run("INSERT INTO teacher_unavailable (id, created_at, updated_at, timetable_id, staff_id, weekday, reason) VALUES ('n', ?, ?, 'tt', 't', 5, 'methodical_day')", now, now);
    // The same teacher's whole day twice is one record too many.
    expect(() => run("INSERT INTO teacher_unavailable (id, created_at, updated_at, timetable_id, staff_id, weekday) VALUES ('n2', ?, ?, 'tt', 't', 5)", now, now)).toThrow(/UNIQUE/);
    run("INSERT INTO teacher_unavailable (id, created_at, updated_at, timetable_id, staff_id, weekday, lesson_no) VALUES ('n3', ?, ?, 'tt', 't', 4, 1)", now, now);

    run("INSERT INTO teacher_absence (id, created_at, updated_at, staff_id, date_from, date_to, reason) VALUES ('a', ?, ?, 't', '2026-12-01', '2026-12-04', 'illness')", now, now);
    expect(() => run("INSERT INTO teacher_absence (id, created_at, updated_at, staff_id, date_from, date_to, reason) VALUES ('a2', ?, ?, 't', '2026-12-04', '2026-12-01', 'illness')", now, now)).toThrow(/CHECK/);

    run("INSERT INTO lesson_change (id, created_at, updated_at, date, card_id, kind, absence_id, substitute_id, same_subject) VALUES ('x', ?, ?, '2026-12-01', 'c', 'substitute', 'a', 'u', 1)", now, now);
    // One change per lesson and date; a substitution names its teacher, a move its new time, a room change its room.
    expect(() => run("INSERT INTO lesson_change (id, created_at, updated_at, date, card_id, kind) VALUES ('x2', ?, ?, '2026-12-01', 'c', 'cancel')", now, now)).toThrow(/UNIQUE/);
    expect(() => run("INSERT INTO lesson_change (id, created_at, updated_at, date, card_id, kind) VALUES ('x3', ?, ?, '2026-12-02', 'c', 'substitute')", now, now)).toThrow(/CHECK/);
    expect(() => run("INSERT INTO lesson_change (id, created_at, updated_at, date, card_id, kind) VALUES ('x4', ?, ?, '2026-12-03', 'c', 'move')", now, now)).toThrow(/CHECK/);
    expect(() => run("INSERT INTO lesson_change (id, created_at, updated_at, date, card_id, kind) VALUES ('x5', ?, ?, '2026-12-04', 'c', 'room')", now, now)).toThrow(/CHECK/);
    run("INSERT INTO lesson_change (id, created_at, updated_at, date, card_id, kind, to_date, to_lesson_no) VALUES ('x6', ?, ?, '2026-12-08', 'c', 'move', '2026-12-09', 5)", now, now);
    // A deleted change frees its lesson and date.
    run("UPDATE lesson_change SET deleted_at = ? WHERE id = 'x'", now);
    run("INSERT INTO lesson_change (id, created_at, updated_at, date, card_id, kind) VALUES ('x7', ?, ?, '2026-12-01', 'c', 'cancel')", now, now);
  });
});
