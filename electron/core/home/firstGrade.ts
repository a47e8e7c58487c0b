// The first-grade cohort by 5 September (`002 §4.8`): the applications of the current year that
// allow enrollment and are not enrolled yet (enrollment's own list).
import { listApplications } from '../enrollment/list';
import { plural } from '../../api/plural';
import type { Draft, HomeCtx } from './state';

export function firstGradeItems(h: HomeCtx): Draft[] {
  if (!h.year) return [];
  const y = h.year.start_date.slice(0, 4);
  const apps = listApplications(h.ctx, { enrollableOnly: true, sort: 'regNumber', desc: false });
  const waiting = apps.filter((a) => !a.studentId).length;
  const until = `${y}-09-05`;
  // Without applications there is nothing to check once the day has passed (the cohort may have come another way).
  if (!apps.length && h.today > until) return [];
  return [
    {
      key: 'firstGrade',
      kind: 'firstGrade',
      area: 'contingent',
      title: 'Контингент первых классов',
      detail: !apps.length
        ? 'Загрузите заявления из модуля «Зачисление в ОО», сформируйте классы и подпишите приказ о зачислении'
        : waiting
          ? `Не зачислено ${waiting} ${plural(waiting, 'заявление', 'заявления', 'заявлений')}, допускающих зачисление`
          : 'Все заявления, допускающие зачисление, зачислены',
      date: `${y}-09-01`,
      until,
      count: waiting || undefined,
      done: apps.length > 0 && waiting === 0,
      href: waiting ? '/formation' : '/enrollment',
    },
  ];
}
