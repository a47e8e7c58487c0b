import type { Ctx } from '../context';
import type { OpParsed } from '../../api/contract';
import type { AppRole, AppUser, AuthStatus, SessionUser, UserSaved } from '../../api/types';
import { AppError, invalid, notFound } from '../../api/errors';
import type { AppUserTable } from '../../../db';
import { Writer, uuidv7 } from '../../../db';
import { parseJsonArray } from '../format';
import { accountCopy, auditAccount, cardForAccount, ensureAnotherAdmin, makeCardAgree } from './accounts';
import { NO_ACCOUNT_HASH, hashPassword, oneTimePassword, passwordProblem, verifyPassword } from './password';
import { AREAS, ROLE_MATRIX } from './permissions';
import { DEFAULT_SETTINGS, readSetting } from './settings';
import { type LockoutPolicy, clearAttempts, countAttempt, countUnknownAttempt, lockMinutesLeft, lockStands, lockoutPolicy } from './lockout';

const toUser = (r: AppUserTable, card?: { position: string; deleted_at: string | null }): AppUser => ({
  id: r.id,
  login: r.login,
  displayName: r.display_name,
  role: r.role,
  deputyGrades: parseJsonArray<number>(r.deputy_grades),
  mustChangePassword: r.must_change_password === 1,
  disabled: r.disabled === 1,
  lockedUntil: r.locked_until,
  lastLoginAt: r.last_login_at,
  staffId: r.staff_id,
  position: card?.position ?? null,
  staffRemoved: card ? card.deleted_at !== null : false,
});

/** An account with its card's position (AppUser). */
function userView(ctx: Ctx, r: AppUserTable): AppUser {
  const { db } = ctx;
  const card = r.staff_id ? db.first(db.q.selectFrom('staff').select(['position', 'deleted_at']).where('id', '=', r.staff_id)) : undefined;
  return toUser(r, card);
}

export function sessionUser(r: AppUserTable): SessionUser {
  return {
    id: r.id,
    login: r.login,
    displayName: r.display_name,
    role: r.role,
    deputyGrades: parseJsonArray<number>(r.deputy_grades),
    mustChangePassword: r.must_change_password === 1,
    access: Object.fromEntries(AREAS.map((a) => [a, ROLE_MATRIX[r.role][a]])),
  };
}

function byLogin(ctx: Ctx, login: string): AppUserTable | undefined {
  const { db } = ctx;
  return db.first(db.q.selectFrom('app_user').selectAll().where((eb) => eb(eb.fn('lower', ['login']), '=', login.trim().toLowerCase())));
}

function byId(ctx: Ctx, id: string): AppUserTable {
  const { db } = ctx;
  const r = db.first(db.q.selectFrom('app_user').selectAll().where('id', '=', id));
  if (!r) throw notFound('Пользователь');
  return r;
}

export function userCount(ctx: Ctx): number {
  const { db } = ctx;
  return db.first(db.q.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
}

/** User accounts are local: their changes go to the audit log (the one write path), never to sync. */
const audit = auditAccount;

/** Logins, logouts, wrong passwords and lockouts of an account, in its audit trail (R25: who did what); the actor is the account. */
function auditSession(ctx: Ctx, r: Pick<AppUserTable, 'id' | 'login'>, event: string): void {
  ctx.db.tx(() => new Writer(ctx.db, ctx.actor, ctx.now).event('app_user', r.id, { session: event }, { actor: r.login }));
}

/**
 * The one answer of the login to every refusal: a wrong password, a login without an account, a
 * disabled account and a locked one (whatever the password) are told apart neither by the words
 * nor by the time (each attempt costs one scrypt), so the login screen reveals neither which
 * logins exist nor which are locked or disabled. It names the lockout, since it may be the cause.
 */
function loginRefused(policy: LockoutPolicy): AppError {
  return new AppError('unauthenticated', `Неверный логин или пароль, либо вход заблокирован: после ${policy.max}\u00a0неверных попыток подряд — на ${policy.minutes}\u00a0мин.`);
}

export function authStatus(ctx: Ctx): AuthStatus {
  return {
    hasUsers: userCount(ctx) > 0,
    user: ctx.session.user,
    locked: ctx.session.locked,
    autoLockMinutes: readSetting(ctx.db, 'security.autoLockMinutes', DEFAULT_SETTINGS.autoLockMinutes),
  };
}

/**
 * A new account, for a staff member: the chosen card (`staffId`), or the card found by the name, or
 * a new card (accounts.ts). The card is made to agree with the account in the same transaction.
 */
export async function createUser(
  ctx: Ctx,
  u: { login: string; displayName?: string; staffId?: string | null; role: AppRole; deputyGrades: number[]; password?: string; mustChange?: boolean; first?: boolean },
): Promise<{ row: AppUserTable; password: string }> {
  const taken = () => invalid(`Логин «${u.login}» уже занят`, [{ column: 'Логин', message: `Логин «${u.login}» уже занят` }]);
  if (byLogin(ctx, u.login)) throw taken();
  const password = u.password ?? oneTimePassword();
  const hash = await hashPassword(password);
  const now = ctx.now().toISOString();
  const row = ctx.db.tx(() => {
    // Decided inside the transaction: two first-run calls racing (two windows, two hosts on one
    // file) both pass the checks above while their passwords hash; only one makes an account.
    if (u.first && userCount(ctx) > 0) throw adminExists();
    if (byLogin(ctx, u.login)) throw taken();
    const w = new Writer(ctx.db, ctx.actor, ctx.now);
    const card = makeCardAgree(w, cardForAccount(ctx, w, u), u.role, u.deputyGrades);
    const row: AppUserTable = {
      id: uuidv7(),
      login: u.login.trim(),
      ...accountCopy(card, u.role),
      role: u.role,
      password_hash: hash,
      must_change_password: u.mustChange === false ? 0 : 1,
      failed_attempts: 0,
      locked_until: null,
      disabled: 0,
      last_login_at: null,
      created_at: now,
      updated_at: now,
      staff_id: card.id,
    };
    ctx.db.run(ctx.db.q.insertInto('app_user').values(row));
    audit(ctx, row.id, 'insert', null, { login: row.login, display_name: row.display_name, role: row.role, deputy_grades: row.deputy_grades, staff_id: row.staff_id });
    return row;
  });
  return { row, password };
}

/** First run: the first account is the system administrator, created by the person installing the app. */
const adminExists = () => new AppError('forbidden', 'Администратор уже создан. Войдите под своей учётной записью.');

export async function setupAdmin(ctx: Ctx, i: OpParsed<'auth.setupAdmin'>): Promise<SessionUser> {
  if (userCount(ctx) > 0) throw adminExists();
  const problem = passwordProblem(i.password);
  if (problem) throw invalid(problem, [{ column: 'Пароль', message: problem }]);
  // The administrator's own staff card: found by the name, or made (like the account, by 'system').
  const { row } = await createUser(ctx, { login: i.login, displayName: i.displayName, role: 'sysadmin', deputyGrades: [], password: i.password, mustChange: false, first: true });
  const user = sessionUser(row);
  ctx.session.signIn(user, ctx.now());
  return user;
}

export async function login(ctx: Ctx, i: OpParsed<'auth.login'>): Promise<SessionUser> {
  const { db } = ctx;
  const now = ctx.now();
  const policy = lockoutPolicy(db);
  const r = byLogin(ctx, i.login);
  // Counted before the password is checked (see lockout.ts); a login without an account counts too.
  const attempt = r ? countAttempt(db, r.id, now, policy) : countUnknownAttempt(db, i.login, now, policy);
  const checked = r !== undefined && attempt.checkable;
  // Always one scrypt: a locked account's password is not checked, but costs the same time.
  const right = await verifyPassword(i.password, checked ? r.password_hash : NO_ACCOUNT_HASH);
  if (!checked) throw loginRefused(policy);
  if (!right) {
    const locked = attempt.until !== null && lockStands(db, r.id, attempt.until);
    auditSession(ctx, r, locked ? `неверный пароль, вход заблокирован на ${policy.minutes} мин.` : 'неверный пароль');
    throw loginRefused(policy);
  }
  // The account as it is now (it may have changed while the password was checked).
  const current = db.tx(() => {
    const c = db.first(db.q.selectFrom('app_user').selectAll().where('id', '=', r.id));
    if (!c || c.disabled || c.password_hash !== r.password_hash) return c;
    clearAttempts(db, r.id);
    db.run(db.q.updateTable('app_user').set({ last_login_at: now.toISOString() }).where('id', '=', r.id));
    auditSession(ctx, r, 'вход');
    return c;
  });
  if (!current || current.password_hash !== r.password_hash) throw loginRefused(policy);
  // A disabled account says so, but only to whoever typed its right password within the allowed
  // guesses (a locked one is refused above like a wrong password): that tells nothing usable to
  // someone looking for accounts or passwords, and spares its owner further guesses that would
  // only lock it. The attempt stays counted: it is not a login.
  if (current.disabled) throw new AppError('forbidden', 'Учётная запись отключена. Обратитесь к администратору системы.');
  const user = sessionUser(current);
  ctx.session.signIn(user, now);
  return user;
}

export function logout(ctx: Ctx): void {
  const user = ctx.session.user;
  if (user) auditSession(ctx, { id: user.id, login: user.login }, 'выход');
  ctx.session.signOut();
}

/**
 * The lock screen: the same user's password. Wrong ones count toward the lockout as at the login,
 * counted before the check (lockout.ts); a locked or disabled account ends the session (the login
 * screen then says why).
 */
export async function unlock(ctx: Ctx, password: string): Promise<SessionUser> {
  const user = ctx.session.user;
  if (!user) throw new AppError('unauthenticated', 'Войдите в программу под своей учётной записью.');
  const { db } = ctx;
  const now = ctx.now();
  const policy = lockoutPolicy(db);
  const endSession = (e: AppError) => {
    if (ctx.session.user?.id === user.id) ctx.session.signOut();
    return e;
  };
  const r = db.first(db.q.selectFrom('app_user').selectAll().where('id', '=', user.id));
  if (!r || r.disabled) throw endSession(new AppError('forbidden', 'Учётная запись отключена. Обратитесь к администратору системы.'));
  const attempt = countAttempt(db, r.id, now, policy);
  if (!attempt.checkable)
    throw endSession(
      new AppError('forbidden', `Вход заблокирован после нескольких неверных паролей. Повторите через ${lockMinutesLeft(db, r.id, now) || policy.minutes} мин. или обратитесь к администратору.`),
    );
  const right = await verifyPassword(password, r.password_hash);
  if (!right) {
    const locked = attempt.until !== null && lockStands(db, r.id, attempt.until);
    auditSession(ctx, r, locked ? `неверный пароль, вход заблокирован на ${policy.minutes} мин.` : 'неверный пароль');
    if (locked) throw endSession(new AppError('forbidden', `Слишком много неверных попыток: вход заблокирован на ${policy.minutes} мин.`));
    throw new AppError('unauthenticated', 'Неверный пароль.');
  }
  // The session may have ended while the password was checked (a concurrent wrong one locked it).
  if (ctx.session.user?.id !== r.id) throw new AppError('unauthenticated', 'Войдите в программу под своей учётной записью.');
  clearAttempts(db, r.id);
  ctx.session.signIn(sessionUser(r), ctx.now());
  return ctx.session.user!;
}

export async function changePassword(ctx: Ctx, i: OpParsed<'auth.changePassword'>): Promise<SessionUser> {
  const user = ctx.session.user!;
  const r = byId(ctx, user.id);
  if (!(await verifyPassword(i.oldPassword, r.password_hash)))
    throw invalid('Текущий пароль введён неверно', [{ column: 'Текущий пароль', message: 'Текущий пароль введён неверно' }]);
  const problem = passwordProblem(i.newPassword) ?? (i.newPassword === i.oldPassword ? 'Новый пароль должен отличаться от текущего' : null);
  if (problem) throw invalid(problem, [{ column: 'Новый пароль', message: problem }]);
  const hash = await hashPassword(i.newPassword);
  const { db } = ctx;
  db.tx(() => {
    // The current password was checked against the hash read before the transaction: it decides only if it is still that one.
    if (byId(ctx, r.id).password_hash !== r.password_hash) throw new AppError('conflict', 'Пароль только что изменили в другом окне. Войдите заново.');
    db.run(db.q.updateTable('app_user').set({ password_hash: hash, must_change_password: 0, updated_at: ctx.now().toISOString() }).where('id', '=', r.id));
    audit(ctx, r.id, 'update', { password: '***' }, { password: '***' });
  });
  ctx.session.signIn(sessionUser(byId(ctx, r.id)), ctx.now());
  return ctx.session.user!;
}

export function listUsers(ctx: Ctx): AppUser[] {
  const { db } = ctx;
  const cards = new Map(db.all(db.q.selectFrom('staff').select(['id', 'position', 'deleted_at']).where('id', 'in', db.q.selectFrom('app_user').select('staff_id').where('staff_id', 'is not', null))).map((c) => [c.id, c]));
  return db.all(db.q.selectFrom('app_user').selectAll().orderBy('display_name')).map((r) => toUser(r, r.staff_id ? cards.get(r.staff_id) : undefined));
}

/**
 * Creates an account for a staff member, or changes one: login, role (the card gets that duty),
 * a deputy's parallels (written to the card), the card it belongs to (`staffId`: omitted keeps it,
 * null unlinks). The name of a linked account is the card's. The last active administrator is
 * never demoted or unlinked.
 */
export async function saveUser(ctx: Ctx, i: OpParsed<'users.save'>): Promise<UserSaved> {
  if (!i.id) {
    const { row, password } = await createUser(ctx, { login: i.login, displayName: i.displayName, staffId: i.staffId, role: i.role, deputyGrades: i.deputyGrades });
    return { user: userView(ctx, row), password };
  }
  const { db } = ctx;
  db.tx(() => {
    const old = byId(ctx, i.id!);
    const same = byLogin(ctx, i.login);
    if (same && same.id !== old.id) throw invalid(`Логин «${i.login}» уже занят`, [{ column: 'Логин', message: `Логин «${i.login}» уже занят` }]);
    const staffId = i.staffId === undefined ? old.staff_id : i.staffId;
    if (old.role === 'sysadmin' && old.disabled === 0 && i.role !== 'sysadmin') ensureAnotherAdmin(ctx, old.id);
    if (old.role === 'sysadmin' && old.disabled === 0 && old.staff_id && !staffId)
      ensureAnotherAdmin(ctx, old.id, 'Это единственный администратор системы: его учётную запись нельзя отвязать от сотрудника.');
    let next: Pick<AppUserTable, 'login' | 'display_name' | 'role' | 'deputy_grades' | 'staff_id'>;
    if (staffId) {
      const w = new Writer(db, ctx.actor, ctx.now);
      const card = cardForAccount(ctx, w, { staffId, displayName: i.displayName, role: i.role }, old.id);
      next = { login: i.login, role: i.role, staff_id: card.id, ...accountCopy(makeCardAgree(w, card, i.role, i.deputyGrades), i.role) };
    } else {
      const name = i.displayName?.trim() || old.display_name;
      next = { login: i.login, display_name: name, role: i.role, deputy_grades: JSON.stringify(i.role === 'deputy' ? i.deputyGrades : []), staff_id: null };
    }
    db.run(db.q.updateTable('app_user').set({ ...next, updated_at: ctx.now().toISOString() }).where('id', '=', old.id));
    audit(ctx, old.id, 'update', { login: old.login, display_name: old.display_name, role: old.role, deputy_grades: old.deputy_grades, staff_id: old.staff_id }, next);
  });
  if (ctx.session.user?.id === i.id) refreshSession(ctx);
  return { user: userView(ctx, byId(ctx, i.id)), password: null };
}


/**
 * Reads the signed-in user again after their account changed under the session (their own card
 * edited, a backup restored): a new role or name takes effect at once; an account that is gone
 * or disabled ends the session.
 */
export function refreshSession(ctx: Ctx): void {
  followAccount(ctx);
}

/**
 * The session follows its account on every call (guard): the account may have been changed by
 * another host on the same file (the CLI, a second app or browser session), so its role, parallels
 * and forced password change are read again — one read by the primary key. A disabled or missing
 * account ends the session; returns why, in Russian, or null. Service sessions (no account) pass.
 */
export function followAccount(ctx: Ctx): string | null {
  const s = ctx.session;
  if (!s.user || s.service) return null;
  const r = ctx.db.statement('SELECT * FROM app_user WHERE id = ?').get(s.user.id) as AppUserTable | undefined;
  if (r && !r.disabled) {
    s.user = sessionUser(r);
    return null;
  }
  s.signOut();
  return r ? 'Учётная запись отключена администратором системы: сеанс завершён.' : 'Учётной записи больше нет: сеанс завершён. Обратитесь к администратору системы.';
}

export async function resetPassword(ctx: Ctx, id: string): Promise<{ password: string }> {
  const r = byId(ctx, id);
  const password = oneTimePassword();
  const hash = await hashPassword(password);
  const { db } = ctx;
  db.tx(() => {
    db.run(db.q.updateTable('app_user').set({ password_hash: hash, must_change_password: 1, failed_attempts: 0, locked_until: null, updated_at: ctx.now().toISOString() }).where('id', '=', r.id));
    audit(ctx, r.id, 'update', { password: '***' }, { password: 'сброшен' });
  });
  return { password };
}

export function setDisabled(ctx: Ctx, id: string, disabled: boolean): AppUser {
  const { db } = ctx;
  db.tx(() => {
    const r = byId(ctx, id);
    if (disabled && r.id === ctx.session.user?.id) throw invalid('Нельзя отключить собственную учётную запись.');
    if (disabled && r.role === 'sysadmin') ensureAnotherAdmin(ctx, r.id);
    if (!disabled && r.staff_id && db.first(db.q.selectFrom('staff').select('id').where('id', '=', r.staff_id).where('deleted_at', 'is not', null)))
      throw invalid('Сотрудник удалён из списка сотрудников: его учётную запись нельзя включить.');
    db.run(db.q.updateTable('app_user').set({ disabled: disabled ? 1 : 0, updated_at: ctx.now().toISOString() }).where('id', '=', id));
    audit(ctx, id, 'update', { disabled: r.disabled === 1 }, { disabled });
  });
  return userView(ctx, byId(ctx, id));
}
