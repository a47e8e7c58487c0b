// Issue 8, roles as a school works: every app account belongs to a staff member.
//
// The model (docs/architecture.md, «Who may do what»):
// - the staff card says what the person does at the school (`staff.roles`: director, deputy with
//   their parallels, sysadmin, secretary, teacher) — synced with the central journal, read by the
//   workload, the documents and the director's choice;
// - the account (`app_user`, local) says what the person may do in this program: one role, which is
//   what the card shows as «Роль в программе»;
// - they agree: the account's role is one of the card's duties, and a deputy's parallels are the
//   card's `deputy_grades` (the one place they are kept; the account holds a copy for the session).
//   Saving an account makes its card agree (adds the duty, writes the parallels); saving a card
//   that would contradict its account is refused; the account's name and parallels follow the card
//   (followCard: whatever else writes a card — a future sync pull — must call it too; the core's
//   checks read the parallels from the card itself, the copy serves the session's display).
import type { Ctx } from '../context';
import type { AppRole, StaffAccount, StaffRole } from '../../api/types';
import { Writer, type AppUserTable, type Row } from '../../../db';
import { invalid, notFound } from '../../api/errors';
import { fullName, parseJsonArray } from '../format';
import { ROLE_LABELS, allows } from './permissions';
import { staffRoles } from '../../api/enums';
import { ruKey } from '../../api/text';

const norm = ruKey;
const STAFF_ROLE_ORDER: readonly StaffRole[] = staffRoles.values;
/** The duty a card gets when its role comes from an account (the staff card's labels). */
const DUTY_LABELS: Record<AppRole, string> = staffRoles.labels;
/** The position of a card made for an account (the first administrator, the command line). */
const POSITION_FOR_ROLE: Record<AppRole, string> = DUTY_LABELS;

export const sortedGrades = (grades: readonly number[]) => [...new Set(grades)].sort((a, b) => a - b);

/** Account changes are local (never synced): each goes to the audit log through the one write path, without password hashes. */
export function auditAccount(ctx: Ctx, id: string, action: 'insert' | 'update', oldValues: Record<string, unknown> | null, newValues: Record<string, unknown>): void {
  new Writer(ctx.db, ctx.actor, ctx.now).local('app_user', id, action, oldValues, newValues);
}

export function accountOfCard(ctx: Ctx, staffId: string): AppUserTable | undefined {
  const { db } = ctx;
  return db.first(db.q.selectFrom('app_user').selectAll().where('staff_id', '=', staffId));
}

function liveCard(ctx: Ctx, id: string): Row<'staff'> {
  const { db } = ctx;
  const r = db.first(db.q.selectFrom('staff').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
  if (!r) throw notFound('Сотрудник');
  return r;
}

/** «Фамилия Имя Отчество» for a new card: at least the surname and the first name. */
function nameParts(displayName: string): { last_name: string; first_name: string; middle_name: string | null } {
  const words = displayName.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2)
    throw invalid('Укажите фамилию и имя сотрудника полностью: «Фамилия Имя Отчество»', [{ column: 'ФИО', message: 'Укажите фамилию и имя: «Фамилия Имя Отчество»' }]);
  return { last_name: words[0]!, first_name: words[1]!, middle_name: words.length > 2 ? words.slice(2).join(' ') : null };
}

/**
 * The card a new or relinked account will belong to: the chosen one (`staffId`), else the one live
 * card bearing `displayName`, else a new card (the first administrator, the command line). Refused
 * when the name is borne by several cards, or when the card already has another account.
 */
export function cardForAccount(ctx: Ctx, w: Writer, i: { staffId?: string | null; displayName?: string; role: AppRole }, accountId?: string): Row<'staff'> {
  const { db } = ctx;
  let card: Row<'staff'>;
  if (i.staffId) {
    card = liveCard(ctx, i.staffId);
    // The name of an account is its card's: another one is not saved silently.
    if (i.displayName !== undefined && norm(i.displayName) !== norm(fullName(card))) {
      const message = `ФИО берётся из карточки сотрудника («${fullName(card)}»): измените его в карточке (Настройка → Сотрудники).`;
      throw invalid(message, [{ column: 'ФИО', message }]);
    }
  } else {
    const name = i.displayName?.trim() ?? '';
    if (!name) throw invalid('Выберите сотрудника, которому принадлежит учётная запись', [{ column: 'Сотрудник', message: 'Выберите сотрудника' }]);
    const parts = nameParts(name);
    const same = db.all(db.q.selectFrom('staff').selectAll().where('deleted_at', 'is', null)).filter((s) => norm(fullName(s)) === norm(name));
    if (same.length > 1)
      throw invalid(`Сотрудников с ФИО «${name}» несколько: выберите сотрудника по должности`, [{ column: 'Сотрудник', message: 'Выберите сотрудника' }]);
    card =
      same[0] ??
      w.insert('staff', {
        ...parts,
        birth_date: null,
        gender: null,
        snils: null,
        phone: null,
        email: null,
        position: POSITION_FOR_ROLE[i.role],
        roles: JSON.stringify([i.role]),
        deputy_grades: '[]',
        rate_hours: 40,
      });
  }
  const other = accountOfCard(ctx, card.id);
  if (other && other.id !== accountId) {
    const message = `У сотрудника ${fullName(card)} уже есть учётная запись «${other.login}»`;
    throw invalid(message, [{ column: 'Сотрудник', message }]);
  }
  return card;
}

/**
 * Makes the card agree with its account: the card's duties include the account's role, and a
 * deputy's parallels are the ones given. Writes through the Writer (synced, audited) only what changes.
 */
export function makeCardAgree(w: Writer, card: Row<'staff'>, role: AppRole, deputyGrades: readonly number[]): Row<'staff'> {
  const roles = parseJsonArray<StaffRole>(card.roles);
  const patch: { roles?: string; deputy_grades?: string } = {};
  if (!roles.includes(role)) patch.roles = JSON.stringify(STAFF_ROLE_ORDER.filter((r) => r === role || roles.includes(r)));
  if (role === 'deputy') {
    const grades = JSON.stringify(sortedGrades(deputyGrades));
    if (grades !== JSON.stringify(sortedGrades(parseJsonArray<number>(card.deputy_grades)))) patch.deputy_grades = grades;
  }
  return Object.keys(patch).length ? w.update('staff', card.id, patch) : card;
}

/** What the account copies from its card: the name and, for a deputy, the parallels. */
export function accountCopy(card: Row<'staff'>, role: AppRole): { display_name: string; deputy_grades: string } {
  return { display_name: fullName(card), deputy_grades: role === 'deputy' ? JSON.stringify(sortedGrades(parseJsonArray<number>(card.deputy_grades))) : '[]' };
}

/**
 * Before a card is saved (staff.save): a card with an account keeps the duty that is the account's
 * role. Refused with the way out: change the account's role first.
 */
export function checkCardKeepsAccount(ctx: Ctx, staffId: string, roles: readonly StaffRole[]): void {
  const a = accountOfCard(ctx, staffId);
  if (!a || roles.includes(a.role)) return;
  const message = `Сотрудник входит в программу с ролью «${ROLE_LABELS[a.role]}» (логин ${a.login}): обязанность «${DUTY_LABELS[a.role]}» нельзя снять, пока в разделе «Пользователи» не изменена роль учётной записи.`;
  throw invalid(message, [{ column: 'Роли', message }]);
}

/** After a card is saved, in the same transaction: its account's name and parallels follow it. */
export function followCard(ctx: Ctx, card: Row<'staff'>): void {
  const a = accountOfCard(ctx, card.id);
  if (!a) return;
  const next = accountCopy(card, a.role);
  if (next.display_name === a.display_name && next.deputy_grades === a.deputy_grades) return;
  const { db } = ctx;
  db.run(db.q.updateTable('app_user').set({ ...next, updated_at: ctx.now().toISOString() }).where('id', '=', a.id));
  auditAccount(ctx, a.id, 'update', { display_name: a.display_name, deputy_grades: a.deputy_grades }, next);
}

/** Before a card is removed: a person who may still log in keeps their card. */
export function checkCardRemovable(ctx: Ctx, staffId: string): void {
  const a = accountOfCard(ctx, staffId);
  if (a && !a.disabled)
    throw invalid(`У сотрудника есть учётная запись «${a.login}» в программе: сначала отключите её (Администрирование → Пользователи), затем удалите сотрудника.`);
}

/** The accounts of the cards, for the staff list: the login only for those who may view the users. */
export function accountsByCard(ctx: Ctx): Map<string, StaffAccount> {
  const { db } = ctx;
  const user = ctx.session.user;
  const seesLogins = user ? allows(user.role, { area: 'users', access: 'view' }) : false;
  const rows = db.all(db.q.selectFrom('app_user').select(['id', 'login', 'role', 'disabled', 'staff_id']).where('staff_id', 'is not', null));
  return new Map(rows.map((r) => [r.staff_id!, { id: r.id, login: seesLogins ? r.login : null, role: r.role, disabled: r.disabled === 1 }]));
}

/**
 * The last active administrator stays: never demoted, unlinked from their card or disabled (the
 * program would have nobody to manage users, backups and corrections). Call inside the transaction.
 */
export function ensureAnotherAdmin(ctx: Ctx, exceptId: string, what = 'Это единственный администратор системы: сначала назначьте другого администратора.'): void {
  const { db } = ctx;
  const others =
    db.first(
      db.q.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'sysadmin').where('disabled', '=', 0).where('id', '!=', exceptId),
    )?.n ?? 0;
  if (others === 0) throw invalid(what);
}
