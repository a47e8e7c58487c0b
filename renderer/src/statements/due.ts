import type { StatementsDue } from '../../../electron/api/statements';
import { ruDate } from '../lib/dates';

/** «Выписки для родителей: следующая — до 14.12.2026», or what is late (docs/indicators.md). */
export function dueText(d: StatementsDue): string {
  if (!d.children) return 'Выписки для родителей: учеников, чьи родители отказались от электронного дневника, сейчас нет.';
  if (d.dueOn === null) return `Выписки для родителей ещё не печатались${d.lagging.length ? ` (${d.lagging.slice(0, 8).join(', ')}${d.lagging.length > 8 ? '…' : ''})` : ''} — напечатайте за прошлую неделю.`;
  if (d.overdue) return `Выписки для родителей: просрочено — следующая была нужна до ${ruDate(d.dueOn)} (${d.lagging.slice(0, 8).join(', ')}${d.lagging.length > 8 ? '…' : ''}).`;
  return `Выписки для родителей: следующая — до ${ruDate(d.dueOn)}.`;
}
