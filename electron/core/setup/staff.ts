import type { Ctx } from '../context';
import { staffRow } from '../rows';
import type { OpParsed } from '../../api/contract';
import type { Staff, StaffAccount, StaffRole } from '../../api/types';
import type { Row } from '../../../db';
import { invalid, notFound, type Problem } from '../../api/errors';
import { act } from '../tx';
import { fullName, parseJsonArray } from '../format';
import { normalizeSnils, snilsChecksumOk, normalizePhone } from '../../import';
import { refreshSession } from '../auth/users';
import { qualificationsByStaff, setQualifications, subjectNames } from './qualifications';
import { accountsByCard, checkCardKeepsAccount, checkCardRemovable, followCard } from '../auth/accounts';
import { className, ruFold } from '../../api/text';

/** A card as the API gives it; `subjects`: the names of the subjects it may teach (ids in staff_qualification). */
export const toStaff = (r: Row<'staff'>, account: StaffAccount | null = null, subjects: string[] = []): Staff => ({
  id: r.id,
  lastName: r.last_name,
  firstName: r.first_name,
  middleName: r.middle_name,
  fullName: fullName(r),
  birthDate: r.birth_date,
  gender: r.gender,
  snils: r.snils,
  phone: r.phone,
  email: r.email,
  position: r.position,
  roles: parseJsonArray<StaffRole>(r.roles),
  deputyGrades: parseJsonArray<number>(r.deputy_grades),
  subjects,
  rateHours: r.rate_hours,
  account,
});

export function listStaff(ctx: Ctx, search?: string): Staff[] {
  const { db } = ctx;
  const accounts = accountsByCard(ctx);
  const quals = qualificationsByStaff(ctx);
  const { nameOf } = subjectNames(ctx);
  const all = db
    .all(db.q.selectFrom('staff').selectAll().where('deleted_at', 'is', null))
    .map((r) => toStaff(r, accounts.get(r.id) ?? null, (quals.get(r.id) ?? []).map((id) => nameOf.get(id)!)));
  const needle = search?.trim() ? ruFold(search.trim()) : undefined;
  const list = needle ? all.filter((s) => ruFold(`${s.fullName} ${s.position}`).includes(needle)) : all;
  return list.sort((a, b) => a.fullName.localeCompare(b.fullName, 'ru'));
}

/** Normalizes the optional identity fields of a person; problems name the field in Russian. */
export function checkContacts(i: { snils?: string | null; phone?: string | null; email?: string | null }, problems: Problem[]) {
  let snils: string | null = null;
  let phone: string | null = null;
  if (i.snils) {
    snils = normalizeSnils(i.snils);
    if (!snils) problems.push({ column: 'СНИЛС', message: `СНИЛС «${i.snils}» должен содержать 11 цифр` });
    else if (!snilsChecksumOk(snils)) problems.push({ column: 'СНИЛС', message: `Неверная контрольная сумма СНИЛС «${snils}»` });
  }
  if (i.phone) {
    phone = normalizePhone(i.phone);
    if (!phone) problems.push({ column: 'Телефон', message: `Не удалось распознать телефон «${i.phone}»` });
  }
  if (i.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(i.email)) problems.push({ column: 'E-mail', message: `Неверный адрес электронной почты «${i.email}»` });
  return { snils, phone, email: i.email ?? null };
}

export function saveStaff(ctx: Ctx, i: OpParsed<'staff.save'>): Staff {
  const { db } = ctx;
  const problems: Problem[] = [];
  const c = checkContacts(i, problems);
  if (i.birthDate && i.birthDate > ctx.now().toISOString().slice(0, 10)) problems.push({ column: 'Дата рождения', message: 'Дата рождения в будущем' });
  if (problems.length) throw invalid(problems[0]!.message, problems);
  const saved = act(ctx, (w) => {
    // Issue 9: the card names subjects; they are kept by id. A name of no subject is refused, not dropped.
    const { idsOf } = subjectNames(ctx);
    const subjectIds = new Set<string>();
    for (const name of i.subjects) {
      const ids = idsOf(name);
      if (!ids.length) throw invalid(`Предмета «${name}» нет в списке предметов школы`, [{ column: 'subjects', message: `Предмета «${name}» нет в списке предметов школы` }]);
      for (const id of ids) subjectIds.add(id);
    }
    const withSubjects = (r: Row<'staff'>) => {
      setQualifications(ctx, w, r.id, subjectIds);
      const { nameOf } = subjectNames(ctx);
      return (qualificationsByStaff(ctx, [r.id]).get(r.id) ?? []).map((id) => nameOf.get(id)!);
    };
    const values = staffRow({ ...i, ...c });
    if (i.id) {
      if (!db.first(db.q.selectFrom('staff').select('id').where('id', '=', i.id).where('deleted_at', 'is', null))) throw notFound('Сотрудник');
      // The card and its account agree (accounts.ts): the account's duty stays; its name and parallels follow.
      checkCardKeepsAccount(ctx, i.id, i.roles);
      const saved = w.update('staff', i.id, values);
      followCard(ctx, saved);
      return toStaff(saved, accountsByCard(ctx).get(saved.id) ?? null, withSubjects(saved));
    }
    const card = w.insert('staff', values);
    return toStaff(card, null, withSubjects(card));
  });
  refreshSession(ctx); // one's own card: a new name or new parallels apply at once
  return saved;
}

export function removeStaff(ctx: Ctx, id: string): void {
  const { db } = ctx;
  // The checks read in the transaction: a class or hours given to them meanwhile would be left without a teacher.
  act(ctx, (w) => {
    const classes = db.all(db.q.selectFrom('school_class').select(['grade', 'letter']).where('class_teacher_id', '=', id).where('deleted_at', 'is', null));
    if (classes.length)
      throw invalid(`Сотрудник — классный руководитель ${classes.map((c) => className(c)).join(', ')}. Сначала назначьте другого классного руководителя.`);
    const hours = db.first(
      db.q.selectFrom('teaching_assignment').select((eb) => eb.fn.sum<number>('hours_per_week').as('h')).where('teacher_id', '=', id).where('deleted_at', 'is', null),
    )?.h;
    if (hours) throw invalid(`У сотрудника ${String(hours).replace('.', ',')} ч в неделю по тарификации. Сначала передайте его часы другим учителям (Группы и нагрузка).`);
    checkCardRemovable(ctx, id);
    w.remove('staff', id);
  });
}
