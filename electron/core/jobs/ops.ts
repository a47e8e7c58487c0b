import type { Handlers } from '../context';
import type { jobsOps } from '../../api/jobs';
import { jobRunner } from './runner';

// The progress panel (issue 9, points 6–7): a session's jobs and their cancellation. The runner
// keeps jobs per session, so another session's job is as unknown as a wrong id.
export const jobsHandlers = {
  'jobs.list': (_, ctx) => jobRunner().list(ctx.session),
  'jobs.cancel': (i, ctx) => jobRunner().cancel(ctx.session, i.id),
} satisfies Handlers<typeof jobsOps>;
