// The dates of a form checked before anything is sent (issue 12's forms: orders, the arrival, the
// credentials' handing, the production calendar): a date typed wrongly is refused with a message
// naming the field, shown next to it — never sent as another value, never left to a generic
// message. The core checks the same again (electron/api/schemas.ts dateField).
import { AppError } from '../api';
import type { Problem } from './errors';
import { parseRuDate } from './dates';

export interface DateInput {
  /** The zod path of the field ('date', 'items.0.effectiveDate'): where the message is shown. */
  column: string;
  /** The field's label as the form shows it («Дата приказа»). */
  label: string;
  /** The text as typed, ДД.ММ.ГГГГ. */
  text: string;
  /** Empty is refused (else it is null). */
  required?: boolean;
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** The problem of one typed date, or null when it is a date (or empty and optional). */
export function dateProblem(d: DateInput): Problem | null {
  const p = parseRuDate(d.text, { required: d.required ?? true });
  return p.ok ? null : { column: d.column, message: `Поле «${d.label}»: ${lower(p.error)}` };
}

/** The ISO dates of the fields, in order (null: empty and optional); throws the refusal naming every bad one. */
export function isoDates(fields: readonly DateInput[]): (string | null)[] {
  const problems = fields.map(dateProblem).filter((p): p is Problem => p !== null);
  if (problems.length) throw new AppError('validation', problems[0]!.message, problems);
  return fields.map((d) => {
    const p = parseRuDate(d.text);
    return p.ok ? p.iso : null;
  });
}
