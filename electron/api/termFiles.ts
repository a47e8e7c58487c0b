// The term report's figures by teacher, the class teacher's report for a period and the preliminary
// report two weeks before its end (R19), and the files made of them (issue 13 points 1, 6, 8):
// the term report and the class teacher's report as XLSX and PDF, jobs. Read-only, area «Отчёты и
// мониторинг» (a deputy director: their parallels). docs/indicators.md says what each figure is.
// Handlers: electron/core/term/fileOps.ts.
import { z } from 'zod';
import * as s from './schemas';
import { job, read, view } from './ops';
import type { ExportedFile } from './common';
import type { Grading, MarkValue } from './enums';
import { termReportInput, type TermFigures, type TermMarkCounts, type TermPeriodRef, type TermReport, type TermSubjectFigures } from './term';

/** What a teacher teaches (teaching_assignment): a whole class, one subgroup of it, or a study group. */
export interface TermTeacherLine {
  kind: 'class' | 'subgroup' | 'group';
  /** «7Б», «7Б, Английский язык: 1 подгруппа», «Группа „Робототехника“». */
  name: string;
  /** The subject's figures over the period marks of the students taught (counted on the period's last day). */
  figures: TermSubjectFigures;
}

/** A teacher's figures: each line, and the total over the lines of five-point subjects. */
export interface TermTeacher {
  teacherId: string;
  /** «Фамилия Имя Отчество». */
  teacher: string;
  lines: TermTeacherLine[];
  /** The period marks of the five-point lines other than «осв.». */
  n: number;
  marks: TermMarkCounts;
  progress: number | null;
  quality: number | null;
  sou: number | null;
  average: number | null;
}

export interface TermByTeacher {
  period: TermPeriodRef;
  scope: TermReport['scope'];
  /** By name; a teacher with no period mark in the scope is left out. */
  teachers: TermTeacher[];
}

/** A student's line of the class teacher's report. */
export interface ClassTeacherRow {
  id: string;
  name: string;
  /** subjectId → the period mark (the preliminary report: the expected mark), absent: none. */
  marks: Record<string, MarkValue>;
  /** The category of docs/indicators.md; null: not in N or in none (only «зач» and «осв.»). */
  category: 'excellent' | 'good' | 'satisfactory' | 'failing' | 'notAttested' | null;
  /** The subjects of the «2», «1», «незач» (failing) or «н/а» (not attested). */
  subjects: string[];
  /** Missed lessons (Б + У + Н), of them for a good reason (Б + У), without (Н), lateness (О). */
  missed: number;
  excused: number;
  unexcused: number;
  late: number;
}

export interface ClassTeacherReport {
  period: TermPeriodRef;
  /** The academic year's name, «2026/2027». */
  yearName: string;
  /** The preliminary report (R19): expected marks from the current marks up to `asOf`. */
  preliminary: boolean;
  /** The day the list, the marks and the attendance are counted to (the period's end; the preliminary: today within the period). */
  asOf: string;
  /** The preliminary report's day: `preliminaryDays` before the period's end; null for the period's report. */
  dueDate: string | null;
  classId: string;
  className: string;
  /** «Фамилия Имя Отчество», null: none named. */
  classTeacher: string | null;
  /** The class's attested subjects, in the school's order. */
  subjects: { id: string; name: string; grading: Grading }[];
  students: ClassTeacherRow[];
  figures: TermFigures;
  /** The class's totals of the students' rows. */
  attendance: { missed: number; excused: number; unexcused: number; late: number };
}

export const classTeacherInput = z
  .object({
    /** The study period; absent with `year`: the year marks. */
    periodId: s.optionalId,
    year: z.boolean().default(false),
    classId: s.id,
    /** The preliminary report from the current marks (a study period only). */
    preliminary: z.boolean().default(false),
  })
  .refine((v) => (v.periodId ? !v.year : v.year), { message: 'Укажите период отчёта: четверть, полугодие или год', path: ['periodId'] })
  .refine((v) => !(v.preliminary && v.year), { message: 'Предварительный отчёт составляется за четверть или полугодие', path: ['preliminary'] });

export const termFilesOps = {
  'term.byTeacher': read(view('reports'), termReportInput).returns<TermByTeacher>(),
  'term.xlsx': job('Отчёт об успеваемости (Excel)', read(view('reports'), termReportInput).returns<ExportedFile>()),
  'term.pdf': job('Отчёт об успеваемости (PDF)', read(view('reports'), termReportInput).returns<ExportedFile>()),
  'term.classTeacher': read(view('reports'), classTeacherInput).returns<ClassTeacherReport>(),
  'term.classTeacherXlsx': job('Отчёт классного руководителя (Excel)', read(view('reports'), classTeacherInput).returns<ExportedFile>()),
  'term.classTeacherPdf': job('Отчёт классного руководителя (PDF)', read(view('reports'), classTeacherInput).returns<ExportedFile>()),
};
