import type { Handlers } from '../../context';
import type { debtsOps } from '../../../api/debts';
import { invalid } from '../../../api/errors';

export const debtsHandlers = {
  'debts.list': () => {
    throw invalid('Ещё не сделано.');
  },
} satisfies Handlers<typeof debtsOps>;
