// Crash safety of the rollover (issue 15 point 4): a real child process runs `rollover.run` on its own
// copy of a prepared database (the demo school with signed promotion and graduation orders) and is
// killed with SIGKILL after a random delay. After every kill the database passes integrity_check and is
// exactly «before» (no year_rollover row) or exactly «after» (as a run left to finish leaves it) —
// never between. The seed is printed; ROLLOVER_CRASH_SEED=<seed> repeats a run,
// ROLLOVER_CRASH_ITERATIONS=<n> makes it longer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../../db';
import { createLocalClient } from '../../electron/core/dispatch';
import { Session } from '../../electron/core/auth/session';
import { tempDir } from '../support/tmp';
import { bundled } from '../support/cli';
import { prng } from '../backup/crash-shared';
import { signOrders } from './rolloverSupport';

const ROOT = join(import.meta.dirname, '../..');
const ITERATIONS = Math.max(20, Number(process.env.ROLLOVER_CRASH_ITERATIONS ?? 20));
const SEED = Number(process.env.ROLLOVER_CRASH_SEED ?? Date.now() % 1_000_000_000);
const POOL = 2;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Worker {
  child: ChildProcess;
  dir: string;
  lines: string[];
  stderr: string[];
  exited: Promise<void>;
  waitFor: (line: string, ms: number) => Promise<void>;
}

/**
 * What a database holds, comparable across runs: per table the count and a digest of its rows with
 * the timestamps left out and the ids of rows made after `known` replaced by «new» (a run makes new
 * random ids). Signing in, the backup's own audit lines and settings are not the rollover's: left out.
 */
function stateOf(path: string, known: Set<string>): { integrity: string; rollovers: number; tables: Record<string, string> } {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    const names = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
    const tables: Record<string, string> = {};
    for (const t of names) {
      if (t === 'app_user' || t === 'setting') continue; // the sign-in and the backup's bookkeeping
      const where = t === 'audit_log' ? ` WHERE entity NOT IN ('app_user', 'backup')` : '';
      const stmt = db.prepare(`SELECT * FROM "${t}"${where}`);
      const cols = stmt.columns().map((c) => c.name);
      const rows = stmt.raw().all() as unknown[][];
      if (t.startsWith('sync_') || t === 'audit_log') {
        tables[t] = String(rows.length);
        continue;
      }
      const lines = rows
        .map((r) =>
          JSON.stringify(
            r
              .map((v, i) => (/(_at|^backup_file)$/.test(cols[i]!) ? null : typeof v === 'string' && UUID.test(v) && !known.has(v) ? 'new' : v))
              .filter((_, i) => cols[i] !== 'id' || known.has(r[i] as string)),
          ),
        )
        .sort();
      tables[t] = `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
    }
    const rollovers = db.prepare(`SELECT count(*) FROM year_rollover`).pluck().get() as number;
    return { integrity, rollovers, tables };
  } finally {
    db.close();
  }
}

function idsOf(path: string): Set<string> {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    const names = db.prepare(`SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) WHERE name = 'id')`).pluck().all() as string[];
    return new Set(names.flatMap((t) => db.prepare(`SELECT id FROM "${t}"`).pluck().all() as string[]));
  } finally {
    db.close();
  }
}

describe('rollover under SIGKILL', () => {
  const tmp = tempDir('school-office-rollover-crash-');
  const prepared = join(tmp.dir, 'prepared.sqlite');
  let adminPassword = '';
  let known = new Set<string>();
  let before: ReturnType<typeof stateOf>;
  const pool: Worker[] = [];
  let n = 0;
  afterAll(async () => {
    for (const w of pool) kill(w);
    await Promise.all(pool.map((w) => w.exited));
    tmp.cleanup();
  });

  beforeAll(async () => {
    const db = openDatabase(prepared);
    const ctx = { db, actor: 'system', host: 'test' as const, now: () => new Date(), session: new Session(false), dataDir: tmp.dir };
    const call = createLocalClient(ctx);
    const demo = await call('app.loadDemo', { students: 100, seed: 7 });
    adminPassword = demo.users.find((u) => u.login === 'admin')!.password;
    const yearId = db.raw.prepare(`SELECT id FROM academic_year WHERE is_current = 1`).pluck().get() as string;
    signOrders(db.raw, yearId, (s, k) => (s.grade === 11 ? 'graduated' : s.grade === 9 ? (k % 5 ? 'continues' : 'graduated') : k % 13 ? 'promoted' : 'repeat'));
    db.close();
    known = idsOf(prepared);
    before = stateOf(prepared, known);
  }, 120_000);

  function startWorker(): Worker {
    const dir = join(tmp.dir, `run-${++n}`);
    mkdirSync(dir);
    copyFileSync(prepared, join(dir, 'school.sqlite'));
    const child = spawn(process.execPath, [bundled('rollover-crash-worker'), join(dir, 'school.sqlite')], {
      cwd: ROOT,
      env: { ...process.env, CRASH_ADMIN_PASSWORD: adminPassword },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    const lines: string[] = [];
    const stderr: string[] = [];
    const waiters: { line: string; resolve: () => void }[] = [];
    let buf = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buf += chunk;
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        lines.push(line);
        for (const w of waiters.filter((x) => x.line === line)) w.resolve();
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (c: string) => stderr.push(c));
    const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
    const waitFor = (line: string, ms: number) =>
      new Promise<void>((resolve, reject) => {
        if (lines.includes(line)) return resolve();
        const timer = setTimeout(() => reject(new Error(`worker gave no ${line} in ${ms} ms: ${stderr.join('')}`)), ms);
        waiters.push({ line, resolve: () => (clearTimeout(timer), resolve()) });
        void exited.then(() => reject(new Error(`worker exited before ${line}: ${stderr.join('')}`)));
      });
    return { child, dir, lines, stderr, exited, waitFor };
  }

  const kill = (w: Worker) => {
    try {
      process.kill(-w.child.pid!, 'SIGKILL');
    } catch {
      w.child.kill('SIGKILL');
    }
  };

  it(`leaves the database before or after the rollover across ${ITERATIONS} kills, never between`, async () => {
    console.log(`rollover crash test seed: ${SEED} (repeat with ROLLOVER_CRASH_SEED=${SEED})`);
    const rnd = prng(SEED);
    const t0 = performance.now();
    expect(before.integrity).toBe('ok');
    expect(before.rollovers).toBe(0);
    // The «after» state: a run left to finish.
    const first = startWorker();
    await first.waitFor('READY', 120_000);
    const started = performance.now();
    first.child.stdin!.write('GO\n');
    await first.waitFor('PHASE Переход', 120_000);
    const txStarted = performance.now();
    await first.waitFor('DONE', 120_000);
    const runMs = performance.now() - started;
    const txMs = performance.now() - txStarted;
    kill(first);
    await first.exited;
    const after = stateOf(join(first.dir, 'school.sqlite'), known);
    expect(after.rollovers).toBe(1);
    expect(after.tables).not.toEqual(before.tables);
    rmSync(first.dir, { recursive: true, force: true });

    const outcome = { before: 0, after: 0 };
    for (let k = 0; k < POOL; k++) pool.push(startWorker());
    for (let i = 0; i < ITERATIONS; i++) {
      const w = pool.shift()!;
      if (i + pool.length + 1 < ITERATIONS) pool.push(startWorker());
      await w.waitFor('READY', 120_000);
      w.child.stdin!.write('GO\n');
      // Half the kills anywhere in the run, half within the transaction (after «PHASE Переход»).
      if (i % 2) {
        await w.waitFor('PHASE Переход', 120_000);
        await new Promise((r) => setTimeout(r, Math.floor(rnd() * txMs * 1.3)));
      } else await new Promise((r) => setTimeout(r, Math.floor(rnd() * runMs * 1.1)));
      kill(w);
      await w.exited;
      expect(w.child.exitCode, `worker ${i} ended by itself: ${w.stderr.join('')}`).toBeNull();
      const s = stateOf(join(w.dir, 'school.sqlite'), known);
      const what = `iteration ${i} (worker said: ${w.lines.join(' | ')})`;
      expect(s.integrity, what).toBe('ok');
      if (s.rollovers === 0) {
        expect(s.tables, `${what}: not the state before`).toEqual(before.tables);
        outcome.before++;
      } else {
        expect(s.tables, `${what}: not the state after`).toEqual(after.tables);
        outcome.after++;
      }
      if (w.lines.includes('DONE')) expect(s.rollovers, what).toBe(1);
      rmSync(w.dir, { recursive: true, force: true });
    }
    console.log(`rollover crash test: ${ITERATIONS} kills in ${Math.round((performance.now() - t0) / 1000)} s (a run takes ${Math.round(runMs)} ms, its transaction ${Math.round(txMs)} ms): ${JSON.stringify(outcome)}`);
    expect(outcome.before + outcome.after).toBe(ITERATIONS);
  }, 600_000);
});
