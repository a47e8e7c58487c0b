// The year-end orders (issue 15 point 3, R24; 273-ФЗ art. 58): «О переводе в следующий класс»
// (promotion) and «Об отчислении в связи с завершением обучения» (graduation). Their items carry a
// decision; what each decision may be, who may be in such an order, and the day it takes effect
// (shared semantics 3, docs/year-end.md «Перевод и выпуск»).
import type { Ctx } from '../context';
import type { Row } from '../../../db';
import type { Problem } from '../../api/errors';
import { invalid } from '../../api/errors';
import { promotionDecisions, type OrderKind, type PromotionDecision } from '../../api/enums';
import { DECISION_KINDS } from '../../api/orders';
import { className } from '../../api/text';
import { ruDate } from '../format';
import { orderLabel } from './queries';

export const isDecisionKind = (k: OrderKind) => DECISION_KINDS.has(k);

/** The decisions each kind takes. */
export const KIND_DECISIONS: Record<'promotion' | 'graduation', readonly PromotionDecision[]> = {
  promotion: ['promoted', 'conditional', 'repeat'],
  graduation: ['graduated', 'continues'],
};

/** The day after an ISO day. */
export function dayAfter(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The first day of the year after `yearId`: its start when it exists, else the old year's end + 1. */
export function nextYearStart(ctx: Ctx, yearId: string): string {
  const { db } = ctx;
  const y = db.first(db.q.selectFrom('academic_year').select(['end_date']).where('id', '=', yearId));
  if (!y) return '';
  const next = db.first(db.q.selectFrom('academic_year').select('start_date').where('deleted_at', 'is', null).where('start_date', '>', y.end_date).orderBy('start_date').limit(1));
  return next?.start_date ?? dayAfter(y.end_date);
}

/** The day an item takes effect: a graduate leaves on the order's day, the others move on the next year's first. */
export const decisionDate = (ctx: Ctx, yearId: string, orderDate: string, d: PromotionDecision) => (d === 'graduated' ? orderDate : nextYearStart(ctx, yearId));

/** Whether a decision fits the class's grade (promotion into 10 is graduation's «continues»; there is no 12th grade). */
export function decisionFits(kind: 'promotion' | 'graduation', grade: number, d: PromotionDecision): string | null {
  if (!KIND_DECISIONS[kind].includes(d)) return `решение «${promotionDecisions.labels[d]}» не для приказа этого вида`;
  if (kind === 'graduation' && grade !== 9 && grade !== 11) return `в ${grade} классе не завершают обучение: приказ об отчислении в связи с завершением обучения — для 9 и 11 классов`;
  if (d === 'continues' && grade !== 9) return 'продолжают обучение в 10 классе только выпускники 9 класса';
  if ((d === 'promoted' || d === 'conditional') && (grade === 9 || grade === 11))
    return grade === 9 ? 'из 9 класса не переводят: окончившие 9 класс отчисляются или продолжают обучение в 10 классе (приказ о выпуске)' : 'из 11 класса не переводят: выпускники отчисляются приказом о выпуске';
  return null;
}

interface DecisionItem {
  studentId?: string | null;
  classFromId?: string | null;
  decision?: PromotionDecision | null;
}

/**
 * The year-end checks of a draft's items (`items.N.field` problems): the decision present and fitting,
 * the student in `classFromId` (a class of the order's year) on the order's day, and in no other live
 * promotion or graduation order of the year. Other kinds: a decision is refused.
 */
export function checkDecisions(ctx: Ctx, order: { id: string | null; kind: OrderKind; date: string; yearId: string }, items: DecisionItem[]): Problem[] {
  const problems: Problem[] = [];
  const need = (idx: number, field: string, message: string) => problems.push({ row: idx + 1, column: `items.${idx}.${field}`, message: `Строка ${idx + 1}: ${message}` });
  if (!isDecisionKind(order.kind)) {
    items.forEach((it, idx) => it.decision && need(idx, 'decision', 'решение о переводе указывают только в приказах о переводе и о выпуске'));
    return problems;
  }
  const kind = order.kind as 'promotion' | 'graduation';
  const { db } = ctx;
  const others = otherDecisions(ctx, order, items.map((it) => it.studentId).filter((s): s is string => !!s));
  items.forEach((it, idx) => {
    if (!it.decision) need(idx, 'decision', 'не выбрано решение');
    if (!it.classFromId) return need(idx, 'classFromId', 'не выбран класс, в котором учится ученик');
    const c = db.first(db.q.selectFrom('school_class').select(['grade', 'letter', 'year_id']).where('id', '=', it.classFromId).where('deleted_at', 'is', null));
    if (!c) return; // «класс не найден» is said by the general checks
    if (c.year_id !== order.yearId) return need(idx, 'classFromId', `${className(c)} класс — не класс учебного года приказа (${ruDate(order.date)})`);
    if (it.decision) {
      const wrong = decisionFits(kind, c.grade, it.decision);
      if (wrong) need(idx, 'decision', wrong);
    }
    if (it.studentId) {
      const member = db.first(
        db.q
          .selectFrom('class_membership')
          .select('id')
          .where('student_id', '=', it.studentId)
          .where('class_id', '=', it.classFromId)
          .where('deleted_at', 'is', null)
          .where('date_from', '<=', order.date)
          .where((eb) => eb.or([eb('date_to', 'is', null), eb('date_to', '>', order.date)])),
      );
      if (!member) need(idx, 'studentId', `на ${ruDate(order.date)} ученик не числится в ${className(c)} классе`);
      const other = others.get(it.studentId);
      if (other) need(idx, 'studentId', `ученик уже в приказе ${orderLabel(other)} «${other.title}»${other.status === 'draft' ? ' (проект)' : ''}: решение о переводе принимается одно — измените тот приказ`);
    }
  });
  return problems;
}

/** The live (draft or signed) promotion and graduation orders of the year other than `order`, by student. */
function otherDecisions(ctx: Ctx, order: { id: string | null; yearId: string }, students: string[]): Map<string, Row<'school_order'>> {
  const { db } = ctx;
  const out = new Map<string, Row<'school_order'>>();
  if (!students.length) return out;
  for (let i = 0; i < students.length; i += 500) {
    const rows = db.all(
      db.q
        .selectFrom('order_item as it')
        .innerJoin('school_order as o', 'o.id', 'it.order_id')
        .selectAll('o')
        .select('it.student_id as sid')
        .where('it.deleted_at', 'is', null)
        .where('o.deleted_at', 'is', null)
        .where('o.kind', 'in', ['promotion', 'graduation'])
        .where('o.status', 'in', ['draft', 'signed'])
        .where('o.year_id', '=', order.yearId)
        .where('o.id', '!=', order.id ?? '')
        .where('it.student_id', 'in', students.slice(i, i + 500)),
    );
    for (const r of rows) {
      const { sid, ...o } = r;
      if (sid && !out.has(sid)) out.set(sid, o as Row<'school_order'>);
    }
  }
  return out;
}

/**
 * A promotion or graduation order whose decisions the rollover has applied (a membership it opened, or
 * the year already rolled over) is not cancelled: the new year's classes stand on it.
 */
export function refuseCancelAfterRollover(ctx: Ctx, o: Row<'school_order'>): void {
  if (!isDecisionKind(o.kind)) return;
  const { db } = ctx;
  const opened = db.first(db.q.selectFrom('class_membership').select('id').where('opened_order_id', '=', o.id).where('deleted_at', 'is', null));
  const rolled = db.first(db.q.selectFrom('year_rollover as r').innerJoin('academic_year as y', 'y.id', 'r.to_year_id').select(['r.done_at', 'y.name']).where('r.from_year_id', '=', o.year_id).where('r.deleted_at', 'is', null));
  if (opened || rolled)
    throw invalid(
      `Нельзя отменить приказ ${orderLabel(o)}: его решения уже применены при переходе на новый учебный год${rolled ? ` ${rolled.name} (${ruDate(rolled.done_at.slice(0, 10))})` : ''} — ученики уже в классах нового года`,
    );
}
