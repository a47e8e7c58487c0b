// Issue 12 (R10): the enrollment module's export («Зачисление в ОО») → the applications of the
// current year. A preview (columns recognized, the mapping the user chose, every row checked and
// matched with the school), then one all-or-nothing commit; the list of imported applications.
import { z } from 'zod';
import { MAX, tooLongMessage } from './limits';
import * as s from './schemas';
import { change, job, read, view, write } from './ops';
import type { EnrollmentPreference, Gender } from './enums';
import { mapping, type ImportFieldChange, type ImportPreview } from './transfer';

/** What a row of the file does. */
export type EnrollmentRowVerdict =
  /** A new application, stored (enrollable or not, by its status). */
  | 'new'
  /** An application imported before whose status or data the file changes. */
  | 'changed'
  | 'unchanged'
  /** The child already studies in the school: not imported. */
  | 'in_school'
  | 'error';

export interface EnrollmentPreviewRow {
  row: number;
  regNumber: string;
  /** «Абрамов Николай Алексеевич» (as the file writes it when the row has errors). */
  name: string;
  birthDate: string | null;
  status: string;
  enrollable: boolean;
  preference: EnrollmentPreference;
  verdict: EnrollmentRowVerdict;
  /** The brothers and sisters found in the school: «Абрамова Мария, 3Б». */
  siblings: string[];
  /** Parents already known to the school (linked, not added again). */
  knownParents: string[];
  /** In the school already: «Абрамов Николай Алексеевич, 2А, 01.02.2018». */
  inSchool: string | null;
  /** A known application's changes (field: old → new). */
  changes: ImportFieldChange[];
  /** The known application's child is enrolled already: its changes are reported, not applied. */
  enrolled: boolean;
}

export interface EnrollmentCounts {
  rows: number;
  /** New applications to store (enrollable and not). */
  toImport: number;
  /** Of them, in a status that allows enrollment. */
  enrollable: number;
  /** Of them, in another status: stored with their status, never enrolled. */
  notEnrollable: number;
  errors: number;
  inSchool: number;
  siblings: number;
  knownParents: number;
  changed: number;
  unchanged: number;
}

export interface EnrollmentPreview extends Omit<ImportPreview, 'students'> {
  counts: EnrollmentCounts;
  rows: EnrollmentPreviewRow[];
}

export interface EnrollmentImportResult {
  imported: number;
  enrollable: number;
  notEnrollable: number;
  /** Known applications whose changes were applied. */
  updated: number;
  /** Changes of applications whose child is enrolled: reported, not applied. */
  notApplied: number;
  unchanged: number;
  inSchool: number;
  parentsLinked: number;
  siblings: number;
  changes: { row: number; regNumber: string; name: string; changes: ImportFieldChange[]; applied: boolean }[];
}

export interface EnrollmentApplicationRow {
  id: string;
  regNumber: string;
  appliedAt: string | null;
  status: string;
  enrollable: boolean;
  preference: EnrollmentPreference;
  sibling: boolean;
  fullName: string;
  birthDate: string;
  gender: Gender | null;
  address: string | null;
  onTerritory: boolean | null;
  adaptedProgramme: boolean;
  /** «Абрамова Мария Петровна (мать), +7 (912) 345-67-89» per parent. */
  parents: string[];
  /** Enrolled: the student made from it. */
  studentId: string | null;
}

export const enrollmentSorts = ['regNumber', 'appliedAt', 'name', 'birthDate', 'status'] as const;

const importInput = z.object({
  /** The file given to the host (an upload, or a file chosen in the dialog): its `InputFile.id`. */
  file: z.string({ error: 'Выберите файл' }).min(1, 'Выберите файл').max(MAX.id, 'Файл не найден: выберите его снова'),
  mapping: mapping(),
});

export const enrollmentOps = {
  'enrollment.preview': job('Проверка заявлений о приёме', read(view('contingent'), importInput).returns<EnrollmentPreview>()),
  'enrollment.commit': job('Загрузка заявлений о приёме', write(change('contingent'), importInput).returns<EnrollmentImportResult>()),
  'enrollment.list': read(
    view('contingent'),
    z.object({
      search: z.string().max(MAX.search, tooLongMessage('Поиск', MAX.search)).optional(),
      /** Only the applications in a status that allows enrollment. */
      enrollableOnly: s.flag('Только допускающие зачисление').optional(),
      sort: s.choice('Сортировка', enrollmentSorts).default('regNumber'),
      desc: s.flag('По убыванию').default(false),
    }),
  ).returns<EnrollmentApplicationRow[]>(),
};
