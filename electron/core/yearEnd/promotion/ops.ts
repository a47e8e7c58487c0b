import type { Handlers } from '../../context';
import type { promotionOps } from '../../../api/promotion';
import { promotionDrafts, promotionPlan } from './plan';

export const promotionHandlers = {
  'promotion.plan': (i, ctx) => promotionPlan(ctx, i),
  'promotion.drafts': (i, ctx) => promotionDrafts(ctx, i),
} satisfies Handlers<typeof promotionOps>;
