import { describe, expect, it } from 'vitest';
import { migrate } from '../../../db';
import { databaseAt } from './databaseAt';

describe('migration 0011: contingent (enrollment, orders, credentials)', () => {
  const at = databaseAt();
  const now = '2026-10-01T09:00:00.000Z';

  it('adds the contingent tables to a version-10 database, keeps its students, and their checks hold', () => {
    const db = at(10);
    const run = (sql: string, ...args: unknown[]) => db.raw.prepare(sql).run(...args);
    run("INSERT INTO academic_year (id, created_at, updated_at, name, start_date, end_date) VALUES ('y', ?, ?, '2026/2027', '2026-09-01', '2027-05-31')", now, now);
    run("INSERT INTO school_class (id, created_at, updated_at, year_id, grade, letter) VALUES ('7b', ?, ?, 'y', 7, 'Б')", now, now);
    run("INSERT INTO student (id, created_at, updated_at, last_name, first_name, birth_date, class_id, personal_file_no) VALUES ('s', ?, ?, 'Иванов', 'Иван', '2013-04-05', '7b', 'И-1')", now, now);
    run("INSERT INTO guardian (id, created_at, updated_at, last_name, first_name) VALUES ('g', ?, ?, 'Иванова', 'Мария')", now, now);
    expect(migrate(db, 11)).toEqual([11]);
    // The student is kept; the birth certificate is unknown until an application brings it.
    expect(db.raw.prepare("SELECT personal_file_no, birth_certificate FROM student WHERE id = 's'").get()).toEqual({ personal_file_no: 'И-1', birth_certificate: null });

    run("INSERT INTO enrollment_application (id, created_at, updated_at, year_id, reg_number, status, enrollable, last_name, first_name, birth_date, imported_at) VALUES ('a', ?, ?, 'y', '2026-000123', 'Принято к рассмотрению', 1, 'Петров', 'Пётр', '2019-05-01', ?)", now, now, now);
    // One registration number per year; the preference and the gender are closed sets.
    expect(() => run("INSERT INTO enrollment_application (id, created_at, updated_at, year_id, reg_number, status, enrollable, last_name, first_name, birth_date, imported_at) VALUES ('a2', ?, ?, 'y', '2026-000123', 'Черновик', 0, 'Петров', 'Пётр', '2019-05-01', ?)", now, now, now)).toThrow(/UNIQUE/);
    expect(() => run("UPDATE enrollment_application SET preference = 'vip' WHERE id = 'a'")).toThrow(/CHECK/);
    run("INSERT INTO enrollment_application (id, created_at, updated_at, year_id, reg_number, status, enrollable, last_name, first_name, birth_date, imported_at) VALUES ('b', ?, ?, 'y', '2026-000124', 'Черновик', 0, 'Сидорова', 'Анна', '2019-02-01', ?)", now, now, now);
    run("INSERT INTO enrollment_parent (id, created_at, updated_at, application_id, position, last_name, first_name, guardian_id) VALUES ('p', ?, ?, 'a', 1, 'Петрова', 'Ольга', 'g')", now, now);
    expect(() => run("INSERT INTO enrollment_parent (id, created_at, updated_at, application_id, position, last_name, first_name) VALUES ('p2', ?, ?, 'a', 1, 'Петров', 'Олег')", now, now)).toThrow(/UNIQUE/);
    run("INSERT INTO enrollment_pair (id, created_at, updated_at, first_id, second_id, together) VALUES ('pp', ?, ?, 'a', 'b', 1)", now, now);
    expect(() => run("INSERT INTO enrollment_pair (id, created_at, updated_at, first_id, second_id, together) VALUES ('pq', ?, ?, 'a', 'a', 0)", now, now)).toThrow(/CHECK/);

    // A draft has no number; a signed order has one, unique per year and kind; a cancellation names its order.
    run("INSERT INTO school_order (id, created_at, updated_at, year_id, kind, date, title) VALUES ('o', ?, ?, 'y', 'transfer_out', '2026-11-10', 'Об отчислении в порядке перевода')", now, now);
    expect(() => run("UPDATE school_order SET status = 'signed' WHERE id = 'o'")).toThrow(/CHECK/);
    run("UPDATE school_order SET status = 'signed', number = 12 WHERE id = 'o'");
    expect(() => run("INSERT INTO school_order (id, created_at, updated_at, year_id, kind, number, status, date, title) VALUES ('o2', ?, ?, 'y', 'transfer_out', 12, 'signed', '2026-11-11', 'x')", now, now)).toThrow(/UNIQUE/);
    run("INSERT INTO school_order (id, created_at, updated_at, year_id, kind, number, status, date, title) VALUES ('o3', ?, ?, 'y', 'transfer_in', 12, 'signed', '2026-11-20', 'x')", now, now);
    expect(() => run("INSERT INTO school_order (id, created_at, updated_at, year_id, kind, date, title) VALUES ('o4', ?, ?, 'y', 'cancellation', '2026-11-12', 'x')", now, now)).toThrow(/CHECK/);
    run("INSERT INTO school_order (id, created_at, updated_at, year_id, kind, date, title, cancels_order_id) VALUES ('o5', ?, ?, 'y', 'cancellation', '2026-11-12', 'Об отмене приказа', 'o')", now, now);

    run("INSERT INTO order_item (id, created_at, updated_at, order_id, position, student_id, class_from_id, effective_date, school_to) VALUES ('i', ?, ?, 'o', 1, 's', '7b', '2026-11-10', 'МБОУ СОШ № 5')", now, now);
    expect(() => run("INSERT INTO order_item (id, created_at, updated_at, order_id, position, effective_date) VALUES ('i2', ?, ?, 'o', 2, '2026-11-10')", now, now)).toThrow(/CHECK/);
    expect(() => run("INSERT INTO order_item (id, created_at, updated_at, order_id, position, student_id, effective_date) VALUES ('i3', ?, ?, 'o', 1, 's', '2026-11-10')", now, now)).toThrow(/UNIQUE/);

    // One request per student's own account and per parent; a parent's names the parent; handed needs how.
    run("INSERT INTO credential_request (id, created_at, updated_at, student_id, role, arrived_on, due_on, requested_at) VALUES ('c', ?, ?, 's', 'student', '2026-11-20', '2026-12-04', ?)", now, now, now);
    expect(() => run("INSERT INTO credential_request (id, created_at, updated_at, student_id, role, arrived_on, due_on, requested_at) VALUES ('c2', ?, ?, 's', 'student', '2026-11-20', '2026-12-04', ?)", now, now, now)).toThrow(/UNIQUE/);
    expect(() => run("INSERT INTO credential_request (id, created_at, updated_at, student_id, role, arrived_on, due_on, requested_at) VALUES ('c3', ?, ?, 's', 'parent', '2026-11-20', '2026-12-04', ?)", now, now, now)).toThrow(/CHECK/);
    run("INSERT INTO credential_request (id, created_at, updated_at, student_id, guardian_id, role, arrived_on, due_on, requested_at) VALUES ('c4', ?, ?, 's', 'g', 'parent', '2026-11-20', '2026-12-04', ?)", now, now, now);
    expect(() => run("UPDATE credential_request SET handed_on = '2026-11-25' WHERE id = 'c'")).toThrow(/CHECK/);
    run("UPDATE credential_request SET handed_on = '2026-11-25', handed_how = 'in_person', handed_to = 'Иванова М.', handed_by = 'Смирнова Е. В.' WHERE id = 'c'");
    run("INSERT INTO credential_issue (id, created_at, updated_at, request_id, login, one_time_password, issued_at) VALUES ('ci', ?, ?, 'c', 'ivanov.i', 'x7Kp2m', ?)", now, now, now);
    expect(() => run("INSERT INTO credential_issue (id, created_at, updated_at, request_id, login, one_time_password, issued_at) VALUES ('ci2', ?, ?, 'c', 'ivanov.i2', 'y', ?)", now, now, now)).toThrow(/UNIQUE/);

    run("INSERT INTO calendar_day (id, created_at, updated_at, date, kind) VALUES ('d', ?, ?, '2027-01-08', 'holiday')", now, now);
    expect(() => run("INSERT INTO calendar_day (id, created_at, updated_at, date, kind) VALUES ('d2', ?, ?, '2027-01-08', 'workday')", now, now)).toThrow(/UNIQUE/);
    expect(() => run("INSERT INTO calendar_day (id, created_at, updated_at, date, kind) VALUES ('d3', ?, ?, '2027-01-09', 'short')", now, now)).toThrow(/CHECK/);
  });
});
