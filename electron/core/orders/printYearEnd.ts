// The printed wording of the year-end orders (issue 15 point 3): the items grouped by decision and
// class, each group a point of the order in the words schools use (273-ФЗ art. 58, 61).
import type { Ctx } from '../context';
import type { OrderDetails, OrderItemView } from '../../api/orders';
import type { PromotionDecision } from '../../api/enums';
import { ruDate } from '../format';

export interface DecisionGroup {
  heading: string;
  lines: string[];
}

const ORDER: readonly PromotionDecision[] = ['promoted', 'conditional', 'repeat', 'graduated', 'continues'];
const born = (it: OrderItemView) => (it.birthDate ? `, ${ruDate(it.birthDate)} г. р.` : '');

/** A year later (the law's term for clearing a debt: one year from its forming, 273-ФЗ art. 58 p. 5). */
function yearLater(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y + 1, m - 1, d));
  if (t.getUTCMonth() !== m - 1) t.setUTCDate(0); // 29 February
  return t.toISOString().slice(0, 10);
}

interface Debt {
  subject: string;
  recorded: string;
}

/**
 * The debts each conditionally promoted student had on the order's day: open then (still open, or
 * cleared or decided only after it), with the subject's name.
 */
function debtsOn(ctx: Ctx, o: OrderDetails): Map<string, Debt[]> {
  const { db } = ctx;
  const ids = o.items.filter((it) => it.decision === 'conditional' && it.studentId).map((it) => it.studentId!);
  const out = new Map<string, Debt[]>();
  if (!ids.length) return out;
  const rows = db.all(
    db.q
      .selectFrom('academic_debt as d')
      .innerJoin('subject as s', 's.id', 'd.subject_id')
      .select(['d.student_id', 'd.status', 'd.recorded_on', 'd.first_retake_on', 'd.second_retake_on', 'd.decided_on', 's.name', 's.sort_order'])
      .where('d.deleted_at', 'is', null)
      .where('d.year_id', '=', o.yearId)
      .where('d.student_id', 'in', ids)
      .orderBy('s.sort_order')
      .orderBy('s.name'),
  );
  for (const r of rows) {
    const ended = r.status === 'closed' ? (r.second_retake_on ?? r.first_retake_on) : r.status === 'decided' ? r.decided_on : null;
    if (ended && ended <= o.date) continue;
    out.set(r.student_id, [...(out.get(r.student_id) ?? []), { subject: r.name, recorded: r.recorded_on }]);
  }
  return out;
}

function heading(d: PromotionDecision, grade: number, cls: string, it: OrderItemView): string {
  const from = `с ${ruDate(it.effectiveDate)}`;
  switch (d) {
    case 'promoted':
      return `Перевести в ${grade + 1} класс ${from} следующих обучающихся ${cls} класса:`;
    case 'conditional':
      return `Перевести условно в ${grade + 1} класс ${from} следующих обучающихся ${cls} класса, имеющих академическую задолженность:`;
    case 'repeat':
      return `Оставить на повторное обучение в ${grade} классе следующих обучающихся ${cls} класса:`;
    case 'graduated':
      return grade === 11
        ? `Отчислить в связи с получением среднего общего образования (выдать аттестат о среднем общем образовании) ${from} следующих обучающихся ${cls} класса:`
        : `Отчислить в связи с получением основного общего образования (выдать аттестат об основном общем образовании) ${from} следующих обучающихся ${cls} класса:`;
    case 'continues':
      return `Считать продолжающими обучение в 10 классе ${from} следующих обучающихся ${cls} класса, получивших основное общее образование:`;
  }
}

/** The order's points: one per decision and class, in the order promoted, conditional, repeat, graduated, continues. */
export function decisionGroups(ctx: Ctx, o: OrderDetails): DecisionGroup[] {
  const debts = debtsOn(ctx, o);
  const groups = new Map<string, { d: PromotionDecision; cls: string; grade: number; items: OrderItemView[] }>();
  for (const it of o.items) {
    const d = it.decision ?? (o.kind === 'graduation' ? 'graduated' : 'promoted');
    const cls = it.classFromName ?? '…';
    const grade = Number(/^\d+/.exec(cls)?.[0] ?? 0);
    const key = `${ORDER.indexOf(d)}|${String(grade).padStart(2, '0')}|${cls}`;
    const g = groups.get(key) ?? { d, cls, grade, items: [] };
    g.items.push(it);
    groups.set(key, g);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'ru'))
    .map(([, g]) => ({
      heading: heading(g.d, g.grade, g.cls, g.items[0]!),
      lines: g.items.map((it) => {
        const name = `${it.fullName}${born(it)}`;
        if (g.d === 'conditional') {
          const list = it.studentId ? (debts.get(it.studentId) ?? []) : [];
          if (!list.length) return `${name} — академическая задолженность не указана`;
          const until = list.map((x) => yearLater(x.recorded)).sort()[0]!;
          return `${name} — с академической задолженностью по предмету(ам): ${list.map((x) => x.subject).join(', ')} (срок ликвидации — до ${ruDate(until)})`;
        }
        return it.reason ? `${name} (${it.reason.replace(/\.$/, '')})` : name;
      }),
    }));
}
