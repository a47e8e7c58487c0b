import type { Handlers } from '../context';
import type { statementsOps } from '../../api/statements';
import { markHanded, previewStatements, printStatements, statementRegister, statementsDue } from './statements';

export const statementsHandlers = {
  'statements.due': (_i, ctx) => statementsDue(ctx),
  'statements.preview': (i, ctx) => previewStatements(ctx, i),
  'statements.print': (i, ctx) => printStatements(ctx, i),
  'statements.register': (i, ctx) => statementRegister(ctx, i.limit),
  'statements.markHanded': (i, ctx) => markHanded(ctx, i),
} satisfies Handlers<typeof statementsOps>;
