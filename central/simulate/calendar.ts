// Days as integers (days since 1970-01-01, UTC) and the school's local moments: the simulation
// never builds a Date per mark.

const DAY_MS = 86_400_000;

/** The day number of 'YYYY-MM-DD'. */
export function dayOf(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new RangeError(`not a date: ${iso}`);
  return Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS);
}

const isoCache = new Map<number, string>();
/** 'YYYY-MM-DD' of a day number. */
export function isoDay(dn: number): string {
  let s = isoCache.get(dn);
  if (s === undefined) {
    s = new Date(dn * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(dn, s);
  }
  return s;
}

/** 1 = Monday … 7 = Sunday. */
export function weekday(dn: number): number {
  return ((((dn + 3) % 7) + 7) % 7) + 1;
}

/** Minutes after midnight of 'HH:MM'. */
export function minutesOf(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})/.exec(hhmm);
  if (!m) throw new RangeError(`not a time: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/**
 * A moment of the school's day: day number + local minutes and seconds. `offsetMin`: the school's
 * offset from UTC (Moscow, +180, by default).
 */
export function momentMs(dn: number, localMin: number, sec: number, offsetMin: number): number {
  return dn * DAY_MS + (localMin - offsetMin) * 60_000 + sec * 1000;
}

/** ISO 8601 UTC with milliseconds, as the app's Writer stamps rows. */
export function isoMoment(ms: number): string {
  return new Date(ms).toISOString();
}

/** The local day of a moment. */
export function localDayOf(ms: number, offsetMin: number): number {
  return Math.floor((ms + offsetMin * 60_000) / DAY_MS);
}
