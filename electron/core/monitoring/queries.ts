// All SQL of the journal's monitoring (issue 13 point 3; docs/indicators.md «Monitoring of the
// journal»): the year's classes and study groups, the journal rows of a span of dates (lessons,
// their marks and attendance, marks without a lesson), the dated lists of classes, subgroups and
// study groups, the curriculum hours, the teaching assignments and qualifications (equivalent
// substitutions), «осв.» period marks. A report loads with these few set-based statements; lists of
// ids travel as one JSON parameter (json_each).
import type { Db } from '../../../db';
import { classNameSql } from '../../../db';
import type { AbsenceKind, Grading, LessonStatus, MarkValue } from '../../api/enums';

const json = (v: unknown) => JSON.stringify(v);
const NAME = (t: string) => `${t}.last_name || ' ' || ${t}.first_name || coalesce(' ' || ${t}.middle_name, '')`;

export interface PeriodRow {
  id: string;
  year_id: string;
  name: string;
  start_date: string;
  end_date: string;
  grade_from: number;
  grade_to: number;
}

export function studyPeriods(db: Db, yearId: string): PeriodRow[] {
  return db
    .statement(`SELECT id, year_id, name, start_date, end_date, grade_from, grade_to FROM study_period WHERE year_id = ? AND deleted_at IS NULL ORDER BY start_date, grade_from, number`)
    .all(yearId) as PeriodRow[];
}

export function studyPeriod(db: Db, id: string): PeriodRow | undefined {
  return db.statement(`SELECT id, year_id, name, start_date, end_date, grade_from, grade_to FROM study_period WHERE id = ? AND deleted_at IS NULL`).get(id) as PeriodRow | undefined;
}

export function hasJournal(db: Db): boolean {
  return !!db.statement(`SELECT 1 FROM lesson WHERE deleted_at IS NULL LIMIT 1`).get();
}

export interface ClassRow {
  id: string;
  name: string;
  grade: number;
}

export function classesOfYear(db: Db, yearId: string): ClassRow[] {
  return db.statement(`SELECT c.id, ${classNameSql('c')} AS name, c.grade FROM school_class c WHERE c.year_id = ? AND c.deleted_at IS NULL ORDER BY c.grade, c.letter`).all(yearId) as ClassRow[];
}

export interface GroupRow {
  id: string;
  name: string;
  subject_id: string;
  hours_per_week: number;
  /** The lowest parallel of its members' classes (null: none in a class). */
  grade: number | null;
  /** The parallels of its members' classes, JSON array. */
  grades: string;
}

export function studyGroupsOfYear(db: Db, yearId: string): GroupRow[] {
  return db
    .statement(
      `SELECT g.id, g.name, g.subject_id, g.hours_per_week,
         (SELECT min(c.grade) FROM study_group_member m JOIN class_membership cm ON cm.student_id = m.student_id AND cm.deleted_at IS NULL
            JOIN school_class c ON c.id = cm.class_id AND c.year_id = g.year_id WHERE m.group_id = g.id AND m.deleted_at IS NULL) AS grade,
         (SELECT coalesce(json_group_array(DISTINCT c.grade), '[]') FROM study_group_member m JOIN class_membership cm ON cm.student_id = m.student_id AND cm.deleted_at IS NULL
            JOIN school_class c ON c.id = cm.class_id AND c.year_id = g.year_id WHERE m.group_id = g.id AND m.deleted_at IS NULL) AS grades
       FROM study_group g WHERE g.year_id = ? AND g.deleted_at IS NULL ORDER BY g.name`,
    )
    .all(yearId) as GroupRow[];
}

export interface SubjectRow {
  id: string;
  name: string;
  sort_order: number;
  grading: Grading;
  no_attestation: number;
}

export function subjects(db: Db): SubjectRow[] {
  return db.statement(`SELECT id, name, sort_order, grading, no_attestation FROM subject WHERE deleted_at IS NULL ORDER BY sort_order, name`).all() as SubjectRow[];
}

export interface StaffRow {
  id: string;
  name: string;
}

export function staff(db: Db): StaffRow[] {
  return db.statement(`SELECT s.id, ${NAME('s')} AS name FROM staff s ORDER BY s.last_name, s.first_name, s.middle_name, s.id`).all() as StaffRow[];
}

export interface SubgroupRow {
  id: string;
  name: string;
  class_id: string;
}

export function subgroups(db: Db, classIds: readonly string[]): SubgroupRow[] {
  return db
    .statement(
      `SELECT sg.id, sg.name, d.class_id FROM subgroup sg JOIN class_division d ON d.id = sg.division_id
       WHERE d.class_id IN (SELECT value FROM json_each(?)) ORDER BY sg.number`,
    )
    .all(json(classIds)) as SubgroupRow[];
}

export interface LessonRow {
  id: string;
  date: string;
  lesson_no: number;
  class_id: string | null;
  subgroup_id: string | null;
  study_group_id: string | null;
  subject_id: string;
  teacher_id: string;
  substitute_id: string | null;
  topic: string | null;
  homework: string | null;
  status: LessonStatus;
  updated_at: string;
}

/**
 * The lessons of the classes and study groups dated within [from, to]: the span's lessons read
 * once (no index serves a date range across classes) and kept to the given classes and groups.
 */
export function lessons(db: Db, from: string, to: string, classIds: readonly string[], groupIds: readonly string[]): LessonRow[] {
  const classes = new Set(classIds);
  const groups = new Set(groupIds);
  const rows = db
    .statement(
      `SELECT id, date, lesson_no, class_id, subgroup_id, study_group_id, subject_id, teacher_id, substitute_id, topic, homework, status, updated_at
       FROM lesson WHERE deleted_at IS NULL AND date BETWEEN @from AND @to ORDER BY date, lesson_no, id`,
    )
    .all({ from, to }) as LessonRow[];
  return rows.filter((l) => (l.class_id ? classes.has(l.class_id) : !!l.study_group_id && groups.has(l.study_group_id)));
}

export interface MarkRow {
  id: string;
  student_id: string;
  lesson_id: string | null;
  date: string;
  subject_id: string;
  value: MarkValue;
  entered_at: string;
}

/**
 * The current marks of the lessons (by the lesson index), and the marks without a lesson dated
 * within [from, to] of the given students.
 */
export function marks(db: Db, lessonIds: readonly string[], from: string, to: string, studentIds: readonly string[]): MarkRow[] {
  const students = new Set(studentIds);
  const ofLessons = db
    .statement(
      `SELECT m.id, m.student_id, m.lesson_id, m.date, m.subject_id, m.value, m.entered_at
       FROM json_each(?) j JOIN mark m ON m.lesson_id = j.value AND m.deleted_at IS NULL`,
    )
    .all(json(lessonIds)) as MarkRow[];
  const without = (
    db
      .statement(
        `SELECT m.id, m.student_id, m.lesson_id, m.date, m.subject_id, m.value, m.entered_at
         FROM mark m WHERE m.lesson_id IS NULL AND m.deleted_at IS NULL AND m.date BETWEEN @from AND @to`,
      )
      .all({ from, to }) as MarkRow[]
  ).filter((m) => students.has(m.student_id));
  return [...ofLessons, ...without].sort((a, b) => a.date.localeCompare(b.date) || a.entered_at.localeCompare(b.entered_at) || a.id.localeCompare(b.id));
}

export interface AttendanceRow {
  lesson_id: string;
  student_id: string;
  kind: AbsenceKind;
  entered_at: string;
}

/** The attendance entries of the lessons. */
export function attendance(db: Db, lessonIds: readonly string[]): AttendanceRow[] {
  return db
    .statement(
      `SELECT a.lesson_id, a.student_id, a.kind, a.entered_at
       FROM json_each(?) j JOIN attendance a ON a.lesson_id = j.value AND a.deleted_at IS NULL`,
    )
    .all(json(lessonIds)) as AttendanceRow[];
}

export interface MemberRow {
  /** The class, subgroup or study group. */
  list_id: string;
  student_id: string;
  name: string;
  date_from: string;
  date_to: string | null;
}

/** The dated lists of the classes, subgroups and study groups overlapping [from, to]. */
export function members(db: Db, from: string, to: string, classIds: readonly string[], subgroupIds: readonly string[], groupIds: readonly string[]): MemberRow[] {
  const overlap = (t: string) => `${t}.deleted_at IS NULL AND ${t}.date_from <= @to AND (${t}.date_to IS NULL OR ${t}.date_to > @from)`;
  return db
    .statement(
      `SELECT m.class_id AS list_id, m.student_id, ${NAME('s')} AS name, m.date_from, m.date_to
         FROM class_membership m JOIN student s ON s.id = m.student_id
         WHERE m.class_id IN (SELECT value FROM json_each(@classes)) AND ${overlap('m')}
       UNION ALL
       SELECT m.subgroup_id, m.student_id, ${NAME('s')}, m.date_from, m.date_to
         FROM subgroup_member m JOIN student s ON s.id = m.student_id
         WHERE m.subgroup_id IN (SELECT value FROM json_each(@subgroups)) AND ${overlap('m')}
       UNION ALL
       SELECT m.group_id, m.student_id, ${NAME('s')}, m.date_from, m.date_to
         FROM study_group_member m JOIN student s ON s.id = m.student_id
         WHERE m.group_id IN (SELECT value FROM json_each(@groups)) AND ${overlap('m')}
       ORDER BY 3, 2`,
    )
    .all({ from, to, classes: json(classIds), subgroups: json(subgroupIds), groups: json(groupIds) }) as MemberRow[];
}

export interface CurriculumRow {
  class_id: string;
  subject_id: string;
  hours_per_week: number;
}

export function curriculum(db: Db, classIds: readonly string[]): CurriculumRow[] {
  return db
    .statement(
      `SELECT class_id, subject_id, hours_per_week FROM curriculum_item
       WHERE deleted_at IS NULL AND hours_per_week > 0 AND class_id IN (SELECT value FROM json_each(?))`,
    )
    .all(json(classIds)) as CurriculumRow[];
}

export interface AssignmentRow {
  teacher_id: string;
  subject_id: string;
  class_id: string | null;
  subgroup_id: string | null;
  study_group_id: string | null;
  hours_per_week: number;
}

/** The year's teaching assignments (тарификация): the classes' and study groups' of the year. */
export function assignments(db: Db, yearId: string): AssignmentRow[] {
  return db
    .statement(
      `SELECT a.teacher_id, a.subject_id, a.class_id, a.subgroup_id, a.study_group_id, a.hours_per_week
       FROM teaching_assignment a
       LEFT JOIN school_class c ON c.id = a.class_id
       LEFT JOIN study_group g ON g.id = a.study_group_id
       WHERE a.deleted_at IS NULL AND (c.year_id = @year OR g.year_id = @year)`,
    )
    .all({ year: yearId }) as AssignmentRow[];
}

/** The subjects each staff member may teach (their qualifications). */
export function qualifications(db: Db): { staff_id: string; subject_id: string }[] {
  return db.statement(`SELECT staff_id, subject_id FROM staff_qualification WHERE deleted_at IS NULL`).all() as { staff_id: string; subject_id: string }[];
}

/** The students exempt («осв.») from a subject by their mark of the study period. */
export function exemptions(db: Db, periodId: string): { student_id: string; subject_id: string }[] {
  return db
    .statement(`SELECT DISTINCT student_id, subject_id FROM period_mark WHERE period_id = ? AND value = 'exempt' AND deleted_at IS NULL`)
    .all(periodId) as { student_id: string; subject_id: string }[];
}

export function schoolFullName(db: Db): string {
  return (db.statement(`SELECT full_name FROM school WHERE deleted_at IS NULL LIMIT 1`).get() as { full_name: string } | undefined)?.full_name ?? '';
}
