// The promotion and graduation orders (R24; 273-ФЗ art. 58): every class of the year named in a
// signed «О переводе» or «Об отчислении в связи с завершением обучения» order by the year's last day
// − 7 days; after it, the classes without one are late.
import { classOrders } from './queries';
import { addDays, type Draft, type HomeCtx } from './state';

export function orderItems(h: HomeCtx): Draft[] {
  if (!h.year) return [];
  const classes = classOrders(h.ctx.db, h.year.id);
  if (!classes.length) return [];
  const missing = classes.filter((c) => !c.signed);
  const drafts = missing.filter((c) => c.drafted).length;
  const until = addDays(h.year.end_date, -7);
  return [
    {
      key: 'orders',
      kind: 'orders',
      area: 'contingent',
      title: 'Приказы о переводе и об отчислении в связи с завершением обучения',
      detail: missing.length
        ? `Без подписанного приказа: ${missing.slice(0, 8).map((c) => c.name).join(', ')}${missing.length > 8 ? ` и ещё ${missing.length - 8}` : ''}${drafts ? `; в проектах: ${drafts}` : ''}`
        : 'Приказы по всем классам подписаны',
      date: addDays(until, -13),
      until,
      count: missing.length || undefined,
      done: missing.length === 0,
      href: '/year-end/promotion',
    },
  ];
}
