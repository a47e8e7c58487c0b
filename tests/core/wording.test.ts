// The programmer's words found by the issue (8, point 6) are gone: a removal in the audit log, the
// error about a parent's phone on the student card, a login line of the log.
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/api/errors';
import { tempCore } from '../support/core';

type Core = Awaited<ReturnType<typeof tempCore>>;
const now = () => new Date('2026-09-10T09:00:00Z');

async function school(t: Core) {
  await t.call('app.createSchool', { fullName: 'МБОУ «Школа № 5»', shortName: 'Школа № 5', inn: '5902123456' });
  await t.call('years.save', await t.call('years.suggest', { startYear: 2026 }));
  await t.call('classes.createMany', { gradeFrom: 5, gradeTo: 5, letters: ['А'], shift: 1 });
  return (await t.call('classes.list'))[0]!;
}

describe('wording of the log and of refusals', () => {
  let t: Core;
  afterEach(() => t.cleanup());

  it('tells a removal in the log as «Запись удалена», not as a field turning from empty into a date', async () => {
    t = await tempCore(now);
    await school(t);
    const room = await t.call('rooms.save', { number: '101', name: null, capacity: 30 });
    await t.call('rooms.remove', { id: room.id });
    const [removed] = (await t.call('audit.search', { entity: 'room', entityId: room.id })).rows;
    expect(removed).toMatchObject({ action: 'delete', event: 'Запись удалена', changes: [] });
    expect(JSON.stringify(removed)).not.toMatch(/помечена|удалённой|Удалено/);
  });

  it('names the parent whose phone is wrong, without «строка 1, Представитель 1: Телефон:»', async () => {
    t = await tempCore(now);
    const c = await school(t);
    const e = await t
      .call('students.save', {
        lastName: 'Абрамов', firstName: 'Николай', middleName: 'Алексеевич', birthDate: '2015-04-01', gender: 'm', snils: null, classId: c.id,
        address: null, personalFileNo: null,
        guardians: [{ lastName: 'Абрамова', firstName: 'Анна', middleName: 'Сергеевна', relation: 'мать', phone: '123', email: null, pdConsentDate: null, eServiceRefused: false }],
      })
      .then(() => null, (x: unknown) => x as AppError);
    expect(e).toBeInstanceOf(AppError);
    expect(e!.problems).toEqual([{ column: 'guardians.0.phone', message: 'Не удалось распознать телефон «123» у Абрамовой Анны Сергеевны' }]);
    expect(JSON.stringify(e!.problems)).not.toMatch(/Представитель \d|строка/);
    expect((await t.call('students.list', {})).total).toBe(0);
  });

  it('tells a login and a logout as events, not as «Вход в программу: пусто → вход»', async () => {
    t = await tempCore(now);
    await t.call('auth.logout');
    await t.call('auth.login', { login: 'admin', password: 'Школа2026' });
    const rows = (await t.call('audit.search', { entity: 'app_user' })).rows;
    expect(rows.slice(0, 2).map((r) => [r.action, r.event, r.changes])).toEqual([
      ['update', 'Вход в программу', []],
      ['update', 'Выход из программы', []],
    ]);
    expect(rows.flatMap((r) => r.changes).some((c) => c.field === 'Вход в программу')).toBe(false);
  });
});
