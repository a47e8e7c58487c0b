// The state of a calendar item from its dates, and what every kind's rule gets.
import type { Ctx } from '../context';
import type { Access, Area } from '../../api/roles';
import type { CalendarItem, CalendarState } from '../../api/home';
import type { PeriodRow, YearRow } from './queries';

/** What a kind's rule gets: the context (its clock at the calendar's day), today, the year and its periods, the role's access. */
export interface HomeCtx {
  ctx: Ctx;
  today: string;
  year: YearRow | null;
  periods: PeriodRow[];
  access: (area: Area) => Access;
  role: string;
}

/** An item as a kind's rule gives it; the calendar adds the state, the days late and «для сведения». */
export interface Draft extends Omit<CalendarItem, 'state' | 'lateDays' | 'forInfo' | 'checked'> {
  /** Done (by the data), or, for a rule that cannot check, undefined: past its window it is «прошло». */
  done?: boolean;
  /** Late whatever the dates say (an account past its due day while the nearest one is ahead). */
  late?: boolean;
  /** The director's own duty in a view-only area (the monthly journal control): not «для сведения». */
  ownDuty?: boolean;
}

export function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const SOON_DAYS = 7;

export function stateOf(today: string, d: Pick<Draft, 'date' | 'until' | 'done' | 'late'>): CalendarState {
  const end = d.until ?? d.date;
  if (d.done === true) return 'done';
  if (d.done === undefined && today > end) return 'done';
  if (d.late || today > end) return 'late';
  if (today >= d.date) return 'now';
  return daysBetween(today, d.date) <= SOON_DAYS ? 'soon' : 'later';
}

export function finish(h: HomeCtx, d: Draft): CalendarItem {
  const state = stateOf(h.today, d);
  const item: CalendarItem = {
    key: d.key,
    kind: d.kind,
    area: d.area,
    title: d.title,
    detail: d.detail,
    date: d.date,
    state,
    href: d.href,
    checked: d.done !== undefined,
    forInfo: !d.ownDuty && h.access(d.area) !== 'change',
  };
  if (d.until) item.until = d.until;
  if (d.dueAt) item.dueAt = d.dueAt;
  if (d.count !== undefined) item.count = d.count;
  if (state === 'late') item.lateDays = Math.max(0, daysBetween(d.until ?? d.date, h.today));
  return item;
}
