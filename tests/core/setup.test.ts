import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/api/errors';
import { demoCore, tempCore } from '../support/core';

const now = () => new Date('2026-08-20T10:00:00Z');

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a refusal');
}

describe('setup before the school year (R1–R5)', () => {
  let t: Awaited<ReturnType<typeof tempCore>>;
  afterEach(() => t.cleanup());

  it('takes an empty database to a school ready for the year', async () => {
    t = await tempCore(now);
    const { call } = t;
    expect((await call('app.info')).hasSchool).toBe(false);
    await call('app.createSchool', { fullName: 'МБОУ «Школа № 5»', shortName: 'Школа № 5', inn: '5902123456' });
    const year = await call('years.save', await call('years.suggest', { startYear: 2026 }));
    expect(year.periods.filter((p) => p.kind === 'quarter')).toHaveLength(4);
    expect(year.periods.filter((p) => p.kind === 'half').every((p) => p.gradeFrom === 10 && p.gradeTo === 11)).toBe(true);
    await call('bells.save', { yearId: year.id, shift: 1, name: '1 смена', bells: await call('bells.suggest', { shift: 1 }) });
    expect((await call('subjects.addStandard')).added).toBeGreaterThan(20);
    const teacher = await call('staff.save', {
      lastName: 'Петрова', firstName: 'Анна', middleName: 'Ивановна', birthDate: '1980-02-03', gender: 'f', snils: '112-233-445 95',
      phone: '8 912 345-67-89', email: null, position: 'Учитель', roles: ['teacher'], deputyGrades: [], subjects: ['Математика'], rateHours: 18,
    });
    expect(teacher.phone).toBe('+7 (912) 345-67-89');
    expect(await call('classes.createMany', { gradeFrom: 1, gradeTo: 11, letters: ['А', 'б', 'В'], shift: 1 })).toEqual({ created: 33, skipped: 0 });
    const classes = await call('classes.list');
    expect(classes.map((c) => c.name)).toContain('5Б');
    expect(classes.map((c) => c.name)).toContain('5В');
    await expect(call('classes.createMany', { gradeFrom: 1, gradeTo: 1, letters: ['B'], shift: 1 })).rejects.toThrow(/латиницей/);
    for (const c of classes) await call('classes.save', { id: c.id, grade: c.grade, letter: c.letter, shift: 1, classTeacherId: teacher.id });
    expect((await call('curriculum.applyStandard', { onlyEmpty: true })).changed).toBeGreaterThan(300);
    const fifth = (await call('classes.list')).find((c) => c.name === '5А')!;
    expect(fifth.weeklyHours).toBe(28);
    const before = await call('setup.checklist');
    expect(before.find((i) => i.key === 'students')!.done).toBe(false);
    await call('students.save', {
      lastName: 'Иванов', firstName: 'Пётр', middleName: 'Сергеевич', birthDate: '2015-04-01', gender: 'm', snils: null, classId: fifth.id,
      address: null, personalFileNo: 'И-1',
      guardians: [{ lastName: 'Иванова', firstName: 'Ольга', middleName: 'Петровна', relation: 'мать', phone: '+79001234567', email: null, pdConsentDate: '2026-08-25', eServiceRefused: true }],
    });
    const list = await call('setup.checklist');
    expect(list.every((i) => i.done)).toBe(true);
    expect((await call('app.info')).hasSchool).toBe(true);
  });

  it('refuses overlapping periods with a Russian message naming the row, and changes nothing', async () => {
    t = await tempCore(now);
    const y = await t.call('years.suggest', { startYear: 2026 });
    y.periods[1]!.startDate = '2026-10-01'; // 2nd quarter starts inside the 1st
    const e = await rejection(t.call('years.save', y));
    expect(e.code).toBe('validation');
    expect(e.problems.some((p) => p.row === 2 && /пересекается с «1 четверть»/.test(p.message))).toBe(true);
    expect(await t.call('years.list')).toEqual([]);
    expect((t.db.raw.prepare("SELECT count(*) AS n FROM sync_change WHERE entity <> 'staff'").get() as { n: number }).n).toBe(0); // staff: the administrator's card
  });

  it('refuses a class before a year exists, and a duplicate class', async () => {
    t = await tempCore(now);
    const e = await rejection(t.call('classes.save', { grade: 5, letter: 'А', shift: 1 }));
    expect(e.message).toMatch(/Сначала создайте учебный год/);
    await t.call('years.save', await t.call('years.suggest', { startYear: 2026 }));
    await t.call('classes.save', { grade: 5, letter: 'а', shift: 1 });
    const dup = await rejection(t.call('classes.save', { grade: 5, letter: ' А ', shift: 1 }));
    expect(dup.message).toBe('Класс 5А уже есть');
  });

  it('validates input at the boundary in Russian', async () => {
    t = await tempCore(now);
    const e = await rejection(t.call('school.save', { fullName: '  ', shortName: 'x', inn: '12' } as never));
    expect(e.code).toBe('validation');
    expect(e.problems.map((p) => p.message)).toEqual(expect.arrayContaining(['Поле «Полное наименование» не заполнено', 'ИНН — 10 или 12 цифр']));
    const bell = await rejection(t.call('bells.suggest', { shift: 7 } as never));
    expect(bell.code).toBe('validation');
  });

  it('refuses a wrong SNILS checksum and a future birth date of a student', async () => {
    t = await tempCore(now);
    const e = await rejection(
      t.call('students.save', {
        lastName: 'Иванов', firstName: 'Пётр', middleName: null, birthDate: '2030-01-01', gender: 'm', snils: '112-233-445 96',
        classId: null, address: null, personalFileNo: null, guardians: [],
      }),
    );
    expect(e.problems.map((p) => p.column)).toEqual(['СНИЛС', 'Дата рождения']);
    expect((await t.call('students.list', {})).total).toBe(0);
  });

  it('rejects unknown operations', async () => {
    t = await tempCore(now);
    const e = await rejection(t.call('drop.everything' as never));
    expect(e.code).toBe('not_found');
  });
});

describe('details found while building the screens', () => {
  let t: Awaited<ReturnType<typeof tempCore>> | undefined;
  afterEach(() => {
    t?.cleanup();
    t = undefined;
  });

  it('keeps names alphabetical inside a class when the class sort is descending', async () => {
    t = await demoCore(100, now);
    const page = await t.call('students.list', { sort: 'class', desc: true, limit: 200 });
    const first = page.rows.filter((r) => r.className === page.rows[0]!.className).map((r) => r.fullName);
    expect(first).toEqual([...first].sort((a, b) => a.localeCompare(b, 'ru')));
  });

  it('checks the school phone and e-mail like everyone else', async () => {
    t = await tempCore(now);
    const e = await rejection(t.call('school.save', { fullName: 'Школа', shortName: 'Школа', phone: '12', email: 'нет' }));
    expect(e.problems.map((p) => p.column)).toEqual(['Телефон', 'E-mail']);
    const ok = await t.call('school.save', { fullName: 'Школа', shortName: 'Школа', phone: '8 (343) 123-45-67' });
    expect(ok.phone).toBe('+7 (343) 123-45-67');
  });

  it('gives imported staff the roles their positions carry', async () => {
    const { rolesForPosition } = await import('../../electron/core/transfer/import');
    expect(rolesForPosition('Директор')).toEqual(['director']);
    expect(rolesForPosition('Заместитель директора по УВР')).toEqual(['deputy']);
    expect(rolesForPosition('Заместитель директора по информатизации')).toEqual(['sysadmin']);
    expect(rolesForPosition('Секретарь учебной части')).toEqual(['secretary']);
    expect(rolesForPosition('Учитель математики')).toEqual(['teacher']);
    expect(rolesForPosition('Библиотекарь')).toEqual([]);
  });

  it('exports rooms', async () => {
    t = await tempCore(now);
    await t.call('rooms.save', { number: '101', name: 'Кабинет математики', capacity: 30 });
    expect((await t.call('export.list', { list: 'rooms' })).rows).toBe(1);
  });
});
