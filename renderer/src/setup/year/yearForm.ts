import type { GradeEditWindow, PeriodKind, YearDetails, YearInput } from '../../../../electron/api/types';
import { parseRuDate, ruDate } from '../../lib/dates';
import { checkNumber, MAX, numberText, tooLong, type NumberRule } from '../../lib/checks';

/** A period's number: the 1st–4th quarter or the 1st–2nd half-year (the core checks the pair). */
export const PERIOD_NUMBER: NumberRule = { min: 1, max: 4, step: 1 };

export interface PeriodRow {
  key: string;
  kind: PeriodKind;
  /** As typed: «2». */
  number: string;
  name: string;
  start: string;
  end: string;
  gradeFrom: number;
  gradeTo: number;
}
export interface HolidayRow {
  key: string;
  name: string;
  start: string;
  end: string;
  gradeFrom: number;
  gradeTo: number;
}
export interface YearForm {
  id: string | null;
  name: string;
  start: string;
  end: string;
  window: GradeEditWindow;
  periods: PeriodRow[];
  holidays: HolidayRow[];
}

let seq = 0;
export const newKey = () => `r${++seq}`;

export function formFromYear(y: YearInput | YearDetails, id: string | null): YearForm {
  return {
    id,
    name: y.name,
    start: ruDate(y.startDate),
    end: ruDate(y.endDate),
    window: y.gradeEditWindow,
    periods: y.periods.map((p) => ({
      key: newKey(),
      kind: p.kind,
      number: numberText(p.number),
      name: p.name,
      start: ruDate(p.startDate),
      end: ruDate(p.endDate),
      gradeFrom: p.gradeFrom,
      gradeTo: p.gradeTo,
    })),
    holidays: y.holidays.map((h) => ({ key: newKey(), name: h.name, start: ruDate(h.startDate), end: ruDate(h.endDate), gradeFrom: h.gradeFrom, gradeTo: h.gradeTo })),
  };
}

export const emptyYear = (): YearForm => ({ id: null, name: '', start: '', end: '', window: '2w', periods: [], holidays: [] });

/**
 * What is checked while typing (too long, a wrong number), keyed by the API's zod paths
 * ('periods.0.name'); dates are checked on saving (an empty new row is not yet an error).
 */
export function liveYearErrors(f: YearForm): Record<string, string> {
  const errors: Record<string, string> = {};
  const put = (path: string, m: string | undefined) => {
    if (m) errors[path] = m;
  };
  put('name', tooLong(f.name, MAX.title, 'Название'));
  f.periods.forEach((p, i) => {
    put(`periods.${i}.name`, tooLong(p.name, MAX.title, 'Название периода'));
    const n = checkNumber(p.number, PERIOD_NUMBER);
    if (!n.ok) put(`periods.${i}.number`, `Номер периода: ${n.error.toLowerCase()}`);
  });
  f.holidays.forEach((h, i) => put(`holidays.${i}.name`, tooLong(h.name, MAX.title, 'Название каникул')));
  return errors;
}

/** Converts the typed dates and numbers; local errors are keyed by the API's zod paths ('periods.0.startDate'). */
export function toYearInput(f: YearForm): { input: YearInput; errors: Record<string, string> } {
  const errors: Record<string, string> = liveYearErrors(f);
  const date = (text: string, path: string) => {
    const r = parseRuDate(text, { required: true });
    if (!r.ok) {
      errors[path] = r.error;
      return '';
    }
    return r.iso ?? '';
  };
  const input: YearInput = {
    id: f.id,
    name: f.name,
    startDate: date(f.start, 'startDate'),
    endDate: date(f.end, 'endDate'),
    gradeEditWindow: f.window,
    isCurrent: true,
    periods: f.periods.map((p, i) => ({
      kind: p.kind,
      number: Number(p.number.trim()),
      name: p.name,
      startDate: date(p.start, `periods.${i}.startDate`),
      endDate: date(p.end, `periods.${i}.endDate`),
      gradeFrom: p.gradeFrom,
      gradeTo: p.gradeTo,
    })),
    holidays: f.holidays.map((h, i) => ({
      name: h.name,
      startDate: date(h.start, `holidays.${i}.startDate`),
      endDate: date(h.end, `holidays.${i}.endDate`),
      gradeFrom: h.gradeFrom,
      gradeTo: h.gradeTo,
    })),
  };
  return { input, errors };
}
