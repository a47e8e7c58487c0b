// What the books are made of (issue 12, docs/contingent.md «Books and reports»): the students,
// their dated class memberships and the signed orders' items, read once and turned into movements.
// A membership's first day is an arrival into the school when no membership of the student ends
// that day, otherwise a move between classes; its end likewise a departure or a move. The order is
// the one that opened or closed the membership (a class-forming order's arrival shows the student's
// enrollment order). A cancelled order counts for nothing: a membership it opened is not there, an
// end it made is no end unless another membership follows. A student from before the program (a
// first membership without an order) is in the class from the membership's first day: on the first
// day of a period such a membership is part of the start, later it is an arrival without an order.
// Issue 15: a graduation order's graduate leaves («окончил обучение»); the rollover closes a membership
// by the promotion order on the new year's first day and opens the next class's that day: a move.
import type { Ctx } from '../context';
import type { Row } from '../../../db';
import type { Movement, MovementKind, OrderRef } from '../../api/books';
import { orderKinds, type OrderKind } from '../../api/enums';
import { orderNumberText } from '../../api/orders';
import { className } from '../../api/text';
import { fullName, ruDate } from '../format';

export interface ClassFact {
  id: string;
  name: string;
  grade: number;
  letter: string;
  yearId: string;
}

export interface StudentFact {
  id: string;
  fullName: string;
  last: string;
  fileNo: string | null;
  birthDate: string;
  address: string | null;
  classId: string | null;
  parents: string;
}

/** A membership as the books count it: `to` null while open (an end by a cancelled order undone). */
export interface Span {
  id: string;
  studentId: string;
  classId: string;
  from: string;
  to: string | null;
  /** Its first day is not a movement of the program's: a first membership without an order. */
  initial: boolean;
  openKind: 'arrived' | 'moved_in';
  closeKind: 'left' | 'moved_out' | null;
  openOrder: OrderRef | null;
  closeOrder: OrderRef | null;
  /** From the order's item: the school the student came from, went to, the reason. */
  place: { from: string | null; to: string | null; reason: string | null };
  /** The other class of a move. */
  prevClassId: string | null;
  nextClassId: string | null;
}

export interface Facts {
  classes: Map<string, ClassFact>;
  students: Map<string, StudentFact>;
  /** Per student, oldest first. */
  spans: Map<string, Span[]>;
}

/** «от 09.11.2026 № 1-оп»: the order's number as it is printed on the order and in the register (ORDER_SUFFIX). */
export const orderText = (o: { kind: OrderKind; number: number | null; date: string }) => `от ${ruDate(o.date)}${o.number ? ` № ${orderNumberText(o.kind, o.number)}` : ''}`;

const ARRIVAL_KINDS = new Set(['enrollment', 'transfer_in']);

/**
 * Why a membership ended, as the books write it: a graduate (issue 15) «окончил обучение»; otherwise
 * the reason of the order's item (an expulsion's). A promotion item's text is a note, not a reason.
 */
function closeReason(it: Row<'order_item'> | undefined): string | null {
  if (!it) return null;
  if (it.decision === 'graduated') return 'окончил обучение';
  return it.decision ? null : it.reason;
}

export function loadFacts(ctx: Ctx): Facts {
  const { db } = ctx;
  const classes = new Map<string, ClassFact>();
  for (const c of db.all(db.q.selectFrom('school_class').select(['id', 'grade', 'letter', 'year_id']).where('deleted_at', 'is', null)))
    classes.set(c.id, { id: c.id, name: className(c), grade: c.grade, letter: c.letter, yearId: c.year_id });

  const parents = new Map<string, string[]>();
  const guardianRows = db.all(
    db.q
      .selectFrom('student_guardian as sg')
      .innerJoin('guardian as g', 'g.id', 'sg.guardian_id')
      .select(['sg.student_id', 'sg.relation', 'g.last_name', 'g.first_name', 'g.middle_name'])
      .where('sg.deleted_at', 'is', null)
      .where('g.deleted_at', 'is', null)
      .orderBy('g.last_name')
      .orderBy('g.first_name'),
  );
  for (const g of guardianRows) {
    const list = parents.get(g.student_id) ?? [];
    list.push(`${fullName(g)}${g.relation ? ` (${g.relation})` : ''}`);
    parents.set(g.student_id, list);
  }

  const students = new Map<string, StudentFact>();
  for (const s of db.all(
    db.q
      .selectFrom('student')
      .select(['id', 'last_name', 'first_name', 'middle_name', 'birth_date', 'address', 'personal_file_no', 'class_id'])
      .where('deleted_at', 'is', null),
  ))
    students.set(s.id, {
      id: s.id,
      fullName: fullName(s),
      last: s.last_name,
      fileNo: s.personal_file_no,
      birthDate: s.birth_date,
      address: s.address,
      classId: s.class_id,
      parents: (parents.get(s.id) ?? []).join('; '),
    });

  const orders = new Map<string, Row<'school_order'>>();
  for (const o of db.all(db.q.selectFrom('school_order').selectAll().where('deleted_at', 'is', null).where('status', '!=', 'draft'))) orders.set(o.id, o);
  const ref = (id: string | null): OrderRef | null => {
    const o = id ? orders.get(id) : undefined;
    return o ? { id: o.id, kind: o.kind, number: o.number, date: o.date, text: orderText(o) } : null;
  };
  const cancelled = (id: string | null) => !!id && orders.get(id)?.status === 'cancelled';

  // The items of the signed orders, per student (an enrollment's item may name only its application).
  const appStudent = new Map<string, string>();
  for (const a of db.all(db.q.selectFrom('enrollment_application').select(['id', 'student_id']).where('deleted_at', 'is', null).where('student_id', 'is not', null)))
    appStudent.set(a.id, a.student_id!);
  const items = new Map<string, Row<'order_item'>[]>();
  for (const it of db.all(db.q.selectFrom('order_item').selectAll().where('deleted_at', 'is', null))) {
    if (orders.get(it.order_id)?.status !== 'signed') continue;
    const sid = it.student_id ?? (it.application_id ? appStudent.get(it.application_id) : undefined);
    if (!sid) continue;
    const list = items.get(sid) ?? [];
    list.push(it);
    items.set(sid, list);
  }
  const itemOf = (studentId: string, orderId: string | null) => (orderId ? items.get(studentId)?.find((i) => i.order_id === orderId) : undefined);

  const spans = new Map<string, Span[]>();
  const rows = db.all(
    db.q
      .selectFrom('class_membership')
      .select(['id', 'student_id', 'class_id', 'date_from', 'date_to', 'opened_order_id', 'closed_order_id'])
      .where('deleted_at', 'is', null)
      .orderBy('student_id')
      .orderBy('date_from'),
  );
  const byStudent = new Map<string, typeof rows>();
  for (const m of rows) {
    if (!students.has(m.student_id) || !classes.has(m.class_id) || cancelled(m.opened_order_id)) continue;
    if (m.date_to !== null && m.date_to <= m.date_from) continue;
    const list = byStudent.get(m.student_id) ?? [];
    list.push(m);
    byStudent.set(m.student_id, list);
  }
  for (const [sid, ms] of byStudent) {
    const out: Span[] = [];
    for (const m of ms) {
      const prev = ms.find((p) => p !== m && p.date_to === m.date_from);
      const next = m.date_to === null ? undefined : ms.find((n) => n !== m && n.date_from === m.date_to);
      // An end made by a cancelled order is no end, unless another membership follows.
      const to = m.date_to !== null && cancelled(m.closed_order_id) && !next ? null : m.date_to;
      let openOrder = ref(m.opened_order_id);
      let openItem = itemOf(sid, m.opened_order_id);
      if (!prev && openOrder && !ARRIVAL_KINDS.has(openOrder.kind)) {
        // Placed into a class by a class-forming order: the arrival is the student's enrollment.
        const enrolled = (items.get(sid) ?? [])
          .filter((i) => ARRIVAL_KINDS.has(orders.get(i.order_id)!.kind) && i.effective_date <= m.date_from)
          .sort((a, b) => (a.effective_date < b.effective_date ? 1 : -1))[0];
        if (enrolled) {
          openOrder = ref(enrolled.order_id);
          openItem = enrolled;
        }
      }
      const closeItem = to === null ? undefined : itemOf(sid, m.closed_order_id);
      out.push({
        id: m.id,
        studentId: sid,
        classId: m.class_id,
        from: m.date_from,
        to,
        initial: !prev && !m.opened_order_id,
        openKind: prev ? 'moved_in' : 'arrived',
        closeKind: to === null ? null : next ? 'moved_out' : 'left',
        openOrder,
        closeOrder: to === null ? null : ref(m.closed_order_id),
        place: { from: openItem?.school_from ?? null, to: closeItem?.school_to ?? null, reason: closeReason(closeItem) },
        prevClassId: prev?.class_id ?? null,
        nextClassId: next?.class_id ?? null,
      });
    }
    spans.set(sid, out);
  }
  return { classes, students, spans };
}

/** The day before an ISO day. */
export function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Present when the period begins: in before its first day, or from it without a movement of the program's. */
export const atStart = (m: Span, from: string) => (m.from < from || (m.from === from && m.initial)) && (m.to === null || m.to >= from);
/** Present when the period ends (at the end of its last day). */
export const atEnd = (m: Span, to: string) => m.from <= to && (m.to === null || m.to > to);
/** The membership's first day is a movement within the period. */
export const opensIn = (m: Span, from: string, to: string) => m.from >= from && m.from <= to && !(m.from === from && m.initial);
/** Its end (the day of leaving) is within the period. */
export const closesIn = (m: Span, from: string, to: string) => m.to !== null && m.to >= from && m.to <= to;

/** The movements of a period: each opening and each end of a membership within it, by date, then name. */
export function movements(f: Facts, from: string, to: string): Movement[] {
  const out: Movement[] = [];
  const make = (m: Span, kind: MovementKind, date: string): Movement => {
    const s = f.students.get(m.studentId)!;
    const opening = kind === 'arrived' || kind === 'moved_in';
    const other = opening ? m.prevClassId : m.nextClassId;
    return {
      studentId: s.id,
      fileNo: s.fileNo,
      fullName: s.fullName,
      birthDate: s.birthDate,
      address: s.address,
      kind,
      date,
      classId: m.classId,
      className: f.classes.get(m.classId)!.name,
      otherClass: other ? (f.classes.get(other)?.name ?? null) : null,
      place: kind === 'arrived' ? m.place.from : kind === 'left' ? m.place.to : null,
      order: opening ? m.openOrder : m.closeOrder,
      reason: kind === 'left' ? m.place.reason : null,
    };
  };
  for (const list of f.spans.values())
    for (const m of list) {
      if (opensIn(m, from, to)) out.push(make(m, m.openKind, m.from));
      if (closesIn(m, from, to)) out.push(make(m, m.closeKind!, m.to!));
    }
  return out.sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.fullName.localeCompare(b.fullName, 'ru')));
}

export const kindOfOrder = (o: OrderRef | null) => (o ? orderKinds.labels[o.kind] : '');
