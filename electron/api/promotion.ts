// Promotion and graduation (issue 15 point 3): a stub of the foundation, replaced by the feature.
import { z } from 'zod';
import * as s from './schemas';
import { read, view } from './ops';

export interface PromotionPlan {
  todo: true;
}

export const promotionOps = {
  'promotion.plan': read(view('yearEnd'), z.object({ yearId: s.optionalId })).returns<PromotionPlan>(),
};
