// The archive's SQL (issue 14 point 5): the year and its periods, the journal data of a period for
// its XLSX, and the archives built (paper_archive).
import { classNameSql, type Db } from '../../../../db';

export interface YearRow {
  id: string;
  name: string;
  start_date: string;
  end_date: string;
}

export function yearById(db: Db, id: string): YearRow | undefined {
  return db.statement(`SELECT id, name, start_date, end_date FROM academic_year WHERE id = ? AND deleted_at IS NULL`).get(id) as YearRow | undefined;
}

export function periodById(db: Db, id: string): { id: string; year_id: string } | undefined {
  return db.statement(`SELECT id, year_id FROM study_period WHERE id = ? AND deleted_at IS NULL`).get(id) as { id: string; year_id: string } | undefined;
}

export interface MarkRow {
  class_name: string;
  subject: string;
  student: string;
  date: string;
  value: string;
  work_kind: string;
  weight: number;
}

/**
 * The marks of a period's days given to the students of the period's classes (the class the student
 * was in on the mark's day), by class, subject, student and date.
 */
export function periodMarks(db: Db, p: { year_id: string; start_date: string; end_date: string; grade_from: number; grade_to: number }): MarkRow[] {
  return db
    .statement(
      `SELECT ${classNameSql('c')} AS class_name, subj.name AS subject,
              s.last_name || ' ' || s.first_name || coalesce(' ' || s.middle_name, '') AS student,
              m.date, m.value, m.work_kind, m.weight
       FROM mark m
       JOIN class_membership cm ON cm.student_id = m.student_id AND cm.deleted_at IS NULL AND cm.date_from <= m.date AND (cm.date_to IS NULL OR cm.date_to > m.date)
       JOIN school_class c ON c.id = cm.class_id AND c.deleted_at IS NULL AND c.year_id = ? AND c.grade BETWEEN ? AND ?
       JOIN subject subj ON subj.id = m.subject_id
       JOIN student s ON s.id = m.student_id
       WHERE m.deleted_at IS NULL AND m.date BETWEEN ? AND ?
       ORDER BY c.grade, c.letter, subj.sort_order, subj.name, s.last_name, s.first_name, s.middle_name, s.id, m.date, m.id`,
    )
    .all(p.year_id, p.grade_from, p.grade_to, p.start_date, p.end_date) as MarkRow[];
}

export interface PeriodMarkRow {
  class_name: string;
  subject: string;
  student: string;
  value: string;
}

/** The period marks of a period (the one entered last counts), by the student's class on the period's last day. */
export function periodPeriodMarks(db: Db, p: { id: string; year_id: string; end_date: string }): PeriodMarkRow[] {
  return db
    .statement(
      `SELECT class_name, subject, student, value FROM (
         SELECT ${classNameSql('c')} AS class_name, c.grade, c.letter, subj.sort_order, subj.name AS subject,
                s.last_name, s.first_name, s.middle_name, s.id AS sid,
                s.last_name || ' ' || s.first_name || coalesce(' ' || s.middle_name, '') AS student,
                pm.value, row_number() OVER (PARTITION BY pm.student_id, pm.subject_id ORDER BY pm.entered_at DESC, pm.id DESC) AS k
         FROM period_mark pm
         JOIN class_membership cm ON cm.student_id = pm.student_id AND cm.deleted_at IS NULL AND cm.date_from <= ? AND (cm.date_to IS NULL OR cm.date_to > ?)
         JOIN school_class c ON c.id = cm.class_id AND c.deleted_at IS NULL AND c.year_id = ?
         JOIN subject subj ON subj.id = pm.subject_id
         JOIN student s ON s.id = pm.student_id
         WHERE pm.deleted_at IS NULL AND pm.period_id = ?)
       WHERE k = 1
       ORDER BY grade, letter, sort_order, subject, last_name, first_name, middle_name, sid`,
    )
    .all(p.end_date, p.end_date, p.year_id, p.id) as PeriodMarkRow[];
}

export interface ArchiveDbRow {
  id: string;
  kind: 'period' | 'year';
  year_id: string;
  year_name: string;
  year_end: string;
  period_id: string | null;
  period_name: string | null;
  file_name: string;
  size: number;
  digest: string;
  built_at: string;
  built_by: string;
}

const ARCHIVE_SELECT = `SELECT a.id, a.kind, a.year_id, y.name AS year_name, y.end_date AS year_end, a.period_id, p.name AS period_name,
  a.file_name, a.size, a.digest, a.built_at, a.built_by
  FROM paper_archive a JOIN academic_year y ON y.id = a.year_id LEFT JOIN study_period p ON p.id = a.period_id
  WHERE a.deleted_at IS NULL`;

export function archives(db: Db): ArchiveDbRow[] {
  return db.statement(`${ARCHIVE_SELECT} ORDER BY a.built_at DESC, a.id DESC`).all() as ArchiveDbRow[];
}

export function archiveByDigest(db: Db, digest: string): ArchiveDbRow | undefined {
  return db.statement(`${ARCHIVE_SELECT} AND a.digest = ? ORDER BY a.built_at DESC LIMIT 1`).get(digest) as ArchiveDbRow | undefined;
}

export function archiveBuiltAt(db: Db, builtAt: string): ArchiveDbRow | undefined {
  return db.statement(`${ARCHIVE_SELECT} AND a.built_at = ? LIMIT 1`).get(builtAt) as ArchiveDbRow | undefined;
}
