// The reads of academic debts (issue 15 point 2): the year's debts with the student's class of that
// year, the unsatisfactory attestation marks without a debt, the class and the attested subjects a
// debt is recorded against, the staff of a commission.
import { sql } from 'kysely';
import type { Ctx } from '../../context';
import type { Row } from '../../../../db';
import type { MarkValue } from '../../../api/enums';
import { notFound } from '../../../api/errors';
import { currentYearId } from '../../year';
import { className } from '../../../api/text';
import { fullName } from '../../format';

/** Attestation marks that make a debt (shared semantics 1). */
export const DEBT_MARKS: readonly MarkValue[] = ['2', '1', 'fail', 'na'];

export interface ClassOfYear {
  id: string;
  grade: number;
  letter: string;
  name: string;
  class_teacher_id: string | null;
}

export function yearRow(ctx: Ctx, yearId: string | null | undefined): Row<'academic_year'> {
  const { db } = ctx;
  const id = yearId ?? currentYearId(ctx);
  const y = db.first(db.q.selectFrom('academic_year').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
  if (!y) throw notFound('Учебный год');
  return y;
}

export function yearsList(ctx: Ctx): { id: string; name: string }[] {
  const { db } = ctx;
  return db.all(db.q.selectFrom('academic_year').select(['id', 'name']).where('deleted_at', 'is', null).orderBy('start_date', 'desc'));
}

export function classesOfYear(ctx: Ctx, yearId: string): ClassOfYear[] {
  const { db } = ctx;
  return db
    .all(db.q.selectFrom('school_class').select(['id', 'grade', 'letter', 'class_teacher_id']).where('year_id', '=', yearId).where('deleted_at', 'is', null).orderBy('grade').orderBy('letter'))
    .map((c) => ({ ...c, name: className(c) }));
}

/** The student's class in a year: the membership in one of its classes that started last (the one at the year's end). */
const CLASS_IN_YEAR = (student: string, year: string) =>
  sql<string | null>`(select m.class_id from class_membership m join school_class c on c.id = m.class_id
    where m.student_id = ${sql.ref(student)} and c.year_id = ${sql.ref(year)} and m.deleted_at is null and c.deleted_at is null
    order by m.date_from desc, m.created_at desc limit 1)`;

export function classOfStudent(ctx: Ctx, studentId: string, yearId: string): string | null {
  const { db } = ctx;
  const r = db.first(
    db.q
      .selectFrom('student as s')
      .select(CLASS_IN_YEAR('s.id', 'y.id').as('class_id'))
      .innerJoin('academic_year as y', (j) => j.on('y.id', '=', yearId))
      .where('s.id', '=', studentId)
      .where('s.deleted_at', 'is', null),
  );
  return r?.class_id ?? null;
}

export interface DebtRecordRow extends Row<'academic_debt'> {
  last_name: string;
  first_name: string;
  middle_name: string | null;
  subject_name: string;
  sort_order: number;
  class_id: string | null;
}

/** The live debts of a year (or one debt), with the student's name, the subject and the class of that year. */
export function debtRecords(ctx: Ctx, yearId: string, only?: { id?: string; ids?: readonly string[] }): DebtRecordRow[] {
  const { db } = ctx;
  let q = db.q
    .selectFrom('academic_debt as d')
    .innerJoin('student as s', 's.id', 'd.student_id')
    .innerJoin('subject as sub', 'sub.id', 'd.subject_id')
    .selectAll('d')
    .select(['s.last_name', 's.first_name', 's.middle_name', 'sub.name as subject_name', 'sub.sort_order', CLASS_IN_YEAR('d.student_id', 'd.year_id').as('class_id')])
    .where('d.deleted_at', 'is', null)
    .where('d.year_id', '=', yearId);
  if (only?.id) q = q.where('d.id', '=', only.id);
  return db.all(q);
}

/** A live debt or «Задолженность не найдена». */
export function debtRow(ctx: Ctx, id: string): Row<'academic_debt'> {
  const { db } = ctx;
  const d = db.first(db.q.selectFrom('academic_debt').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
  if (!d) throw notFound('Академическая задолженность');
  return d;
}

/** A live debt of the student in the subject and year. */
export function liveDebt(ctx: Ctx, studentId: string, subjectId: string, yearId: string): string | null {
  const { db } = ctx;
  return (
    db.first(
      db.q
        .selectFrom('academic_debt')
        .select('id')
        .where('student_id', '=', studentId)
        .where('subject_id', '=', subjectId)
        .where('year_id', '=', yearId)
        .where('deleted_at', 'is', null),
    )?.id ?? null
  );
}

/** The attested subjects of a class (shared semantics 1): curriculum hours > 0, with attestation and marks. */
export function attestedSubjects(ctx: Ctx, classId: string): Map<string, string> {
  const { db } = ctx;
  const rows = db.all(
    db.q
      .selectFrom('curriculum_item as ci')
      .innerJoin('subject as s', 's.id', 'ci.subject_id')
      .select(['s.id', 's.name'])
      .where('ci.class_id', '=', classId)
      .where('ci.deleted_at', 'is', null)
      .where('s.deleted_at', 'is', null)
      .where('ci.hours_per_week', '>', 0)
      .where('s.no_attestation', '=', 0)
      .where('s.grading', '<>', 'none'),
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface CandidateRecord {
  student_id: string;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  class_id: string;
  subject_id: string;
  subject_name: string;
  sort_order: number;
  value: MarkValue;
}

/**
 * The year's unsatisfactory attestation marks (the latest entered row of a student and subject
 * counts) of students in the year's classes, in attested subjects of their class, without a live debt.
 */
export function candidateRecords(ctx: Ctx, yearId: string): CandidateRecord[] {
  const { db } = ctx;
  const marks = sql.join(DEBT_MARKS.map((m) => sql`${m}`));
  const rows = sql<CandidateRecord>`
    with latest as (
      select pm.student_id, pm.subject_id, pm.value,
        row_number() over (partition by pm.student_id, pm.subject_id order by pm.entered_at desc, pm.id desc) as n
      from period_mark pm
      where pm.year_id = ${yearId} and pm.period_id is null and pm.attestation = 1 and pm.deleted_at is null
    ), placed as (
      select l.student_id, l.subject_id, l.value, ${CLASS_IN_YEAR('l.student_id', 'y.id')} as class_id
      from latest l join academic_year y on y.id = ${yearId}
      where l.n = 1 and l.value in (${marks})
    )
    select p.student_id, s.last_name, s.first_name, s.middle_name, p.class_id, p.subject_id, sub.name as subject_name, sub.sort_order, p.value
    from placed p
    join student s on s.id = p.student_id and s.deleted_at is null
    join subject sub on sub.id = p.subject_id and sub.deleted_at is null and sub.no_attestation = 0 and sub.grading <> 'none'
    join school_class c on c.id = p.class_id and c.grade > 1
    where exists (select 1 from curriculum_item ci where ci.class_id = p.class_id and ci.subject_id = p.subject_id and ci.deleted_at is null and ci.hours_per_week > 0)
      and not exists (select 1 from academic_debt d where d.student_id = p.student_id and d.subject_id = p.subject_id and d.year_id = ${yearId} and d.deleted_at is null)`;
  const c = rows.compile(db.q);
  return db.raw.prepare(c.sql).all(...(c.parameters as unknown[])) as CandidateRecord[];
}

/** Live staff cards by id: «Фамилия Имя Отчество». */
export function staffNames(ctx: Ctx, ids: readonly string[]): Map<string, string> {
  const { db } = ctx;
  if (!ids.length) return new Map();
  const rows = db.all(db.q.selectFrom('staff').select(['id', 'last_name', 'first_name', 'middle_name']).where('id', 'in', [...new Set(ids)]).where('deleted_at', 'is', null));
  return new Map(rows.map((r) => [r.id, fullName(r)]));
}

export function staffList(ctx: Ctx): { id: string; name: string; position: string }[] {
  const { db } = ctx;
  return db
    .all(db.q.selectFrom('staff').select(['id', 'last_name', 'first_name', 'middle_name', 'position']).where('deleted_at', 'is', null))
    .map((r) => ({ id: r.id, name: fullName(r), position: r.position }))
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
}

export function subjectsList(ctx: Ctx): { id: string; name: string }[] {
  const { db } = ctx;
  return db.all(db.q.selectFrom('subject').select(['id', 'name']).where('deleted_at', 'is', null).orderBy('sort_order').orderBy('name'));
}

export function studentNames(ctx: Ctx, ids: readonly string[]): Map<string, { name: string }> {
  const { db } = ctx;
  const out = new Map<string, { name: string }>();
  const list = [...new Set(ids)];
  for (let k = 0; k < list.length; k += 500)
    for (const r of db.all(db.q.selectFrom('student').select(['id', 'last_name', 'first_name', 'middle_name']).where('id', 'in', list.slice(k, k + 500)).where('deleted_at', 'is', null)))
      out.set(r.id, { name: fullName(r) });
  return out;
}

/** Staff by id with the name parts (a signature line takes the initials). */
export function staffPeople(ctx: Ctx, ids: readonly string[]): Map<string, { last_name: string; first_name: string; middle_name: string | null }> {
  const { db } = ctx;
  if (!ids.length) return new Map();
  const rows = db.all(db.q.selectFrom('staff').select(['id', 'last_name', 'first_name', 'middle_name']).where('id', 'in', [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The teachers of a subject in a class (workload assignments of the class or its subgroups). */
export function subjectTeachers(ctx: Ctx, classId: string, subjectId: string): string[] {
  const { db } = ctx;
  return db
    .all(
      db.q
        .selectFrom('teaching_assignment as a')
        .innerJoin('staff as s', 's.id', 'a.teacher_id')
        .select(['s.id', 's.last_name', 's.first_name', 's.middle_name'])
        .distinct()
        .where('a.class_id', '=', classId)
        .where('a.subject_id', '=', subjectId)
        .where('a.deleted_at', 'is', null)
        .where('s.deleted_at', 'is', null),
    )
    .map((r) => fullName(r));
}
