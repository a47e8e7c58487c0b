import type { Handlers } from '../../context';
import type { yearCheckOps } from '../../../api/yearCheck';
import { yearCheck } from './check';

export const yearCheckHandlers = {
  'year.check': (i, ctx) => yearCheck(ctx, i),
} satisfies Handlers<typeof yearCheckOps>;
