import type { YearDetails } from '../../../electron/api/types';
import { addDays, daysBetween, ruDate } from '../lib/dates';

export interface Deadline {
  date: string;
  until?: string;
  title: string;
  detail: string;
}

/** The office's calendar derived from the year: period marks, paper copies, the first-grade cohort. */
export function deadlinesOf(year: YearDetails): Deadline[] {
  const out: Deadline[] = [];
  const seen = new Set<string>();
  const periods = [...year.periods].sort((a, b) => a.endDate.localeCompare(b.endDate));
  for (const p of periods) {
    const grades = p.gradeFrom === p.gradeTo ? `${p.gradeFrom} классы` : `${p.gradeFrom}–${p.gradeTo} классы`;
    const key = `${p.kind}:${p.number}:${p.endDate}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ date: addDays(p.endDate, 7), title: `Отметки за ${p.name.toLowerCase()}`, detail: `${grades}: не позднее 7 дней после окончания периода (${ruDate(p.endDate)})` });
    const hol = year.holidays
      .filter((h) => h.startDate > p.endDate && daysBetween(p.endDate, h.startDate) <= 14 && h.gradeFrom <= p.gradeTo && h.gradeTo >= p.gradeFrom)
      .sort((a, b) => a.startDate.localeCompare(b.startDate))[0];
    const copyStart = hol?.startDate ?? addDays(p.endDate, 1);
    if (p.gradeTo >= 2)
      out.push({ date: copyStart, until: addDays(copyStart, 4), title: `Бумажные копии журнала за ${p.name.toLowerCase()}`, detail: `${grades}: дни 1–5 ${hol ? 'каникул' : 'после окончания периода'} — печать, подписи, сдача в архив` });
  }
  const y = year.startDate.slice(0, 4);
  out.push({ date: `${y}-09-05`, title: 'Контингент первых классов', detail: 'Перенести зачисленных из модуля «Зачисление в ОО» не позднее 5 сентября' });
  return out.sort((a, b) => a.date.localeCompare(b.date));
}
