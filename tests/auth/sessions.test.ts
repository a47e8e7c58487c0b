// A session follows its account on every call, also when the account is changed by another host on
// the same database file (another connection: the CLI, a second app instance) — issue 8, point 7.
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db';
import { AppError } from '../../electron/api/errors';
import type { Ctx } from '../../electron/core/context';
import { Session } from '../../electron/core/auth/session';
import { createLocalClient } from '../../electron/core/dispatch';
import { tempCore } from '../support/core';

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a refusal');
}

describe('sessions follow their account across hosts', () => {
  let t: Awaited<ReturnType<typeof tempCore>> | undefined;
  let second: Db | undefined;
  afterEach(() => {
    second?.close();
    t?.cleanup();
    t = second = undefined;
  });

  it('a demotion, a password reset and a disabling through one connection apply at the next call on the other', async () => {
    t = await tempCore();
    const made = await t.call('users.save', { login: 'zam', displayName: 'Волкова Анна Сергеевна', role: 'sysadmin', deputyGrades: [] });
    // The other host: its own connection to the same file, its own session.
    second = openDatabase(t.path);
    const session = new Session(true);
    const other: Ctx = { db: second, actor: 'system', host: 'test', now: () => new Date(), session, dataDir: t.dir };
    const call = createLocalClient(other);
    await call('auth.login', { login: 'zam', password: made.password! });
    await call('auth.changePassword', { oldPassword: made.password!, newPassword: 'Заместитель2026' });
    expect((await call('users.list')).length).toBe(2);

    // Demoted on the first host: refused at once on the second, its new parallels known.
    await t.call('users.save', { id: made.user.id, login: 'zam', displayName: 'Волкова Анна Сергеевна', role: 'deputy', deputyGrades: [5, 6] });
    const demoted = await refusal(call('users.list'));
    expect([demoted.code, demoted.message]).toEqual(['forbidden', 'Недостаточно прав: раздел «Пользователи» недоступен для роли «Заместитель директора».']);
    expect(session.user).toMatchObject({ role: 'deputy', deputyGrades: [5, 6] });
    expect((await call('auth.status')).user?.role).toBe('deputy');

    // A password reset on the first host: the second must choose a new one first.
    await t.call('users.resetPassword', { id: made.user.id });
    expect((await refusal(call('students.list', {}))).message).toMatch(/Смените одноразовый пароль/);

    // Disabled: the session ends with the reason, and stays ended.
    await t.call('users.setDisabled', { id: made.user.id, disabled: true });
    const ended = await refusal(call('school.get'));
    expect([ended.code, ended.message]).toEqual(['unauthenticated', 'Учётная запись отключена администратором системы: сеанс завершён.']);
    expect(session.user).toBeNull();
    expect((await call('auth.status')).user).toBeNull();
    expect((await refusal(call('school.get'))).code).toBe('unauthenticated');
  }, 120_000);

  it('an account removed under the session ends it; public calls see it too', async () => {
    t = await tempCore();
    const made = await t.call('users.save', { login: 'sekretar', displayName: 'Орлова Нина Петровна', role: 'secretary', deputyGrades: [] });
    second = openDatabase(t.path);
    const session = new Session(false);
    const call = createLocalClient({ db: second, actor: 'system', host: 'test', now: () => new Date(), session, dataDir: t.dir });
    await call('auth.login', { login: 'sekretar', password: made.password! });
    expect((await call('students.list', {})).total).toBe(0);
    // As a restore of a backup without her account would, on the first connection.
    t.db.raw.prepare('DELETE FROM app_user WHERE id = ?').run(made.user.id);
    expect((await call('auth.status')).user).toBeNull();
    expect(session.user).toBeNull();
  }, 120_000);
});
