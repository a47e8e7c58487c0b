import type { GradeEditWindow, YearDetails, YearInput } from '../../../../electron/api/types';
import { parseRuDate, ruDate } from '../../lib/dates';

export interface PeriodRow {
  key: string;
  kind: 'quarter' | 'half';
  number: number;
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
      number: p.number,
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

/** Converts the typed dates; local errors are keyed by the API's zod paths ('periods.0.startDate'). */
export function toYearInput(f: YearForm): { input: YearInput; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
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
      number: p.number,
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
