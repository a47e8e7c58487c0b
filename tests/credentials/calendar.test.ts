// The production calendar (R7; electron/core/calendar): the shipped 2026 and 2027 data — weekends,
// public holidays, the transfers of decree № 1466 and of art. 112 — and the 10-working-day deadline.
import { describe, expect, it } from 'vitest';
import { addWorkingDays, credentialsDueOn, isWorkingDay, workingDaysBetween } from '../../electron/core/calendar/calendar';

const off = new Map<string, 'holiday' | 'workday'>();

describe('the production calendar', () => {
  it('2026: the New Year holidays run 1–11 January (3 and 4 January moved to 9 January and 31 December)', () => {
    for (let d = 1; d <= 11; d++) expect(isWorkingDay(`2026-01-${String(d).padStart(2, '0')}`), `${d}.01.2026`).toBe(false);
    expect(isWorkingDay('2026-01-12')).toBe(true);
    expect(isWorkingDay('2026-12-31')).toBe(false); // Thursday, the day off of 4 January
    expect(isWorkingDay('2026-12-30')).toBe(true);
  });

  it('2026: the other holidays and the transfers of art. 112 (8 March → 9 March, 9 May → 11 May)', () => {
    expect(['2026-02-23', '2026-03-09', '2026-05-01', '2026-05-11', '2026-06-12', '2026-11-04'].map((d) => isWorkingDay(d))).toEqual([false, false, false, false, false, false]);
    expect(isWorkingDay('2026-02-24')).toBe(true);
    expect(isWorkingDay('2026-03-10')).toBe(true);
    expect(isWorkingDay('2026-05-12')).toBe(true);
  });

  it('2026 has 247 working days (the official figure for a five-day week)', () => {
    expect(workingDaysBetween('2025-12-31', '2026-12-31')).toBe(247);
  });

  it('2027: 1–8 January off; 1 May → 3 May, 9 May → 10 May, 12 June → 14 June', () => {
    for (let d = 1; d <= 10; d++) expect(isWorkingDay(`2027-01-${String(d).padStart(2, '0')}`), `${d}.01.2027`).toBe(false);
    expect(isWorkingDay('2027-01-11')).toBe(true);
    expect(['2027-05-03', '2027-05-10', '2027-06-14', '2027-02-23', '2027-03-08', '2027-11-04'].map((d) => isWorkingDay(d))).toEqual([false, false, false, false, false, false]);
  });

  it('counts working days after a date, skipping weekends and holidays', () => {
    expect(addWorkingDays('2026-12-01', 0)).toBe('2026-12-01');
    expect(addWorkingDays('2026-12-04', 1)).toBe('2026-12-07'); // Friday → Monday
    // Arrival on Wednesday 30.12.2026: 31.12 (transfer), 1–8.01 (holidays), 9–10.01 (weekend) are
    // skipped; 11–15.01 are the 1st–5th working days, 18–22.01 the 6th–10th.
    expect(credentialsDueOn('2026-12-30', off)).toBe('2027-01-22');
    expect(workingDaysBetween('2026-12-30', '2027-01-22')).toBe(10);
  });

  it('follows the school’s corrections', () => {
    const corrected = new Map<string, 'holiday' | 'workday'>([['2027-01-15', 'holiday'], ['2027-01-09', 'workday']]);
    expect(isWorkingDay('2027-01-15', corrected)).toBe(false);
    expect(isWorkingDay('2027-01-09', corrected)).toBe(true);
    // One day off and one working Saturday within the window: the deadline stays the 22nd.
    expect(credentialsDueOn('2026-12-30', corrected)).toBe('2027-01-22');
    expect(credentialsDueOn('2026-12-30', new Map([['2027-01-15', 'holiday']]))).toBe('2027-01-25');
  });
});
