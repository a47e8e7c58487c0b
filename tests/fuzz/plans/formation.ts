import type { formationOps } from '../../../electron/api/formation';
import type { Fixture, Plans } from '../plan';
import { cohortOf, insertApplications, insertPair } from '../../formation/cohort';

// The demo school has no enrollment applications: the first sample that needs them writes a small
// cohort of the current year (8 children) and two pairs, once per fixture.
const made = new WeakMap<Fixture, { ids: string[]; pairId: string; classId: string }>();
function cohort(f: Fixture) {
  let c = made.get(f);
  if (!c) {
    const db = f.core.db;
    const ids = insertApplications(db, f.yearId, cohortOf(8, 5), { firstNumber: 90001 });
    insertPair(db, ids[0]!, ids[1]!, true);
    const pairId = insertPair(db, ids[2]!, ids[3]!, false);
    const first = db.raw.prepare(`SELECT id FROM school_class WHERE year_id = ? AND grade = 1 AND deleted_at IS NULL ORDER BY letter LIMIT 1`).get(f.yearId) as { id: string } | undefined;
    c = { ids, pairId, classId: first?.id ?? f.classId };
    made.set(f, c);
  }
  return c;
}

export const formationPlans = {
  'formation.board': { sample: () => ({}) },
  'formation.propose': { sample: (f) => (cohort(f), { count: 2, letters: ['А', 'Б'], sizes: null, seed: 1 }) },
  'formation.apply': { sample: (f) => ({ classes: [{ letter: 'А', applicationIds: cohort(f).ids.slice(0, 4) }, { letter: 'Б', applicationIds: cohort(f).ids.slice(4) }] }) },
  'formation.move': { sample: (f) => ({ applicationId: cohort(f).ids[5]!, classId: cohort(f).classId }) },
  'formation.pairs.save': { sample: (f) => ({ firstId: cohort(f).ids[4]!, secondId: cohort(f).ids[6]!, together: true }) },
  'formation.pairs.remove': { sample: (f) => ({ id: cohort(f).pairId }) },
} satisfies Plans<typeof formationOps>;
