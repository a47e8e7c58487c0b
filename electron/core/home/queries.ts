// The SQL of the office's calendar: the few facts no feature answers yet (the year end's tables are
// read as rows; the rules on them are in the kind's own file).
import type { Db } from '../../../db';
import { classNameSql } from '../../../db';

export interface YearRow {
  id: string;
  name: string;
  start_date: string;
  end_date: string;
}

export interface PeriodRow {
  id: string;
  name: string;
  start_date: string;
  end_date: string;
  grade_from: number;
  grade_to: number;
}

export function yearById(db: Db, id: string): YearRow | undefined {
  return db.statement(`SELECT id, name, start_date, end_date FROM academic_year WHERE id = ? AND deleted_at IS NULL`).get(id) as YearRow | undefined;
}

export function periodsOf(db: Db, yearId: string): PeriodRow[] {
  return db
    .statement(`SELECT id, name, start_date, end_date, grade_from, grade_to FROM study_period WHERE year_id = ? AND deleted_at IS NULL ORDER BY end_date, grade_from`)
    .all(yearId) as PeriodRow[];
}

/**
 * The classes of the period's grades (2 and up: grade 1 has no marks) with pupils in the period
 * and not one period mark for it: their period marks are missing.
 */
export function classesWithoutPeriodMarks(db: Db, yearId: string, p: PeriodRow): string[] {
  const rows = db
    .statement(
      `SELECT ${classNameSql('c')} AS name FROM school_class c
       WHERE c.year_id = ? AND c.deleted_at IS NULL AND c.grade BETWEEN max(2, ?) AND ?
         AND EXISTS (SELECT 1 FROM class_membership m WHERE m.class_id = c.id AND m.deleted_at IS NULL
                     AND m.date_from <= ? AND (m.date_to IS NULL OR m.date_to > ?))
         AND NOT EXISTS (SELECT 1 FROM period_mark pm JOIN class_membership m ON m.student_id = pm.student_id AND m.class_id = c.id AND m.deleted_at IS NULL
                         WHERE pm.period_id = ? AND pm.deleted_at IS NULL)
       ORDER BY c.grade, c.letter`,
    )
    .all(yearId, p.grade_from, p.grade_to, p.end_date, p.start_date, p.id) as { name: string }[];
  return rows.map((r) => r.name);
}

export interface OpenDebt {
  id: string;
  year_id: string;
  first_retake_on: string | null;
  first_result: string | null;
  second_retake_on: string | null;
  second_result: string | null;
}

/** Debts not closed and not decided, of any year (a retake may fall into the next one). */
export function openDebts(db: Db): OpenDebt[] {
  return db
    .statement(
      `SELECT id, year_id, first_retake_on, first_result, second_retake_on, second_result FROM academic_debt
       WHERE deleted_at IS NULL AND status = 'open' ORDER BY recorded_on, id`,
    )
    .all() as OpenDebt[];
}

/** The year's classes and, for each, whether a signed promotion or graduation order names it (and a draft does). */
export function classOrders(db: Db, yearId: string): { name: string; grade: number; signed: number; drafted: number }[] {
  return db
    .statement(
      `SELECT ${classNameSql('c')} AS name, c.grade,
         EXISTS (SELECT 1 FROM order_item i JOIN school_order o ON o.id = i.order_id
                 WHERE i.class_from_id = c.id AND i.deleted_at IS NULL AND o.deleted_at IS NULL AND o.year_id = c.year_id
                   AND o.kind IN ('promotion','graduation') AND o.status = 'signed'
                   AND NOT EXISTS (SELECT 1 FROM school_order x WHERE x.cancels_order_id = o.id AND x.status = 'signed' AND x.deleted_at IS NULL)) AS signed,
         EXISTS (SELECT 1 FROM order_item i JOIN school_order o ON o.id = i.order_id
                 WHERE i.class_from_id = c.id AND i.deleted_at IS NULL AND o.deleted_at IS NULL AND o.year_id = c.year_id
                   AND o.kind IN ('promotion','graduation') AND o.status = 'draft') AS drafted
       FROM school_class c
       WHERE c.year_id = ? AND c.deleted_at IS NULL
         AND EXISTS (SELECT 1 FROM class_membership m WHERE m.class_id = c.id AND m.deleted_at IS NULL)
       ORDER BY c.grade, c.letter`,
    )
    .all(yearId) as { name: string; grade: number; signed: number; drafted: number }[];
}

export function rolloverDone(db: Db, fromYearId: string): boolean {
  return db.statement(`SELECT 1 FROM year_rollover WHERE from_year_id = ? AND deleted_at IS NULL`).get(fromYearId) !== undefined;
}

/** The current year's class ids by name («5А»): the credentials register opens on one class. */
export function classIdsByName(db: Db, yearId: string): Map<string, string> {
  const rows = db.statement(`SELECT id, ${classNameSql('c')} AS name FROM school_class c WHERE c.year_id = ? AND c.deleted_at IS NULL`).all(yearId) as {
    id: string;
    name: string;
  }[];
  return new Map(rows.map((r) => [r.name, r.id]));
}
