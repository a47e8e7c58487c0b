// The office's calendar on the home screen (issue 15 point 5; ../shared/PRODUCT.md «The office's
// calendar»): what is due or late across the academic year for the person logged in, each item one
// click from where it is done. The rules live in electron/core/home/ (one file per kind of item),
// each asking the owning feature; docs/year-end.md «Календарь канцелярии».
import { z } from 'zod';
import * as s from './schemas';
import { read } from './ops';
import type { Area } from './roles';

/** late: its day has passed and it is not done; now: in its window today; soon: within 7 days; later; done. */
export type CalendarState = 'late' | 'now' | 'soon' | 'later' | 'done';

export type CalendarKind =
  | 'credentials'
  | 'corrections'
  | 'periodMarks'
  | 'paperCopies'
  | 'statements'
  | 'firstGrade'
  | 'monitoring'
  | 'attestation'
  | 'debts'
  | 'orders'
  | 'rollover'
  | 'backups'
  | 'archive';

export interface CalendarItem {
  /** Stable within a calendar: kind and what it is about. */
  key: string;
  kind: CalendarKind;
  /** The area of the role matrix it belongs to: the item is shown only to roles that may view it. */
  area: Area;
  title: string;
  detail: string;
  /** The day it is due (ISO), or the first day of its window. */
  date: string;
  /** The last day of its window (ISO), when it is a span (paper copies: days 1–5 of the holidays). */
  until?: string;
  state: CalendarState;
  /** Days past its last day (state late). */
  lateDays?: number;
  /** The exact moment it is due, when it has one (a reported error: 24 hours from the report). */
  dueAt?: string;
  /** How many things it counts (classes, accounts, debts). */
  count?: number;
  /** The route where it is done (without '#'), e.g. '/year-end/debts'. */
  href: string;
  /**
   * false: the state follows the date alone (the program cannot tell whether it was done: the
   * monthly journal control, the attestation's day); the screen shows «прошло», not «выполнено».
   */
  checked: boolean;
  /** The role only views the item's area (the director): shown «для сведения». */
  forInfo: boolean;
}

export interface OfficeCalendar {
  today: string;
  /** The academic year the calendar covers (null before setup made one). */
  year: { id: string; name: string; startDate: string; endDate: string } | null;
  /** Every item, by date; late ones from before the year included. */
  items: CalendarItem[];
}

export const homeOps = {
  /** The calendar for the logged-in user's role; `on`: the day to see it from (today when absent). */
  'home.calendar': read('session', z.object({ on: s.dateField('На дату').optional() })).returns<OfficeCalendar>(),
};
