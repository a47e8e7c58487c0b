// The period's board of paper copies (issue 14 points 1–2; R21 `001 §4.1–4.5`, `§5.2`; R22): every
// class of a study period moving through the steps (paperSteps) with who and when, the deadline of
// each step from the first day of the holidays, the subject sheets and their teachers' signatures,
// the latest printed copy and whether it still matches the journal; the day-1 check of what blocks a
// correct copy, per teacher; the school's «paper journal» switch (ББЖ, R22: off — no board).
// Area `paper` (roles.ts); the switch is the administrator's (area `setup`).
// Handlers: electron/core/paper/board/ops.ts; docs/paper-copies.md.
import { z } from 'zod';
import * as s from './schemas';
import { change, none, read, view, write } from './ops';
import { paperSteps, type PaperStep } from './enums';

/** A study period the board can show. */
export interface BoardPeriod {
  id: string;
  name: string;
  startDate: string;
  endDate: string;
  gradeFrom: number;
  gradeTo: number;
  /** The first day of the period's holidays (day 1 of the paper copies). */
  holidaysStart: string;
}

export interface BoardPeriods {
  /** The school keeps a paper journal (false: ББЖ, R22 — the board is off). */
  paperJournal: boolean;
  today: string;
  periods: BoardPeriod[];
  /** Preselected: the latest period ended before today, else the current one, else the first. */
  currentId: string | null;
  /** The deputies (staff cards with parallels) for the filter. */
  deputies: { id: string; name: string; grades: number[] }[];
}

export interface BoardStep {
  step: PaperStep;
  /** The last day it is due (ISO). */
  deadline: string;
  /** Done: the day (ISO), who recorded it and when. */
  doneOn: string | null;
  doneBy: string | null;
  recordedAt: string | null;
  /** Not done and the deadline has passed (today > deadline). */
  late: boolean;
  /** Done after its deadline. */
  doneLate: boolean;
  /** Done while an earlier step is not: the board warns. */
  outOfOrder: boolean;
}

/** A subject's sheets of a class's copy: signed by its teacher or not. */
export interface BoardSheet {
  subjectId: string;
  subject: string;
  teacherId: string;
  teacher: string;
  signedOn: string | null;
  recordedBy: string | null;
}

export interface BoardCopy {
  id: string;
  code: string;
  sheets: number;
  printedAt: string;
  printedBy: string;
  upToDate: boolean;
  changes: string[];
}

export interface BoardClass {
  classId: string;
  className: string;
  grade: number;
  classTeacher: string | null;
  /** The deputies whose parallels hold the class. */
  deputies: string[];
  steps: BoardStep[];
  sheets: BoardSheet[];
  copy: BoardCopy | null;
  /** The next step not done (null: all done). */
  next: PaperStep | null;
  late: number;
}

export interface Board {
  paperJournal: boolean;
  today: string;
  period: BoardPeriod;
  /** The deadline of each step for this period. */
  deadlines: Record<PaperStep, string>;
  classes: BoardClass[];
}

/** One thing that blocks a correct copy. */
export interface CheckFinding {
  kind: 'noPeriodMark' | 'outOfScheme' | 'noTopic' | 'lateMark';
  classId: string;
  className: string;
  subjectId: string;
  subject: string;
  /** In Russian, ready to send: «Иванов Иван: нет отметки за четверть». */
  text: string;
  date: string | null;
}

export interface CheckTeacher {
  /** null: the subject has no teacher in the class (no lessons): the deputy decides. */
  teacherId: string | null;
  teacher: string;
  findings: CheckFinding[];
}

export interface PaperCheck {
  period: { id: string; name: string; endDate: string };
  /** The last day marks of the period may be changed (the period's end + the edit window, R5). */
  editDeadline: string;
  classes: number;
  teachers: CheckTeacher[];
  total: number;
  byKind: Record<CheckFinding['kind'], number>;
}

export const checkKinds = {
  noPeriodMark: 'Нет отметки за период',
  outOfScheme: 'Отметка не по системе оценивания',
  noTopic: 'Урок без темы',
  lateMark: 'Отметка за период выставлена после срока',
} as const satisfies Record<CheckFinding['kind'], string>;

const stepIds = paperSteps.values;
const place = {
  classId: s.idField('Класс'),
  periodId: s.idField('Период'),
};

export const paperBoardOps = {
  'paper.boardPeriods': read(view('paper'), none).returns<BoardPeriods>(),
  'paper.board': read(
    view('paper'),
    z.object({ periodId: s.idField('Период'), grade: s.grade.nullable().optional(), deputyId: s.idField('Заместитель').nullable().optional() }),
  ).returns<Board>(),
  'paper.doStep': write(change('paper'), z.object({ ...place, step: s.choice('Шаг', stepIds), date: s.dateField('Дата') })).returns<{ outOfOrder: PaperStep[] }>(),
  'paper.undoStep': write(change('paper'), z.object({ ...place, step: s.choice('Шаг', stepIds) })).returns<void>(),
  'paper.sign': write(change('paper'), z.object({ ...place, subjectId: s.idField('Предмет'), teacherId: s.idField('Учитель'), date: s.dateField('Дата подписи') })).returns<void>(),
  'paper.unsign': write(change('paper'), z.object({ ...place, subjectId: s.idField('Предмет'), teacherId: s.idField('Учитель') })).returns<void>(),
  'paper.settings': read(view('paper'), none).returns<{ paperJournal: boolean }>(),
  'paper.saveSettings': write(change('setup'), z.object({ paperJournal: s.flag('Бумажный журнал') })).returns<void>(),
  'paper.check': read(
    view('paper'),
    z.object({ periodId: s.idField('Период'), classId: s.idField('Класс').nullable().optional(), teacherId: s.idField('Учитель').nullable().optional() }),
  ).returns<PaperCheck>(),
};
