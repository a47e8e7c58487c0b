// Period marks within 7 days after a period ends (`000 §13`): from the day after the end to the
// seventh; after it, late while a class of the period's grades has not one period mark for it.
import { classesWithoutPeriodMarks } from './queries';
import { addDays, type Draft, type HomeCtx } from './state';

const WITHIN_DAYS = 7;

export function periodMarkItems(h: HomeCtx): Draft[] {
  if (!h.year) return [];
  const out: Draft[] = [];
  for (const p of h.periods) {
    if (p.grade_to < 2) continue;
    const date = addDays(p.end_date, 1);
    const until = addDays(p.end_date, WITHIN_DAYS);
    const grades = p.grade_from === p.grade_to ? `${p.grade_from} классы` : `${Math.max(2, p.grade_from)}–${p.grade_to} классы`;
    const item: Draft = {
      key: `periodMarks:${p.id}`,
      kind: 'periodMarks',
      area: 'reports',
      title: `Отметки за ${p.name.toLowerCase()}`,
      detail: `${grades}: не позднее 7 дней после окончания периода`,
      date,
      until,
      href: '/reports/monitoring',
    };
    if (h.today > until) {
      const missing = classesWithoutPeriodMarks(h.ctx.db, h.year.id, p);
      item.done = missing.length === 0;
      if (missing.length) {
        item.count = missing.length;
        item.detail = `Нет отметок за период: ${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ` и ещё ${missing.length - 8}` : ''}`;
      }
    }
    out.push(item);
  }
  return out;
}
