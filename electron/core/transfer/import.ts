import { readFile } from 'node:fs/promises';
import type { Ctx } from '../context';
import { staffRow } from '../rows';
import type { OpParsed } from '../../api/contract';
import type { ImportPreview, ImportResult } from '../../api/types';
import { AppError, invalid } from '../../api/errors';
import {
  checkMapping,
  fieldsFor,
  ImportFormatError,
  readSpreadsheet,
  recognizeColumns,
  validateStaff,
  validateStudents,
  type ColumnMapping,
  type RowError,
  type SheetData,
  type StaffDraft,
  type StudentDraft,
  type ValidationContext,
} from '../../import';
import { act } from '../tx';
import { isoDay } from '../format';
import { currentYearId, currentYearOrNull } from '../year';
import { requireAccess } from '../auth/guard';
import { beginBackupBeforeChange, REASON_BEFORE_IMPORT } from '../backup/backup';
import { classesAwaitingPlacement } from '../groups/pending';
import { countOf, countWith, WORDS } from '../../api/plural';
import { checkpoint, inputFileOf, progress, releaseInputOf } from '../job';
import { applyStudentPlan, planStudents } from './studentPlan';
import { className } from '../../api/text';
import { subjectNames } from '../setup/qualifications';

type ImportInput = OpParsed<'import.preview'>;

interface Checked {
  fileName: string;
  sheet: SheetData;
  /** What the rows were checked against; null when the mapping was refused before. */
  against: string | null;
  mapping: ColumnMapping;
  errors: RowError[];
  students: StudentDraft[];
  staff: StaffDraft[];
}

/**
 * The file the input names (an upload, a chosen file): its name and its rows. `headerScore`: see
 * readSpreadsheet (the enrollment import finds its header row by its own fields).
 */
export async function readInputSheet(ctx: Ctx, i: { file: string }, headerScore?: (cells: string[]) => number): Promise<{ fileName: string; sheet: SheetData }> {
  const file = inputFileOf(ctx, i.file);
  let bytes: Buffer;
  try {
    bytes = await readFile(file.path);
  } catch {
    throw new AppError('not_found', `Файл «${file.name}» не удалось открыть: возможно, его переместили или удалили. Выберите файл снова.`);
  }
  try {
    return { fileName: file.name, sheet: await readSpreadsheet(bytes, file.name, headerScore) };
  } catch (e) {
    if (e instanceof ImportFormatError) throw invalid(e.message);
    throw invalid(`Не удалось прочитать файл «${file.name}»: файл повреждён или это не таблица Excel/CSV.`);
  }
}

function validationContext(ctx: Ctx): ValidationContext {
  const { db } = ctx;
  const yearId = currentYearOrNull(ctx);
  const classes = yearId ? db.all(db.q.selectFrom('school_class').select(['grade', 'letter']).where('year_id', '=', yearId).where('deleted_at', 'is', null)) : [];
  return {
    today: isoDay(ctx.now()),
    classes,
    existingStudents: db.all(
      db.q.selectFrom('student').select(['id', 'last_name as lastName', 'first_name as firstName', 'middle_name as middleName', 'birth_date as birthDate', 'snils']).where('deleted_at', 'is', null),
    ),
    existingStaff: db.all(
      db.q.selectFrom('staff').select(['last_name as lastName', 'first_name as firstName', 'middle_name as middleName', 'birth_date as birthDate', 'snils']).where('deleted_at', 'is', null),
    ),
  };
}

async function check(ctx: Ctx, i: ImportInput, access: 'view' | 'change', step = 0, steps = 2): Promise<Checked> {
  requireAccess(ctx, i.kind === 'students' ? 'contingent' : 'setup', access);
  progress(ctx, step, steps, 'Чтение файла');
  const { fileName, sheet } = await readInputSheet(ctx, i);
  if (sheet.rows.length === 0) throw invalid(`В файле «${fileName}» нет строк с данными под строкой заголовков.`);
  progress(ctx, step + 1, steps, `Проверка: ${countWith(sheet.rows.length, WORDS.row)}`);
  return validate(ctx, i, fileName, sheet);
}

/**
 * Synchronous, so that the commit that follows it sees exactly the data it was checked against.
 * The rows' check is a pure function of the file, the mapping and the validation context: when
 * `earlier` was checked against the same context, its result stands.
 */
function validate(ctx: Ctx, i: ImportInput, fileName: string, sheet: SheetData, earlier?: Checked): Checked {
  const mapping: ColumnMapping = i.mapping ?? recognizeColumns(i.kind, sheet.headers);
  const mappingProblems = checkMapping(i.kind, mapping, sheet.headers);
  if (mappingProblems.length)
    return { fileName, sheet, against: null, mapping, students: [], staff: [], errors: mappingProblems.map((message) => ({ row: sheet.headerRowNumber, column: 'Сопоставление столбцов', message })) };
  const vctx = validationContext(ctx);
  const subjects = i.kind === 'staff' ? subjectNames(ctx) : null;
  const against = JSON.stringify(subjects ? { vctx, subjects: [...subjects.nameOf] } : vctx);
  if (earlier && earlier.against === against) return earlier;
  if (i.kind === 'students') {
    const r = validateStudents(sheet, mapping, vctx);
    return { fileName, sheet, against, mapping, errors: r.errors, students: r.drafts, staff: [] };
  }
  const r = validateStaff(sheet, mapping, vctx);
  // Issue 9: qualifications are kept by subject id: a name of no subject of the school is a row's error.
  const unknown: RowError[] = [];
  for (const d of r.drafts)
    for (const name of d.subjects) if (!subjects!.idsOf(name).length) unknown.push({ row: d.row, column: 'Предметы', message: `Предмета «${name}» нет в списке предметов школы` });
  const bad = new Set(unknown.map((e) => e.row));
  return { fileName, sheet, against, mapping, errors: [...r.errors, ...unknown].sort((a, b) => a.row - b.row), students: [], staff: r.drafts.filter((d) => !bad.has(d.row)) };
}

export async function previewImport(ctx: Ctx, i: ImportInput): Promise<ImportPreview> {
  const c = await check(ctx, i, 'view');
  // What the rows without errors would change; problems only the school's data shows join the errors.
  let students: ImportPreview['students'];
  if (i.kind === 'students' && c.against !== null) {
    const plan = planStudents(ctx, c.students, currentClassIds(ctx));
    c.errors = [...c.errors, ...plan.errors].sort((a, b) => a.row - b.row);
    students = plan.view;
  }
  const badRows = new Set(c.errors.map((e) => e.row));
  return {
    fileName: c.fileName,
    headers: c.sheet.headers,
    fields: fieldsFor(i.kind, c.sheet.headers).map((f) => ({ key: f.key, label: f.label, required: f.required })),
    mapping: c.mapping,
    totalRows: c.sheet.rows.length,
    // A wrong mapping makes no row importable.
    validRows: badRows.has(c.sheet.headerRowNumber) ? 0 : c.sheet.rowNumbers.filter((n) => !badRows.has(n)).length,
    sample: c.sheet.rows.slice(0, 5),
    errors: c.errors,
    students,
  };
}

/**
 * Makes a backup while the file is read and checked, validates again, and writes everything in one
 * transaction, or nothing (and keeps no backup) when any row is wrong or nothing would change.
 */
export async function commitImport(ctx: Ctx, i: ImportInput): Promise<ImportResult> {
  const refuse = (errors: RowError[]) => {
    if (!errors.length) return;
    const rows = new Set(errors.map((e) => e.row)).size;
    throw invalid(`Файл не загружен: ${countOf(rows, 'строка', 'строки', 'строк')} с ошибками. Исправьте файл и загрузите его снова — ничего не изменено.`, errors);
  };
  requireAccess(ctx, i.kind === 'students' ? 'contingent' : 'setup', 'change');
  // The copy is made in a worker thread meanwhile: a 5000-row import stays within 2 s.
  const backup = beginBackupBeforeChange(ctx, REASON_BEFORE_IMPORT, 'Импорт');
  let first: Checked;
  try {
    first = await check(ctx, i, 'change', 0, 4);
    refuse(first.errors);
    if (i.kind === 'students') {
      const plan = planStudents(ctx, first.students, currentClassIds(ctx));
      refuse(plan.errors);
      // A file that matches the school changes nothing: no backup is kept either.
      if (!plan.added.length && !plan.updates.length) {
        await backup.discard();
        return { imported: 0, guardians: 0, placementsPending: 0, updated: 0, changes: [], unchanged: plan.view.unchanged };
      }
    }
    progress(ctx, 2, 4, 'Резервная копия перед загрузкой');
  } catch (e) {
    await backup.discard();
    throw e;
  }
  await backup.keep();
  // Other calls may have run while the backup was written: check again right before writing.
  const c = validate(ctx, i, first.fileName, first.sheet, first);
  refuse(c.errors);
  progress(ctx, 3, 4, `Запись: ${countWith(i.kind === 'students' ? c.students.length : c.staff.length, i.kind === 'students' ? WORDS.student : WORDS.staff)}`);
  const result = i.kind === 'students' ? commitStudents(ctx, c.students, refuse) : commitStaff(ctx, c.staff);
  releaseInputOf(ctx, i.file); // an uploaded copy of the file is not kept
  return result;
}

/** The current year's classes by name («5А») → id. */
function currentClassIds(ctx: Ctx): Map<string, string> {
  const { db } = ctx;
  const yearId = currentYearOrNull(ctx);
  if (!yearId) return new Map();
  return new Map(
    db.all(db.q.selectFrom('school_class').select(['id', 'grade', 'letter']).where('year_id', '=', yearId).where('deleted_at', 'is', null)).map((c) => [className(c), c.id]),
  );
}

/** Plans and writes in one transaction: the plan's reads decide inside it. All or nothing. */
function commitStudents(ctx: Ctx, drafts: StudentDraft[], refuse: (errors: RowError[]) => void): ImportResult {
  currentYearId(ctx); // a school without a year is refused in words
  const done = act(ctx, (w) => {
    const classIds = currentClassIds(ctx);
    const plan = planStudents(ctx, drafts, classIds);
    refuse(plan.errors);
    const applied = applyStudentPlan(ctx, w, plan, classIds);
    checkpoint(ctx); // cancelled during the write: the transaction rolls back
    return { plan, ...applied };
  });
  // R4: newcomers in classes divided into subgroups wait to be placed ('subgroups.pending').
  const divided = classesAwaitingPlacement(ctx);
  const moved = done.plan.updates.filter((u) => u.classChange?.classId && divided.has(u.classChange.classId)).length;
  const placementsPending = done.students.filter((s) => s.class_id !== null && divided.has(s.class_id)).length + moved;
  return {
    imported: done.students.length,
    guardians: done.guardians,
    placementsPending,
    updated: done.plan.updates.length,
    changes: done.plan.view.updated,
    unchanged: done.plan.view.unchanged,
  };
}

function commitStaff(ctx: Ctx, drafts: StaffDraft[]): ImportResult {
  act(ctx, (w) => {
    const { idsOf } = subjectNames(ctx);
    const cards = w.insertMany(
      'staff',
      drafts.map((d) => staffRow({ ...d, roles: rolesForPosition(d.position), deputyGrades: [] })),
    );
    w.insertMany(
      'staff_qualification',
      cards.flatMap((c, k) => [...new Set(drafts[k]!.subjects.flatMap(idsOf))].map((subject_id) => ({ staff_id: c.id, subject_id }))),
    );
    checkpoint(ctx); // cancelled during the write: the transaction rolls back
  });
  return { imported: drafts.length };
}

/** The roles a position usually carries; the administrator adjusts them on the staff card. */
export function rolesForPosition(position: string): string[] {
  const p = position.toLowerCase();
  const roles: string[] = [];
  if (/^директор/.test(p)) roles.push('director');
  if (/заместитель директора|завуч/.test(p)) roles.push(/информатиз/.test(p) ? 'sysadmin' : 'deputy');
  if (/системн\w* администратор/.test(p)) roles.push('sysadmin');
  if (/секретар|делопроизвод/.test(p)) roles.push('secretary');
  if (/учител|преподавател/.test(p)) roles.push('teacher');
  return roles;
}
