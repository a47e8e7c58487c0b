import { describe, expect, it } from 'vitest';
import { migrate } from '../../../db';
import { databaseAt } from './databaseAt';

describe('migration 0014: the year end (attestation marks, promotion orders, debts, rollover)', () => {
  const at = databaseAt();
  const now = '2027-05-31T09:00:00.000Z';

  it('keeps the orders and their items through the rebuild, takes the new kinds, and the debts’ checks hold', () => {
    const db = at(13);
    const run = (sql: string, ...args: unknown[]) => db.raw.prepare(sql).run(...args);
    run("INSERT INTO academic_year (id, created_at, updated_at, name, start_date, end_date) VALUES ('y', ?, ?, '2026/2027', '2026-09-01', '2027-08-31')", now, now);
    run("INSERT INTO academic_year (id, created_at, updated_at, name, start_date, end_date) VALUES ('y2', ?, ?, '2027/2028', '2027-09-01', '2028-08-31')", now, now);
    run("INSERT INTO school_class (id, created_at, updated_at, year_id, grade, letter) VALUES ('5a', ?, ?, 'y', 5, 'А')", now, now);
    run("INSERT INTO student (id, created_at, updated_at, last_name, first_name, birth_date, class_id) VALUES ('s', ?, ?, 'Иванов', 'Иван', '2015-04-05', '5a')", now, now);
    run("INSERT INTO subject (id, created_at, updated_at, name, short_name) VALUES ('m', ?, ?, 'Математика', 'Мат')", now, now);
    run("INSERT INTO school_order (id, created_at, updated_at, year_id, kind, number, date, status, title, signed_at) VALUES ('o1', ?, ?, 'y', 'class_transfer', 1, '2026-11-01', 'signed', 'О переводе в другой класс', ?)", now, now, now);
    run("INSERT INTO school_order (id, created_at, updated_at, year_id, kind, number, date, status, title, signed_at, cancels_order_id) VALUES ('o2', ?, ?, 'y', 'cancellation', 1, '2026-11-02', 'signed', 'Об отмене', ?, 'o1')", now, now, now);
    run("INSERT INTO order_item (id, created_at, updated_at, order_id, position, student_id, class_to_id, effective_date) VALUES ('i1', ?, ?, 'o1', 1, 's', '5a', '2026-11-01')", now, now);
    run("INSERT INTO period_mark (id, created_at, updated_at, student_id, subject_id, year_id, value, entered_at) VALUES ('pm', ?, ?, 's', 'm', 'y', '4', ?)", now, now, now);
    expect(migrate(db, 14)).toEqual([14]);

    expect(db.raw.prepare('SELECT id, kind, number, cancels_order_id FROM school_order ORDER BY id').all()).toEqual([
      { id: 'o1', kind: 'class_transfer', number: 1, cancels_order_id: null },
      { id: 'o2', kind: 'cancellation', number: 1, cancels_order_id: 'o1' },
    ]);
    expect(db.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.raw.pragma('foreign_key_check')).toEqual([]);
    // The items still point at the rebuilt table.
    expect(() => run("INSERT INTO order_item (id, created_at, updated_at, order_id, position, student_id, effective_date) VALUES ('i2', ?, ?, 'nope', 1, 's', '2027-05-31')", now, now)).toThrow(/FOREIGN KEY/);
    run("INSERT INTO school_order (id, created_at, updated_at, year_id, kind, date, title) VALUES ('p', ?, ?, 'y', 'promotion', '2027-05-31', 'О переводе')", now, now);
    run("INSERT INTO order_item (id, created_at, updated_at, order_id, position, student_id, class_from_id, effective_date, decision) VALUES ('i3', ?, ?, 'p', 1, 's', '5a', '2027-09-01', 'conditional')", now, now);
    expect(() => run("INSERT INTO order_item (id, created_at, updated_at, order_id, position, student_id, effective_date, decision) VALUES ('i4', ?, ?, 'p', 2, 's', '2027-09-01', 'maybe')", now, now)).toThrow(/CHECK/);
    expect(() => run("INSERT INTO school_order (id, created_at, updated_at, year_id, kind, date, title) VALUES ('x', ?, ?, 'y', 'promotionX', '2027-05-31', 'x')", now, now)).toThrow(/CHECK/);
    // The year mark stays what it was; an attestation mark is told apart.
    expect(db.raw.prepare("SELECT attestation FROM period_mark WHERE id = 'pm'").get()).toEqual({ attestation: 0 });

    run("INSERT INTO academic_debt (id, created_at, updated_at, student_id, subject_id, year_id, reason, recorded_on) VALUES ('d', ?, ?, 's', 'm', 'y', 'unsatisfactory', '2027-05-31')", now, now);
    expect(() => run("INSERT INTO academic_debt (id, created_at, updated_at, student_id, subject_id, year_id, reason, recorded_on) VALUES ('d2', ?, ?, 's', 'm', 'y', 'absent', '2027-05-31')", now, now)).toThrow(/UNIQUE/);
    // A decision only with the state «decided», and the other way round.
    expect(() => run("UPDATE academic_debt SET status = 'decided' WHERE id = 'd'")).toThrow(/CHECK/);
    run("UPDATE academic_debt SET status = 'decided', decision = 'repeat', decided_on = '2027-10-20' WHERE id = 'd'");
    expect(() => run("UPDATE academic_debt SET first_retake_on = '2027-10-01', second_retake_on = '2027-09-15' WHERE id = 'd'")).toThrow(/CHECK/);

    run("INSERT INTO year_rollover (id, created_at, updated_at, from_year_id, to_year_id, done_at, done_by, summary) VALUES ('r', ?, ?, 'y', 'y2', ?, 'admin', '{}')", now, now, now);
    expect(() => run("INSERT INTO year_rollover (id, created_at, updated_at, from_year_id, to_year_id, done_at, done_by, summary) VALUES ('r2', ?, ?, 'y', 'y2', ?, 'admin', '{}')", now, now, now)).toThrow(/UNIQUE/);
  });
});
