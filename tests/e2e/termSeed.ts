// The journal of a parallel's quarters as sync would bring it (tests/support/journal.ts): every
// five-point subject of the parallel's classes, taught by its teacher in the workload. Used by the
// term report's specs.
import type { App } from './harness';
import { seedJournal } from '../support/journal';

export interface SeededPeriods {
  yearId: string;
  periods: { id: string; name: string; start_date: string; end_date: string }[];
  /** Class × subject × period journals written. */
  seeded: number;
}

export function seedParallel(app: App, grade: number, periodNames: string[]): SeededPeriods {
  const all = <R>(sql: string, ...p: unknown[]) => app.db.raw.prepare(sql).all(...p) as R[];
  const one = <R>(sql: string, ...p: unknown[]) => app.db.raw.prepare(sql).get(...p) as R;
  const yearId = one<{ id: string }>(`SELECT id FROM academic_year WHERE is_current = 1`).id;
  const periods = all<SeededPeriods['periods'][number]>(
    `SELECT id, name, start_date, end_date FROM study_period WHERE year_id = ? AND name IN (${periodNames.map(() => '?').join(', ')}) ORDER BY start_date`,
    yearId,
    ...periodNames,
  );
  const classes = all<{ id: string }>(`SELECT id FROM school_class WHERE year_id = ? AND grade = ? AND deleted_at IS NULL ORDER BY letter`, yearId, grade);
  const anyone = one<{ id: string }>(`SELECT id FROM staff WHERE deleted_at IS NULL ORDER BY last_name LIMIT 1`).id;
  let seeded = 0;
  for (const c of classes) {
    const subjects = all<{ id: string }>(
      `SELECT p.id FROM curriculum_item i JOIN subject p ON p.id = i.subject_id
       WHERE i.class_id = ? AND i.deleted_at IS NULL AND i.hours_per_week > 0 AND p.no_attestation = 0 AND p.grading = 'five_point' ORDER BY p.sort_order`,
      c.id,
    );
    for (const s of subjects) {
      const teacher = one<{ teacher_id: string } | undefined>(`SELECT teacher_id FROM teaching_assignment WHERE class_id = ? AND subject_id = ? AND deleted_at IS NULL`, c.id, s.id)?.teacher_id ?? anyone;
      for (const p of periods) seedJournal(app.db, { classId: c.id, subjectId: s.id, teacherId: teacher, from: p.start_date, to: p.end_date, periodId: p.id, yearId, seed: seeded++ });
    }
  }
  return { yearId, periods, seeded };
}
