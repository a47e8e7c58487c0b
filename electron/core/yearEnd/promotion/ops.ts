import type { Handlers } from '../../context';
import type { promotionOps } from '../../../api/promotion';
import { invalid } from '../../../api/errors';

export const promotionHandlers = {
  'promotion.plan': () => {
    throw invalid('Ещё не сделано.');
  },
} satisfies Handlers<typeof promotionOps>;
