import type { Handlers } from '../context';
import type { termFilesOps } from '../../api/termFiles';
import { termReport } from './report';
import { termByTeacher } from './teachers';
import { classTeacherReport } from './classTeacher';
import { classTeacherDoc, termDoc } from './files';
import { reportPdf, reportXlsx } from './document';
import { termDynamics } from './dynamics';

export const termFilesHandlers = {
  'term.byTeacher': (i, ctx) => termByTeacher(ctx, i),
  'term.xlsx': (i, ctx) => reportXlsx(ctx, termDoc(ctx, i, termReport(ctx, i), termByTeacher(ctx, i))),
  'term.pdf': (i, ctx) => reportPdf(ctx, ctx.db.tx(() => termDoc(ctx, i, termReport(ctx, i), termByTeacher(ctx, i), termDynamics(ctx, i)))),
  'term.classTeacher': (i, ctx) => classTeacherReport(ctx, i),
  'term.classTeacherXlsx': (i, ctx) => reportXlsx(ctx, classTeacherDoc(ctx, classTeacherReport(ctx, i))),
  'term.classTeacherPdf': (i, ctx) => reportPdf(ctx, classTeacherDoc(ctx, classTeacherReport(ctx, i))),
} satisfies Handlers<typeof termFilesOps>;
