import type { rolloverOps } from '../../../electron/api/rollover';
import type { Plans } from '../plan';

export const rolloverPlans = {
  'rollover.plan': { sample: (f) => ({ yearId: f.yearId }) },
} satisfies Plans<typeof rolloverOps>;
