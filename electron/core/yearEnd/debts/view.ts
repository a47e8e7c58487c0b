// A debt as the screens and the documents see it (issue 15 point 2): the deadline one year from the
// day it arose (273-ФЗ art. 58 p. 5), the commission's names, what is next.
import type { Ctx } from '../../context';
import type { DebtRow } from '../../../api/debts';
import { POSITIVE_RESULTS } from '../../../api/debts';
import type { MarkValue } from '../../../api/enums';
import { fullName, parseJsonArray, ruDate } from '../../format';
import { todayOf } from '../../context';
import { parallelFilter } from '../../auth/parallels';
import { classesOfYear, debtRecords, staffNames, type DebtRecordRow } from './queries';

/** One year from an ISO day (29.02 → 28.02 of the next year... the day after is 01.03). */
export function addYear(iso: string): string {
  const y = Number(iso.slice(0, 4)) + 1;
  const md = iso.slice(5);
  return md === '02-29' ? `${y}-02-28` : `${y}${iso.slice(4)}`;
}

export const isPositive = (v: MarkValue | null): boolean => v !== null && POSITIVE_RESULTS.includes(v);
export const isNegative = (v: MarkValue | null): boolean => v !== null && !POSITIVE_RESULTS.includes(v);

/** Both retakes failed, or the year for them has passed: the decision may be taken (art. 58 p. 9). */
export function mayDecide(d: Pick<DebtRecordRow, 'first_result' | 'second_result' | 'recorded_on' | 'status'>, today: string): boolean {
  if (d.status !== 'open') return false;
  return (isNegative(d.first_result) && isNegative(d.second_result)) || today > addYear(d.recorded_on);
}

export function nextStep(d: Pick<DebtRecordRow, 'first_retake_on' | 'first_result' | 'second_retake_on' | 'second_result' | 'commission' | 'recorded_on' | 'status'>, today: string): string | null {
  if (d.status !== 'open') return null;
  const late = today > addYear(d.recorded_on);
  if (isNegative(d.second_result)) return 'принять решение';
  if (late) return 'срок истёк — принять решение';
  if (!d.first_retake_on) return 'назначить первую пересдачу';
  if (!d.first_result) return d.first_retake_on > today ? `первая пересдача ${ruDate(d.first_retake_on)}` : 'внести результат первой пересдачи';
  if (!d.second_retake_on) return 'назначить вторую пересдачу';
  if (parseJsonArray<string>(d.commission).length < 3) return 'назначить комиссию';
  return d.second_retake_on > today ? `вторая пересдача ${ruDate(d.second_retake_on)}` : 'внести результат второй пересдачи';
}

/** The rows of a year's debts (or of some of them) as the list shows them. */
export function debtViews(ctx: Ctx, yearId: string, only?: { id?: string }): DebtRow[] {
  const records = debtRecords(ctx, yearId, only);
  const classes = new Map(classesOfYear(ctx, yearId).map((c) => [c.id, c]));
  const staff = staffNames(ctx, records.flatMap((r) => parseJsonArray<string>(r.commission)));
  const today = todayOf(ctx);
  const mine = parallelFilter(ctx);
  return records.map((r) => {
    const c = r.class_id ? classes.get(r.class_id) : undefined;
    const nextRetakeOn = r.status !== 'open' ? null : !r.first_result ? r.first_retake_on : !r.second_result ? r.second_retake_on : null;
    return {
      id: r.id,
      studentId: r.student_id,
      studentName: fullName(r),
      classId: c?.id ?? null,
      className: c?.name ?? null,
      grade: c?.grade ?? null,
      subjectId: r.subject_id,
      subjectName: r.subject_name,
      reason: r.reason,
      recordedOn: r.recorded_on,
      deadline: addYear(r.recorded_on),
      firstRetakeOn: r.first_retake_on,
      firstResult: r.first_result,
      secondRetakeOn: r.second_retake_on,
      secondResult: r.second_result,
      commission: parseJsonArray<string>(r.commission).map((id) => ({ id, name: staff.get(id) ?? 'сотрудник удалён' })),
      status: r.status,
      decision: r.decision,
      decidedOn: r.decided_on,
      note: r.note,
      nextRetakeOn,
      next: nextStep(r, today),
      canDecide: mayDecide(r, today),
      editable: c ? mine(c.grade) : true,
    };
  });
}
