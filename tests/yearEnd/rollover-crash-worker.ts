// A child process for tests/yearEnd/rollover-crash.test.ts: runs the rollover on its own copy of a
// prepared database and is killed with SIGKILL at a random moment. It loads and signs in first, then
// waits for «GO» on stdin, and reports on stdout: READY | START | DONE.
// Usage: node rollover-crash-worker.js DB   (admin password in CRASH_ADMIN_PASSWORD)
import { writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { openDatabase } from '../../db';
import { createLocalClient } from '../../electron/core/dispatch';
import { Session } from '../../electron/core/auth/session';
import type { JobControl } from '../../electron/core/job';
import { runRollover } from '../../electron/core/yearEnd/rollover/rollover';

const say = (line: string) => writeSync(1, line + '\n');

async function main(): Promise<void> {
  const [dbPath] = process.argv.slice(2);
  if (!dbPath) throw new Error('usage: rollover-crash-worker DB');
  const db = openDatabase(dbPath);
  const ctx = { db, actor: 'system', host: 'test' as const, now: () => new Date(), session: new Session(false), dataDir: dirname(dbPath) };
  const call = createLocalClient(ctx);
  await call('auth.login', { login: 'admin', password: process.env.CRASH_ADMIN_PASSWORD ?? '' });
  say('READY');
  await new Promise<string>((resolve) => createInterface({ input: process.stdin }).once('line', resolve));
  say('START');
  // The service called as its job runs it, with a job control that tells the parent each step
  // («PHASE Переход»: the transaction begins), so that kills can aim at it.
  const job: JobControl = {
    id: 'crash',
    progress: (_done, _total, phrase) => say(`PHASE ${phrase}`),
    check: () => undefined,
    input: () => {
      throw new Error('no input');
    },
    release: () => undefined,
    result: () => Promise.reject(new Error('no result')),
  };
  await runRollover({ ...ctx, actor: 'admin', job }, { to: '2027/2028' });
  say('DONE');
  // Stay until killed: the parent decides when the run is over.
  await new Promise(() => undefined);
}

main().catch((e: unknown) => {
  process.stderr.write(`rollover-crash-worker failed: ${(e as Error)?.message ?? String(e)}\n`);
  process.exit(3);
});
