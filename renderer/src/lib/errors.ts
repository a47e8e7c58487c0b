import { AppError } from '../api';
import type { Problem } from '../../../electron/api/errors';
import { ruFold } from '../../../electron/api/text';

export type { Problem };

export function errorMessage(e: unknown): string {
  if (e instanceof AppError) return e.message;
  if (e instanceof Error && e.message) return `Непредвиденная ошибка: ${e.message}`;
  return 'Непредвиденная ошибка';
}

export function problemsOf(e: unknown): Problem[] {
  return e instanceof AppError ? e.problems : [];
}

const norm = (s: string) => ruFold(s).trim();

/**
 * The message of the first problem about a field. A field is named either by the zod path
 * ('fullName', 'periods.2.startDate') or by its Russian label as the core reports it ('СНИЛС').
 */
export function fieldError(problems: Problem[], ...names: string[]): string | undefined {
  const wanted = names.map(norm);
  return problems.find((p) => p.column !== undefined && wanted.includes(norm(p.column)))?.message;
}

/** Problems about one row of a table: zod paths '<list>.<index>.<field>' or the core's 1-based `row`. */
export function rowProblems(problems: Problem[], list: string, index: number, coreFilter?: (p: Problem) => boolean): Problem[] {
  return problems.filter((p) => {
    if (p.column?.startsWith(`${list}.${index}.`) || p.column === `${list}.${index}`) return true;
    return p.row === index + 1 && (coreFilter ? coreFilter(p) : true);
  });
}

/** The field of a zod path '<list>.<index>.<field>' problem, or the core's column label. */
export function cellError(problems: Problem[], field: string, ...labels: string[]): string | undefined {
  const ls = labels.map(norm);
  return problems.find((p) => p.column?.endsWith(`.${field}`) || (p.column !== undefined && ls.includes(norm(p.column))))?.message;
}

/**
 * The same refusal without the problems about the named field (called when the user edits that
 * field, so a corrected value no longer shows the old error); null when nothing is left.
 */
export function withoutField(e: unknown, ...names: string[]): unknown {
  const wanted = names.map(norm);
  return withoutProblems(e, (p) => p.column !== undefined && wanted.includes(norm(p.column)));
}

/** The same refusal without the problems that `drop` selects; null when nothing is left. */
export function withoutProblems(e: unknown, drop: (p: Problem) => boolean): unknown {
  if (!(e instanceof AppError) || e.problems.length === 0) return e;
  const rest = e.problems.filter((p) => !drop(p));
  if (rest.length === e.problems.length) return e;
  if (rest.length === 0) return null;
  return new AppError(e.code, rest[0]!.message, rest);
}
