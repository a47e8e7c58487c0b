import type { yearCheckOps } from '../../../electron/api/yearCheck';
import type { Plans } from '../plan';

export const yearCheckPlans = {
  'year.check': { sample: (f) => ({ yearId: f.yearId, classId: f.classId }) },
  'year.checkPdf': { sample: (f) => ({ yearId: f.yearId, classId: f.classId }) },
} satisfies Plans<typeof yearCheckOps>;
