// Сводная ведомость (issue 13 point 2; R16, `000 §4`; docs/indicators.md «Сводная ведомость»): a
// class's period and year marks as written, students × subjects × periods, and the year's summary
// statement of attestation, printed with signature lines (PDF) or as a spreadsheet. Read-only, area
// «Отчёты и мониторинг»: a deputy director sees their parallels only. Handlers: electron/core/summary/ops.ts.
import { z } from 'zod';
import * as s from './schemas';
import { job, read, view } from './ops';
import type { ExportedFile } from './common';
import type { Grading, MarkValue } from './enums';

/** A column of marks under each subject: a study period of the class's parallel, or the year. */
export interface SummaryPeriod {
  /** The study period's id; 'year' for the year marks. */
  key: string;
  /** «1 четверть», «Год». */
  name: string;
  /** The column's heading: «I», «II», …, «год». */
  short: string;
  /** The day whose list the column's marks are shown for (the period's last day). */
  endDate: string;
}

export interface SummarySubject {
  id: string;
  name: string;
  grading: Grading;
}

export interface SummaryStudent {
  /** 1, 2, … in the order of the list (alphabetical). */
  no: number;
  id: string;
  name: string;
  /** «выбыл 10.12.2026», «прибыла 20.11.2026»; null: on the list the whole year. */
  note: string | null;
  /** Subject id → period key → the mark as written (none: no mark, or not on the list on that period's last day). */
  marks: Record<string, Record<string, MarkValue>>;
}

export interface SummaryStatement {
  /** 'periods': the сводная ведомость of period and year marks; 'year': the year's summary statement of attestation. */
  kind: 'periods' | 'year';
  title: string;
  classId: string;
  className: string;
  grade: number;
  yearName: string;
  periods: SummaryPeriod[];
  /** The class's curriculum subjects that are attested, in the school's order of subjects. */
  subjects: SummarySubject[];
  /** Curriculum subjects «Без аттестации» or without marks: not columns, named under the table. */
  notAttested: string[];
  students: SummaryStudent[];
  /** «И. О. Фамилия» for the signature lines; null: none named. */
  classTeacher: string | null;
  director: string | null;
}

export const summaryInput = z.object({
  classId: s.id,
  /** The year's summary statement (the year marks of those on the list at the year's end) instead of every period. */
  year: z.boolean().default(false),
});

export const summaryOps = {
  'summary.get': read(view('reports'), summaryInput).returns<SummaryStatement>(),
  'summary.pdf': job('Сводная ведомость (PDF)', read(view('reports'), summaryInput).returns<ExportedFile>()),
  'summary.xlsx': job('Сводная ведомость (Excel)', read(view('reports'), summaryInput).returns<ExportedFile>()),
};
