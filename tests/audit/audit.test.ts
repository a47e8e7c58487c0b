import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { AppError } from '../../electron/api/errors';
import type { AuditEntry } from '../../electron/api/types';
import { ruDateTime } from '../../electron/core/audit/labels';
import { isoDay } from '../../electron/core/format';
import { auditFacets } from '../../electron/core/audit/audit';
import { ADMIN, tempCore } from '../support/core';
import { resultBytes } from '../support/files';

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a refusal');
}

/**
 * A small school set up by the administrator in August; in September the secretary moves a pupil
 * to another class and corrects his surname.
 */
async function school() {
  let clock = new Date('2026-08-20T12:00:00Z');
  const t = await tempCore(() => clock);
  const { call } = t;
  await call('app.createSchool', { fullName: 'МБОУ «Школа № 5»', shortName: 'Школа № 5' });
  const year = await call('years.save', await call('years.suggest', { startYear: 2026 }));
  const math = await call('subjects.save', { name: 'Математика', shortName: 'Матем.', noAttestation: false, grading: 'five_point', sortOrder: 1 });
  const teacher = await call('staff.save', {
    lastName: 'Петрова', firstName: 'Анна', middleName: 'Ивановна', birthDate: '1980-02-03', gender: 'f', snils: null, phone: null, email: null,
    position: 'Учитель', roles: ['teacher'], deputyGrades: [], subjects: ['Математика'], rateHours: 18,
  });
  const room = await call('rooms.save', { number: '101', name: null, capacity: 30 });
  await call('classes.createMany', { gradeFrom: 5, gradeTo: 6, letters: ['А', 'Б'], shift: 1 });
  const classes = await call('classes.list');
  const c5a = classes.find((c) => c.name === '5А')!;
  const c6b = classes.find((c) => c.name === '6Б')!;
  await call('classes.save', { id: c5a.id, grade: 5, letter: 'А', shift: 1, classTeacherId: teacher.id, roomId: room.id });
  const pupil = await call('students.save', {
    lastName: 'Иванов', firstName: 'Пётр', middleName: 'Сергеевич', birthDate: '2015-04-01', gender: 'm', snils: '112-233-445 95', classId: c5a.id,
    address: null, personalFileNo: 'И-1',
    guardians: [{ lastName: 'Иванова', firstName: 'Ольга', middleName: 'Петровна', relation: 'мать', phone: '+79001234567', email: null, pdConsentDate: '2026-08-25', eServiceRefused: false }],
  });
  const password = (await call('users.save', { login: 'secretary', displayName: 'Кузнецова Мария Ивановна', role: 'secretary', deputyGrades: [] })).password!;

  clock = new Date('2026-09-05T12:00:00Z');
  await call('auth.logout');
  await call('auth.login', { login: 'secretary', password });
  await call('auth.changePassword', { oldPassword: password, newPassword: 'Секретарь2026' });
  await call('students.save', { ...pupil, lastName: 'Петров', classId: c6b.id, guardians: pupil.guardians });
  await call('auth.logout');

  clock = new Date('2026-09-10T12:00:00Z');
  await call('auth.login', { login: ADMIN.login, password: ADMIN.password });
  await call('rooms.remove', { id: room.id });
  return { ...t, year, math, teacher, room, pupil, c5a, c6b, setClock: (d: Date) => (clock = d) };
}

const fields = (e: AuditEntry) => Object.fromEntries(e.changes.map((c) => [c.field, [c.old, c.new]]));

describe('the audit log', () => {
  let s: Awaited<ReturnType<typeof school>>;
  beforeEach(async () => {
    s = await school();
  });
  afterEach(() => s.cleanup());

  it('shows a record’s history newest first, with a readable label and Russian field names', async () => {
    const page = await s.call('audit.search', { entity: 'student', entityId: s.pupil.id });
    expect(page.total).toBe(2);
    const [update, insert] = page.rows;
    expect(update!.action).toBe('update');
    expect(update!.actor).toBe('secretary');
    expect(update!.entityLabel).toBe('Ученик: Петров Пётр Сергеевич');
    // Class ids are shown by the class's name, never as an id.
    expect(update!.changes).toEqual([
      { field: 'Фамилия', old: 'Иванов', new: 'Петров' },
      { field: 'Класс', old: '5А', new: '6Б' },
    ]);
    expect(insert!.action).toBe('insert');
    expect(insert!.actor).toBe('admin');
    expect(fields(insert!)).toMatchObject({
      'Фамилия': [null, 'Иванов'],
      'Дата рождения': [null, '01.04.2015'],
      'Пол': [null, 'мужской'],
      'СНИЛС': [null, '112-233-445 95'],
      'Класс': [null, '5А'],
      'Номер личного дела': [null, 'И-1'],
    });
    // Bookkeeping columns are not shown.
    expect(insert!.changes.map((c) => c.field)).not.toEqual(expect.arrayContaining(['id', 'created_at', 'updated_at', 'deleted_at']));
  });

  it('labels every kind of record in Russian, a deleted one too', async () => {
    const label = async (entity: string) => (await s.call('audit.search', { entity })).rows.map((r) => r.entityLabel);
    expect(await label('school_class')).toContain('Класс 5А');
    expect(await label('subject')).toEqual(['Предмет: Математика']);
    // The teacher, and the cards made for the two accounts (issue 8: every account belongs to a staff member).
    expect((await label('staff')).sort()).toEqual(['Сотрудник: Кузнецова Мария Ивановна', 'Сотрудник: Петрова Анна Ивановна', 'Сотрудник: Смирнова Ольга Викторовна']);
    expect(await label('academic_year')).toEqual(['Учебный год 2026/2027']);
    expect(await label('study_period')).toContain('Учебный период: 1 четверть (2026/2027)');
    expect(await label('guardian')).toEqual(['Представитель: Иванова Ольга Петровна']);
    expect(await label('student_guardian')).toEqual(['Представитель ученика: Петров Пётр Сергеевич — Иванова Ольга Петровна (мать)']);
    expect(await label('school')).toEqual(['Школа: Школа № 5']);
    expect(await label('app_user')).toEqual(expect.arrayContaining(['Пользователь: admin', 'Пользователь: secretary']));

    const [removed] = (await s.call('audit.search', { entity: 'room', entityId: s.room.id })).rows;
    expect(removed).toMatchObject({ action: 'delete', entityLabel: 'Кабинет 101', actor: 'admin' });
    // A tombstone reads as what happened, not as a field going from «пусто» to a date (issue 8).
    expect(removed!.changes).toEqual([]);
    expect(removed!.event).toBe('Запись удалена');

    // Removing the room freed it in the class: the old value still names the (deleted) room.
    const [freed, assigned] = (await s.call('audit.search', { entity: 'school_class', entityId: s.c5a.id })).rows;
    expect(freed!.changes).toEqual([{ field: 'Кабинет', old: '101', new: null }]);
    expect(assigned!.changes).toEqual([
      { field: 'Классный руководитель', old: null, new: 'Петрова Анна Ивановна' },
      { field: 'Кабинет', old: null, new: '101' },
    ]);
    const subject = (await s.call('audit.search', { entity: 'subject' })).rows[0]!;
    expect(fields(subject)).toMatchObject({ 'Название': [null, 'Математика'], 'Система оценивания': [null, 'пятибалльная'], 'Без аттестации': [null, 'нет'] });
    const teacher = (await s.call('audit.search', { entity: 'staff', text: 'Петрова' })).rows[0]!;
    expect(fields(teacher)).toMatchObject({ 'Роли': [null, 'учитель'], 'Дата рождения': [null, '03.02.1980'] });
    // Issue 9: what the teacher may teach is a record of its own, by subject id, shown by names.
    const [qualified] = (await s.call('audit.search', { entity: 'staff_qualification' })).rows;
    expect(qualified).toMatchObject({ action: 'insert', entityLabel: 'Может вести предмет: Петрова Анна Ивановна — Математика' });
    expect(fields(qualified!)).toMatchObject({ 'Сотрудник': [null, 'Петрова Анна Ивановна'], 'Предмет': [null, 'Математика'] });
  });

  it('masks passwords and finds what a user did', async () => {
    const page = await s.call('audit.search', { actor: 'secretary' });
    expect(page.rows.every((r) => r.actor === 'secretary')).toBe(true);
    // Newest first: the logout, the pupil moved (issue 9: his row, then the membership in 6Б opened
    // and the one in 5А closed on the day of the move; issue 12: by the signed order «О переводе в
    // другой класс» the card's change of class made), the one-time password changed, the login.
    expect(page.rows.map((r) => r.entityLabel)).toEqual([
      'Пользователь: secretary',
      'Ученик: Петров Пётр Сергеевич',
      'Обучение в классе: Петров Пётр Сергеевич — 6Б',
      'Обучение в классе: Петров Пётр Сергеевич — 5А',
      'Строка приказа: Петров Пётр Сергеевич',
      'Приказ № 1 от 05.09.2026 «О переводе в 6Б класс»',
      'Пользователь: secretary',
      'Пользователь: secretary',
    ]);
    // Logins and logouts read as events, not as «Вход в программу: пусто → вход» (issue 8).
    expect(page.rows.map((r) => [r.event, r.changes])).toEqual([
      ['Выход из программы', []],
      [undefined, expect.anything()],
      [undefined, expect.arrayContaining([{ field: 'Класс', old: null, new: '6Б' }, { field: 'Дата зачисления', old: null, new: '05.09.2026' }])],
      [undefined, expect.arrayContaining([{ field: 'Дата выбытия', old: null, new: '05.09.2026' }])],
      [undefined, expect.anything()],
      [undefined, expect.anything()],
      [undefined, [{ field: 'Пароль', old: '***', new: '***' }]],
      ['Вход в программу', []],
    ]);
    expect(JSON.stringify(await s.call('audit.search', {}))).not.toContain('Секретарь2026');
    expect((await s.call('audit.search', { actor: 'Secretary' })).total).toBe(0); // the login, exactly
    expect(auditFacets(s.ctx).actors).toEqual(['admin', 'secretary', 'system']); // 'system': the first run, before anyone logged in
    expect(auditFacets(s.ctx).entities).toContainEqual({ entity: 'student', title: 'Ученики' });
  });

  it('filters by the school’s dates, both ends included', async () => {
    const during = async (from?: string, to?: string) => (await s.call('audit.search', { from, to, limit: 1000 })).rows;
    const september = await during('2026-09-01', '2026-09-30');
    // Logins and logouts (admin out, secretary in and out, admin in), the password change, the pupil
    // moved (with his old membership closed and the new one opened, by the order made for it and its
    // line), the room removed and thereby freed in its class.
    expect(september.map((r) => r.entity).sort()).toEqual(['app_user', 'app_user', 'app_user', 'app_user', 'app_user', 'class_membership', 'class_membership', 'order_item', 'room', 'school_class', 'school_order', 'student']);
    // The day of the school's computer (the process's time zone), whatever it is.
    const day = (iso: string) => isoDay(new Date(iso));
    const secretaryDay = day('2026-09-05T12:00:00Z');
    expect((await during(secretaryDay, secretaryDay)).map((r) => r.actor)).toEqual(['secretary', 'secretary', 'secretary', 'secretary', 'secretary', 'secretary', 'secretary', 'secretary', 'admin']);
    expect(await during(day('2026-09-06T12:00:00Z'), day('2026-09-09T12:00:00Z'))).toEqual([]);
    const august = await during(undefined, '2026-08-31');
    expect(august.length).toBeGreaterThan(10);
    expect(august.every((r) => r.at < '2026-09-01')).toBe(true);
    const e = await rejection(s.call('audit.search', { from: '2026-09-10', to: '2026-09-01' }));
    expect(e.code).toBe('validation');
    expect(e.problems[0]).toMatchObject({ column: 'Период' });
  });

  it('finds text in old and new values and in the record’s name, ignoring case and ё', async () => {
    const labels = async (text: string, entity?: string) => (await s.call('audit.search', { text, entity })).rows.map((r) => `${r.action} ${r.entityLabel}`);
    // The old surname is only in the update's old values; the record is found by it.
    expect(await labels('иванов', 'student')).toEqual(['update Ученик: Петров Пётр Сергеевич', 'insert Ученик: Петров Пётр Сергеевич']);
    // By the record's name: the guardian link has no names in its values.
    expect(await labels('петр сергеевич', 'student_guardian')).toEqual(['insert Представитель ученика: Петров Пётр Сергеевич — Иванова Ольга Петровна (мать)']);
    // By the name of a referenced record: who put whom into 6Б.
    expect(await labels('6б', 'student')).toEqual(['update Ученик: Петров Пётр Сергеевич']);
    // A date as people type it.
    expect(await labels('01.04.2015')).toEqual(['insert Ученик: Петров Пётр Сергеевич']);
    expect(await labels('математика', 'subject')).toEqual(['insert Предмет: Математика']);
    expect(await labels('Нетакогослова')).toEqual([]);
    expect(await labels('100%')).toEqual([]); // LIKE wildcards are taken literally
  });

  it('pages through the log with a total', async () => {
    const all = await s.call('audit.search', { limit: 1000 });
    const page = await s.call('audit.search', { offset: 5, limit: 5 });
    expect(page.total).toBe(all.total);
    expect(page.rows.map((r) => r.seq)).toEqual(all.rows.slice(5, 10).map((r) => r.seq));
    for (let i = 1; i < all.rows.length; i++) expect(all.rows[i - 1]!.at >= all.rows[i]!.at).toBe(true);
  });

  it('exports the filtered log to XLSX, one row per changed field, marked as personal data', async () => {
    const file = await s.call('audit.export', { entity: 'student', entityId: s.pupil.id });
    expect(file.fileName).toMatch(/^Журнал изменений \d\d\.\d\d\.\d{4}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(resultBytes(s.ctx.session, file) as never);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Журнал изменений');
    expect(ws.headerFooter.oddHeader).toContain('Школа № 5');
    expect(ws.headerFooter.oddHeader).toContain('Журнал изменений');
    expect(ws.headerFooter.oddHeader).toContain('Содержит персональные данные (152-ФЗ)');
    const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(['Дата и время', 'Пользователь', 'Действие', 'Запись', 'Что изменено', 'Было', 'Стало']);
    expect(values(2)).toEqual([ruDateTime('2026-09-05T12:00:00Z'), 'secretary', 'Изменение', 'Ученик: Петров Пётр Сергеевич', 'Фамилия', 'Иванов', 'Петров']);
    expect(values(3)).toEqual([ruDateTime('2026-09-05T12:00:00Z'), 'secretary', 'Изменение', 'Ученик: Петров Пётр Сергеевич', 'Класс', '5А', '6Б']);
    expect(values(4).slice(1, 5)).toEqual(['admin', 'Создание', 'Ученик: Петров Пётр Сергеевич', 'Фамилия']);
    expect(String(values(2)[0])).toMatch(/^\d\d\.\d\d\.\d{4} \d\d:\d\d$/);
    const insertFields = (await s.call('audit.search', { entity: 'student', entityId: s.pupil.id })).rows[1]!.changes.length;
    expect(ws.rowCount).toBe(1 + 2 + insertFields);
    expect(file.rows).toBe(2 + insertFields);
  });

  it('is not open to a role without access to the log', async () => {
    await s.call('auth.logout');
    await s.call('auth.login', { login: 'secretary', password: 'Секретарь2026' });
    const e = await rejection(s.call('audit.search', {}));
    expect(e.code).toBe('forbidden');
  });
});

describe('the audit log of the demo school', () => {
  it('labels a page of 200 entries with names, never ids', async () => {
    const t = await tempCore(undefined, { login: false });
    try {
      const demo = await t.call('app.loadDemo', { students: 300, seed: 3 });
      const admin = demo.users.find((u) => u.login === 'admin')!;
      await t.call('auth.login', { login: 'admin', password: admin.password });
      await t.call('auth.changePassword', { oldPassword: admin.password, newPassword: 'Администратор2026' });
      for (const entity of ['student', 'student_guardian', 'curriculum_item', 'school_class', 'bell']) {
        const page = await t.call('audit.search', { entity, limit: 200 });
        expect(page.rows.length).toBeGreaterThan(0);
        for (const r of page.rows) {
          expect(r.entityLabel).not.toMatch(/запись не найдена|[0-9a-f]{8}-[0-9a-f]{4}-/);
          for (const c of r.changes) {
            expect(c.field).toMatch(/^[А-ЯЁ]/);
            expect(String(c.new)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|запись не найдена/);
          }
        }
      }
    } finally {
      t.cleanup();
    }
  });
});
