// Promotion and graduation (issue 15 point 3, R24; 273-ФЗ art. 58): per class of the year, the
// decision the rules give each student (from the year's academic debts), the counts, the state of the
// class's orders «О переводе в следующий класс» and «Об отчислении в связи с завершением обучения»;
// the drafts of those orders for every class that has none yet (docs/year-end.md «Перевод и выпуск»).
import { z } from 'zod';
import * as s from './schemas';
import { change, read, view, write } from './ops';
import type { OrderStatus, PromotionDecision } from './enums';
import type { OrderDetails } from './orders';
import { MAX_ITEMS } from './limits';

export interface PromotionStudent {
  studentId: string;
  fullName: string;
  /** The decision in the student's live order, else the rules' one; null: none can be given yet (grade 9/11 with an open debt). */
  decision: PromotionDecision | null;
  /** Where the decision comes from: a live order of the year, or the rules (not in an order yet). */
  source: 'order' | 'rules';
  /** The programme of a decided debt («по адаптированной программе»), or why there is no decision. */
  note: string | null;
  /** The subjects of the debts open (or decided) for the year. */
  debts: string[];
  /** The live order the student is in (its item decides), when any. */
  orderId: string | null;
}

export type PromotionOrderState = 'none' | 'draft' | 'signed' | 'cancelled';

export interface PromotionClassOrder {
  kind: 'promotion' | 'graduation';
  /** Whether the class needs an order of this kind (someone to promote or leave back; grades 9, 11 for graduation). */
  needed: boolean;
  state: PromotionOrderState;
  orderId: string | null;
  status: OrderStatus | null;
  /** «№ 3-пер от 31.05.2027», «проект от 31.05.2027». */
  label: string | null;
}

export interface PromotionCounts {
  promoted: number;
  conditional: number;
  repeat: number;
  graduated: number;
  continues: number;
  /** No decision possible yet. */
  undecided: number;
}

export interface PromotionClass {
  classId: string;
  className: string;
  grade: number;
  letter: string;
  students: PromotionStudent[];
  counts: PromotionCounts;
  orders: PromotionClassOrder[];
}

export interface PromotionPlan {
  yearId: string;
  yearName: string;
  yearStart: string;
  yearEnd: string;
  /** The day promotions and «continues» take effect: the next year's first day (or the year's end + 1). */
  effectiveDate: string;
  /** The year has been rolled over: its orders can no longer be cancelled. */
  rolledOver: boolean;
  classes: PromotionClass[];
  totals: PromotionCounts;
}

export interface PromotionDrafts {
  /** The drafts made, one per class and kind. */
  made: OrderDetails[];
  /** Classes skipped, with why («уже есть приказ …», «нет решения для …»). */
  skipped: { className: string; kind: 'promotion' | 'graduation'; reason: string }[];
}

export const promotionOps = {
  'promotion.plan': read(view('yearEnd'), z.object({ yearId: s.optionalId })).returns<PromotionPlan>(),
  /**
   * The drafts «О переводе в следующий класс» and «Об отчислении в связи с завершением обучения» for
   * every class of the year without a live order of the kind, in one transaction; `leaving9`: the 9th
   * graders who leave (the others continue into the 10th grade).
   */
  'promotion.drafts': write(
    change('contingent'),
    z.object({
      yearId: s.optionalId,
      date: s.dateField('Дата приказов'),
      basis: s.optionalText('Основание', 'note'),
      leaving9: s.list(s.idField('Выпускник 9 класса'), 'Выпускников 9 класса', MAX_ITEMS.orderItems).optional(),
    }),
  ).returns<PromotionDrafts>(),
};
