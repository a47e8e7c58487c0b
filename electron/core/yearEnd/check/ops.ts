import type { Handlers } from '../../context';
import type { yearCheckOps } from '../../../api/yearCheck';
import { invalid } from '../../../api/errors';

export const yearCheckHandlers = {
  'year.check': () => {
    throw invalid('Ещё не сделано.');
  },
} satisfies Handlers<typeof yearCheckOps>;
