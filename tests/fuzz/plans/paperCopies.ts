import type { paperCopiesOps } from '../../../electron/api/paperCopies';
import { none, type Plans } from '../plan';

type F = { core: { db: { raw: { prepare: (sql: string) => { get: () => unknown } } } } };
/** The demo's first study period (an unknown id when there is none). */
const somePeriod = (f: F) => (f.core.db.raw.prepare(`SELECT id FROM study_period WHERE deleted_at IS NULL ORDER BY start_date, grade_from LIMIT 1`).get() as { id: string } | undefined)?.id ?? 'no-period';
/** A class the first period applies to: one class keeps the print short. */
const someClass = (f: F) =>
  (
    f.core.db.raw
      .prepare(
        `SELECT c.id FROM school_class c JOIN study_period p ON p.year_id = c.year_id AND c.grade BETWEEN p.grade_from AND p.grade_to
         WHERE c.deleted_at IS NULL AND p.deleted_at IS NULL ORDER BY p.start_date, p.grade_from, c.grade, c.letter LIMIT 1`,
      )
      .get() as { id: string } | undefined
  )?.id ?? null;

export const paperCopiesPlans = {
  'paper.copyPeriods': { sample: none },
  'paper.copies': { sample: (f) => ({ periodId: somePeriod(f) }) },
  'paper.printCopies': { sample: (f) => ({ periodId: somePeriod(f), classId: someClass(f) }), slow: true },
} satisfies Plans<typeof paperCopiesOps>;
