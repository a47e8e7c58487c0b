// The Russian production calendar (R7: a newcomer gets credentials within 10 working days of
// arrival, `002 §1.7`), shipped as data for 2026 and 2027; the school corrects it by `calendar_day`
// rows (electron/core/calendar/calendar.ts).
//
// A day is a working day unless it is a Saturday or a Sunday, a non-working public holiday (Labour
// Code art. 112: 1–6 and 8 January — the New Year holidays —, 7 January, 23 February, 8 March,
// 1 and 9 May, 12 June, 4 November), or a day off moved onto a weekday; a weekend day made a
// working day by a transfer is one.
//
// Transfers, year by year:
// - 2026 — Government decree of 24.09.2025 № 1466 «О переносе выходных дней в 2026 году»: the day
//   off of Saturday 3 January moved to Friday 9 January, of Sunday 4 January to Thursday
//   31 December. By art. 112 itself (a holiday on a weekend moves to the next working day):
//   8 March (Sunday) → Monday 9 March, 9 May (Saturday) → Monday 11 May. No working Saturdays.
// - 2027 — the Labour Code's own transfers only: 1 May (Saturday) → Monday 3 May, 9 May (Sunday)
//   → Monday 10 May, 12 June (Saturday) → Monday 14 June. NOT SHIPPED, because we could not
//   confirm the 2027 decree when this was written (1 December 2026): where the days off of
//   Saturday 2 and Sunday 3 January 2027 are moved to (the decree decides it; the New Year holidays
//   are not moved by art. 112), and any other transfer it makes (a press report of December 2025
//   spoke of a preliminary plan — 5 November off, Saturday 13 November a working day — not a
//   decree). The school enters them from the published decree on the «Производственный календарь»
//   page (calendar_day rows), and the next release ships them.

/** The years the shipped data covers. */
export const SHIPPED_YEARS = [2026, 2027] as const;

/** Non-working public holidays, 'MM-DD' (Labour Code art. 112). */
export const PUBLIC_HOLIDAYS: readonly string[] = ['01-01', '01-02', '01-03', '01-04', '01-05', '01-06', '01-07', '01-08', '02-23', '03-08', '05-01', '05-09', '06-12', '11-04'];

export interface ShippedDay {
  date: string;
  kind: 'holiday' | 'workday';
  /** Why, in Russian (shown on the calendar page). */
  note: string;
}

/** Days off moved onto weekdays and weekend days made working days, by the decrees and art. 112. */
export const TRANSFERS: readonly ShippedDay[] = [
  { date: '2026-01-09', kind: 'holiday', note: 'Перенос выходного с 3 января (постановление Правительства РФ от 24.09.2025 № 1466)' },
  { date: '2026-03-09', kind: 'holiday', note: 'Перенос с 8 марта, воскресенья (ст. 112 ТК РФ)' },
  { date: '2026-05-11', kind: 'holiday', note: 'Перенос с 9 мая, субботы (ст. 112 ТК РФ)' },
  { date: '2026-12-31', kind: 'holiday', note: 'Перенос выходного с 4 января (постановление Правительства РФ от 24.09.2025 № 1466)' },
  { date: '2027-05-03', kind: 'holiday', note: 'Перенос с 1 мая, субботы (ст. 112 ТК РФ)' },
  { date: '2027-05-10', kind: 'holiday', note: 'Перенос с 9 мая, воскресенья (ст. 112 ТК РФ)' },
  { date: '2027-06-14', kind: 'holiday', note: 'Перенос с 12 июня, субботы (ст. 112 ТК РФ)' },
];

const HOLIDAY_NAMES: Readonly<Record<string, string>> = {
  '01': 'Новогодние каникулы',
  '01-07': 'Рождество Христово',
  '02-23': 'День защитника Отечества',
  '03-08': 'Международный женский день',
  '05-01': 'Праздник Весны и Труда',
  '05-09': 'День Победы',
  '06-12': 'День России',
  '11-04': 'День народного единства',
};

const TRANSFER_BY_DATE = new Map(TRANSFERS.map((t) => [t.date, t]));

/** 0 Sunday … 6 Saturday, of an ISO date (UTC: no time zone shifts a date). */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The shipped calendar's word on a date: working or not, and why not (null on an ordinary working day). */
export function shippedDay(date: string): { working: boolean; reason: string | null } {
  const t = TRANSFER_BY_DATE.get(date);
  if (t) return { working: t.kind === 'workday', reason: t.kind === 'holiday' ? t.note : null };
  const md = date.slice(5);
  if (PUBLIC_HOLIDAYS.includes(md)) return { working: false, reason: HOLIDAY_NAMES[md] ?? HOLIDAY_NAMES[md.slice(0, 2)] ?? 'Праздничный день' };
  const wd = weekday(date);
  if (wd === 0 || wd === 6) return { working: false, reason: wd === 0 ? 'Воскресенье' : 'Суббота' };
  return { working: true, reason: null };
}

/** Whether the shipped data covers the date's year (outside it only weekends and holidays count). */
export const isShipped = (date: string) => (SHIPPED_YEARS as readonly number[]).includes(Number(date.slice(0, 4)));
