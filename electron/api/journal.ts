// The journal as the central system keeps it (issue 10 point 5; R13–R15): lessons, marks,
// attendance, period marks and the mark-change log, read-only here — teachers enter them in the
// central journal and sync brings them. Handlers: electron/core/journal/ops.ts.
import { z } from 'zod';
import * as s from './schemas';
import { job, none, read, view } from './ops';
import type { ExportedFile, Page } from './common';
import { markChangeSorts, type AbsenceKind, type LessonStatus, type MarkTable, type MarkValue, type WorkKind } from './enums';

/** A study period (quarter, half-year) of the year, as the journal's choice shows it. */
export interface JournalPeriod {
  id: string;
  name: string;
  startDate: string;
  endDate: string;
}

/** A subject of a class or study group that has lessons in the year, and its subgroups that have lessons. */
export interface JournalSubjectChoice {
  id: string;
  name: string;
  /** Subgroups with lessons of this subject (the subject is divided); empty: the whole class. */
  subgroups: { id: string; name: string }[];
  /** The whole class also has lessons of it (besides subgroups, if any). */
  wholeClass: boolean;
}

/** A class or a study group whose journal can be opened. */
export interface JournalTarget {
  kind: 'class' | 'group';
  id: string;
  name: string;
  /** The class's parallel (a group's: of its students' classes, the lowest), for its study periods. */
  grade: number | null;
  subjects: JournalSubjectChoice[];
  /** The study periods of its parallel, in order; the current one's id. */
  periods: JournalPeriod[];
  currentPeriodId: string | null;
}

/** What the journal's screens offer to choose, and whether any journal data has come yet. */
export interface JournalOptions {
  /** No lesson at all yet: sync has not brought the journal. */
  hasData: boolean;
  yearId: string | null;
  targets: JournalTarget[];
}

export interface JournalLesson {
  /** The lesson's id; `date:YYYY-MM-DD` for a column of marks given for a date without a lesson. */
  id: string;
  date: string;
  lessonNo: number | null;
  status: LessonStatus;
  topic: string | null;
  homework: string | null;
  teacher: string | null;
  /** The substituting teacher (R9), who kept the journal for this lesson. */
  substitute: string | null;
}

export interface JournalMark {
  value: MarkValue;
  workKind: WorkKind;
  weight: number;
}

/** One student's line of a class journal. */
export interface JournalRow {
  studentId: string;
  fullName: string;
  /** The days the student is on this list within the period: in from `from` (inclusive) until `to` (exclusive, null: still). */
  spans: { from: string; to: string | null }[];
  /** Marks by lesson (column) id. */
  marks: Record<string, JournalMark[]>;
  /** Attendance by lesson id: Б, У, Н, О. */
  absences: Record<string, AbsenceKind>;
  /** Σmark/count and Σ(mark·weight)/Σweight over the period's numeric marks (н/а, осв., зач/незач left out); null: none. */
  average: number | null;
  weightedAverage: number | null;
  /** The mark of the chosen period (null in the whole year's view, or when none was given). */
  periodMark: MarkValue | null;
  /** The marks of every period of the year, by period id. */
  periodMarks: Record<string, MarkValue>;
  yearMark: MarkValue | null;
}

export interface ClassJournal {
  target: { kind: 'class' | 'group'; id: string; name: string };
  subject: { id: string; name: string };
  subgroup: { id: string; name: string } | null;
  /** The chosen period; null: the whole year. */
  period: JournalPeriod | null;
  /** The study periods of the class's parallel, in order (the year view's period-mark columns). */
  periods: JournalPeriod[];
  /** The columns: lessons held or cancelled in the period (and dates with marks but no lesson), by date and lesson number. */
  lessons: JournalLesson[];
  rows: JournalRow[];
}

/** A student's marks in one subject of a period (the student's card, «Оценки»). */
export interface StudentSubjectMarks {
  subjectId: string;
  subject: string;
  marks: (JournalMark & { date: string })[];
  average: number | null;
  weightedAverage: number | null;
  periodMark: MarkValue | null;
  yearMark: MarkValue | null;
  absences: Record<AbsenceKind, number>;
}

export interface StudentMarks {
  studentId: string;
  fullName: string;
  className: string | null;
  period: JournalPeriod | null;
  periods: JournalPeriod[];
  subjects: StudentSubjectMarks[];
  absences: Record<AbsenceKind, number>;
}

/** One line of the mark-change log (R15). */
export interface MarkChangeRow {
  id: string;
  changedAt: string;
  teacher: string | null;
  teacherId: string | null;
  student: string;
  studentId: string;
  /** The student's class on the day of the mark's lesson. */
  className: string | null;
  subject: string;
  lessonDate: string | null;
  markTable: MarkTable;
  oldValue: MarkValue | null;
  newValue: MarkValue | null;
  /** The last day of the grade-edit window (R5) the change falls under; null: not known. */
  deadline: string | null;
  /** Made within the grade-edit window; null: not known (no lesson date, the mark's year unknown). */
  inWindow: boolean | null;
}

export interface MarkChangeFacets {
  teachers: { id: string; name: string }[];
  subjects: { id: string; name: string }[];
  classes: { id: string; name: string }[];
  periods: JournalPeriod[];
  /** The current year's grade-edit window (R5) in words: «2 недели»; null: no year. */
  editWindow: string | null;
}


function changeFilter() {
  return z.object({
    from: s.isoDate.optional(),
    to: s.isoDate.optional(),
    classId: s.optionalId,
    subjectId: s.optionalId,
    teacherId: s.optionalId,
    search: s.searchText('Ученик').optional(),
    /** Only the changes made after the grade-edit window had closed (R5). */
    outsideOnly: z.boolean().default(false),
    sort: z.enum(markChangeSorts.values).default('changedAt'),
    desc: z.boolean().default(true),
  });
}

export const journalOps = {
  'journal.options': read(view('journal'), none).returns<JournalOptions>(),
  /** A class's (or study group's) journal of a subject for a period (absent: the current one). */
  'journal.classJournal': read(
    view('journal'),
    z.object({
      classId: s.optionalId,
      studyGroupId: s.optionalId,
      subjectId: s.id,
      subgroupId: s.optionalId,
      periodId: s.optionalId,
      /** The whole school year instead of one period. */
      wholeYear: z.boolean().default(false),
    }),
  ).returns<ClassJournal>(),
  'journal.studentMarks': read(view('journal'), z.object({ studentId: s.id, periodId: s.optionalId })).returns<StudentMarks>(),
  'journal.changes': read(
    view('journal'),
    changeFilter().extend({ offset: s.int('Начиная с записи', 0, 1_000_000_000).default(0), limit: s.int('Записей на странице', 1, 1000).default(200) }),
  ).returns<Page<MarkChangeRow>>(),
  'journal.changeFacets': read(view('journal'), none).returns<MarkChangeFacets>(),
  'journal.changesXlsx': job('Изменения отметок (Excel)', read(view('journal'), changeFilter()).returns<ExportedFile>()),
  /** The mark-change report printed (R15): A4 landscape, the office form. */
  'journal.changesPdf': job('Изменения отметок (PDF)', read(view('journal'), changeFilter()).returns<ExportedFile>()),
};
