// The promotion plan (issue 15 point 3, shared semantics 3): per class of the year, each student's
// decision — the one of their live order, else the rules' from the year's academic debts — the counts
// and the state of the class's promotion and graduation orders; and the drafts made from it.
import type { Ctx } from '../../context';
import type { Writer } from '../../../../db';
import type { OpParsed } from '../../../api/contract';
import { invalid } from '../../../api/errors';
import type { PromotionDecision } from '../../../api/enums';
import type { PromotionClass, PromotionClassOrder, PromotionCounts, PromotionDrafts, PromotionPlan, PromotionStudent } from '../../../api/promotion';
import { className } from '../../../api/text';
import { currentYearOrNull } from '../../year';
import { todayOf } from '../../context';
import { ruDate } from '../../format';
import { act } from '../../tx';
import { draftIn, yearOf } from '../../orders/orders';
import { getOrder, orderLabel } from '../../orders/queries';
import { PREAMBLES } from '../../orders/preambles';
import { KIND_DECISIONS, nextYearStart } from '../../orders/yearEnd';
import { classesOfYear, debtsOfYear, decisionOrderItems, rolledOver, studentsOfClasses, yearRow, type DebtFact, type YearOrderItem } from './queries';

const collate = new Intl.Collator('ru').compare;
const zero = (): PromotionCounts => ({ promoted: 0, conditional: 0, repeat: 0, graduated: 0, continues: 0, undecided: 0 });
const GRADUATING = new Set([9, 11]);

const PROGRAMME: Record<'adapted' | 'individual', string> = {
  adapted: 'обучение по адаптированной образовательной программе',
  individual: 'обучение по индивидуальному учебному плану',
};

/** What the rules decide (shared semantics 3) for a student of `grade` with these debts. */
export function ruleDecision(grade: number, debts: DebtFact[], leaving: boolean): { decision: PromotionDecision | null; note: string | null } {
  if (debts.some((d) => d.status === 'decided' && d.decision === 'repeat')) return { decision: 'repeat', note: null };
  const open = debts.some((d) => d.status === 'open');
  const programme = debts.find((d) => d.status === 'decided' && d.decision !== 'repeat')?.decision as 'adapted' | 'individual' | undefined;
  if (GRADUATING.has(grade)) {
    // No conditional promotion out of 9 or 11: an open debt waits for its retakes or the parents' decision.
    if (open) return { decision: null, note: 'академическая задолженность не ликвидирована: нужна пересдача или решение родителей' };
    return { decision: grade === 11 || leaving ? 'graduated' : 'continues', note: null };
  }
  if (open) return { decision: 'conditional', note: null };
  return { decision: 'promoted', note: programme ? PROGRAMME[programme] : null };
}

function resolveYear(ctx: Ctx, yearId: string | null | undefined) {
  const id = yearId ?? currentYearOrNull(ctx);
  const y = id ? yearRow(ctx, id) : undefined;
  if (!y) throw invalid('Нет учебного года: сначала создайте его (Настройка → Учебный год)');
  return y;
}

const LIVE = new Set(['draft', 'signed']);

/** The class's order of a kind as the page shows it: a signed one, else a draft, else the latest cancelled. */
function classOrder(kind: 'promotion' | 'graduation', needed: boolean, items: YearOrderItem[]): PromotionClassOrder {
  const orders = [...new Map(items.filter((it) => it.order.kind === kind).map((it) => [it.order.id, it.order])).values()];
  const rank = (s: string) => (s === 'signed' ? 0 : s === 'draft' ? 1 : 2);
  const o = orders.sort((a, b) => rank(a.status) - rank(b.status) || b.date.localeCompare(a.date))[0];
  if (!o) return { kind, needed, state: 'none', orderId: null, status: null, label: null };
  return { kind, needed, state: o.status === 'cancelled' ? 'cancelled' : o.status, orderId: o.id, status: o.status, label: orderLabel(o) };
}

/** `on`: the day whose class lists count (the drafts' order date); today within the year by default. */
export function promotionPlan(ctx: Ctx, i: { yearId?: string | null }, leaving9: ReadonlySet<string> = new Set(), on?: string): PromotionPlan {
  const y = resolveYear(ctx, i.yearId);
  const today = on ?? todayOf(ctx);
  const day = today < y.start_date ? y.start_date : today > y.end_date && !on ? y.end_date : today;
  const debts = debtsOfYear(ctx, y.id);
  const items = decisionOrderItems(ctx, y.id);
  const liveItem = new Map<string, YearOrderItem>();
  for (const it of items) if (it.studentId && LIVE.has(it.order.status) && !liveItem.has(it.studentId)) liveItem.set(it.studentId, it);
  const byClass = new Map<string, PromotionStudent[]>();
  for (const m of studentsOfClasses(ctx, y.id, day)) byClass.set(m.class_id, [...(byClass.get(m.class_id) ?? []), { studentId: m.student_id, fullName: m.fullName } as PromotionStudent]);
  const totals = zero();
  const classes: PromotionClass[] = classesOfYear(ctx, y.id)
    .sort((a, b) => a.grade - b.grade || collate(a.letter, b.letter))
    .map((c) => {
      const counts = zero();
      const students = (byClass.get(c.id) ?? [])
        .map((st): PromotionStudent => {
          const mine = debts.get(st.studentId) ?? [];
          const debtNames = mine.filter((d) => d.status !== 'closed').map((d) => d.subject);
          const inOrder = liveItem.get(st.studentId);
          if (inOrder && inOrder.classFromId === c.id)
            return { ...st, decision: inOrder.decision, source: 'order', note: inOrder.reason, debts: debtNames, orderId: inOrder.order.id };
          const r = ruleDecision(c.grade, mine, leaving9.has(st.studentId));
          return { ...st, decision: r.decision, source: 'rules', note: r.note, debts: debtNames, orderId: null };
        })
        .sort((a, b) => collate(a.fullName, b.fullName));
      for (const st of students) counts[st.decision ?? 'undecided']++;
      for (const k of Object.keys(counts) as (keyof PromotionCounts)[]) totals[k] += counts[k];
      const classItems = items.filter((it) => it.classFromId === c.id);
      return {
        classId: c.id,
        className: className(c),
        grade: c.grade,
        letter: c.letter,
        students,
        counts,
        orders: [classOrder('promotion', counts.promoted + counts.conditional + counts.repeat > 0, classItems), classOrder('graduation', GRADUATING.has(c.grade), classItems)],
      };
    });
  return { yearId: y.id, yearName: y.name, yearStart: y.start_date, yearEnd: y.end_date, effectiveDate: nextYearStart(ctx, y.id), rolledOver: rolledOver(ctx, y.id), classes, totals };
}

function title(kind: 'promotion' | 'graduation', c: PromotionClass): string {
  if (kind === 'graduation')
    return `Об отчислении обучающихся ${c.className} класса в связи с получением ${c.grade === 11 ? 'среднего' : 'основного'} общего образования`;
  if (GRADUATING.has(c.grade)) return `Об оставлении на повторное обучение обучающихся ${c.className} класса`;
  return `О переводе обучающихся ${c.className} класса в ${c.grade + 1} класс`;
}

/**
 * The drafts for every class of the year without a live order of the kind (one promotion per class
 * with a student to promote or leave back, one graduation per class of grades 9 and 11), in one
 * transaction; a second call makes none.
 */
export function promotionDrafts(ctx: Ctx, i: OpParsed<'promotion.drafts'>): PromotionDrafts {
  const result = act(ctx, (w: Writer) => {
    const y = resolveYear(ctx, i.yearId);
    // The orders of the year are dated within it or in the summer after it (a graduation follows the state exams).
    if (i.date < y.start_date || yearOf(ctx, i.date) !== y.id) {
      const msg = `Дата приказов ${ruDate(i.date)} не относится к учебному году ${y.name} (с ${ruDate(y.start_date)} до начала следующего)`;
      throw invalid(msg, [{ column: 'date', message: msg }]);
    }
    const leaving = new Set(i.leaving9 ?? []);
    // The students in their classes on the orders' day (the orders check the same).
    const plan = promotionPlan(ctx, { yearId: y.id }, leaving, i.date);
    const ninth = new Set(plan.classes.filter((c) => c.grade === 9).flatMap((c) => c.students.map((s) => s.studentId)));
    const stranger = [...leaving].findIndex((id) => !ninth.has(id));
    if (stranger >= 0) {
      const msg = 'Выпускник 9 класса: ученик не найден в 9 классах года';
      throw invalid(msg, [{ column: `leaving9.${stranger}`, message: msg }]);
    }
    const made: string[] = [];
    const skipped: PromotionDrafts['skipped'] = [];
    for (const c of plan.classes) {
      for (const o of c.orders) {
        if (!o.needed) continue;
        if (o.state === 'draft' || o.state === 'signed') {
          skipped.push({ className: c.className, kind: o.kind, reason: `уже есть приказ ${o.label}` });
          continue;
        }
        const students = c.students.filter((s) => s.source === 'rules' && s.decision && KIND_DECISIONS[o.kind].includes(s.decision));
        const undecided = c.students.filter((s) => !s.decision).length;
        if (undecided && o.kind === 'graduation') skipped.push({ className: c.className, kind: o.kind, reason: `нет решения для ${undecided} обуч. (академическая задолженность)` });
        if (!students.length) continue;
        made.push(
          draftIn(ctx, w, {
            id: null,
            kind: o.kind,
            date: i.date,
            title: title(o.kind, c),
            preamble: PREAMBLES[o.kind],
            basis: i.basis ?? 'Решение педагогического совета',
            items: students.map((s) => ({ studentId: s.studentId, classFromId: c.classId, decision: s.decision, reason: s.note, effectiveDate: i.date })),
          }),
        );
      }
    }
    return { made, skipped };
  });
  return { made: result.made.map((id) => getOrder(ctx, id)), skipped: result.skipped };
}
