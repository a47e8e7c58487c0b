// The copy of the live database that becomes a backup: made in a worker thread (its own read-only
// connection; the host's thread keeps serving calls), or in this thread when the worker cannot be
// started or the live database is damaged (then the app's own connection copies what it can read).
import { rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Ctx } from '../context';
import { copyAndSeal, type SealBase, type SealOutcome } from './seal';
import type { SnapshotJob } from './worker';

export interface Snapshot {
  outcome: Promise<SealOutcome>;
  /** Stops the work early (the caller then removes the temp files). */
  cancel(): Promise<void>;
}

export class WorkerUnavailable extends Error {}

/** The built app runs the bundled worker beside it; tests, the CLI and the browser host run the TypeScript source through tsx. */
function startWorker(job: SnapshotJob): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./backupWorker.js', here), { workerData: job });
  const entry = new URL('./worker.ts', here).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, workerData: job });
}

/** The copy made in a worker thread; rejects with WorkerUnavailable when no worker could run it. */
export function inWorker(job: SnapshotJob): { outcome: Promise<SealOutcome>; worker: Worker | null } {
  let worker: Worker;
  try {
    worker = startWorker(job);
  } catch {
    return { outcome: Promise.reject(new WorkerUnavailable()), worker: null };
  }
  const outcome = new Promise<SealOutcome>((resolve, reject) => {
    worker.once('message', (m: SealOutcome) => resolve(m));
    worker.once('error', () => reject(new WorkerUnavailable()));
    worker.once('exit', () => reject(new WorkerUnavailable()));
  });
  return { outcome, worker };
}

export function snapshot(ctx: Ctx, copy: string, base: SealBase, damaged: boolean): Snapshot {
  // SCHOOL_OFFICE_BACKUP_IN_THREAD=1: no worker (a way out should a machine refuse threads; the tests' second path).
  if (damaged || process.env.SCHOOL_OFFICE_BACKUP_IN_THREAD === '1')
    return { outcome: copyAndSeal(ctx.db.raw, copy, base, damaged), cancel: async () => undefined };
  let cancelled = false;
  const started = inWorker({ live: ctx.db.path, copy, base });
  const outcome = started.outcome.catch(async (e: unknown) => {
    if (!(e instanceof WorkerUnavailable) || cancelled) throw e;
    for (const p of [copy, `${copy}-journal`]) rmSync(p, { force: true });
    return copyAndSeal(ctx.db.raw, copy, base, false);
  });
  return {
    outcome,
    cancel: async () => {
      cancelled = true;
      await started.worker?.terminate();
      await outcome.catch(() => undefined);
    },
  };
}
