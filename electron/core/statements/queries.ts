// All SQL of the statements for parents without e-access (issue 13 point 5; R12): who gets one (a
// child on a class list on a day whose parent refused the electronic service), the lessons held
// that were the child's (class, subgroup, study group — each by the dated membership on the
// lesson's day), the child's marks and attendance in a span, and the register (statement_batch,
// statement_copy). The journal tables are read-only here; the register is written by the Writer
// (statements.ts). Lists of ids travel as one JSON parameter (json_each).
import type { Db } from '../../../db';
import { classNameSql } from '../../../db';
import type { AbsenceKind, MarkValue, WorkKind } from '../../api/enums';

const json = (ids: readonly string[]) => JSON.stringify(ids);
const NAME = (t: string) => `${t}.last_name || ' ' || ${t}.first_name || coalesce(' ' || ${t}.middle_name, '')`;

export interface RecipientRow {
  student_id: string;
  student_name: string;
  class_id: string;
  class_name: string;
  grade: number;
  letter: string;
  teacher_name: string | null;
  guardian_id: string;
  guardian_name: string;
  relation: string | null;
}

/**
 * The children on a class list of the year on `day` (a dated membership `date_from ≤ day < date_to`)
 * with a parent who refused the electronic service, one row per such parent; a class when given.
 * Ordered by class, child and parent name.
 */
export function recipients(db: Db, yearId: string, day: string, classId: string | null): RecipientRow[] {
  return db
    .statement(
      `SELECT s.id AS student_id, ${NAME('s')} AS student_name, c.id AS class_id, ${classNameSql('c')} AS class_name, c.grade, c.letter,
         (SELECT ${NAME('t')} FROM staff t WHERE t.id = c.class_teacher_id AND t.deleted_at IS NULL) AS teacher_name,
         g.id AS guardian_id, ${NAME('g')} AS guardian_name, sg.relation
       FROM class_membership m
       JOIN school_class c ON c.id = m.class_id AND c.year_id = @year AND c.deleted_at IS NULL
       JOIN student s ON s.id = m.student_id AND s.deleted_at IS NULL
       JOIN student_guardian sg ON sg.student_id = s.id AND sg.deleted_at IS NULL
       JOIN guardian g ON g.id = sg.guardian_id AND g.deleted_at IS NULL AND g.e_service_refused = 1
       WHERE m.deleted_at IS NULL AND m.date_from <= @day AND (m.date_to IS NULL OR m.date_to > @day)
         AND (@cls IS NULL OR c.id = @cls)
       ORDER BY c.grade, c.letter, s.last_name, s.first_name, s.middle_name, s.id, g.last_name, g.first_name, g.middle_name, g.id`,
    )
    .all({ year: yearId, day, cls: classId }) as RecipientRow[];
}

export interface HeldRow {
  student_id: string;
  subject_id: string;
  held: number;
}

/**
 * Lessons held in [from, to] per child and subject: the class's whole-class lessons, the
 * subgroup's lessons and the study group's lessons, each on a day the child's membership holds.
 */
export function lessonsHeld(db: Db, studentIds: readonly string[], from: string, to: string): HeldRow[] {
  const on = (m: string) => `l.date >= ${m}.date_from AND (${m}.date_to IS NULL OR l.date < ${m}.date_to)`;
  return db
    .statement(
      `WITH kids AS (SELECT value AS id FROM json_each(@ids)),
       mine AS (
         SELECT m.student_id, l.subject_id FROM class_membership m
         JOIN lesson l ON l.class_id = m.class_id AND l.subgroup_id IS NULL AND l.date BETWEEN @from AND @to AND ${on('m')}
         WHERE m.student_id IN kids AND m.deleted_at IS NULL AND l.deleted_at IS NULL AND l.status = 'held'
         UNION ALL
         SELECT m.student_id, l.subject_id FROM subgroup_member m
         JOIN subgroup g ON g.id = m.subgroup_id JOIN class_division d ON d.id = g.division_id
         JOIN lesson l ON l.class_id = d.class_id AND l.subject_id = d.subject_id AND l.subgroup_id = m.subgroup_id AND l.date BETWEEN @from AND @to AND ${on('m')}
         WHERE m.student_id IN kids AND m.deleted_at IS NULL AND l.deleted_at IS NULL AND l.status = 'held'
         UNION ALL
         SELECT m.student_id, l.subject_id FROM study_group_member m
         JOIN lesson l ON l.study_group_id = m.group_id AND l.date BETWEEN @from AND @to AND ${on('m')}
         WHERE m.student_id IN kids AND m.deleted_at IS NULL AND l.deleted_at IS NULL AND l.status = 'held')
       SELECT student_id, subject_id, count(*) AS held FROM mine GROUP BY student_id, subject_id`,
    )
    .all({ ids: json(studentIds), from, to }) as HeldRow[];
}

export interface MarkRow {
  student_id: string;
  subject_id: string;
  date: string;
  value: MarkValue;
  work_kind: WorkKind;
  weight: number;
}

/** The children's marks dated in [from, to], by date and then as entered. */
export function marks(db: Db, studentIds: readonly string[], from: string, to: string): MarkRow[] {
  return db
    .statement(
      `SELECT m.student_id, m.subject_id, m.date, m.value, m.work_kind, m.weight FROM mark m
       WHERE m.student_id IN (SELECT value FROM json_each(@ids)) AND m.date BETWEEN @from AND @to AND m.deleted_at IS NULL
       ORDER BY m.student_id, m.date, m.entered_at, m.id`,
    )
    .all({ ids: json(studentIds), from, to }) as MarkRow[];
}

export interface AttendanceRow {
  student_id: string;
  subject_id: string;
  kind: AbsenceKind;
  n: number;
}

/** The children's attendance marks (Б, У, Н, О) on lessons held in [from, to], counted per subject and kind. */
export function attendance(db: Db, studentIds: readonly string[], from: string, to: string): AttendanceRow[] {
  return db
    .statement(
      `SELECT a.student_id, l.subject_id, a.kind, count(*) AS n FROM attendance a JOIN lesson l ON l.id = a.lesson_id
       WHERE a.student_id IN (SELECT value FROM json_each(@ids)) AND a.deleted_at IS NULL
         AND l.deleted_at IS NULL AND l.status = 'held' AND l.date BETWEEN @from AND @to
       GROUP BY a.student_id, l.subject_id, a.kind`,
    )
    .all({ ids: json(studentIds), from, to }) as AttendanceRow[];
}

export function subjects(db: Db, ids: readonly string[]): { id: string; name: string }[] {
  return db
    .statement(`SELECT id, name FROM subject WHERE id IN (SELECT value FROM json_each(@ids)) ORDER BY sort_order, name, id`)
    .all({ ids: json(ids) }) as { id: string; name: string }[];
}

/** The academic year whose dates hold `day`. */
export function yearOn(db: Db, day: string): { id: string; name: string; start_date: string; end_date: string } | undefined {
  return db
    .statement(`SELECT id, name, start_date, end_date FROM academic_year WHERE deleted_at IS NULL AND start_date <= @d AND end_date >= @d ORDER BY start_date DESC LIMIT 1`)
    .get({ d: day }) as { id: string; name: string; start_date: string; end_date: string } | undefined;
}

export function classOf(db: Db, id: string): { id: string; name: string; year_id: string } | undefined {
  return db.statement(`SELECT c.id, ${classNameSql('c')} AS name, c.year_id FROM school_class c WHERE c.id = ? AND c.deleted_at IS NULL`).get(id) as
    | { id: string; name: string; year_id: string }
    | undefined;
}

export function school(db: Db): { full_name: string; address: string | null; phone: string | null; email: string | null; report_rules: string } | undefined {
  return db.statement(`SELECT full_name, address, phone, email, report_rules FROM school WHERE deleted_at IS NULL LIMIT 1`).get() as
    | { full_name: string; address: string | null; phone: string | null; email: string | null; report_rules: string }
    | undefined;
}

// ── The register ─────────────────────────────────────────────────────────────────────────────

export interface BatchRow {
  id: string;
  date_from: string;
  date_to: string;
  class_id: string | null;
  class_name: string | null;
  printed_at: string;
  printed_by: string;
}

export function batches(db: Db, limit: number): BatchRow[] {
  return db
    .statement(
      `SELECT b.id, b.date_from, b.date_to, b.class_id, (SELECT ${classNameSql('c')} FROM school_class c WHERE c.id = b.class_id) AS class_name, b.printed_at, b.printed_by
       FROM statement_batch b WHERE b.deleted_at IS NULL ORDER BY b.printed_at DESC, b.id DESC LIMIT @limit`,
    )
    .all({ limit }) as BatchRow[];
}

export interface CopyRow {
  id: string;
  batch_id: string;
  student_id: string;
  student_name: string;
  class_name: string | null;
  guardian_name: string | null;
  handed_on: string | null;
  handed_to: string | null;
  printed_at: string;
}

const COPY = `SELECT x.id, x.batch_id, x.student_id, ${NAME('s')} AS student_name,
    (SELECT ${classNameSql('c')} FROM class_membership m JOIN school_class c ON c.id = m.class_id
      WHERE m.student_id = x.student_id AND m.deleted_at IS NULL AND c.year_id = b.year_id AND m.date_from <= b.date_to
      ORDER BY m.date_from DESC LIMIT 1) AS class_name,
    (SELECT ${NAME('g')} FROM guardian g WHERE g.id = x.guardian_id) AS guardian_name, x.handed_on, x.handed_to, b.printed_at
  FROM statement_copy x JOIN statement_batch b ON b.id = x.batch_id JOIN student s ON s.id = x.student_id`;

export function copiesOf(db: Db, batchIds: readonly string[]): CopyRow[] {
  return db
    .statement(`${COPY} WHERE x.batch_id IN (SELECT value FROM json_each(@ids)) AND x.deleted_at IS NULL ORDER BY class_name, s.last_name, s.first_name, s.middle_name, s.id`)
    .all({ ids: json(batchIds) }) as CopyRow[];
}

export function copiesById(db: Db, ids: readonly string[]): CopyRow[] {
  return db.statement(`${COPY} WHERE x.id IN (SELECT value FROM json_each(@ids)) AND x.deleted_at IS NULL`).all({ ids: json(ids) }) as CopyRow[];
}

/** Per class, the latest end of a span printed for it (a whole school's batch counts for every class of its year). */
export function coveredTo(db: Db, yearId: string): Map<string, string> {
  const rows = db
    .statement(
      `SELECT c.id AS class_id, max(b.date_to) AS covered FROM school_class c
       JOIN statement_batch b ON b.deleted_at IS NULL AND b.year_id = c.year_id AND (b.class_id = c.id OR b.class_id IS NULL)
       WHERE c.year_id = @year AND c.deleted_at IS NULL GROUP BY c.id`,
    )
    .all({ year: yearId }) as { class_id: string; covered: string }[];
  return new Map(rows.map((r) => [r.class_id, r.covered]));
}

export function lastBatch(db: Db): BatchRow | undefined {
  return batches(db, 1)[0];
}
