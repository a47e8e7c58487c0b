import type { Handlers } from '../../context';
import type { rolloverOps } from '../../../api/rollover';
import { invalid } from '../../../api/errors';

export const rolloverHandlers = {
  'rollover.plan': () => {
    throw invalid('Ещё не сделано.');
  },
} satisfies Handlers<typeof rolloverOps>;
