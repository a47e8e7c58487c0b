import type { Handlers } from '../context';
import type { termOps } from '../../api/term';
import { termOptions, termReport } from './report';
import { termDynamics } from './dynamics';

export const termHandlers = {
  'term.options': (_, ctx) => termOptions(ctx),
  'term.report': (i, ctx) => termReport(ctx, i),
  'term.dynamics': (i, ctx) => termDynamics(ctx, i),
} satisfies Handlers<typeof termOps>;
