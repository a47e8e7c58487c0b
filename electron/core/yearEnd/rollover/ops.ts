import type { Handlers } from '../../context';
import type { rolloverOps } from '../../../api/rollover';
import { rolloverHistory, rolloverPlan, runRollover } from './rollover';

export const rolloverHandlers = {
  'rollover.plan': (i, ctx) => rolloverPlan(ctx, i),
  'rollover.run': (i, ctx) => runRollover(ctx, i),
  'rollover.history': (_i, ctx) => rolloverHistory(ctx),
} satisfies Handlers<typeof rolloverOps>;
