// The lockout under concurrent guesses, and a login that answers alike whether the account exists,
// is disabled or is locked (issue 8, point 7: the first two security findings).
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/api/errors';
import { Session } from '../../electron/core/auth/session';
import { countUnknownAttempt } from '../../electron/core/auth/lockout';
import { createLocalClient } from '../../electron/core/dispatch';
import { ADMIN, tempCore } from '../support/core';

const REFUSED = 'Неверный логин или пароль, либо вход заблокирован: после 5\u00a0неверных попыток подряд — на 15\u00a0мин.';

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a refusal');
}

type Core = Awaited<ReturnType<typeof tempCore>>;

/** An account with a chosen password (the one-time password already changed). */
async function account(t: Core, login: string, role: 'secretary' | 'sysadmin' = 'secretary'): Promise<string> {
  // Each account belongs to its own staff card (found or made by the name).
  const names: Record<string, string> = { disabled: 'Смирнова Анна Ивановна', locked: 'Кузнецова Ольга Сергеевна' };
  const once = (await t.call('users.save', { login, displayName: names[login] ?? 'Орлова Нина Петровна', role, deputyGrades: [] })).password!;
  const call = createLocalClient({ ...t.ctx, session: new Session(true) });
  await call('auth.login', { login, password: once });
  const password = `${login}-Пароль2026`;
  await call('auth.changePassword', { oldPassword: once, newPassword: password });
  await call('auth.logout');
  return password;
}

const row = (t: Core, login: string) =>
  t.db.raw.prepare('SELECT failed_attempts, locked_until FROM app_user WHERE login = ?').get(login) as { failed_attempts: number; locked_until: string | null };

/** The account's login events in the audit log (each wrong password that was checked writes one). */
const wrongChecked = (t: Core, login: string) =>
  (t.db.raw.prepare("SELECT new_values FROM audit_log WHERE entity = 'app_user' AND actor = ? AND new_values LIKE '%неверный пароль%'").all(login) as unknown[]).length;

describe('the lockout counts concurrent guesses', () => {
  let t: Core | undefined;
  afterEach(() => {
    t?.cleanup();
    t = undefined;
  });

  it('59 wrong passwords at once and then the right one: at most five are checked, the right one is refused', async () => {
    let clock = new Date('2026-09-01T08:00:00Z');
    t = await tempCore(() => clock);
    const password = await account(t, 'sekretar');
    // Each guess from its own client, all in flight together, through the real dispatch.
    const sessions = Array.from({ length: 60 }, () => new Session(true));
    const guesses = sessions.map((s, i) =>
      createLocalClient({ ...t!.ctx, session: s })('auth.login', { login: 'sekretar', password: i === 59 ? password : `неверный-${i}` }).then(
        () => 'ok',
        (e: AppError) => e.message,
      ),
    );
    const answers = await Promise.all(guesses);
    expect(answers[59]).toBe(REFUSED);
    expect(new Set(answers)).toEqual(new Set([REFUSED]));
    expect(sessions.every((s) => s.user === null)).toBe(true);
    expect(row(t, 'sekretar')).toEqual({ failed_attempts: 5, locked_until: '2026-09-01T08:15:00.000Z' });
    expect(wrongChecked(t, 'sekretar')).toBe(5);
    // After the lockout the right password opens again, and the count starts anew.
    clock = new Date('2026-09-01T08:15:01Z');
    const call = createLocalClient({ ...t.ctx, session: new Session(true) });
    expect((await call('auth.login', { login: 'sekretar', password })).login).toBe('sekretar');
    expect(row(t, 'sekretar')).toEqual({ failed_attempts: 0, locked_until: null });
  }, 120_000);

  it('a right password among the first five guesses logs in and lifts the lock a concurrent guess took', async () => {
    t = await tempCore();
    const password = await account(t, 'sekretar');
    const session = new Session(true);
    const guesses = Array.from({ length: 20 }, (_, i) =>
      createLocalClient({ ...t!.ctx, session: i === 2 ? session : new Session(true) })('auth.login', { login: 'sekretar', password: i === 2 ? password : `неверный-${i}` }).then(
        () => 'ok',
        (e: AppError) => e.message,
      ),
    );
    const answers = await Promise.all(guesses);
    expect(answers.filter((a) => a === 'ok')).toHaveLength(1);
    expect(answers[2]).toBe('ok');
    expect(session.user?.login).toBe('sekretar');
    expect(row(t, 'sekretar')).toEqual({ failed_attempts: 0, locked_until: null });
    expect(wrongChecked(t, 'sekretar')).toBe(4);
  }, 120_000);

  it('59 wrong passwords at once at the lock screen and then the right one: locked out, the session ended', async () => {
    t = await tempCore(() => new Date('2026-09-01T08:00:00Z'));
    await t.call('auth.lock');
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        t!.call('auth.unlock', { password: i === 59 ? ADMIN.password : `неверный-${i}` }).then(
          () => 'ok',
          (e: AppError) => e.message,
        ),
      ),
    );
    expect(answers).not.toContain('ok');
    expect(answers.filter((a) => a === 'Неверный пароль.')).toHaveLength(4);
    expect(answers.filter((a) => a === 'Слишком много неверных попыток: вход заблокирован на 15 мин.')).toHaveLength(1);
    expect(t.ctx.session.user).toBeNull();
    expect(row(t, ADMIN.login)).toEqual({ failed_attempts: 5, locked_until: '2026-09-01T08:15:00.000Z' });
    expect(wrongChecked(t, ADMIN.login)).toBe(5);
    expect((await refusal(t.call('auth.login', { login: ADMIN.login, password: ADMIN.password }))).message).toBe(REFUSED);
  }, 120_000);
});

describe('the login answers alike', () => {
  let t: Core | undefined;
  afterEach(() => {
    t?.cleanup();
    t = undefined;
  });

  it('a wrong password, an unknown login, a disabled and a locked account: the same answer, in alike time', async () => {
    t = await tempCore();
    const passwords = { active: await account(t, 'active'), disabled: await account(t, 'disabled'), locked: await account(t, 'locked') };
    const id = (login: string) => t!.db.raw.prepare('SELECT id FROM app_user WHERE login = ?').pluck().get(login) as string;
    await t.call('users.setDisabled', { id: id('disabled'), disabled: true });
    const call = createLocalClient({ ...t.ctx, session: new Session(true) });
    for (let i = 0; i < 5; i++) await refusal(call('auth.login', { login: 'locked', password: `неверный-${i}` }));
    expect(row(t, 'locked').locked_until).not.toBeNull();
    // More guesses allowed from here, so that the wrong passwords below do not lock 'active' or 'disabled'.
    await t.call('settings.save', { ...(await t.call('settings.get')), maxFailedLogins: 20 });
    const kinds = {
      wrongPassword: { login: 'active', password: 'неверный-1' },
      unknownLogin: { login: 'nobody', password: 'неверный-1' },
      disabledWrong: { login: 'disabled', password: 'неверный-1' },
      lockedRight: { login: 'locked', password: passwords.locked },
      lockedWrong: { login: 'locked', password: 'неверный-1' },
    };
    const times: Record<string, number[]> = {};
    const answers = new Set<string>();
    for (let round = 0; round < 4; round++)
      for (const [kind, input] of Object.entries(kinds)) {
        const t0 = performance.now();
        const e = await refusal(call('auth.login', input));
        (times[kind] ??= []).push(performance.now() - t0);
        answers.add(JSON.stringify(e.toJSON()));
      }
    expect([...answers]).toEqual([JSON.stringify({ code: 'unauthenticated', message: REFUSED.replace('5\u00a0', '20\u00a0'), problems: [] })]);
    // Each runs one scrypt (tens of milliseconds): none answers at once. Generous, for a busy machine.
    const means = Object.values(times).map((xs) => xs.reduce((a, b) => a + b, 0) / xs.length);
    expect(Math.max(...means) / Math.min(...means), JSON.stringify(times)).toBeLessThan(3);
    // The right password of a disabled account (not locked) says why: only its owner can see that.
    const disabled = await refusal(call('auth.login', { login: 'disabled', password: passwords.disabled }));
    expect([disabled.code, disabled.message]).toEqual(['forbidden', 'Учётная запись отключена. Обратитесь к администратору системы.']);
    expect((await call('auth.login', { login: 'active', password: passwords.active })).login).toBe('active');
  }, 180_000);

  it('logins without an account lock like accounts, in a bounded memory', () => {
    const db = {} as never; // the counter only keys by the connection
    const policy = { max: 5, minutes: 15 };
    const now = new Date('2026-09-01T08:00:00Z');
    for (let i = 0; i < 4; i++) expect(countUnknownAttempt(db, 'Nobody ', now, policy)).toEqual({ checkable: true, until: null });
    expect(countUnknownAttempt(db, 'nobody', now, policy)).toEqual({ checkable: true, until: '2026-09-01T08:15:00.000Z' });
    expect(countUnknownAttempt(db, 'NOBODY', now, policy)).toEqual({ checkable: false });
    expect(countUnknownAttempt(db, 'nobody', new Date('2026-09-01T08:15:00Z'), policy)).toEqual({ checkable: true, until: null });
    for (let i = 0; i < 4; i++) countUnknownAttempt(db, 'nobody', now, policy);
    expect(countUnknownAttempt(db, 'nobody', now, policy)).toEqual({ checkable: false });
    // A thousand other logins push the oldest out.
    for (let i = 0; i < 1000; i++) countUnknownAttempt(db, `other-${i}`, now, policy);
    expect(countUnknownAttempt(db, 'nobody', now, policy)).toEqual({ checkable: true, until: null });
  });
});
