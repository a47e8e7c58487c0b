// Background sync in the hosts (issue 10 point 4): a round after each local change (debounced) and
// every few minutes while the central system answers; exponential backoff when it does not. Each
// round is a job (`sync.now`, electron/core/jobs/runner.ts): off the serving thread, one at a time
// (writing jobs wait for each other; no background round starts while another round runs).
//   SCHOOL_OFFICE_SYNC=off                 no background sync (tests that do not want it)
//   SCHOOL_OFFICE_SYNC_INTERVAL_MS=N       the period (default 3 min; tests: short)
import { contract } from '../../api/contract';
import { AREAS } from '../auth/permissions';
import { Session } from '../auth/session';
import type { Ctx } from '../context';
import { jobRunner } from '../jobs/runner';
import * as store from '../../../db/sync';
import { followRounds, runningRound, roundsIdle } from './running';

export const DEFAULT_INTERVAL_MS = 180_000;
const DEBOUNCE_MS = 2_000;
/** Backoff: from min(interval, 15 s), doubling, to 5 min (or 10 intervals when shorter: tests). */
const BACKOFF_FIRST_MS = 15_000;
const BACKOFF_MAX_MS = 300_000;

export interface SyncSchedule {
  /** A round soon (a test, the host after a restore). */
  kick(): void;
  stop(): void;
}

export function backoffMs(failures: number, intervalMs: number): number {
  const first = Math.min(intervalMs, BACKOFF_FIRST_MS);
  const cap = Math.min(BACKOFF_MAX_MS, Math.max(first, intervalMs * 10));
  return Math.min(cap, first * 2 ** Math.max(0, failures - 1));
}

/** The session background rounds run in: a service user of the process, never shown to a user's jobs panel. */
function syncSession(now: Date): Session {
  const s = new Session(false);
  s.signIn(
    { id: 'sync', login: 'sync', displayName: 'Синхронизация', role: 'sysadmin', deputyGrades: [], mustChangePassword: false, access: Object.fromEntries(AREAS.map((a) => [a, 'view'])) },
    now,
    { service: true },
  );
  return s;
}

/**
 * Starts the background sync of a host over `ctx.db`; returns its controls. Errors are logged by
 * kind only (the messages of a round are in the store's last_error and sync_log).
 */
export function scheduleSync(ctx: Omit<Ctx, 'session'>, opts: { intervalMs?: number; debounceMs?: number; log?: (m: string) => void } = {}): SyncSchedule {
  if (process.env.SCHOOL_OFFICE_SYNC === 'off') return { kick: () => undefined, stop: () => undefined };
  const envInterval = Number(process.env.SCHOOL_OFFICE_SYNC_INTERVAL_MS);
  const interval = opts.intervalMs ?? (Number.isFinite(envInterval) && envInterval > 0 ? envInterval : DEFAULT_INTERVAL_MS);
  const debounce = opts.debounceMs ?? Math.min(DEBOUNCE_MS, interval);
  const log = opts.log ?? ((m: string) => console.error(m));
  followRounds();
  const jobCtx: Ctx = { ...ctx, actor: 'sync', session: syncSession(ctx.now()) };
  let failures = 0;
  let stopped = false;
  let inFlight = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let soon: ReturnType<typeof setTimeout> | undefined;

  const plan = (ms: number) => {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(() => void round('timer'), ms);
    timer.unref();
  };

  async function round(why: 'timer' | 'change'): Promise<void> {
    if (stopped || inFlight) return;
    if (runningRound()) {
      // Someone's «Синхронизировать сейчас» (or a registration) is under way: the period starts after it.
      inFlight = true;
      await roundsIdle();
      inFlight = false;
      plan(interval);
      return;
    }
    let toPush = false;
    try {
      const st = store.syncState(ctx.db);
      if (!st.identity) return plan(interval);
      toPush = st.needsFork || store.mutationsToPush(ctx.db, 1).length > 0;
    } catch (e) {
      log(`[sync] state unreadable: ${(e as Error)?.name ?? typeof e}`);
      return plan(interval);
    }
    // A change with nothing to send (a pulled page seen through data_version, a local table) starts no round.
    if (why === 'change' && !toPush) return;
    inFlight = true;
    clearTimeout(timer);
    try {
      const r = await jobRunner().run(jobCtx, 'sync.now', {}, contract['sync.now']);
      if (r.ok || r.error.code === 'cancelled') failures = 0;
      else {
        failures += 1;
        log(`[sync] background round failed: ${r.error.code}`);
      }
    } catch (e) {
      failures += 1;
      log(`[sync] background round failed: ${(e as Error)?.name ?? typeof e}`);
    } finally {
      inFlight = false;
    }
    plan(failures ? backoffMs(failures, interval) : interval);
  }

  // After each local change: debounced; while the server does not answer, the backoff decides.
  const unsubscribe = ctx.db.onChange((e) => {
    if (stopped || e.by === 'sync' || failures > 0) return;
    clearTimeout(soon);
    soon = setTimeout(() => void round('change'), debounce);
    soon.unref();
  });
  // The first round soon after the start (not during the host's own start-up).
  plan(Math.min(interval, 5_000));

  return {
    kick: () => void round('timer'),
    stop: () => {
      stopped = true;
      unsubscribe();
      clearTimeout(timer);
      clearTimeout(soon);
    },
  };
}
