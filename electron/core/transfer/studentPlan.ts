// What a checked student file does to the school (the secretary's round trip with Excel): rows about
// students already in the school update them field by field, the others add new students. Computed
// for the preview and again, inside the commit's transaction, for the write (its deciding reads).
import { guardianRow, studentRow } from '../rows';
import type { Ctx } from '../context';
import type { Writer } from '../../../db';
import type { NewRow } from '../../../db';
import type { GuardianDraft, RowError, StudentDraft } from '../../import';
import type { ImportFieldChange, ImportStudentChanges, ImportStudentUpdate } from '../../api/types';
import { declineName } from '../../api/declension';
import { fullName, ruDate } from '../format';
import { genders } from '../../api/enums';
import { insertStudents, todayOf, updateStudent } from '../students/membership';
import { className, ruFold } from '../../api/text';

const fold = (s: string | null | undefined) => ruFold((s ?? '').trim());
const yesNo = (v: number | boolean | null) => (v === null ? null : v ? 'да' : 'нет');

interface LinkedGuardian {
  linkId: string;
  guardianId: string;
  relation: string;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  phone: string | null;
  email: string | null;
  pd_consent_date: string | null;
  e_service_refused: number;
}

/** A change to a student already in the school, ready to write. */
export interface PlannedUpdate {
  view: ImportStudentUpdate;
  id: string;
  patch: Partial<NewRow<'student'>>;
  /** The new class when it changes (the student leaves the old class's subgroups, R4). */
  classChange: { classId: string | null } | null;
  relations: { linkId: string; relation: string }[];
  newGuardians: GuardianDraft[];
}

export interface StudentPlan {
  errors: RowError[];
  added: StudentDraft[];
  updates: PlannedUpdate[];
  /** Changes to guardians already in the school, merged over the rows that name them (siblings). */
  guardianPatches: Map<string, Partial<NewRow<'guardian'>>>;
  view: ImportStudentChanges;
}

function chunks<T>(list: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** The guardian of a student a file's guardian is: the same surname and name (and patronymic when several). */
function findGuardian(linked: readonly LinkedGuardian[], g: GuardianDraft): LinkedGuardian | undefined {
  const same = linked.filter((x) => fold(x.last_name) === fold(g.lastName) && fold(x.first_name) === fold(g.firstName));
  if (same.length <= 1) return same[0];
  return same.find((x) => fold(x.middle_name) === fold(g.middleName));
}

function describeNewGuardian(g: GuardianDraft): string {
  const name = [g.lastName, g.firstName, g.middleName].filter(Boolean).join(' ');
  return [`${name}${g.relation ? ` (${g.relation})` : ''}`, g.phone, g.email].filter(Boolean).join(', ');
}

/**
 * The plan of a student import: which rows add students, which change students already in the
 * school and how (only the cells that are filled and differ: an empty cell never erases), and the
 * problems only the school's data reveals (a new representative without «кем приходится»; two rows
 * giving one parent different values).
 */
export function planStudents(ctx: Ctx, drafts: readonly StudentDraft[], classIds: ReadonlyMap<string, string>): StudentPlan {
  const { db } = ctx;
  const errors: RowError[] = [];
  const ids = drafts.flatMap((d) => (d.existingId ? [d.existingId] : []));
  const students = new Map<string, NewRow<'student'> & { id: string }>();
  const linked = new Map<string, LinkedGuardian[]>();
  for (const part of chunks(ids)) {
    for (const s of db.all(db.q.selectFrom('student').selectAll().where('id', 'in', part))) students.set(s.id, s);
    const rows = db.all(
      db.q
        .selectFrom('student_guardian as sg')
        .innerJoin('guardian as g', 'g.id', 'sg.guardian_id')
        .select(['sg.id as linkId', 'sg.student_id', 'sg.relation', 'g.id as guardianId', 'g.last_name', 'g.first_name', 'g.middle_name', 'g.phone', 'g.email', 'g.pd_consent_date', 'g.e_service_refused'])
        .where('sg.student_id', 'in', part)
        .where('sg.deleted_at', 'is', null)
        .where('g.deleted_at', 'is', null)
        .orderBy('sg.created_at'),
    );
    for (const r of rows) {
      const list = linked.get(r.student_id) ?? [];
      list.push(r);
      linked.set(r.student_id, list);
    }
  }
  const classIdsUsed = [...new Set([...students.values()].map((s) => s.class_id).filter((x): x is string => !!x))];
  const classNames = new Map<string, string>();
  for (const part of chunks(classIdsUsed))
    for (const c of db.all(db.q.selectFrom('school_class').select(['id', 'grade', 'letter']).where('id', 'in', part))) classNames.set(c.id, className(c));

  const added: StudentDraft[] = [];
  const updates: PlannedUpdate[] = [];
  const guardianPatches = new Map<string, Partial<NewRow<'guardian'>>>();
  /** What each row says of a guardian in the school, per field: the first row and value. */
  const said = new Map<string, { row: number; value: unknown; text: string | null }>();
  let unchanged = 0;

  for (const d of drafts) {
    const classId = classIds.get(className(d)) ?? null;
    const s = d.existingId ? students.get(d.existingId) : undefined;
    if (!s) {
      added.push(d);
      for (const g of d.guardians)
        if (!g.relation) errors.push({ row: d.row, column: g.columns.relation, message: `Укажите, кем приходится ученику ${declineName(g, 'nominative')}` });
      continue;
    }
    const changes: ImportFieldChange[] = [];
    const patch: Partial<NewRow<'student'>> = {};
    const field = <K extends keyof NewRow<'student'>>(key: K, label: string, value: NewRow<'student'>[K] | null, show: (v: NewRow<'student'>[K] | null) => string | null) => {
      if (value === null || value === undefined || value === s[key]) return;
      patch[key] = value;
      changes.push({ field: label, old: show(s[key] ?? null), new: show(value) });
    };
    const text = (v: string | null | undefined) => v ?? null;
    field('last_name', 'Фамилия', d.lastName, text);
    field('first_name', 'Имя', d.firstName, text);
    field('middle_name', 'Отчество', d.middleName, text);
    field('birth_date', 'Дата рождения', d.birthDate, (v) => (v ? ruDate(v) : null));
    field('gender', 'Пол', d.gender, (v) => (v ? genders.text(v) : null));
    field('snils', 'СНИЛС', d.snils, text);
    field('class_id', 'Класс', classId, (v) => (v ? (classNames.get(v) ?? className(d)) : null));
    field('address', 'Адрес', d.address, text);
    field('personal_file_no', '№ личного дела', d.personalFileNo, text);

    const relations: PlannedUpdate['relations'] = [];
    const newGuardians: GuardianDraft[] = [];
    for (const g of d.guardians) {
      const x = findGuardian(linked.get(s.id) ?? [], g);
      if (!x) {
        if (!g.relation) {
          errors.push({ row: d.row, column: g.columns.relation, message: `Укажите, кем приходится ученику ${declineName(g, 'nominative')}` });
          continue;
        }
        newGuardians.push(g);
        changes.push({ field: 'Новый представитель', old: null, new: describeNewGuardian(g) });
        continue;
      }
      // Declined only when a change or a conflict is to be told (lvovich is not free for 10 000 parents).
      let genitive: string | undefined;
      const whose = () => (genitive ??= declineName({ lastName: x.last_name, firstName: x.first_name, middleName: x.middle_name }, 'genitive'));
      const whoNom = fullName(x);
      const check = (key: string, value: unknown, shown: string | null, column: string): boolean => {
        const k = `${x.guardianId}|${key}`;
        const before = said.get(k);
        if (!before) {
          said.set(k, { row: d.row, value, text: shown });
          return true;
        }
        if (before.value === value) return true;
        errors.push({ row: d.row, column, message: `Для ${whose()} в строке ${before.row} указано «${before.text ?? ''}», а здесь «${shown ?? ''}»: исправьте одну из строк` });
        return false;
      };
      const gpatch = guardianPatches.get(x.guardianId) ?? {};
      const gfield = <K extends 'middle_name' | 'phone' | 'email' | 'pd_consent_date' | 'e_service_refused'>(key: K, label: () => string, value: NewRow<'guardian'>[K] | null, show: (v: NewRow<'guardian'>[K] | null) => string | null, column: string) => {
        if (value === null || value === undefined) return;
        if (!check(key, value, show(value), column)) return;
        if (value === x[key]) return;
        gpatch[key] = value;
        changes.push({ field: label(), old: show(x[key] ?? null), new: show(value) });
      };
      const col = g.columns;
      if (x.middle_name === null) gfield('middle_name', () => `Отчество ${whose()}`, g.middleName, text, col.name);
      gfield('phone', () => `Телефон ${whose()}`, g.phone, text, col.phone);
      gfield('email', () => `E-mail ${whose()}`, g.email, text, col.email);
      gfield('pd_consent_date', () => `Согласие ${whose()} на обработку ПДн`, g.pdConsentDate, (v) => (v ? ruDate(v) : null), col.consent);
      gfield('e_service_refused', () => `Отказ ${whose()} от электронного дневника`, g.eServiceRefused === null ? null : g.eServiceRefused ? 1 : 0, (v) => yesNo(v ?? null), col.refused);
      if (Object.keys(gpatch).length) guardianPatches.set(x.guardianId, gpatch);
      if (g.relation && fold(g.relation) !== fold(x.relation)) {
        relations.push({ linkId: x.linkId, relation: g.relation });
        changes.push({ field: `Кем приходится ${whoNom}`, old: x.relation, new: g.relation });
      }
    }
    if (!changes.length) {
      unchanged++;
      continue;
    }
    updates.push({
      id: s.id,
      patch,
      classChange: 'class_id' in patch ? { classId } : null,
      relations,
      newGuardians,
      view: { row: d.row, studentId: s.id, name: fullName(s), className: (s.class_id && classNames.get(s.class_id)) || null, changes },
    });
  }
  return {
    errors,
    added,
    updates,
    guardianPatches,
    view: {
      added: added.map((d) => ({ row: d.row, name: [d.lastName, d.firstName, d.middleName].filter(Boolean).join(' '), className: className(d), guardians: d.guardians.length })),
      updated: updates.map((u) => u.view),
      unchanged,
    },
  };
}

/**
 * Writes a plan in the caller's transaction through the Writer (an audit line per changed record,
 * naming only the changed fields). New guardians are shared by the rows that name the same person
 * with the same phone (siblings). Returns the new students and the number of new guardians.
 */
export function applyStudentPlan(ctx: Ctx, w: Writer, plan: StudentPlan, classIds: ReadonlyMap<string, string>) {
  // Issue 9: new students are in their class from today; a changed class is a move dated today.
  const today = todayOf(ctx);
  const students = insertStudents(
    w,
    plan.added.map((d) => ({ ...studentRow(d), class_id: classIds.get(className(d)) ?? null, birth_certificate: null })),
    today,
  );
  for (const u of plan.updates) {
    // A changed class is a move: the old membership closes, and (R4) the old class's subgroups are left ('subgroups.pending' asks where to put the student).
    if (Object.keys(u.patch).length) updateStudent(ctx, w, u.id, u.patch, u.classChange ? { classId: u.classChange.classId, date: today, column: 'Класс' } : undefined);
    for (const r of u.relations) w.update('student_guardian', r.linkId, { relation: r.relation });
  }
  for (const [id, patch] of plan.guardianPatches) w.update('guardian', id, patch);

  const guardians: NewRow<'guardian'>[] = [];
  const guardianKey = new Map<string, number>();
  const links: { student: string; guardian: number; relation: string }[] = [];
  const add = (studentId: string, g: GuardianDraft) => {
    const key = [g.lastName, g.firstName, g.middleName ?? '', g.phone ?? ''].join('|').toLowerCase();
    let gi = guardianKey.get(key);
    if (gi === undefined) {
      gi = guardians.length;
      guardianKey.set(key, gi);
      guardians.push(guardianRow(g));
    }
    links.push({ student: studentId, guardian: gi, relation: g.relation ?? '' });
  };
  plan.added.forEach((d, i) => d.guardians.forEach((g) => add(students[i]!.id, g)));
  for (const u of plan.updates) for (const g of u.newGuardians) add(u.id, g);
  const saved = w.insertMany('guardian', guardians);
  w.insertMany(
    'student_guardian',
    links.map((l) => ({ student_id: l.student, guardian_id: saved[l.guardian]!.id, relation: l.relation })),
  );
  return { students, guardians: saved.length };
}
