// `npm run bench -- paper` (issue 14 acceptance): the paper copies of every class of the 1000-student
// demo school for a quarter of simulated journal data, as the print job makes them (data, PDFs, the
// ZIP, the records), and one class. Two fresh processes: the first builds the school and its
// journal into a file; the second opens that file as the app would and prints — so the peak memory
// reported is the printing process's own, not the simulation's.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../db';
import { createLocalClient } from '../../electron/core/dispatch';
import type { Ctx } from '../../electron/core/context';
import { Session } from '../../electron/core/auth/session';
import { AREAS } from '../../electron/core/auth/permissions';
import { simulateInto } from '../support/journal';

type Emit = (name: string, value: number, unit: string) => void;

function core(path: string, now: () => Date) {
  const db = openDatabase(path);
  const session = new Session(false);
  session.signIn(
    { id: 'bench', login: 'bench', displayName: 'Замер', role: 'sysadmin', deputyGrades: [], mustChangePassword: false, access: Object.fromEntries(AREAS.map((a) => [a, 'change'])) },
    new Date(),
    { service: true },
  );
  const ctx: Ctx = { db, actor: 'bench', host: 'test', now, session, dataDir: dirname(path) };
  return { db, ctx, call: createLocalClient(ctx) };
}

const child = (...args: string[]) =>
  execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', ...args], { encoding: 'utf8', maxBuffer: 1 << 24 }).trim().split('\n').pop()!;

export async function paperBenches(emit: Emit, dir: string): Promise<void> {
  const path = join(dir, 'paper.sqlite');
  const after = child('prepare', path);
  const r = JSON.parse(child('print', path, after)) as { ms: number; cpuMs: number; pages: number; classes: number; peakMb: number; oneClassMs: number };
  emit('paper_copies_school_quarter_ms', r.ms, 'ms');
  emit('paper_copies_school_quarter_cpu_ms', r.cpuMs, 'ms');
  emit('paper_copies_school_quarter_pages', r.pages, 'pages');
  emit('paper_copies_school_quarter_classes', r.classes, 'classes');
  emit('paper_copies_school_quarter_peak_mb', r.peakMb, 'MB');
  emit('paper_copy_one_class_ms', r.oneClassMs, 'ms');
}

if (process.argv[2] === '--child') {
  const [what, path, day] = process.argv.slice(3) as [string, string, string?];
  if (what === 'prepare') {
    const c = core(path, () => new Date());
    await c.call('app.loadDemo', { students: 1000, seed: 1 });
    const q1 = c.db.raw.prepare(`SELECT end_date FROM study_period WHERE name = '1 четверть' ORDER BY grade_from LIMIT 1`).get() as { end_date: string };
    // Up to a week after the quarter: its period marks are entered within 7 days of its end.
    const after = new Date(Date.parse(`${q1.end_date}T12:00:00Z`) + 8 * 86_400_000).toISOString();
    await simulateInto(c.db, { until: after.slice(0, 10) });
    c.db.close();
    console.log(after);
  } else {
    const after = new Date(day!);
    const c = core(path, () => after);
    const q1 = c.db.raw.prepare(`SELECT id, end_date FROM study_period WHERE name = '1 четверть' ORDER BY grade_from LIMIT 1`).get() as { id: string; end_date: string };
    // The quarter, and the half-year the senior grades have at that date.
    const periods = c.db.raw.prepare(`SELECT id FROM study_period WHERE name = '1 четверть' OR (start_date <= ? AND end_date >= ?)`).all(q1.end_date, q1.end_date) as { id: string }[];
    const big = c.db.raw
      .prepare(`SELECT m.class_id AS id FROM class_membership m JOIN school_class k ON k.id = m.class_id JOIN study_period p ON p.id = ? AND k.grade BETWEEN p.grade_from AND p.grade_to
                WHERE m.deleted_at IS NULL GROUP BY m.class_id ORDER BY count(*) DESC LIMIT 1`)
      .get(q1.id) as { id: string };
    // One class first, not counted: the app has its modules loaded (here tsx compiles them on first use).
    await c.call('paper.printCopies', { periodId: q1.id, classId: big.id });
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    let pages = 0;
    let classes = 0;
    for (const p of periods) {
      const f = await c.call('paper.printCopies', { periodId: p.id });
      pages += f.sheets;
      classes += f.copies.length;
    }
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const peakMb = process.resourceUsage().maxRSS / 1024;
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t1 = performance.now();
      await c.call('paper.printCopies', { periodId: q1.id, classId: big.id });
      times.push(performance.now() - t1);
    }
    c.db.close();
    const oneClassMs = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
    console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, pages, classes, peakMb, oneClassMs }));
  }
}
