// Issue 11: the timetable editor's core on the demo school (real SQLite, through the API): each
// kind of clash refused with its message and nothing changed; each warning counted; versions and
// cards from the тарификация; a deputy refused outside their parallels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCore } from '../support/core';
import { AppError } from '../../electron/api/errors';
import type { TimetableCard, TimetableVersion } from '../../electron/api/timetable';
import { dispatch } from '../../electron/core/dispatch';
import { Session } from '../../electron/core/auth/session';
import type { Ctx } from '../../electron/core/context';
import { loadModel } from '../../electron/core/timetable/queries';
import { checkModel } from '../../electron/core/timetable/check';
import { defaultDifficulty } from '../../electron/core/timetable/rules';

const NOW = () => new Date('2026-10-10T09:00:00Z');
type T = Awaited<ReturnType<typeof demoCore>>;
let t: T;
let yearId: string;
let v: TimetableVersion;
let cards: TimetableCard[];

/** Everything a refused edit must leave as it was: the cards and the sync/audit trail. */
const state = () =>
  JSON.stringify([
    t.db.raw.prepare('SELECT id, weekday, lesson_no, room_id, weeks, duration, pinned FROM timetable_card ORDER BY id').all(),
    t.db.raw.prepare('SELECT (SELECT count(*) FROM sync_change) AS c, (SELECT count(*) FROM audit_log) AS a').get(),
  ]);

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

/** A refused placement: the code, the first clash's message, and nothing changed. */
async function clash(input: { cardId: string; weekday: number; lessonNo: number; roomId?: string | null }, kind: string, message: RegExp) {
  const before = state();
  const e = await refusal(t.call('timetable.place', input));
  expect(e.code).toBe('conflict');
  expect(e.message).toMatch(message);
  expect(e.problems.map((p) => p.column)).toContain(kind);
  expect(state()).toBe(before);
}

const byId = (id: string) => cards.find((c) => c.id === id)!;
const unplaceAll = async () => {
  for (const c of (await t.call('timetable.board', { timetableId: v.id })).cards) if (c.weekday !== null) await t.call('timetable.unplace', { cardId: c.id });
};

beforeAll(async () => {
  t = await demoCore(100, NOW);
  yearId = (await t.call('years.list')).find((y) => y.isCurrent)!.id;
  const year = (await t.call('years.list')).find((y) => y.id === yearId)!;
  // 5-й class's English divided in two subgroups, each with its teacher (subgroup cards).
  const c5 = (await t.call('classes.list')).find((c) => c.grade === 5 && c.studentCount > 1)!;
  const eng = (await t.call('subjects.list')).find((s) => s.name.startsWith('Иностранный'))!;
  const d = await t.call('subgroups.split', { classId: c5.id, subjectId: eng.id, parts: 2, by: 'alphabet' });
  const whole = (await t.call('assignments.list', {})).filter((a) => a.classId === c5.id && a.subjectId === eng.id);
  for (const a of whole) await t.call('assignments.remove', { id: a.id });
  const teachers = (await t.call('staff.list', {})).filter((s) => s.roles.includes('teacher') && s.subjects.includes(eng.name));
  await t.call('subgroups.setTeacher', { subgroupId: d.subgroups[0]!.id, teacherId: teachers[0]!.id });
  await t.call('subgroups.setTeacher', { subgroupId: d.subgroups[1]!.id, teacherId: (teachers[1] ?? teachers[0])!.id });
  v = await t.call('timetable.saveVersion', { yearId, name: 'Основное', validFrom: year.startDate, days: 5, fortnight: false });
  const made = await t.call('timetable.makeCards', { timetableId: v.id });
  expect(made.added).toBeGreaterThan(100);
  cards = (await t.call('timetable.board', { timetableId: v.id })).cards;
}, 300_000);
afterAll(() => t?.cleanup());

describe('cards and versions', () => {
  it('makes a card per weekly hour of each assignment of the year (half an hour: odd weeks) and leaves them in line on a second call', async () => {
    const assignments = await t.call('assignments.list', {});
    const hours = assignments.reduce((s, a) => s + Math.floor(a.hoursPerWeek) + (a.hoursPerWeek % 1 ? 1 : 0), 0);
    expect(cards.length).toBe(hours);
    for (const c of cards) expect(c.weekday).toBeNull();
    expect(await t.call('timetable.makeCards', { timetableId: v.id })).toEqual({ added: 0, removed: 0, extraPlaced: [] });
    const a = assignments.find((x) => x.classId && x.hoursPerWeek >= 2)!;
    const mine = cards.filter((c) => c.assignmentId === a.id);
    expect(mine.length).toBe(a.hoursPerWeek);
    expect(mine[0]).toMatchObject({ teacherId: a.teacherId, subjectId: a.subjectId, classId: a.classId, weeks: 'every', editable: true });
    expect(mine[0]!.teacherName).toMatch(/^\S+ \S\. \S\.$/); // «Петрова А. С.»
  });

  it('a new version from a date copies cards, places and busy times; validTo is the day before the next; the date is unique in the year', async () => {
    const c = cards.find((x) => x.classId && !x.subgroupId)!;
    await t.call('timetable.place', { cardId: c.id, weekday: 1, lessonNo: 1, roomId: null });
    await t.call('timetable.unavailable.save', { timetableId: v.id, staffId: cards.find((x) => x.teacherId !== c.teacherId)!.teacherId, weekday: 5, shift: 1, lessonNo: null, reason: 'methodical_day' });
    const w = await t.call('timetable.saveVersion', { yearId, name: 'С 12.01.2027', validFrom: '2027-01-12', days: 5, fortnight: false, copyFrom: v.id });
    expect(w).toMatchObject({ cards: cards.length, placed: 1, validTo: null });
    const list = await t.call('timetable.versions', { yearId });
    expect(list.map((x) => [x.name, x.validTo])).toEqual([['Основное', '2027-01-11'], ['С 12.01.2027', null]]);
    const b = await t.call('timetable.board', { timetableId: w.id });
    expect(b.unavailable).toHaveLength(1);
    expect(b.cards.find((x) => x.weekday === 1)).toMatchObject({ subjectId: c.subjectId, classId: c.classId, lessonNo: 1 });
    const e = await refusal(t.call('timetable.saveVersion', { yearId, name: 'Ещё', validFrom: '2027-01-12', days: 5, fortnight: false }));
    expect(e.message).toBe('С 12.01.2027 уже действует расписание «С 12.01.2027»: выберите другую дату');
    const outside = await refusal(t.call('timetable.saveVersion', { yearId, name: 'Ещё', validFrom: '2030-01-12', days: 5, fortnight: false }));
    expect(outside.message).toMatch(/^Дата начала действия должна быть в пределах учебного года/);
    await t.call('timetable.removeVersion', { id: w.id });
    expect((await t.call('timetable.versions', { yearId })).map((x) => x.validTo)).toEqual([null]);
    await unplaceAll();
    for (const u of (await t.call('timetable.board', { timetableId: v.id })).unavailable) await t.call('timetable.unavailable.remove', { id: u.id });
  });
});

describe('each clash refused with its reason, nothing changed', () => {
  it('teacher: the same teacher at the same time, in another class', async () => {
    const a = cards.find((c) => c.classId && !c.subgroupId)!;
    const b = cards.find((c) => c.teacherId === a.teacherId && c.classId !== a.classId && c.classId)!;
    const e = await t.call('timetable.place', { cardId: a.id, weekday: 2, lessonNo: 3, roomId: null });
    expect(e.before).toEqual({ weekday: null, lessonNo: null, roomId: null, pinned: false });
    expect(e.card).toMatchObject({ weekday: 2, lessonNo: 3 });
    expect(e.check.clashes).toEqual([]);
    await clash({ cardId: b.id, weekday: 2, lessonNo: 3 }, 'teacher', new RegExp(`^${a.teacherName.replace(/\./g, '\\.')} в это время ведёт урок в ${a.targetName} \\(вт, 3-й урок\\)$`));
    await unplaceAll();
  });

  it('class: two whole-class lessons; a whole-class lesson and a subgroup of the class', async () => {
    const a = cards.find((c) => c.classId && !c.subgroupId)!;
    const b = cards.find((c) => c.classId === a.classId && !c.subgroupId && c.teacherId !== a.teacherId)!;
    await t.call('timetable.place', { cardId: a.id, weekday: 1, lessonNo: 2, roomId: null });
    await clash({ cardId: b.id, weekday: 1, lessonNo: 2 }, 'class', new RegExp(`^У ${a.targetName} в это время уже урок «${a.subjectName.replace(/[()]/g, '.')}» — `));
    const sg = cards.find((c) => c.classId === a.classId && c.subgroupId && c.teacherId !== a.teacherId);
    if (sg) await clash({ cardId: sg.id, weekday: 1, lessonNo: 2 }, 'class', /в это время уже урок/);
    await unplaceAll();
  });

  it('subgroup: sibling subgroups meet at once; the same subgroup twice is refused', async () => {
    const sg = cards.filter((c) => c.subgroupId);
    expect(sg.length).toBeGreaterThan(0);
    const a = sg[0]!;
    const sibling = sg.find((c) => c.classId === a.classId && c.subjectId === a.subjectId && c.subgroupId !== a.subgroupId && c.teacherId !== a.teacherId);
    const same = sg.find((c) => c.subgroupId === a.subgroupId && c.id !== a.id && c.teacherId !== a.teacherId) ?? sg.find((c) => c.subgroupId === a.subgroupId && c.id !== a.id)!;
    await t.call('timetable.place', { cardId: a.id, weekday: 3, lessonNo: 4, roomId: null });
    if (sibling) expect((await t.call('timetable.place', { cardId: sibling.id, weekday: 3, lessonNo: 4, roomId: null })).check.clashes).toEqual([]);
    const e = await refusal(t.call('timetable.place', { cardId: same.id, weekday: 3, lessonNo: 4, roomId: null }));
    expect(e.code).toBe('conflict');
    expect(e.problems.map((p) => p.column)).toContain('subgroup');
    expect(e.problems.find((p) => p.column === 'subgroup')!.message).toMatch(new RegExp(`^У ${a.targetName} в это время уже урок`));
    await unplaceAll();
  });

  it('student: a study group and a class of one of its students', async () => {
    const g = cards.find((c) => c.studyGroupId)!;
    expect(g).toBeDefined();
    const members = (await t.call('studyGroups.get', { id: g.studyGroupId! })).members;
    const cls = members[0]!.classId!;
    const c = cards.find((x) => x.classId === cls && !x.subgroupId && x.teacherId !== g.teacherId)!;
    // The group meets in the other shift's time when the school has one (makeCards): a lesson of the
    // class's shift and one of the group's that overlap in bell time.
    const slots = (await t.call('timetable.board', { timetableId: v.id })).slots;
    const min = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
    const pair = slots
      .filter((a) => a.shift === c.shift)
      .flatMap((a) => slots.filter((b) => b.shift === g.shift && min(a.startsAt) < min(b.endsAt) && min(b.startsAt) < min(a.endsAt)).map((b) => ({ a, b })))[0]!;
    expect(pair).toBeDefined();
    await t.call('timetable.place', { cardId: c.id, weekday: 4, lessonNo: pair.a.lessonNo, roomId: null });
    await clash({ cardId: g.id, weekday: 4, lessonNo: pair.b.lessonNo }, 'student', new RegExp(`^Ученики группы «.+» в это время на уроке «.+» в ${c.targetName} \\(чт, ${pair.a.lessonNo}-й урок\\)$`));
    await unplaceAll();
  });

  it('room: one room, two lessons', async () => {
    const rooms = await t.call('rooms.list');
    const room = rooms.find((r) => r.kind === 'regular')!;
    const a = cards.find((c) => c.classId && !c.subgroupId)!;
    const b = cards.find((c) => c.classId && c.classId !== a.classId && c.teacherId !== a.teacherId && !c.subgroupId)!;
    await t.call('timetable.place', { cardId: a.id, weekday: 5, lessonNo: 1, roomId: room.id });
    await clash({ cardId: b.id, weekday: 5, lessonNo: 1, roomId: room.id }, 'room', new RegExp(`^Кабинет ${room.number} в это время занят: ${a.targetName}, `));
    // A room change of a placed card is checked as well.
    await t.call('timetable.place', { cardId: b.id, weekday: 5, lessonNo: 1, roomId: null });
    const before = state();
    const e = await refusal(t.call('timetable.updateCard', { cardId: b.id, roomId: room.id }));
    expect(e.problems.map((p) => p.column)).toEqual(['room']);
    expect(state()).toBe(before);
    await unplaceAll();
  });

  it('unavailable: the teacher busy then; a busy time over a placed lesson is refused too', async () => {
    const a = cards.find((c) => c.classId && !c.subgroupId)!;
    const u = await t.call('timetable.unavailable.save', { timetableId: v.id, staffId: a.teacherId, weekday: 2, shift: a.shift, lessonNo: 6, reason: 'unavailable' });
    await clash({ cardId: a.id, weekday: 2, lessonNo: 6 }, 'unavailable', new RegExp(`^${a.teacherName.replace(/\./g, '\\.')} в это время не может вести уроки \\(вт, 6-й урок\\)$`));
    const day = await t.call('timetable.unavailable.save', { timetableId: v.id, staffId: a.teacherId, weekday: 3, shift: a.shift, lessonNo: null, reason: 'methodical_day' });
    await clash({ cardId: a.id, weekday: 3, lessonNo: 1 }, 'unavailable', new RegExp(`^У ${a.teacherName.replace(/\./g, '\\.')} методический день \\(среда\\)$`));
    await t.call('timetable.place', { cardId: a.id, weekday: 4, lessonNo: 2, roomId: null });
    const before = state();
    const e = await refusal(t.call('timetable.unavailable.save', { timetableId: v.id, staffId: a.teacherId, weekday: 4, shift: a.shift, lessonNo: null, reason: 'unavailable' }));
    expect(e.code).toBe('conflict');
    expect(e.message).toMatch(/в это время стоит урок: .+ \(чт, 2-й урок\) — сначала перенесите его$/);
    expect(state()).toBe(before);
    await t.call('timetable.unavailable.remove', { id: u.id });
    await t.call('timetable.unavailable.remove', { id: day.id });
    await unplaceAll();
  });

  it('room_kind: a subject that needs a gym in a regular room', async () => {
    const pe = (await t.call('subjects.list')).find((s) => s.name === 'Физическая культура')!;
    await t.call('subjects.save', { id: pe.id, name: pe.name, shortName: pe.shortName, noAttestation: pe.noAttestation, grading: pe.grading, sortOrder: pe.sortOrder, roomKind: 'gym' });
    const rooms = await t.call('rooms.list');
    const regular = rooms.find((r) => r.kind === 'regular')!;
    const gym = rooms.find((r) => r.kind === 'gym')!;
    const a = cards.find((c) => c.subjectId === pe.id)!;
    await clash({ cardId: a.id, weekday: 1, lessonNo: 3, roomId: regular.id }, 'room_kind', new RegExp(`^Для предмета «Физическая культура» нужен кабинет вида «Спортивный зал», а кабинет ${regular.number} — «Обычный» \\(пн, 3-й урок\\)$`));
    expect((await t.call('timetable.place', { cardId: a.id, weekday: 1, lessonNo: 3, roomId: gym.id })).card.roomNumber).toBe(gym.number);
    await t.call('subjects.save', { id: pe.id, name: pe.name, shortName: pe.shortName, noAttestation: pe.noAttestation, grading: pe.grading, sortOrder: pe.sortOrder, roomKind: null });
    await unplaceAll();
  });

  it('no_slot: Saturday in a five-day week; a lesson without a bell; a double lesson past the last bell', async () => {
    const a = cards.find((c) => c.classId && !c.subgroupId)!;
    await clash({ cardId: a.id, weekday: 6, lessonNo: 1 }, 'no_slot', /^В этом расписании 5 учебных дней: суббота — не учебный день$/);
    await clash({ cardId: a.id, weekday: 1, lessonNo: 12 }, 'no_slot', /^В 1-й смене нет 12-го урока/);
    const last = Math.max(...(await t.call('timetable.board', { timetableId: v.id })).slots.filter((s) => s.shift === a.shift).map((s) => s.lessonNo));
    await t.call('timetable.place', { cardId: a.id, weekday: 1, lessonNo: last, roomId: null });
    const before = state();
    const e = await refusal(t.call('timetable.updateCard', { cardId: a.id, duration: 2 }));
    expect(e.message).toMatch(new RegExp(`^В 1-й смене нет ${last + 1}-го урока`));
    expect(state()).toBe(before);
    await unplaceAll();
  });

  it('slotsFor shows each slot’s clashes and the warnings it would add', async () => {
    const a = cards.find((c) => c.classId && !c.subgroupId)!;
    const b = cards.find((c) => c.teacherId === a.teacherId && c.id !== a.id)!;
    await t.call('timetable.place', { cardId: a.id, weekday: 2, lessonNo: 2, roomId: null });
    const slots = await t.call('timetable.slotsFor', { cardId: b.id });
    expect(slots.length).toBe(5 * (await t.call('timetable.board', { timetableId: v.id })).slots.filter((s) => s.shift === b.shift).length);
    expect(slots.find((s) => s.weekday === 2 && s.lessonNo === 2)!.clashes.map((c) => c.kind)).toContain('teacher');
    expect(slots.find((s) => s.weekday === 1 && s.lessonNo === 1)!.clashes).toEqual([]);
    // Lesson 5 on Tuesday would leave the teacher two windows (3, 4): over the default 1.
    expect(slots.find((s) => s.weekday === 2 && s.lessonNo === 5)!.warnings).toContain('teacher_window');
    expect(slots.find((s) => s.weekday === 2 && s.lessonNo === 3)!.warnings).not.toContain('teacher_window');
    await unplaceAll();
  });
});

describe('warnings: allowed, counted', () => {
  it('counts day and week load, subject twice, hard lessons in a row, the difficulty peak, teacher windows, first grade', async () => {
    const board = await t.call('timetable.board', { timetableId: v.id });
    const grade5 = board.classes.find((c) => c.grade === 5)!;
    const own = cards.filter((c) => c.classId === grade5.id && !c.subgroupId && !c.studyGroupId);
    // A lesson at every bell of 5А's Monday (over 6).
    const bells = board.slots.filter((s) => s.shift === grade5.shift).length;
    expect(bells).toBeGreaterThan(6);
    let placed = 0;
    for (const c of own) {
      if (placed >= bells) break;
      try {
        await t.call('timetable.place', { cardId: c.id, weekday: 1, lessonNo: placed + 1, roomId: null });
        placed++;
      } catch {
        /* a teacher clash: the next card */
      }
    }
    expect(placed).toBe(bells);
    const chk = await t.call('timetable.check', { timetableId: v.id });
    expect(chk.clashes).toEqual([]);
    const mine = (k: string) => chk.warnings.filter((w) => w.kind === k && w.classId === grade5.id);
    expect(mine('day_load').map((w) => w.message)).toEqual([`У ${grade5.name} ${bells} уроков в понедельник — больше 6, допустимых для 5 класса`]);
    // All of 5А's difficulty is on Monday: the peak is not on Tuesday or Wednesday.
    expect(mine('difficulty_peak')).toHaveLength(1);
    expect(mine('difficulty_peak')[0]!.message).toMatch(/самый трудный день — понедельник .+ а должен быть вторник или среда$/);
    expect(chk.counts.day_load).toBeGreaterThanOrEqual(1);
    // The weekly maximum lowered to 5 hours for grade 5: the placed hours warn.
    const rules = await t.call('timetable.saveRules', { timetableId: v.id, rules: JSON.stringify({ weeklyMax: { ...(await t.call('timetable.rules', { timetableId: v.id })).weeklyMax, '5': [5, 6] } }) });
    expect(rules.weeklyMax['5']).toEqual([5, 6]);
    const after = await t.call('timetable.check', { timetableId: v.id });
    expect(after.warnings.filter((w) => w.kind === 'week_load' && w.classId === grade5.id).map((w) => w.message)).toEqual([`У ${grade5.name} ${bells} ч в неделю — больше 5, допустимых для 5 класса при 5-дневной неделе`]);
    expect(after.counts.week_load).toBe(1);
    await t.call('timetable.saveRules', { timetableId: v.id, rules: JSON.stringify({ weeklyMax: { ...rules.weeklyMax, '5': [29, 32] } }) });
    await unplaceAll();
  });

  it('each warning kind on a model built to show it (the check is pure)', () => {
    const m = loadModel(t.db, v.id);
    const cls = m.cards.find((c) => c.grade === 1 && c.classId && !c.subgroupId)!.classId!;
    const first = m.cards.filter((c) => c.classId === cls && !c.subgroupId);
    const math = first.filter((c) => m.names.subject.get(c.subjectId) === 'Математика');
    expect(math.length).toBeGreaterThanOrEqual(2);
    // 1А: two maths on Monday 1–2 (hard from 8 in this test: two hard in a row), a third lesson, a fourth: 4 lessons (> 3 in September).
    m.rules.hardFrom = 8;
    const put = (c: (typeof first)[number], d: number, l: number) => Object.assign(c, { weekday: d, lessonNo: l });
    put(math[0]!, 1, 1);
    put(math[1]!, 1, 2);
    // Two more lessons of two other subjects (a subject twice would be a second «subject_twice»).
    const others = first.filter((c) => c.subjectId !== math[0]!.subjectId && c.teacherId !== math[0]!.teacherId);
    const second = others.find((c) => c.subjectId !== others[0]!.subjectId)!;
    put(others[0]!, 1, 3);
    put(second, 1, 4);
    const chk = checkModel(m);
    const k = (kind: string) => chk.warnings.filter((w) => w.kind === kind && w.classId === cls).length;
    expect(k('subject_twice')).toBe(1);
    expect(k('hard_in_row')).toBe(1);
    expect(k('first_grade')).toBe(1);
    expect(k('difficulty_peak')).toBe(1);
    expect(k('day_load')).toBe(0); // 4 lessons: the first grade's daily maximum
    // A teacher with lessons 1 and 5 on Friday: 3 windows, counted each.
    const tch = m.cards.filter((c) => c.teacherId === math[0]!.teacherId && c.weekday === null && c.classId !== cls);
    const lone = m.cards.find((c) => c.teacherId !== math[0]!.teacherId && c.weekday === null && c.grade !== 1)!;
    const base = checkModel(m).counts.teacher_window;
    put(lone, 5, 1);
    const mate = m.cards.find((c) => c.teacherId === lone.teacherId && c.weekday === null && c.classId !== lone.classId && c.grade !== 1)!;
    put(mate, 5, 5);
    const again = checkModel(m);
    expect(again.warnings.filter((w) => w.kind === 'teacher_window' && w.teacherId === lone.teacherId).map((w) => w.message)).toEqual([
      `У ${m.names.teacher.get(lone.teacherId)} 3 окна (пятница): больше 1`,
    ]);
    expect(again.counts.teacher_window - base).toBe(3);
    expect(tch).toBeDefined();
  });

  it('rules: defaults from practice matched by subject name; saving validates every field in Russian and coerces nothing', async () => {
    const r = await t.call('timetable.rules', { timetableId: v.id });
    expect(r.weeklyMax['1']).toEqual([21, null]);
    expect(r.weeklyMax['10']).toEqual([34, 37]);
    expect(r.dailyMax).toMatchObject({ '1': 4, '4': 5, '6': 6, '7': 7 });
    expect(r.peakDays).toEqual([2, 3]);
    expect(r.firstGradeDaily).toMatchObject({ '09': 3, '11': 4, '01': 4 });
    const subjects = await t.call('subjects.list');
    const chem = subjects.find((s) => s.name === 'Химия')!;
    expect(r.difficulty[chem.id]).toEqual({ '7': 13, '8': 10, '9': 12 });
    expect(defaultDifficulty('Математика')).toMatchObject({ '1': 8, '5': 10, '6': 13 });
    const before = state();
    const bad = async (rules: Record<string, unknown>, message: RegExp) => {
      const e = await refusal(t.call('timetable.saveRules', { timetableId: v.id, rules: JSON.stringify(rules) }));
      expect(e.code).toBe('validation');
      expect(e.message).toMatch(message);
    };
    await bad({ maxTeacherWindows: '2' }, /^Окон у учителя в день: нужно число$/);
    await bad({ maxTeacherWindows: 1.5 }, /^Окон у учителя в день — целое число$/);
    await bad({ dailyMax: { '12': 5 } }, /^Уроков в день: неизвестный ключ «12»$/);
    await bad({ peakDays: [2, 2] }, /^Дни пика трудности повторяются$/);
    await bad({ something: 1 }, /^Неизвестная настройка расписания: something/);
    await bad({ difficulty: { 'no-such-subject': { '5': 3 } } }, /^Трудность: такого предмета нет в школе$/);
    expect(state()).toBe(before);
    expect((await t.call('timetable.saveRules', { timetableId: v.id, rules: JSON.stringify({ maxTeacherWindows: 2 }) })).maxTeacherWindows).toBe(2);
    expect((await t.call('timetable.rules', { timetableId: v.id })).maxTeacherWindows).toBe(2);
    await t.call('timetable.saveRules', { timetableId: v.id, rules: JSON.stringify({ maxTeacherWindows: 1 }) });
  });
});

describe('a deputy director (R8)', () => {
  let deputy: Ctx;
  let grades: number[];
  beforeAll(async () => {
    const u = t.demo.users.find((x) => x.role === 'deputy')!;
    deputy = { ...t.ctx, session: new Session(false) };
    expect((await dispatch(deputy, 'auth.login', { login: u.login, password: u.password })).ok).toBe(true);
    expect((await dispatch(deputy, 'auth.changePassword', { oldPassword: u.password, newPassword: 'Завуч2026!' })).ok).toBe(true);
    grades = (await t.call('users.list')).find((x) => x.login === u.login)!.deputyGrades;
    expect(grades.length).toBeGreaterThan(0);
  });

  it('moves cards of their parallels only; the board marks which', async () => {
    const board = (await dispatch(deputy, 'timetable.board', { timetableId: v.id })) as { ok: true; result: { cards: TimetableCard[] } };
    const theirs = board.result.cards.find((c) => c.classId && c.grade !== null && grades.includes(c.grade))!;
    const foreign = board.result.cards.find((c) => c.classId && c.grade !== null && !grades.includes(c.grade))!;
    expect(theirs.editable).toBe(true);
    expect(foreign.editable).toBe(false);
    const before = state();
    for (const [op, input] of [
      ['timetable.place', { cardId: foreign.id, weekday: 1, lessonNo: 1, roomId: null }],
      ['timetable.unplace', { cardId: foreign.id }],
      ['timetable.updateCard', { cardId: foreign.id, pinned: true }],
    ] as const) {
      const r = await dispatch(deputy, op, input);
      expect(r.ok ? 'allowed' : r.error.code, op).toBe('forbidden');
      if (!r.ok) expect(r.error.message).toMatch(new RegExp(`^Вы отвечаете за параллел[ьи] .+ класс ${byId(foreign.id).targetName} к (ней|ним) не относится\\.$`));
    }
    expect(state()).toBe(before);
    const ok = await dispatch(deputy, 'timetable.place', { cardId: theirs.id, weekday: 1, lessonNo: 1, roomId: null });
    expect(ok.ok).toBe(true);
    await unplaceAll();
  });
});
