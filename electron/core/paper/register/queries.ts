// All SQL of the register of paper copies (issue 14 point 4). The register's entries are written
// by the Writer (register.ts); scans are a local table, inserted here inside the caller's
// transaction, their audit line written by the Writer (`w.local`).
import type { Db } from '../../../../db';
import { classNameSql } from '../../../../db';

export interface EntryRow {
  id: string;
  number: number;
  received_on: string;
  class_id: string;
  class_name: string;
  grade: number;
  period_id: string;
  period_name: string;
  copy_id: string | null;
  copy_code: string | null;
  sheets: number;
  handed_by: string;
  received_by: string;
  corrects_id: string | null;
  note: string | null;
  prev_digest: string;
  digest: string;
  recorded_at: string;
  recorded_by: string;
  deleted_at: string | null;
}

const PERIOD_NAME = `p.name || coalesce(' ' || (SELECT y.name FROM academic_year y WHERE y.id = p.year_id), '')`;

const ENTRY_SELECT = `SELECT e.id, e.number, e.received_on, e.class_id, ${classNameSql('c')} AS class_name, c.grade,
  e.period_id, ${PERIOD_NAME} AS period_name, e.copy_id, k.code AS copy_code, e.sheets, e.handed_by, e.received_by,
  e.corrects_id, e.note, e.prev_digest, e.digest, e.recorded_at, e.recorded_by, e.deleted_at
  FROM paper_register_entry e
  LEFT JOIN school_class c ON c.id = e.class_id
  LEFT JOIN study_period p ON p.id = e.period_id
  LEFT JOIN paper_copy k ON k.id = e.copy_id`;

/** Every live entry, by number. */
export function entries(db: Db): EntryRow[] {
  return db.statement(`${ENTRY_SELECT} WHERE e.deleted_at IS NULL ORDER BY e.number`).all() as EntryRow[];
}

/** Every row of the table, tombstoned ones too (the check: the app never removes an entry). */
export function allRows(db: Db): EntryRow[] {
  return db.statement(`${ENTRY_SELECT} ORDER BY e.number, e.id`).all() as EntryRow[];
}

export function entry(db: Db, id: string): EntryRow | undefined {
  return db.statement(`${ENTRY_SELECT} WHERE e.id = ? AND e.deleted_at IS NULL`).get(id) as EntryRow | undefined;
}

/** The last entry (the chain's head): its number and digest. */
export function last(db: Db): { number: number; digest: string } | undefined {
  return db.statement(`SELECT number, digest FROM paper_register_entry WHERE deleted_at IS NULL ORDER BY number DESC LIMIT 1`).get() as
    | { number: number; digest: string }
    | undefined;
}

export function correctionOf(db: Db, id: string): { number: number } | undefined {
  return db.statement(`SELECT number FROM paper_register_entry WHERE corrects_id = ? AND deleted_at IS NULL ORDER BY number LIMIT 1`).get(id) as
    | { number: number }
    | undefined;
}

export interface ClassRow {
  id: string;
  name: string;
  grade: number;
  year_id: string;
}
export function classRow(db: Db, id: string): ClassRow | undefined {
  return db.statement(`SELECT id, ${classNameSql('c')} AS name, grade, year_id FROM school_class c WHERE id = ? AND deleted_at IS NULL`).get(id) as ClassRow | undefined;
}

export interface PeriodRow {
  id: string;
  name: string;
  year_id: string;
  start_date: string;
  end_date: string;
  grade_from: number;
  grade_to: number;
}
export function periodRow(db: Db, id: string): PeriodRow | undefined {
  return db
    .statement(`SELECT p.id, ${PERIOD_NAME} AS name, p.year_id, p.start_date, p.end_date, p.grade_from, p.grade_to FROM study_period p WHERE p.id = ? AND p.deleted_at IS NULL`)
    .get(id) as PeriodRow | undefined;
}

export interface CopyRow {
  id: string;
  code: string;
  class_id: string;
  class_name: string;
  period_id: string;
  period_name: string;
  sheets: number;
  printed_at: string;
}
const COPY_SELECT = `SELECT k.id, k.code, k.class_id, ${classNameSql('c')} AS class_name, k.period_id, ${PERIOD_NAME} AS period_name, k.sheets, k.printed_at
  FROM paper_copy k JOIN school_class c ON c.id = k.class_id JOIN study_period p ON p.id = k.period_id WHERE k.deleted_at IS NULL`;

export function copyRow(db: Db, id: string): CopyRow | undefined {
  return db.statement(`${COPY_SELECT} AND k.id = ?`).get(id) as CopyRow | undefined;
}

/** The printed copies of the current year (newest first). */
export function copies(db: Db): CopyRow[] {
  return db
    .statement(`${COPY_SELECT} AND c.year_id = (SELECT id FROM academic_year WHERE is_current = 1 AND deleted_at IS NULL LIMIT 1) ORDER BY k.printed_at DESC, c.grade, c.letter`)
    .all() as CopyRow[];
}

export function classes(db: Db): ClassRow[] {
  return db
    .statement(
      `SELECT c.id, ${classNameSql('c')} AS name, c.grade, c.year_id FROM school_class c
       WHERE c.deleted_at IS NULL AND c.year_id = (SELECT id FROM academic_year WHERE is_current = 1 AND deleted_at IS NULL LIMIT 1)
       ORDER BY c.grade, c.letter`,
    )
    .all() as ClassRow[];
}

export function periods(db: Db): PeriodRow[] {
  return db
    .statement(
      `SELECT p.id, ${PERIOD_NAME} AS name, p.year_id, p.start_date, p.end_date, p.grade_from, p.grade_to FROM study_period p
       WHERE p.deleted_at IS NULL AND p.year_id = (SELECT id FROM academic_year WHERE is_current = 1 AND deleted_at IS NULL LIMIT 1)
       ORDER BY p.start_date, p.grade_from`,
    )
    .all() as PeriodRow[];
}

/** A live board step of the class and period, if any. */
export function liveStep(db: Db, classId: string, periodId: string, step: string): { id: string } | undefined {
  return db.statement(`SELECT id FROM paper_step WHERE class_id = ? AND period_id = ? AND step = ? AND deleted_at IS NULL`).get(classId, periodId, step) as
    | { id: string }
    | undefined;
}

export function schoolFullName(db: Db): string {
  return (db.statement(`SELECT full_name FROM school WHERE deleted_at IS NULL LIMIT 1`).get() as { full_name: string } | undefined)?.full_name ?? '';
}

// ── Scans (local) ──

export interface ScanMeta {
  id: string;
  entry_id: string;
  file_name: string;
  mime: string;
  size: number;
  digest: string;
  added_at: string;
  added_by: string;
}

export function scansOf(db: Db): ScanMeta[] {
  return db.statement(`SELECT id, entry_id, file_name, mime, size, digest, added_at, added_by FROM paper_scan ORDER BY added_at, id`).all() as ScanMeta[];
}

export function scanWithContent(db: Db, id: string): (ScanMeta & { content: Buffer }) | undefined {
  return db.statement(`SELECT * FROM paper_scan WHERE id = ?`).get(id) as (ScanMeta & { content: Buffer }) | undefined;
}

export function scanByDigest(db: Db, entryId: string, digest: string): { id: string } | undefined {
  return db.statement(`SELECT id FROM paper_scan WHERE entry_id = ? AND digest = ?`).get(entryId, digest) as { id: string } | undefined;
}

export function insertScan(db: Db, row: ScanMeta & { content: Buffer }): void {
  db.statement(`INSERT INTO paper_scan (id, entry_id, file_name, mime, size, digest, content, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
    row.id,
    row.entry_id,
    row.file_name,
    row.mime,
    row.size,
    row.digest,
    row.content,
    row.added_at,
    row.added_by,
  );
}

/** Every scan's bytes, one at a time (the check). */
export function* scanContents(db: Db): Generator<ScanMeta & { content: Buffer }> {
  for (const r of db.statement(`SELECT * FROM paper_scan ORDER BY added_at, id`).iterate()) yield r as ScanMeta & { content: Buffer };
}
