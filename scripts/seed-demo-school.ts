// The demo central's first office computer (`npm run central -- --demo`, central/demo.ts): the app's
// demo school made in a temporary database and pushed to the central through the real sync
// (sync.register with an enrollment code, then its first round) — so the demo school reaches the
// central exactly as a school's own data does. Prints one JSON line: what was pushed.
//   tsx scripts/seed-demo-school.ts --server URL --code CODE [--students N] [--seed N]
import { rmSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db';
import { createLocalClient } from '../electron/core/dispatch';
import type { Ctx } from '../electron/core/context';
import { Session } from '../electron/core/auth/session';
import { AREAS } from '../electron/core/auth/permissions';

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? process.argv[i + 1] : fallback;
  if (v === undefined) throw new Error(`${name} is required`);
  return v;
}

const dir = mkdtempSync(join(tmpdir(), 'school-office-demo-seed-'));
const db = openDatabase(join(dir, 'seed.sqlite'));
try {
  const session = new Session(false);
  session.signIn(
    { id: 'demo-seed', login: 'demo-seed', displayName: 'Первая загрузка демо-школы', role: 'sysadmin', deputyGrades: [], mustChangePassword: false, access: Object.fromEntries(AREAS.map((a) => [a, 'change'])) },
    new Date(),
    { service: true },
  );
  const ctx: Ctx = { db, actor: 'demo-seed', host: 'test', now: () => new Date(), session, dataDir: dir };
  const call = createLocalClient(ctx);
  await call('app.loadDemo', { students: Number(arg('--students', '1000')), seed: Number(arg('--seed', '1')) });
  const r = await call('sync.register', { serverUrl: arg('--server'), code: arg('--code'), name: 'Демо: первая загрузка' });
  if (!r.round) throw new Error(r.roundError ?? 'the first round did not run');
  console.log(JSON.stringify({ pushed: r.round.pushed, refused: r.round.refused }));
} finally {
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
