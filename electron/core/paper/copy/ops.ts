import type { Handlers } from '../../context';
import type { paperCopiesOps } from '../../../api/paperCopies';
import { copyPeriods, listCopies, printCopies } from './print';

export const paperCopiesHandlers = {
  'paper.copyPeriods': (_i, ctx) => copyPeriods(ctx),
  'paper.copies': (i, ctx) => listCopies(ctx, i.periodId),
  'paper.printCopies': (i, ctx) => printCopies(ctx, i),
} satisfies Handlers<typeof paperCopiesOps>;
