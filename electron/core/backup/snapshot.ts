// The store's worker thread (worker.ts) seen from the host: the copy of the live database that
// becomes a backup is made there (its own read-only connection; the host's thread keeps serving
// calls), or in this thread when no worker can run or the live database is damaged (then the app's
// own connection copies what it can read); and the WAL checkpoints run there (startStoreWorker).
import { rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Ctx } from '../context';
import { copyAndSeal, type SealBase, type SealOutcome } from './seal';
import type { DoneMessage, JobMessage, SnapshotJob } from './worker';

export interface Snapshot {
  outcome: Promise<SealOutcome>;
  /** Stops the work early (the caller then removes the temp files). */
  cancel(): Promise<void>;
}

export class WorkerUnavailable extends Error {}

/** The built app runs the bundled worker beside it; tests, the CLI and the browser host run the TypeScript source through tsx. */
function startWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./backupWorker.js', here));
  const entry = new URL('./worker.ts', here).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`, { eval: true });
}

type Pending = { resolve: (o: SealOutcome) => void; reject: (e: Error) => void };

/** The host's one backup worker: started on first use (or by `warmBackupWorker`), kept while it works. */
class BackupThread {
  private worker: Worker | null = null;
  /** Settles when the current worker has loaded (or failed to). */
  private loaded: Promise<void> = Promise.resolve();
  private readonly pending = new Map<number, Pending>();
  /** Databases with a checkpoint asked for and not yet done: a burst of commits asks once. */
  private readonly checkpointing = new Set<string>();
  private nextId = 1;

  /** A worker that failed before it loaded will fail again: no more attempts in this process. */
  private broken = false;

  private ensure(): Worker {
    if (this.worker) return this.worker;
    if (this.broken) throw new WorkerUnavailable();
    const w = startWorker();
    let ready = false;
    let markLoaded!: () => void;
    this.loaded = new Promise((r) => (markLoaded = r));
    const fail = () => {
      if (!ready) this.broken = true;
      markLoaded();
      if (this.worker !== w) return;
      this.worker = null;
      for (const p of this.pending.values()) p.reject(new WorkerUnavailable());
      this.pending.clear();
      this.checkpointing.clear();
    };
    w.on('message', (m: DoneMessage) => {
      if ('checkpointed' in m) {
        this.checkpointing.delete(m.checkpointed);
        return;
      }
      if ('ready' in m) {
        ready = true;
        if (this.pending.size === 0) w.unref();
        return markLoaded();
      }
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) w.unref();
      p.resolve(m.outcome);
    });
    w.on('error', fail);
    w.on('exit', fail);
    // Referenced while it loads or works; an idle worker never keeps a process (the CLI, a test) from ending.
    this.worker = w;
    return w;
  }

  warm(): Promise<void> {
    try {
      this.ensure();
    } catch {
      // the first backup falls back to this thread
    }
    return this.loaded;
  }

  /** Asks for a checkpoint of `path`; false when no worker can run it. */
  checkpoint(path: string): boolean {
    if (this.checkpointing.has(path)) return true;
    try {
      const w = this.ensure();
      this.checkpointing.add(path);
      w.postMessage({ checkpoint: path } satisfies JobMessage);
      return true;
    } catch {
      return false;
    }
  }

  run(job: SnapshotJob): { outcome: Promise<SealOutcome>; cancel: () => Promise<void> } {
    let w: Worker;
    try {
      w = this.ensure();
    } catch {
      return { outcome: Promise.reject(new WorkerUnavailable()), cancel: async () => undefined };
    }
    const id = this.nextId++;
    const outcome = new Promise<SealOutcome>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    w.ref(); // a job under way keeps the process alive until it is done
    w.postMessage({ id, job } satisfies JobMessage);
    // Stopping mid-copy ends the worker; the next backup starts a fresh one.
    const cancel = async () => {
      if (this.pending.has(id) && this.worker === w) await w.terminate();
    };
    return { outcome, cancel };
  }
}

const thread = new BackupThread();

/**
 * Starts the backup worker ahead of the first backup (the hosts do it at start, with the schedule);
 * settles when it has loaded.
 */
export function warmBackupWorker(): Promise<void> {
  return process.env.SCHOOL_OFFICE_BACKUP_IN_THREAD === '1' ? Promise.resolve() : thread.warm();
}

/**
 * What the hosts do at start: the worker is started, and the database's WAL checkpoints move to
 * it (a commit no longer waits for one). Settles when the worker has loaded.
 */
export function startStoreWorker(ctx: Ctx): Promise<void> {
  if (process.env.SCHOOL_OFFICE_BACKUP_IN_THREAD === '1') return Promise.resolve();
  const { db } = ctx;
  // Without a worker, the commit checkpoints itself (passive: it never waits for readers).
  db.checkpointElsewhere(() => thread.checkpoint(db.path) || db.raw.pragma('wal_checkpoint(PASSIVE)'));
  return thread.warm();
}

/** The copy made in the worker thread; rejects with WorkerUnavailable when no worker could run it. */
export function inWorker(job: SnapshotJob): { outcome: Promise<SealOutcome>; cancel: () => Promise<void> } {
  return thread.run(job);
}

export function snapshot(ctx: Ctx, copy: string, base: SealBase, damaged: boolean): Snapshot {
  // SCHOOL_OFFICE_BACKUP_IN_THREAD=1: no worker (a way out should a machine refuse threads; the tests' second path).
  // A job (a backup, an import, a restore) is itself off the serving thread: it copies in its own.
  if (damaged || ctx.job || process.env.SCHOOL_OFFICE_BACKUP_IN_THREAD === '1')
    return { outcome: copyAndSeal(ctx.db.raw, copy, base, damaged), cancel: async () => undefined };
  let cancelled = false;
  const started = thread.run({ live: ctx.db.path, copy, base });
  const outcome = started.outcome.catch(async (e: unknown) => {
    if (!(e instanceof WorkerUnavailable) || cancelled) throw e;
    for (const p of [copy, `${copy}-journal`]) rmSync(p, { force: true });
    return copyAndSeal(ctx.db.raw, copy, base, false);
  });
  return {
    outcome,
    cancel: async () => {
      cancelled = true;
      await started.cancel();
      await outcome.catch(() => undefined);
    },
  };
}
