import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/api/errors';
import { verifyPassword, hashPassword, passwordProblem, oneTimePassword } from '../../electron/core/auth/password';
import { Session } from '../../electron/core/auth/session';
import { createLocalClient } from '../../electron/core/dispatch';
import { ADMIN, tempCore } from '../support/core';

/** The login's one answer to every refusal (wrong password, unknown, disabled or locked account). */
const REFUSED = 'Неверный логин или пароль, либо вход заблокирован: после 5\u00a0неверных попыток подряд — на 15\u00a0мин.';

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a refusal');
}

describe('users, login, lockout, auto-lock and password change', () => {
  let t: Awaited<ReturnType<typeof tempCore>> | undefined;
  afterEach(() => {
    t?.cleanup();
    t = undefined;
  });

  it('hashes passwords with scrypt and verifies them', async () => {
    const h = await hashPassword('Пароль123');
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('Пароль123', h)).toBe(true);
    expect(await verifyPassword('пароль123', h)).toBe(false);
    expect(passwordProblem('короткий')).toMatch(/буквы и цифры/);
    expect(passwordProblem('abc1')).toMatch(/не менее 8/);
    expect(oneTimePassword()).toMatch(/^[a-z]{4}-\d{4}$/);
  });

  it('creates the administrator on first run only', async () => {
    t = await tempCore(undefined, { login: false });
    expect((await t.call('auth.status')).hasUsers).toBe(false);
    expect((await refusal(t.call('auth.setupAdmin', { ...ADMIN, password: 'short' }))).message).toMatch(/не менее 8/);
    const admin = await t.call('auth.setupAdmin', ADMIN);
    expect(admin.role).toBe('sysadmin');
    expect((await refusal(t.call('auth.setupAdmin', { ...ADMIN, login: 'second' }))).code).toBe('forbidden');
    const stored = t.db.raw.prepare('SELECT password_hash FROM app_user').get() as { password_hash: string };
    expect(stored.password_hash).not.toContain(ADMIN.password);
  });

  it('locks the login after repeated wrong passwords, and lets in after the lockout', async () => {
    let clock = new Date('2026-09-01T08:00:00Z');
    t = await tempCore(() => clock);
    const password = (await t.call('users.save', { login: 'sekretar', displayName: 'Орлова Нина Петровна', role: 'secretary', deputyGrades: [] })).password!;
    const other = { ...t.ctx, session: new Session(true) };
    const call = createLocalClient(other);
    for (let i = 0; i < 5; i++) expect((await refusal(call('auth.login', { login: 'sekretar', password: 'wrong-1234' }))).message).toBe(REFUSED);
    // Locked: even the right password gets the same answer.
    expect((await refusal(call('auth.login', { login: 'sekretar', password }))).message).toBe(REFUSED);
    expect(t.db.raw.prepare("SELECT locked_until FROM app_user WHERE login = 'sekretar'").pluck().get()).toBe('2026-09-01T08:15:00.000Z');
    clock = new Date('2026-09-01T08:16:00Z');
    const user = await call('auth.login', { login: 'SEKRETAR', password });
    expect(user.mustChangePassword).toBe(true);
    // A one-time password must be changed before anything else.
    expect((await refusal(call('students.list', {}))).message).toMatch(/Смените одноразовый пароль/);
    expect((await refusal(call('auth.changePassword', { oldPassword: password, newPassword: 'abc' }))).problems[0]!.column).toBe('Новый пароль');
    await call('auth.changePassword', { oldPassword: password, newPassword: 'Новый2026пароль' });
    expect((await call('students.list', {})).total).toBe(0);
  }, 120_000);

  it('locks the session after inactivity and unlocks with the password', async () => {
    let clock = new Date('2026-09-01T08:00:00Z');
    t = await tempCore(() => clock);
    await t.call('settings.save', { autoLockMinutes: 10, maxFailedLogins: 5, lockoutMinutes: 15, backupIntervalHours: 24, backupKeep: 30, backupDir: null });
    clock = new Date('2026-09-01T08:11:00Z');
    const locked = await refusal(t.call('subjects.list'));
    expect(locked.code).toBe('locked');
    expect((await t.call('auth.status')).locked).toBe(true);
    expect((await refusal(t.call('auth.unlock', { password: 'неверный1' }))).message).toBe('Неверный пароль.');
    await t.call('auth.unlock', { password: ADMIN.password });
    expect(await t.call('subjects.list')).toEqual([]);
  });

  it('records who changed what in the audit log', async () => {
    t = await tempCore();
    await t.call('rooms.save', { number: '204', name: 'Кабинет химии', capacity: 30 });
    const row = t.db.raw.prepare("SELECT actor FROM audit_log WHERE entity = 'room'").get() as { actor: string };
    expect(row.actor).toBe(ADMIN.login);
  });

  it('never leaves the system without an active administrator', async () => {
    t = await tempCore();
    const me = t.ctx.session.user!;
    expect((await refusal(t.call('users.setDisabled', { id: me.id, disabled: true }))).message).toMatch(/собственную/);
    expect((await refusal(t.call('users.save', { id: me.id, login: 'admin', displayName: 'X', role: 'secretary', deputyGrades: [] }))).message).toMatch(/единственный администратор/);
  });
});

describe('the lock screen and the audit of logins', () => {
  let t: Awaited<ReturnType<typeof tempCore>> | undefined;
  afterEach(() => {
    t?.cleanup();
    t = undefined;
  });

  const sessionEvents = (t: Awaited<ReturnType<typeof tempCore>>) =>
    (t.db.raw.prepare("SELECT actor, new_values FROM audit_log WHERE entity = 'app_user' AND new_values LIKE '{\"session\"%' ORDER BY seq").all() as { actor: string; new_values: string }[]).map(
      (r) => `${r.actor}: ${(JSON.parse(r.new_values) as { session: string }).session}`,
    );

  it('counts wrong passwords at the lock screen toward the lockout, and ends the session when locked', async () => {
    let clock = new Date('2026-09-01T08:00:00Z');
    t = await tempCore(() => clock);
    await t.call('auth.lock');
    for (let i = 0; i < 4; i++) {
      const e = await refusal(t.call('auth.unlock', { password: 'неверный1' }));
      expect([e.code, e.message]).toEqual(['unauthenticated', 'Неверный пароль.']);
    }
    const locked = await refusal(t.call('auth.unlock', { password: 'неверный1' }));
    expect([locked.code, locked.message]).toEqual(['forbidden', 'Слишком много неверных попыток: вход заблокирован на 15 мин.']);
    // The session is over: the right password no longer unlocks, and the login is locked too.
    expect((await t.call('auth.status')).user).toBeNull();
    expect((await refusal(t.call('auth.unlock', { password: ADMIN.password }))).code).toBe('unauthenticated');
    expect((await refusal(t.call('auth.login', { login: ADMIN.login, password: ADMIN.password }))).message).toBe(REFUSED);
    clock = new Date('2026-09-01T08:16:00Z');
    await t.call('auth.login', { login: ADMIN.login, password: ADMIN.password });
    expect((await t.call('auth.status')).user?.login).toBe(ADMIN.login);
  }, 120_000);

  it('a right password at the lock screen clears the count of wrong ones', async () => {
    t = await tempCore();
    await t.call('auth.lock');
    for (let i = 0; i < 4; i++) await refusal(t.call('auth.unlock', { password: 'неверный1' }));
    await t.call('auth.unlock', { password: ADMIN.password });
    await t.call('auth.lock');
    for (let i = 0; i < 4; i++) expect((await refusal(t.call('auth.unlock', { password: 'неверный1' }))).code).toBe('unauthenticated');
    await t.call('auth.unlock', { password: ADMIN.password });
  }, 120_000);

  it('writes logins, logouts, wrong passwords and lockouts to the audit log, never the password', async () => {
    t = await tempCore();
    const other = createLocalClient({ ...t.ctx, session: new Session(true) });
    await t.call('auth.logout');
    await refusal(other('auth.login', { login: ADMIN.login, password: 'НеТот-пароль1' }));
    await refusal(other('auth.login', { login: 'nobody', password: 'НеТот-пароль1' }));
    await other('auth.login', { login: ADMIN.login, password: ADMIN.password });
    expect(sessionEvents(t)).toEqual([`${ADMIN.login}: выход`, `${ADMIN.login}: неверный пароль`, `${ADMIN.login}: вход`]);
    const all = JSON.stringify(t.db.raw.prepare('SELECT * FROM audit_log').all());
    expect(all).not.toContain('НеТот-пароль1');
    expect(all).not.toContain('nobody');
    const found = await other('audit.search', { entity: 'app_user' });
    expect(found.rows.some((r) => r.event === 'Вход в программу')).toBe(true);
  });
});
