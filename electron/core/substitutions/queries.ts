// All SQL of the substitutions feature (issue 11 point 4; R9): the timetable version of a date, its
// placed cards with the names the day shows, bells, holidays and study periods, teachers' absences,
// the lesson changes, and what the ranking of candidates reads (qualifications, teaching
// assignments, substitutions so far). The services (day.ts, candidates.ts, changes.ts, …) decide.
import type { Db } from '../../../db';
import { classNameSql } from '../../../db';
import type { AbsenceReason, LessonChangeKind, WeekParity } from '../../api/enums';

const FULL = (t: string) => `${t}.last_name || ' ' || ${t}.first_name || coalesce(' ' || ${t}.middle_name, '')`;
/** «Котов О. И.» */
const SHORT = (t: string) =>
  `${t}.last_name || ' ' || substr(${t}.first_name, 1, 1) || '.' || coalesce(' ' || substr(nullif(${t}.middle_name, ''), 1, 1) || '.', '')`;

export interface YearRow {
  id: string;
  start_date: string;
  end_date: string;
}

export function yearById(db: Db, id: string): YearRow | undefined {
  return db.statement(`SELECT id, start_date, end_date FROM academic_year WHERE id = ? AND deleted_at IS NULL`).get(id) as YearRow | undefined;
}

export interface VersionRow {
  id: string;
  name: string;
  valid_from: string;
  days: number;
  fortnight: number;
}

/** The year's timetable versions, by date. */
export function versionsOf(db: Db, yearId: string): VersionRow[] {
  return db
    .statement(`SELECT id, name, valid_from, days, fortnight FROM timetable WHERE year_id = ? AND deleted_at IS NULL ORDER BY valid_from`)
    .all(yearId) as VersionRow[];
}

export interface BellRow {
  shift: number;
  lesson_no: number;
  starts_at: string;
  ends_at: string;
}

export function bellsOf(db: Db, yearId: string): BellRow[] {
  return db
    .statement(
      `SELECT s.shift, b.lesson_no, b.starts_at, b.ends_at FROM bell b JOIN bell_schedule s ON s.id = b.schedule_id
       WHERE s.year_id = ? AND s.deleted_at IS NULL AND b.deleted_at IS NULL ORDER BY s.shift, b.lesson_no`,
    )
    .all(yearId) as BellRow[];
}

export interface RangeRow {
  name: string;
  start_date: string;
  end_date: string;
  grade_from: number;
  grade_to: number;
}

export function holidaysOf(db: Db, yearId: string): RangeRow[] {
  return db
    .statement(`SELECT name, start_date, end_date, grade_from, grade_to FROM holiday WHERE year_id = ? AND deleted_at IS NULL`)
    .all(yearId) as RangeRow[];
}

export function periodsOf(db: Db, yearId: string): RangeRow[] {
  return db
    .statement(`SELECT name, start_date, end_date, grade_from, grade_to FROM study_period WHERE year_id = ? AND deleted_at IS NULL`)
    .all(yearId) as RangeRow[];
}

export interface CardRow {
  id: string;
  timetable_id: string;
  teacher_id: string;
  teacher_name: string;
  teacher_short: string;
  subject_id: string;
  subject_name: string;
  class_id: string | null;
  subgroup_id: string | null;
  division_id: string | null;
  study_group_id: string | null;
  /** «7А», «5А · 1 подгруппа», a study group's name. */
  target_name: string;
  class_name: string | null;
  study_group_name: string | null;
  /** The class's parallel; a study group's lowest member's (null: no member in a class). */
  grade: number | null;
  shift: number;
  duration: number;
  weeks: WeekParity;
  weekday: number | null;
  lesson_no: number | null;
  room_id: string | null;
  room_number: string | null;
}

const CARD_SELECT = `SELECT k.id, k.timetable_id, k.teacher_id, ${FULL('t')} AS teacher_name, ${SHORT('t')} AS teacher_short,
    k.subject_id, p.name AS subject_name, k.class_id, k.subgroup_id, sg.division_id, k.study_group_id,
    CASE WHEN k.class_id IS NULL THEN g.name WHEN sg.id IS NULL THEN ${classNameSql('c')} ELSE ${classNameSql('c')} || ' · ' || sg.name END AS target_name,
    ${classNameSql('c')} AS class_name, g.name AS study_group_name,
    coalesce(c.grade, (SELECT min(c2.grade) FROM study_group_member m JOIN class_membership cm ON cm.student_id = m.student_id AND cm.deleted_at IS NULL AND cm.date_to IS NULL
       JOIN school_class c2 ON c2.id = cm.class_id WHERE m.group_id = k.study_group_id AND m.deleted_at IS NULL AND m.date_to IS NULL)) AS grade,
    k.shift, k.duration, k.weeks, k.weekday, k.lesson_no, k.room_id, r.number AS room_number
  FROM timetable_card k
  JOIN staff t ON t.id = k.teacher_id
  JOIN subject p ON p.id = k.subject_id
  LEFT JOIN school_class c ON c.id = k.class_id
  LEFT JOIN subgroup sg ON sg.id = k.subgroup_id
  LEFT JOIN study_group g ON g.id = k.study_group_id
  LEFT JOIN room r ON r.id = k.room_id`;

/** A version's placed cards (weekday and lesson set). */
export function placedCards(db: Db, timetableId: string): CardRow[] {
  return db.statement(`${CARD_SELECT} WHERE k.timetable_id = ? AND k.deleted_at IS NULL AND k.weekday IS NOT NULL`).all(timetableId) as CardRow[];
}

export function cardById(db: Db, id: string): CardRow | undefined {
  return db.statement(`${CARD_SELECT} WHERE k.id = ? AND k.deleted_at IS NULL`).get(id) as CardRow | undefined;
}

export interface ChangeRow {
  id: string;
  date: string;
  card_id: string;
  kind: LessonChangeKind;
  absence_id: string | null;
  substitute_id: string | null;
  substitute_name: string | null;
  substitute_short: string | null;
  same_subject: number | null;
  to_date: string | null;
  to_lesson_no: number | null;
  room_id: string | null;
  room_number: string | null;
  note: string | null;
}

const CHANGE_SELECT = `SELECT x.id, x.date, x.card_id, x.kind, x.absence_id, x.substitute_id,
    CASE WHEN s.id IS NULL THEN NULL ELSE ${FULL('s')} END AS substitute_name,
    CASE WHEN s.id IS NULL THEN NULL ELSE ${SHORT('s')} END AS substitute_short,
    x.same_subject, x.to_date, x.to_lesson_no, x.room_id, r.number AS room_number, x.note
  FROM lesson_change x LEFT JOIN staff s ON s.id = x.substitute_id LEFT JOIN room r ON r.id = x.room_id`;

/** The changes of the lessons of a date, and the lessons moved to it from other dates. */
export function changesOn(db: Db, date: string): ChangeRow[] {
  return db.statement(`${CHANGE_SELECT} WHERE x.deleted_at IS NULL AND (x.date = ? OR x.to_date = ?)`).all(date, date) as ChangeRow[];
}

export function changeById(db: Db, id: string): ChangeRow | undefined {
  return db.statement(`${CHANGE_SELECT} WHERE x.id = ? AND x.deleted_at IS NULL`).get(id) as ChangeRow | undefined;
}

/** The live change of one lesson (card and date): at most one. */
export function changeOf(db: Db, cardId: string, date: string): ChangeRow | undefined {
  return db.statement(`${CHANGE_SELECT} WHERE x.card_id = ? AND x.date = ? AND x.deleted_at IS NULL`).get(cardId, date) as ChangeRow | undefined;
}

/** Substitutions (the teacher changed: substitute, merge) dated from..to, of one substitute or all. */
export function substitutionsBetween(db: Db, from: string, to: string, substituteId: string | null): ChangeRow[] {
  return db
    .statement(
      `${CHANGE_SELECT} WHERE x.deleted_at IS NULL AND x.kind IN ('substitute', 'merge') AND x.date BETWEEN ? AND ?
       AND (? IS NULL OR x.substitute_id = ?) ORDER BY x.date`,
    )
    .all(from, to, substituteId, substituteId) as ChangeRow[];
}

/** Per substitute: substitutions dated from..to (for «fewest substitutions this month»). */
export function substitutionCounts(db: Db, from: string, to: string): Map<string, number> {
  const rows = db
    .statement(
      `SELECT substitute_id AS id, count(*) AS n FROM lesson_change WHERE deleted_at IS NULL AND kind IN ('substitute', 'merge')
       AND date BETWEEN ? AND ? GROUP BY substitute_id`,
    )
    .all(from, to) as { id: string; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** Per month ('YYYY-MM') of from..to: substitutions and those by a teacher of the same subject. */
export function substitutionsByMonth(db: Db, from: string, to: string): { month: string; n: number; same: number }[] {
  return db
    .statement(
      `SELECT substr(date, 1, 7) AS month, count(*) AS n, sum(CASE WHEN same_subject = 1 THEN 1 ELSE 0 END) AS same
       FROM lesson_change WHERE deleted_at IS NULL AND kind IN ('substitute', 'merge') AND date BETWEEN ? AND ? GROUP BY month`,
    )
    .all(from, to) as { month: string; n: number; same: number }[];
}

/** Dates (from..to) on which a card has a live change: 'cardId|date'. */
export function changedLessons(db: Db, from: string, to: string): Set<string> {
  const rows = db
    .statement(`SELECT card_id, date FROM lesson_change WHERE deleted_at IS NULL AND date BETWEEN ? AND ?`)
    .all(from, to) as { card_id: string; date: string }[];
  return new Set(rows.map((r) => `${r.card_id}|${r.date}`));
}

/** Lessons a teacher was given (substitute, merge) dated from..to, with where: the first by date. */
export function givenTo(db: Db, staffId: string, from: string, to: string): { n: number; date: string | null; lesson_no: number | null; target: string | null } {
  return db
    .statement(
      `SELECT count(*) AS n, min(x.date) AS date,
         (SELECT k.lesson_no FROM lesson_change y JOIN timetable_card k ON k.id = y.card_id WHERE y.substitute_id = ? AND y.deleted_at IS NULL AND y.date BETWEEN ? AND ? ORDER BY y.date, k.lesson_no LIMIT 1) AS lesson_no,
         (SELECT coalesce(${classNameSql('c')}, g.name) FROM lesson_change y JOIN timetable_card k ON k.id = y.card_id LEFT JOIN school_class c ON c.id = k.class_id LEFT JOIN study_group g ON g.id = k.study_group_id
            WHERE y.substitute_id = ? AND y.deleted_at IS NULL AND y.date BETWEEN ? AND ? ORDER BY y.date, k.lesson_no LIMIT 1) AS target
       FROM lesson_change x WHERE x.substitute_id = ? AND x.deleted_at IS NULL AND x.date BETWEEN ? AND ?`,
    )
    .get(staffId, from, to, staffId, from, to, staffId, from, to) as { n: number; date: string | null; lesson_no: number | null; target: string | null };
}

export function changesOfAbsence(db: Db, absenceId: string): number {
  return (db.statement(`SELECT count(*) AS n FROM lesson_change WHERE absence_id = ? AND deleted_at IS NULL`).get(absenceId) as { n: number }).n;
}

/** Changes linked to an absence dated outside from..to. */
export function changesOfAbsenceOutside(db: Db, absenceId: string, from: string, to: string): number {
  return (
    db.statement(`SELECT count(*) AS n FROM lesson_change WHERE absence_id = ? AND deleted_at IS NULL AND (date < ? OR date > ?)`).get(absenceId, from, to) as {
      n: number;
    }
  ).n;
}

export interface AbsenceRow {
  id: string;
  staff_id: string;
  teacher_name: string;
  teacher_short: string;
  date_from: string;
  date_to: string;
  reason: AbsenceReason;
  note: string | null;
}

const ABSENCE_SELECT = `SELECT a.id, a.staff_id, ${FULL('t')} AS teacher_name, ${SHORT('t')} AS teacher_short, a.date_from, a.date_to, a.reason, a.note
  FROM teacher_absence a JOIN staff t ON t.id = a.staff_id`;

/** Absences overlapping from..to (of one teacher, or all), by date and name. */
export function absencesOverlapping(db: Db, from: string, to: string, staffId: string | null = null): AbsenceRow[] {
  return db
    .statement(
      `${ABSENCE_SELECT} WHERE a.deleted_at IS NULL AND a.date_from <= ? AND a.date_to >= ? AND (? IS NULL OR a.staff_id = ?)
       ORDER BY a.date_from, t.last_name, t.first_name`,
    )
    .all(to, from, staffId, staffId) as AbsenceRow[];
}

export function absenceById(db: Db, id: string): AbsenceRow | undefined {
  return db.statement(`${ABSENCE_SELECT} WHERE a.id = ? AND a.deleted_at IS NULL`).get(id) as AbsenceRow | undefined;
}

export interface StaffRow {
  id: string;
  name: string;
  short: string;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  gender: string | null;
  roles: string;
}

const STAFF_SELECT = `SELECT t.id, ${FULL('t')} AS name, ${SHORT('t')} AS short, t.last_name, t.first_name, t.middle_name, t.gender, t.roles FROM staff t`;

export function staffById(db: Db, id: string): StaffRow | undefined {
  return db.statement(`${STAFF_SELECT} WHERE t.id = ? AND t.deleted_at IS NULL`).get(id) as StaffRow | undefined;
}

/** Who may cover a lesson: staff with the teacher's duty, or teaching something this year. */
export function teachers(db: Db): StaffRow[] {
  return db
    .statement(
      `${STAFF_SELECT} WHERE t.deleted_at IS NULL AND (EXISTS (SELECT 1 FROM json_each(t.roles) j WHERE j.value = 'teacher')
         OR EXISTS (SELECT 1 FROM teaching_assignment a WHERE a.teacher_id = t.id AND a.deleted_at IS NULL))
       ORDER BY t.last_name, t.first_name, t.middle_name`,
    )
    .all() as StaffRow[];
}

export function qualifications(db: Db): { staff_id: string; subject_id: string }[] {
  return db.statement(`SELECT staff_id, subject_id FROM staff_qualification WHERE deleted_at IS NULL`).all() as { staff_id: string; subject_id: string }[];
}

export interface AssignmentRow {
  teacher_id: string;
  subject_id: string;
  class_id: string | null;
  study_group_id: string | null;
}

/** The teaching assignments (тарификация; a subgroup's has its class). */
export function assignments(db: Db): AssignmentRow[] {
  return db
    .statement(`SELECT a.teacher_id, a.subject_id, a.class_id, a.study_group_id FROM teaching_assignment a WHERE a.deleted_at IS NULL`)
    .all() as AssignmentRow[];
}

export interface UnavailableRow {
  staff_id: string;
  weekday: number;
  shift: number;
  lesson_no: number | null;
  reason: 'unavailable' | 'methodical_day';
}

/** A version's teachers' busy times (a lesson, or the whole day: lesson_no null). */
export function unavailableOf(db: Db, timetableId: string): UnavailableRow[] {
  return db
    .statement(`SELECT staff_id, weekday, shift, lesson_no, reason FROM teacher_unavailable WHERE timetable_id = ? AND deleted_at IS NULL`)
    .all(timetableId) as UnavailableRow[];
}

export function roomById(db: Db, id: string): { id: string; number: string } | undefined {
  return db.statement(`SELECT id, number FROM room WHERE id = ? AND deleted_at IS NULL`).get(id) as { id: string; number: string } | undefined;
}

/** The staff card of an account (for the signature line of the deputy who prints). */
export function staffOfUser(db: Db, userId: string): StaffRow | undefined {
  return db.statement(`${STAFF_SELECT} JOIN app_user u ON u.staff_id = t.id WHERE u.id = ?`).get(userId) as StaffRow | undefined;
}

export function schoolFullName(db: Db): string {
  return (db.statement(`SELECT full_name FROM school WHERE deleted_at IS NULL LIMIT 1`).get() as { full_name: string } | undefined)?.full_name ?? '';
}
