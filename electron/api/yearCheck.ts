// The year-end check per class (issue 15 point 1; R24; PRACTICE «Year end»; docs/year-end.md «Итоги
// года»): the year and attestation marks present for every attested subject; the debts (recorded and
// still to record); one «3», one «4», отличники; grade 11: the medal candidates and the certificate's
// final marks (the medal commission's rules); grade 9: the certificate's year marks. Read-only, area
// «Конец учебного года»; every class (no parallel restriction). Handlers: electron/core/yearEnd/check/.
import { z } from 'zod';
import * as s from './schemas';
import { job, read, view } from './ops';
import type { ExportedFile } from './common';
import type { DebtReason, DebtStatus } from './enums';

export interface YearCheckSubject {
  id: string;
  name: string;
}

/** A student and one subject (one «3», one «4», a missing mark). */
export interface YearCheckItem {
  studentId: string;
  student: string;
  subjectId: string;
  subject: string;
}

export interface YearCheckMissing extends YearCheckItem {
  /** year: the year mark («годовая»); attestation: the intermediate-attestation mark («ПА»). */
  which: 'year' | 'attestation';
  /** «годовая» / «ПА». */
  whichText: string;
}

export interface YearCheckDebt extends YearCheckItem {
  /** The attestation mark as written («2», «н/а», «незач»); null: none now (a recorded debt). */
  mark: string | null;
  reason: DebtReason;
  reasonText: string;
  /** A row of the debts register; false: a candidate from an unsatisfactory attestation mark, not recorded yet. */
  recorded: boolean;
  debtId: string | null;
  status: DebtStatus | null;
  statusText: string | null;
}

export interface YearCheckPupil {
  studentId: string;
  student: string;
}

export interface YearCheckMedal extends YearCheckPupil {
  /** first / second: a candidate on the marks; incomplete: no final mark somewhere (named in the text). */
  kind: 'first' | 'second' | 'incomplete';
  text: string;
}

/** The certificate's marks (grade 9: the year marks; grade 11: the final marks by the medal rules). */
export interface YearCheckCertificate {
  /** «Аттестат об основном общем образовании» / «… о среднем общем образовании». */
  title: string;
  subjects: YearCheckSubject[];
  rows: { studentId: string; student: string; marks: Record<string, string | null> }[];
  /** Grade 9: «ОГЭ», a column left for hand entry on paper; grade 11: null. */
  examColumn: string | null;
  note: string;
}

export interface YearCheckTotals {
  students: number;
  missing: number;
  /** Debts listed (recorded and candidates) and, of them, not recorded yet. */
  debts: number;
  unrecorded: number;
  /** Students with at least one debt. */
  debtors: number;
  oneThree: number;
  oneFour: number;
  excellent: number;
  medal: number;
}

export interface YearCheckClassRow {
  classId: string;
  className: string;
  grade: number;
  totals: YearCheckTotals;
}

export interface YearCheckClass extends YearCheckClassRow {
  classTeacher: string | null;
  subjects: YearCheckSubject[];
  missing: YearCheckMissing[];
  debts: YearCheckDebt[];
  oneThree: YearCheckItem[];
  oneFour: YearCheckItem[];
  excellent: YearCheckPupil[];
  /** Grade 11 only (else null). */
  medal: YearCheckMedal[] | null;
  /** Grades 9 and 11 only (else null). */
  certificate: YearCheckCertificate | null;
}

export interface YearCheck {
  yearId: string;
  yearName: string;
  years: { id: string; name: string }[];
  /** The day the class lists are taken on (the year's last day, or today while it runs). */
  day: string;
  /** Every class of the year with its figures (the summary table). */
  classes: YearCheckClassRow[];
  total: YearCheckTotals;
  /** The chosen class's lists (input classId); null without one. */
  detail: YearCheckClass | null;
  /** What decides what (shown under the table, printed under the document). */
  rules: string[];
}

export const yearCheckInput = z.object({
  /** The academic year; absent: the current one. */
  yearId: s.optionalId,
  /** One class for its lists; absent: the summary of every class. */
  classId: s.optionalId,
});

export const yearCheckOps = {
  'year.check': read(view('yearEnd'), yearCheckInput).returns<YearCheck>(),
  /** «Итоги учебного года» printed: the chosen class, or every class from a new sheet. */
  'year.checkPdf': job('Итоги учебного года (PDF)', read(view('yearEnd'), yearCheckInput).returns<ExportedFile>()),
};
