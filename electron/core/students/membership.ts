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
 * and their memberships, opened by `orderId` (the signed enrollment order; null: data entered or
 * imported as it stands, without an order).
 */
export function insertStudents(
  w: Writer,
  rows: readonly (NewRow<'student'> & { id?: string })[],
  from: string | ((row: NewRow<'student'>) => string),
  orderId: string | null = null,
): Row<'student'>[] {
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
        opened_order_id: orderId,
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
    // A membership opened by a signed order and closed by another the same day stays as history
    // (each order must find its memberships again: orders.cancel); a correction removes it.
    if (open.date_from === date && !(open.opened_order_id && opts.orderId)) w.remove('class_membership', open.id);
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

/**
 * Issue 12: a student enters `classId` on `date` by the signed order `orderId` (class forming, an
 * arrival): a student in a class is moved (`moveStudent`); one in no class gets a membership from
 * `date`, which may lie ahead (a class formed in August from 1 September is a plan, as the memberships
 * set up before a year starts).
 */
export function enterClass(ctx: Ctx, w: Writer, studentId: string, classId: string, date: string, orderId: string, column = 'effectiveDate'): void {
  const all = membershipsOf(ctx, studentId);
  if (all.some((m) => m.date_to === null)) {
    moveStudent(ctx, w, studentId, classId, date, { orderId, column });
    return;
  }
  const next: Interval = { date_from: date, date_to: null };
  for (const m of all) {
    if (!overlaps(m, next)) continue;
    const msg = `На ${ruDate(date)} ученик уже числился в ${classNameOf(ctx, m.class_id)} (с ${ruDate(m.date_from)} по ${ruDate(m.date_to)}): выберите более позднюю дату`;
    throw invalid(msg, [{ column, message: msg }]);
  }
  w.insert('class_membership', { student_id: studentId, class_id: classId, date_from: date, date_to: null, opened_order_id: orderId, closed_order_id: null });
  w.update('student', studentId, { class_id: classId });
}

/**
 * Issue 12: a student leaves the school on `date` by the signed order `orderId` (a transfer to
 * another school, an expulsion): the open membership closes on that day with `closed_order_id`, the
 * class cache empties; the student and the whole history stay.
 */
export function leaveSchool(ctx: Ctx, w: Writer, studentId: string, date: string, orderId: string, column = 'effectiveDate'): void {
  const open = membershipsOf(ctx, studentId).find((m) => m.date_to === null);
  if (!open) {
    const msg = 'Ученик не числится ни в одном классе: отчислять неоткуда';
    throw invalid(msg, [{ column, message: msg }]);
  }
  if (date <= open.date_from) {
    const msg = `Дата отчисления ${ruDate(date)} не позже, чем ученик пришёл в ${classNameOf(ctx, open.class_id)} (${ruDate(open.date_from)})`;
    throw invalid(msg, [{ column, message: msg }]);
  }
  w.update('class_membership', open.id, { date_to: date, closed_order_id: orderId });
  w.update('student', studentId, { class_id: null });
  leaveOtherClasses(ctx, w, studentId, null, date);
}

/**
 * Issue 12: undoes what the signed order `orderId` did to memberships (its cancellation): those it
 * opened are removed, those it closed open again, the class cache follows. Refused, with the reason,
 * when a later change built on them: a membership it opened has been closed since, or the student
 * has a membership after one it closed.
 */
export function undoOrderMemberships(ctx: Ctx, w: Writer, orderId: string, nameOf: (studentId: string) => string): void {
  const { db } = ctx;
  const opened = db.all(db.q.selectFrom('class_membership').selectAll().where('opened_order_id', '=', orderId).where('deleted_at', 'is', null));
  const closed = db.all(db.q.selectFrom('class_membership').selectAll().where('closed_order_id', '=', orderId).where('deleted_at', 'is', null));
  for (const m of opened) {
    if (m.date_to !== null && m.closed_order_id !== orderId)
      throw invalid(
        `${nameOf(m.student_id)}: с ${ruDate(m.date_to)} ученик уже не в ${classNameOf(ctx, m.class_id)} — сначала отмените тот перевод или отчисление`,
      );
  }
  const openedIds = new Set(opened.map((m) => m.id));
  for (const m of closed) {
    const later = membershipsOf(ctx, m.student_id).find((x) => !openedIds.has(x.id) && x.id !== m.id && x.date_from >= m.date_to!);
    if (later)
      throw invalid(
        `${nameOf(m.student_id)}: с ${ruDate(later.date_from)} ученик числится в ${classNameOf(ctx, later.class_id)} — сначала отмените то зачисление или перевод`,
      );
  }
  const students = new Set<string>();
  for (const m of opened) {
    w.remove('class_membership', m.id);
    students.add(m.student_id);
  }
  for (const m of closed) {
    if (openedIds.has(m.id)) continue;
    w.update('class_membership', m.id, { date_to: null, closed_order_id: null });
    students.add(m.student_id);
  }
  for (const id of students) {
    const open = membershipsOf(ctx, id).find((m) => m.date_to === null);
    if (w.get('student', id).class_id !== (open?.class_id ?? null)) w.update('student', id, { class_id: open?.class_id ?? null });
  }
}

/**
 * Issue 15 (the rollover to the next year, semantics 4): the student's open membership in the old
 * year's class closes on `date` (the next year's first day: no summer gap) by the order that decided
 * it, and the next year's class `classId` opens that day by the same order; null: the student leaves
 * (a graduate whose order left the membership open). The class cache follows, the old class's
 * subgroups are left on the same day (R4). Dates ahead of today are allowed: the next year is planned
 * in summer. Nothing happens when the student is already in `classId` from `date` (a second run).
 * Returns whether anything changed.
 */
export function carryToNextYear(ctx: Ctx, w: Writer, studentId: string, classId: string | null, date: string, orderId: string): boolean {
  const all = membershipsOf(ctx, studentId);
  const open = all.find((m) => m.date_to === null) ?? null;
  if (!open) return false;
  if (open.class_id === classId) return false;
  if (date <= open.date_from)
    throw invalid(`Переход на новый год ${ruDate(date)} не позже, чем ученик пришёл в ${classNameOf(ctx, open.class_id)} (${ruDate(open.date_from)})`);
  w.update('class_membership', open.id, { date_to: date, closed_order_id: orderId });
  if (classId) w.insert('class_membership', { student_id: studentId, class_id: classId, date_from: date, date_to: null, opened_order_id: orderId, closed_order_id: null });
  if (w.get('student', studentId).class_id !== classId) w.update('student', studentId, { class_id: classId });
  leaveOtherClasses(ctx, w, studentId, classId, date);
  return true;
}
