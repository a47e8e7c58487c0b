import type { rolloverOps } from '../../../electron/api/rollover';
import type { Plans } from '../plan';

export const rolloverPlans = {
  'rollover.plan': { sample: () => ({ to: '2027/2028' }) },
  'rollover.history': { sample: () => ({}) },
  // Refused on the demo school (no promotion orders): nothing changes; slow (a backup is made only when it would run).
  'rollover.run': { sample: () => ({ to: '2027/2028', tenth: [{ from9: 'А', to10: 'А' }] }), slow: true },
} satisfies Plans<typeof rolloverOps>;
