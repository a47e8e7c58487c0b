// The term report (issue 13 point 1; R19): the figures of docs/indicators.md «The term report» for
// a study period (or the year) of a class, a parallel or the school, each number with the students
// behind it, the same by subject, and the comparison with the previous period and the same period a
// year ago. Read-only, area «Отчёты и мониторинг»: a deputy director sees their parallels only
// (PARALLEL_VISIBLE_AREAS). Handlers: electron/core/term/ops.ts.
import { z } from 'zod';
import * as s from './schemas';
import { job, none, read, view } from './ops';
import type { Grading } from './enums';

/** A period a term report can be made for: a study period with the parallels that have it, or the year. */
export interface TermPeriodChoice {
  /** null: the year (the year marks). */
  id: string | null;
  name: string;
  kind: 'quarter' | 'half' | 'year';
  startDate: string;
  endDate: string;
  /** The parallels of the current year's classes that have this period (a deputy: of theirs only), ascending. */
  grades: number[];
}

export interface TermOptions {
  yearId: string | null;
  /** The study periods in order, then the year. */
  periods: TermPeriodChoice[];
  /** The classes a report can be made for (a deputy: of their parallels), by parallel and letter. */
  classes: { id: string; name: string; grade: number }[];
  /** The period whose dates hold today (else the last one that has ended), null: none. */
  currentPeriodId: string | null;
}

/** A student behind a number: who, in which class; with the subjects that put them there (неуспевающие, н/а, осв.). */
export interface TermStudent {
  id: string;
  name: string;
  className: string;
  subjects?: string[];
}

/** A number and the students behind it. */
export interface TermList {
  count: number;
  students: TermStudent[];
}

/** The counts of period marks in СОУ (a «1» counts as «2»). */
export interface TermMarkCounts {
  '5': number;
  '4': number;
  '3': number;
  '2': number;
  na: number;
}

/** The figures of a class, a parallel or the school (docs/indicators.md «The term report»). */
export interface TermFigures {
  /** On the list on the period's last day. */
  counted: TermList;
  /** N: counted, less those without a period mark in an attested subject and those exempt from every one. */
  n: TermList;
  /** Counted but not in N (no marks, or exempt from every subject). */
  notInN: TermList;
  excellent: TermList;
  good: TermList;
  /** Хорошисты with exactly one «4» (a subset of good). */
  oneFour: TermList;
  satisfactory: TermList;
  /** На «3» with exactly one «3» (a subset of satisfactory). */
  oneThree: TermList;
  /** With the subjects of their «2», «1» or «незач». */
  failing: TermList;
  /** With the subjects of their «н/а». */
  notAttested: TermList;
  /** Students with an «осв.» (with those subjects); not a category: they are also in one. */
  exempt: TermList;
  /** % to one decimal; null when N is 0. */
  progress: number | null;
  quality: number | null;
  /** СОУ, % to one decimal; null without a mark it counts. */
  sou: number | null;
  /** The mean of the period marks «1»–«5», to two decimals; null without one. */
  average: number | null;
  marks: TermMarkCounts;
}

/** The figures of one subject over the scope's period marks of it. */
export interface TermSubjectFigures {
  subjectId: string;
  subject: string;
  grading: Grading;
  /** Students with a mark in it other than «осв.». */
  n: number;
  /** The students by their mark («1» counted with «2»). */
  marks: Record<'5' | '4' | '3' | '2' | 'na' | 'exempt' | 'pass' | 'fail', TermList>;
  /** («5»+«4»+«3»)·100/N; a зачёт subject: «зач»·100/N. */
  progress: number | null;
  /** («5»+«4»)·100/N; null for a зачёт subject. */
  quality: number | null;
  sou: number | null;
  average: number | null;
}

export interface TermClassReport {
  classId: string;
  className: string;
  grade: number;
  figures: TermFigures;
  subjects: TermSubjectFigures[];
}

export interface TermPeriodRef {
  id: string | null;
  name: string;
  startDate: string;
  endDate: string;
}

/** Another period's figures of the same scope (the previous period, the same period a year ago). */
export interface TermComparison {
  period: TermPeriodRef;
  /** «7Б», «6 параллель», «Школа»: a year ago a class is compared with the class of grade − 1 and the same letter. */
  scopeName: string;
  figures: TermFigures;
}

export interface TermReport {
  period: TermPeriodRef;
  scope: { kind: 'class' | 'parallel' | 'school'; name: string; classId: string | null; grade: number | null };
  figures: TermFigures;
  subjects: TermSubjectFigures[];
  classes: TermClassReport[];
  /** The previous period of the year (null: the first, or the year). */
  previous: TermComparison | null;
  /** The same period a year ago (null: no such year, class or period). */
  yearAgo: TermComparison | null;
}

/** The numbers of TermFigures without the names behind them (the dynamics). */
export interface TermCounts {
  counted: number;
  n: number;
  excellent: number;
  good: number;
  oneFour: number;
  satisfactory: number;
  oneThree: number;
  failing: number;
  notAttested: number;
  exempt: number;
  progress: number | null;
  quality: number | null;
  sou: number | null;
  average: number | null;
  marks: TermMarkCounts;
}

/** The scope's figures in one period of the dynamics. */
export interface TermDynamicsPoint {
  period: TermPeriodRef;
  figures: TermCounts;
}

/**
 * The dynamics across the year (issue 13 point 6): the scope's figures in every study period of its
 * kind up to the chosen one (the year: every one, then the year), each counting the classes that
 * have that period (docs/indicators.md «The term report», «Dynamics»).
 */
export interface TermDynamics {
  scope: TermReport['scope'];
  points: TermDynamicsPoint[];
}

export const termScopes = ['class', 'parallel', 'school'] as const;

export const termReportInput = z
  .object({
    /** The study period; absent with `year`: the year marks. */
    periodId: s.optionalId,
    year: z.boolean().default(false),
    scope: z.enum(termScopes, { error: 'Укажите, для чего отчёт: класс, параллель или школа' }),
    classId: s.optionalId,
    grade: s.grade.optional(),
  })
  .refine((v) => (v.periodId ? !v.year : v.year), { message: 'Укажите период отчёта: четверть, полугодие или год', path: ['periodId'] })
  .refine((v) => v.scope !== 'class' || !!v.classId, { message: 'Укажите класс', path: ['classId'] })
  .refine((v) => v.scope !== 'parallel' || v.grade !== undefined, { message: 'Укажите параллель', path: ['grade'] });

export const termOps = {
  'term.options': read(view('reports'), none).returns<TermOptions>(),
  // A job (issue 13 point 7: reports are jobs with progress and cancel); the caller still gets the report.
  'term.report': job('Отчёт за период', read(view('reports'), termReportInput).returns<TermReport>()),
  // A job as well: the school's year is five loads of every class (≈ 0.6 s on the 1000-student demo).
  'term.dynamics': job('Динамика по периодам', read(view('reports'), termReportInput).returns<TermDynamics>()),
};
