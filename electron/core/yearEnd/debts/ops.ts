import type { Handlers } from '../../context';
import type { debtsOps } from '../../../api/debts';
import { pdfFile } from '../../reports/subgroupLists';
import { ruDate } from '../../format';
import { debtCandidates, decideDebt, listDebts, recordDebts, removeDebt, undecideDebt } from './debts';
import { saveRetakes } from './retakes';
import { noticeData, protocolData, scheduleData } from './documents';
import { noticePdfBytes, protocolPdfBytes, schedulePdfBytes } from './pdf';

export const debtsHandlers = {
  'debts.list': (i, ctx) => listDebts(ctx, i),
  'debts.candidates': (i, ctx) => debtCandidates(ctx, i),
  'debts.record': (i, ctx) => recordDebts(ctx, i),
  'debts.save': (i, ctx) => saveRetakes(ctx, i),
  'debts.decide': (i, ctx) => decideDebt(ctx, i),
  'debts.undecide': (i, ctx) => undecideDebt(ctx, i),
  'debts.remove': (i, ctx) => removeDebt(ctx, i),
  'debts.noticePdf': async (i, ctx) => {
    const d = noticeData(ctx, i);
    return pdfFile(d.name, ctx, await noticePdfBytes(ctx, d.yearName, d.students, ctx.now()), d.students.length);
  },
  'debts.schedulePdf': async (i, ctx) => {
    const d = scheduleData(ctx, i);
    return pdfFile('График ликвидации академической задолженности', ctx, await schedulePdfBytes(ctx, d.yearName, d.period, d.entries, d.director, ctx.now()), d.entries.length);
  },
  'debts.protocolPdf': async (i, ctx) => {
    const d = protocolData(ctx, i);
    return pdfFile(`Протокол комиссии ${d.subject} ${ruDate(d.date)}`, ctx, await protocolPdfBytes(ctx, d, ctx.now()), d.students.length);
  },
} satisfies Handlers<typeof debtsOps>;
