// Issue 11 point 4 (R9): the lessons of a day, teachers' absences, candidates ranked and explained,
// assign / merge / cancel / move / room change with their refusals, the indicator — on the demo
// school with a timetable placed by tests/substitutions/timetable.ts, through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoverCandidate, DayLesson } from '../../electron/api/substitutions';
import { addCard, placedDemo, write } from './timetable';

let t: Awaited<ReturnType<typeof placedDemo>>;
const WED = '2026-12-02';
const THU = '2026-12-03';

const day = async (date: string) => (await t.call('substitutions.day', { date })).lessons;
const at = async (date: string, cls: string, lessonNo: number) => (await day(date)).find((l) => l.targetName === cls && l.lessonNo === lessonNo && !(l.change?.kind === 'move' && l.change.date !== date))!;
const short = (full: string) => {
  const [last, first, middle] = full.split(' ');
  return `${last} ${first![0]}.${middle ? ` ${middle[0]}.` : ''}`;
};
/** Rows changed anywhere (sync changes and audit lines): a refusal must leave it as it was. */
const writes = () => (t.db.raw.prepare('SELECT (SELECT count(*) FROM sync_change) + (SELECT count(*) FROM audit_log) AS n').get() as { n: number }).n;
async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string; problems: { column?: string; message: string }[] }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string; problems: { column?: string; message: string }[] };
  }
  throw new Error('expected a refusal');
}
async function refused(p: Promise<unknown>, message: string | RegExp) {
  const before = writes();
  const r = await refusal(p);
  expect(r.message).toMatch(typeof message === 'string' ? new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : message);
  expect(writes(), 'a refusal changed data').toBe(before);
  return r;
}
const absent = (staffId: string, dateFrom: string, dateTo: string) => t.call('absences.save', { staffId, dateFrom, dateTo, reason: 'illness', note: null });
const staffIds = () => (t.db.raw.prepare(`SELECT id FROM staff WHERE deleted_at IS NULL`).all() as { id: string }[]).map((r) => r.id);
const classId = (name: string) => (t.db.raw.prepare(`SELECT id FROM school_class WHERE grade || letter = ?`).get(name) as { id: string }).id;
const subjectId = (name: string) => (t.db.raw.prepare(`SELECT id FROM subject WHERE name = ?`).get(name) as { id: string }).id;

beforeAll(async () => {
  t = await placedDemo();
}, 300_000);
afterAll(() => t?.cleanup());

describe('the lessons of a date', () => {
  it('are the placed cards of that weekday with their bells; none on a holiday, a day off, outside the year', async () => {
    const wed = await day(WED);
    expect(wed.length).toBe(t.placed.cards.filter((c) => c.weekday === 3).length);
    expect(wed.map((l) => l.startsAt)).toEqual([...wed.map((l) => l.startsAt)].sort());
    const first = wed.find((l) => l.lessonNo === 1)!;
    expect([first.startsAt, first.endsAt]).toEqual(['08:30', '09:15']);
    expect(wed.every((l) => !l.teacherAbsent && !l.needsCover && l.change === null)).toBe(true);
    expect(await day('2026-12-30')).toEqual([]); // зимние каникулы
    expect(await day('2026-12-05')).toEqual([]); // суббота, пятидневка
    const outside = await t.call('substitutions.day', { date: '2027-07-01' });
    expect(outside.timetable).toBeNull();
    expect(outside.lessons).toEqual([]);
  });
});

describe('absences', () => {
  it('are refused with a Russian message next to the field when the dates are wrong or overlap; removed unless changes hang on them', async () => {
    const [a, b] = staffIds();
    const r = await refused(absent(a!, '2026-11-20', '2026-11-18'), 'Дата окончания (18.11.2026) раньше даты начала (20.11.2026).');
    expect(r.problems[0]!.column).toBe('dateTo');
    const saved = await absent(a!, '2026-11-16', '2026-11-18');
    await refused(absent(a!, '2026-11-18', '2026-11-19'), /уже отмечен(а)? отсутствующ(им|ей) с 16\.11\.2026 по 18\.11\.2026 \(болезнь\)/);
    const moved = await t.call('absences.save', { id: saved.id, staffId: a!, dateFrom: '2026-11-17', dateTo: '2026-11-19', reason: 'course', note: 'Курсы ИРО' });
    expect([moved.id, moved.dateFrom, moved.dateTo, moved.reason, moved.note]).toEqual([saved.id, '2026-11-17', '2026-11-19', 'course', 'Курсы ИРО']);
    await t.call('absences.remove', { id: saved.id });
    expect((await t.call('absences.list', { from: '2026-11-01', to: '2026-11-30' })).map((x) => x.id)).not.toContain(saved.id);
    expect(b).toBeDefined();
  });
});

describe('candidates for a lesson', () => {
  let lesson: DayLesson;
  let list: CoverCandidate[];
  const keys = (c: CoverCandidate) => [c.refused ? 1 : 0, c.sameSubject ? 0 : 1, c.knowsClass ? 0 : 1, c.substitutionsThisMonth, c.newWindow ? 1 : 0];

  beforeAll(async () => {
    lesson = await at(WED, '7А', 1);
    const a = await absent(lesson.teacherId, '2026-12-01', '2026-12-04');
    expect(a.lessons).toBeGreaterThan(0);
    expect(a.covered).toBe(0);
    lesson = await at(WED, '7А', 1);
    expect([lesson.teacherAbsent, lesson.needsCover]).toEqual([true, true]);
    list = await t.call('substitutions.candidates', { date: WED, cardId: lesson.cardId });
  });

  it('ranks the free first: teaches the subject, knows the class, fewest substitutions, no new window; explains each in Russian', async () => {
    expect(list.map((c) => c.staffId)).not.toContain(lesson.teacherId);
    expect(list.map((c) => c.rank)).toEqual(list.map((_, i) => i + 1));
    for (let i = 1; i < list.length; i++) {
      const [x, y] = [keys(list[i - 1]!), keys(list[i]!)];
      expect(x.reduce((r, v, k) => r || v - y[k]!, 0), `${list[i - 1]!.name} before ${list[i]!.name}`).toBeLessThanOrEqual(0);
    }
    const top = list[0]!;
    expect(top.free).toBe(true);
    expect(top.reasons[0]).toMatch(/^Свобод(на|ен) на 1-м уроке$/);
    expect(top.reasons[1]).toBe(top.sameSubject ? `Ведёт предмет «${lesson.subjectName}»` : `Не ведёт предмет «${lesson.subjectName}»`);
    expect(top.reasons[2]).toBe(top.knowsClass ? 'Знает класс 7А' : 'Не работает в 7А');
    expect(top.reasons[3]).toBe('Нет замен в декабре');
    expect(list.some((c) => c.free && c.sameSubject)).toBe(true);
  });

  it('lists last, with the reason, every teacher who has a lesson then', async () => {
    const busy = (await day(WED)).filter((l) => l.lessonNo === 1 && l.cardId !== lesson.cardId);
    expect(busy.length).toBeGreaterThan(0);
    for (const l of busy) {
      const c = list.find((x) => x.staffId === l.teacherId)!;
      expect(c.refused).toBe(`${short(l.teacherName)} в это время ведёт урок в ${l.targetName}`);
      expect(c.free).toBe(false);
    }
    const firstRefused = list.findIndex((c) => c.refused);
    expect(list.slice(firstRefused).every((c) => c.refused)).toBe(true);
  });

  it('a cancelled own lesson frees its teacher; a substitution given at that time makes the substitute busy; counts this month', async () => {
    const l5a = await at(WED, '5А', 1);
    await t.call('substitutions.change', { kind: 'cancel', date: WED, cardId: l5a.cardId, note: 'Экскурсия' });
    const l6a = await at(WED, '6А', 1);
    await absent(l6a.teacherId, WED, WED);
    const free = (await t.call('substitutions.candidates', { date: WED, cardId: l6a.cardId })).find((c) => c.free && c.staffId !== l5a.teacherId)!;
    const made = await t.call('substitutions.assign', { date: WED, cardId: l6a.cardId, substituteId: free.staffId, roomId: null, note: null });
    expect(made.kind).toBe('substitute');
    const again = await t.call('substitutions.candidates', { date: WED, cardId: lesson.cardId });
    const freed = again.find((c) => c.staffId === l5a.teacherId)!;
    expect(freed.refused).toBeNull();
    await refused(absent(free.staffId, '2026-12-01', WED), `${short(free.name)} заменяет урок в эти дни (первый — 02.12.2026, 1-й урок в 6А): сначала назначьте на него другого учителя.`);
    const taken = again.find((c) => c.staffId === free.staffId)!;
    expect(taken.refused).toBe(`${short(free.name)} в это время ведёт урок в 6А`);
    expect(taken.substitutionsThisMonth).toBe(1);
    expect(taken.reasons[3]).toBe('1 замена в декабре');
  });

  it('an absent teacher is refused with the dates of the absence', async () => {
    const other = list.find((c) => c.free)!;
    await absent(other.staffId, '2026-12-01', '2026-12-02');
    const c = (await t.call('substitutions.candidates', { date: WED, cardId: lesson.cardId })).find((x) => x.staffId === other.staffId)!;
    expect(c.refused).toBe(`${short(other.name)} отсутствует (болезнь) с 01.12.2026 по 02.12.2026`);
    await refused(
      t.call('substitutions.assign', { date: WED, cardId: lesson.cardId, substituteId: other.staffId, roomId: null, note: null }),
      `${short(other.name)} отсутствует (болезнь) с 01.12.2026 по 02.12.2026.`,
    );
  });

  it('a teacher’s methodical day (the version’s busy time) refuses them', async () => {
    const other = (await t.call('substitutions.candidates', { date: WED, cardId: lesson.cardId })).find((c) => c.free)!;
    const u = write(t.db, (w) => w.insert('teacher_unavailable', { timetable_id: t.placed.timetableId, staff_id: other.staffId, weekday: 3, shift: 1, lesson_no: null, reason: 'methodical_day' }));
    const c = (await t.call('substitutions.candidates', { date: WED, cardId: lesson.cardId })).find((x) => x.staffId === other.staffId)!;
    expect(c.refused).toBe(`${short(other.name)}: методический день`);
    await refused(t.call('substitutions.assign', { date: WED, cardId: lesson.cardId, substituteId: other.staffId, roomId: null, note: null }), `${short(other.name)}: методический день.`);
    write(t.db, (w) => w.remove('teacher_unavailable', u.id));
  });

  it('a new window: a lesson far from the teacher’s others opens one, next to them does not', async () => {
    // Two teachers with no lessons on Wednesdays get one lesson each in 9А (not placed otherwise): at the 2nd and at the 4th.
    const none = list.filter((c) => c.free && c.reasons[4] === 'Других уроков в этот день нет');
    const [near, far] = none.slice(-2);
    const cls = classId('9А');
    const tt = t.placed.timetableId;
    addCard(t.db, tt, { teacherId: near!.staffId, subjectId: subjectId('Алгебра'), classId: cls, subgroupId: null, weekday: 3, lessonNo: 2, roomId: null });
    addCard(t.db, tt, { teacherId: far!.staffId, subjectId: subjectId('Геометрия'), classId: cls, subgroupId: null, weekday: 3, lessonNo: 4, roomId: null });
    const again = await t.call('substitutions.candidates', { date: WED, cardId: lesson.cardId });
    const n = again.find((c) => c.staffId === near!.staffId)!;
    const f = again.find((c) => c.staffId === far!.staffId)!;
    expect([n.newWindow, n.reasons[4]]).toEqual([false, 'Без нового окна']);
    expect([f.newWindow, f.reasons[4]]).toEqual([true, 'Появится окно в расписании']);
  });
});

describe('assigning a substitute', () => {
  it('refuses a busy teacher naming the class and saves nothing; assigns, replaces, removes', async () => {
    const l = (await day(THU)).find((x) => x.lessonNo === 2 && !x.teacherAbsent && x.targetName !== '5А')!;
    await absent(l.teacherId, THU, THU);
    const busy = (await day(THU)).find((x) => x.lessonNo === 2 && x.cardId !== l.cardId)!;
    await refused(
      t.call('substitutions.assign', { date: THU, cardId: l.cardId, substituteId: busy.teacherId, roomId: null, note: null }),
      `${short(busy.teacherName)} в это время ведёт урок в ${busy.targetName}.`,
    );
    await refused(t.call('substitutions.assign', { date: THU, cardId: l.cardId, substituteId: l.teacherId, roomId: null, note: null }), /учитель этого урока/);
    await refused(t.call('substitutions.assign', { date: '2026-12-05', cardId: l.cardId, substituteId: busy.teacherId, roomId: null, note: null }), '05.12.2026 — выходной день: уроков нет.');
    const [first, second] = (await t.call('substitutions.candidates', { date: THU, cardId: l.cardId })).filter((c) => c.free);
    const a = await t.call('substitutions.assign', { date: THU, cardId: l.cardId, substituteId: first!.staffId, roomId: null, note: 'Тема по КТП' });
    expect([a.kind, a.substituteId, a.sameSubject, a.note, a.absenceId !== null]).toEqual(['substitute', first!.staffId, first!.sameSubject, 'Тема по КТП', true]);
    const b = await t.call('substitutions.assign', { date: THU, cardId: l.cardId, substituteId: second!.staffId, roomId: null, note: null });
    expect(b.id).toBe(a.id);
    const now = await at(THU, l.targetName, 2);
    expect([now.needsCover, now.change?.substituteName]).toEqual([false, second!.name]);
    await t.call('substitutions.remove', { id: b.id });
    expect((await at(THU, l.targetName, 2)).needsCover).toBe(true);
  });
});

describe('merge, cancel, move, room change', () => {
  it('merges sibling subgroups at the same time: the other subgroup’s teacher takes both; refuses a card that is not a sibling', async () => {
    const cls = classId('5А');
    const eng = subjectId('Иностранный язык (английский)');
    const split = await t.call('subgroups.split', { classId: cls, subjectId: eng, parts: 2, by: 'alphabet' });
    const [sg1, sg2] = split.subgroups;
    const teachers = (await t.call('substitutions.candidates', { date: THU, cardId: (await at(THU, '5А', 1)).cardId })).filter((c) => c.free && c.reasons[4] === 'Других уроков в этот день нет');
    const [t1, t2] = teachers;
    const tt = t.placed.timetableId;
    const c1 = addCard(t.db, tt, { teacherId: t1!.staffId, subjectId: eng, classId: cls, subgroupId: sg1!.id, weekday: 4, lessonNo: 7, roomId: null });
    const c2 = addCard(t.db, tt, { teacherId: t2!.staffId, subjectId: eng, classId: cls, subgroupId: sg2!.id, weekday: 4, lessonNo: 7, roomId: null });
    await absent(t1!.staffId, THU, THU);
    const other = await at(THU, '5Б', 3);
    await refused(t.call('substitutions.change', { kind: 'merge', date: THU, cardId: c1.id, withCardId: other.cardId, note: null }), /^Объединить можно только подгруппы одного деления класса/);
    const m = await t.call('substitutions.change', { kind: 'merge', date: THU, cardId: c1.id, withCardId: c2.id, note: null });
    expect([m.kind, m.substituteId, m.sameSubject]).toEqual(['merge', t2!.staffId, true]);
    const lessons = (await day(THU)).filter((l) => l.lessonNo === 7);
    expect(lessons.find((l) => l.cardId === c1.id)!.needsCover).toBe(false);
  });

  it('moves a lesson only where the class, the teacher and the room are free (naming who), and shows it at its new place', async () => {
    const l = await at(THU, '5А', 2);
    const other = await at(THU, '5А', 3);
    await refused(
      t.call('substitutions.change', { kind: 'move', date: THU, cardId: l.cardId, toDate: THU, toLessonNo: 3, roomId: null, note: null }),
      `У 5А в это время урок: ${other.subjectName} (${short(other.teacherName)}).`,
    );
    // The teacher busy on Friday's 7th (a lesson in 8А), the room taken on Monday's 7th (a lesson in 8Б).
    const tt = t.placed.timetableId;
    addCard(t.db, tt, { teacherId: l.teacherId, subjectId: l.subjectId, classId: classId('8А'), subgroupId: null, weekday: 5, lessonNo: 7, roomId: null });
    const room = (t.db.raw.prepare(`SELECT room_id FROM school_class WHERE id = ?`).get(classId('5А')) as { room_id: string }).room_id;
    const someone = (await t.call('substitutions.candidates', { date: THU, cardId: l.cardId })).find((c) => c.free)!;
    addCard(t.db, tt, { teacherId: someone.staffId, subjectId: l.subjectId, classId: classId('8Б'), subgroupId: null, weekday: 1, lessonNo: 7, roomId: room });
    await refused(
      t.call('substitutions.change', { kind: 'move', date: THU, cardId: l.cardId, toDate: '2026-12-04', toLessonNo: 7, roomId: null, note: null }),
      `${short(l.teacherName)} в это время ведёт урок в 8А.`,
    );
    await refused(
      t.call('substitutions.change', { kind: 'move', date: THU, cardId: l.cardId, toDate: '2026-12-07', toLessonNo: 7, roomId: null, note: null }),
      `Кабинет ${l.roomNumber} в это время занят: урок в 8Б (${short(someone.name)}).`,
    );
    await refused(t.call('substitutions.change', { kind: 'move', date: THU, cardId: l.cardId, toDate: '2026-12-31', toLessonNo: 2, roomId: null, note: null }), /^31\.12\.2026 — каникулы \(Зимние каникулы\)/);
    await refused(t.call('substitutions.change', { kind: 'move', date: THU, cardId: l.cardId, toDate: '2026-12-08', toLessonNo: 9, roomId: null, note: null }), 'В 1-ю смену нет 9-го урока по звонкам.');
    const m = await t.call('substitutions.change', { kind: 'move', date: THU, cardId: l.cardId, toDate: '2026-12-08', toLessonNo: 7, roomId: null, note: null });
    expect([m.kind, m.toDate, m.toLessonNo]).toEqual(['move', '2026-12-08', 7]);
    const there = (await day('2026-12-08')).find((x) => x.cardId === l.cardId && x.lessonNo === 7)!;
    expect([there.startsAt, there.change?.id]).toEqual(['14:20', m.id]);
    expect((await at(THU, '5А', 2)).change?.kind).toBe('move');
  });

  it('changes the room unless it is taken then', async () => {
    const l = await at(THU, '5Б', 4);
    const taken = await at(THU, '5А', 4);
    const roomOf = (cls: string) => (t.db.raw.prepare(`SELECT room_id FROM school_class WHERE id = ?`).get(classId(cls)) as { room_id: string }).room_id;
    await refused(
      t.call('substitutions.change', { kind: 'room', date: THU, cardId: l.cardId, roomId: roomOf('5А'), note: null }),
      `Кабинет ${taken.roomNumber} в это время занят: урок в 5А (${short(taken.teacherName)}).`,
    );
    const spare = (t.db.raw.prepare(`SELECT id, number FROM room WHERE id NOT IN (SELECT room_id FROM school_class WHERE room_id IS NOT NULL) LIMIT 1`).get() as { id: string; number: string });
    const r = await t.call('substitutions.change', { kind: 'room', date: THU, cardId: l.cardId, roomId: spare.id, note: 'Ремонт' });
    expect([r.kind, r.roomNumber]).toEqual(['room', spare.number]);
  });

  it('the indicator counts substitutions (substitute, merge) and those of the same subject; moves, cancellations, room changes are not; missed apart', async () => {
    const year = t.placed.yearId;
    const months = await t.call('substitutions.indicator', { yearId: year });
    expect(months.map((m) => m.month)).toEqual(['2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05']);
    const dec = months.find((m) => m.month === '2026-12')!;
    const rows = t.db.raw.prepare(`SELECT kind, same_subject FROM lesson_change WHERE deleted_at IS NULL AND date LIKE '2026-12-%'`).all() as { kind: string; same_subject: number | null }[];
    expect(rows.map((r) => r.kind).sort()).toEqual(['cancel', 'merge', 'move', 'room', 'substitute']);
    const subs = rows.filter((r) => r.kind === 'substitute' || r.kind === 'merge');
    expect(dec.substituted).toBe(2);
    expect(dec.sameSubject).toBe(subs.filter((r) => r.same_subject === 1).length);
    expect(dec.share).toBe(dec.sameSubject / 2);
    // Missed: the absent teachers' lessons with no change, counted by the days.
    const absences = await t.call('absences.list', { from: '2026-12-01', to: '2026-12-31' });
    expect(dec.missed).toBe(absences.reduce((n, a) => n + a.lessons - a.covered, 0));
    expect(dec.missed).toBeGreaterThan(0);
    expect(months.find((m) => m.month === '2026-09')!.share).toBeNull();
  });

  it('an absence’s lessons, day by day, for covering the period at once', async () => {
    const a = (await t.call('absences.list', { from: WED, to: WED })).find((x) => x.dateFrom === '2026-12-01' && x.dateTo === '2026-12-04')!;
    const lessons = await t.call('substitutions.forAbsence', { absenceId: a.id });
    expect(lessons.length).toBe(a.lessons);
    expect(lessons.filter((l) => l.change).length).toBe(a.covered);
    expect(new Set(lessons.map((l) => l.teacherId))).toEqual(new Set([a.staffId]));
    expect(lessons.every((l) => l.date >= '2026-12-01' && l.date <= '2026-12-04' && l.teacherAbsent && l.absenceId === a.id)).toBe(true);
    expect(lessons.map((l) => l.date)).toEqual([...lessons.map((l) => l.date)].sort());
  });

  it('an absence with changes is not removed (remove them first)', async () => {
    const a = (await t.call('absences.list', { from: THU, to: THU })).find((x) => x.covered > 0)!;
    await refused(t.call('absences.remove', { id: a.id }), /привязаны 1 изменение урока: сначала отмените их\.$/);
  });
});

describe('a version from a later date, a fortnight', () => {
  it('takes the latest version valid that day; odd/even cards by the ISO week’s parity', async () => {
    const v2 = write(t.db, (w) => w.insert('timetable', { year_id: t.placed.yearId, name: 'С февраля', valid_from: '2027-02-01', days: 5, fortnight: 1, rules: '{}' }));
    const card = addCard(t.db, v2.id, { teacherId: staffIds()[0]!, subjectId: subjectId('Алгебра'), classId: classId('7А'), subgroupId: null, weekday: 3, lessonNo: 1, roomId: null });
    write(t.db, (w) => w.update('timetable_card', card.id, { weeks: 'even' }));
    expect((await day('2027-01-27')).length).toBe(t.placed.cards.filter((c) => c.weekday === 3).length + 2);
    // 03.02.2027 is in ISO week 5 (odd), 10.02.2027 in week 6 (even).
    expect(await day('2027-02-03')).toEqual([]);
    expect((await day('2027-02-10')).map((l) => l.cardId)).toEqual([card.id]);
    expect((await t.call('substitutions.day', { date: '2027-02-10' })).timetable?.name).toBe('С февраля');
    write(t.db, (w) => w.remove('timetable', v2.id));
  });
});
