// Russian date parsing and formatting. Dates are ISO strings 'YYYY-MM-DD' in the database.
import { cleanText } from './text';

export type DateParse = { ok: true; iso: string } | { ok: false; reason: 'format' | 'calendar' };

const DMY = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})$/;
const YMD = /^(\d{4})[./-](\d{1,2})[./-](\d{1,2})$/;
// Tolerated tails: « г.», « года», a time of day as in '15.03.2015 0:00:00', ISO 'T00:00:00Z'.
const TAIL = /(?:\s*(?:г\.?|года?)\s*$)|(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?\s*$)/i;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function build(year: number, month: number, day: number): DateParse {
  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: 'calendar' };
  }
  return { ok: true, iso: `${year}-${pad2(month)}-${pad2(day)}` };
}

/** Parses a date with a reason on failure ('format': not a date at all; 'calendar': no such day). */
export function parseDateDetailed(text: string, today: string = todayIso()): DateParse {
  let value = text;
  let m = DMY.exec(value);
  if (!m && !YMD.test(value)) {
    value = cleanText(text).replace(TAIL, '');
    m = DMY.exec(value);
  }
  if (m) {
    let year = Number(m[3]);
    if (m[3]!.length === 2) {
      const currentYy = Number(today.slice(2, 4));
      const century = Number(today.slice(0, 2));
      year = year <= currentYy ? century * 100 + year : (century - 1) * 100 + year;
    }
    return build(year, Number(m[2]), Number(m[1]));
  }
  m = YMD.exec(value);
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]));
  return { ok: false, reason: 'format' };
}

/**
 * 'dd.mm.yyyy', 'd.m.yyyy', 'dd.mm.yy' (yy ≤ current yy → 20yy, else 19yy), 'yyyy-mm-dd'
 * ('/' and '-' also accepted as separators) → 'YYYY-MM-DD'; null when not a real date.
 * `today` ('YYYY-MM-DD') decides the century of two-digit years.
 */
export function parseRuDate(text: string, today?: string): string | null {
  const r = parseDateDetailed(text, today);
  return r.ok ? r.iso : null;
}

/** 'YYYY-MM-DD' → 'dd.mm.yyyy' (other input is returned as is). */
export function formatRuDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** Full years between two ISO dates. */
export function ageAt(birthIso: string, todayIso: string): number {
  const years = Number(todayIso.slice(0, 4)) - Number(birthIso.slice(0, 4));
  return todayIso.slice(5, 10) < birthIso.slice(5, 10) ? years - 1 : years;
}

/** The local date as 'YYYY-MM-DD'. */
export function todayIso(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad2(now.getMonth() + 1)}-${pad2(now.getDate())}`;
}
