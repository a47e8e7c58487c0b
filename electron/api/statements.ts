// Statements for parents without e-access (issue 13 point 5; R12, `000 §14`, `001 §1`): for a span
// of dates (the last full week by default), per child whose parent refused the electronic service,
// per subject the lessons held, the child's marks with dates, the average and the weighted average,
// lateness and missed lessons (docs/indicators.md «Statements for parents without e-access»).
// Printing makes one PDF (one child a sheet) and records the batch and a copy per child in the
// register; the handing of each copy is marked. Area `statements` (roles.ts): the office
// (administrator, secretary) prints and marks; the deputies and the director look.
// Handlers: electron/core/statements/ops.ts.
import { z } from 'zod';
import * as s from './schemas';
import { MAX_ITEMS } from './limits';
import { change, job, none, read, view, write } from './ops';
import type { ExportedFile } from './common';
import type { AbsenceKind, MarkValue, WorkKind } from './enums';

/** One mark of the child in the span, as the statement lists it. */
export interface StatementMark {
  date: string;
  value: MarkValue;
  workKind: WorkKind;
  weight: number;
}

/** One subject of a child's statement. */
export interface StatementSubject {
  subjectId: string;
  subject: string;
  /** Lessons held (status «проведён») of the child's class, subgroup or study group while the child was on its list. */
  lessonsHeld: number;
  /** In date order, then as entered (a double mark: two entries on one date). */
  marks: StatementMark[];
  /** Σmark/n and Σ(mark·weight)/Σweight over the marks «1»–«5», to two decimals; null: none. */
  average: number | null;
  weightedAverage: number | null;
  /** Missed lessons by reason (Б, У, Н); lateness («О») apart: a late child was at the lesson. */
  missed: { sick: number; excused: number; unexcused: number };
  late: number;
}

/** The parents (legal representatives) a statement is addressed to: those who refused the electronic service. */
export interface StatementAddressee {
  guardianId: string;
  name: string;
  relation: string | null;
}

/** One child's statement (a sheet of the batch). */
export interface StatementChild {
  studentId: string;
  studentName: string;
  classId: string;
  className: string;
  classTeacherName: string | null;
  /** Every parent of the child who refused the electronic service, by name; the copy is addressed to them all. */
  addressees: StatementAddressee[];
  subjects: StatementSubject[];
  totals: { lessonsHeld: number; marks: number; missed: number; missedBy: Record<Exclude<AbsenceKind, 'late'>, number>; late: number };
}

/** Who gets a statement for a span, with the figures. */
export interface StatementsPreview {
  from: string;
  to: string;
  /** The day whose class lists say who gets one: the span's last day, or today when the span ends later. */
  listDay: string;
  classId: string | null;
  className: string | null;
  children: StatementChild[];
}

/** One copy of a batch in the register. */
export interface StatementCopyRow {
  id: string;
  studentId: string;
  studentName: string;
  className: string | null;
  /** The parent the copy is addressed to (the first by name of those who refused). */
  guardianName: string | null;
  handedOn: string | null;
  handedTo: string | null;
}

/** One printing: the span, the class (null: the whole school), when and by whom, and its copies. */
export interface StatementBatchRow {
  id: string;
  dateFrom: string;
  dateTo: string;
  classId: string | null;
  className: string | null;
  printedAt: string;
  printedBy: string;
  copies: StatementCopyRow[];
  handed: number;
}

/** When the next batch is due (the home screen; docs/indicators.md). */
export interface StatementsDue {
  today: string;
  everyDays: number;
  /** The last full week before today: the span a new batch takes by default. */
  defaultFrom: string;
  defaultTo: string;
  /** Children whose parents refused the electronic service, on the lists today. */
  children: number;
  /** The latest span end printed for every class that has such children (null: some class never had one). */
  coveredTo: string | null;
  /** The day the next batch should be printed: coveredTo + everyDays + 1; null: never printed yet. */
  dueOn: string | null;
  /** dueOn has passed, or never printed while there are such children. */
  overdue: boolean;
  /** The classes whose statements are the oldest (the ones that make dueOn). */
  lagging: string[];
  /** The last batch printed. */
  last: { dateFrom: string; dateTo: string; className: string | null; printedAt: string } | null;
}

const span = z.object({
  from: s.dateField('Период с').optional(),
  to: s.dateField('Период по').optional(),
  classId: s.idField('Класс').nullable().optional(),
});

export const statementsOps = {
  'statements.due': read(view('statements'), none).returns<StatementsDue>(),
  /** Who gets a statement for the span (the school or a class), with the figures of each. */
  'statements.preview': read(view('statements'), span).returns<StatementsPreview>(),
  /** One PDF (one child a sheet), and the batch with a copy per child recorded in the register. */
  'statements.print': job('Выписки для родителей (PDF)', write(change('statements'), span).returns<ExportedFile>()),
  'statements.register': read(view('statements'), z.object({ limit: s.int('Пачек', 1, 500).optional() })).returns<StatementBatchRow[]>(),
  /** The copies handed over on a date (to whom, when not the addressee). */
  'statements.markHanded': write(
    change('statements'),
    z.object({
      copyIds: s.list(s.idField('Выписка'), 'Выписок', MAX_ITEMS.statementCopies).min(1, 'Отметьте хотя бы одну выписку'),
      handedOn: s.dateField('Дата вручения'),
      handedTo: s.optionalText('Кому вручена', 'personName'),
    }),
  ).returns<{ handed: number }>(),
};
