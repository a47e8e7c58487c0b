// The school calendar of the demo school: year, quarters and half-years, holidays, bells.
// Dates follow fixed rules (holidays start on a Sunday or Monday, quarters start on weekdays), so
// any yearStart gives a plausible calendar; for 2026 it is the one in the brief.
import type { NewRow } from '../../db/schema';

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function day(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** 0 = Sunday … 6 = Saturday. */
function weekday(dn: number): number {
  return (((dn + 4) % 7) + 7) % 7;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** 'YYYY-MM-DD' of a day number (civil_from_days; no Date objects, it runs for every person). */
export function isoDate(dn: number): string {
  const z = dn + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** The first day on or after `dn` that falls on `wd`. */
function onOrAfter(dn: number, wd: number): number {
  return dn + ((wd - weekday(dn) + 7) % 7);
}

/** Moves a Saturday or Sunday to the next Monday. */
function nextWorkday(dn: number): number {
  const wd = weekday(dn);
  return wd === 6 ? dn + 2 : wd === 0 ? dn + 1 : dn;
}

/** Moves a Saturday or Sunday back to the Friday before. */
function prevWorkday(dn: number): number {
  const wd = weekday(dn);
  return wd === 6 ? dn - 1 : wd === 0 ? dn - 2 : dn;
}

type Period = Omit<NewRow<'study_period'>, 'year_id' | 'id'>;
type Holiday = Omit<NewRow<'holiday'>, 'year_id' | 'id'>;
type Year = Omit<NewRow<'academic_year'>, 'id'>;

export interface CalendarPlan {
  year: Year;
  periods: Period[];
  holidays: Holiday[];
}

export function planCalendar(y: number): CalendarPlan {
  const start = day(y, 9, 1);
  // Autumn: from the last Sunday of October, at least a week and through 4 November (a holiday).
  const autumnFrom = onOrAfter(day(y, 10, 25), 0);
  const autumnTo = nextWorkday(Math.max(day(y, 11, 4), autumnFrom + 7) + 1) - 1;
  // Winter: 29 December until the first Monday on or after 9 January (1–8 January are off).
  const winterFrom = day(y, 12, 29);
  const q3From = onOrAfter(day(y + 1, 1, 9), 1);
  // Spring: ten days from the Monday on or after 20 March.
  const springFrom = onOrAfter(day(y + 1, 3, 20), 1);
  const springTo = springFrom + 9;
  // The additional week for first-graders in February.
  const febFrom = onOrAfter(day(y + 1, 2, 14), 1);
  const lastDay = prevWorkday(day(y + 1, 5, 26));

  const q = [
    [start, autumnFrom - 1],
    [autumnTo + 1, winterFrom - 1],
    [q3From, springFrom - 1],
    [springTo + 1, lastDay],
  ] as const;
  const periods: Period[] = q.map(([from, to], i) => ({
    kind: 'quarter',
    number: i + 1,
    name: `${i + 1} четверть`,
    start_date: isoDate(from),
    end_date: isoDate(to),
    grade_from: 1,
    grade_to: 9,
  }));
  const halves = [
    [start, winterFrom - 1],
    [q3From, lastDay],
  ] as const;
  halves.forEach(([from, to], i) =>
    periods.push({
      kind: 'half',
      number: i + 1,
      name: `${i + 1} полугодие`,
      start_date: isoDate(from),
      end_date: isoDate(to),
      grade_from: 10,
      grade_to: 11,
    }),
  );

  const holiday = (name: string, from: number, to: number, gradeFrom = 1, gradeTo = 11): Holiday => ({
    name,
    start_date: isoDate(from),
    end_date: isoDate(to),
    grade_from: gradeFrom,
    grade_to: gradeTo,
  });
  const holidays: Holiday[] = [
    holiday('Осенние каникулы', autumnFrom, autumnTo),
    holiday('Зимние каникулы', winterFrom, q3From - 1),
    holiday('Дополнительные каникулы для первоклассников', febFrom, febFrom + 6, 1, 1),
    holiday('Весенние каникулы', springFrom, springTo),
  ];

  return {
    year: {
      name: `${y}/${y + 1}`,
      start_date: isoDate(start),
      end_date: isoDate(day(y + 1, 5, 31)),
      grade_edit_window: '2w',
      is_current: 1,
    },
    periods,
    holidays,
  };
}

type Bell = Omit<NewRow<'bell'>, 'schedule_id' | 'id'>;

function hhmm(min: number): string {
  return `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
}

/** 45-minute lessons from `startMin` (minutes after midnight) with the given breaks. */
function bells(startMin: number, breaks: readonly number[]): Bell[] {
  const out: Bell[] = [];
  let t = startMin;
  for (let i = 0; i <= breaks.length; i++) {
    out.push({ lesson_no: i + 1, starts_at: hhmm(t), ends_at: hhmm(t + 45) });
    t += 45 + (breaks[i] ?? 0);
  }
  return out;
}

export const BELL_PLANS: readonly { shift: number; name: string; bells: Bell[] }[] = [
  { shift: 1, name: 'Звонки 1 смены', bells: bells(8 * 60 + 30, [10, 20, 20, 10, 10, 10]) },
  { shift: 2, name: 'Звонки 2 смены', bells: bells(13 * 60 + 30, [10, 15, 15, 10, 10]) },
];
