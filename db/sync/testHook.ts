// The crash hook of the fault test (tests/sync/convergence.test.ts, docs/sync-faults.md): when the
// environment variable SYNC_TEST_CRASH names a point, the process kills itself there with SIGKILL —
// as a power cut or the task manager ends the app in the middle of a sync. The app never sets it;
// unset, each point costs one lookup.
export const CRASH_ENV = 'SYNC_TEST_CRASH';

/**
 * The points of a sync round where the test may kill the app:
 * - `push:before` — the push request built, not sent;
 * - `push:answered` — the push's answer received, not yet recorded;
 * - `pull:apply` — inside the transaction applying a pulled page, before its commit;
 * - `pull:between` — a page committed, the next not yet applied (the pull is pipelined: its request
 *   left before this page was applied, its answer may be on the way).
 */
export const CRASH_POINTS = ['push:before', 'push:answered', 'pull:apply', 'pull:between'] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

export function crashPoint(point: CrashPoint): void {
  if (process.env[CRASH_ENV] === point) process.kill(process.pid, 'SIGKILL');
}
