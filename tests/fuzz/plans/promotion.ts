import type { promotionOps } from '../../../electron/api/promotion';
import type { Plans } from '../plan';

export const promotionPlans = {
  'promotion.plan': { sample: (f) => ({ yearId: f.yearId }) },
  'promotion.drafts': { sample: (f) => ({ yearId: f.yearId, date: f.year.endDate, basis: 'Решение педагогического совета (протокол от 25.05.2027 № 7)', leaving9: [] }) },
} satisfies Plans<typeof promotionOps>;
