// How a calendar item's state reads on the home screen (docs/year-end.md «Календарь канцелярии»).
import type { CalendarItem } from '../../../electron/api/home';
import { countOf, daysBetween, ruDate, ruDateTime } from '../lib/dates';

export const MONTHS = ['Январь', 'Февраль', 'Март', 'Апрель', 'Май', 'Июнь', 'Июль', 'Август', 'Сентябрь', 'Октябрь', 'Ноябрь', 'Декабрь'];

/** «27.05–31.05.2027» for a span, «24.05.2027» for a day. */
export function whenText(i: CalendarItem): string {
  if (!i.until || i.until === i.date) return ruDate(i.date);
  return `${ruDate(i.date).slice(0, 5)}–${ruDate(i.until)}`;
}

export function stateBadge(i: CalendarItem, today: string): { text: string; color: string; filled: boolean } {
  switch (i.state) {
    case 'late':
      if (i.dueAt) return { text: `просрочено, срок был до ${ruDateTime(i.dueAt)}`, color: 'red', filled: true };
      return { text: i.lateDays ? `просрочено на ${countOf(i.lateDays, 'день', 'дня', 'дней')}` : 'просрочено', color: 'red', filled: true };
    case 'now':
      if (i.dueAt) return { text: `до ${ruDateTime(i.dueAt)}`, color: 'orange', filled: false };
      return { text: i.until && i.until !== today ? `до ${ruDate(i.until)}` : 'сегодня', color: 'orange', filled: false };
    case 'soon':
    case 'later': {
      const n = daysBetween(today, i.date);
      return { text: `через ${countOf(n, 'день', 'дня', 'дней')}`, color: i.state === 'soon' ? 'yellow' : 'gray', filled: false };
    }
    case 'done':
      return i.checked ? { text: 'выполнено', color: 'teal', filled: false } : { text: 'прошло', color: 'gray', filled: false };
  }
}

/** «Сейчас и просрочено»: the late ones first, the longest late on top, then those due now. */
export function nowItems(items: CalendarItem[]): CalendarItem[] {
  const late = items.filter((i) => i.state === 'late').sort((a, b) => (b.lateDays ?? 0) - (a.lateDays ?? 0) || a.date.localeCompare(b.date));
  const now = items.filter((i) => i.state === 'now').sort((a, b) => (a.until ?? a.date).localeCompare(b.until ?? b.date));
  return [...late, ...now];
}

/** The year's months from its first day to the last item's, each with its items. */
export function byMonth(items: CalendarItem[], from: string): { month: string; label: string; items: CalendarItem[] }[] {
  const start = from.slice(0, 7);
  // Through the summer after the year (the rollover); a storage period years ahead is not listed.
  const summer = `${Number(start.slice(0, 4)) + 1}-08`;
  const last = items.reduce((m, i) => (i.date.slice(0, 7) > m && i.date.slice(0, 7) <= summer ? i.date.slice(0, 7) : m), start);
  const out: { month: string; label: string; items: CalendarItem[] }[] = [];
  for (let m = start; m <= last; m = nextMonth(m)) {
    const these = items.filter((i) => i.date.startsWith(m));
    out.push({ month: m, label: `${MONTHS[Number(m.slice(5)) - 1]} ${m.slice(0, 4)}`, items: these });
  }
  // Late items from before the year stay in «Сейчас и просрочено»; the list starts with the year.
  return out;
}

function nextMonth(ym: string): string {
  const y = Number(ym.slice(0, 4));
  const m = Number(ym.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
