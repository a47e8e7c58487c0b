import type { jobsOps } from '../../../electron/api/jobs';
import { jobRunner } from '../../../electron/core/jobs/runner';
import { none, type Plans } from '../plan';

export const jobsPlans = {
  'jobs.list': { sample: none },
  // A job of the admin's session that ended (the fixture's backup, an import): cancelling it changes nothing.
  'jobs.cancel': { sample: (f) => ({ id: jobRunner().list(f.core.ctx.session)[0]?.id ?? 'нет задачи' }) },
} satisfies Plans<typeof jobsOps>;
