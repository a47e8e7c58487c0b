import type { promotionOps } from '../../../electron/api/promotion';
import type { Plans } from '../plan';

export const promotionPlans = {
  'promotion.plan': { sample: (f) => ({ yearId: f.yearId }) },
} satisfies Plans<typeof promotionOps>;
