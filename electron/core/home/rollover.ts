// The rollover to the next year (R24): when the year has ended and no rollover from it is recorded,
// before the next year begins (the summer after the year's last day).
import { rolloverDone } from './queries';
import { addDays, type Draft, type HomeCtx } from './state';

export function rolloverItems(h: HomeCtx): Draft[] {
  if (!h.year) return [];
  const date = addDays(h.year.end_date, 1);
  const nextStart = `${Number(h.year.end_date.slice(0, 4))}-09-01`;
  return [
    {
      key: 'rollover',
      kind: 'rollover',
      area: 'setup',
      title: `Переход на новый учебный год из ${h.year.name}`,
      detail: 'Перевести учеников в классы следующего года по подписанным приказам (после резервной копии)',
      date,
      until: nextStart > date ? addDays(nextStart, -1) : date,
      done: rolloverDone(h.ctx.db, h.year.id),
      href: '/year-end/rollover',
    },
  ];
}
