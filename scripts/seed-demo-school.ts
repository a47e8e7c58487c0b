// The demo central's first office computer (`npm run central -- --demo`, central/demo.ts): the app's
// demo school made in a temporary database and pushed to the central through the real sync
// (sync.register with an enrollment code, then its first round) — so the demo school reaches the
// central exactly as a school's own data does. Before pushing, the demo's timetable is made by the
// app's own core (timetable.saveVersion, makeCards, generate; issue 11), so the central's simulated
// lessons follow it — skipped, with a line saying so, while the generator is not in this build.
// Prints one JSON line: what was pushed, and the timetable made (or why not).
//   tsx scripts/seed-demo-school.ts --server URL --code CODE [--students N] [--seed N]
import { existsSync, rmSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db';
import { createLocalClient } from '../electron/core/dispatch';
import type { Ctx } from '../electron/core/context';
import { Session } from '../electron/core/auth/session';
import { AREAS } from '../electron/core/auth/permissions';
import { AppError } from '../electron/api/errors';

type Call = ReturnType<typeof createLocalClient>;

/** The generator's module (electron/core/timetable/generate.ts): present once issue 11's generator is merged. */
const GENERATOR = join(import.meta.dirname, '../electron/core/timetable/generate.ts');
/** A handler still a stub refuses so (electron/core/timetable/ops.ts). */
const notReady = (e: unknown) => e instanceof AppError && e.code === 'unavailable';

/**
 * The demo year's timetable, as a deputy would make it: a version from the year's first day, a card
 * per weekly hour of the тарификация, every card placed by the generator. Returns what was made, or
 * why it was skipped (the demo then keeps the central simulator's own week).
 */
async function makeTimetable(call: Call, seed: number): Promise<{ placed: number; unplaced: number; teacherWindows: number } | { skipped: string }> {
  if (!existsSync(GENERATOR)) return { skipped: 'генератора расписания нет в этой сборке' };
  const year = db.raw.prepare('SELECT id, start_date FROM academic_year WHERE is_current = 1 AND deleted_at IS NULL').get() as { id: string; start_date: string } | undefined;
  if (!year) return { skipped: 'в демо-школе нет текущего учебного года' };
  // A demo that comes with a version already (should the demo make one): its unplaced cards are placed.
  const existing = db.raw.prepare('SELECT id FROM timetable WHERE year_id = ? AND deleted_at IS NULL ORDER BY valid_from LIMIT 1').pluck().get(year.id) as string | undefined;
  let made: string | null = null;
  try {
    let timetableId = existing;
    if (!timetableId) {
      const version = await call('timetable.saveVersion', { yearId: year.id, name: 'Основное расписание', validFrom: year.start_date, days: 5, fortnight: false });
      timetableId = made = version.id;
      await call('timetable.makeCards', { timetableId });
    }
    const r = await call('timetable.generate', { timetableId, scope: { kind: 'unplaced' }, seed });
    return { placed: r.placed, unplaced: r.unplaced.length, teacherWindows: r.teacherWindows };
  } catch (e) {
    if (!notReady(e)) throw e;
    // A version whose cards are not placed would change nothing centrally; still, leave none behind.
    if (made) await call('timetable.removeVersion', { id: made }).catch(() => undefined);
    return { skipped: `составление расписания ещё не готово (${(e as Error).message})` };
  }
}

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
  const seed = Number(arg('--seed', '1'));
  await call('app.loadDemo', { students: Number(arg('--students', '1000')), seed });
  const timetable = await makeTimetable(call, seed);
  if ('skipped' in timetable) console.log(`Расписание демо-школы не составлено: ${timetable.skipped}.`);
  const r = await call('sync.register', { serverUrl: arg('--server'), code: arg('--code'), name: 'Демо: первая загрузка' });
  if (!r.round) throw new Error(r.roundError ?? 'the first round did not run');
  console.log(JSON.stringify({ pushed: r.round.pushed, refused: r.round.refused, timetable }));
} finally {
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
