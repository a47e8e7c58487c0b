// One office computer of the convergence test (docs/sync-faults.md): a long-lived process on its own
// SQLite file, taking one JSON command per line on stdin and answering one line `@@ {…}` on stdout:
// - {cmd:'demo', students, seed}       the demo school loaded (the first computer's school);
// - {cmd:'register', server, code, name} this installation registered with an enrollment code;
// - {cmd:'edit', k, seed}               k random user actions through the app's handlers;
// - {cmd:'sync', crash?, editDuring?}  one sync round; `crash` names the point where the process
//                                      kills itself with SIGKILL (db/sync/testHook.ts), unset after;
//                                      `editDuring: {k, seed}` k user actions while the round runs;
// - {cmd:'state'}                      the sync state and the last mutation number made here;
// - {cmd:'refusals'}                   what `sync.refusals` shows.
// The parent (tests/sync/harness.ts) restarts it on the same file when it died.
import { createInterface } from 'node:readline';
import { dirname } from 'node:path';
import { openDatabase } from '../../db';
import { createLocalClient } from '../../electron/core/dispatch';
import type { Ctx } from '../../electron/core/context';
import { Session } from '../../electron/core/auth/session';
import { AREAS } from '../../electron/core/auth/permissions';
import { AppError } from '../../electron/api/errors';
import { Prng } from '../../electron/demo/prng';
import { randomAction } from './actions';
import { CRASH_ENV } from '../../db/sync/testHook';
import { mutationsToPush, syncState } from '../../db/sync';
import { registerClient, syncOnce } from './client';

const path = process.argv[2]!;
const db = openDatabase(path);
const session = new Session(false);
session.signIn(
  { id: 'fault-test', login: 'fault', displayName: 'Тест сбоев', role: 'sysadmin', deputyGrades: [], mustChangePassword: false, access: Object.fromEntries(AREAS.map((a) => [a, 'change'])) },
  new Date(),
  { service: true },
);
const ctx: Ctx = { db, actor: 'fault', host: 'test', now: () => new Date(), session, dataDir: dirname(path) };
const call = createLocalClient(ctx);

const lastMutation = () => (db.raw.prepare('SELECT next_mutation - 1 AS n FROM sync_state').get() as { n: number }).n;

type Cmd =
  | { cmd: 'demo'; students: number; seed: number }
  | { cmd: 'register'; server: string; code: string; name: string }
  | { cmd: 'edit'; k: number; seed: number }
  | { cmd: 'sync'; crash?: string; editDuring?: { k: number; seed: number } }
  | { cmd: 'state' }
  | { cmd: 'refusals' }
  | { cmd: 'exit' };

/** k random user actions (a pause of up to `pauseMs` before each); the mutations they made, number → hash. */
async function edit(k: number, seed: number, pauseMs: number) {
  const before = lastMutation();
  const p = new Prng(seed);
  const today = new Date().toISOString().slice(0, 10);
  const done: Record<string, number> = {};
  let refused = 0;
  for (let i = 0; i < k; i++) {
    if (pauseMs) await new Promise((r) => setTimeout(r, p.int(0, pauseMs)));
    try {
      const a = await randomAction(call, p, today);
      done[a] = (done[a] ?? 0) + 1;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      refused++;
    }
  }
  // Each new mutation's number and hash as it will be pushed: the server must end with exactly these.
  const made = Object.fromEntries(mutationsToPush(db, 10_000).filter((m) => m.id > before).map((m) => [m.id, m.hash]));
  return { done, refused, last: lastMutation(), made };
}

async function run(c: Cmd): Promise<unknown> {
  switch (c.cmd) {
    case 'demo':
      await call('app.loadDemo', { students: c.students, seed: c.seed });
      return { last: lastMutation() };
    case 'register':
      return registerClient(ctx, call, c.server, c.code, c.name);
    case 'edit':
      return edit(c.k, c.seed, 0);
    case 'sync': {
      if (c.crash) process.env[CRASH_ENV] = c.crash;
      try {
        // A failed round is an answer ({error, code}), not a failed command: the faults make many.
        const round = syncOnce(ctx, call).then(
          (r) => ({ round: r, error: undefined, code: undefined }),
          (e: unknown) => ({ round: undefined, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e), code: e instanceof AppError ? e.code : undefined }),
        );
        // The user keeps working while the round runs (as with the background sync): the actions
        // run between the round's requests and pages.
        const edits = c.editDuring ? edit(c.editDuring.k, c.editDuring.seed, 15) : Promise.resolve(undefined);
        const [r, e] = await Promise.all([round, edits]);
        return { ...r, edits: e };
      } finally {
        delete process.env[CRASH_ENV];
      }
    }
    case 'state': {
      // What the header shows (sync.status) and the store's cursor.
      const st = syncState(db);
      return { ...(await call('sync.status')), cursor: st.cursor, acked: st.ackedMutation, last: lastMutation() };
    }
    case 'refusals':
      return call('sync.refusals', { limit: 1000 });
    case 'exit':
      db.close();
      process.exit(0);
  }
}

const say = (o: unknown) => process.stdout.write(`@@ ${JSON.stringify(o)}\n`);
const rl = createInterface({ input: process.stdin });
// One command at a time, in order.
let chain = Promise.resolve();
rl.on('line', (line) => {
  chain = chain.then(async () => {
    const c = JSON.parse(line) as Cmd;
    try {
      say({ ok: true, result: await run(c) });
    } catch (e) {
      say({ ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e), code: e instanceof AppError ? e.code : undefined });
    }
  });
});
rl.on('close', () => {
  void chain.then(() => {
    db.close();
    process.exit(0);
  });
});
say({ ready: true });
