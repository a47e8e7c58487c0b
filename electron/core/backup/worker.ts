// The store's worker thread: copies the live database through its own read-only connection and
// seals the copy (a backup), and runs the WAL checkpoints, so that the host's thread stays free (an
// import reads its file meanwhile, a commit never waits for a checkpoint). One worker lives as long
// as the host. Built as its own entry (out/main/backupWorker.js); started by snapshot.ts.
import { parentPort } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { copyAndSeal, type SealBase, type SealOutcome } from './seal';

export interface SnapshotJob {
  live: string;
  copy: string;
  base: SealBase;
}

export type JobMessage = { id: number; job: SnapshotJob } | { checkpoint: string };
export type DoneMessage = { id: number; outcome: SealOutcome } | { ready: true } | { checkpointed: string };

/** Copies the WAL into the database file without blocking the app's readers or writers. */
function checkpoint(path: string): void {
  try {
    const db = new BetterSqlite3(path, { fileMustExist: true });
    try {
      db.pragma('busy_timeout = 1000');
      db.pragma('wal_checkpoint(PASSIVE)');
    } finally {
      db.close();
    }
  } catch {
    // the file is gone or busy: the next commit asks again
  }
}

async function run(job: SnapshotJob): Promise<SealOutcome> {
  const live = new BetterSqlite3(job.live, { readonly: true, fileMustExist: true });
  try {
    live.pragma('busy_timeout = 5000');
    return await copyAndSeal(live, job.copy, job.base, false);
  } finally {
    live.close();
  }
}

parentPort!.on('message', (m: JobMessage) => {
  if ('checkpoint' in m) {
    checkpoint(m.checkpoint);
    parentPort!.postMessage({ checkpointed: m.checkpoint } satisfies DoneMessage);
    return;
  }
  run(m.job).then(
    (outcome) => parentPort!.postMessage({ id: m.id, outcome } satisfies DoneMessage),
    (e: unknown) => parentPort!.postMessage({ id: m.id, outcome: { ok: false, code: String((e as { code?: unknown })?.code ?? 'ERROR') } } satisfies DoneMessage),
  );
});
parentPort!.postMessage({ ready: true } satisfies DoneMessage);
