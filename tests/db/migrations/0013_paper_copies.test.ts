import { describe, expect, it } from 'vitest';
import { migrate } from '../../../db';
import { databaseAt } from './databaseAt';

describe('migration 0013: paper copies, their board, the register and the archive', () => {
  const at = databaseAt();
  const now = '2026-12-01T09:00:00.000Z';

  it('keeps the school on a paper journal, and the tables’ checks and keys hold', () => {
    const db = at(12);
    const run = (sql: string, ...args: unknown[]) => db.raw.prepare(sql).run(...args);
    run("INSERT INTO school (id, created_at, updated_at, full_name, short_name) VALUES ('sc', ?, ?, 'МБОУ СОШ № 5', 'Школа № 5')", now, now);
    expect(migrate(db, 13)).toEqual([13]);
    expect(db.raw.prepare("SELECT full_name, paper_journal FROM school WHERE id = 'sc'").get()).toEqual({ full_name: 'МБОУ СОШ № 5', paper_journal: 1 });

    run("INSERT INTO academic_year (id, created_at, updated_at, name, start_date, end_date) VALUES ('y', ?, ?, '2026/2027', '2026-09-01', '2027-05-31')", now, now);
    run("INSERT INTO study_period (id, created_at, updated_at, year_id, kind, number, name, start_date, end_date, grade_from, grade_to) VALUES ('p', ?, ?, 'y', 'quarter', 2, '2 четверть', '2026-11-09', '2026-12-28', 2, 9)", now, now);
    run("INSERT INTO school_class (id, created_at, updated_at, year_id, grade, letter) VALUES ('7b', ?, ?, 'y', 7, 'Б')", now, now);
    const copy = (id: string, code: string) =>
      run("INSERT INTO paper_copy (id, created_at, updated_at, class_id, period_id, code, digest, fingerprint, sheets, printed_at, printed_by) VALUES (?, ?, ?, '7b', 'p', ?, 'd', '{}', 41, ?, 'Петрова А. А.')", id, now, now, code, now);
    copy('c1', '7Б-2Ч-A1');
    expect(() => copy('c2', '7Б-2Ч-A1')).toThrow(/UNIQUE/);

    const step = (id: string, s: string) => run("INSERT INTO paper_step (id, created_at, updated_at, class_id, period_id, step, done_at, done_by) VALUES (?, ?, ?, '7b', 'p', ?, ?, 'x')", id, now, now, s, now);
    step('s1', 'printed');
    expect(() => step('s2', 'printed')).toThrow(/UNIQUE/);
    expect(() => step('s3', 'lost')).toThrow(/CHECK/);
    run("UPDATE paper_step SET deleted_at = ? WHERE id = 's1'", now);
    step('s4', 'printed'); // an undone step may be done again

    const entry = (id: string, n: number, corrects: string | null) =>
      run("INSERT INTO paper_register_entry (id, created_at, updated_at, number, received_on, class_id, period_id, copy_id, sheets, handed_by, received_by, corrects_id, prev_digest, digest, recorded_at, recorded_by) VALUES (?, ?, ?, ?, '2027-01-02', '7b', 'p', 'c1', 41, 'Иванова И. И.', 'Смирнова Е. В.', ?, '', 'h', ?, 'x')", id, now, now, n, corrects, now);
    entry('e1', 1, null);
    expect(() => entry('e2', 1, null)).toThrow(/UNIQUE/);
    entry('e3', 2, 'e1');
    expect(() => entry('e4', 3, 'nope')).toThrow(/FOREIGN KEY/);
    run("INSERT INTO paper_scan (id, entry_id, file_name, mime, size, digest, content, added_at, added_by) VALUES ('sc1', 'e1', 'скан.pdf', 'application/pdf', 3, 'h', X'255044', ?, 'x')", now);
    expect(() => run("INSERT INTO paper_archive (id, created_at, updated_at, kind, year_id, file_name, size, digest, built_at, built_by) VALUES ('a', ?, ?, 'period', 'y', 'a.zip', 1, 'h', ?, 'x')", now, now, now)).toThrow(/CHECK/);
    run("INSERT INTO paper_archive (id, created_at, updated_at, kind, year_id, file_name, size, digest, built_at, built_by) VALUES ('a', ?, ?, 'year', 'y', 'a.zip', 1, 'h', ?, 'x')", now, now, now);
  });
});
