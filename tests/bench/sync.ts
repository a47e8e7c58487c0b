// `npm run bench -- sync`: the sync benches of issue 10 (targets in the issue; docs/sync.md), against a real
// PostgreSQL (tests/support/postgres.ts) and the central server as a child process on loopback, the app's
// side through its real sync round (electron/core/sync/round.ts) on real SQLite files.
// - sync_initial_pull_year_1000_ms: the 1000-student demo school pushed by one app, a full simulated year
//   of teachers' work written into the central by the real simulator (central/simulate), then a fresh
//   empty app database registered and timed pulling everything (≤ 15 s); sync_initial_pull_rows: how many.
// - sync_round_100_push_1000_pull_ms: on that app, 100 user actions made here and 900 rows changed by the
//   centre meanwhile, one round timed: it pushes 100 mutations and pulls 1000 rows (its own 100 come back
//   with their versions) — the median of 5 (≤ 500 ms).
// - sync_50_schools_p99_round_ms: 50 schools (each its own 100-student app database) syncing at once
//   against the one central: 20 times, each school makes 2 user actions and the centre writes a lesson
//   (not timed), then the 50 rounds start together; the p99 of the 1000 rounds (≤ 1 s). The 50 apps
//   share this process's one thread, so a round also waits for the others' local work (applying their
//   pages): an upper bound of what one school sees.
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openDatabase } from '../../db';
import * as store from '../../db/sync';
import { createLocalClient } from '../../electron/core/dispatch';
import type { Ctx } from '../../electron/core/context';
import { Session } from '../../electron/core/auth/session';
import { AREAS } from '../../electron/core/auth/permissions';
import { CentralClient } from '../../electron/core/sync/http';
import { syncRound } from '../../electron/core/sync/round';
import { openCentralDb } from '../../central/db';
import { migrateCentral } from '../../central/migrations';
import { ensureSchool, issueEnrollmentCode } from '../../central/auth';
import { readRecords, writeCentral } from '../../central/store';
import { simulate } from '../../central/simulate/run';
import { storePort } from '../../central/simulate/port';
import type { Change } from '../../central/protocol';
import { entities, tables } from '../../db/entities';
import { Prng } from '../../electron/demo/prng';
import { startPostgres } from '../support/postgres';
import { CentralProcess, freePort } from '../sync/harness';
import { randomAddress } from '../sync/actions';
import { buildCli } from '../../scripts/build-cli.mjs';

type Emit = (name: string, value: number, unit: string) => void;

const JOURNAL = tables.filter((t) => entities[t].owner === 'central');

/** An app on a database file, with a service session (no store worker: the benches make no backups). */
function app(path: string) {
  const db = openDatabase(path);
  const session = new Session(false);
  session.signIn(
    { id: 'bench', login: 'bench', displayName: 'Замер', role: 'sysadmin', deputyGrades: [], mustChangePassword: false, access: Object.fromEntries(AREAS.map((a) => [a, 'change'])) },
    new Date(),
    { service: true },
  );
  const ctx: Ctx = { db, actor: 'bench', host: 'test', now: () => new Date(), session };
  return { db, ctx, call: createLocalClient(ctx) };
}

/** Registers an app with a code of the school (the identity only: the first round is the caller's). */
async function register(a: ReturnType<typeof app>, serverUrl: string, code: string, name: string) {
  const reg = await new CentralClient(serverUrl, null).register(code, name);
  store.setIdentity(a.db, { serverUrl, schoolId: reg.schoolId, schoolName: reg.schoolName, clientId: reg.clientId, secret: reg.secret });
}

/** `n` user actions: a student's address changed each time (one mutation each). */
async function edits(a: ReturnType<typeof app>, p: Prng, n: number, ids: string[]) {
  for (let i = 0; i < n; i++) {
    const d = await a.call('students.get', { id: p.pick(ids) });
    await a.call('students.save', { ...d, classFrom: undefined, address: randomAddress(p) } as never);
  }
}

/**
 * CPU seconds used so far by the central side: the server process and the PostgreSQL cluster listening
 * on `pgPort` (its postmaster and every backend, the children of it). Linux /proc; clock ticks of 10 ms.
 */
function centralCpuMs(serverPid: number, pgPort: number): number {
  const stat = (pid: string) => {
    try {
      const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      return { ppid: f[1]!, ticks: Number(f[11]) + Number(f[12]) };
    } catch {
      return null;
    }
  };
  const pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  const postmaster = pids.find((pid) => {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return cmd[0]!.endsWith('/postgres') && cmd.includes('-p') && cmd[cmd.indexOf('-p') + 1] === String(pgPort);
    } catch {
      return false;
    }
  });
  let ticks = stat(String(serverPid))?.ticks ?? 0;
  if (postmaster) {
    ticks += stat(postmaster)?.ticks ?? 0;
    for (const pid of pids) {
      const st = stat(pid);
      if (st && st.ppid === postmaster) ticks += st.ticks;
    }
  }
  return ticks * 10;
}

const percentile = (xs: number[], q: number) => {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

/** `year`: the first two benches (on the simulated year); `schools`: the third. */
export async function syncBenches(dir: string, emit: Emit, parts: { year: boolean; schools: boolean } = { year: true, schools: true }): Promise<void> {
  // The central runs from its bundle (out/cli/central.js, CentralProcess): made now from these sources, never a stale one.
  await buildCli();
  const pg = await startPostgres();
  const db = openCentralDb(pg.url, { max: 8 });
  const central = new CentralProcess(await freePort(), pg.url);
  const pgPort = Number(new URL(pg.url).port);
  try {
    await migrateCentral(db);
    await central.start();
    const url = `http://127.0.0.1:${central.port}`;

    // 1. The year of the 1000-student demo school, pulled into an empty app.
    if (parts.year) {
      const school = await ensureSchool(db, 'Замер: демо-школа 1000');
      const first = app(join(dir, 'sync-a.sqlite'));
      await first.call('app.loadDemo', { students: 1000, seed: 1 });
      await register(first, url, (await issueEnrollmentCode(db, school.id)).code, 'Замер А');
      let t0 = performance.now();
      await syncRound(first.ctx);
      emit('sync_initial_push_demo_1000_ms', performance.now() - t0, 'ms');
      t0 = performance.now();
      // As `npm run central -- simulate` writes it (central/simulate/port.ts).
      const sim = await simulate(storePort(db, school.id), { seed: 1, until: '2027-05-31' });
      emit('sync_simulate_year_1000_ms', performance.now() - t0, 'ms');
      const journalRows = Object.values(sim.inserted).reduce((s, n) => s + n, 0);
      if (journalRows < 300_000) throw new Error(`the simulated year has only ${journalRows} journal rows`);
      const fresh = app(join(dir, 'sync-b.sqlite'));
      await register(fresh, url, (await issueEnrollmentCode(db, school.id)).code, 'Замер Б');
      t0 = performance.now();
      const initial = await syncRound(fresh.ctx);
      emit('sync_initial_pull_year_1000_ms', performance.now() - t0, 'ms');
      emit('sync_initial_pull_rows', initial.pulled, 'rows');
      const local = JOURNAL.reduce((s, t) => s + (fresh.db.raw.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n, 0);
      if (local < journalRows) throw new Error(`the empty app got ${local} journal rows of ${journalRows}`);
      fresh.db.close();

      // 2. A round of 100 mutations pushed and 1000 rows pulled, on the first app (brought up to date first).
      await syncRound(first.ctx);
      {
        const p = new Prng(2);
        const students = (first.db.raw.prepare('SELECT id FROM student WHERE deleted_at IS NULL').all() as { id: string }[]).map((r) => r.id);
        const marks = (await readRecords(db, school.id, 'mark')).slice(0, 20_000).map((r) => r.id);
        const times: number[] = [];
        for (let i = 0; i < 5; i++) {
          await edits(first, p, 100, students);
          for (let w = 0; w < 9; w++) {
            const at = new Date().toISOString();
            const changes: Change[] = Array.from({ length: 100 }, (_, k) => ({ entity: 'mark', id: marks[(i * 900 + w * 100 + k) % marks.length]!, op: 'update', fields: { value: p.pick(['5', '4', '3']), updated_at: at }, base: null }));
            await writeCentral(db, school.id, changes);
          }
          t0 = performance.now();
          const r = await syncRound(first.ctx);
          times.push(performance.now() - t0);
          if (r.pushed !== 100 || r.pulled < 1000) throw new Error(`the round pushed ${r.pushed} and pulled ${r.pulled}`);
        }
        emit('sync_round_100_push_1000_pull_ms', times.sort((x, y) => x - y)[2]!, 'ms');
      }
      first.db.close();
    }

    // 3. 50 schools at once.
    if (parts.schools) {
      const base = join(dir, 'sync-school.sqlite');
      const seedApp = app(base);
      await seedApp.call('app.loadDemo', { students: 100, seed: 5 });
      seedApp.db.close();
      const apps: { a: ReturnType<typeof app>; schoolId: string; students: string[]; staff: string[]; classes: string[]; subjects: string[] }[] = [];
      for (let i = 0; i < 50; i++) {
        const file = join(dir, `sync-school-${i}.sqlite`);
        copyFileSync(base, file);
        const a = app(file);
        const s = await ensureSchool(db, `Замер: школа ${i + 1}`);
        await register(a, url, (await issueEnrollmentCode(db, s.id)).code, `Школа ${i + 1}`);
        await syncRound(a.ctx);
        const ids = (t: string) => (a.db.raw.prepare(`SELECT id FROM ${t} WHERE deleted_at IS NULL`).all() as { id: string }[]).map((r) => r.id);
        apps.push({ a, schoolId: s.id, students: ids('student'), staff: ids('staff'), classes: ids('school_class'), subjects: ids('subject') });
      }
      // 20 times: every school's 2 user actions and a lesson written by the centre (not timed), then
      // all 50 rounds started at once, each timed from its start to its end.
      const times: number[] = [];
      let wall = 0;
      let centralCpu = 0;
      let clientCpu = 0;
      const rngs = apps.map((_, i) => new Prng(100 + i));
      for (let r = 0; r < 20; r++) {
        for (const [i, x] of apps.entries()) {
          const p = rngs[i]!;
          await edits(x.a, p, 2, x.students);
          const at = new Date().toISOString();
          const lessonId = randomUUID();
          await writeCentral(db, x.schoolId, [
            {
              entity: 'lesson', id: lessonId, op: 'insert', base: null,
              fields: { id: lessonId, created_at: at, updated_at: at, deleted_at: null, date: at.slice(0, 10), lesson_no: p.int(1, 7), class_id: p.pick(x.classes), subgroup_id: null, study_group_id: null, subject_id: p.pick(x.subjects), teacher_id: p.pick(x.staff), substitute_id: null, topic: 'Тема', homework: null, status: 'held' },
            },
          ]);
        }
        const start = performance.now();
        const cpu0 = centralCpuMs(central.proc!.pid!, pgPort);
        const mine0 = process.cpuUsage();
        await Promise.all(
          apps.map(async (x) => {
            const t = performance.now();
            const res = await syncRound(x.a.ctx);
            times.push(performance.now() - t);
            if (res.pushed !== 2 || res.pulled < 2) throw new Error(`a school's round pushed ${res.pushed}, pulled ${res.pulled}`);
          }),
        );
        wall += performance.now() - start;
        centralCpu += centralCpuMs(central.proc!.pid!, pgPort) - cpu0;
        const mine = process.cpuUsage(mine0);
        clientCpu += (mine.user + mine.system) / 1000;
      }
      emit('sync_50_schools_p99_round_ms', percentile(times, 0.99), 'ms');
      emit('sync_50_schools_median_round_ms', percentile(times, 0.5), 'ms');
      emit('sync_50_schools_rounds_per_s', (times.length / wall) * 1000, 'rounds/s');
      // What the central side (server + PostgreSQL) spends on a round: with the clients on their own
      // computers, 50 rounds at once need 50 × this of the central's cores.
      emit('sync_50_schools_central_cpu_per_round_ms', centralCpu / times.length, 'ms');
      // And what the app spends on it (this process: the 50 apps' rounds share its one thread).
      emit('sync_50_schools_client_cpu_per_round_ms', clientCpu / times.length, 'ms');
      for (const x of apps) x.a.db.close();
    }
  } finally {
    await central.stop();
    await db.destroy();
    await pg.stop();
  }
}
