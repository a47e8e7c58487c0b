// Statements for the medal commission (issue 14 point 5, last sentence; R22, `004 §2.1`;
// docs/paper-copies.md «Медальная комиссия»): the students of grades 10–11, per subject their
// half-year and year marks of grades 10 and 11 and the final mark (the mean, x.5 up), and the check
// of the medal conditions on the marks (Приказ Минпросвещения № 730). Read-only, area «Бумажные
// копии и архив»; every class (no parallel restriction). Handlers: electron/core/paper/medal/ops.ts.
import { z } from 'zod';
import * as s from './schemas';
import { job, read, view } from './ops';
import type { ExportedFile } from './common';
import type { MarkValue } from './enums';

/** A column of marks under a subject: «I», «II», «год» of grade 10 or 11. */
export interface MedalColumn {
  /** '10-1', '10-2', '10-y', '11-1', '11-2', '11-y'. */
  key: string;
  grade: 10 | 11;
  /** «I», «II», «год». */
  short: string;
  /** «1 полугодие 10 класса», «год 11 класса». */
  title: string;
}

export interface MedalFinal {
  /** «5», «4», …, «зач», «осв.», «незач»; null: no final mark. */
  text: string | null;
  /** The mean of the marks (a number final mark). */
  mean: number | null;
  /** Counted toward the medal (a number or «незач»); «зач»/«осв.» are not. */
  counted: boolean;
  /** Why there is no final mark: «нет отметки за 2 полугодие 11 класса». */
  reason: string | null;
}

export type MedalStatusKind = 'first' | 'second' | 'none' | 'incomplete';

export interface MedalStudent {
  no: number;
  id: string;
  name: string;
  /** Subject id → column key → the mark as written. */
  marks: Record<string, Record<string, MarkValue>>;
  finals: Record<string, MedalFinal>;
  status: { kind: MedalStatusKind; text: string };
  /** «нет данных за 10 класс» (the previous year is not in the database, or the student was not in a 10th grade then). */
  note: string | null;
}

export interface MedalSubject {
  id: string;
  name: string;
}

export interface MedalClassStatement {
  classId: string;
  className: string;
  grade: number;
  /** Grade 10: the preliminary picture from grade 10's marks only. */
  preliminary: boolean;
  columns: MedalColumn[];
  subjects: MedalSubject[];
  students: MedalStudent[];
  classTeacher: string | null;
}

export interface MedalStatement {
  yearId: string;
  yearName: string;
  /** The years to choose from (newest first). */
  years: { id: string; name: string }[];
  /** The year's classes of grades 10–11 (the picker). */
  classes: { id: string; name: string; grade: number }[];
  /** The previous year (grade 10's marks of the 11th grade) is in the database. */
  previousYear: string | null;
  statements: MedalClassStatement[];
  /** The conditions as text, with the source (under the table, and on paper). */
  rules: string[];
  director: string | null;
}

export const medalInput = z.object({
  /** The academic year; absent: the current one. */
  yearId: s.optionalId,
  /** One class (grade 10 or 11); absent: every class of grades 10–11 (the files: grade 11). */
  classId: s.optionalId,
});

export const paperMedalOps = {
  'paper.medal': read(view('paper'), medalInput).returns<MedalStatement>(),
  'paper.medalPdf': job('Ведомость для медальной комиссии (PDF)', read(view('paper'), medalInput).returns<ExportedFile>()),
  'paper.medalXlsx': job('Ведомость для медальной комиссии (Excel)', read(view('paper'), medalInput).returns<ExportedFile>()),
};
