// Issue 12 (R10): the enrollment module's export → enrollment_application and enrollment_parent rows
// of the current year. The file is read and its rows checked by the student import's pieces
// (electron/import/enrollment.ts); here the drafts are matched with the school: a known
// application (same registration number) is compared and, unless its child is enrolled, updated;
// a child already in the school is refused; a known parent is linked; a brother or sister in the
// school is found. One transaction, all or nothing.
import type { Ctx } from '../context';
import type { Writer } from '../../../db/write';
import type { NewRow } from '../../../db/schema';
import type { OpParsed } from '../../api/contract';
import type { EnrollmentCounts, EnrollmentImportResult, EnrollmentPreview, EnrollmentPreviewRow, ImportFieldChange } from '../../api/types';
import { enrollmentPreferences } from '../../api/enums';
import { invalid } from '../../api/errors';
import { countOf, countWith, WORDS } from '../../api/plural';
import { ruKey } from '../../api/text';
import { checkFieldMapping, type ColumnMapping, type GuardianDraft, type RowError, type SheetData } from '../../import';
import {
  enrollmentFields,
  enrollmentHeaderScore,
  recognizeEnrollmentColumns,
  validateEnrollment,
  type EnrollmentDraft,
} from '../../import/enrollment';
import { PersonIndex, personKeys } from '../../import/duplicates';
import { personKey } from '../../import/names';
import { fullNameText } from '../../import/rows';
import { nameRow } from '../rows';
import { requireAccess } from '../auth/guard';
import { className, fullName, isoDay, ruDate } from '../format';
import { checkpoint, progress, releaseInputOf } from '../job';
import { readInputSheet } from '../transfer/import';
import { act } from '../tx';
import { currentYearId } from '../year';
import { beginBackupBeforeChange, REASON_BEFORE_IMPORT } from '../backup/backup';

type Input = OpParsed<'enrollment.preview'>;

interface Checked {
  fileName: string;
  sheet: SheetData;
  mapping: ColumnMapping;
  mappingRefused: boolean;
  drafts: EnrollmentDraft[];
  errors: RowError[];
}

function checkSheet(ctx: Ctx, fileName: string, sheet: SheetData, given: ColumnMapping | undefined): Checked {
  const mapping = given ?? recognizeEnrollmentColumns(sheet.headers);
  const fields = enrollmentFields();
  // A field the import does not know is named, not ignored: the mapping is taken as given or refused.
  const known = new Set<string>(fields.map((f) => f.key));
  const unknown = Object.keys(mapping).filter((k) => !known.has(k)).map((k) => `Неизвестное поле «${k.length > 40 ? `${k.slice(0, 40)}…` : k}» в сопоставлении столбцов`);
  const problems = [...unknown, ...checkFieldMapping(fields, mapping, sheet.headers)];
  if (problems.length)
    return { fileName, sheet, mapping, mappingRefused: true, drafts: [], errors: problems.map((message) => ({ row: sheet.headerRowNumber, column: 'Сопоставление столбцов', message })) };
  const r = validateEnrollment(sheet, mapping, isoDay(ctx.now()));
  return { fileName, sheet, mapping, mappingRefused: false, drafts: r.drafts, errors: r.errors };
}

async function readAndCheck(ctx: Ctx, i: Input, steps: number): Promise<Checked> {
  progress(ctx, 0, steps, 'Чтение файла');
  const { fileName, sheet } = await readInputSheet(ctx, i, enrollmentHeaderScore);
  if (sheet.rows.length === 0) throw invalid(`В файле «${fileName}» нет строк с данными под строкой заголовков.`);
  progress(ctx, 1, steps, `Проверка: ${countWith(sheet.rows.length, WORDS.row)}`);
  return checkSheet(ctx, fileName, sheet, i.mapping);
}

// ── Matching with the school ──

type AppRow = NewRow<'enrollment_application'> & { id: string };
type ParentRow = NewRow<'enrollment_parent'> & { id: string };

/** The application's own columns as a draft gives them (sibling decided by the plan). */
function applicationValues(d: EnrollmentDraft, sibling: boolean) {
  return {
    reg_number: d.regNumber,
    applied_at: d.appliedAt,
    status: d.status,
    enrollable: d.enrollable ? 1 : 0,
    preference: d.preference,
    sibling: sibling ? 1 : 0,
    ...nameRow(d),
    birth_date: d.birthDate,
    gender: d.gender,
    snils: d.snils,
    birth_certificate: d.birthCertificate,
    address: d.address,
    on_territory: d.onTerritory === null ? null : d.onTerritory ? 1 : 0,
    adapted_programme: d.adaptedProgramme ? 1 : 0,
  } satisfies Partial<NewRow<'enrollment_application'>>;
}
type AppValues = ReturnType<typeof applicationValues>;

const yesNo = (v: unknown) => (v === null || v === undefined ? null : v ? 'да' : 'нет');
const FIELDS: { key: keyof AppValues; label: string; show: (v: unknown) => string | null }[] = [
  { key: 'status', label: 'Статус', show: (v) => (v as string) ?? null },
  { key: 'enrollable', label: 'Можно зачислить', show: yesNo },
  { key: 'applied_at', label: 'Дата и время подачи', show: (v) => (v ? appliedText(v as string) : null) },
  { key: 'preference', label: 'Право на приём', show: (v) => enrollmentPreferences.labels[v as keyof typeof enrollmentPreferences.labels] },
  { key: 'sibling', label: 'Брат или сестра в школе', show: yesNo },
  { key: 'last_name', label: 'Фамилия', show: (v) => (v as string) ?? null },
  { key: 'first_name', label: 'Имя', show: (v) => (v as string) ?? null },
  { key: 'middle_name', label: 'Отчество', show: (v) => (v as string) ?? null },
  { key: 'birth_date', label: 'Дата рождения', show: (v) => (v ? ruDate(v as string) : null) },
  { key: 'gender', label: 'Пол', show: (v) => (v === 'm' ? 'м' : v === 'f' ? 'ж' : null) },
  { key: 'snils', label: 'СНИЛС', show: (v) => (v as string) ?? null },
  { key: 'birth_certificate', label: 'Свидетельство о рождении', show: (v) => (v as string) ?? null },
  { key: 'address', label: 'Адрес', show: (v) => (v as string) ?? null },
  { key: 'on_territory', label: 'Закреплённая территория', show: yesNo },
  { key: 'adapted_programme', label: 'Адаптированная программа', show: yesNo },
];

/** 'YYYY-MM-DDTHH:MM' → «15.04.2026 10:23». */
export function appliedText(v: string): string {
  return v.length > 10 ? `${ruDate(v.slice(0, 10))} ${v.slice(11, 16)}` : ruDate(v);
}

const parentText = (p: { last_name: string; first_name: string; middle_name: string | null; relation: string | null; phone: string | null; email: string | null }) =>
  [fullName(p), p.relation ? `(${p.relation})` : null, p.phone, p.email].filter(Boolean).join(' ');

function parentRow(g: GuardianDraft, position: number, guardianId: string | null): Omit<NewRow<'enrollment_parent'>, 'application_id'> {
  return { position, ...nameRow(g), relation: g.relation, phone: g.phone, email: g.email, guardian_id: guardianId };
}

interface Added {
  draft: EnrollmentDraft;
  values: AppValues;
  parents: Omit<NewRow<'enrollment_parent'>, 'application_id'>[];
}
interface Updated {
  id: string;
  draft: EnrollmentDraft;
  patch: Partial<AppValues>;
  /** The parents as the file gives them now, when they differ. */
  parents: Omit<NewRow<'enrollment_parent'>, 'application_id'>[] | null;
  oldParents: ParentRow[];
  changes: ImportFieldChange[];
  enrolled: boolean;
}

interface Plan {
  yearId: string;
  rows: EnrollmentPreviewRow[];
  added: Added[];
  updated: Updated[];
  unchanged: number;
  inSchool: number;
}

function plan(ctx: Ctx, drafts: EnrollmentDraft[]): Plan {
  const { db } = ctx;
  const yearId = currentYearId(ctx);
  const known = new Map<string, AppRow>();
  for (const a of db.all(db.q.selectFrom('enrollment_application').selectAll().where('year_id', '=', yearId).where('deleted_at', 'is', null)))
    known.set(ruKey(a.reg_number), a as AppRow);
  const knownParents = new Map<string, ParentRow[]>();
  for (const p of db.all(
    db.q
      .selectFrom('enrollment_parent as p')
      .innerJoin('enrollment_application as a', 'a.id', 'p.application_id')
      .selectAll('p')
      .where('a.year_id', '=', yearId)
      .where('a.deleted_at', 'is', null)
      .where('p.deleted_at', 'is', null)
      .orderBy('p.position'),
  ))
    knownParents.set(p.application_id, [...(knownParents.get(p.application_id) ?? []), p as ParentRow]);

  const classNames = new Map(db.all(db.q.selectFrom('school_class').select(['id', 'grade', 'letter'])).map((c) => [c.id, className(c)]));
  const students = db.all(
    db.q.selectFrom('student').select(['id', 'last_name', 'first_name', 'middle_name', 'birth_date', 'snils', 'class_id', 'address']).where('deleted_at', 'is', null),
  );
  const studentIndex = new PersonIndex<(typeof students)[number]>(false);
  const bySurnameAddress = new Map<string, (typeof students)[number][]>();
  for (const s of students) {
    studentIndex.addPerson({ lastName: s.last_name, firstName: s.first_name, middleName: s.middle_name, birthDate: s.birth_date, snils: s.snils }, s);
    if (s.address && s.class_id) {
      const k = `${ruKey(s.last_name)}|${ruKey(s.address)}`;
      bySurnameAddress.set(k, [...(bySurnameAddress.get(k) ?? []), s]);
    }
  }
  const studentById = new Map(students.map((s) => [s.id, s]));
  const who = (s: (typeof students)[number]) => `${s.last_name} ${s.first_name}${s.class_id && classNames.get(s.class_id) ? `, ${classNames.get(s.class_id)}` : ''}`;

  const guardians = new Map<string, { id: string; name: string }>();
  for (const g of db.all(db.q.selectFrom('guardian').select(['id', 'last_name', 'first_name', 'middle_name', 'phone', 'email']).where('deleted_at', 'is', null))) {
    const k = personKey(ruKey(g.last_name), ruKey(g.first_name), g.middle_name ? ruKey(g.middle_name) : null);
    const one = { id: g.id, name: fullName(g) };
    if (g.phone) guardians.set(`${k}|t:${g.phone}`, one);
    if (g.email) guardians.set(`${k}|e:${g.email.toLowerCase()}`, one);
  }
  const childrenOf = new Map<string, string[]>();
  for (const l of db.all(db.q.selectFrom('student_guardian').select(['guardian_id', 'student_id']).where('deleted_at', 'is', null)))
    childrenOf.set(l.guardian_id, [...(childrenOf.get(l.guardian_id) ?? []), l.student_id]);
  /** A parent known to the school: the same ФИО and the same phone or e-mail. */
  const knownGuardian = (g: GuardianDraft) => {
    const k = personKey(ruKey(g.lastName), ruKey(g.firstName), g.middleName ? ruKey(g.middleName) : null);
    return (g.phone ? guardians.get(`${k}|t:${g.phone}`) : undefined) ?? (g.email ? guardians.get(`${k}|e:${g.email}`) : undefined) ?? null;
  };

  const out: Plan = { yearId, rows: [], added: [], updated: [], unchanged: 0, inSchool: 0 };
  for (const d of drafts) {
    const linked = d.parents.map(knownGuardian);
    const name = fullNameText(d);
    // Brothers and sisters: a known parent's children in the school, or the same surname at the same address.
    const siblingIds = new Set<string>();
    for (const g of linked) for (const id of g ? (childrenOf.get(g.id) ?? []) : []) if (studentById.get(id)?.class_id) siblingIds.add(id);
    if (d.address) for (const s of bySurnameAddress.get(`${ruKey(d.lastName)}|${ruKey(d.address)}`) ?? []) siblingIds.add(s.id);
    const keys = personKeys(d, d.birthDate, d.snils);
    const same = studentIndex.findBySnils(keys) ?? studentIndex.findByName(keys)?.ref;
    const app = known.get(ruKey(d.regNumber));
    if (same && same.id !== app?.student_id) siblingIds.delete(same.id);
    const siblings = [...siblingIds].map((id) => who(studentById.get(id)!));
    const values = applicationValues(d, d.siblingMarked || siblings.length > 0);
    const parents = d.parents.map((g, k) => parentRow(g, k + 1, linked[k]?.id ?? null));
    const row: EnrollmentPreviewRow = {
      row: d.row,
      regNumber: d.regNumber,
      name,
      birthDate: d.birthDate,
      status: d.status,
      enrollable: d.enrollable,
      preference: d.preference,
      verdict: 'new',
      siblings,
      knownParents: linked.filter((g) => g !== null).map((g) => g.name),
      inSchool: null,
      changes: [],
      enrolled: false,
    };
    out.rows.push(row);
    if (app) {
      const changes: ImportFieldChange[] = [];
      const patch: Partial<AppValues> = {};
      for (const f of FIELDS) {
        const now = values[f.key];
        const before = app[f.key as keyof AppRow] ?? null;
        if ((now ?? null) === before) continue;
        (patch as Record<string, unknown>)[f.key] = now;
        changes.push({ field: f.label, old: f.show(before), new: f.show(now) });
      }
      // reg_number's spelling is kept as first imported
      const old = knownParents.get(app.id) ?? [];
      const oldText = old.map(parentText).join('; ');
      const newText = parents.map((p) => parentText({ ...p, middle_name: p.middle_name ?? null, relation: p.relation ?? null, phone: p.phone ?? null, email: p.email ?? null })).join('; ');
      const parentsChanged = oldText !== newText;
      if (parentsChanged) changes.push({ field: 'Родители', old: oldText || null, new: newText || null });
      row.enrolled = app.student_id !== null && app.student_id !== undefined;
      if (!changes.length) {
        row.verdict = 'unchanged';
        out.unchanged++;
        continue;
      }
      row.verdict = 'changed';
      row.changes = changes;
      out.updated.push({ id: app.id, draft: d, patch, parents: parentsChanged ? parents : null, oldParents: old, changes, enrolled: row.enrolled });
      continue;
    }
    if (same) {
      // R10: a child already in the school is not an applicant: refused, the student named.
      row.verdict = 'in_school';
      row.inSchool = `${fullName(same)}${same.class_id && classNames.get(same.class_id) ? `, ${classNames.get(same.class_id)}` : ''}, ${ruDate(same.birth_date)}`;
      out.inSchool++;
      continue;
    }
    out.added.push({ draft: d, values, parents });
  }
  return out;
}

/** The rows with errors, as the preview lists them beside the others. */
function errorRows(c: Checked): EnrollmentPreviewRow[] {
  const bad = [...new Set(c.errors.map((e) => e.row))].filter((r) => r !== c.sheet.headerRowNumber);
  const col = (key: string) => c.mapping[key] ?? null;
  return bad.map((r) => {
    const cells = c.sheet.rows[c.sheet.rowNumbers.indexOf(r)] ?? [];
    const cell = (key: string) => {
      const i = col(key);
      return i === null ? '' : (cells[i] ?? '');
    };
    const name = cell('fullName') || [cell('lastName'), cell('firstName'), cell('middleName')].filter(Boolean).join(' ');
    return { row: r, regNumber: cell('regNumber'), name, birthDate: null, status: cell('status'), enrollable: false, preference: 'none', verdict: 'error', siblings: [], knownParents: [], inSchool: null, changes: [], enrolled: false };
  });
}

function counts(c: Checked, p: Plan | null): EnrollmentCounts {
  const added = p?.added ?? [];
  const enrollable = added.filter((a) => a.draft.enrollable).length;
  return {
    rows: c.sheet.rows.length,
    toImport: added.length,
    enrollable,
    notEnrollable: added.length - enrollable,
    errors: new Set(c.errors.map((e) => e.row)).size,
    inSchool: p?.inSchool ?? 0,
    siblings: p?.rows.filter((r) => r.verdict !== 'in_school' && r.siblings.length > 0).length ?? 0,
    knownParents: p?.rows.filter((r) => r.knownParents.length > 0).length ?? 0,
    changed: p?.updated.length ?? 0,
    unchanged: p?.unchanged ?? 0,
  };
}

export async function previewEnrollment(ctx: Ctx, i: Input): Promise<EnrollmentPreview> {
  requireAccess(ctx, 'contingent', 'view');
  const c = await readAndCheck(ctx, i, 2);
  const p = c.mappingRefused ? null : plan(ctx, c.drafts);
  const rows = [...(p?.rows ?? []), ...errorRows(c)].sort((a, b) => a.row - b.row);
  const badRows = new Set(c.errors.map((e) => e.row));
  return {
    fileName: c.fileName,
    headers: c.sheet.headers,
    fields: enrollmentFields().map((f) => ({ key: f.key, label: f.label, required: f.required })),
    mapping: c.mapping,
    totalRows: c.sheet.rows.length,
    validRows: c.mappingRefused ? 0 : c.sheet.rowNumbers.filter((n) => !badRows.has(n)).length,
    sample: c.sheet.rows.slice(0, 5),
    errors: c.errors,
    counts: counts(c, p),
    rows,
  };
}

function refuse(errors: RowError[]): void {
  if (!errors.length) return;
  const rows = new Set(errors.map((e) => e.row)).size;
  throw invalid(`Файл не загружен: ${countOf(rows, 'строка', 'строки', 'строк')} с ошибками. Исправьте файл и загрузите его снова — ничего не изменено.`, errors);
}

function writeParents(w: Writer, applicationId: string, parents: Omit<NewRow<'enrollment_parent'>, 'application_id'>[], old: ParentRow[]): void {
  const byPosition = new Map(old.map((p) => [p.position, p]));
  for (const p of parents) {
    const was = byPosition.get(p.position);
    if (was) w.update('enrollment_parent', was.id, p);
    else w.insert('enrollment_parent', { ...p, application_id: applicationId });
    byPosition.delete(p.position);
  }
  for (const gone of byPosition.values()) w.remove('enrollment_parent', gone.id);
}

/**
 * Checks the file, then plans and writes in one transaction (the plan's reads inside it): new
 * applications with their parents, the changes of known ones not yet enrolled. Any row with an
 * error: nothing is written. An enrolled child's application and student are never touched.
 * As the student import (electron/core/transfer/import.ts, docs/architecture.md «Before risky
 * changes»), a «перед импортом» backup is begun at once and copied while the file is checked;
 * it is kept only when the file will change something, and a backup that fails refuses the import.
 */
export async function commitEnrollment(ctx: Ctx, i: Input): Promise<EnrollmentImportResult> {
  requireAccess(ctx, 'contingent', 'change');
  const backup = beginBackupBeforeChange(ctx, REASON_BEFORE_IMPORT, 'Импорт заявлений');
  let c: Checked;
  let changes: boolean;
  try {
    c = await readAndCheck(ctx, i, 4);
    refuse(c.errors);
    // A file that matches what the school has changes nothing: no backup is kept either.
    const before = plan(ctx, c.drafts);
    changes = before.added.length > 0 || before.updated.some((u) => !u.enrolled);
  } catch (e) {
    await backup.discard();
    throw e;
  }
  if (changes) {
    progress(ctx, 2, 4, 'Резервная копия перед загрузкой');
    await backup.keep();
  } else await backup.discard();
  const stamp = ctx.now().toISOString();
  const p = act(ctx, (w) => {
    const p = plan(ctx, c.drafts);
    progress(ctx, 3, 4, `Запись: ${countOf(p.added.length, 'заявление', 'заявления', 'заявлений')}`);
    const apps = w.insertMany(
      'enrollment_application',
      p.added.map((a) => ({ ...a.values, year_id: p.yearId, grade: 1, planned_class_id: null, student_id: null, imported_at: stamp })),
    );
    w.insertMany(
      'enrollment_parent',
      p.added.flatMap((a, k) => a.parents.map((x) => ({ ...x, application_id: apps[k]!.id }))),
    );
    for (const u of p.updated) {
      if (u.enrolled) continue;
      if (Object.keys(u.patch).length) w.update('enrollment_application', u.id, u.patch);
      if (u.parents) writeParents(w, u.id, u.parents, u.oldParents);
    }
    checkpoint(ctx); // cancelled during the write: the transaction rolls back
    return p;
  });
  releaseInputOf(ctx, i.file); // an uploaded copy of the file is not kept
  const enrollable = p.added.filter((a) => a.draft.enrollable).length;
  return {
    imported: p.added.length,
    enrollable,
    notEnrollable: p.added.length - enrollable,
    updated: p.updated.filter((u) => !u.enrolled).length,
    notApplied: p.updated.filter((u) => u.enrolled).length,
    unchanged: p.unchanged,
    inSchool: p.inSchool,
    parentsLinked: p.added.reduce((n, a) => n + a.parents.filter((x) => x.guardian_id).length, 0),
    siblings: p.added.filter((a) => a.values.sibling).length,
    changes: p.updated.map((u) => ({ row: u.draft.row, regNumber: u.draft.regNumber, name: fullNameText(u.draft), changes: u.changes, applied: !u.enrolled })),
  };
}
