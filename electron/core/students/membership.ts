// Dated class memberships (issue 9): a student's class is a history of memberships (student, class,
// from, to, the orders that opened and closed it). `student.class_id` is the cache of the one open
// today and is written here only: every student row with a class, and every change of class, goes
// through this module (tests/core/class-membership.test.ts checks that no other module writes a
// student's row otherwise than through `updateStudent`, which never touches the class).
import type { Ctx } from '../context';
import type { NewRow, Row, Writer } from '../../../db';
import { invalid } from '../../api/errors';
import { ruDate } from '../format';
import { className } from '../../api/text';
import { leaveOtherClasses } from '../groups/membership';

import { todayOf } from '../context';
export { todayOf };

type Interval = { date_from: string; date_to: string | null };

/** Two memberships share a day: [from, to) intervals, an open end is infinite. */
export function overlaps(a: Interval, b: Interval): boolean {
  return (a.date_to === null || b.date_from < a.date_to) && (b.date_to === null || a.date_from < b.date_to);
}

/** The student fields a caller may write; the class is not among them. */
export type StudentFields = Omit<NewRow<'student'>, 'class_id'>;

/**
 * Updates a student's own fields and, when `move` is given, moves them (see `moveStudent`): one
 * audit line for the student's row, after those of the memberships.
 */
export function updateStudent(
  ctx: Ctx,
  w: Writer,
  id: string,
  fields: Partial<StudentFields>,
  move?: { classId: string | null; date: string; column?: string; orderId?: string | null },
): Row<'student'> {
  const { class_id: _ignored, ...rest } = fields as Partial<NewRow<'student'>>;
  const moved = move ? changeMembership(ctx, w, id, move.classId, move.date, move) : false;
  const row = w.update('student', id, moved ? { ...rest, class_id: move!.classId } : rest);
  // R4: a student who changed class leaves the old class's subgroups ('subgroups.pending' asks where to put them).
  if (moved) leaveOtherClasses(ctx, w, id, move!.classId, move!.date);
  return row;
}

/**
 * New students, each in their class (or none) from `from` (a day, or one per row): the student rows
 * and their memberships. `opened_order_id` will be the enrollment order once orders exist.
 */
export function insertStudents(w: Writer, rows: readonly (NewRow<'student'> & { id?: string })[], from: string | ((row: NewRow<'student'>) => string)): Row<'student'>[] {
  const students = w.insertMany('student', rows);
  w.insertMany(
    'class_membership',
    students
      .filter((s) => s.class_id)
      .map((s) => ({
        student_id: s.id,
        class_id: s.class_id!,
        date_from: typeof from === 'string' ? from : from(s),
        date_to: null,
        opened_order_id: null,
        closed_order_id: null,
      })),
  );
  return students;
}

/** Where a student's class history stands: live memberships, oldest first. */
export function membershipsOf(ctx: Ctx, studentId: string): Row<'class_membership'>[] {
  const { db } = ctx;
  return db.all(db.q.selectFrom('class_membership').selectAll().where('student_id', '=', studentId).where('deleted_at', 'is', null).orderBy('date_from'));
}

const classNameOf = (ctx: Ctx, id: string) => {
  const c = ctx.db.first(ctx.db.q.selectFrom('school_class').select(['grade', 'letter']).where('id', '=', id));
  return c ? className(c) : '?';
};

/**
 * Moves a student into `classId` (null: out of every class) on `date`: the open membership is
 * closed on that day (the day of the move is the first day in the new class) and a new one opens.
 * A membership that would last no day (opened the same day) is removed instead: a correction
 * leaves no empty history. Refused, with the field `column`: a date after today (the cache is the
 * class of today), a date before the open membership began, or one that overlaps a closed
 * membership. The subgroups of the old class are left on the same day (R4).
 * Returns whether anything changed.
 */
export function moveStudent(ctx: Ctx, w: Writer, studentId: string, classId: string | null, date: string, opts: { column?: string; orderId?: string | null } = {}): boolean {
  const before = w.get('student', studentId).class_id;
  updateStudent(ctx, w, studentId, {}, { classId, date, ...opts });
  return w.get('student', studentId).class_id !== before;
}

/** The memberships' side of a move; true when the student's class changes. */
function changeMembership(ctx: Ctx, w: Writer, studentId: string, classId: string | null, date: string, opts: { column?: string; orderId?: string | null }): boolean {
  const column = opts.column ?? 'classFrom';
  const all = membershipsOf(ctx, studentId);
  const open = all.find((m) => m.date_to === null) ?? null;
  const student = w.get('student', studentId);
  if ((open?.class_id ?? null) === classId && student.class_id === classId) return false;
  if (date > todayOf(ctx)) throw invalid(`Дата перевода ${ruDate(date)} ещё не наступила: переводите в день перевода или задним числом`, [{ column, message: 'Дата перевода ещё не наступила' }]);
  // A membership that has not begun yet (set up before the year starts) is a plan: a change of class corrects it.
  if (open && date < open.date_from && open.date_from > todayOf(ctx)) date = open.date_from;
  if (open && date < open.date_from) {
    const msg = `Дата перевода ${ruDate(date)} раньше, чем ученик пришёл в ${classNameOf(ctx, open.class_id)} (${ruDate(open.date_from)})`;
    throw invalid(msg, [{ column, message: msg }]);
  }
  const next: Interval = { date_from: date, date_to: null };
  for (const m of all) {
    if (m === open || !overlaps(m, next)) continue;
    const msg = `На ${ruDate(date)} ученик уже числился в ${classNameOf(ctx, m.class_id)} (с ${ruDate(m.date_from)} по ${ruDate(m.date_to)}): выберите более позднюю дату`;
    throw invalid(msg, [{ column, message: msg }]);
  }
  if (open) {
    if (open.date_from === date) w.remove('class_membership', open.id);
    else w.update('class_membership', open.id, { date_to: date, closed_order_id: opts.orderId ?? null });
  }
  if (classId) w.insert('class_membership', { student_id: studentId, class_id: classId, date_from: date, date_to: null, opened_order_id: opts.orderId ?? null, closed_order_id: null });
  return true;
}

/** A student leaves the school on `date`: the open membership is closed (the row's class stays as the last one). */
export function closeMemberships(ctx: Ctx, w: Writer, studentId: string, date: string): void {
  for (const m of membershipsOf(ctx, studentId)) {
    if (m.date_to !== null) continue;
    if (m.date_from >= date) w.remove('class_membership', m.id);
    else w.update('class_membership', m.id, { date_to: date });
  }
}
