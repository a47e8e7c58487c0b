// A small school for the groups-and-workload tests, set up through the API as an administrator
// would: classes 5А (26 pupils), 5Б (20), 10А and 10Б (12 each), the standard curriculum, and a
// handful of teachers.
import { tempCore } from '../support/core';
import type { OpInput } from '../../electron/api/contract';

export const NOW = () => new Date('2026-08-25T09:00:00Z');

/** 5А: surnames chosen to test the Russian order (Ёлкин sorts as Елкин); 13 boys, 12 girls, one without gender. */
export const PUPILS_5A: [string, string, string | null, 'm' | 'f' | null][] = [
  ['Андреев', 'Иван', 'Петрович', 'm'], ['Борисова', 'Анна', 'Игоревна', 'f'], ['Васильев', 'Пётр', 'Олегович', 'm'],
  ['Гаврилова', 'Мария', 'Сергеевна', 'f'], ['Егоров', 'Максим', 'Ильич', 'm'], ['Ёлкин', 'Артём', 'Денисович', 'm'],
  ['Жукова', 'Дарья', 'Андреевна', 'f'], ['Зайцев', 'Кирилл', 'Павлович', 'm'], ['Иванова', 'Алиса', 'Романовна', 'f'],
  ['Ким', 'Александр', 'Сергеевич', 'm'], ['Лебедева', 'София', 'Викторовна', 'f'], ['Морозов', 'Егор', 'Антонович', 'm'],
  ['Новикова', 'Полина', 'Максимовна', 'f'], ['Орлов', 'Глеб', 'Юрьевич', 'm'], ['Павлова', 'Ева', 'Олеговна', 'f'],
  ['Романов', 'Лев', 'Игоревич', 'm'], ['Смирнова', 'Вера', 'Дмитриевна', 'f'], ['Титов', 'Марк', 'Ильич', 'm'],
  ['Уварова', 'Кира', 'Петровна', 'f'], ['Фёдоров', 'Тимур', 'Русланович', 'm'], ['Хохлова', 'Злата', 'Егоровна', 'f'],
  ['Цой', 'Виктор', null, 'm'], ['Чернова', 'Ульяна', 'Ивановна', 'f'], ['Шилов', 'Роман', 'Артёмович', 'm'],
  ['Щербакова', 'Арина', 'Глебовна', 'f'], ['Юдин', 'Степан', 'Маркович', null],
];

export type Core = Awaited<ReturnType<typeof tempCore>>;
export type Fixture = Awaited<ReturnType<typeof smallSchool>>;

export function studentInput(classId: string, last: string, first: string, middle: string | null, gender: 'm' | 'f' | null): OpInput<'students.save'> {
  return { lastName: last, firstName: first, middleName: middle, birthDate: '2015-03-01', gender, snils: null, classId, address: null, personalFileNo: null, guardians: [] };
}

export async function smallSchool() {
  const core = await tempCore(NOW);
  const { call } = core;
  await call('app.createSchool', { fullName: 'Муниципальное бюджетное общеобразовательное учреждение «Школа № 5»', shortName: 'МБОУ «Школа № 5»' });
  await call('years.save', await call('years.suggest', { startYear: 2026 }));
  await call('subjects.addStandard');
  await call('classes.createMany', { gradeFrom: 5, gradeTo: 5, letters: ['А', 'Б'], shift: 1 });
  await call('classes.createMany', { gradeFrom: 10, gradeTo: 10, letters: ['А', 'Б'], shift: 1 });
  await call('curriculum.applyStandard', { onlyEmpty: true });
  const classes = await call('classes.list');
  const cls = (name: string) => classes.find((c) => c.name === name)!;
  const subjects = await call('subjects.list');
  const subject = (prefix: string) => subjects.find((s) => s.name.startsWith(prefix))!;
  const teacher = async (last: string, first: string, middle: string, gender: 'm' | 'f', names: string[], roles: ('teacher' | 'deputy')[] = ['teacher']) =>
    call('staff.save', {
      lastName: last, firstName: first, middleName: middle, birthDate: '1980-01-01', gender, snils: null, phone: null, email: null,
      position: roles.includes('deputy') ? 'Заместитель директора по УВР' : 'Учитель', roles, deputyGrades: roles.includes('deputy') ? [5] : [], subjects: names, rateHours: 18,
    });
  const eng1 = await teacher('Петрова', 'Анна', 'Ивановна', 'f', ['Иностранный язык (английский)']);
  const eng2 = await teacher('Сидорова', 'Ольга', 'Павловна', 'f', ['Иностранный язык (английский)']);
  const math = await teacher('Кузнецов', 'Илья', 'Сергеевич', 'm', ['Математика', 'Алгебра', 'Геометрия']);
  const techM = await teacher('Волков', 'Андрей', 'Петрович', 'm', ['Труд (технология)']);
  const techF = await teacher('Белова', 'Нина', 'Юрьевна', 'f', ['Труд (технология)']);
  const a = cls('5А');
  const students5A: string[] = [];
  for (const [last, first, middle, g] of PUPILS_5A) students5A.push((await call('students.save', studentInput(a.id, last, first, middle, g))).id);
  const students5B: string[] = [];
  for (let i = 0; i < 20; i++)
    students5B.push((await call('students.save', studentInput(cls('5Б').id, `Ученик${String.fromCharCode(1040 + i)}`, 'Пётр', null, i % 2 ? 'f' : 'm'))).id);
  const students10: string[] = [];
  for (const name of ['10А', '10Б'])
    for (let i = 0; i < 12; i++) students10.push((await call('students.save', studentInput(cls(name).id, `Старший${name}${String.fromCharCode(1040 + i)}`, 'Иван', null, 'm'))).id);
  return { ...core, cls, subject, teachers: { eng1, eng2, math, techM, techF }, students5A, students5B, students10 };
}

export async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string; problems: { row?: number; column?: string; message: string }[] }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string; problems: { message: string }[] };
  }
  throw new Error('expected a refusal');
}
