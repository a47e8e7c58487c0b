// The round under way in this process, whoever started it (the background sync, someone's
// «Синхронизировать сейчас», a registration's first round): followed through the job runner's
// events, so that `sync.status` shows its progress on every session's page and the background
// sync never starts a second round beside it.
import type { JobInfo } from '../../api/jobs';
import type { Session } from '../auth/session';
import { jobRunner } from '../jobs/runner';

/** The operations that run a round. */
export const ROUND_OPS: ReadonlySet<string> = new Set(['sync.now', 'sync.register']);

const rounds = new Map<string, { info: JobInfo; session: Session }>();
let listening = false;
const waiters = new Set<() => void>();

/** Starts following the job runner's events (once per process; the hosts' thread). */
export function followRounds(): void {
  if (listening) return;
  listening = true;
  jobRunner().onEvent((e) => {
    if (!ROUND_OPS.has(e.job.op)) return;
    if (e.kind === 'started' || e.kind === 'progress') rounds.set(e.job.id, { info: e.job, session: e.session });
    else {
      rounds.delete(e.job.id);
      for (const w of [...waiters]) w();
    }
  });
}

/** The round under way (the oldest first), or null. */
export function runningRound(): { info: JobInfo; session: Session } | null {
  return rounds.values().next().value ?? null;
}

/** Settles when no round runs in this process. */
export function roundsIdle(): Promise<void> {
  if (rounds.size === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (rounds.size === 0) {
        waiters.delete(check);
        resolve();
      }
    };
    waiters.add(check);
  });
}
