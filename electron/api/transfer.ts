// Spreadsheets in and out: the import of students and staff, the export of the lists. Who may do
// it is decided by what is carried (students: contingent; staff and setup lists: setup), so the
// operations need only a session and the handlers check the area.
import { z } from 'zod';
import * as s from './schemas';
import { MAX, MAX_COLUMN_INDEX, tooLongMessage, tooManyMessage } from './limits';
import { job, read, write } from './ops';
import type { ExportedFile } from './common';
import { studentSort } from './students';
import { exportLists, importKinds } from './enums';

export interface ImportField {
  key: string;
  label: string;
  required: boolean;
}
export interface ImportPreview {
  fileName: string;
  headers: string[];
  fields: ImportField[];
  mapping: Record<string, number | null>;
  totalRows: number;
  validRows: number;
  sample: string[][]; // the first rows as read, for the mapping step
  errors: { row: number; column: string; message: string }[];
  /** Students: what the file would change, row by row (only the rows without errors). */
  students?: ImportStudentChanges;
}
export interface ImportResult {
  imported: number;
  guardians?: number;
  /** Imported students who joined a class divided into subgroups: ask where to put them ('subgroups.pending'). */
  placementsPending?: number;
  /** Students already in the school whose data the file changed, and what changed. */
  updated?: number;
  changes?: ImportStudentUpdate[];
  /** Rows about students already in the school with nothing to change. */
  unchanged?: number;
}
/** One field a file changes, as the program shows it: «Класс: 7Б → 8Б». */
export interface ImportFieldChange {
  field: string;
  old: string | null;
  new: string | null;
}
/** A student already in the school whom a row of the file changes. */
export interface ImportStudentUpdate {
  row: number;
  studentId: string;
  /** «Абрамов Николай Алексеевич» */
  name: string;
  className: string | null;
  changes: ImportFieldChange[];
}
/** A student the file adds. */
export interface ImportStudentNew {
  row: number;
  name: string;
  className: string;
  guardians: number;
}
/** What a student file would do: add these, change those (field by field), leave the rest as they are. */
export interface ImportStudentChanges {
  added: ImportStudentNew[];
  updated: ImportStudentUpdate[];
  unchanged: number;
}

/** The column mapping an import's preview and commit carry (the enrollment import's too). */
export function mapping() {
  return z
    .record(
      z.string().max(MAX.id, 'Неизвестное поле в сопоставлении столбцов'),
      s.int('Номер столбца', 0, MAX_COLUMN_INDEX, 'В сопоставлении выбран несуществующий столбец').nullable(),
    )
    .refine((m) => Object.keys(m).length <= s.maxItems.mappingFields, tooManyMessage('Полей в сопоставлении столбцов', s.maxItems.mappingFields))
    .optional();
}

function importInput() {
  return z.object({
    kind: z.enum(importKinds.values),
    /** The file given to the host (an upload, or a file chosen in the dialog): its `InputFile.id`. */
    file: z
      .string({ error: 'Выберите файл' })
      .min(1, 'Выберите файл')
      .max(MAX.id, 'Файл не найден: выберите его снова'),
    mapping: mapping(),
  });
}

export const transferOps = {
  // The commit decides by kind.
  'import.preview': job('Проверка файла', read('session', importInput()).returns<ImportPreview>()),
  'import.commit': job('Загрузка из файла', write('session', importInput()).returns<ImportResult>()),
  // Decided by list.
  'export.list': job('Выгрузка в Excel', read(
    'session',
    z.object({
      list: z.enum(exportLists.values),
      // The students' list as it is on screen: its filters and its order (issue 8).
      students: z
        .object({
          search: z.string().max(MAX.search, tooLongMessage('Поиск', MAX.search)).optional(),
          classId: s.optionalId,
          grade: s.grade.optional(),
          sort: studentSort.default('name'),
          desc: z.boolean().default(false),
        })
        .optional(),
    }),
  ).returns<ExportedFile>()),
};
