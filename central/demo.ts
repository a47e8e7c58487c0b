// The demo school of `npm run central -- --demo` (issue 10): the app's demo school reaches the
// central as any school's data does — pushed by its first office computer through the real sync
// (scripts/seed-demo-school.ts, a separate process: the central never loads the app's code), with
// its timetable when the app's generator is there (issue 11) — and then a simulated journal of its
// teachers' work up to a day, its lessons by that timetable (docs/simulate.md).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { issueEnrollmentCode } from './auth';
import type { CentralDb } from './db';
import { schoolVersion } from './store';
import { simulate, timetableLine } from './simulate/run';
import { storePort } from './simulate/port';

export interface DemoSeed {
  /** The school «Демо-школа» just registered (or found) in the store. */
  schoolId: string;
  /** The running central server's address, for the first office computer to push to. */
  serverUrl: string;
  /** Students of the demo school (100..5000). */
  students: number;
  /** The last day of the simulated journal, YYYY-MM-DD. */
  until: string;
  /** Progress lines for the console (nothing personal). */
  log: (line: string) => void;
}

/** The project's root: the folder above with package.json (central/ in the sources, out/cli/ bundled). */
const ROOT = (() => {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();

/** Runs the first office computer of the demo school: the demo made and pushed. Resolves with what it printed. */
function pushDemoSchool(serverUrl: string, code: string, students: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/seed-demo-school.ts'), '--server', serverUrl, '--code', code, '--students', String(students)], {
      cwd: ROOT,
      env: { ...process.env, SCHOOL_OFFICE_SYNC: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    let out = '';
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
    child.stdout.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out.split('\n').filter((l) => l.trim())) : reject(new Error(`первая загрузка демо-школы не удалась (код ${code}): ${err.trim().split('\n').pop() ?? ''}`))));
  });
}

/**
 * Fills the demo school: its data pushed by a first office computer, then its journal simulated.
 * A school that already has data is left as it is (a second `--demo` on the same data folder).
 */
export async function seedDemo(db: CentralDb, seed: DemoSeed): Promise<void> {
  if ((await schoolVersion(db, seed.schoolId)) > 0) {
    seed.log('Демо-школа уже заполнена.');
    return;
  }
  seed.log(`Загружаю демо-школу (${seed.students} учеников) через синхронизацию…`);
  const { code } = await issueEnrollmentCode(db, seed.schoolId);
  for (const line of await pushDemoSchool(seed.serverUrl, code, seed.students)) {
    if (!line.startsWith('{')) {
      seed.log(line); // «Расписание демо-школы не составлено: …»
      continue;
    }
    const t = (JSON.parse(line) as { timetable?: { placed?: number; unplaced?: number } }).timetable;
    if (t?.placed !== undefined) seed.log(`Расписание составлено: уроков в неделю — ${t.placed}${t.unplaced ? `, не расставлено — ${t.unplaced}` : ''}.`);
  }
  seed.log(`Заполняю электронный журнал по ${seed.until.split('-').reverse().join('.')}…`);
  let shown = -1;
  const r = await simulate(storePort(db, seed.schoolId), {
    seed: 1,
    until: seed.until,
    onProgress: (done, total) => {
      const pct = Math.floor((done * 100) / Math.max(1, total));
      if (pct >= shown + 10) {
        shown = pct;
        seed.log(`  журнал: ${done} из ${total} дней`);
      }
    },
  });
  const rows = Object.values(r.inserted).reduce((a, b) => a + b, 0);
  seed.log(`Журнал заполнен: ${rows.toLocaleString('ru-RU')} записей за ${(r.ms / 1000).toFixed(0)} с.`);
  seed.log(timetableLine(r.summary));
}
