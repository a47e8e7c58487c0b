import type { Handlers } from '../context';
import type { homeOps } from '../../api/home';
import { invalid } from '../../api/errors';

export const homeHandlers = {
  'home.calendar': () => {
    throw invalid('Ещё не сделано.');
  },
} satisfies Handlers<typeof homeOps>;
