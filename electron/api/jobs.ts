// Jobs (issue 9, point 6): long work — imports, exports, printed lists, backups, the demo school —
// runs off the thread that answers calls. A job belongs to the session that started it: only that
// session sees it, follows its progress and may cancel it. Handlers: electron/core/jobs/ops.ts.
import { z } from 'zod';
import * as s from './schemas';
import { none, read } from './ops';

/** Where a job is: waiting for its turn, under way, or ended (done, failed, cancelled). */
export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobInfo {
  id: string;
  /** The operation it runs («reports.subgroupListsPdf»). */
  op: string;
  /** What it does, for the progress panel: «Списки подгрупп (PDF)». */
  title: string;
  state: JobState;
  /** Progress: `done` of `total` steps (0 of 0 while not known), and what is being done now. */
  done: number;
  total: number;
  /** «Списки подгрупп: 12 из 40 классов». */
  phrase: string;
  startedAt: string;
  finishedAt: string | null;
  /** Why it failed, as the caller was told (a failed job only). */
  error?: string;
}

/** A job's event, to the renderer of the session that started it (beside the change events). */
export type JobEventKind = 'started' | 'progress' | 'finished' | 'failed' | 'cancelled';
export interface JobMessage {
  kind: JobEventKind;
  job: JobInfo;
}

// The progress panel's operations: any logged-in user sees and cancels the jobs of their own session.
export const jobsOps = {
  'jobs.list': read('session', none).returns<JobInfo[]>(),
  /** Asks the job to stop: it ends as 'cancelled' at its next progress point, leaving nothing written. */
  'jobs.cancel': read('session', z.object({ id: s.id })).returns<JobInfo>(),
};
