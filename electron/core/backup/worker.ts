// The backup worker thread: copies the live database through its own read-only connection and
// seals the copy, so that the host's thread stays free (an import reads its file meanwhile).
// Built as its own entry (out/main/backupWorker.js); started by snapshot.ts.
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { copyAndSeal, type SealBase, type SealOutcome } from './seal';

export interface SnapshotJob {
  live: string;
  copy: string;
  base: SealBase;
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

run(workerData as SnapshotJob).then(
  (outcome) => parentPort!.postMessage(outcome),
  (e: unknown) => parentPort!.postMessage({ ok: false, code: String((e as { code?: unknown })?.code ?? 'ERROR') } satisfies SealOutcome),
);
