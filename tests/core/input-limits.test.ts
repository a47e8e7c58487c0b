// Issue 8, point 1 (the core's side) and the internal errors of point 7: every input has a limit
// and a Russian message naming the field, nothing is clamped or rounded into another value, a
// refused call changes nothing, and what used to be an internal error is a presentable refusal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, opNames, type OpInput } from '../../electron/api/contract';
import { AppError } from '../../electron/api/errors';
import { MAX } from '../../electron/api/limits';
import { findClass } from '../../electron/cli/groups';
import { UsageError } from '../../electron/cli/errors';
import { demoCore } from '../support/core';
import { digest } from '../fuzz/harness';
import { upload } from '../support/files';

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

type Node = { _zod: { def: { type: string; checks?: { _zod: { def: { check: string } } }[]; [k: string]: unknown } } };

/** Fields of a zod schema without a limit: texts without a maximum length, numbers without a range, lists without a maximum size. */
function unbounded(x: Node, path: string, out: string[]): string[] {
  const d = x._zod.def;
  const has = (...kinds: string[]) => (d.checks ?? []).some((c) => kinds.includes(c._zod.def.check));
  const inner = (key: string) => d[key] as Node;
  switch (d.type) {
    case 'string':
      if (!has('max_length', 'length_equals')) out.push(`${path}: a text without a maximum length`);
      break;
    case 'number':
      if (!has('less_than') || !has('greater_than')) out.push(`${path}: a number without a range`);
      break;
    case 'array':
      if (!has('max_length', 'length_equals')) out.push(`${path}: a list without a maximum size`);
      unbounded(inner('element'), `${path}[]`, out);
      break;
    case 'object':
      for (const [k, v] of Object.entries(d.shape as Record<string, Node>)) unbounded(v, `${path}.${k}`, out);
      break;
    case 'record':
      if (!(d.checks ?? []).length) out.push(`${path}: a record without a maximum size`);
      unbounded(inner('keyType'), `${path}{key}`, out);
      unbounded(inner('valueType'), `${path}{value}`, out);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
      unbounded(inner('innerType'), path, out);
      break;
    case 'pipe':
      unbounded(inner('in'), path, out);
      break;
    case 'union':
      // One of several shapes (a discriminated union): each must be bounded.
      (d.options as Node[]).forEach((o, i) => unbounded(o, `${path}|${i}`, out));
      break;
    case 'transform':
    case 'enum':
    case 'boolean':
    case 'literal':
      break;
    default:
      out.push(`${path}: a kind of value this test does not know (${d.type})`);
  }
  return out;
}

describe('input limits in the core (issue 8)', () => {
  let t: Awaited<ReturnType<typeof demoCore>>;
  beforeAll(async () => {
    t = await demoCore(100);
  }, 300_000);
  afterAll(() => t.cleanup());

  /** Runs a call that must be refused and checks that it changed nothing. */
  async function refusedUnchanged(p: () => Promise<unknown>): Promise<AppError> {
    const before = digest(t.db.raw);
    const e = await refusal(p());
    expect(digest(t.db.raw)).toEqual(before);
    return e;
  }

  it('has a maximum for every text, a range for every number and a maximum size for every list of every operation', () => {
    const out: string[] = [];
    for (const op of opNames) unbounded(contract[op].input as unknown as Node, op, out);
    expect(out).toEqual([]);
  });

  it('refuses texts longer than their field, naming the field, and saves nothing; a text at the limit is taken', async () => {
    const { call } = t;
    const school = await call('school.get');
    const long = (n: number) => 'Я'.repeat(n);
    let e = await refusedUnchanged(() => call('school.save', { ...school!, fullName: long(5000) }));
    expect(e.problems).toContainEqual({ column: 'fullName', message: 'Поле «Полное наименование» — не более 500 символов' });
    e = await refusedUnchanged(() => call('subjects.save', { name: long(5000), shortName: 'Х', noAttestation: false, grading: 'five_point' }));
    expect(e.message).toBe('Поле «Название» — не более 150 символов');
    const student: OpInput<'students.save'> = {
      lastName: long(5000), firstName: 'Иван', middleName: null, birthDate: '2015-03-01', gender: 'm', snils: null, classId: null, address: null, personalFileNo: null, guardians: [],
    };
    e = await refusedUnchanged(() => call('students.save', student));
    expect(e.message).toBe('Поле «Фамилия» — не более 60 символов');
    e = await refusedUnchanged(() => call('students.save', { ...student, lastName: 'Иванов', address: long(301) }));
    expect(e.message).toBe('Поле «Адрес» — не более 300 символов');
    e = await refusedUnchanged(() =>
      call('students.save', { ...student, lastName: 'Иванов', guardians: [{ lastName: 'Иванова', firstName: 'Анна', middleName: null, relation: long(41), phone: null, email: null, pdConsentDate: null, eServiceRefused: false }] }),
    );
    expect(e.problems).toContainEqual({ column: 'guardians.0.relation', message: 'Поле «Кем приходится» — не более 40 символов' });
    // At the limit: taken, and saved exactly as typed.
    const saved = await call('subjects.save', { name: long(MAX.title), shortName: long(MAX.shortTitle), noAttestation: false, grading: 'five_point' });
    expect(saved.name).toBe(long(MAX.title));
    await call('subjects.remove', { id: saved.id });
  });

  it('caps every list: 10 000 holidays, guardians, members, curriculum cells', async () => {
    const { call } = t;
    const year = (await call('years.list'))[0]!;
    const holiday = { name: 'Осенние каникулы', startDate: year.startDate, endDate: year.startDate, gradeFrom: 1, gradeTo: 11 };
    const started = performance.now();
    const e = await refusedUnchanged(() => call('years.save', { ...year, holidays: Array.from({ length: 10_000 }, () => holiday) }));
    expect(e.message).toBe('Каникул — не более 50');
    expect(performance.now() - started).toBeLessThan(10_000); // refused by the cap, not after 10 000 rows of checks
    const group = (await call('studyGroups.list'))[0]!;
    expect((await refusedUnchanged(() => call('studyGroups.setMembers', { groupId: group.id, studentIds: Array.from({ length: 1001 }, (_, i) => `id${i}`) }))).message).toBe(
      'Учеников в учебной группе — не более 1\u00a0000',
    );
  });

  it('refuses the same representative, role, parallel or subject twice in one card', async () => {
    const { call } = t;
    const s = (await call('students.list', { limit: 1 })).rows[0]!;
    const details = await call('students.get', { id: s.id });
    const mother = { id: null, lastName: 'Иванова', firstName: 'Анна', middleName: 'Петровна', relation: 'мать', phone: null, email: null, pdConsentDate: null, eServiceRefused: false };
    const e = await refusedUnchanged(() => call('students.save', { ...details, guardians: [mother, { ...mother, relation: 'опекун' }] }));
    expect(e.message).toBe('Представитель «Иванова Анна Петровна» указан дважды');
    const staff = (await call('staff.list', {}))[0]!;
    expect((await refusedUnchanged(() => call('staff.save', { ...staff, roles: ['teacher', 'teacher'] }))).message).toBe('Роли не должны повторяться');
    expect((await refusedUnchanged(() => call('staff.save', { ...staff, subjects: ['Физика', ' физика'] }))).message).toBe('Предметы не должны повторяться');
    // A subject named again in other letter case is the same subject (SQLite's lower() folds only Latin letters).
    const physics = (await call('subjects.list')).find((x) => x.name === 'Физика')!;
    expect((await refusedUnchanged(() => call('subjects.save', { ...physics, id: null, name: 'ФИЗИКА' }))).message).toBe('Предмет «ФИЗИКА» уже есть');
  });

  it('takes class letters of one or two Cyrillic letters only', async () => {
    const { call } = t;
    const forty = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюяабвгдеё';
    let e = await refusedUnchanged(() => call('classes.save', { grade: 5, letter: forty, shift: 1 }));
    expect(e.message).toBe('Литера класса — одна или две русские буквы, например «А» или «ИТ»; указано «АБВГДЕЁЖЗИ…»');
    e = await refusedUnchanged(() => call('classes.save', { grade: 5, letter: 'Z', shift: 1 }));
    expect(e.message).toMatch(/одна или две русские буквы.*«Z»/);
    e = await refusedUnchanged(() => call('classes.createMany', { gradeFrom: 10, gradeTo: 11, letters: ['Ш', 'Q'], shift: 1 }));
    expect(e.problems).toContainEqual({ column: 'letters.1', message: expect.stringMatching(/одна или две русские буквы/) as unknown as string });
    const it = await call('classes.save', { grade: 10, letter: ' ит ', shift: 1 });
    expect(it.name).toBe('10ИТ');
    // A Latin look-alike is not turned into another letter: it is named, nothing is saved.
    e = await refusedUnchanged(() => call('classes.save', { grade: 11, letter: 'x', shift: 1 }));
    expect(e.message).toMatch(/«X» набрана латиницей/);
    await call('classes.remove', { id: it.id });
  });

  it('refuses numbers out of range with a Russian message instead of saving another value', async () => {
    const { call } = t;
    const grid = await call('curriculum.grid');
    const cell = grid.cells[0]!;
    for (const [hours, message] of [
      [99, 'Часов в неделю — не более 40'],
      [45, 'Часов в неделю — не более 40'],
      [-2, 'Часы не могут быть отрицательными'],
      [2.3, 'Часы указываются целыми или с половиной (0,5)'],
      [JSON.parse('1e400') as number, 'Поле «Часы»: слишком большое число'],
      [NaN, 'Поле «Часы»: это не число'],
    ] as const) {
      const e = await refusedUnchanged(() => call('curriculum.set', { cells: [{ classId: cell.classId, subjectId: cell.subjectId, hours }] }));
      expect(e.message, String(hours)).toBe(message);
    }
    expect((await call('curriculum.grid')).cells[0]).toEqual(cell);
    const a = (await call('assignments.list', {}))[0]!;
    const e = await refusedUnchanged(() => call('assignments.save', { id: a.id, teacherId: a.teacherId, classId: a.classId, subjectId: a.subjectId, subgroupId: a.subgroupId, studyGroupId: a.studyGroupId, hoursPerWeek: -3 }));
    expect(e.message).toBe('Часов в неделю должно быть больше нуля');
    const s = (await call('staff.list', {}))[0]!;
    const staff = { ...s, rateHours: -5 };
    expect((await refusedUnchanged(() => call('staff.save', staff))).message).toBe('Ставка — от 0 до 60 часов в неделю');
    const room = (await call('rooms.list'))[0]!;
    expect((await refusedUnchanged(() => call('rooms.save', { ...room, capacity: -10 }))).message).toBe('Мест — от 1 до 500');
    expect((await refusedUnchanged(() => call('rooms.save', { ...room, capacity: 1e308 }))).message).toBe('Мест — от 1 до 500');
    expect((await refusedUnchanged(() => call('classes.save', { grade: 5.5, letter: 'Щ', shift: 1 }))).message).toBe('Параллель — целое число');
    expect((await refusedUnchanged(() => call('audit.search', { limit: Infinity }))).message).toBe('Поле «Записей на странице»: слишком большое число');
  });

  it('refuses a second year with the same name or overlapping dates, and a period or holiday entered twice', async () => {
    const { call } = t;
    const year = (await call('years.list'))[0]!;
    const { id: _, ...copy } = year;
    let e = await refusedUnchanged(() => call('years.save', copy));
    expect(e.message).toBe(`Учебный год не сохранён: Учебный год «${year.name}» уже есть`);
    e = await refusedUnchanged(() => call('years.save', { ...copy, name: 'Другой год' }));
    expect(e.message).toMatch(/^Учебный год не сохранён: Даты пересекаются с учебным годом «/);
    const [first] = year.holidays;
    e = await refusedUnchanged(() => call('years.save', { ...year, holidays: [...year.holidays, { ...first!, name: ` ${first!.name.toUpperCase()} ` }] }));
    expect(e.message).toMatch(/указаны дважды/);
    e = await refusedUnchanged(() => call('years.save', { ...year, periods: [...year.periods, { ...year.periods[0]! }] }));
    expect(e.problems.some((p) => /указан дважды|пересекается/.test(p.message))).toBe(true);
    // The year itself, saved again unchanged: taken.
    expect((await call('years.save', year)).id).toBe(year.id);
    // The next year does not overlap.
    const next = await call('years.save', { ...(await call('years.suggest', { startYear: 2030 })), isCurrent: false });
    expect(next.name).toBe('2030/2031');
  });

  it('answers a removal with an unknown id with «Запись не найдена», not an internal error', async () => {
    const { call } = t;
    for (const [op, what] of [
      ['subjects.remove', 'предмет'],
      ['rooms.remove', 'кабинет'],
      ['staff.remove', 'сотрудник'],
      ['classes.remove', 'класс'],
    ] as const) {
      const e = await refusedUnchanged(() => call(op, { id: '0190f0f0-0000-7000-8000-00000000dead' }));
      expect(e.code, op).toBe('not_found');
      expect(e.message, op).toBe(`Запись не найдена (${what}): возможно, её уже удалили.`);
    }
  });

  it('caps search texts below what SQLite can match («LIKE or GLOB pattern too complex» over 50 KB)', async () => {
    const { call } = t;
    const bomb = '%_'.repeat(30_000);
    expect((await refusal(call('students.list', { search: bomb }))).message).toBe(`Поле «Поиск» — не более ${MAX.search} символов`);
    expect((await refusal(call('audit.search', { text: bomb }))).code).toBe('validation');
    expect((await refusal(call('staff.list', { search: bomb }))).code).toBe('validation');
    // At the cap, the worst pattern is still answered.
    expect((await call('students.list', { search: '%_'.repeat(MAX.search / 2) })).total).toBe(0);
    expect((await call('audit.search', { text: '%_'.repeat(MAX.search / 2) })).total).toBe(0);
  });

  it('refuses a class teacher, room, director or class that is not there', async () => {
    const { call } = t;
    const unknown = '0190f0f0-0000-7000-8000-00000000dead';
    expect((await refusedUnchanged(() => call('classes.save', { grade: 9, letter: 'Щ', shift: 1, classTeacherId: unknown }))).code).toBe('not_found');
    expect((await refusedUnchanged(() => call('classes.save', { grade: 9, letter: 'Щ', shift: 1, roomId: unknown }))).code).toBe('not_found');
    const school = (await call('school.get'))!;
    expect((await refusedUnchanged(() => call('school.save', { ...school, directorId: unknown }))).code).toBe('not_found');
    const student: OpInput<'students.save'> = {
      lastName: 'Новиков', firstName: 'Иван', middleName: null, birthDate: '2015-03-01', gender: 'm', snils: null, classId: unknown, address: null, personalFileNo: null, guardians: [],
    };
    expect((await refusedUnchanged(() => call('students.save', student))).code).toBe('not_found');
    const cell = (await call('curriculum.grid')).cells[0]!;
    expect((await refusedUnchanged(() => call('curriculum.set', { cells: [{ ...cell, hours: 1 }, { ...cell, subjectId: unknown, hours: 1 }] }))).code).toBe('not_found');
  });

  it('applies the same limits to the spreadsheet import', async () => {
    const { call } = t;
    const cls = (await call('classes.list')).find((c) => c.studentCount > 0)!;
    const csv = [
      'Фамилия;Имя;Отчество;Дата рождения;Класс;Адрес;ФИО матери',
      `${'Я'.repeat(61)};Иван;Петрович;01.09.2014;${cls.name};;`,
      `Петров;Иван;Петрович;02.09.2014;${cls.name};${'д'.repeat(301)};`,
      `Сидоров;Иван;Петрович;03.09.2014;5Z;;`,
      `Кузнецов;Иван;Петрович;04.09.2014;${cls.name};;Кузнецова ${'А'.repeat(61)} Ивановна`,
    ].join('\n');
    const r = await call('import.preview', { kind: 'students', file: upload(t.ctx.session, 'ученики.csv', csv) });
    const messages = r.errors.map((x) => `${x.row} ${x.column}: ${x.message}`);
    expect(messages).toEqual([
      '2 Фамилия: Поле «Фамилия» — не более 60 символов',
      '3 Адрес: Поле «Адрес» — не более 300 символов',
      '4 Класс: Неверный класс «5Z»: литера класса — одна или две русские буквы',
      expect.stringMatching(/^5 ФИО матери: ФИО матери «Кузнецова Аа+…»: Поле «Имя» — не более 60 символов$/) as unknown as string,
    ]);
    const staff = ['Фамилия;Имя;Должность', `Иванов;Иван;${'Учитель '.repeat(20)}`].join('\n');
    const s = await call('import.preview', { kind: 'staff', file: upload(t.ctx.session, 'сотрудники.csv', staff) });
    expect(s.errors.map((x) => x.message)).toEqual(['Поле «Должность» — не более 150 символов']);
  });

  it('the command line takes the same class letters', async () => {
    const { call } = t;
    const c = (await call('classes.list')).find((x) => x.letter === 'А' && x.grade === 5)!;
    expect((await findClass(call, '5а')).id).toBe(c.id);
    await expect(findClass(call, `5${'Б'.repeat(40)}`)).rejects.toThrow(UsageError);
    await expect(findClass(call, '5Z')).rejects.toThrow(/--class: Литера класса — одна или две русские буквы/);
  });
});
