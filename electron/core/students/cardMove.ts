// Issue 12: every move of a student is done through an order (the orders are electron/core/orders;
// this is here, beside the card it serves, so that the two features do not import each other).
// A change of class on the student's
// card (students.save) is a move inside the school: it makes and signs «О переводе в другой класс»
// in the same transaction (docs/contingent.md «A class changed on the student's card»). A correction
// is not a move and makes no order: the class of a membership that began on the day given (entered
// by mistake today) or has not begun yet (a plan before the year starts).
import type { Ctx } from '../context';
import type { Writer } from '../../../db';
import { membershipsOf } from './membership';
import { className } from '../../api/text';
import { todayOf } from '../context';

/**
 * The signed order of the card's change of class when it is a move (the caller then moves the
 * student with it: `updateStudent(…, { orderId })`, one audit line for the student's row); null
 * when it is a correction (or no change).
 */
export function orderForCardMove(ctx: Ctx, w: Writer, studentId: string, classTo: string | null, date: string): string | null {
  const { db } = ctx;
  const open = membershipsOf(ctx, studentId).find((m) => m.date_to === null);
  if (!open || !classTo || open.class_id === classTo) return null;
  if (date <= open.date_from || open.date_from > todayOf(ctx)) return null;
  const to = db.first(db.q.selectFrom('school_class').select(['grade', 'letter', 'year_id']).where('id', '=', classTo).where('deleted_at', 'is', null));
  if (!to) return null;
  const today = todayOf(ctx);
  const year = db.first(db.q.selectFrom('academic_year').select('id').where('deleted_at', 'is', null).where('start_date', '<=', today).where('end_date', '>=', today))?.id ?? to.year_id;
  const n = (db.statement(`SELECT max(number) AS n FROM school_order WHERE year_id = ? AND kind = 'class_transfer' AND deleted_at IS NULL`).get(year) as { n: number | null }).n ?? 0;
  const order = w.insert('school_order', {
    year_id: year,
    kind: 'class_transfer',
    number: n + 1,
    date: today,
    status: 'signed',
    title: `О переводе в ${className(to)} класс`,
    preamble: 'На основании заявления родителя (законного представителя)',
    basis: null,
    signed_at: ctx.now().toISOString(),
    cancels_order_id: null,
  });
  w.insert('order_item', {
    order_id: order.id,
    position: 1,
    student_id: studentId,
    application_id: null,
    class_from_id: open.class_id,
    class_to_id: classTo,
    grade: null,
    effective_date: date,
    school_from: null,
    school_to: null,
    reason: null,
    decision: null,
  });
  return order.id;
}
