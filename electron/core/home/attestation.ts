// The intermediate attestation (R24; 273-ФЗ art. 58): its marks and the year marks by the last day
// of study, then the year's check. The check page tells what is missing; here the date alone.
import type { Draft, HomeCtx } from './state';
import { addDays } from './state';

export function attestationItems(h: HomeCtx): Draft[] {
  if (!h.year || !h.periods.length) return [];
  const last = h.periods.reduce((m, p) => (p.end_date > m ? p.end_date : m), h.year.start_date);
  return [
    {
      key: 'attestation',
      kind: 'attestation',
      area: 'yearEnd',
      title: 'Промежуточная аттестация и годовые отметки',
      detail: 'Отметки «ПА» и годовые отметки по всем предметам к последнему учебному дню; затем проверка итогов года',
      date: addDays(last, -6),
      until: last,
      href: '/year-end',
    },
  ];
}
