import type { Handlers } from '../../context';
import type { paperMedalOps } from '../../../api/paperMedal';
import { pdfFile } from '../../reports/subgroupLists';
import { resultFile } from '../../job';
import { isoDay, ruDate } from '../../format';
import { medalStatement } from './statement';
import { medalFileName, medalPdfBytes } from './pdf';
import { medalXlsxBytes } from './xlsx';

const rows = (st: ReturnType<typeof medalStatement>) => st.statements.reduce((n, c) => n + c.students.length, 0);

export const paperMedalHandlers = {
  'paper.medal': (i, ctx) => medalStatement(ctx, i),
  'paper.medalPdf': async (i, ctx) => {
    const st = medalStatement(ctx, { ...i, onlyEleventh: true });
    return pdfFile(medalFileName(st), ctx, await medalPdfBytes(ctx, st, ctx.now()), rows(st));
  },
  'paper.medalXlsx': async (i, ctx) => {
    const st = medalStatement(ctx, { ...i, onlyEleventh: true });
    const name = `${medalFileName(st).replace(/[\\/:*?"<>|«»]+/g, ' ')} ${ruDate(isoDay(ctx.now()))}.xlsx`;
    return resultFile(ctx, name, await medalXlsxBytes(ctx, st, ctx.now()), rows(st));
  },
} satisfies Handlers<typeof paperMedalOps>;
