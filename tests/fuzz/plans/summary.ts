import type { summaryOps } from '../../../electron/api/summary';
import type { Plans } from '../plan';

export const summaryPlans = {
  'summary.get': { sample: (f) => ({ classId: f.classId, year: false }) },
  'summary.pdf': { sample: (f) => ({ classId: f.classId, year: true }), slow: true },
  'summary.xlsx': { sample: (f) => ({ classId: f.classId }), slow: true },
} satisfies Plans<typeof summaryOps>;
