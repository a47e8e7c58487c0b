// Issue 11 acceptance: random edits and moves through the API never leave a hard clash in the
// database. fast-check draws sequences of places, moves (a place of a placed card), unplaces, room
// changes, doubles and fortnight weeks, and teachers' busy times, on the cards of a few classes
// and teachers of the demo school (so that they meet often); after each sequence the stored
// timetable is loaded afresh and checked with checkModel: no clash, and the API's check agrees.
//   TT_SEED   the seed (default fixed; printed on a failure by fast-check)
//   TT_EDITS  edits in all (default 2000; the long form: e.g. TT_EDITS=20000)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { demoCore } from '../support/core';
import { AppError } from '../../electron/api/errors';
import type { TimetableCard } from '../../electron/api/timetable';
import { loadModel } from '../../electron/core/timetable/queries';
import { checkModel } from '../../electron/core/timetable/check';

const SEED = Number(process.env.TT_SEED ?? 20_261_101);
const EDITS = Number(process.env.TT_EDITS ?? 2000);
const PER_RUN = 60;

type T = Awaited<ReturnType<typeof demoCore>>;
let t: T;
let timetableId: string;
let cards: TimetableCard[];
let rooms: (string | null)[];
let teachers: string[];

beforeAll(async () => {
  t = await demoCore(100, () => new Date('2026-10-10T09:00:00Z'));
  const year = (await t.call('years.list')).find((y) => y.isCurrent)!;
  const c5 = (await t.call('classes.list')).find((c) => c.grade === 5 && c.studentCount > 1)!;
  const eng = (await t.call('subjects.list')).find((s) => s.name.startsWith('Иностранный'))!;
  const d = await t.call('subgroups.split', { classId: c5.id, subjectId: eng.id, parts: 2, by: 'alphabet' });
  for (const a of (await t.call('assignments.list', {})).filter((a) => a.classId === c5.id && a.subjectId === eng.id)) await t.call('assignments.remove', { id: a.id });
  const engTeachers = (await t.call('staff.list', {})).filter((s) => s.roles.includes('teacher') && s.subjects.includes(eng.name));
  await t.call('subgroups.setTeacher', { subgroupId: d.subgroups[0]!.id, teacherId: engTeachers[0]!.id });
  await t.call('subgroups.setTeacher', { subgroupId: d.subgroups[1]!.id, teacherId: (engTeachers[1] ?? engTeachers[0])!.id });
  const pe = (await t.call('subjects.list')).find((s) => s.name === 'Физическая культура')!;
  await t.call('subjects.save', { id: pe.id, name: pe.name, shortName: pe.shortName, noAttestation: pe.noAttestation, grading: pe.grading, sortOrder: pe.sortOrder, roomKind: 'gym' });
  const v = await t.call('timetable.saveVersion', { yearId: year.id, name: 'Проверка', validFrom: year.startDate, days: 5, fortnight: true });
  timetableId = v.id;
  await t.call('timetable.makeCards', { timetableId });
  const all = (await t.call('timetable.board', { timetableId })).cards;
  // The cards of grades 5–7 and the study groups: teachers, rooms, subgroups and students meet.
  cards = all.filter((c) => (c.grade !== null && c.grade >= 5 && c.grade <= 7) || c.studyGroupId);
  const r = await t.call('rooms.list');
  rooms = [null, ...r.slice(0, 3).map((x) => x.id), r.find((x) => x.kind === 'gym')!.id];
  teachers = [...new Set(cards.map((c) => c.teacherId))].slice(0, 6);
}, 300_000);
afterAll(() => t?.cleanup());

type Edit =
  | { op: 'place'; card: number; weekday: number; lessonNo: number; room: number; keepRoom: boolean }
  | { op: 'unplace'; card: number }
  | { op: 'room'; card: number; room: number }
  | { op: 'shape'; card: number; duration: number; weeks: 'every' | 'odd' | 'even' }
  | { op: 'busy'; teacher: number; weekday: number; lessonNo: number | null };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('place' as const), card: fc.nat(), weekday: fc.integer({ min: 1, max: 6 }), lessonNo: fc.integer({ min: 0, max: 9 }), room: fc.nat(), keepRoom: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('unplace' as const), card: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('room' as const), card: fc.nat(), room: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('shape' as const), card: fc.nat(), duration: fc.integer({ min: 1, max: 2 }), weeks: fc.constantFrom('every' as const, 'odd' as const, 'even' as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('busy' as const), teacher: fc.nat(), weekday: fc.integer({ min: 1, max: 5 }), lessonNo: fc.option(fc.integer({ min: 1, max: 7 }), { nil: null }) }) },
);

async function apply(e: Edit): Promise<'ok' | 'refused'> {
  const card = (n: number) => cards[n % cards.length]!.id;
  const room = (n: number) => rooms[n % rooms.length]!;
  try {
    if (e.op === 'place') await t.call('timetable.place', { cardId: card(e.card), weekday: e.weekday, lessonNo: e.lessonNo, roomId: e.keepRoom ? undefined : room(e.room) });
    else if (e.op === 'unplace') await t.call('timetable.unplace', { cardId: card(e.card) });
    else if (e.op === 'room') await t.call('timetable.updateCard', { cardId: card(e.card), roomId: room(e.room) });
    else if (e.op === 'shape') await t.call('timetable.updateCard', { cardId: card(e.card), duration: e.duration, weeks: e.weeks });
    else {
      const u = await t.call('timetable.unavailable.save', { timetableId, staffId: teachers[e.teacher % teachers.length]!, weekday: e.weekday, shift: 1, lessonNo: e.lessonNo, reason: 'unavailable' });
      // Busy times come and go: most are taken back at once, so that placing stays possible.
      if (e.teacher % 3) await t.call('timetable.unavailable.remove', { id: u.id });
    }
    return 'ok';
  } catch (err) {
    if (err instanceof AppError && (err.code === 'conflict' || err.code === 'validation')) return 'refused';
    throw err;
  }
}

describe('random edits through the API (issue 11)', () => {
  it(`never leave a hard clash in the database (TT_SEED=${SEED}, TT_EDITS=${EDITS})`, async () => {
    const tally = { ok: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: PER_RUN, maxLength: PER_RUN }), async (edits) => {
        for (const e of edits) tally[await apply(e)]++;
        const stored = checkModel(loadModel(t.db, timetableId));
        expect(stored.clashes).toEqual([]);
        expect((await t.call('timetable.check', { timetableId })).clashes).toEqual([]);
      }),
      { seed: SEED, numRuns: Math.max(1, Math.round(EDITS / PER_RUN)), endOnFailure: true },
    );
    // The edits did reach the timetable, and clashes were met and refused.
    expect(tally.ok).toBeGreaterThan(EDITS / 5);
    expect(tally.refused).toBeGreaterThan(EDITS / 10);
    const placed = (await t.call('timetable.versions', {})).find((v) => v.id === timetableId)!.placed;
    expect(placed).toBeGreaterThan(10);
  }, 600_000);
});
