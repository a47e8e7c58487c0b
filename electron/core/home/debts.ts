// Academic debts' retakes (R24; 273-ФЗ art. 58 p. 5): an open debt's next retake — the first, then
// the second before a commission — on its day; a retake day passed without a result is late; a debt
// with no day set, or with both retakes failed (the parents' choice is due), is to do now.
import { openDebts, type OpenDebt } from './queries';
import { plural } from '../../api/plural';
import type { Draft, HomeCtx } from './state';

const HREF = '/year-end/debts';
const debtsOf = (n: number) => `${n} ${plural(n, 'задолженность', 'задолженности', 'задолженностей')}`;

export function debtItems(h: HomeCtx): Draft[] {
  const byDay = new Map<string, { n: number; second: number }>();
  const passed: string[] = [];
  let unscheduled = 0;
  let decide = 0;
  for (const d of openDebts(h.ctx.db)) {
    const next = nextRetake(d);
    if (next === 'decision') decide++;
    else if (!next.on) unscheduled++;
    else if (next.on < h.today) passed.push(next.on);
    else {
      const e = byDay.get(next.on) ?? { n: 0, second: 0 };
      e.n++;
      if (next.second) e.second++;
      byDay.set(next.on, e);
    }
  }
  const base = { kind: 'debts', area: 'yearEnd', href: HREF, done: false } as const;
  const out: Draft[] = [];
  for (const [on, e] of byDay)
    out.push({
      ...base,
      key: `debts:${on}`,
      title: e.second ? 'Пересдача академических задолженностей (в том числе комиссии)' : 'Пересдача академических задолженностей',
      detail: `Назначено: ${debtsOf(e.n)}${e.second ? `, из них перед комиссией: ${e.second}` : ''}; результат внести в день пересдачи`,
      date: on,
      count: e.n,
    });
  if (passed.length) {
    passed.sort();
    out.push({ ...base, key: 'debts:results', title: 'Внести результаты пересдач', detail: `День пересдачи прошёл, результата нет: ${debtsOf(passed.length)}`, date: passed[0] ?? h.today, count: passed.length, late: true });
  }
  if (unscheduled)
    out.push({ ...base, key: 'debts:schedule', title: 'Назначить сроки пересдач', detail: `Без даты пересдачи: ${debtsOf(unscheduled)} (не более двух пересдач в течение года)`, date: h.today, count: unscheduled });
  if (decide)
    out.push({ ...base, key: 'debts:decide', title: 'Решение по неликвидированным задолженностям', detail: `Обе пересдачи не сданы: ${debtsOf(decide)} — решение по выбору родителей`, date: h.today, count: decide });
  return out;
}

/** The retake an open debt waits for (its day may be unset), or the decision after two failed ones. */
function nextRetake(d: OpenDebt): { on: string | null; second: boolean } | 'decision' {
  if (!d.first_result) return { on: d.first_retake_on, second: false };
  if (!d.second_result) return { on: d.second_retake_on, second: true };
  return 'decision';
}
