import type { Ctx } from '../context';
import type { OpParsed } from '../../api/contract';
import type { ImportPreview, ImportResult } from '../../api/types';
import { invalid } from '../../api/errors';
import type { NewRow } from '../../../db';
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
import { currentYearId } from '../setup/years';
import { requireAccess } from '../auth/guard';
import { beginBackupBeforeChange, REASON_BEFORE_IMPORT } from '../backup/backup';
import { classesAwaitingPlacement } from '../groups/pending';

type ImportInput = OpParsed<'import.preview'>;

interface Checked {
  sheet: SheetData;
  /** What the rows were checked against; null when the mapping was refused before. */
  against: string | null;
  mapping: ColumnMapping;
  errors: RowError[];
  students: StudentDraft[];
  staff: StaffDraft[];
}

async function read(i: ImportInput): Promise<SheetData> {
  try {
    return await readSpreadsheet(Buffer.from(i.data, 'base64'), i.fileName);
  } catch (e) {
    if (e instanceof ImportFormatError) throw invalid(e.message);
    throw invalid(`Не удалось прочитать файл «${i.fileName}»: файл повреждён или это не таблица Excel/CSV.`);
  }
}

function validationContext(ctx: Ctx): ValidationContext {
  const { db } = ctx;
  const yearId = db.first(db.q.selectFrom('academic_year').select('id').where('deleted_at', 'is', null).orderBy('is_current', 'desc').orderBy('start_date', 'desc').limit(1))?.id;
  const classes = yearId ? db.all(db.q.selectFrom('school_class').select(['grade', 'letter']).where('year_id', '=', yearId).where('deleted_at', 'is', null)) : [];
  return {
    today: isoDay(ctx.now()),
    classes,
    existingStudents: db.all(
      db.q.selectFrom('student').select(['last_name as lastName', 'first_name as firstName', 'middle_name as middleName', 'birth_date as birthDate', 'snils']).where('deleted_at', 'is', null),
    ),
    existingStaff: db.all(
      db.q.selectFrom('staff').select(['last_name as lastName', 'first_name as firstName', 'middle_name as middleName', 'birth_date as birthDate', 'snils']).where('deleted_at', 'is', null),
    ),
  };
}

async function check(ctx: Ctx, i: ImportInput, access: 'view' | 'change'): Promise<Checked> {
  requireAccess(ctx, i.kind === 'students' ? 'contingent' : 'setup', access);
  const sheet = await read(i);
  if (sheet.rows.length === 0) throw invalid(`В файле «${i.fileName}» нет строк с данными под строкой заголовков.`);
  return validate(ctx, i, sheet);
}

/**
 * Synchronous, so that the commit that follows it sees exactly the data it was checked against.
 * The rows' check is a pure function of the file, the mapping and the validation context: when
 * `earlier` was checked against the same context, its result stands.
 */
function validate(ctx: Ctx, i: ImportInput, sheet: SheetData, earlier?: Checked): Checked {
  const mapping: ColumnMapping = i.mapping ?? recognizeColumns(i.kind, sheet.headers);
  const mappingProblems = checkMapping(i.kind, mapping, sheet.headers);
  if (mappingProblems.length)
    return { sheet, against: null, mapping, students: [], staff: [], errors: mappingProblems.map((message) => ({ row: sheet.headerRowNumber, column: 'Сопоставление столбцов', message })) };
  const vctx = validationContext(ctx);
  const against = JSON.stringify(vctx);
  if (earlier && earlier.against === against) return earlier;
  if (i.kind === 'students') {
    const r = validateStudents(sheet, mapping, vctx);
    return { sheet, against, mapping, errors: r.errors, students: r.drafts, staff: [] };
  }
  const r = validateStaff(sheet, mapping, vctx);
  return { sheet, against, mapping, errors: r.errors, students: [], staff: r.drafts };
}

export async function previewImport(ctx: Ctx, i: ImportInput): Promise<ImportPreview> {
  const c = await check(ctx, i, 'view');
  const badRows = new Set(c.errors.map((e) => e.row));
  return {
    fileName: i.fileName,
    headers: c.sheet.headers,
    fields: fieldsFor(i.kind).map((f) => ({ key: f.key, label: f.label, required: f.required })),
    mapping: c.mapping,
    totalRows: c.sheet.rows.length,
    // A wrong mapping makes no row importable.
    validRows: badRows.has(c.sheet.headerRowNumber) ? 0 : c.sheet.rowNumbers.filter((n) => !badRows.has(n)).length,
    sample: c.sheet.rows.slice(0, 5),
    errors: c.errors,
  };
}

/**
 * Makes a backup while the file is read and checked, validates again, and writes everything in one
 * transaction, or nothing (and keeps no backup) when any row is wrong.
 */
export async function commitImport(ctx: Ctx, i: ImportInput): Promise<ImportResult> {
  const refuse = (c: Checked) => {
    if (!c.errors.length) return;
    const rows = new Set(c.errors.map((e) => e.row)).size;
    throw invalid(`Файл не загружен: ошибки в ${rows} строк(ах). Исправьте файл и загрузите его снова — ничего не изменено.`, c.errors);
  };
  requireAccess(ctx, i.kind === 'students' ? 'contingent' : 'setup', 'change');
  // The copy is made in a worker thread meanwhile: a 5000-row import stays within 2 s.
  const backup = beginBackupBeforeChange(ctx, REASON_BEFORE_IMPORT, 'Импорт');
  let first: Checked;
  try {
    first = await check(ctx, i, 'change');
    refuse(first);
  } catch (e) {
    await backup.discard();
    throw e;
  }
  await backup.keep();
  // Other calls may have run while the backup was written: check again right before writing.
  const c = validate(ctx, i, first.sheet, first);
  refuse(c);
  return i.kind === 'students' ? commitStudents(ctx, c.students) : commitStaff(ctx, c.staff);
}

function commitStudents(ctx: Ctx, drafts: StudentDraft[]): ImportResult {
  const { db } = ctx;
  const yearId = currentYearId(ctx);
  const classes = new Map(
    db.all(db.q.selectFrom('school_class').select(['id', 'grade', 'letter']).where('year_id', '=', yearId).where('deleted_at', 'is', null)).map((c) => [`${c.grade}${c.letter}`, c.id]),
  );
  let guardianCount = 0;
  const students = act(ctx, (w) => {
    const students = w.insertMany(
      'student',
      drafts.map((d) => ({
        last_name: d.lastName,
        first_name: d.firstName,
        middle_name: d.middleName,
        birth_date: d.birthDate,
        gender: d.gender,
        snils: d.snils,
        class_id: classes.get(`${d.grade}${d.letter}`) ?? null,
        address: d.address,
        personal_file_no: d.personalFileNo,
      })),
    );
    // Siblings in one file share their parents: one guardian row per person (name and phone).
    const guardians: NewRow<'guardian'>[] = [];
    const guardianKey = new Map<string, number>();
    const links: { student: number; guardian: number; relation: string }[] = [];
    drafts.forEach((d, si) => {
      for (const g of d.guardians) {
        const key = [g.lastName, g.firstName, g.middleName ?? '', g.phone ?? ''].join('|').toLowerCase();
        let gi = guardianKey.get(key);
        if (gi === undefined) {
          gi = guardians.length;
          guardianKey.set(key, gi);
          guardians.push({
            last_name: g.lastName,
            first_name: g.firstName,
            middle_name: g.middleName,
            phone: g.phone,
            email: g.email,
            pd_consent_date: g.pdConsentDate,
            e_service_refused: g.eServiceRefused ? 1 : 0,
          });
        }
        links.push({ student: si, guardian: gi, relation: g.relation });
      }
    });
    const saved = w.insertMany('guardian', guardians);
    guardianCount = saved.length;
    w.insertMany(
      'student_guardian',
      links.map((l) => ({ student_id: students[l.student]!.id, guardian_id: saved[l.guardian]!.id, relation: l.relation })),
    );
    return students;
  });
  // R4: newcomers in classes divided into subgroups wait to be placed ('subgroups.pending').
  const divided = classesAwaitingPlacement(ctx);
  const placementsPending = students.filter((s) => s.class_id !== null && divided.has(s.class_id)).length;
  return { imported: drafts.length, guardians: guardianCount, placementsPending };
}

function commitStaff(ctx: Ctx, drafts: StaffDraft[]): ImportResult {
  act(ctx, (w) =>
    w.insertMany(
      'staff',
      drafts.map((d) => ({
        last_name: d.lastName,
        first_name: d.firstName,
        middle_name: d.middleName,
        birth_date: d.birthDate,
        gender: d.gender,
        snils: d.snils,
        phone: d.phone,
        email: d.email,
        position: d.position,
        roles: JSON.stringify(rolesForPosition(d.position)),
        deputy_grades: '[]',
        subjects: JSON.stringify(d.subjects),
        rate_hours: d.rateHours,
      })),
    ),
  );
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
