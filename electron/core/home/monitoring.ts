// The monthly journal control by the deputy and the director (`002 §4.7`, `§5.10`): the journal's
// monitoring in the last week of each month of study. The program cannot tell whether it was done:
// the state follows the date.
import { addDays, type Draft, type HomeCtx } from './state';

const MONTHS = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];

export function monitoringItems(h: HomeCtx): Draft[] {
  if (!h.year || (h.role !== 'deputy' && h.role !== 'director')) return [];
  const out: Draft[] = [];
  const lastStudy = h.periods.reduce((m, p) => (p.end_date > m ? p.end_date : m), h.year.start_date);
  for (let m = h.year.start_date.slice(0, 7); `${m}-01` <= lastStudy; m = nextMonth(m)) {
    const end = addDays(`${nextMonth(m)}-01`, -1);
    out.push({
      key: `monitoring:${m}`,
      kind: 'monitoring',
      area: 'reports',
      title: `Контроль ведения журнала за ${MONTHS[Number(m.slice(5)) - 1]}`,
      detail: 'Мониторинг журнала: заполнение, накопляемость отметок, темы уроков',
      date: addDays(end, -6),
      until: end,
      ownDuty: true,
      href: '/reports/monitoring',
    });
  }
  return out;
}

function nextMonth(ym: string): string {
  const y = Number(ym.slice(0, 4));
  const m = Number(ym.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
