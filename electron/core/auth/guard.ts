import type { OpName } from '../../api/contract';
import { AppError } from '../../api/errors';
import type { Ctx } from '../context';
import { AREA_LABELS, OP_NEEDS, ROLE_LABELS, allows, type Area } from './permissions';
import { DEFAULT_SETTINGS, readSetting } from './settings';
import { followAccount } from './users';

const WHILE_LOCKED = new Set<OpName>(['auth.unlock', 'auth.logout', 'auth.status', 'app.info']);
const WHILE_MUST_CHANGE = new Set<OpName>(['auth.changePassword', 'auth.logout', 'auth.status', 'app.info', 'auth.lock', 'school.get']);

/** Refuses the call unless the session's user may make it. Throws AppError. */
export function guard(ctx: Ctx, name: OpName): void {
  const need = OP_NEEDS[name];
  // Every call, public ones too (auth.status tells the truth), sees the account as it is now.
  const ended = followAccount(ctx);
  if (need === 'public') return;
  const s = ctx.session;
  if (!s.user) throw new AppError('unauthenticated', ended ?? 'Войдите в программу под своей учётной записью.');
  const now = ctx.now().getTime();
  const autoLock = readSetting(ctx.db, 'security.autoLockMinutes', DEFAULT_SETTINGS.autoLockMinutes);
  if (!s.locked && s.enforcePasswordChange && s.lastActivity && now - s.lastActivity > autoLock * 60_000) s.locked = true;
  if (s.locked && !WHILE_LOCKED.has(name)) throw new AppError('locked', 'Программа заблокирована после бездействия. Введите пароль, чтобы продолжить.');
  if (s.enforcePasswordChange && s.user.mustChangePassword && !WHILE_MUST_CHANGE.has(name))
    throw new AppError('forbidden', 'Смените одноразовый пароль, чтобы продолжить работу.');
  if (need !== 'session') requireAccess(ctx, need.area, need.access);
  if (!s.locked) s.lastActivity = now;
}

export function requireAccess(ctx: Ctx, area: Area, access: 'view' | 'change'): void {
  const user = ctx.session.user;
  if (!user) throw new AppError('unauthenticated', 'Войдите в программу под своей учётной записью.');
  if (!allows(user.role, { area, access }))
    throw new AppError(
      'forbidden',
      `Недостаточно прав: раздел «${AREA_LABELS[area]}» ${access === 'change' ? 'нельзя изменять' : 'недоступен'} для роли «${ROLE_LABELS[user.role]}».`,
    );
}
