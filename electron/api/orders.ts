// Orders (приказы) about students (issue 12 point 3; R10, R11): the register, drafts, signing
// (numbered per year and kind, its items applied to the dated class memberships), cancellation by
// another order, the drafts made from the formed first grades, the arrival form, the printed order.
import { z } from 'zod';
import * as s from './schemas';
import { change, job, read, view, write } from './ops';
import type { ExportedFile } from './common';
import { orderKinds, orderStatuses, promotionDecisions, type OrderKind, type OrderStatus, type PromotionDecision } from './enums';
import { MAX_ITEMS } from './limits';
import { studentsOps } from './students';

/** Kinds a user may draft: a cancellation is made only by `orders.cancel`. */
export const draftOrderKinds = orderKinds.only('enrollment', 'class_forming', 'transfer_in', 'transfer_out', 'expulsion', 'class_transfer', 'promotion', 'graduation');

/** The year-end kinds (issue 15): each item carries a `decision`. */
export const DECISION_KINDS: ReadonlySet<OrderKind> = new Set(['promotion', 'graduation']);

/**
 * The letters after an order's number («№ 12-зп»): each kind is numbered on its own within the year,
 * so the printed number says which register it belongs to.
 */
export const ORDER_SUFFIX: Readonly<Record<OrderKind, string>> = {
  enrollment: 'з',
  class_forming: 'ф',
  transfer_in: 'зп',
  transfer_out: 'оп',
  expulsion: 'о',
  class_transfer: 'п',
  cancellation: 'отм',
  promotion: 'пер',
  graduation: 'вып',
};

/** «12-зп» */
export const orderNumberText = (kind: OrderKind, n: number | null): string | null => (n === null ? null : `${n}-${ORDER_SUFFIX[kind]}`);

export interface OrderRef {
  id: string;
  kind: OrderKind;
  numberText: string | null;
  date: string;
  title: string;
}

export interface OrderRow extends OrderRef {
  status: OrderStatus;
  number: number | null;
  /** How many students (items). */
  students: number;
  /** The first students' names, for the register and its search. */
  studentNames: string;
  signedAt: string | null;
  /** A cancellation order: the order it cancels. */
  cancels: OrderRef | null;
  /** A cancelled order: the order that cancelled it. */
  cancelledBy: OrderRef | null;
}

export interface OrderItemView {
  id: string;
  position: number;
  studentId: string | null;
  applicationId: string | null;
  /** «Иванов Иван Иванович» (the student's, or the application's child's). */
  fullName: string;
  birthDate: string | null;
  classFromId: string | null;
  classFromName: string | null;
  classToId: string | null;
  classToName: string | null;
  grade: number | null;
  effectiveDate: string;
  schoolFrom: string | null;
  schoolTo: string | null;
  reason: string | null;
  /** The student's personal-file number (after signing an enrollment). */
  personalFileNo: string | null;
  /** A promotion or graduation order: what it decides for the student. */
  decision: PromotionDecision | null;
}

export interface OrderDetails extends OrderRow {
  yearId: string;
  preamble: string | null;
  basis: string | null;
  items: OrderItemView[];
}

/** The sort of the register. */
export const orderSorts = ['date', 'number', 'kind', 'title'] as const;

const item = z.object({
  studentId: s.idField('Ученик').nullable().optional(),
  applicationId: s.idField('Заявление').nullable().optional(),
  classFromId: s.idField('Из класса').nullable().optional(),
  classToId: s.idField('В класс').nullable().optional(),
  grade: s.grade.nullable().optional(),
  effectiveDate: s.dateField('С даты'),
  schoolFrom: s.optionalText('Из какой школы', 'schoolFullName'),
  schoolTo: s.optionalText('В какую школу', 'schoolFullName'),
  reason: s.optionalText('Причина', 'note'),
  /** Promotion and graduation orders only (required there, refused elsewhere). */
  decision: s.choice('Решение', promotionDecisions.values).nullable().optional(),
});
export type OrderItemInput = z.input<typeof item>;

const header = {
  date: s.dateField('Дата приказа'),
  title: s.required('Заголовок', 'orderTitle'),
  preamble: s.optionalText('Преамбула', 'note'),
  basis: s.optionalText('Основание', 'note'),
};

/** The student card's fields, as students.save takes them, for an arrival. */
const arrivingStudent = studentsOps['students.save'].input.omit({ id: true, classId: true, classFrom: true }).extend({ birthDate: s.dateField('Дата рождения', [1900, 2100]) });

export const ordersOps = {
  'orders.list': read(
    view('contingent'),
    z.object({
      search: s.searchText().optional(),
      kind: s.choice('Вид', orderKinds.values).optional(),
      /** Any of these kinds (the year end's promotion and graduation together). */
      kinds: s.list(s.choice('Вид', orderKinds.values), 'Видов приказа', 20).optional(),
      status: s.choice('Статус', orderStatuses.values).optional(),
      from: s.dateField('Период с').optional(),
      to: s.dateField('Период по').optional(),
      studentId: s.idField('Ученик').nullable().optional(),
      sort: s.choice('Сортировка', orderSorts).default('date'),
      desc: s.flag('По убыванию').default(true),
    }),
  ).returns<OrderRow[]>(),
  'orders.get': read(view('contingent'), z.object({ id: s.id })).returns<OrderDetails>(),
  /** A draft, new or edited: applies nothing, has no number. */
  'orders.save': write(
    change('contingent'),
    z.object({ id: s.optionalId, kind: s.choice('Вид приказа', draftOrderKinds.values), ...header, items: s.list(item, 'Учеников в приказе', MAX_ITEMS.orderItems) }),
  ).returns<OrderDetails>(),
  /** Removes a draft (a signed order is never removed: it is cancelled by another order). */
  'orders.remove': write(change('contingent'), z.object({ id: s.id })).returns<void>(),
  /**
   * Numbers the draft and applies its items, in one transaction. With `draft` (the order as the
   * screen shows it, edits not yet saved), the draft is saved first with orders.save's checks, in
   * the same transaction: what is signed is what the secretary sees; a refused save signs nothing.
   */
  'orders.sign': write(
    change('contingent'),
    z.object({ id: s.id, draft: z.object({ kind: z.enum(draftOrderKinds.values), ...header, items: s.list(item, 'Учеников в приказе', MAX_ITEMS.orderItems) }).optional() }),
  ).returns<OrderDetails>(),
  /** Makes and signs «Об отмене приказа», which undoes the cancelled order's memberships. */
  'orders.cancel': write(change('contingent'), z.object({ id: s.id, date: s.dateField('Дата приказа об отмене'), basis: s.optionalText('Основание', 'note') })).returns<OrderDetails>(),
  /** The drafts «О зачислении» and «О формировании классов» from the year's planned first grades. */
  'orders.fromFormation': write(change('contingent'), z.object({ yearId: s.optionalId, date: s.dateField('Дата приказа'), effectiveDate: s.dateField('Дата зачисления') })).returns<{
    enrollment: OrderDetails | null;
    forming: OrderDetails | null;
  }>(),
  /**
   * An arrival (Порядок перевода № 177): the student's card (checked as students.save checks it),
   * saved without a class, and the draft «О зачислении в порядке перевода» into `classToId` from
   * `effectiveDate`; it applies when signed.
   */
  'orders.arrival': write(
    change('contingent'),
    z.object({
      student: arrivingStudent,
      schoolFrom: s.required('Из какой школы', 'schoolFullName'),
      classToId: s.idField('В класс'),
      effectiveDate: s.dateField('С даты'),
      date: s.dateField('Дата приказа'),
      basis: s.optionalText('Основание', 'note'),
    }),
  ).returns<OrderDetails>(),
  'orders.print': job('Печать приказа', read(view('contingent'), z.object({ id: s.id })).returns<ExportedFile>()),
};
