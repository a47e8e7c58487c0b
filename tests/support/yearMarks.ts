// The year's marks as sync brings them from the central journal at the year end (issue 15, R24):
// for every student of a year's classes and every attested subject of the class's curriculum, a
// mark for each of the grade's study periods, the year mark (period_id null) and the
// intermediate-attestation mark (period_id null, attestation 1). Written with plain SQL into the
// central-owned table, as tests/support/journal.ts does. Deterministic: the value of a student and
// subject comes from a hash of their ids and the seed; `overrides` set the ones a test needs.
import { createHash } from 'node:crypto';
import type { Db } from '../../db';
import { uuidv7 } from '../../db/ids';
import type { MarkValue } from '../../electron/api/enums';

export interface MarkOverride {
  studentId: string;
  subjectId: string;
  /** The year mark; null: none (missing). */
  year?: MarkValue | null;
  /** The attestation mark; null: none (missing). */
  attestation?: MarkValue | null;
  /** Every period mark of the year. */
  periods?: MarkValue | null;
}

export interface YearMarksOptions {
  yearId: string;
  seed?: number;
  overrides?: readonly MarkOverride[];
  /** When the marks were entered (ISO); the year's last day at 10:00 UTC by default. */
  at?: string;
}

export interface YearMarksResult {
  /** Rows written per kind. */
  periods: number;
  years: number;
  attestations: number;
  /** student id → subject id → { year, attestation } as written. */
  marks: Map<string, Map<string, { year: MarkValue | null; attestation: MarkValue | null }>>;
}

const FIVE: readonly MarkValue[] = ['5', '5', '4', '4', '4', '3', '4', '5'];

function pick(seed: number, studentId: string, subjectId: string): MarkValue {
  const h = createHash('sha256').update(`${seed}:${studentId}:${subjectId}`).digest();
  return FIVE[h[0]! % FIVE.length]!;
}

/** Writes the year's period, year and attestation marks of every student in the year's classes on its last day. */
export function seedYearMarks(db: Db, opts: YearMarksOptions): YearMarksResult {
  const seed = opts.seed ?? 1;
  const year = db.raw.prepare('SELECT id, start_date, end_date FROM academic_year WHERE id = ?').get(opts.yearId) as { id: string; start_date: string; end_date: string };
  const at = opts.at ?? `${year.end_date}T10:00:00.000Z`;
  const members = db.raw
    .prepare(
      `SELECT DISTINCT m.student_id, c.id AS class_id, c.grade FROM class_membership m JOIN school_class c ON c.id = m.class_id
       WHERE c.year_id = ? AND m.deleted_at IS NULL AND m.date_from <= ? AND (m.date_to IS NULL OR m.date_to > ?)`,
    )
    .all(year.id, year.end_date, year.end_date) as { student_id: string; class_id: string; grade: number }[];
  const subjects = db.raw
    .prepare(
      `SELECT ci.class_id, s.id, s.grading FROM curriculum_item ci JOIN subject s ON s.id = ci.subject_id
       WHERE ci.deleted_at IS NULL AND s.deleted_at IS NULL AND s.no_attestation = 0 AND s.grading <> 'none' AND ci.hours_per_week > 0`,
    )
    .all() as { class_id: string; id: string; grading: string }[];
  const byClass = new Map<string, { id: string; grading: string }[]>();
  for (const s of subjects) (byClass.get(s.class_id) ?? byClass.set(s.class_id, []).get(s.class_id)!).push(s);
  const periods = db.raw
    .prepare('SELECT id, grade_from, grade_to FROM study_period WHERE year_id = ? AND deleted_at IS NULL')
    .all(year.id) as { id: string; grade_from: number; grade_to: number }[];
  const over = new Map((opts.overrides ?? []).map((o) => [`${o.studentId}:${o.subjectId}`, o]));

  const insert = db.raw.prepare(
    `INSERT INTO period_mark (id, created_at, updated_at, student_id, subject_id, year_id, period_id, value, entered_by, entered_at, attestation)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
  );
  const out: YearMarksResult = { periods: 0, years: 0, attestations: 0, marks: new Map() };
  let n = 0;
  const put = (student: string, subject: string, period: string | null, value: MarkValue, attestation: 0 | 1) =>
    insert.run(uuidv7(Date.parse(at) + ++n), at, at, student, subject, year.id, period, value, at, attestation);
  db.raw.transaction(() => {
    for (const m of members) {
      // The first grade has no marks (R2: «Без отметок»).
      if (m.grade === 1) continue;
      const mine = new Map<string, { year: MarkValue | null; attestation: MarkValue | null }>();
      out.marks.set(m.student_id, mine);
      for (const s of byClass.get(m.class_id) ?? []) {
        const o = over.get(`${m.student_id}:${s.id}`);
        const usual: MarkValue = s.grading === 'pass_fail' ? 'pass' : pick(seed, m.student_id, s.id);
        const periodValue = o && 'periods' in o ? o.periods! : usual;
        const yearValue = o && 'year' in o ? o.year! : usual;
        const attValue = o && 'attestation' in o ? o.attestation! : usual;
        if (periodValue)
          for (const p of periods.filter((p) => p.grade_from <= m.grade && m.grade <= p.grade_to)) {
            put(m.student_id, s.id, p.id, periodValue, 0);
            out.periods++;
          }
        if (yearValue) {
          put(m.student_id, s.id, null, yearValue, 0);
          out.years++;
        }
        if (attValue) {
          put(m.student_id, s.id, null, attValue, 1);
          out.attestations++;
        }
        mine.set(s.id, { year: yearValue, attestation: attValue });
      }
    }
  })();
  return out;
}
