// A job worker thread: runs one job at a time, with its own connection to the database, so that
// the thread that answers calls stays free. Started and reused by runner.ts; built as its own
// entry (out/main/jobWorker.js); tests, the CLI and the browser host run its source through tsx.
import { parentPort } from 'node:worker_threads';
import { rmSync } from 'node:fs';
import { Db } from '../../../db';
import type { HandlerMap } from '../context';
import type { Ctx } from '../context';
import { Session } from '../auth/session';
import { setGrant, grantOf } from '../backup/grants';
import { handlers } from '../handlers';
import { toSerialized } from '../dispatch';
import { JobCancelled, writeResultFile, type JobControl } from '../job';
import type { FromWorker, JobStart, ToWorker } from './protocol';
import { AppError } from '../../api/errors';

const post = (m: FromWorker) => parentPort!.postMessage(m);

/** Progress of many small steps is told at most this often (the first and the last step always). */
const PROGRESS_MS = 100;

function sessionOf(job: JobStart): Session {
  const s = new Session(job.session.enforcePasswordChange);
  s.user = job.session.user;
  s.locked = job.session.locked;
  s.lastActivity = job.session.lastActivity;
  s.service = job.session.service;
  setGrant(s, job.session.grant);
  return s;
}

async function run(job: JobStart): Promise<void> {
  const flag = new Int32Array(job.cancel);
  const files: { id: string; path: string; name: string; size: number }[] = [];
  const released: string[] = [];
  let lastTold = 0;
  let lastTotal = -1;
  const check = () => {
    if (Atomics.load(flag, 0) === 1) throw new JobCancelled();
  };
  const control: JobControl = {
    id: job.id,
    check,
    progress(done, total, phrase) {
      check();
      const now = performance.now();
      // A few big steps (read, check, write) are each told; many small ones at most every PROGRESS_MS.
      if (done === 0 || done >= total || total <= 10 || total !== lastTotal || now - lastTold >= PROGRESS_MS) {
        lastTold = now;
        lastTotal = total;
        post({ type: 'progress', id: job.id, done, total, phrase });
      }
    },
    input(id) {
      const f = job.inputs.find((x) => x.id === id);
      if (!f) throw new AppError('not_found', 'Файл не найден: возможно, он устарел. Выберите файл снова.');
      return { path: f.path, name: f.name };
    },
    release(id) {
      released.push(id);
    },
    async result(fileName, bytes, rows) {
      const f = writeResultFile(job.filesDir, job.id, fileName, bytes, check);
      files.push(f);
      return { id: f.id, fileName, size: f.size, rows };
    },
  };
  let db: Db | null = null;
  const session = sessionOf(job);
  let outcome;
  try {
    db = new Db(job.dbPath);
    const key = job.backupKey;
    const ctx: Ctx = {
      db,
      actor: job.actor,
      session,
      host: job.host,
      dataDir: job.dataDir,
      now: () => new Date(job.startedAtMs),
      backupKey: key ? () => Buffer.from(key) : undefined,
      job: control,
    };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = await (handlers as HandlerMap)[job.name as keyof HandlerMap](job.input as any, ctx as any);
    outcome = { ok: true as const, result };
  } catch (e) {
    outcome = { ok: false as const, error: toSerialized(e) };
  } finally {
    db?.close();
  }
  if (!outcome.ok) {
    // Nothing made by a job that did not succeed stays.
    for (const f of files) rmSync(f.path, { force: true });
    files.length = 0;
    released.length = 0;
  }
  post({ type: 'end', id: job.id, outcome, files, released, grant: grantOf(session) });
}

// One job at a time: the runner sends the next one only after the end of the last.
parentPort!.on('message', (m: ToWorker) => {
  if (m.type === 'run') void run(m.job);
});
post({ type: 'ready' });
