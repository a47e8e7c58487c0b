import { describe, expect, it } from 'vitest';
import { migrate } from '../../../db';
import { databaseAt } from './databaseAt';

describe('migration 0012: report rules and the register of parent statements', () => {
  const at = databaseAt();
  const now = '2026-12-01T09:00:00.000Z';

  it('gives the school empty report rules, keeps its row, and the register’s checks hold', () => {
    const db = at(11);
    const run = (sql: string, ...args: unknown[]) => db.raw.prepare(sql).run(...args);
    run("INSERT INTO school (id, created_at, updated_at, full_name, short_name) VALUES ('sc', ?, ?, 'МБОУ СОШ № 5', 'Школа № 5')", now, now);
    run("INSERT INTO academic_year (id, created_at, updated_at, name, start_date, end_date) VALUES ('y', ?, ?, '2026/2027', '2026-09-01', '2027-05-31')", now, now);
    run("INSERT INTO school_class (id, created_at, updated_at, year_id, grade, letter) VALUES ('7b', ?, ?, 'y', 7, 'Б')", now, now);
    run("INSERT INTO student (id, created_at, updated_at, last_name, first_name, birth_date, class_id) VALUES ('s', ?, ?, 'Иванов', 'Иван', '2013-04-05', '7b')", now, now);
    run("INSERT INTO guardian (id, created_at, updated_at, last_name, first_name, e_service_refused) VALUES ('g', ?, ?, 'Иванова', 'Мария', 1)", now, now);
    expect(migrate(db, 12)).toEqual([12]);
    // Defaults apply where the rules leave a threshold out: an empty object is every default.
    expect(db.raw.prepare("SELECT full_name, report_rules FROM school WHERE id = 'sc'").get()).toEqual({ full_name: 'МБОУ СОШ № 5', report_rules: '{}' });

    run("INSERT INTO statement_batch (id, created_at, updated_at, year_id, date_from, date_to, class_id, printed_at, printed_by) VALUES ('b', ?, ?, 'y', '2026-11-23', '2026-11-29', '7b', ?, 'Смирнова Е. В.')", now, now, now);
    expect(() => run("INSERT INTO statement_batch (id, created_at, updated_at, year_id, date_from, date_to, printed_at, printed_by) VALUES ('b2', ?, ?, 'y', '2026-11-30', '2026-11-29', ?, 'x')", now, now, now)).toThrow(/CHECK/);
    run("INSERT INTO statement_copy (id, created_at, updated_at, batch_id, student_id, guardian_id) VALUES ('c', ?, ?, 'b', 's', 'g')", now, now);
    // One statement per child in a batch.
    expect(() => run("INSERT INTO statement_copy (id, created_at, updated_at, batch_id, student_id) VALUES ('c2', ?, ?, 'b', 's')", now, now)).toThrow(/UNIQUE/);
    expect(() => run("INSERT INTO statement_copy (id, created_at, updated_at, batch_id, student_id) VALUES ('c3', ?, ?, 'nope', 's')", now, now)).toThrow(/FOREIGN KEY/);
    run("UPDATE statement_copy SET handed_on = '2026-11-30', handed_to = 'Иванова М. П.' WHERE id = 'c'");
  });
});
