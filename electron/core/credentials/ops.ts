import type { Handlers } from '../context';
import type { credentialsOps } from '../../api/credentials';
import { calendarYear, removeCalendarDay, saveCalendarDay, workingDaysAfter } from '../calendar/ops';
import { credentialsDue, handCredentials, listCredentials, requestForStudent, retryCredentials, unhandCredentials } from './register';
import { registerPdf, slipsPdf } from './documents';

export const credentialsHandlers = {
  'calendar.year': (i, ctx) => calendarYear(ctx, i.year),
  'calendar.save': (i, ctx) => saveCalendarDay(ctx, i),
  'calendar.remove': (i, ctx) => removeCalendarDay(ctx, i.id),
  'calendar.addWorkingDays': (i, ctx) => workingDaysAfter(ctx, i.date, i.days),
  'credentials.list': (i, ctx) => listCredentials(ctx, i.classId ?? null, i.state),
  'credentials.due': (_i, ctx) => credentialsDue(ctx),
  'credentials.request': (i, ctx) => requestForStudent(ctx, i.studentId, i.arrivedOn),
  'credentials.hand': (i, ctx) => handCredentials(ctx, i),
  'credentials.unhand': (i, ctx) => unhandCredentials(ctx, i.id),
  'credentials.retry': (i, ctx) => retryCredentials(ctx, i.id),
  'credentials.slipsPdf': (i, ctx) => slipsPdf(ctx, i.classId ?? null),
  'credentials.registerPdf': (i, ctx) => registerPdf(ctx, i.from ?? null, i.to ?? null),
} satisfies Handlers<typeof credentialsOps>;
