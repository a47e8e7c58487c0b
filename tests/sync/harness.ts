// The convergence test under faults (issue 10's acceptance; docs/sync-faults.md), shared by the short
// form in `npm test` (tests/sync/convergence.test.ts) and the long one (`npm run converge`,
// tests/sync/converge.ts). Seeded: one seed gives the same edits, faults and kills.
//
// The parts are real: a PostgreSQL cluster (tests/support/postgres.ts), the central server as a child
// process (`central/main.ts serve`, killed with SIGKILL and restarted), the fault proxy between the
// clients and it (tests/sync/faultProxy.ts), two office computers of one school as two long-lived
// child processes on their own SQLite files (tests/sync/worker.ts: the app's handlers and its sync
// round; killed with SIGKILL at seeded points of a round and restarted on the same file), and the
// centre's own edits (writeCentral on the same PostgreSQL) between rounds.
// At the end the faults stop, both computers sync until nothing waits, and `check` compares
// everything (see there).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { openCentralDb, type CentralDb } from '../../central/db';
import { migrateCentral } from '../../central/migrations';
import { ensureSchool, issueEnrollmentCode } from '../../central/auth';
import { readRecords, schoolVersion, writeCentral } from '../../central/store';
import type { Change } from '../../central/protocol';
import { entities, tables } from '../../db/entities';
import { CRASH_POINTS } from '../../db/sync/testHook';
import { Prng } from '../../electron/demo/prng';
import { markValues, workKinds, WORK_WEIGHTS, absenceKinds } from '../../electron/api/enums';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { tempDir } from '../support/tmp';
import { FAULT_KINDS, startFaultProxy, type FaultKind, type FaultProxy, type FaultRates } from './faultProxy';
import { HOT, hotFirst, randomAddress, randomEmail, randomPhone } from './actions';
import { bundled } from '../support/cli';

const ROOT = join(import.meta.dirname, '..', '..');

export interface ConvergeOptions {
  seed: number;
  rounds: number;
  /** Students of the demo school the first computer starts with (≥ 100). */
  students?: number;
  /** The chance of each network fault per request while faults are on. */
  rates?: FaultRates;
  /** The chance that a client's sync round is ended by SIGKILL at one of the crash points. */
  crashRate?: number;
  /** The chance per round that the central server is killed and restarted before it. */
  serverRestartRate?: number;
  log?: (line: string) => void;
  /** A progress line after every round (else every 50). */
  verbose?: boolean;
}

export const DEFAULT_RATES: FaultRates = { drop_request: 0.06, drop_response: 0.06, duplicate: 0.05, replay: 0.05, server_kill: 0.01 };

export interface Summary {
  seed: number;
  rounds: number;
  mutations: number;
  applied: number;
  refusals: number;
  /** Refusals by the kind of their reason (reasonKind). */
  reasons: Record<string, number>;
  centralWrites: number;
  faults: Record<FaultKind, number>;
  kills: Record<string, number>;
  restarts: { clients: number; server: number };
  actions: Record<string, number>;
  appRefused: number;
  /** Rounds that failed, by the error's code (the faults make them `unavailable`). */
  syncErrors: Record<string, number>;
  /** Rounds during which the user made changes too. */
  editsDuringRounds: number;
  finalSyncRounds: number;
  schoolVersion: number;
  rows: number;
  ms: number;
}

export function summaryLine(s: Summary): string {
  const f = FAULT_KINDS.map((k) => `${k}=${s.faults[k]}`).join(' ');
  const k = Object.entries(s.kills).map(([p, n]) => `${p}=${n}`).join(' ');
  return (
    `converge seed=${s.seed} rounds=${s.rounds} mutations=${s.mutations} applied=${s.applied} refusals=${s.refusals} ` +
    `central_writes=${s.centralWrites} version=${s.schoolVersion} rows=${s.rows} faults: ${f} kills: ${k} ` +
    `restarts: clients=${s.restarts.clients} server=${s.restarts.server} edits_during_rounds=${s.editsDuringRounds} final_rounds=${s.finalSyncRounds} time=${(s.ms / 1000).toFixed(1)}s`
  );
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The central server as a child process (the bundled out/cli/central.js: SIGKILL reaches the server itself). */
export class CentralProcess {
  proc: ChildProcess | null = null;
  private output = '';
  constructor(
    readonly port: number,
    private readonly databaseUrl: string,
  ) {}

  async start(): Promise<void> {
    const proc = spawn(process.execPath, [bundled('central'), 'serve', '--port', String(this.port), '--host', '127.0.0.1'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: this.databaseUrl, CENTRAL_TOKEN_KEY: 'fault-test-token-key-0123456789abcdef' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.proc = proc;
    this.output = '';
    const keep = (d: Buffer) => (this.output = (this.output + d.toString()).slice(-4000));
    proc.stdout!.on('data', keep);
    proc.stderr!.on('data', keep);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`central server exited: ${this.output}`);
      try {
        const r = await fetch(`http://127.0.0.1:${this.port}/v1/health`);
        if (r.ok) return;
      } catch {
        /* not yet */
      }
      await sleep(100);
    }
    throw new Error(`central server did not start: ${this.output}`);
  }

  get alive(): boolean {
    return !!this.proc && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  kill(): void {
    if (this.alive) this.proc!.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    if (!this.proc || !this.alive) return;
    const done = new Promise((r) => this.proc!.once('exit', r));
    this.proc.kill('SIGTERM');
    const t = setTimeout(() => this.kill(), 5000);
    await done;
    clearTimeout(t);
  }

  async waitExit(): Promise<void> {
    if (this.proc && (this.proc.exitCode !== null || this.proc.signalCode !== null)) return;
    if (this.proc) await new Promise((r) => this.proc!.once('exit', r));
  }
}

type Reply = { crashed: true; signal: string | null } | { crashed?: false; ok: true; result: unknown } | { crashed?: false; ok: false; error: string; code?: string };

/** One office computer: tests/sync/worker.ts on a SQLite file, restarted on the same file when it died. */
class ClientProcess {
  private proc: ChildProcess | null = null;
  private waiting: ((r: Reply) => void) | null = null;
  private stderr = '';
  restarts = 0;

  constructor(
    readonly name: string,
    readonly file: string,
  ) {}

  async start(): Promise<void> {
    const proc = spawn(process.execPath, [bundled('sync-worker'), this.file], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env } });
    this.proc = proc;
    this.stderr = '';
    proc.stderr!.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
    let ready!: () => void;
    const isReady = new Promise<void>((r) => (ready = r));
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      if (!line.startsWith('@@ ')) return;
      const msg = JSON.parse(line.slice(3)) as Reply & { ready?: true };
      if (msg.ready) return ready();
      const w = this.waiting;
      this.waiting = null;
      w?.(msg);
    });
    proc.on('exit', (_code, signal) => {
      const w = this.waiting;
      this.waiting = null;
      w?.({ crashed: true, signal });
    });
    const exited = new Promise<never>((_, reject) => proc.once('exit', () => reject(new Error(`${this.name} exited while starting: ${this.stderr}`))));
    await Promise.race([isReady, exited]);
  }

  async restart(): Promise<void> {
    this.restarts++;
    await this.start();
  }

  send(cmd: Record<string, unknown>, timeoutMs = 180_000): Promise<Reply> {
    if (this.waiting) throw new Error(`${this.name}: a command is already running`);
    return new Promise<Reply>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`${this.name}: no answer to ${JSON.stringify(cmd)} in ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      this.waiting = (r) => {
        clearTimeout(t);
        resolve(r);
      };
      this.proc!.stdin!.write(`${JSON.stringify(cmd)}\n`);
    });
  }

  /** A command that must succeed. */
  async must<T>(cmd: Record<string, unknown>): Promise<T> {
    const r = await this.send(cmd);
    if (r.crashed) throw new Error(`${this.name} died (${r.signal}) on ${cmd.cmd}: ${this.stderr}`);
    if (!r.ok) throw new Error(`${this.name}: ${cmd.cmd} failed: ${r.error}`);
    return r.result as T;
  }

  async exit(): Promise<void> {
    if (!this.proc || this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    const done = new Promise((r) => this.proc!.once('exit', r));
    this.proc.stdin!.end();
    await done;
  }

  kill(): void {
    if (this.proc && this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill('SIGKILL');
  }

  get lastError(): string {
    return this.stderr;
  }
}

interface SyncStatus {
  pending: number;
  cursor: number;
  refused: number;
  last: number;
}

/** The centre's own edits of a round: a teacher's lessons, marks and attendance, a corrected phone, e-mail or address. */
async function centralEdits(db: CentralDb, schoolId: string, p: Prng, n: number): Promise<number[]> {
  const live = async (entity: string) => (await readRecords(db, schoolId, entity)).filter((r) => r.data.deleted_at === null);
  const now = () => new Date().toISOString();
  const versions: number[] = [];
  const [students, allGuardians, classes, subjects, staff, memberships, links] = await Promise.all([
    live('student'), live('guardian'), live('school_class'), live('subject'), live('staff'), live('class_membership'), live('student_guardian'),
  ]);
  // The hot students (the smallest ids, as the computers' edits prefer them: actions.ts) and their guardians.
  const hot = new Set(students.slice(0, HOT).map((r) => r.id));
  const hotGuardians = new Set(links.filter((l) => hot.has(String(l.data.student_id))).map((l) => String(l.data.guardian_id)));
  const guardians = allGuardians.filter((g) => hotGuardians.has(g.id));
  for (let i = 0; i < n; i++) {
    const changes: Change[] = [];
    const kind = p.weighted([['phone', 3], ['email', 2], ['address', 3], ['lesson', 3], ['remark', 2]] as const);
    const at = now();
    if ((kind === 'phone' || kind === 'email') && guardians.length) {
      const g = p.pick(guardians);
      changes.push({ entity: 'guardian', id: g.id, op: 'update', fields: kind === 'phone' ? { phone: randomPhone(p), updated_at: at } : { email: randomEmail(p), updated_at: at }, base: null });
    } else if (kind === 'address' && students.length) {
      changes.push({ entity: 'student', id: hotFirst(p, students).id, op: 'update', fields: { address: randomAddress(p), updated_at: at }, base: null });
    } else if (kind === 'lesson' && classes.length && subjects.length && staff.length) {
      // A lesson held with its marks and absences, as a teacher enters it.
      const k = p.pick(classes);
      const subject = p.pick(subjects);
      const teacher = p.pick(staff);
      const date = at.slice(0, 10);
      const lessonId = randomUUID();
      changes.push({
        entity: 'lesson', id: lessonId, op: 'insert', base: null,
        fields: {
          id: lessonId, created_at: at, updated_at: at, deleted_at: null, date, lesson_no: p.int(1, 7), class_id: k.id, subgroup_id: null, study_group_id: null,
          subject_id: subject.id, teacher_id: teacher.id, substitute_id: null, topic: `Тема ${p.int(1, 200)}`, homework: p.chance(0.7) ? `§ ${p.int(1, 40)}, № ${p.int(1, 900)}` : null, status: p.chance(0.95) ? 'held' : 'cancelled',
        },
      });
      const pupils = memberships.filter((m) => m.data.class_id === k.id && m.data.date_to === null).map((m) => String(m.data.student_id));
      for (const sid of pupils.slice(0, p.int(0, 4))) {
        const markId = randomUUID();
        const work = p.pick(workKinds.values);
        changes.push({
          entity: 'mark', id: markId, op: 'insert', base: null,
          fields: { id: markId, created_at: at, updated_at: at, deleted_at: null, student_id: sid, lesson_id: lessonId, date, subject_id: subject.id, value: p.pick(['5', '4', '3', '2'] as const), work_kind: work, weight: WORK_WEIGHTS[work], entered_by: teacher.id, entered_at: at },
        });
      }
      if (pupils.length && p.chance(0.5)) {
        const aid = randomUUID();
        changes.push({ entity: 'attendance', id: aid, op: 'insert', base: null, fields: { id: aid, created_at: at, updated_at: at, deleted_at: null, lesson_id: lessonId, student_id: p.pick(pupils), kind: p.pick(absenceKinds.values), entered_by: teacher.id, entered_at: at } });
      }
    } else if (kind === 'remark') {
      // A retake: a mark changed (the centre logs it in mark_change, R15), or removed.
      const marks = await live('mark');
      if (marks.length) {
        const m = p.pick(marks);
        changes.push(
          p.chance(0.85)
            ? { entity: 'mark', id: m.id, op: 'update', fields: { value: p.pick(markValues.values), updated_at: at }, base: null }
            : { entity: 'mark', id: m.id, op: 'delete', fields: { deleted_at: at, updated_at: at }, base: null },
        );
      }
    }
    if (changes.length === 0) continue;
    versions.push((await writeCentral(db, schoolId, changes)).version);
  }
  return versions;
}

/** The tables compared row by row: every office and journal table. */
export const COMPARED = tables.filter((t) => entities[t].owner !== 'local');

export async function converge(opts: ConvergeOptions): Promise<Summary> {
  const t0 = performance.now();
  const log = opts.log ?? (() => {});
  const rates = opts.rates ?? DEFAULT_RATES;
  const crashRate = opts.crashRate ?? 0.1;
  const serverRestartRate = opts.serverRestartRate ?? 0.03;
  const tmp = tempDir('converge-');
  let pg: TestPostgres | null = null;
  let central: CentralProcess | null = null;
  let proxy: FaultProxy | null = null;
  let db: CentralDb | null = null;
  const clients = [new ClientProcess('A', join(tmp.dir, 'a.sqlite')), new ClientProcess('B', join(tmp.dir, 'b.sqlite'))];
  try {
    const lap = (what: string) => opts.verbose && log(`${what}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    // The central side and the two computers start side by side; the first computer loads the demo school meanwhile.
    const [a, b] = clients as [ClientProcess, ClientProcess];
    const computers = (async () => {
      await Promise.all(clients.map((x) => x.start()));
      lap('workers');
      await a.must({ cmd: 'demo', students: opts.students ?? 100, seed: opts.seed % 1000 });
      lap('demo');
    })();
    computers.catch(() => {}); // awaited below; not an unhandled rejection while the central side starts
    pg = await startPostgres();
    const cdb = openCentralDb(pg.url, { max: 4 });
    db = cdb;
    await migrateCentral(cdb);
    lap('postgres');
    const school = await ensureSchool(cdb, `Школа сходимости ${opts.seed}`);
    const codes = [await issueEnrollmentCode(cdb, school.id), await issueEnrollmentCode(cdb, school.id)];
    central = new CentralProcess(await freePort(), pg.url);
    await central.start();
    lap('central server');
    const c = central;
    proxy = await startFaultProxy({ seed: opts.seed, target: c.port, killServer: () => c.kill(), pullLimit: 5 });
    let serverRestarts = 0;
    const ensureServer = async () => {
      if (c.alive) return;
      await c.waitExit();
      await c.start();
      serverRestarts++;
    };
    await computers;

    // The first computer has the school (the demo), pushes it; the second registers and pulls it.
    proxy.phase('setup', null);
    await a.must({ cmd: 'register', server: proxy.url, code: codes[0]!.code, name: 'Кабинет администратора' });
    lap('A registered, pushed');
    await b.must({ cmd: 'register', server: proxy.url, code: codes[1]!.code, name: 'Кабинет секретаря' });
    lap('B registered, pulled');
    const made = new Map<string, number>(clients.map((x) => [x.name, 0]));
    /** Per client: every mutation made in the rounds, number → hash. */
    const hashes = new Map(clients.map((x) => [x.name, new Map<number, string>()]));
    for (const x of clients) made.set(x.name, (await x.must<SyncStatus>({ cmd: 'state' })).last);
    const settle = async (label: string) => {
      proxy!.phase(label, null);
      let seen = '';
      for (let i = 1; i <= 30; i++) {
        const replies: Reply[] = [];
        for (const x of clients) {
          await ensureServer();
          const r = await x.send({ cmd: 'sync' });
          if (r.crashed) throw new Error(`${x.name} died while settling: ${x.lastError}`);
          if (!r.ok || (r.result as { error?: string }).error) throw new Error(`${x.name}: a round without faults failed: ${JSON.stringify(r)}; stderr: ${x.lastError}`);
          replies.push(r);
        }
        const v = await schoolVersion(db!, school.id);
        const states = await Promise.all(clients.map((x) => x.must<SyncStatus>({ cmd: 'state' })));
        if (states.every((s) => s.pending === 0 && s.cursor === v)) return i;
        seen = `version ${v}; rounds: ${JSON.stringify(replies)}; states: ${JSON.stringify(states)}`;
      }
      throw new Error(`${label}: the clients did not settle in 30 rounds: ${seen}`);
    };
    log(`setup: registered in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await settle('setup');
    log(`setup: settled in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const kills: Record<string, number> = Object.fromEntries(CRASH_POINTS.map((k) => [k, 0]));
    const actions: Record<string, number> = {};
    let appRefused = 0;
    const syncErrors: Record<string, number> = {};
    let editsDuringRounds = 0;
    type Edits = { done: Record<string, number>; refused: number; last: number; made: Record<string, string> };
    const noteEdits = (x: ClientProcess, e: Edits) => {
      for (const [no, hash] of Object.entries(e.made)) hashes.get(x.name)!.set(Number(no), hash);
      for (const [name, n] of Object.entries(e.done)) actions[name] = (actions[name] ?? 0) + n;
      appRefused += e.refused;
      made.set(x.name, Math.max(made.get(x.name)!, e.last));
    };
    const centralVersions: number[] = [];
    for (let r = 1; r <= opts.rounds; r++) {
      const p = new Prng(opts.seed, 1000 + r);
      if (p.chance(serverRestartRate)) {
        c.kill();
        await c.waitExit();
        await ensureServer();
      }
      if (p.chance(0.6)) centralVersions.push(...(await centralEdits(db, school.id, p, p.int(1, 3))));
      const order = p.chance(0.5) ? [a, b] : [b, a];
      for (const x of order) {
        const k = p.int(0, 3);
        if (k > 0) {
          noteEdits(x, await x.must<Edits>({ cmd: 'edit', k, seed: p.u32() }));
        }
        if (!p.chance(0.8)) continue;
        const crash = p.chance(crashRate) ? p.pick(CRASH_POINTS) : undefined;
        // Sometimes the user keeps working while the round runs.
        const editDuring = p.chance(0.25) ? { k: p.int(1, 3), seed: p.u32() } : undefined;
        proxy.phase(`r${r}:${x.name}`, rates);
        await ensureServer();
        const res = await x.send({ cmd: 'sync', crash, editDuring });
        if (res.crashed) {
          if (res.signal !== 'SIGKILL' || !crash) throw new Error(`${x.name} died (${res.signal}) in round ${r} without a crash asked: ${x.lastError}`);
          kills[crash]!++;
          await x.restart();
        } else if (!res.ok) {
          throw new Error(`${x.name}: round ${r} failed: ${res.error}; stderr: ${x.lastError}`);
        } else {
          const out = res.result as { error?: string; code?: string; edits?: Edits };
          if (out.edits) {
            noteEdits(x, out.edits);
            editsDuringRounds++;
          }
          if (out.error) {
            // A fault makes a round fail with «не отвечает» (unavailable); anything else is a bug.
            syncErrors[out.code ?? 'other'] = (syncErrors[out.code ?? 'other'] ?? 0) + 1;
            if (out.code !== 'unavailable') throw new Error(`${x.name}: round ${r} failed: ${out.error}; stderr: ${x.lastError}`);
          }
        }
        proxy.phase(`r${r}:${x.name}:after`, null);
        await sleep(40); // a server_kill's timer (≤ 30 ms) has fired
        await ensureServer();
      }
      if (r % 50 === 0 || opts.verbose) log(`round ${r}/${opts.rounds}: version ${await schoolVersion(db, school.id)}, faults ${JSON.stringify(proxy.counts)}, kills ${JSON.stringify(kills)}`);
    }

    log(`rounds done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    // Faults stop: both computers sync until nothing waits and both have the school's last version.
    const finalSyncRounds = await settle('final');
    const refusalsShown = new Map<string, { no: number; reason: string }[]>();
    for (const x of clients) {
      refusalsShown.set(x.name, await x.must<{ no: number; reason: string }[]>({ cmd: 'refusals' }));
      await x.exit();
    }
    const checked = await check(db, school.id, clients.map((x) => ({ name: x.name, file: x.file, made: made.get(x.name)!, hashes: hashes.get(x.name)!, shown: refusalsShown.get(x.name)! })), centralVersions);
    const { problems: _, ...counts } = checked;
    const summary: Summary = {
      seed: opts.seed,
      rounds: opts.rounds,
      ...counts,
      centralWrites: centralVersions.length,
      faults: { ...proxy.counts },
      kills,
      restarts: { clients: clients.reduce((s, x) => s + x.restarts, 0), server: serverRestarts },
      actions,
      appRefused,
      syncErrors,
      editsDuringRounds,
      finalSyncRounds,
      ms: performance.now() - t0,
    };
    if (checked.problems.length) throw new Error(`convergence check failed (${summaryLine(summary)}):\n${checked.problems.join('\n')}`);
    return summary;
  } finally {
    for (const x of clients) x.kill();
    await proxy?.close();
    await central?.stop();
    await db?.destroy();
    await pg?.stop();
    tmp.cleanup();
  }
}

/**
 * The end state, checked (`problems`: every difference found, at most 50):
 * - every client's rows equal the server's records row by row, column by column, in every office and
 *   journal table (tombstones included);
 * - per client, the server's mutations are 1..last without a gap, each either applied (one version)
 *   or refused with a reason; the last is the last the client ever made, and each number's hash is
 *   the one of the mutation the client made under it (none lost, none replaced);
 * - no version taken twice: the applied mutations' versions and the centre's writes are exactly
 *   1..the school's version, each once (nothing applied twice);
 * - every refusal the server recorded is on the client (sync_mutation refused, the same reason) and
 *   shown by `sync.refusals`, and the client has no refusal the server does not.
 */
export async function check(
  db: CentralDb,
  schoolId: string,
  clients: { name: string; file: string; made: number; hashes: Map<number, string>; shown: { no: number; reason: string }[] }[],
  centralVersions: number[],
): Promise<{ problems: string[]; mutations: number; applied: number; refusals: number; reasons: Record<string, number>; schoolVersion: number; rows: number }> {
  const problems: string[] = [];
  const say = (s: string) => {
    if (problems.length < 50) problems.push(s);
  };
  const version = await schoolVersion(db, schoolId);
  let rows = 0;
  let mutations = 0;
  let applied = 0;
  let refusals = 0;
  const reasons: Record<string, number> = {};
  const versions: number[] = [...centralVersions];
  const server = new Map<string, Map<string, Record<string, unknown>>>();
  for (const t of COMPARED) server.set(t, new Map((await readRecords(db, schoolId, t)).map((r) => [r.id, r.data as Record<string, unknown>])));
  for (const x of clients) {
    const sqlite = new Database(x.file, { readonly: true, fileMustExist: true });
    try {
      // Rows.
      for (const t of COMPARED) {
        const theirs = server.get(t)!;
        const mine = new Map((sqlite.prepare(`SELECT * FROM ${t}`).all() as Record<string, unknown>[]).map((r) => [String(r.id), r]));
        rows += mine.size;
        for (const [id, row] of mine) {
          const s = theirs.get(id);
          if (!s) {
            say(`${x.name}: ${t} ${id} is here, not on the server`);
            continue;
          }
          for (const col of Object.keys(entities[t].columns)) {
            if (row[col] !== s[col]) say(`${x.name}: ${t} ${id}.${col}: here ${JSON.stringify(row[col])}, server ${JSON.stringify(s[col])}`);
          }
        }
        for (const id of theirs.keys()) if (!mine.has(id)) say(`${x.name}: ${t} ${id} is on the server, not here`);
      }
      // Mutations.
      const state = sqlite.prepare('SELECT client_id, cursor, next_mutation FROM sync_state').get() as { client_id: string; cursor: number; next_mutation: number };
      if (state.cursor !== version) say(`${x.name}: cursor ${state.cursor}, the school's version ${version}`);
      const client = await db.selectFrom('client').select(['last_mutation_id']).where('school_id', '=', schoolId).where('id', '=', state.client_id).executeTakeFirstOrThrow();
      const ms = await db.selectFrom('mutation').select(['id', 'hash', 'version', 'refused']).where('school_id', '=', schoolId).where('client_id', '=', state.client_id).orderBy('id').execute();
      mutations += ms.length;
      if (client.last_mutation_id !== ms.length) say(`${x.name}: server's last mutation ${client.last_mutation_id}, ${ms.length} recorded`);
      ms.forEach((m, i) => {
        if (m.id !== i + 1) say(`${x.name}: mutation ${i + 1} missing on the server (next there: ${m.id})`);
        if ((m.version === null) === (m.refused === null)) say(`${x.name}: mutation ${m.id}: version ${m.version}, refused ${m.refused}`);
        if (m.version !== null) {
          applied++;
          versions.push(m.version);
        }
      });
      const made = Math.max(x.made, state.next_mutation - 1);
      if (ms.length !== made) say(`${x.name}: made ${made} mutations, the server has ${ms.length}`);
      // Each one is the mutation the client made under that number (its hash), not another.
      const byId = new Map(ms.map((m) => [m.id, m.hash]));
      for (const [no, hash] of x.hashes) if (byId.get(no) !== hash) say(`${x.name}: mutation ${no}: made with hash ${hash.slice(0, 12)}, the server has ${byId.get(no)?.slice(0, 12) ?? 'none'}`);
      // Refusals: the server's = the client's = what the screen shows.
      const serverRefused = new Map(ms.filter((m) => m.refused !== null).map((m) => [m.id, m.refused!]));
      refusals += serverRefused.size;
      for (const reason of serverRefused.values()) reasons[reasonKind(reason)] = (reasons[reasonKind(reason)] ?? 0) + 1;
      const local = new Map((sqlite.prepare("SELECT no, reason FROM sync_mutation WHERE state = 'refused'").all() as { no: number; reason: string }[]).map((m) => [m.no, m.reason]));
      const shown = new Map(x.shown.map((m) => [m.no, m.reason]));
      // The screen lists the newest 1000 (sync.refusals' limit).
      const newest = new Set([...serverRefused.keys()].sort((p, q) => q - p).slice(0, 1000));
      for (const [no, reason] of serverRefused) {
        if (local.get(no) !== reason) say(`${x.name}: mutation ${no} refused by the server («${reason}»), here ${JSON.stringify(local.get(no) ?? null)}`);
        if (newest.has(no) && shown.get(no) !== reason) say(`${x.name}: refusal of ${no} not shown by sync.refusals`);
      }
      for (const no of local.keys()) if (!serverRefused.has(no)) say(`${x.name}: mutation ${no} refused here, not on the server`);
      const left = sqlite.prepare("SELECT count(*) AS n FROM sync_mutation WHERE state <> 'refused'").get() as { n: number };
      if (left.n !== 0) say(`${x.name}: ${left.n} mutations still waiting`);
    } finally {
      sqlite.close();
    }
  }
  // Versions: each once, all of 1..version.
  versions.sort((p, q) => p - q);
  const seen = new Set<number>();
  for (const v of versions) {
    if (seen.has(v)) say(`version ${v} taken twice`);
    seen.add(v);
  }
  for (let v = 1; v <= version; v++) if (!seen.has(v)) say(`version ${v} taken by nothing known`);
  if (versions.length && versions[versions.length - 1]! > version) say(`a version above the school's ${version}`);
  // No record claims a version beyond the school's.
  const over = await db.selectFrom('record').select(sql<number>`count(*)`.as('n')).where('school_id', '=', schoolId).where('version', '>', version).executeTakeFirstOrThrow();
  if (Number(over.n) !== 0) say(`${over.n} records above the school's version`);
  return { problems, mutations, applied, refusals, reasons, schoolVersion: version, rows };
}

/** A refusal's reason without its particulars (names, numbers, dates): what kind of refusal it is. */
export function reasonKind(reason: string): string {
  return reason
    .replace(/«[^»]*»/g, '«…»')
    .replace(/\d[\d.:]*/g, 'N')
    .slice(0, 90);
}
