// The rollover to the next academic year (issue 15 points 4 and 7; R24; docs/year-end.md «Переход на
// новый учебный год»): a dry run (`rollover.plan`) of what will be created from the current year's
// classes and the signed promotion/graduation orders, and the run (`rollover.run`): a backup, then one
// transaction. Area «Настройка» (setup). Handlers: electron/core/yearEnd/rollover/ops.ts.
import { z } from 'zod';
import * as s from './schemas';
import { change, job, none, read, view, write } from './ops';

/** Counts of what a rollover created (kept as `year_rollover.summary`). */
export interface RolloverCounts {
  years: number;
  periods: number;
  holidays: number;
  bellSchedules: number;
  classes: number;
  curriculumItems: number;
  divisions: number;
  subgroups: number;
  subgroupMembers: number;
  studyGroups: number;
  studyGroupMembers: number;
  assignments: number;
  /** Students moved into the next year's classes. */
  moved: number;
  /** Graduates whose membership the rollover closed (their order left it open). */
  left: number;
}

export type CurriculumSource = 'same' | 'grade' | 'own';

export interface RolloverDivisionPlan {
  subject: string;
  subgroups: number;
  members: number;
  /** False: dissolved (the new curriculum has no hours of the subject). */
  carried: boolean;
}

/** One class of the next year. */
export interface RolloverClassPlan {
  key: string;
  name: string;
  grade: number;
  letter: string;
  /** Already there (found by year, grade and letter): reused, not made again. */
  existing: boolean;
  /** «5А → 6А: 24 переведены»; «6А: 1 оставлен на повторное обучение». */
  sources: { className: string; decision: 'promoted' | 'continues' | 'repeat'; students: number }[];
  students: number;
  shift: number;
  room: string | null;
  classTeacher: string | null;
  curriculum: { source: CurriculumSource; fromClass: string; subjects: number; hours: number };
  divisions: RolloverDivisionPlan[];
  assignments: number;
}

export interface RolloverStudyGroupPlan {
  name: string;
  subject: string;
  members: number;
  /** False: dissolved (none of its members stays in school). */
  carried: boolean;
}

export interface RolloverProblem {
  message: string;
  /** Where it is fixed: a route of the app («/year-end/promotion»). */
  link: string | null;
  linkLabel: string | null;
}

export interface RolloverDone {
  fromYear: string;
  toYear: string;
  toYearId: string;
  toYearCurrent: boolean;
  doneAt: string;
  doneBy: string;
  counts: RolloverCounts;
  backupFile: string | null;
}

export interface RolloverPlan {
  /** The year after the current one: the only one a rollover may go to. */
  nextYear: string | null;
  fromYear: { id: string; name: string } | null;
  toYear: { name: string; startDate: string; endDate: string; existing: boolean; periods: number; holidays: number } | null;
  /** The rollover from the current year was done already: its result (nothing to do). */
  done: RolloverDone | null;
  classes: RolloverClassPlan[];
  /** Old classes that get no next-year class (grade 11; a 9th grade no one continues from). */
  notCarried: { className: string; reason: string }[];
  bellSchedules: number;
  studyGroups: RolloverStudyGroupPlan[];
  /** The 9th grades' letters and the 10th grades' they go to. */
  tenth: { from9: string; to10: string; students: number }[];
  counts: RolloverCounts;
  /** What the rollover does not do, in words. */
  notDone: string[];
  /** Applications to the first grade waiting for the new year's enrollment. */
  waitingApplications: number;
  problems: RolloverProblem[];
}

export interface RolloverResult {
  /** True: the rollover was done before; nothing was written. */
  nothingToDo: boolean;
  message: string;
  done: RolloverDone;
}

const yearName = s
  .required('Новый учебный год', 'title')
  .regex(/^\d{4}\/\d{4}$/, 'Поле «Новый учебный год»: укажите год как 2027/2028');

const rolloverInput = z.object({
  /** Absent: the year after the current one (the wizard's first look). */
  to: yearName.optional(),
  tenth: s
    .list(z.object({ from9: s.classLetter, to10: s.classLetter }), 'Литеры 10-х классов', 30)
    .optional(),
});

export type RolloverInput = z.input<typeof rolloverInput>;

export const rolloverOps = {
  'rollover.plan': read(view('setup'), rolloverInput).returns<RolloverPlan>(),
  'rollover.run': job('Переход на новый учебный год', write(change('setup'), rolloverInput).returns<RolloverResult>()),
  'rollover.history': read(view('setup'), none).returns<RolloverDone[]>(),
};
