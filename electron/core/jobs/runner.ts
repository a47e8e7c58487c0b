// The job runner (issue 9, point 6): operations marked `job(…)` in their feature's api file run
// here, off the thread that answers calls. dispatch() hands such a call over after the guard and
// the validation; the caller's promise still settles with the operation's result when the job
// ends (the CLI and the tests see no difference), while the job is visible and cancellable through
// `jobs.list`/`jobs.cancel` by the session that started it, and its events reach that session's
// renderer. See docs/architecture.md «Jobs».
//
//  - A job runs in a worker thread (worker.ts; a small pool, reused) with its own database
//    connection; where no worker can start it runs in this thread (SCHOOL_OFFICE_JOBS_IN_THREAD=1
//    forces that).
//  - Cancelling is cooperative: a SharedArrayBuffer flag the job checks at its progress points
//    (never worker.terminate() in a transaction). What it wrote rolls back with its transaction;
//    its files are «.part» files renamed only at the end, removed when it does not succeed.
//  - Jobs that write run one at a time, and never together with a backup (the backups' lock).
import { randomUUID } from 'node:crypto';
import { rmSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { OpName } from '../../api/contract';
import type { JobEventKind, JobInfo, JobMessage } from '../../api/jobs';
import { AppError } from '../../api/errors';
import type { Ctx, HandlerMap } from '../context';
import type { Session } from '../auth/session';
import type { CallResult } from '../dispatch';
import { toSerialized } from '../dispatch';
import { exclusive } from '../backup/lock';
import { grantOf, setGrant } from '../backup/grants';
import { filesDir, holdResult, inputFile, inputsOf, releaseInput } from '../files';
import { JobCancelled, writeResultFile, type JobControl } from '../job';
import type { FromWorker, JobStart, SessionState, ToWorker } from './protocol';
import { handlers } from '../handlers';
import { followAccount } from '../auth/users';
import { withChangeOrigin } from '../../../db/changes';

/** Job workers at most (the machine may have two cores; a third job waits for its turn). */
const MAX_WORKERS = 2;
/** Ended jobs stay in the list this long (the progress panel shows the last ones briefly). */
const KEEP_ENDED_MS = 10 * 60_000;
const KEEP_ENDED = 5;

export interface JobEvent extends JobMessage {
  /** The session that started the job: only its renderer is told. */
  session: Session;
}
export type JobListener = (e: JobEvent) => void;

interface Job {
  info: JobInfo;
  session: Session;
  writes: boolean;
  cancel: Int32Array<SharedArrayBuffer>;
}

/** The built app runs the bundled worker beside it; tests, the CLI and the browser host run the TypeScript source through tsx. */
function startWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./jobWorker.js', here));
  const entry = new URL('./worker.ts', here).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`, { eval: true });
}

class JobThread {
  readonly worker: Worker;
  /** Settles true when it loaded, false when it failed first. */
  readonly loaded: Promise<boolean>;
  busy: { id: string; settle: (m: Extract<FromWorker, { type: 'end' }> | null) => void; onProgress: (m: Extract<FromWorker, { type: 'progress' | 'changes' }>) => void } | null = null;
  dead = false;

  constructor(onGone: (t: JobThread) => void) {
    this.worker = startWorker();
    let ready!: (ok: boolean) => void;
    this.loaded = new Promise((r) => (ready = r));
    this.worker.on('message', (m: FromWorker) => {
      if (m.type === 'ready') {
        this.worker.unref(); // an idle worker never keeps a process alive
        return ready(true);
      }
      const b = this.busy;
      if (!b || m.id !== b.id) return;
      if (m.type === 'end') {
        this.busy = null;
        this.worker.unref();
        b.settle(m);
      } else b.onProgress(m);
    });
    const gone = () => {
      if (this.dead) return;
      this.dead = true;
      ready(false);
      const b = this.busy;
      this.busy = null;
      b?.settle(null);
      onGone(this);
    };
    this.worker.on('error', gone);
    this.worker.on('exit', gone);
  }

  run(job: JobStart, onProgress: NonNullable<JobThread['busy']>['onProgress']): Promise<Extract<FromWorker, { type: 'end' }> | null> {
    return new Promise((settle) => {
      this.busy = { id: job.id, settle, onProgress };
      this.worker.ref(); // a job under way keeps the process alive until it ends
      this.worker.postMessage({ type: 'run', job } satisfies ToWorker);
    });
  }
}

function sessionState(ctx: Ctx): SessionState {
  const s = ctx.session;
  return {
    id: (s as { id?: string }).id ?? '',
    user: s.user,
    locked: s.locked,
    lastActivity: s.lastActivity,
    service: s.service,
    enforcePasswordChange: s.enforcePasswordChange,
    grant: grantOf(s),
  };
}

export class JobRunner {
  private readonly jobs = new Map<string, Job>();
  private readonly threads: JobThread[] = [];
  /** Jobs waiting for a free worker. */
  private readonly waiting: (() => void)[] = [];
  private readonly listeners = new Set<JobListener>();
  /** A worker failed before it loaded: it would again; jobs run in this thread from now on. */
  private broken = false;

  constructor(private readonly handlers: () => HandlerMap) {}

  /** Subscribes to the events of every job (hosts deliver each to its session's renderer). */
  onEvent(listener: JobListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(kind: JobEventKind, job: Job): void {
    const e: JobEvent = { kind, job: { ...job.info }, session: job.session };
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch {
        // a host's delivery failed (a closed window): the job goes on
      }
    }
  }

  /** The jobs of a session: the running and waiting ones, then the last ended ones; newest first. */
  list(session: Session, now = Date.now()): JobInfo[] {
    this.forgetOld(now);
    return [...this.jobs.values()]
      .filter((j) => j.session === session)
      .map((j) => ({ ...j.info }))
      .reverse();
  }

  /** Asks a job of the session to stop; another session's job is as unknown as a wrong id. */
  cancel(session: Session, id: string): JobInfo {
    const job = this.jobs.get(id);
    if (!job || job.session !== session) throw new AppError('not_found', 'Задача не найдена: возможно, она уже завершилась.');
    if (job.info.state === 'queued' || job.info.state === 'running') Atomics.store(job.cancel, 0, 1);
    return { ...job.info };
  }

  private forgetOld(now: number): void {
    const ended = [...this.jobs.values()].filter((j) => j.info.finishedAt);
    for (const j of ended) if (now - Date.parse(j.info.finishedAt!) > KEEP_ENDED_MS) this.jobs.delete(j.info.id);
    const bySession = new Map<Session, Job[]>();
    for (const j of ended) if (this.jobs.has(j.info.id)) bySession.set(j.session, [...(bySession.get(j.session) ?? []), j]);
    for (const list of bySession.values()) for (const j of list.slice(0, Math.max(0, list.length - KEEP_ENDED))) this.jobs.delete(j.info.id);
  }

  /** Starts a worker ahead of the first job (the hosts do it at start); settles when it has loaded. */
  async warm(): Promise<void> {
    if (this.inThread() || this.threads.length) return;
    const t = this.spawn();
    if (!(await t.loaded)) this.broken = true;
  }

  /** Set by a host that serves one caller and nothing else meanwhile (the CLI): no worker to start. */
  inThreadOnly = false;

  private inThread(): boolean {
    return this.broken || this.inThreadOnly || process.env.SCHOOL_OFFICE_JOBS_IN_THREAD === '1';
  }

  private spawn(): JobThread {
    const t = new JobThread((gone) => {
      const i = this.threads.indexOf(gone);
      if (i >= 0) this.threads.splice(i, 1);
      this.next();
    });
    this.threads.push(t);
    return t;
  }

  /** A loaded, idle worker (started when fewer than MAX_WORKERS run), or null: wait for one. */
  private async claim(): Promise<JobThread | null> {
    for (;;) {
      const idle = this.threads.find((t) => !t.busy && !t.dead);
      if (idle) {
        idle.busy = { id: '', settle: () => undefined, onProgress: () => undefined }; // reserved
        if (await idle.loaded) return idle;
        this.broken = true;
        return null;
      }
      if (this.threads.length < MAX_WORKERS) {
        this.spawn();
        continue;
      }
      await new Promise<void>((r) => this.waiting.push(r));
    }
  }

  private next(): void {
    this.waiting.shift()?.();
  }

  /**
   * Runs the operation `name` (already guarded and validated) as a job of `ctx.session`, and
   * settles with its result as dispatch() would.
   */
  async run(ctx: Ctx, name: OpName, input: unknown, def: { job?: string; writes: boolean }): Promise<CallResult> {
    const id = randomUUID();
    const job: Job = {
      info: { id, op: name, title: def.job ?? name, state: 'queued', done: 0, total: 0, phrase: '', startedAt: new Date().toISOString(), finishedAt: null },
      session: ctx.session,
      writes: def.writes,
      cancel: new Int32Array(new SharedArrayBuffer(4)),
    };
    this.jobs.set(id, job);
    this.emit('started', job);
    // Jobs that write wait for each other and for backups; reading ones only for a worker.
    const go = () => this.execute(ctx, name, input, job);
    // (In this thread the backup operations take the lock themselves: taking it here would deadlock.)
    const outcome = await (def.writes && !this.inThread() ? exclusive(go) : go());
    const state = outcome.ok ? 'done' : outcome.error.code === 'cancelled' ? 'cancelled' : 'failed';
    job.info = { ...job.info, state, finishedAt: new Date().toISOString(), ...(outcome.ok ? {} : state === 'failed' ? { error: outcome.error.message } : {}) };
    this.emit(state === 'done' ? 'finished' : state, job);
    return outcome;
  }

  private cancelled(job: Job): boolean {
    return Atomics.load(job.cancel, 0) === 1;
  }

  private async execute(ctx: Ctx, name: OpName, input: unknown, job: Job): Promise<CallResult> {
    if (this.cancelled(job)) return { ok: false, error: new JobCancelled().toJSON() };
    const thread = this.inThread() ? null : await this.claim();
    try {
      if (this.cancelled(job)) return { ok: false, error: new JobCancelled().toJSON() };
      return await this.start(ctx, name, input, job, thread);
    } finally {
      if (thread) {
        if (thread.busy?.id === '') thread.busy = null; // reserved, never started
        this.next();
      }
    }
  }

  private async start(ctx: Ctx, name: OpName, input: unknown, job: Job, thread: JobThread | null): Promise<CallResult> {
    job.info = { ...job.info, state: 'running' };
    this.emit('progress', job);
    const onProgress = (done: number, total: number, phrase: string) => {
      job.info = { ...job.info, done, total, phrase };
      this.emit('progress', job);
    };
    if (!thread) return this.inline(ctx, name, input, job, onProgress);
    const key = ctx.backupKey?.();
    const start: JobStart = {
      id: job.info.id,
      name,
      input,
      dbPath: ctx.db.path,
      actor: ctx.actor,
      host: ctx.host,
      dataDir: ctx.dataDir,
      startedAtMs: ctx.now().getTime(),
      backupKey: key ? new Uint8Array(key) : undefined,
      session: sessionState(ctx),
      inputs: inputsOf(ctx.session),
      filesDir: filesDir(),
      cancel: job.cancel.buffer,
    };
    const end = await thread.run(start, (m) => {
      if (m.type === 'progress') onProgress(m.done, m.total, m.phrase);
      else this.onChanges?.(ctx, m.entities);
    });
    if (!end) {
      this.sweep(job);
      return { ok: false, error: { code: 'internal', message: 'Задача прервалась из-за внутренней ошибки программы. Ничего не изменено.' } };
    }
    if (end.outcome.ok) {
      for (const f of end.files) holdResult(ctx.session, f);
      for (const r of end.released) releaseInput(ctx.session, r);
    } else this.sweep(job);
    setGrant(ctx.session, end.grant);
    // A writing job may have replaced the data underneath this thread's connection (a restore).
    // (and may hold another version of the session's account, or none: the session follows it, as after a call).
    if (job.writes) {
      ctx.db.resetStatements();
      followAccount(ctx);
    }
    return end.outcome;
  }

  /** Removes whatever a job that did not succeed left in the files folder. */
  private sweep(job: Job): void {
    const dir = filesDir();
    for (const name of readdirSync(dir)) if (name.startsWith(`${job.info.id}-`)) rmSync(join(dir, name), { force: true });
  }

  /** The same job in this thread: where no worker can run (or SCHOOL_OFFICE_JOBS_IN_THREAD=1). */
  private async inline(ctx: Ctx, name: OpName, input: unknown, job: Job, onProgress: (done: number, total: number, phrase: string) => void): Promise<CallResult> {
    const made: { id: string; path: string; name: string; size: number }[] = [];
    const released: string[] = [];
    const check = () => {
      if (this.cancelled(job)) throw new JobCancelled();
    };
    const control: JobControl = {
      id: job.info.id,
      check,
      progress: (done, total, phrase) => {
        check();
        onProgress(done, total, phrase);
      },
      input: (fileId) => inputFile(ctx.session, fileId),
      release: (fileId) => void released.push(fileId),
      result: async (fileName, bytes, rows) => {
        const f = writeResultFile(filesDir(), job.info.id, fileName, bytes, check);
        made.push(f);
        return { id: f.id, fileName, size: f.size, rows };
      },
    };
    try {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      // Its transactions are told to the change listeners as a job's (db/changes.ts); a job in a
      // worker commits on its own connection, which this thread's store sees as a change by another.
      const origin = { by: 'job' as const, actor: ctx.actor, sessionId: ctx.session.id };
      const result = await withChangeOrigin(origin, () => (this.handlers()[name] as any)(input, { ...ctx, job: control }));
      for (const f of made) holdResult(ctx.session, f);
      for (const r of released) releaseInput(ctx.session, r);
      return { ok: true, result };
    } catch (e) {
      this.sweep(job);
      return { ok: false, error: toSerialized(e) };
    }
  }

  /** Set by the host's wiring: a job's committed tables, told as change events by 'job'. */
  onChanges: ((ctx: Ctx, entities: string[]) => void) | null = null;
}

let runner: JobRunner | null = null;

/** This process's job runner (one per host process: the Electron core thread, the browser host, a CLI run, a test file). */
export function jobRunner(): JobRunner {
  return (runner ??= new JobRunner(() => handlers));
}

/** Starts a job worker ahead of the first job; settles when it has loaded. */
export function warmJobWorkers(): Promise<void> {
  return jobRunner().warm();
}
