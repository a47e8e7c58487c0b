// Issue 10, a newcomer's first administrator (docs/sync.md «A newcomer»): an installation made fresh
// (a reinstall, another office computer) registers to a school the central system already has. Its
// first-run administrator got a staff card of their own (accounts.ts cardForAccount), and the
// school's staff, with the same person, comes with the first pull. Before anything is pushed, each
// account whose card was made here and never sent is linked to the pulled card of the same person:
// the local card merges into it (the sync store's mergeInto: its insert leaves the outbox, its edits
// and every reference move to the pulled card, nothing else entered here is touched), and the pulled
// card is made to agree with the account (the account's role among its duties), the account's name
// following it. No match, or no single one: the local card stays and is pushed as a new staff member.
import type { Ctx } from '../context';
import * as store from '../../../db/sync';
import { Writer, type AppUserTable, type Row } from '../../../db';
import { fullName } from '../format';
import { ruKey } from '../../api/text';
import { accountOfCard, auditAccount, followCard, makeCardAgree } from '../auth/accounts';
import { parseJsonArray } from '../format';

const digits = (v: string | null): string | null => (v ? v.replace(/\D/g, '') || null : null);

/**
 * The pulled card of the same person as `local`, if exactly one: a live card the server has, with the
 * same «Фамилия Имя Отчество» (case and spaces aside), no other account, and no СНИЛС or birth date
 * contradicting the local card's (the staff model's natural keys: db/entities.ts `staff.keys`). Among
 * several, the one whose СНИЛС or birth date agrees; still several: none (which one is not guessed).
 */
export function pulledCardOf(ctx: Ctx, local: Row<'staff'>): Row<'staff'> | undefined {
  const { db } = ctx;
  const name = ruKey(fullName(local));
  const snils = digits(local.snils);
  const candidates = db
    .all(db.q.selectFrom('staff').selectAll().where('deleted_at', 'is', null).where('id', '!=', local.id))
    .filter((s) => ruKey(fullName(s)) === name && store.isServerRow(db, 'staff', s.id) && !accountOfCard(ctx, s.id))
    .filter((s) => !(snils && digits(s.snils) && digits(s.snils) !== snils) && !(local.birth_date && s.birth_date && s.birth_date !== local.birth_date));
  if (candidates.length <= 1) return candidates[0];
  const sure = candidates.filter((s) => (snils !== null && digits(s.snils) === snils) || (local.birth_date !== null && s.birth_date === local.birth_date));
  return sure.length === 1 ? sure[0] : undefined;
}

/** Links every account whose card was made here and never sent to the pulled card of the same person. Returns how many. */
export function linkAccountsToPulledCards(ctx: Ctx): number {
  const { db } = ctx;
  const accounts: AppUserTable[] = db.all(db.q.selectFrom('app_user').selectAll().where('staff_id', 'is not', null));
  let linked = 0;
  for (const a of accounts) {
    const local = db.first(db.q.selectFrom('staff').selectAll().where('id', '=', a.staff_id!).where('deleted_at', 'is', null));
    if (!local || !store.isUnsentInsert(db, 'staff', local.id)) continue;
    const theirs = pulledCardOf(ctx, local);
    if (!theirs) continue;
    store.mergeInto(db, 'staff', local.id, theirs.id, () => {
      // The pulled card as it now shows (with the edits made here to the local one) agrees with the account.
      const card = db.first(db.q.selectFrom('staff').selectAll().where('id', '=', theirs.id))!;
      const w = new Writer(db, ctx.actor, ctx.now);
      const agreed = makeCardAgree(w, card, a.role, parseJsonArray<number>(card.deputy_grades));
      auditAccount(ctx, a.id, 'update', { staff_id: local.id }, { staff_id: theirs.id });
      followCard(ctx, agreed);
    });
    linked++;
  }
  return linked;
}
