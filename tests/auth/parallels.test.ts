// R8, issue 8: a deputy director changes the curriculum, subgroups, study groups, workload and the
// division rule of their parallels only, enforced in the core. A deputy for 5–9 is refused on 10А
// for every changing class-bound operation (and nothing changes), allowed on 7Б; whole-school
// actions act on their parallels only.
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { opNames, type OpInput, type OpName, type OpOutput } from '../../electron/api/contract';
import { PARALLEL_BOUND_AREAS } from '../../electron/api/roles';
import { dispatch } from '../../electron/core/dispatch';
import { OP_NEEDS } from '../../electron/core/auth/permissions';
import { Session } from '../../electron/core/auth/session';
import type { Ctx } from '../../electron/core/context';
import { tempCore } from '../support/core';
import { Writer } from '../../db';

const FOREIGN = 'Вы отвечаете за параллели 5–9, класс 10А к ним не относится.';

let t: Awaited<ReturnType<typeof tempCore>>;
let deputy: Ctx;
const ids: Record<string, string> = {};
const pupils: Record<'7Б' | '10А', string[]> = { '7Б': [], '10А': [] };

const changes = () => (t.db.raw.prepare('SELECT (SELECT count(*) FROM sync_change) + (SELECT count(*) FROM audit_log) AS n').get() as { n: number }).n;

/** The deputy's call: the result, or the refusal's code and message; a refusal must change nothing. */
async function asDeputy<N extends OpName>(name: N, input: OpInput<N>) {
  const before = changes();
  const r = await dispatch(deputy, name, input);
  if (!r.ok) expect(changes(), `${name} refused but changed data`).toBe(before);
  return r;
}
async function refused<N extends OpName>(name: N, input: OpInput<N>, message: string | RegExp = FOREIGN) {
  const r = await asDeputy(name, input);
  expect(r.ok ? 'allowed' : r.error.code, name).toBe('forbidden');
  if (!r.ok) expect(r.error.message).toMatch(typeof message === 'string' ? new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : message);
}
async function allowed<N extends OpName>(name: N, input: OpInput<N>): Promise<OpOutput<N>> {
  const r = await asDeputy(name, input);
  if (!r.ok) throw new Error(`${name} refused: ${r.error.message}`);
  return r.result as OpOutput<N>;
}

beforeAll(async () => {
  t = await tempCore(() => new Date('2026-08-25T09:00:00Z'));
  const { call } = t;
  await call('app.createSchool', { fullName: 'МБОУ «Школа № 5»', shortName: 'Школа № 5' });
  await call('years.save', await call('years.suggest', { startYear: 2026 }));
  await call('subjects.addStandard');
  await call('classes.createMany', { gradeFrom: 7, gradeTo: 7, letters: ['Б'], shift: 1 });
  await call('classes.createMany', { gradeFrom: 10, gradeTo: 10, letters: ['А'], shift: 1 });
  await call('curriculum.applyStandard', { onlyEmpty: true });
  for (const c of await call('classes.list')) ids[c.name] = c.id;
  for (const s of await call('subjects.list')) ids[s.name] = s.id;
  const person = (lastName: string, firstName: string, roles: ('teacher' | 'deputy')[], subjects: string[], deputyGrades: number[] = []) =>
    call('staff.save', {
      lastName, firstName, middleName: 'Ивановна', birthDate: null, gender: 'f', snils: null, phone: null, email: null,
      position: roles.includes('deputy') ? 'Заместитель директора по УВР' : 'Учитель', roles, deputyGrades, subjects, rateHours: 18,
    });
  ids.eng = (await person('Петрова', 'Анна', ['teacher'], ['Иностранный язык (английский)'])).id;
  ids.math = (await person('Кузнецова', 'Ирина', ['teacher'], ['Алгебра', 'Геометрия', 'Математика'])).id;
  ids.deputyCard = (await person('Соколова', 'Елена', ['deputy', 'teacher'], ['Алгебра'], [5, 6, 7, 8, 9])).id;
  const student = (cls: '7Б' | '10А', i: number) =>
    call('students.save', {
      lastName: `Ученик${cls}${String.fromCharCode(1040 + i)}`, firstName: 'Пётр', middleName: null, birthDate: '2012-03-01', gender: i % 2 ? 'f' : 'm',
      snils: null, classId: ids[cls], address: null, personalFileNo: null, guardians: [],
    });
  for (const cls of ['7Б', '10А'] as const) for (let i = 0; i < 6; i++) pupils[cls].push((await student(cls, i)).id);
  // English divided in both classes ('alphabet': the rule below says 'balanced'); then a newcomer in each.
  for (const cls of ['7Б', '10А'] as const) {
    const d = await call('subgroups.split', { classId: ids[cls]!, subjectId: ids['Иностранный язык (английский)']!, parts: 2, by: 'alphabet' });
    ids[`sg1-${cls}`] = d.subgroups[0]!.id;
    ids[`sg2-${cls}`] = d.subgroups[1]!.id;
    pupils[cls].push((await student(cls, 10)).id, (await student(cls, 11)).id);
  }
  ids.g10 = (await call('studyGroups.save', { name: 'Профильная математика 10', kind: 'profile', subjectId: ids['Алгебра']!, hoursPerWeek: 2 })).id;
  await call('studyGroups.setMembers', { groupId: ids.g10!, studentIds: pupils['10А'].slice(0, 3) });
  ids.g7 = (await call('studyGroups.save', { name: 'Кружок 7Б', kind: 'elective', subjectId: ids['Алгебра']!, hoursPerWeek: 1 })).id;
  await call('studyGroups.setMembers', { groupId: ids.g7!, studentIds: pupils['7Б'].slice(0, 3) });
  const assign = (cls: string, subject: string) => call('assignments.save', { teacherId: ids.math!, classId: ids[cls], subjectId: ids[subject], hoursPerWeek: 2 });
  ids.a10 = (await assign('10А', 'Геометрия')).id;
  ids.a7 = (await assign('7Б', 'Геометрия')).id;
  // The deputy's account belongs to their card; the parallels are the card's.
  const { password } = await call('users.save', { staffId: ids.deputyCard, login: 'zam', role: 'deputy', deputyGrades: [5, 6, 7, 8, 9] });
  deputy = { ...t.ctx, session: new Session(false) };
  const login = await dispatch(deputy, 'auth.login', { login: 'zam', password });
  expect(login.ok).toBe(true);
}, 180_000);
afterAll(() => t?.cleanup());

describe('a deputy director for 5–9', () => {
  const covered = new Set<OpName>();
  const cover = (...names: OpName[]) => names.forEach((n) => covered.add(n));

  it('curriculum: refused for 10А (alone or with 7Б), allowed for 7Б; «fill by the standard» fills only 7Б', async () => {
    cover('curriculum.set', 'curriculum.applyStandard');
    const cell = (cls: string, hours: number) => ({ classId: ids[cls]!, subjectId: ids['Геометрия']!, hours });
    await refused('curriculum.set', { cells: [cell('10А', 5)] });
    await refused('curriculum.set', { cells: [cell('7Б', 4), cell('10А', 5)] });
    expect(await allowed('curriculum.set', { cells: [cell('7Б', 4)] })).toEqual({ changed: 1 });
    // Both classes off the standard; the deputy restores every class: only 7Б comes back.
    await t.call('curriculum.set', { cells: [cell('10А', 7)] });
    await allowed('curriculum.applyStandard', { onlyEmpty: false });
    const grid = await t.call('curriculum.grid');
    const hours = (cls: string) => grid.cells.find((c) => c.classId === ids[cls] && c.subjectId === ids['Геометрия'])?.hours;
    expect(hours('7Б')).toBe(2);
    expect(hours('10А')).toBe(7);
  });

  it('subgroups: every change refused in 10А, allowed in 7Б; placing newcomers of the school places only 7Б', async () => {
    cover('subgroups.split', 'subgroups.move', 'subgroups.place', 'subgroups.placeSuggested', 'subgroups.setTeacher', 'subgroups.remove', 'subgroups.splitAllEligible');
    const eng = ids['Иностранный язык (английский)']!;
    await refused('subgroups.placeSuggested', { classId: ids['10А'] });
    expect(await allowed('subgroups.placeSuggested', {})).toEqual({ placed: 2 });
    expect((await t.call('subgroups.pending', {})).map((p) => p.className)).toEqual(['10А', '10А']);

    const member = async (cls: '7Б' | '10А', n: 1 | 2) => (await t.call('subgroups.forClass', { classId: ids[cls]! })).subjects.find((s) => s.subjectId === eng)!.division!.subgroups[n - 1]!.members[0]!.id;
    await refused('subgroups.move', { studentId: await member('10А', 1), subgroupId: ids['sg2-10А']! });
    await allowed('subgroups.move', { studentId: await member('7Б', 1), subgroupId: ids['sg2-7Б']! });
    const newcomer10 = (await t.call('subgroups.pending', {}))[0]!.studentId;
    await refused('subgroups.place', { studentId: newcomer10, subgroupId: ids['sg1-10А']! });
    await allowed('subgroups.place', { studentId: await member('7Б', 2), subgroupId: ids['sg1-7Б']! });

    await refused('subgroups.setTeacher', { subgroupId: ids['sg1-10А']!, teacherId: ids.eng });
    await allowed('subgroups.setTeacher', { subgroupId: ids['sg1-7Б']!, teacherId: ids.eng });

    await refused('subgroups.split', { classId: ids['10А']!, subjectId: eng, parts: 3, by: 'alphabet' });
    await allowed('subgroups.split', { classId: ids['7Б']!, subjectId: eng, parts: 2, by: 'balanced' });

    // The rule divides English everywhere from 2 pupils, 'balanced'; «divide every class again» by the deputy leaves 10А as it was.
    const rule = await t.call('groups.rule.get');
    await t.call('groups.rule.save', { ...rule, items: [{ subjectId: eng, gradeFrom: 5, gradeTo: 11, minStudents: 2, parts: 2, by: 'balanced' }] });
    const before10 = await t.call('subgroups.forClass', { classId: ids['10А']! });
    const r = await allowed('subgroups.splitAllEligible', { replace: true });
    expect(r.classes).toBe(1);
    expect(await t.call('subgroups.forClass', { classId: ids['10А']! })).toEqual(before10);
    expect(before10.subjects.find((s) => s.subjectId === eng)!.division!.method).toBe('alphabet');

    await refused('subgroups.remove', { classId: ids['10А']!, subjectId: eng });
    await allowed('subgroups.remove', { classId: ids['7Б']!, subjectId: eng });
  });

  it('study groups: a group belongs to the parallels of its students', async () => {
    cover('studyGroups.save', 'studyGroups.setMembers', 'studyGroups.remove');
    const group = /^Вы отвечаете за параллели 5–9, а в учебной группе «Профильная математика 10» есть ученики 10А: группу изменяет администратор системы или заместитель директора по этим параллелям\.$/;
    await refused('studyGroups.save', { id: ids.g10, name: 'Профильная математика 10', kind: 'profile', subjectId: ids['Алгебра']!, hoursPerWeek: 3 }, group);
    await allowed('studyGroups.save', { id: ids.g7, name: 'Кружок 7Б', kind: 'elective', subjectId: ids['Алгебра']!, hoursPerWeek: 2 });
    // A new group belongs to no parallel yet: the deputy makes it and fills it with their pupils only.
    const mine = await allowed('studyGroups.save', { name: 'Олимпиадная алгебра', kind: 'other', subjectId: ids['Алгебра']!, hoursPerWeek: 1 });
    await refused('studyGroups.setMembers', { groupId: mine.id, studentIds: [pupils['7Б'][0]!, pupils['10А'][0]!] }, /^Вы отвечаете за параллели 5–9, а в учебной группе «Олимпиадная алгебра» есть ученики 10А:/);
    await refused('studyGroups.setMembers', { groupId: ids.g10!, studentIds: [] }, group); // not even emptying another's group
    await allowed('studyGroups.setMembers', { groupId: mine.id, studentIds: pupils['7Б'].slice(0, 2) });
    await refused('studyGroups.remove', { id: ids.g10! }, group);
    await allowed('studyGroups.remove', { id: mine.id });
  });

  it('workload: assignments of 10А refused, of 7Б allowed; «assign from the curriculum» for the school assigns only 7Б and their groups', async () => {
    cover('assignments.save', 'assignments.remove', 'assignments.fromCurriculum');
    await refused('assignments.save', { teacherId: ids.math!, classId: ids['10А'], subjectId: ids['Алгебра'], hoursPerWeek: 1 });
    await refused('assignments.save', { id: ids.a10, teacherId: ids.math!, classId: ids['7Б'], subjectId: ids['Алгебра'], hoursPerWeek: 1 }); // moving 10А's row away
    await refused('assignments.save', { teacherId: ids.math!, studyGroupId: ids.g10, hoursPerWeek: 2 }, /учебной группе «Профильная математика 10» есть ученики 10А/);
    await allowed('assignments.save', { teacherId: ids.math!, classId: ids['7Б'], subjectId: ids['Алгебра'], hoursPerWeek: 3 });
    await allowed('assignments.save', { teacherId: ids.math!, studyGroupId: ids.g7, hoursPerWeek: 2 });
    await refused('assignments.remove', { id: ids.a10! });
    await allowed('assignments.remove', { id: ids.a7! });

    await refused('assignments.fromCurriculum', { classId: ids['10А'] });
    const before = new Set((await t.call('assignments.list', {})).map((a) => a.id));
    await allowed('assignments.fromCurriculum', {});
    const made = (await t.call('assignments.list', {})).filter((a) => !before.has(a.id));
    expect(made.length).toBeGreaterThan(0);
    expect(made.filter((a) => a.className !== '7Б').map((a) => a.label)).toEqual([]);
  });

  it('division rule: changes for their parallels only; the workload limits are the administrator’s', async () => {
    cover('groups.rule.save');
    const rule = await t.call('groups.rule.get');
    const eng = ids['Иностранный язык (английский)']!;
    const items = (list: { gradeFrom: number; gradeTo: number; minStudents: number }[]) => list.map((x) => ({ subjectId: eng, parts: 2, by: 'balanced' as const, ...x }));
    await refused('groups.rule.save', { ...rule, items: items([{ gradeFrom: 5, gradeTo: 11, minStudents: 20 }]) }, 'Вы отвечаете за параллели 5–9, а изменение правила деления затрагивает параллели 10–11.');
    await refused('groups.rule.save', { ...rule, maxTeacherHours: 36 }, /^Максимальную нагрузку учителя и норму часов на ставку меняет администратор системы/);
    await allowed('groups.rule.save', { ...rule, items: items([{ gradeFrom: 5, gradeTo: 9, minStudents: 20 }, { gradeFrom: 10, gradeTo: 11, minStudents: 2 }]) });
  });

  it('substitutions: a deputy changes the lessons of their parallels only; absences of any teacher', async () => {
    cover('absences.save', 'absences.remove', 'substitutions.assign', 'substitutions.change', 'substitutions.remove');
    // A timetable from the year's first day: a Wednesday 2nd lesson in 7Б (English) and in 10А (geometry).
    const year = (await t.call('years.list')).find((y) => y.isCurrent)!;
    if (!(await t.call('bells.list', { yearId: year.id })).length)
      await t.call('bells.save', { yearId: year.id, shift: 1, name: 'Основное', bells: await t.call('bells.suggest', { shift: 1 }) });
    const cards = t.db.tx(() => {
      const w = new Writer(t.db, 'test');
      const tt = w.insert('timetable', { year_id: year.id, name: 'Основное', valid_from: year.startDate, days: 5, fortnight: 0, rules: '{}' });
      const card = (cls: string, teacher: string, subject: string) =>
        w.insert('timetable_card', {
          timetable_id: tt.id, assignment_id: null, teacher_id: teacher, subject_id: ids[subject]!, class_id: ids[cls]!, subgroup_id: null, study_group_id: null,
          shift: 1, duration: 1, weeks: 'every', weekday: 3, lesson_no: 2, room_id: null, pinned: 0, fet_id: null,
        }).id;
      return { c7: card('7Б', ids.eng!, 'Иностранный язык (английский)'), c10: card('10А', ids.math!, 'Геометрия') };
    });
    const date = '2026-09-16';
    const absence = await allowed('absences.save', { staffId: ids.math!, dateFrom: date, dateTo: date, reason: 'illness', note: null });
    await allowed('absences.save', { staffId: ids.eng!, dateFrom: date, dateTo: date, reason: 'trip', note: null });
    await refused('substitutions.assign', { date, cardId: cards.c10, substituteId: ids.deputyCard!, roomId: null, note: null });
    const mine = await allowed('substitutions.assign', { date, cardId: cards.c7, substituteId: ids.deputyCard!, roomId: null, note: null });
    await refused('substitutions.change', { kind: 'cancel', date, cardId: cards.c10, note: null });
    await allowed('substitutions.change', { kind: 'cancel', date, cardId: cards.c7, note: null });
    const theirs = await t.call('substitutions.change', { kind: 'cancel', date, cardId: cards.c10, note: null });
    await refused('substitutions.remove', { id: theirs.id });
    await allowed('substitutions.remove', { id: mine.id });
    await t.call('substitutions.remove', { id: theirs.id });
    await allowed('absences.remove', { id: absence.id });
  });

  it('timetable: cards of 10А refused, of 7Б allowed; a version with 10А cards is the administrator’s; cards made for their parallels only', async () => {
    cover('timetable.saveVersion', 'timetable.removeVersion', 'timetable.makeCards', 'timetable.place', 'timetable.unplace', 'timetable.updateCard');
    cover('timetable.unavailable.save', 'timetable.unavailable.remove', 'timetable.saveRules');
    const year = (await t.call('years.list'))[0]!;
    if (!(await t.call('bells.list', { yearId: year.id })).length)
      await t.call('bells.save', { yearId: year.id, shift: 1, name: 'Основное', bells: await t.call('bells.suggest', { shift: 1 }) });
    // The deputy makes a version and its cards: only 7Б's.
    const mine = await allowed('timetable.saveVersion', { yearId: year.id, name: 'Черновик 7-х', validFrom: '2026-09-07', days: 5, fortnight: false });
    const made = await allowed('timetable.makeCards', { timetableId: mine.id });
    expect(made.added).toBeGreaterThan(0);
    const own = (await t.call('timetable.board', { timetableId: mine.id })).cards;
    expect([...new Set(own.map((c) => c.targetName.split(' ')[0]))].filter((n) => n !== '7Б' && !n!.startsWith('Кружок'))).toEqual([]);
    // The administrator's version of the whole school.
    const school = await t.call('timetable.saveVersion', { yearId: year.id, name: 'Основное', validFrom: '2026-09-02', days: 5, fortnight: false });
    await t.call('timetable.makeCards', { timetableId: school.id });
    const cards = (await t.call('timetable.board', { timetableId: school.id })).cards;
    const c10 = cards.find((c) => c.classId === ids['10А'])!;
    const c7 = cards.find((c) => c.classId === ids['7Б'])!;
    await refused('timetable.place', { cardId: c10.id, weekday: 1, lessonNo: 1, roomId: null });
    await allowed('timetable.place', { cardId: c7.id, weekday: 1, lessonNo: 1, roomId: null });
    await t.call('timetable.place', { cardId: c10.id, weekday: 2, lessonNo: 1, roomId: null });
    await refused('timetable.updateCard', { cardId: c10.id, pinned: true });
    await allowed('timetable.updateCard', { cardId: c7.id, pinned: true });
    await refused('timetable.unplace', { cardId: c10.id });
    await allowed('timetable.unplace', { cardId: c7.id });
    await refused('timetable.saveVersion', { id: school.id, yearId: year.id, name: 'Переименовано', validFrom: '2026-09-02', days: 5, fortnight: false });
    await refused('timetable.removeVersion', { id: school.id });
    await allowed('timetable.removeVersion', { id: mine.id });
    // Busy times of a teacher are not class-bound; the rules are, by grade.
    const busy = await allowed('timetable.unavailable.save', { timetableId: school.id, staffId: ids.math!, weekday: 5, shift: 1, lessonNo: null, reason: 'methodical_day' });
    await allowed('timetable.unavailable.remove', { id: busy.id });
    const rules = await t.call('timetable.rules', { timetableId: school.id });
    await refused('timetable.saveRules', { timetableId: school.id, rules: JSON.stringify({ dailyMax: { ...rules.dailyMax, '10': 6 } }) }, 'Вы отвечаете за параллели 5–9, а изменение правил расписания затрагивает параллель 10.');
    await allowed('timetable.saveRules', { timetableId: school.id, rules: JSON.stringify({ dailyMax: { ...rules.dailyMax, '7': 6 } }) });
    // The generator: their parallel, not another; the FET import makes a whole school's version.
    cover('timetable.generate', 'timetable.importFet');
    await refused('timetable.generate', { timetableId: school.id, scope: { kind: 'grade', grade: 10 }, seed: 1 }, /10/);
    const gen = await allowed('timetable.generate', { timetableId: school.id, scope: { kind: 'grade', grade: 7 }, seed: 1 });
    expect(gen.placed).toBeGreaterThan(0);
    await refused('timetable.importFet', { yearId: year.id, file: 'no-such-file', name: 'Из FET', validFrom: '2026-10-01' }, /только администратор/);
  });

  it('takes the parallels from the staff card, at once: the card widened to 10 lets the deputy change 10А', async () => {
    const card = (await t.call('staff.list', {})).find((s) => s.id === ids.deputyCard)!;
    await t.call('staff.save', { ...card, deputyGrades: [5, 6, 7, 8, 9, 10] });
    expect((await t.call('users.list')).find((u) => u.login === 'zam')!.deputyGrades).toEqual([5, 6, 7, 8, 9, 10]);
    await allowed('curriculum.set', { cells: [{ classId: ids['10А']!, subjectId: ids['Геометрия']!, hours: 2 }] });
    await t.call('staff.save', { ...card, deputyGrades: [7] });
    await refused('curriculum.set', { cells: [{ classId: ids['10А']!, subjectId: ids['Геометрия']!, hours: 3 }] }, 'Вы отвечаете за параллель 7, класс 10А к ней не относится.');
    await t.call('staff.save', { ...card, deputyGrades: [5, 6, 7, 8, 9] });
  });

  it('covers every changing operation of the parallel-bound areas', () => {
    const bound = opNames.filter((n) => {
      const need = OP_NEEDS[n];
      return typeof need === 'object' && need.access === 'change' && PARALLEL_BOUND_AREAS.includes(need.area);
    });
    expect([...covered].sort()).toEqual([...bound].sort());
  });
});
