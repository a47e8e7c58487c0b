// A stand-in for `orders.sign` (issue 12, written in parallel by the orders engineer): the state a
// signed order leaves, written through the Writer as docs/contingent.md «Orders» describes it — a
// numbered signed `school_order`, its `order_item`s, and each item applied to the dated class
// memberships by the program's one membership path (`moveStudent`, with the order's id as the
// membership's `opened_order_id`/`closed_order_id`). Swap for the real `orders.sign` once merged.
import type { Ctx } from '../../electron/core/context';
import type { OrderKind } from '../../electron/api/enums';
import { orderKinds } from '../../electron/api/enums';
import { act } from '../../electron/core/tx';
import { insertStudents, moveStudent } from '../../electron/core/students/membership';

export interface SignedItem {
  studentId: string;
  classFromId?: string | null;
  classToId?: string | null;
  effectiveDate: string;
  schoolFrom?: string | null;
  schoolTo?: string | null;
  reason?: string | null;
}

/** Writes a signed order of `kind` № `number` dated `date` and applies its items as signing does; returns the order's id. */
export function signOrderAsSigningWould(ctx: Ctx, o: { kind: Exclude<OrderKind, 'cancellation'>; number: number; date: string; items: SignedItem[] }): string {
  return act(ctx, (w) => {
    const year = ctx.db.first(ctx.db.q.selectFrom('academic_year').select('id').where('is_current', '=', 1).where('deleted_at', 'is', null))!;
    const order = w.insert('school_order', {
      year_id: year.id,
      kind: o.kind,
      number: o.number,
      date: o.date,
      status: 'signed',
      title: orderKinds.labels[o.kind],
      preamble: null,
      basis: null,
      signed_at: ctx.now().toISOString(),
      cancels_order_id: null,
    });
    o.items.forEach((it, i) => {
      w.insert('order_item', {
        order_id: order.id,
        position: i + 1,
        student_id: it.studentId,
        application_id: null,
        class_from_id: it.classFromId ?? null,
        class_to_id: it.classToId ?? null,
        grade: null,
        effective_date: it.effectiveDate,
        school_from: it.schoolFrom ?? null,
        school_to: it.schoolTo ?? null,
        reason: it.reason ?? null,
      });
      const to = o.kind === 'transfer_out' || o.kind === 'expulsion' ? null : it.classToId!;
      moveStudent(ctx, w, it.studentId, to, it.effectiveDate, { orderId: order.id });
    });
    return order.id;
  });
}

/** A student arriving by transfer, made without a class (as `students.save` would), with the next file number of the surname's letter. */
export function newcomer(ctx: Ctx, p: { last: string; first: string; middle: string; birth: string; address: string }): string {
  const letter = p.last.charAt(0).toUpperCase();
  const nos = ctx.db.all(ctx.db.q.selectFrom('student').select('personal_file_no').where('personal_file_no', 'like', `${letter}-%`));
  const next = Math.max(0, ...nos.map((r) => Number(r.personal_file_no!.split('-')[1]) || 0)) + 1;
  return act(ctx, (w) =>
    insertStudents(
      w,
      [{ last_name: p.last, first_name: p.first, middle_name: p.middle, birth_date: p.birth, gender: 'm', snils: null, class_id: null, address: p.address, personal_file_no: `${letter}-${next}`, birth_certificate: null }],
      p.birth,
    )[0]!.id,
  );
}
