import type { debtsOps } from '../../../electron/api/debts';
import type { Plans } from '../plan';

export const debtsPlans = {
  'debts.list': { sample: (f) => ({ yearId: f.yearId }) },
} satisfies Plans<typeof debtsOps>;
