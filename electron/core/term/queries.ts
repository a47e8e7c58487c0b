// All SQL of the term report (issue 13 point 1; docs/indicators.md «Whom and what a period counts»):
// the year's periods and classes, the students on a class's list on a day (dated memberships), the
// subjects of the classes' curriculum with how they are graded, and the period (or year) marks. A
// report loads with these few set-based statements whatever the school's size; lists of ids travel
// as one JSON parameter (json_each).
import type { Db } from '../../../db';
import { classNameSql } from '../../../db';
import type { Grading, MarkValue } from '../../api/enums';

const json = (v: unknown) => JSON.stringify(v);
const NAME = (t: string) => `${t}.last_name || ' ' || ${t}.first_name || coalesce(' ' || ${t}.middle_name, '')`;

export interface YearRow {
  id: string;
  name: string;
  start_date: string;
  end_date: string;
}

export function yearRow(db: Db, id: string): YearRow | undefined {
  return db.statement(`SELECT id, name, start_date, end_date FROM academic_year WHERE id = ? AND deleted_at IS NULL`).get(id) as YearRow | undefined;
}

/** The academic year before this one (the latest that starts earlier). */
export function previousYear(db: Db, year: YearRow): YearRow | undefined {
  return db
    .statement(`SELECT id, name, start_date, end_date FROM academic_year WHERE start_date < ? AND deleted_at IS NULL ORDER BY start_date DESC LIMIT 1`)
    .get(year.start_date) as YearRow | undefined;
}

export interface TermPeriodRow {
  id: string;
  year_id: string;
  kind: 'quarter' | 'half';
  number: number;
  name: string;
  start_date: string;
  end_date: string;
  grade_from: number;
  grade_to: number;
}

export function studyPeriods(db: Db, yearId: string): TermPeriodRow[] {
  return db
    .statement(
      `SELECT id, year_id, kind, number, name, start_date, end_date, grade_from, grade_to FROM study_period
       WHERE year_id = ? AND deleted_at IS NULL ORDER BY start_date, grade_from, number`,
    )
    .all(yearId) as TermPeriodRow[];
}

export function studyPeriod(db: Db, id: string): TermPeriodRow | undefined {
  return db
    .statement(`SELECT id, year_id, kind, number, name, start_date, end_date, grade_from, grade_to FROM study_period WHERE id = ? AND deleted_at IS NULL`)
    .get(id) as TermPeriodRow | undefined;
}

export interface TermClassRow {
  id: string;
  name: string;
  grade: number;
  letter: string;
}

export function classesOfYear(db: Db, yearId: string): TermClassRow[] {
  return db
    .statement(`SELECT c.id, ${classNameSql('c')} AS name, c.grade, c.letter FROM school_class c WHERE c.year_id = ? AND c.deleted_at IS NULL ORDER BY c.grade, c.letter`)
    .all(yearId) as TermClassRow[];
}

export interface RosterRow {
  student_id: string;
  class_id: string;
  name: string;
}

/**
 * The students on each class's list on its day (`date_from ≤ day < date_to`): those who left before
 * it are not there, those who came before it are. By name.
 */
export function rosters(db: Db, days: readonly { classId: string; day: string }[]): RosterRow[] {
  if (!days.length) return [];
  return db
    .statement(
      `WITH d AS (SELECT json_extract(value, '$.classId') AS class_id, json_extract(value, '$.day') AS day FROM json_each(?))
       SELECT DISTINCT m.student_id, m.class_id, ${NAME('s')} AS name
       FROM d JOIN class_membership m ON m.class_id = d.class_id AND m.deleted_at IS NULL AND m.date_from <= d.day AND (m.date_to IS NULL OR m.date_to > d.day)
       JOIN student s ON s.id = m.student_id
       ORDER BY s.last_name, s.first_name, s.middle_name, s.id`,
    )
    .all(json(days)) as RosterRow[];
}

export interface CurriculumSubjectRow {
  class_id: string;
  subject_id: string;
  name: string;
  sort_order: number;
  grading: Grading;
  no_attestation: number;
}

/** The subjects of the classes' curriculum (hours > 0), with how each is graded. */
export function curriculumSubjects(db: Db, classIds: readonly string[]): CurriculumSubjectRow[] {
  if (!classIds.length) return [];
  return db
    .statement(
      `SELECT DISTINCT i.class_id, p.id AS subject_id, p.name, p.sort_order, p.grading, p.no_attestation
       FROM curriculum_item i JOIN subject p ON p.id = i.subject_id AND p.deleted_at IS NULL
       WHERE i.class_id IN (SELECT value FROM json_each(?)) AND i.deleted_at IS NULL AND i.hours_per_week > 0
       ORDER BY p.sort_order, p.name`,
    )
    .all(json(classIds)) as CurriculumSubjectRow[];
}

export interface PeriodMarkRow {
  student_id: string;
  subject_id: string;
  value: MarkValue;
}

/**
 * The students' marks of a study period (`periodId`), or their year marks (null), one per student
 * and subject: of two rows for one pair the one entered last counts.
 */
export function periodMarks(db: Db, yearId: string, periodId: string | null, studentIds: readonly string[]): PeriodMarkRow[] {
  if (!studentIds.length) return [];
  const rows = db
    .statement(
      `SELECT pm.student_id, pm.subject_id, pm.value, pm.entered_at, pm.id FROM period_mark pm
       WHERE pm.year_id = @year AND pm.period_id IS @period AND pm.attestation = 0 AND pm.deleted_at IS NULL
         AND pm.student_id IN (SELECT value FROM json_each(@students))`,
    )
    .all({ year: yearId, period: periodId, students: json(studentIds) }) as (PeriodMarkRow & { entered_at: string; id: string })[];
  // The last entered of each pair, picked here: a window function's sort costs more than the rows.
  const last = new Map<string, PeriodMarkRow & { entered_at: string; id: string }>();
  for (const r of rows) {
    const key = `${r.student_id} ${r.subject_id}`;
    const had = last.get(key);
    if (!had || r.entered_at > had.entered_at || (r.entered_at === had.entered_at && r.id > had.id)) last.set(key, r);
  }
  return [...last.values()].map((r) => ({ student_id: r.student_id, subject_id: r.subject_id, value: r.value }));
}
