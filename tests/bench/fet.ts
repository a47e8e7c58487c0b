// `npm run bench -- timetable-generate`: the peer bench against FET (issue 11 acceptance), on the
// 1000-student demo school's timetable task.
// - fet_generate_1000_ms: `fet-cl` generating the task exported to `.fet` (electron/core/timetable/fet.ts,
//   nothing placed), wall time of the process; fet_generate_1000_teacher_windows: the teachers' windows
//   (free lessons between lessons, per teacher and day, summed) in the timetable FET wrote;
//   fet_generate_1000_unplaced: activities FET left unplaced (0 when it succeeded).
// - when electron/core/timetable/generate.ts exists: our generator on the same model
//   (timetable_generate_1000_same_model_ms, …_teacher_windows, …_unplaced) and
//   timetable_generate_vs_fet_ratio = our ms / FET's ms.
// FET is installed (`apt-get install -y fet`) when absent; if that fails the FET lines are skipped
// with the reason on stderr. The task's version is made by tests/timetable/support/fetModel.ts until
// timetable.makeCards lands.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ctx } from '../../electron/core/context';
import type { LocalClient } from '../../electron/core/dispatch';
import type { TimetableModel } from '../../electron/core/timetable/model';
import { buildFetTask } from '../../electron/core/timetable/fet';
import { child, childrenNamed, parseXml, textOf } from '../../electron/core/timetable/xml';
import { makeDemoTimetable, demoModel } from '../timetable/support/fetModel';
import { act } from '../../electron/core/tx';

type Emit = (name: string, value: number, unit: string) => void;
const say = (text: string) => console.error(`# ${text}`);

/** fet-cl present, or installed now; a reason when it cannot be had. */
function ensureFet(): string | null {
  const has = () => spawnSync('fet-cl', ['--version'], { encoding: 'utf8' }).status === 0;
  if (has()) return null;
  say('fet-cl not found: apt-get install -y fet');
  const install = () => spawnSync('apt-get', ['install', '-y', 'fet'], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  let r = install();
  if (r.status !== 0) {
    spawnSync('apt-get', ['update'], { stdio: 'ignore' });
    r = install();
  }
  if (r.status !== 0 || !has()) return `could not install fet (apt-get: ${r.error?.message ?? r.stderr?.trim().split('\n').pop() ?? `exit ${r.status}`})`;
  return null;
}

/** Teachers' windows of a placement: per teacher and day, the free lessons between the first and the last. */
export function teacherWindows(model: TimetableModel, place: (cardId: string) => { weekday: number; lessonNo: number } | null): number {
  const days = new Map<string, Set<number>>();
  for (const c of model.cards) {
    const p = place(c.id);
    if (!p) continue;
    const k = `${c.teacherId}|${p.weekday}`;
    const set = days.get(k) ?? new Set<number>();
    for (let d = 0; d < c.duration; d++) set.add(p.lessonNo + d);
    days.set(k, set);
  }
  let windows = 0;
  for (const set of days.values()) windows += Math.max(...set) - Math.min(...set) + 1 - set.size;
  return windows;
}

/** The largest weekly load of one FET atomic subgroup and the week's slots: FET refuses a task where load > slots. */
function tightestUnit(xml: string, hoursPerDay: number, days: number): { unit: string; hours: number; slots: number } {
  const root = parseXml(xml);
  const unitsOf = new Map<string, string[]>();
  for (const y of childrenNamed(child(root, 'Students_List')!, 'Year'))
    for (const g of childrenNamed(y, 'Group')) unitsOf.set(textOf(g, 'Name'), childrenNamed(g, 'Subgroup').map((s) => textOf(s, 'Name')));
  const load = new Map<string, number>();
  for (const a of childrenNamed(child(root, 'Activities_List')!, 'Activity'))
    for (const u of unitsOf.get(textOf(a, 'Students')) ?? []) load.set(u, (load.get(u) ?? 0) + Number(textOf(a, 'Duration')));
  const [unit, hours] = [...load].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  return { unit, hours, slots: hoursPerDay * days };
}

export async function fetBenches(dir: string, emit: Emit, core: (path: string) => Promise<{ ctx: Ctx; call: LocalClient; db: { close(): void } }>): Promise<void> {
  const c = await core(join(dir, 'fet.sqlite'));
  try {
    await c.call('app.loadDemo', { students: 1000, seed: 1 });
    // The demo's five-day week cannot hold every student's lessons when one has more than 5 × 7
    // (a profile group on top of the class's full load): then the bench uses a six-day week, so that
    // the task is solvable for both generators, and says so.
    let days: 5 | 6 = 5;
    const timetableId = makeDemoTimetable(c.ctx, 'FET', 5);
    let model = demoModel(c.ctx.db, timetableId);
    const hoursPerDay = new Set(model.slots.filter((s) => s.shift === 1).map((s) => s.lessonNo)).size;
    const tight = tightestUnit(buildFetTask(model, { lockPlaced: false }).xml, hoursPerDay, 5);
    if (tight.hours > tight.slots) {
      say(`five-day week infeasible: students set ${tight.unit} has ${tight.hours} lessons for ${tight.slots} slots; the bench uses a six-day week`);
      days = 6;
      act(c.ctx, (w) => w.update('timetable', timetableId, { days: 6 }));
      model = demoModel(c.ctx.db, timetableId);
    }
    const task = buildFetTask(model, { lockPlaced: false });
    say(`task: ${model.cards.length} activities, ${days} days × ${hoursPerDay} lessons`);

    let fetMs: number | null = null;
    const why = ensureFet();
    if (why) say(`FET lines skipped: ${why}`);
    else {
      const work = join(dir, 'fet');
      mkdirSync(work, { recursive: true });
      const input = join(work, 'school.fet');
      writeFileSync(input, task.xml);
      const limit = Number(process.env.FET_BENCH_SECONDS ?? 600);
      const t0 = performance.now();
      const run = spawnSync('fet-cl', [`--inputfile=${input}`, `--outputdir=${work}`, `--timelimitseconds=${limit}`, '--htmllevel=0', '--writetimetablesdayshorizontal=false', '--writetimetablesdaysvertical=false', '--writetimetablestimehorizontal=false', '--writetimetablestimevertical=false'], {
        encoding: 'utf8',
        timeout: (limit + 120) * 1000,
      });
      const ms = performance.now() - t0;
      const ok = run.stdout.includes('Simulation successful');
      const folder = ['school', 'school-highest'].map((f) => join(work, 'timetables', f, 'school_activities.xml')).find((p) => existsSync(p));
      if (!folder) say(`FET wrote no timetable (exit ${run.status}): ${(run.stdout + run.stderr).trim().split('\n').slice(-3).join(' | ')}`);
      else {
        const cardOf = new Map([...task.activityIds].map(([card, id]) => [id, card]));
        const placed = new Map<string, { weekday: number; lessonNo: number }>();
        const dayNo = new Map(['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота'].map((d, i) => [d, i + 1]));
        const hourOf = new Map(task.hours.map((h) => [h.name, h.lessonNo]));
        for (const a of childrenNamed(parseXml(readFileSync(folder, 'utf8')), 'Activity')) {
          const card = cardOf.get(Number(textOf(a, 'Id')));
          const d = dayNo.get(textOf(a, 'Day'));
          const h = hourOf.get(textOf(a, 'Hour'));
          if (card && d && h !== undefined) placed.set(card, { weekday: d, lessonNo: h });
        }
        if (!ok) say(`FET did not place everything within ${limit} s: its best timetable is counted`);
        fetMs = ms;
        emit('fet_generate_1000_ms', ms, 'ms');
        emit('fet_generate_1000_teacher_windows', teacherWindows(model, (id) => placed.get(id) ?? null), 'windows');
        emit('fet_generate_1000_unplaced', model.cards.length - placed.size, 'cards');
      }
    }

    // Our generator on the same model (its module may not be on this branch yet).
    const path = '../../electron/core/timetable/generate.ts';
    let mod: { generate?: (m: TimetableModel, o: { scope: { kind: 'unplaced' }; seed: number }) => { placements: Map<string, { weekday: number; lessonNo: number; roomId: string | null }>; unplaced: string[]; teacherWindows: number; ms: number } };
    try {
      mod = (await import(/* @vite-ignore */ path)) as typeof mod;
    } catch (e) {
      say(`timetable_generate_vs_fet_ratio skipped: electron/core/timetable/generate.ts not loaded (${(e as Error).message.split('\n')[0]})`);
      return;
    }
    if (typeof mod.generate !== 'function') {
      say('timetable_generate_vs_fet_ratio skipped: generate.ts exports no generate()');
      return;
    }
    const fresh = demoModel(c.ctx.db, timetableId);
    const t0 = performance.now();
    let out: Awaited<ReturnType<NonNullable<typeof mod.generate>>>;
    try {
      out = await Promise.resolve(mod.generate(fresh, { scope: { kind: 'unplaced' }, seed: 1 }));
    } catch (e) {
      say(`timetable_generate_vs_fet_ratio skipped: generate() failed on the model: ${(e as Error).message.split('\n')[0]}`);
      return;
    }
    const ours = performance.now() - t0;
    emit('timetable_generate_1000_same_model_ms', ours, 'ms');
    emit('timetable_generate_1000_same_model_teacher_windows', teacherWindows(fresh, (id) => out.placements.get(id) ?? null), 'windows');
    emit('timetable_generate_1000_same_model_unplaced', out.unplaced.length, 'cards');
    if (fetMs === null) say('timetable_generate_vs_fet_ratio skipped: no FET time');
    else emit('timetable_generate_vs_fet_ratio', ours / fetMs, 'ratio');
  } finally {
    c.db.close();
  }
}
