// Printed statements for parents without e-access every week, at least every two weeks (R12,
// `000 §14`): when the next batch is due, by statements' own rule (statementsDue).
import { statementsDue } from '../statements/statements';
import { plural } from '../../api/plural';
import { ruDate } from '../format';
import type { Draft, HomeCtx } from './state';

export function statementItems(h: HomeCtx): Draft[] {
  const d = statementsDue(h.ctx);
  if (!d.children) return [];
  return [
    {
      key: 'statements',
      kind: 'statements',
      area: 'statements',
      title: 'Выписки для родителей без электронного доступа',
      detail: `${d.children} ${plural(d.children, 'ученик', 'ученика', 'учеников')}, чьи родители отказались от электронного дневника; ${d.dueOn ? `следующая партия — до ${ruDate(d.dueOn)}` : 'выписки ещё не печатались'}${d.lagging.length ? `; отстают: ${d.lagging.slice(0, 5).join(', ')}${d.lagging.length > 5 ? '…' : ''}` : ''}`,
      date: d.dueOn ?? h.today,
      count: d.children,
      late: d.overdue,
      done: false,
      href: '/statements',
    },
  ];
}
