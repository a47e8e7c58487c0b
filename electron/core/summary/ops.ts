import type { Handlers } from '../context';
import type { summaryOps } from '../../api/summary';
import { summaryStatement } from './statement';
import { summaryPdf } from './pdf';
import { summaryXlsx } from './xlsx';

export const summaryHandlers = {
  'summary.get': (i, ctx) => summaryStatement(ctx, i),
  'summary.pdf': (i, ctx) => summaryPdf(ctx, summaryStatement(ctx, i)),
  'summary.xlsx': (i, ctx) => summaryXlsx(ctx, summaryStatement(ctx, i)),
} satisfies Handlers<typeof summaryOps>;
