import type { Handlers } from '../../context';
import type { yearCheckOps } from '../../../api/yearCheck';
import { pdfFile } from '../../reports/subgroupLists';
import { yearCheck, yearCheckWithClasses } from './check';
import { checkFileName, checkPdfBytes } from './pdf';

export const yearCheckHandlers = {
  'year.check': (i, ctx) => yearCheck(ctx, i),
  'year.checkPdf': async (i, ctx) => {
    const { check, classes } = yearCheckWithClasses(ctx, i);
    const rows = check.detail ? check.detail.totals.students : check.total.students;
    return pdfFile(checkFileName(check), ctx, await checkPdfBytes(ctx, check, classes, ctx.now()), rows);
  },
} satisfies Handlers<typeof yearCheckOps>;
