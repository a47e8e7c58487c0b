// `npm run bench -- timetable-generate`: the generator (issue 11) on the 1000-student demo school,
// every card made unplaced from its тарификация (tests/timetable/support/demoModel.ts), placed by
// `timetable.generate` (scope all, seed 1) through the core as the app calls it:
// - timetable_generate_1000_ms: the generator's own time (the result's ms; the read and the write
//   of the version around it are not in it) — target ≤ 60 s;
// - timetable_generate_1000_teacher_windows: the teachers' windows it leaves (free lessons between a
//   teacher's lessons of a day, per shift, summed).
// The FET comparison joins this group (the same school exported to .fet and solved by fet-cl).
import { join } from 'node:path';
import type { Ctx } from '../../electron/core/context';
import type { LocalClient } from '../../electron/core/dispatch';
import type { Db } from '../../db';
import { makeDemoCards } from '../timetable/support/demoModel';

type Emit = (name: string, value: number, unit: string) => void;
type Core = (path: string) => Promise<{ db: Db; ctx: Ctx; call: LocalClient }>;

export async function timetableBenches(dir: string, emit: Emit, core: Core): Promise<void> {
  const c = await core(join(dir, 'timetable-1000.sqlite'));
  try {
    await c.call('app.loadDemo', { students: 1000, seed: 1 });
    const timetableId = makeDemoCards(c.db);
    const r = await c.call('timetable.generate', { timetableId, scope: { kind: 'all' }, seed: 1 });
    if (r.unplaced.length) throw new Error(`the generator left ${r.unplaced.length} cards unplaced`);
    emit('timetable_generate_1000_ms', r.ms, 'ms');
    emit('timetable_generate_1000_teacher_windows', r.teacherWindows, 'windows');
  } finally {
    c.db.close();
  }
}
