// The monitoring of the journal (issue 13 point 3; R17, R18, R20): for a study period or any span of
// dates, by teacher, class or subject, how the journal is kept — lessons planned (curriculum, the
// timetable) vs held vs with a topic, homework, marks and attendance in time, accumulation, students
// without marks or with one, attendance and lateness, systemic failure and absence, subgroups whose
// marks differ, substitutions and whether they were equivalent. The definitions are INDICATORS
// (electron/api/indicators.ts) and docs/indicators.md «Monitoring of the journal»; the thresholds are
// the school's ReportRules. Read-only, area «Отчёты и мониторинг»: a deputy director sees the classes
// of their parallels only. Handlers: electron/core/monitoring/ops.ts.
import { z } from 'zod';
import * as s from './schemas';
import { job, none, read, view } from './ops';
import type { ExportedFile } from './common';
import type { ReportRules } from './indicators';

export const monitoringGroupings = ['teacher', 'class', 'subject'] as const;
export type MonitoringGrouping = (typeof monitoringGroupings)[number];
export const monitoringGroupingLabels: Record<MonitoringGrouping, string> = { teacher: 'По учителям', class: 'По классам', subject: 'По предметам' };

/** A share: `count` of `of`, and the percentage to one decimal (null when `of` is 0). */
export interface MonitoringShare {
  count: number;
  of: number;
  percent: number | null;
}

/** The figures of one row (a teacher, a class or a subject) or of one course in it (docs/indicators.md). */
export interface MonitoringFigures {
  /** Weekly hours of the curriculum × the weeks of school up to the period's end (or today, if sooner). */
  lessonsPlanned: number;
  /** Lessons of the timetable on the school days of the same days. */
  lessonsScheduled: number;
  lessonsHeld: number;
  lessonsCancelled: number;
  /** Of the held lessons. */
  withTopic: MonitoringShare;
  homeworkRecorded: MonitoringShare;
  /** Of the held lessons with homework. */
  homeworkInTime: MonitoringShare;
  /** Of the current marks. */
  marksInTime: MonitoringShare;
  /** Of the attendance entries (Б, У, Н, О). */
  attendanceInTime: MonitoringShare;
  /** Students (per subject) with at least the norm of current marks, of the students not exempt. */
  accumulation: MonitoringShare;
  noMarks: MonitoringShare;
  oneMark: MonitoringShare;
  /** 100 − missed · 100 / (held lessons × students on the list that day), one decimal; null without lessons. */
  attendance: number | null;
  missed: number;
  lateness: number;
  systemicFailure: number;
  systemicAbsence: number;
  /** Classes × subjects whose subgroups' averages differ by more than the rule. */
  subgroupGaps: number;
  substitutions: number;
  /** Of the substitutions. */
  equivalentSubstitutions: MonitoringShare;
}

/** The keys of the figures a row's problem list names (flagged against the rules). */
export type MonitoringProblem =
  | 'lessonsHeld'
  | 'lessonsWithTopic'
  | 'homeworkRecorded'
  | 'homeworkInTime'
  | 'marksInTime'
  | 'attendanceInTime'
  | 'accumulation'
  | 'noMarks'
  | 'oneMark'
  | 'systemicFailure'
  | 'systemicAbsence'
  | 'subgroupSimilarity'
  | 'equivalentSubstitutions';

export interface MonitoringRow {
  /** The teacher's, class's or subject's id (a study group: `group:<id>` in the class grouping). */
  key: string;
  name: string;
  figures: MonitoringFigures;
  problems: MonitoringProblem[];
}

export interface MonitoringPeriod {
  /** The study period; null: dates chosen by hand. */
  id: string | null;
  name: string;
  from: string;
  to: string;
  /** The last day the plan counts: the period's end, or today when it has not ended yet. */
  planUntil: string;
}

export interface MonitoringReport {
  period: MonitoringPeriod;
  groupBy: MonitoringGrouping;
  rules: ReportRules;
  rows: MonitoringRow[];
  total: MonitoringFigures;
}

/** A lesson behind a number (without a topic, homework late, a substitution). */
export interface MonitoringLesson {
  id: string;
  date: string;
  lessonNo: number;
  /** «7Б», «7Б · 1 подгруппа», a study group's name. */
  target: string;
  subject: string;
  teacher: string;
  /** The substitute who kept it (R9). */
  substitute: string | null;
  /** Homework recorded on (local date), for «homework in time». */
  recordedOn?: string | null;
  /** A substitution: whether the substitute teaches the subject. */
  equivalent?: boolean;
}

/** A mark or an attendance entry entered late. */
export interface MonitoringLateEntry {
  lessonDate: string;
  student: string;
  target: string;
  subject: string;
  teacher: string;
  /** A mark's value or an attendance letter. */
  value: string;
  enteredAt: string;
  /** Days after the lesson's date (local). */
  days: number;
}

/** A student behind a number (without marks, below the norm, systemic failure or absence). */
export interface MonitoringStudent {
  id: string;
  name: string;
  target: string;
  subject: string;
  /** Current marks in the period. */
  marks: number;
  /** What puts them here: «норма 5», «3 «2» подряд с 12.10.2026», «Н: 4 из 10 уроков (40 %)». */
  note: string;
}

export interface MonitoringSubgroupGap {
  className: string;
  subject: string;
  subgroups: { name: string; teacher: string; average: number | null; marks: number }[];
  gap: number;
}

/** One course of a row: a class (or subgroup, or study group) × subject × teacher, with its figures. */
export interface MonitoringCourse {
  target: string;
  subject: string;
  teacher: string;
  hoursPerWeek: number;
  figures: MonitoringFigures;
}

/** The lists behind the numbers of one row. */
export interface MonitoringDetails {
  row: MonitoringRow;
  period: MonitoringPeriod;
  courses: MonitoringCourse[];
  withoutTopic: MonitoringLesson[];
  withoutHomework: MonitoringLesson[];
  homeworkLate: MonitoringLesson[];
  marksLate: MonitoringLateEntry[];
  attendanceLate: MonitoringLateEntry[];
  noMarks: MonitoringStudent[];
  oneMark: MonitoringStudent[];
  belowAccumulation: MonitoringStudent[];
  systemicFailure: MonitoringStudent[];
  systemicAbsence: MonitoringStudent[];
  subgroupGaps: MonitoringSubgroupGap[];
  substitutions: MonitoringLesson[];
}

export interface MonitoringOptions {
  yearId: string | null;
  /** The study periods of the year, in order (a deputy: those of their parallels). */
  periods: { id: string; name: string; startDate: string; endDate: string; grades: number[] }[];
  /** The parallels the user may see that have classes. */
  grades: number[];
  /** The period whose dates hold today (else the last that has ended). */
  currentPeriodId: string | null;
  /** Whether any journal data has come. */
  hasData: boolean;
}

const base = {
  /** A study period; or `from`–`to`. */
  periodId: s.optionalId,
  from: s.isoDate.optional(),
  to: s.isoDate.optional(),
  groupBy: z.enum(monitoringGroupings, { error: 'Укажите, как группировать: по учителям, классам или предметам' }),
  /** Only this parallel. */
  grade: s.grade.optional(),
};

const checks = <T extends z.ZodType<{ periodId?: string | null; from?: string; to?: string }>>(schema: T) =>
  schema
    .refine((v) => !!v.periodId || (!!v.from && !!v.to), { message: 'Укажите период: четверть (полугодие) или даты «с» и «по»', path: ['periodId'] })
    .refine((v) => !!v.periodId || !v.from || !v.to || v.from <= v.to, { message: 'Дата «с» позже даты «по»', path: ['to'] });

export const monitoringInput = checks(z.object(base));
export const monitoringDetailsInput = checks(z.object({ ...base, key: z.string().min(1, 'Не указана строка отчёта').max(80, 'Неверная строка отчёта') }));

export const monitoringOps = {
  'monitoring.options': read(view('reports'), none).returns<MonitoringOptions>(),
  /** A job: the whole school's quarter reads tens of thousands of journal rows (seconds on the 1000-student demo). */
  'monitoring.report': job('Мониторинг журнала', read(view('reports'), monitoringInput).returns<MonitoringReport>()),
  /** One row's lists: computed over that row's courses only. */
  'monitoring.details': read(view('reports'), monitoringDetailsInput).returns<MonitoringDetails>(),
  'monitoring.xlsx': job('Мониторинг журнала (Excel)', read(view('reports'), monitoringInput).returns<ExportedFile>()),
  'monitoring.pdf': job('Мониторинг журнала (PDF)', read(view('reports'), monitoringInput).returns<ExportedFile>()),
};
