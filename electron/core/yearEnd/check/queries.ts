// The SQL of the year-end check (issue 15 point 1): the year marks and attestation marks of a year (the
// last entered of each student and subject), the year's academic debts, the years and class teachers.
// The class lists and curricula come from the term report's queries (../../term/queries.ts).
import type { Db } from '../../../../db';
import type { DebtReason, DebtStatus, MarkValue } from '../../../api/enums';

const json = (v: unknown) => JSON.stringify(v);

export interface FinalMarkRow {
  student_id: string;
  subject_id: string;
  value: MarkValue;
  attestation: number;
}

/**
 * The year marks (attestation 0) and attestation marks (attestation 1) of the students in a year, the
 * last entered of each student, subject and kind.
 */
export function yearAndAttestationMarks(db: Db, yearId: string, studentIds: readonly string[]): FinalMarkRow[] {
  if (!studentIds.length) return [];
  const rows = db
    .statement(
      `SELECT pm.student_id, pm.subject_id, pm.value, pm.attestation, pm.entered_at, pm.id FROM period_mark pm
       WHERE pm.year_id = @year AND pm.period_id IS NULL AND pm.deleted_at IS NULL
         AND pm.student_id IN (SELECT value FROM json_each(@students))`,
    )
    .all({ year: yearId, students: json(studentIds) }) as (FinalMarkRow & { entered_at: string; id: string })[];
  const last = new Map<string, FinalMarkRow & { entered_at: string; id: string }>();
  for (const r of rows) {
    const key = `${r.student_id} ${r.subject_id} ${r.attestation}`;
    const had = last.get(key);
    if (!had || r.entered_at > had.entered_at || (r.entered_at === had.entered_at && r.id > had.id)) last.set(key, r);
  }
  return [...last.values()].map(({ student_id, subject_id, value, attestation }) => ({ student_id, subject_id, value, attestation }));
}

export interface DebtRow {
  id: string;
  student_id: string;
  subject_id: string;
  subject: string;
  reason: DebtReason;
  status: DebtStatus;
}

/** The year's academic debts (not deleted) of the students. */
export function debtsOf(db: Db, yearId: string, studentIds: readonly string[]): DebtRow[] {
  if (!studentIds.length) return [];
  return db
    .statement(
      `SELECT d.id, d.student_id, d.subject_id, p.name AS subject, d.reason, d.status FROM academic_debt d
       JOIN subject p ON p.id = d.subject_id
       WHERE d.year_id = ? AND d.deleted_at IS NULL AND d.student_id IN (SELECT value FROM json_each(?))
       ORDER BY p.sort_order, p.name`,
    )
    .all(yearId, json(studentIds)) as DebtRow[];
}

export function years(db: Db): { id: string; name: string }[] {
  return db.statement(`SELECT id, name FROM academic_year WHERE deleted_at IS NULL ORDER BY start_date DESC`).all() as { id: string; name: string }[];
}

export function classTeachers(db: Db, classIds: readonly string[]): { class_id: string; last_name: string; first_name: string; middle_name: string | null }[] {
  if (!classIds.length) return [];
  return db
    .statement(
      `SELECT c.id AS class_id, t.last_name, t.first_name, t.middle_name FROM school_class c JOIN staff t ON t.id = c.class_teacher_id
       WHERE c.id IN (SELECT value FROM json_each(?))`,
    )
    .all(json(classIds)) as { class_id: string; last_name: string; first_name: string; middle_name: string | null }[];
}
