// Working days by the production calendar (production.ts) as the school corrected it: a
// `calendar_day` row decides its date (kind 'holiday': a day off; 'workday': a working day).
import type { Db } from '../../../db';
import { shippedDay } from './production';

/** The school's corrections: date → kind. */
export type Corrections = ReadonlyMap<string, 'holiday' | 'workday'>;

/** The live calendar_day rows, read once. */
export function loadCorrections(db: Db): Corrections {
  const rows = db.statement(`SELECT date, kind FROM calendar_day WHERE deleted_at IS NULL`).all() as { date: string; kind: 'holiday' | 'workday' }[];
  return new Map(rows.map((r) => [r.date, r.kind]));
}

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function isWorkingDay(date: string, corrections: Corrections = new Map()): boolean {
  const c = corrections.get(date);
  if (c) return c === 'workday';
  return shippedDay(date).working;
}

/**
 * The n-th working day after `date` (n ≥ 1; the day itself does not count): the 10th working day
 * after an arrival on Wednesday 30.12.2026 is Friday 22.01.2027. n = 0 gives the date itself.
 */
export function addWorkingDays(date: string, n: number, corrections: Corrections = new Map()): string {
  if (!Number.isInteger(n) || n < 0) throw new Error('addWorkingDays: n must be a whole number ≥ 0');
  let d = date;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d, corrections)) left--;
  }
  return d;
}

/** Working days in (from, to]: after `from`, up to and including `to`; negative when to < from. */
export function workingDaysBetween(from: string, to: string, corrections: Corrections = new Map()): number {
  if (to < from) return -workingDaysBetween(to, from, corrections);
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, corrections)) n++;
  return n;
}

/** The deadline for credentials (R7, `002 §1.7`): the 10th working day after arrival. */
export const CREDENTIALS_WORKING_DAYS = 10;
export const credentialsDueOn = (arrivedOn: string, corrections: Corrections) => addWorkingDays(arrivedOn, CREDENTIALS_WORKING_DAYS, corrections);
