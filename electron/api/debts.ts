// Academic debts (issue 15 point 2; R24; law 273-ФЗ art. 58; docs/year-end.md «Академические
// задолженности»): a debt per student and subject of a year, its two retakes (the second before a
// commission of staff), the outcome and, when not cleared, the decision by the parents' choice; the
// notice to parents, the retake schedule and the commission's protocol (PDF). Area «Конец учебного
// года»; a deputy changes only debts of students in their parallels' classes. Handlers:
// electron/core/yearEnd/debts/ops.ts.
import { z } from 'zod';
import * as s from './schemas';
import { change, job, read, view, write } from './ops';
import { MAX_ITEMS } from './limits';
import type { ExportedFile } from './common';
import { debtDecisions, debtReasons, debtStatuses, type DebtDecision, type DebtReason, type DebtStatus, type MarkValue } from './enums';

/** A retake's result: a mark of the subject's scale, or «н/а» (did not come). */
export const RETAKE_RESULTS = ['5', '4', '3', '2', '1', 'pass', 'fail', 'na'] as const;
/** Results that clear the debt (shared semantics 2). */
export const POSITIVE_RESULTS: readonly MarkValue[] = ['5', '4', '3', 'pass'];
/** The members of a commission at most (the law asks for at least three). */
export const COMMISSION_MAX = 15;
export const COMMISSION_MIN = 3;

export const debtSorts = ['class', 'student', 'subject', 'next', 'status'] as const;
export type DebtSort = (typeof debtSorts)[number];

export interface DebtPerson {
  id: string;
  /** «Иванова Мария Петровна» */
  name: string;
}

export interface DebtRow {
  id: string;
  studentId: string;
  studentName: string;
  /** The student's class in the debt's year. */
  classId: string | null;
  className: string | null;
  grade: number | null;
  subjectId: string;
  subjectName: string;
  reason: DebtReason;
  recordedOn: string;
  /** One year from recordedOn: the last day for the retakes (art. 58 p. 5). */
  deadline: string;
  firstRetakeOn: string | null;
  firstResult: MarkValue | null;
  secondRetakeOn: string | null;
  secondResult: MarkValue | null;
  /** The chair first. */
  commission: DebtPerson[];
  status: DebtStatus;
  decision: DebtDecision | null;
  decidedOn: string | null;
  note: string | null;
  /** The next retake scheduled and not yet taken (the sort «следующая пересдача»). */
  nextRetakeOn: string | null;
  /** What is next: «назначить первую пересдачу», «назначить комиссию», «принять решение»…; null when nothing. */
  next: string | null;
  /** The decision may be taken: both retakes failed or the year has passed. */
  canDecide: boolean;
  /** The acting user may change it (a deputy: their parallels). */
  editable: boolean;
}

export interface DebtList {
  yearId: string;
  yearName: string;
  yearStart: string;
  yearEnd: string;
  /** Today by the program's clock (the default day of recording). */
  today: string;
  years: { id: string; name: string }[];
  classes: { id: string; name: string; grade: number }[];
  subjects: { id: string; name: string }[];
  /** Staff for the commission (active cards): name and position. */
  staff: (DebtPerson & { position: string })[];
  rows: DebtRow[];
  /** Counts by status over the year (the filters aside). */
  counts: Record<DebtStatus, number>;
}

export interface DebtCandidate {
  studentId: string;
  studentName: string;
  classId: string;
  className: string;
  grade: number;
  subjectId: string;
  subjectName: string;
  /** The attestation mark as written. */
  mark: MarkValue;
  reason: DebtReason;
  editable: boolean;
}

export const retakeResult = (label: string) => s.choice(label, RETAKE_RESULTS).nullable();

const listInput = z.object({
  yearId: s.optionalId,
  classId: s.optionalId,
  subjectId: s.optionalId,
  status: s.choice('Состояние', debtStatuses.values).nullable().optional(),
  search: s.searchText().optional(),
  sort: s.choice('Сортировка', debtSorts).default('class'),
  desc: s.flag('По убыванию').default(false),
});

export const debtSaveInput = z.object({
  id: s.idField('Задолженность'),
  firstRetakeOn: s.dateField('Дата первой пересдачи').nullable(),
  firstResult: retakeResult('Результат первой пересдачи'),
  secondRetakeOn: s.dateField('Дата второй пересдачи').nullable(),
  secondResult: retakeResult('Результат второй пересдачи'),
  /** Staff ids, the chair first. */
  commission: s.distinct(s.idField('Член комиссии'), 'Комиссия', COMMISSION_MAX, 'Поле «Комиссия»: один сотрудник указан дважды'),
  note: s.optionalText('Примечание (форма аттестации)', 'note'),
});

const pdfInput = z.object({ yearId: s.optionalId });

export const debtsOps = {
  'debts.list': read(view('yearEnd'), listInput).returns<DebtList>(),
  'debts.candidates': read(view('yearEnd'), z.object({ yearId: s.optionalId, classId: s.optionalId })).returns<DebtCandidate[]>(),
  'debts.record': write(
    change('yearEnd'),
    z.object({
      yearId: s.optionalId,
      items: s
        .list(
          z.object({
            studentId: s.idField('Ученик'),
            subjectId: s.idField('Предмет'),
            reason: s.choice('Причина', debtReasons.values),
            recordedOn: s.dateField('Дата возникновения задолженности'),
          }),
          'Задолженности',
          MAX_ITEMS.orderItems,
        )
        .min(1, 'Отметьте хотя бы одну задолженность'),
    }),
  ).returns<{ recorded: number }>(),
  'debts.save': write(change('yearEnd'), debtSaveInput).returns<DebtRow>(),
  'debts.decide': write(
    change('yearEnd'),
    z.object({ id: s.idField('Задолженность'), decision: s.choice('Решение', debtDecisions.values), decidedOn: s.dateField('Дата решения') }),
  ).returns<DebtRow>(),
  'debts.undecide': write(change('yearEnd'), z.object({ id: s.idField('Задолженность') })).returns<DebtRow>(),
  'debts.remove': write(change('yearEnd'), z.object({ id: s.idField('Задолженность') })).returns<void>(),
  'debts.noticePdf': job(
    'Уведомления родителям об академической задолженности (PDF)',
    read(view('yearEnd'), pdfInput.extend({ classId: s.optionalId, studentIds: s.list(s.idField('Ученик'), 'Ученики', MAX_ITEMS.orderItems).optional() })).returns<ExportedFile>(),
  ),
  'debts.schedulePdf': job(
    'График ликвидации академической задолженности (PDF)',
    read(view('yearEnd'), pdfInput.extend({ from: s.dateField('Период с').nullable().optional(), to: s.dateField('Период по').nullable().optional(), classId: s.optionalId })).returns<ExportedFile>(),
  ),
  'debts.protocolPdf': job(
    'Протокол комиссии по ликвидации академической задолженности (PDF)',
    read(
      view('yearEnd'),
      pdfInput.extend({ id: s.optionalId, subjectId: s.optionalId, date: s.dateField('Дата пересдачи').nullable().optional() }),
    ).returns<ExportedFile>(),
  ),
};
