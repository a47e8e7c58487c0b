// Issue 8: an app account belongs to a staff member. The account's role is the card's «Роль в
// программе» and one of its duties; a deputy's parallels live on the card. Changing one side updates
// the other or is refused; the last active administrator is never demoted, unlinked or disabled.
import { afterEach, describe, expect, it } from 'vitest';
import type { OpInput } from '../../electron/api/contract';
import { AppError } from '../../electron/api/errors';
import type { AppUser, Staff } from '../../electron/api/types';
import { dispatch } from '../../electron/core/dispatch';
import { Session } from '../../electron/core/auth/session';
import { AREAS } from '../../electron/core/auth/permissions';
import { ADMIN, tempCore } from '../support/core';

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a refusal');
}

type Core = Awaited<ReturnType<typeof tempCore>>;
let t: Core;
afterEach(() => t?.cleanup());

const changes = () => (t.db.raw.prepare('SELECT (SELECT count(*) FROM sync_change) + (SELECT count(*) FROM audit_log) AS n').get() as { n: number }).n;
const card = (s: Staff): OpInput<'staff.save'> => ({ ...s });
function person(lastName: string, firstName: string, middleName: string, position: string, roles: Staff['roles'], deputyGrades: number[] = []) {
  return t.call('staff.save', { lastName, firstName, middleName, birthDate: null, gender: 'f', snils: null, phone: null, email: null, position, roles, deputyGrades, subjects: [], rateHours: 18 });
}
const staffById = async (id: string) => (await t.call('staff.list', {})).find((s) => s.id === id)!;
const userByLogin = async (login: string) => (await t.call('users.list')).find((u) => u.login === login)!;

describe('the first administrator', () => {
  it('gets a staff card at the first run', async () => {
    t = await tempCore();
    const me = await userByLogin(ADMIN.login);
    const mine = await staffById(me.staffId!);
    expect(mine).toMatchObject({ fullName: ADMIN.displayName, lastName: 'Смирнова', firstName: 'Ольга', middleName: 'Викторовна', position: 'Системный администратор', roles: ['sysadmin'] });
    expect(mine.account).toMatchObject({ login: 'admin', role: 'sysadmin', disabled: false });
    expect(me).toMatchObject({ displayName: ADMIN.displayName, position: 'Системный администратор', staffRemoved: false });
  });

  it('is linked to the card of the same name when the staff list came first (command line), which gets the duty', async () => {
    t = await tempCore(undefined, { login: false });
    // The command line acts as the administrator of a database without users.
    t.ctx.session.signIn({ id: 'setup', login: 'setup', displayName: 'Первичная настройка', role: 'sysadmin', deputyGrades: [], mustChangePassword: false, access: Object.fromEntries(AREAS.map((a) => [a, 'change'])) }, new Date(), { service: true });
    const teacher = await person('Смирнова', 'Ольга', 'Викторовна', 'Учитель информатики', ['teacher']);
    t.ctx.session.signOut();
    await t.call('auth.setupAdmin', ADMIN);
    const me = await userByLogin(ADMIN.login);
    expect(me.staffId).toBe(teacher.id);
    expect((await t.call('staff.list', {})).length).toBe(1);
    expect(await staffById(teacher.id)).toMatchObject({ position: 'Учитель информатики', roles: ['sysadmin', 'teacher'] });
  });
});

describe('an account for a staff member', () => {
  it('is created for the chosen person: the name comes from the card, the card gets the duty and the parallels', async () => {
    t = await tempCore();
    const zam = await person('Соколова', 'Елена', 'Ивановна', 'Учитель математики', ['teacher']);
    const saved = await t.call('users.save', { staffId: zam.id, login: 'sokolova', role: 'deputy', deputyGrades: [9, 5, 6, 7, 8] });
    expect(saved.password).toMatch(/^[a-z]{4}-\d{4}$/);
    expect(saved.user).toMatchObject({ displayName: 'Соколова Елена Ивановна', staffId: zam.id, position: 'Учитель математики', role: 'deputy', deputyGrades: [5, 6, 7, 8, 9] });
    const after = await staffById(zam.id);
    expect(after).toMatchObject({ roles: ['deputy', 'teacher'], deputyGrades: [5, 6, 7, 8, 9], account: { login: 'sokolova', role: 'deputy', disabled: false } });
    // The card's change went the synced, audited way.
    const log = await t.call('audit.search', { entity: 'staff', entityId: zam.id });
    expect(log.rows[0]!.changes.map((c) => c.field)).toEqual(['Роли', 'Курируемые параллели']);

    // A second account for the same person: refused, nothing changes.
    const before = changes();
    const twice = await refusal(t.call('users.save', { staffId: zam.id, login: 'sokolova2', role: 'secretary', deputyGrades: [] }));
    expect(twice.message).toBe('У сотрудника Соколова Елена Ивановна уже есть учётная запись «sokolova»');
    expect(twice.problems).toEqual([{ column: 'Сотрудник', message: twice.message }]);
    expect(changes()).toBe(before);

    // The name of a linked account is the card's: another name is refused, with the way to change it.
    const name = await refusal(t.call('users.save', { id: saved.user.id, login: 'sokolova', displayName: 'Другая Елена', role: 'deputy', deputyGrades: [5] }));
    expect(name.message).toMatch(/^ФИО берётся из карточки сотрудника \(«Соколова Елена Ивановна»\)/);
  });

  it('agrees with the card both ways: the card follows the account, and a card edit that contradicts the account is refused', async () => {
    t = await tempCore();
    const p = await person('Орлова', 'Нина', 'Петровна', 'Секретарь', ['secretary']);
    const { user } = await t.call('users.save', { staffId: p.id, login: 'orlova', role: 'secretary', deputyGrades: [] });

    // The card may not drop the account's duty.
    const before = changes();
    const drop = await refusal(t.call('staff.save', card({ ...(await staffById(p.id)), roles: ['teacher'] })));
    expect(drop.message).toBe(
      'Сотрудник входит в программу с ролью «Секретарь» (логин orlova): обязанность «Секретарь» нельзя снять, пока в разделе «Пользователи» не изменена роль учётной записи.',
    );
    expect(changes()).toBe(before);
    expect((await staffById(p.id)).roles).toEqual(['secretary']);

    // A new surname on the card: the account's name follows, in the same action.
    await t.call('staff.save', card({ ...(await staffById(p.id)), lastName: 'Лебедева', roles: ['secretary', 'teacher'] }));
    expect(await userByLogin('orlova')).toMatchObject({ displayName: 'Лебедева Нина Петровна' });

    // The account's new role: the card gets it as a duty; the old duty stays (it is still her job).
    await t.call('users.save', { id: user.id, login: 'orlova', role: 'deputy', deputyGrades: [1, 2, 3, 4] });
    expect(await staffById(p.id)).toMatchObject({ roles: ['deputy', 'secretary', 'teacher'], deputyGrades: [1, 2, 3, 4], account: { role: 'deputy' } });
    // The card's parallels are the deputy's: changed on the card, the account's follow.
    await t.call('staff.save', card({ ...(await staffById(p.id)), deputyGrades: [1, 2] }));
    expect((await userByLogin('orlova')).deputyGrades).toEqual([1, 2]);
    // Dropping «deputy» from the card is now the refused one.
    expect((await refusal(t.call('staff.save', card({ ...(await staffById(p.id)), roles: ['secretary'] })))).message).toMatch(/с ролью «Заместитель директора»/);

    // A person who may log in keeps the card; once the account is disabled the card may go, and
    // the account cannot be enabled again.
    expect((await refusal(t.call('staff.remove', { id: p.id }))).message).toBe(
      'У сотрудника есть учётная запись «orlova» в программе: сначала отключите её (Администрирование → Пользователи), затем удалите сотрудника.',
    );
    await t.call('users.setDisabled', { id: user.id, disabled: true });
    await t.call('staff.remove', { id: p.id });
    expect(await userByLogin('orlova')).toMatchObject({ disabled: true, staffRemoved: true, staffId: p.id });
    expect((await refusal(t.call('users.setDisabled', { id: user.id, disabled: false }))).message).toBe(
      'Сотрудник удалён из списка сотрудников: его учётную запись нельзя включить.',
    );
  });

  it('finds the card by the name when none is chosen (command line), makes one when there is none, refuses when several', async () => {
    t = await tempCore();
    const p = await person('Волкова', 'Анна', 'Сергеевна', 'Учитель', ['teacher']);
    const linked = await t.call('users.save', { login: 'volkova', displayName: 'волкова  анна сергеевна', role: 'director', deputyGrades: [] });
    expect(linked.user).toMatchObject({ staffId: p.id, displayName: 'Волкова Анна Сергеевна' });
    expect((await staffById(p.id)).roles).toEqual(['director', 'teacher']);

    const made = await t.call('users.save', { login: 'kuz', displayName: 'Кузнецова Мария Ивановна', role: 'secretary', deputyGrades: [] });
    expect(await staffById(made.user.staffId!)).toMatchObject({ fullName: 'Кузнецова Мария Ивановна', position: 'Секретарь', roles: ['secretary'] });

    await person('Иванова', 'Ольга', 'Петровна', 'Учитель', ['teacher']);
    await person('Иванова', 'Ольга', 'Петровна', 'Педагог-организатор', ['teacher']);
    const before = changes();
    const twins = await refusal(t.call('users.save', { login: 'ivanova', displayName: 'Иванова Ольга Петровна', role: 'secretary', deputyGrades: [] }));
    expect(twins.message).toBe('Сотрудников с ФИО «Иванова Ольга Петровна» несколько: выберите сотрудника по должности');
    expect((await refusal(t.call('users.save', { login: 'xyz1', displayName: 'Иванова', role: 'secretary', deputyGrades: [] }))).problems[0]!.column).toBe('ФИО');
    expect((await refusal(t.call('users.save', { login: 'xyz2', role: 'secretary', deputyGrades: [] }))).message).toBe('Выберите сотрудника, которому принадлежит учётная запись');
    expect(changes()).toBe(before);
  });

  it('links an account made before accounts had cards when the administrator chooses the person', async () => {
    t = await tempCore();
    const p = await person('Зайцева', 'Ирина', 'Олеговна', 'Заместитель директора по УВР', ['deputy', 'teacher'], [10, 11]);
    const { user } = await t.call('users.save', { staffId: p.id, login: 'zaytseva', role: 'deputy', deputyGrades: [10, 11] });
    t.db.raw.prepare('UPDATE app_user SET staff_id = NULL WHERE id = ?').run(user.id); // as migration 0004 leaves an uncertain one
    expect(await userByLogin('zaytseva')).toMatchObject({ staffId: null, position: null });
    expect((await staffById(p.id)).account).toBeNull();
    await t.call('users.save', { id: user.id, staffId: p.id, login: 'zaytseva', role: 'deputy', deputyGrades: [10, 11] });
    expect((await staffById(p.id)).account).toMatchObject({ role: 'deputy' });
  });

  it('shows the login of a card’s account only to those who may see the users', async () => {
    t = await tempCore();
    const p = await person('Никитина', 'Ольга', 'Ивановна', 'Секретарь', ['secretary']);
    const { password } = (await t.call('users.save', { staffId: p.id, login: 'nikitina', role: 'secretary', deputyGrades: [] }));
    const ctx = { ...t.ctx, session: new Session(false) };
    expect((await dispatch(ctx, 'auth.login', { login: 'nikitina', password: password! })).ok).toBe(true);
    const r = await dispatch(ctx, 'staff.list', {});
    const seen = r.ok ? (r.result as Staff[]) : [];
    expect(seen.find((s) => s.id === p.id)!.account).toEqual({ id: expect.any(String), login: null, role: 'secretary', disabled: false });
  });
});

describe('the last active administrator', () => {
  it('is never demoted, unlinked or disabled; with a second one, they may be', async () => {
    t = await tempCore();
    const me = await userByLogin(ADMIN.login);
    const before = changes();
    const only = 'Это единственный администратор системы: сначала назначьте другого администратора.';
    expect((await refusal(t.call('users.save', { id: me.id, login: 'admin', role: 'secretary', deputyGrades: [] }))).message).toBe(only);
    expect((await refusal(t.call('users.save', { id: me.id, staffId: null, login: 'admin', role: 'sysadmin', deputyGrades: [] }))).message).toBe(
      'Это единственный администратор системы: его учётную запись нельзя отвязать от сотрудника.',
    );
    // Nor through the card: the duty that is the account's role stays.
    expect((await refusal(t.call('staff.save', card({ ...(await staffById(me.staffId!)), roles: ['teacher'] })))).message).toMatch(/с ролью «Администратор системы»/);
    expect(changes()).toBe(before);

    // A second administrator who is disabled does not count.
    const other = await person('Белова', 'Нина', 'Юрьевна', 'Учитель информатики', ['teacher']);
    const second = (await t.call('users.save', { staffId: other.id, login: 'belova', role: 'sysadmin', deputyGrades: [] })).user;
    await t.call('users.setDisabled', { id: second.id, disabled: true });
    expect((await refusal(t.call('users.save', { id: me.id, login: 'admin', role: 'director', deputyGrades: [] }))).message).toBe(only);
    // Enabled, the second one makes it possible: the first may be demoted (the card keeps both duties)…
    const { password } = await t.call('users.resetPassword', { id: second.id });
    await t.call('users.setDisabled', { id: second.id, disabled: false });
    await t.call('users.save', { id: me.id, login: 'admin', role: 'director', deputyGrades: [] });
    // …and then the second is the last one: she may not demote or unlink herself.
    const belova = { ...t.ctx, session: new Session(false) };
    expect((await dispatch(belova, 'auth.login', { login: 'belova', password })).ok).toBe(true);
    const self = await dispatch(belova, 'users.save', { id: second.id, login: 'belova', role: 'deputy', deputyGrades: [5] });
    expect(self.ok ? '' : self.error.message).toBe(only);
    const unlink = await dispatch(belova, 'users.save', { id: second.id, staffId: null, login: 'belova', role: 'sysadmin', deputyGrades: [] });
    expect(unlink.ok ? '' : unlink.error.message).toMatch(/нельзя отвязать от сотрудника/);
    expect((await staffById(me.staffId!)).roles).toEqual(['director', 'sysadmin']);
  });
});

describe('the demo school', () => {
  it('links each of its four users to the staff member who does that job', async () => {
    t = await tempCore(undefined, { login: false });
    await t.call('app.loadDemo', { students: 100, seed: 3 });
    const session = new Session(false);
    const ctx = { ...t.ctx, session };
    session.signIn({ id: 'x', login: 'x', displayName: 'x', role: 'sysadmin', deputyGrades: [], mustChangePassword: false, access: Object.fromEntries(AREAS.map((a) => [a, 'change'])) }, new Date(), { service: true });
    const users = await dispatch(ctx, 'users.list', {});
    const staff = await dispatch(ctx, 'staff.list', {});
    if (!users.ok || !staff.ok) throw new Error('not listed');
    const cards = new Map((staff.result as Staff[]).map((s) => [s.id, s]));
    for (const u of users.result as AppUser[]) {
      const c = cards.get(u.staffId!)!;
      expect(c, u.login).toBeDefined();
      expect(c.roles).toContain(u.role);
      expect(c.fullName).toBe(u.displayName);
      expect(u.deputyGrades).toEqual(u.role === 'deputy' ? c.deputyGrades : []);
    }
    expect((users.result as { login: string; deputyGrades: number[] }[]).find((u) => u.login === 'deputy')!.deputyGrades).toEqual([5, 6, 7, 8, 9]);
  });
});
