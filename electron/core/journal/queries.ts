// All SQL of the journal feature (issue 10 point 5): reads of the central-owned journal tables
// (lesson, mark, attendance, period_mark, mark_change) and of who was in a class, subgroup or study
// group on a day. The app never writes these tables: sync fills them. Lists of ids travel as one
// JSON parameter (json_each), so a statement stays one prepared statement whatever the count.
import type { Db } from '../../../db';
import { classNameSql } from '../../../db';
import { ruFold } from '../../api/text';
import type { AbsenceKind, LessonStatus, MarkTable, MarkValue, WorkKind } from '../../api/enums';

const json = (ids: readonly string[]) => JSON.stringify(ids);
const NAME = (t: string) => `${t}.last_name || ' ' || ${t}.first_name || coalesce(' ' || ${t}.middle_name, '')`;

/** Whether any lesson has come from the central journal (one index probe). */
export function hasLessons(db: Db): boolean {
  return (db.statement(`SELECT EXISTS (SELECT 1 FROM lesson WHERE deleted_at IS NULL) AS yes`).get() as { yes: number }).yes === 1;
}

export interface PeriodRow {
  id: string;
  name: string;
  start_date: string;
  end_date: string;
  grade_from: number;
  grade_to: number;
  year_id: string;
}

export function periodsOfYear(db: Db, yearId: string): PeriodRow[] {
  return db
    .statement(
      `SELECT id, name, start_date, end_date, grade_from, grade_to, year_id FROM study_period
       WHERE year_id = ? AND deleted_at IS NULL ORDER BY start_date, grade_from, number`,
    )
    .all(yearId) as PeriodRow[];
}

export function yearById(db: Db, id: string): { id: string; start_date: string; end_date: string } | undefined {
  return db.statement(`SELECT id, start_date, end_date FROM academic_year WHERE id = ? AND deleted_at IS NULL`).get(id) as
    | { id: string; start_date: string; end_date: string }
    | undefined;
}

export function periodById(db: Db, id: string): PeriodRow | undefined {
  return db
    .statement(`SELECT id, name, start_date, end_date, grade_from, grade_to, year_id FROM study_period WHERE id = ? AND deleted_at IS NULL`)
    .get(id) as PeriodRow | undefined;
}

export interface ClassRow {
  id: string;
  name: string;
  grade: number;
  year_id: string;
}

export function classById(db: Db, id: string): ClassRow | undefined {
  return db
    .statement(`SELECT c.id, ${classNameSql('c')} AS name, c.grade, c.year_id FROM school_class c WHERE c.id = ? AND c.deleted_at IS NULL`)
    .get(id) as ClassRow | undefined;
}

export interface GroupRow {
  id: string;
  name: string;
  year_id: string;
  /** The lowest parallel of its members' classes (null: no member in a class). */
  grade: number | null;
}

export function groupById(db: Db, id: string): GroupRow | undefined {
  return db
    .statement(
      `SELECT g.id, g.name, g.year_id,
         (SELECT min(c.grade) FROM study_group_member m JOIN class_membership cm ON cm.student_id = m.student_id AND cm.deleted_at IS NULL
            JOIN school_class c ON c.id = cm.class_id AND c.year_id = g.year_id WHERE m.group_id = g.id AND m.deleted_at IS NULL) AS grade
       FROM study_group g WHERE g.id = ? AND g.deleted_at IS NULL`,
    )
    .get(id) as GroupRow | undefined;
}

export function subjectName(db: Db, id: string): string | undefined {
  return (db.statement(`SELECT name FROM subject WHERE id = ? AND deleted_at IS NULL`).get(id) as { name: string } | undefined)?.name;
}

export function subgroupName(db: Db, id: string): { name: string; class_id: string; subject_id: string } | undefined {
  return db
    .statement(
      `SELECT g.name, d.class_id, d.subject_id FROM subgroup g JOIN class_division d ON d.id = g.division_id WHERE g.id = ? AND g.deleted_at IS NULL`,
    )
    .get(id) as { name: string; class_id: string; subject_id: string } | undefined;
}

/** Which classes and study groups of a year have lessons of which subject (and subgroup). */
export interface TargetRow {
  kind: 'class' | 'group';
  id: string;
  name: string;
  grade: number | null;
  subject_id: string;
  subject: string;
  sort_order: number;
  subgroup_id: string | null;
  subgroup: string | null;
}

export function journalTargets(db: Db, yearId: string): TargetRow[] {
  // The (class, subject) pairs come from the index lesson_class alone; each pair's whole-class and
  // subgroup journals are then probed through the same index (a year has ~40 000 lessons).
  return db
    .statement(
      `WITH x AS (SELECT DISTINCT l.class_id, l.subject_id FROM lesson l WHERE l.class_id IN (SELECT id FROM school_class WHERE year_id = @year AND deleted_at IS NULL)),
       o AS (SELECT x.class_id, x.subject_id, NULL AS subgroup_id FROM x
             UNION ALL
             SELECT x.class_id, x.subject_id, g.id FROM x JOIN class_division d ON d.class_id = x.class_id AND d.subject_id = x.subject_id JOIN subgroup g ON g.division_id = d.id)
       SELECT 'class' AS kind, c.id, ${classNameSql('c')} AS name, c.grade, o.subject_id, p.name AS subject, p.sort_order, o.subgroup_id, g.name AS subgroup
       FROM o JOIN school_class c ON c.id = o.class_id JOIN subject p ON p.id = o.subject_id LEFT JOIN subgroup g ON g.id = o.subgroup_id
       WHERE EXISTS (SELECT 1 FROM lesson l WHERE l.class_id = o.class_id AND l.subject_id = o.subject_id AND l.subgroup_id IS o.subgroup_id AND l.deleted_at IS NULL)
       UNION ALL
       SELECT 'group', sg.id, sg.name, NULL, x.subject_id, p.name, p.sort_order, NULL, NULL
       FROM (SELECT DISTINCT study_group_id, subject_id FROM lesson WHERE study_group_id IN (SELECT id FROM study_group WHERE year_id = @year AND deleted_at IS NULL) AND deleted_at IS NULL) x
       JOIN study_group sg ON sg.id = x.study_group_id
       JOIN subject p ON p.id = x.subject_id`,
    )
    .all({ year: yearId }) as TargetRow[];
}

/** The lowest parallel of each study group's members (for its study periods). */
export function groupGrades(db: Db, yearId: string): Map<string, number> {
  const rows = db
    .statement(
      `SELECT m.group_id, min(c.grade) AS grade FROM study_group_member m
       JOIN study_group g ON g.id = m.group_id AND g.year_id = @year
       JOIN class_membership cm ON cm.student_id = m.student_id AND cm.deleted_at IS NULL
       JOIN school_class c ON c.id = cm.class_id AND c.year_id = @year
       WHERE m.deleted_at IS NULL GROUP BY m.group_id`,
    )
    .all({ year: yearId }) as { group_id: string; grade: number }[];
  return new Map(rows.map((r) => [r.group_id, r.grade]));
}

export interface LessonRow {
  id: string;
  date: string;
  lesson_no: number;
  status: LessonStatus;
  topic: string | null;
  homework: string | null;
  teacher: string | null;
  substitute: string | null;
}

const LESSON_COLS = `l.id, l.date, l.lesson_no, l.status, l.topic, l.homework,
  (SELECT ${NAME('t')} FROM staff t WHERE t.id = l.teacher_id) AS teacher,
  (SELECT ${NAME('t')} FROM staff t WHERE t.id = l.substitute_id) AS substitute`;

/** A class's lessons of a subject in [from, to] (dates inclusive): of one subgroup, or of the whole class (subgroupId null). */
export function classLessons(db: Db, classId: string, subjectId: string, subgroupId: string | null, from: string, to: string): LessonRow[] {
  return db
    .statement(
      `SELECT ${LESSON_COLS} FROM lesson l
       WHERE l.class_id = @cls AND l.subject_id = @subj AND l.date BETWEEN @from AND @to AND l.deleted_at IS NULL
         AND (l.subgroup_id = @sub OR (@sub IS NULL AND l.subgroup_id IS NULL))
       ORDER BY l.date, l.lesson_no, l.id`,
    )
    .all({ cls: classId, subj: subjectId, sub: subgroupId, from, to }) as LessonRow[];
}

export function groupLessons(db: Db, groupId: string, subjectId: string, from: string, to: string): LessonRow[] {
  return db
    .statement(
      `SELECT ${LESSON_COLS} FROM lesson l
       WHERE l.study_group_id = @grp AND l.subject_id = @subj AND l.date BETWEEN @from AND @to AND l.deleted_at IS NULL
       ORDER BY l.date, l.lesson_no, l.id`,
    )
    .all({ grp: groupId, subj: subjectId, from, to }) as LessonRow[];
}

/** A membership (class, subgroup or study group) of a student that overlaps [from, to]. */
export interface SpanRow {
  student_id: string;
  full_name: string;
  date_from: string;
  date_to: string | null;
}

const overlap = `m.deleted_at IS NULL AND m.date_from <= @to AND (m.date_to IS NULL OR m.date_to > @from)`;

export function classSpans(db: Db, classId: string, from: string, to: string): SpanRow[] {
  return db
    .statement(
      `SELECT m.student_id, ${NAME('s')} AS full_name, m.date_from, m.date_to FROM class_membership m JOIN student s ON s.id = m.student_id
       WHERE m.class_id = @id AND ${overlap}`,
    )
    .all({ id: classId, from, to }) as SpanRow[];
}

export function subgroupSpans(db: Db, subgroupId: string, from: string, to: string): SpanRow[] {
  return db
    .statement(
      `SELECT m.student_id, ${NAME('s')} AS full_name, m.date_from, m.date_to FROM subgroup_member m JOIN student s ON s.id = m.student_id
       WHERE m.subgroup_id = @id AND ${overlap}`,
    )
    .all({ id: subgroupId, from, to }) as SpanRow[];
}

export function groupSpans(db: Db, groupId: string, from: string, to: string): SpanRow[] {
  return db
    .statement(
      `SELECT m.student_id, ${NAME('s')} AS full_name, m.date_from, m.date_to FROM study_group_member m JOIN student s ON s.id = m.student_id
       WHERE m.group_id = @id AND ${overlap}`,
    )
    .all({ id: groupId, from, to }) as SpanRow[];
}

export interface MarkRow {
  student_id: string;
  lesson_id: string | null;
  date: string;
  subject_id: string;
  value: MarkValue;
  work_kind: WorkKind;
  weight: number;
}

/** Marks of the students in a subject between two dates (inclusive), in the order they were entered. */
export function marksOf(db: Db, studentIds: readonly string[], subjectId: string | null, from: string, to: string): MarkRow[] {
  return db
    .statement(
      `SELECT m.student_id, m.lesson_id, m.date, m.subject_id, m.value, m.work_kind, m.weight FROM mark m
       WHERE m.student_id IN (SELECT value FROM json_each(@ids)) AND (@subj IS NULL OR m.subject_id = @subj)
         AND m.date BETWEEN @from AND @to AND m.deleted_at IS NULL
       ORDER BY m.date, m.entered_at, m.id`,
    )
    .all({ ids: json(studentIds), subj: subjectId, from, to }) as MarkRow[];
}

export interface AbsenceRow {
  lesson_id: string;
  student_id: string;
  kind: AbsenceKind;
}

export function absencesAt(db: Db, lessonIds: readonly string[]): AbsenceRow[] {
  return db
    .statement(
      `SELECT a.lesson_id, a.student_id, a.kind FROM attendance a
       WHERE a.lesson_id IN (SELECT value FROM json_each(@ids)) AND a.deleted_at IS NULL ORDER BY a.entered_at`,
    )
    .all({ ids: json(lessonIds) }) as AbsenceRow[];
}

/** A student's absences in a period, with the lesson's subject. */
export function absencesOfStudent(db: Db, studentId: string, from: string, to: string): { subject_id: string; kind: AbsenceKind }[] {
  return db
    .statement(
      `SELECT l.subject_id, a.kind FROM attendance a JOIN lesson l ON l.id = a.lesson_id
       WHERE a.student_id = @id AND a.deleted_at IS NULL AND l.deleted_at IS NULL AND l.date BETWEEN @from AND @to`,
    )
    .all({ id: studentId, from, to }) as { subject_id: string; kind: AbsenceKind }[];
}

export interface PeriodMarkRow {
  student_id: string;
  subject_id: string;
  period_id: string | null;
  value: MarkValue;
  attestation: number;
}

/** Period marks and year marks (period_id null; `attestation` 1: the intermediate-attestation mark) of a year, the latest entered last. */
export function periodMarksOf(db: Db, studentIds: readonly string[], subjectId: string | null, yearId: string): PeriodMarkRow[] {
  return db
    .statement(
      `SELECT p.student_id, p.subject_id, p.period_id, p.value, p.attestation FROM period_mark p
       WHERE p.student_id IN (SELECT value FROM json_each(@ids)) AND (@subj IS NULL OR p.subject_id = @subj)
         AND p.year_id = @year AND p.deleted_at IS NULL
       ORDER BY p.entered_at, p.id`,
    )
    .all({ ids: json(studentIds), subj: subjectId, year: yearId }) as PeriodMarkRow[];
}

export interface StudentHead {
  id: string;
  full_name: string;
  class_id: string | null;
  class_name: string | null;
  grade: number | null;
  year_id: string | null;
}

/** A student, with the class they are in on a day (else their current class). */
export function studentOn(db: Db, studentId: string, date: string): StudentHead | undefined {
  return db
    .statement(
      `SELECT s.id, ${NAME('s')} AS full_name, c.id AS class_id, ${classNameSql('c')} AS class_name, c.grade, c.year_id
       FROM student s
       LEFT JOIN school_class c ON c.id = coalesce(
         (SELECT m.class_id FROM class_membership m WHERE m.student_id = s.id AND m.deleted_at IS NULL AND m.date_from <= @d AND (m.date_to IS NULL OR m.date_to > @d) LIMIT 1),
         s.class_id)
       WHERE s.id = @id`,
    )
    .get({ id: studentId, d: date }) as StudentHead | undefined;
}

export function subjectNames(db: Db, ids: readonly string[]): { id: string; name: string; sort_order: number }[] {
  return db
    .statement(`SELECT id, name, sort_order FROM subject WHERE id IN (SELECT value FROM json_each(@ids)) ORDER BY sort_order, name`)
    .all({ ids: json(ids) }) as { id: string; name: string; sort_order: number }[];
}

// ── The mark-change log (R15) ────────────────────────────────────────────────────────────────

export interface ChangeFilter {
  from?: string;
  to?: string;
  classId?: string | null;
  subjectId?: string | null;
  teacherId?: string | null;
  search?: string;
  /** Only the changes made after the grade-edit window had closed (R5). */
  outsideOnly?: boolean;
  sort: 'changedAt' | 'lessonDate' | 'student' | 'teacher';
  desc: boolean;
}

export interface ChangeRow {
  id: string;
  changed_at: string;
  teacher_id: string | null;
  teacher: string | null;
  student_id: string;
  student: string;
  class_name: string | null;
  subject: string;
  lesson_date: string | null;
  mark_table: MarkTable;
  old_value: MarkValue | null;
  new_value: MarkValue | null;
  /** The last day (inclusive) of the grade-edit window the change falls under; null: not known (no lesson date, the mark's year unknown). */
  deadline: string | null;
  /** 1: inside the window, 0: after it, null: not known. */
  in_window: 0 | 1 | null;
}

/** The day whose class a change's student is counted in: the mark's lesson day, else the day of the change. */
const DAY = `coalesce(x.lesson_date, substr(x.changed_at, 1, 10))`;
const CLASS_OF = `(SELECT cm.class_id FROM class_membership cm WHERE cm.student_id = x.student_id AND cm.deleted_at IS NULL
  AND cm.date_from <= ${DAY} AND (cm.date_to IS NULL OR cm.date_to > ${DAY}) LIMIT 1)`;

/**
 * The last day (inclusive, 'YYYY-MM-DD') a mark could be changed within the grade-edit window of its
 * year (R5, `academic_year.grade_edit_window`; docs/indicators.md «The mark-change report»): «Никогда»
 * — the year's last day; else the reference day plus one, two, three weeks or a month. The reference
 * day: a current mark's lesson date (its year: the one whose dates hold it), a period mark's period's
 * last day (a year mark: the year's last day). A month after 31.01 is 28.02 (the month's last day).
 */
const windowEnd = (y: string, ref: string) =>
  `CASE ${y}.grade_edit_window WHEN 'never' THEN ${y}.end_date WHEN '1w' THEN date(${ref}, '+7 days') WHEN '2w' THEN date(${ref}, '+14 days')
     WHEN '3w' THEN date(${ref}, '+21 days') WHEN '1m' THEN min(date(${ref}, '+1 month'), date(${ref}, 'start of month', '+2 months', '-1 day')) END`;
const DEADLINE = `(CASE x.mark_table
  WHEN 'mark' THEN (SELECT ${windowEnd('y', 'x.lesson_date')} FROM academic_year y
    WHERE y.deleted_at IS NULL AND y.start_date <= x.lesson_date AND y.end_date >= x.lesson_date ORDER BY y.start_date DESC LIMIT 1)
  ELSE (SELECT ${windowEnd('y', 'coalesce(sp.end_date, y.end_date)')} FROM period_mark pm JOIN academic_year y ON y.id = pm.year_id
    LEFT JOIN study_period sp ON sp.id = pm.period_id WHERE pm.id = x.mark_id) END)`;
/** The school's day of the change (local time, as the user reads `changed_at`). */
const CHANGE_DAY = `date(x.changed_at, 'localtime')`;

const ORDER: Record<ChangeFilter['sort'], string> = {
  changedAt: 'x.changed_at',
  lessonDate: 'x.lesson_date',
  student: `ru_fold((SELECT ${NAME('s')} FROM student s WHERE s.id = x.student_id))`,
  teacher: `ru_fold(coalesce((SELECT ${NAME('t')} FROM staff t WHERE t.id = x.teacher_id), ''))`,
};

/**
 * The WHERE of a filter. `fromAt`/`toAt` are the moments (ISO, UTC) of the school's local midnights
 * that start the first day and follow the last.
 */
function changeWhere(f: ChangeFilter, fromAt: string | null, toAt: string | null): { sql: string; params: Record<string, unknown> } {
  const parts = ['x.deleted_at IS NULL'];
  const params: Record<string, unknown> = {};
  if (fromAt) {
    parts.push('x.changed_at >= @fromAt');
    params.fromAt = fromAt;
  }
  if (toAt) {
    parts.push('x.changed_at < @toAt');
    params.toAt = toAt;
  }
  if (f.subjectId) {
    parts.push('x.subject_id = @subj');
    params.subj = f.subjectId;
  }
  if (f.teacherId) {
    parts.push('x.teacher_id = @teacher');
    params.teacher = f.teacherId;
  }
  if (f.classId) {
    // The class's students first (index mark_change_student), then the class on the lesson's day.
    parts.push(`x.student_id IN (SELECT student_id FROM class_membership WHERE class_id = @cls AND deleted_at IS NULL)`, `${CLASS_OF} = @cls`);
    params.cls = f.classId;
  }
  if (f.outsideOnly) parts.push(`${CHANGE_DAY} > ${DEADLINE}`);
  const words = (f.search ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 4);
  words.forEach((w, i) => {
    parts.push(`ru_fold((SELECT ${NAME('s')} FROM student s WHERE s.id = x.student_id)) LIKE @w${i} ESCAPE '\\'`);
    params[`w${i}`] = `%${ruFold(w).replace(/[%_\\]/g, (m) => '\\' + m)}%`;
  });
  return { sql: `WHERE ${parts.join(' AND ')}`, params };
}

export function changeRows(db: Db, f: ChangeFilter, fromAt: string | null, toAt: string | null, offset: number, limit: number): ChangeRow[] {
  const w = changeWhere(f, fromAt, toAt);
  const dir = f.desc ? 'DESC' : 'ASC';
  // The page is chosen first (its sort key only), the names are read for its rows alone.
  return db
    .statement(
      `SELECT x.id, x.changed_at, x.teacher_id,
         (SELECT ${NAME('t')} FROM staff t WHERE t.id = x.teacher_id) AS teacher,
         x.student_id, (SELECT ${NAME('s')} FROM student s WHERE s.id = x.student_id) AS student,
         (SELECT ${classNameSql('c')} FROM school_class c WHERE c.id = ${CLASS_OF}) AS class_name,
         (SELECT p.name FROM subject p WHERE p.id = x.subject_id) AS subject,
         x.lesson_date, x.mark_table, x.old_value, x.new_value, ${DEADLINE} AS deadline, ${CHANGE_DAY} <= ${DEADLINE} AS in_window
       FROM (SELECT x.id, ${ORDER[f.sort]} AS k, x.changed_at AS at FROM mark_change x ${w.sql}
             ORDER BY k ${dir}, x.changed_at ${dir}, x.id ${dir} LIMIT @limit OFFSET @offset) page
       JOIN mark_change x ON x.id = page.id
       ORDER BY page.k ${dir}, page.at ${dir}, page.id ${dir}`,
    )
    .all({ ...w.params, limit, offset }) as ChangeRow[];
}

export function changeCount(db: Db, f: ChangeFilter, fromAt: string | null, toAt: string | null): number {
  const w = changeWhere(f, fromAt, toAt);
  return (db.statement(`SELECT count(*) AS n FROM mark_change x ${w.sql}`).get(w.params) as { n: number }).n;
}

export function changeTeachers(db: Db): { id: string; name: string }[] {
  return db
    .statement(
      `SELECT t.id, ${NAME('t')} AS name FROM staff t WHERE t.id IN (SELECT DISTINCT teacher_id FROM mark_change WHERE deleted_at IS NULL)
       ORDER BY t.last_name, t.first_name, t.middle_name`,
    )
    .all() as { id: string; name: string }[];
}

export function changeSubjects(db: Db): { id: string; name: string }[] {
  return db
    .statement(
      `SELECT p.id, p.name FROM subject p WHERE p.id IN (SELECT DISTINCT subject_id FROM mark_change WHERE deleted_at IS NULL) ORDER BY p.sort_order, p.name`,
    )
    .all() as { id: string; name: string }[];
}

export function classesOfYear(db: Db, yearId: string): { id: string; name: string }[] {
  return db
    .statement(`SELECT c.id, ${classNameSql('c')} AS name FROM school_class c WHERE c.year_id = ? AND c.deleted_at IS NULL ORDER BY c.grade, c.letter`)
    .all(yearId) as { id: string; name: string }[];
}
