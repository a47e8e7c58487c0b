// Paper copies of the journal, days 1–5 of the holidays after each period (R21, `001 §4`), only in
// a school that keeps a paper journal (R22): done when the board's steps are done for every class.
import { board, boardPeriods } from '../paper/board/board';
import { addDays, type Draft, type HomeCtx } from './state';

export function paperCopyItems(h: HomeCtx): Draft[] {
  const periods = boardPeriods(h.ctx);
  if (!periods.paperJournal) return [];
  const out: Draft[] = [];
  for (const p of periods.periods) {
    if (p.gradeTo < 2) continue;
    const item: Draft = {
      key: `paperCopies:${p.id}`,
      kind: 'paperCopies',
      area: 'paper',
      title: `Бумажные копии журнала за ${p.name.toLowerCase()}`,
      detail: `${p.gradeFrom === p.gradeTo ? p.gradeFrom : `${Math.max(2, p.gradeFrom)}–${p.gradeTo}`} классы: дни 1–5 каникул — проверка, печать, подписи, заверение, сдача`,
      date: p.holidaysStart,
      until: addDays(p.holidaysStart, 4),
      href: '/paper',
    };
    if (h.today >= p.holidaysStart) {
      const until = item.until!;
      const b = board(h.ctx, { periodId: p.id });
      // The steps of days 1–5 (binding and the archive come a week and two later, on the board).
      const open = b.classes.filter((c) => c.steps.some((s) => s.deadline <= until && !s.doneOn));
      const late = open.filter((c) => c.late > 0).length;
      item.done = open.length === 0 && b.classes.length > 0;
      if (open.length) {
        item.count = open.length;
        item.late = late > 0;
        item.detail = `Не завершено: ${open.length} из ${b.classes.length} классов${late ? `, с просроченными шагами: ${late}` : ''}`;
      }
    }
    out.push(item);
  }
  return out;
}
