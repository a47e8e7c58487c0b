// One read of everything the groups-and-workload services look at: classes of the current year,
// their students, curriculum, divisions, subgroups and members, study groups, assignments, staff.
// A handful of plain queries joined in memory: the whole 5000-student school reads in milliseconds.
import type { Ctx } from '../context';
import type { Row } from '../../../db';
import type { Gender } from '../../../db/schema';
import { fullName } from '../format';
import { sortByName } from './split';
import { genderOfName } from '../../api/declension';
import { className } from '../../api/text';

export interface ClassInfo {
  id: string;
  grade: number;
  letter: string;
  name: string; // «5А»
  class_teacher_id: string | null;
}

export interface StudentInfo {
  id: string;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  gender: Gender | null;
  class_id: string | null;
  deleted: boolean;
}

export interface School {
  yearId: string | null;
  classes: ClassInfo[]; // by grade and letter
  classById: Map<string, ClassInfo>;
  /** Live students of the classes, and anyone still listed in a group. Without `people`: only group members. */
  students: Map<string, StudentInfo>;
  /** Live students by class, alphabetical. Without `people`: empty lists (use classSize). */
  pupilsOf: Map<string, StudentInfo[]>;
  classSize: Map<string, number>;
  subjects: Map<string, Row<'subject'>>;
  /** Curriculum hours by `${classId}:${subjectId}`. */
  plan: Map<string, number>;
  /** Subjects of each class's curriculum, in the subjects' order. */
  subjectsOf: Map<string, string[]>;
  divisions: Row<'class_division'>[];
  divisionOf: Map<string, Row<'class_division'>>; // by `${classId}:${subjectId}`
  divisionsOf: Map<string, Row<'class_division'>[]>; // by class
  subgroupsOf: Map<string, Row<'subgroup'>[]>; // by division, ordered by number
  subgroupById: Map<string, Row<'subgroup'>>;
  /** Memberships in subgroups. Without `people`: none. */
  members: MemberRow[];
  membersOf: Map<string, MemberRow[]>; // by division
  /** Subgroup of a student in a division, by `${divisionId}:${studentId}`. */
  memberOf: Map<string, string>;
  studyGroups: Row<'study_group'>[];
  groupMembers: Map<string, string[]>; // student ids by group
  assignments: AssignmentRow[];
  classAssignments: Map<string, AssignmentRow[]>; // by class (subgroups included)
  staff: Map<string, Row<'staff'>>; // every staff row, removed ones too (for names)
  /** The subjects (ids) each staff member may teach (issue 9: staff_qualification). */
  qualifications: Map<string, Set<string>>;
}

/** Appends to the list under `k`, creating it. */
export function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

export const key = (a: string, b: string) => `${a}:${b}`;

/** Rows as the services read them: without the sync timestamps (less to read for the whole school). */
export type AssignmentRow = Pick<Row<'teaching_assignment'>, 'id' | 'teacher_id' | 'subject_id' | 'class_id' | 'subgroup_id' | 'study_group_id' | 'hours_per_week'>;
export type MemberRow = Pick<Row<'subgroup_member'>, 'id' | 'division_id' | 'subgroup_id' | 'student_id' | 'date_from'>;

/** The current year's id or null (the one definition: ../year.ts). */
export { currentYearOrNull as currentYear } from '../year';
import { currentYearOrNull } from '../year';

/**
 * Reads the school (or, with `classId`, one class and what concerns it) for the groups services.
 * `people: false` skips the students and subgroup memberships, the bulk of a big school, for
 * those who need only their numbers (workload, validation).
 */
export function loadSchool(ctx: Ctx, only?: { classId?: string; people?: boolean }): School {
  const people = only?.people !== false;
  const { db } = ctx;
  const yearId = currentYearOrNull(ctx);
  let cq = db.q.selectFrom('school_class').select(['id', 'grade', 'letter', 'class_teacher_id']).where('deleted_at', 'is', null).where('year_id', '=', yearId ?? '');
  if (only?.classId) cq = cq.where('id', '=', only.classId);
  const classes = db.all(cq.orderBy('grade').orderBy('letter')).map((c) => ({ ...c, name: className(c) }));
  const classIds = new Set(classes.map((c) => c.id));
  const inScope = (classId: string | null) => classId !== null && classIds.has(classId);

  let sq = db.q.selectFrom('student').select(['id', 'last_name', 'first_name', 'middle_name', 'gender', 'class_id']).where('deleted_at', 'is', null);
  if (only?.classId) sq = sq.where('class_id', '=', only.classId);
  const students = new Map<string, StudentInfo>();
  const pupilsOf = new Map<string, StudentInfo[]>(classes.map((c) => [c.id, []]));
  for (const s of people ? db.all(sq) : []) {
    const info = { ...s, deleted: false };
    students.set(s.id, info);
    if (inScope(s.class_id)) pupilsOf.get(s.class_id!)!.push(info);
  }
  for (const list of pupilsOf.values()) sortByName(list);

  const subjects = new Map(db.all(db.q.selectFrom('subject').selectAll()).map((s) => [s.id, s]));
  const plan = new Map<string, number>();
  const subjectsOf = new Map<string, string[]>(classes.map((c) => [c.id, []]));
  for (const ci of db.all(db.q.selectFrom('curriculum_item').select(['class_id', 'subject_id', 'hours_per_week']).where('deleted_at', 'is', null)))
    if (inScope(ci.class_id) && ci.hours_per_week > 0) {
      plan.set(key(ci.class_id, ci.subject_id), ci.hours_per_week);
      subjectsOf.get(ci.class_id)!.push(ci.subject_id);
    }
  const order = (id: string) => subjects.get(id)?.sort_order ?? 0;
  for (const list of subjectsOf.values()) list.sort((a, b) => order(a) - order(b) || (a < b ? -1 : 1));

  const divisions = db.all(db.q.selectFrom('class_division').selectAll().where('deleted_at', 'is', null)).filter((d) => inScope(d.class_id));
  const divisionIds = new Set(divisions.map((d) => d.id));
  const divisionOf = new Map(divisions.map((d) => [key(d.class_id, d.subject_id), d]));
  divisions.sort((a, b) => order(a.subject_id) - order(b.subject_id) || (a.subject_id < b.subject_id ? -1 : 1));
  const divisionsOf = new Map<string, Row<'class_division'>[]>();
  for (const d of divisions) push(divisionsOf, d.class_id, d);
  const subgroups = db.all(db.q.selectFrom('subgroup').selectAll().where('deleted_at', 'is', null).orderBy('number')).filter((g) => divisionIds.has(g.division_id));
  const subgroupsOf = new Map<string, Row<'subgroup'>[]>(divisions.map((d) => [d.id, []]));
  for (const g of subgroups) subgroupsOf.get(g.division_id)!.push(g);
  const classSize = new Map(
    db
      .all(db.q.selectFrom('student').select((eb) => ['class_id', eb.fn.countAll<number>().as('n')]).where('deleted_at', 'is', null).groupBy('class_id'))
      .map((r) => [r.class_id ?? '', r.n]),
  );
  let mq = db.q.selectFrom('subgroup_member').select(['id', 'division_id', 'subgroup_id', 'student_id', 'date_from']).where('deleted_at', 'is', null).where('date_to', 'is', null);
  if (only?.classId) mq = mq.where('division_id', 'in', [...divisionIds, '']);
  const members = people ? db.all(mq).filter((m) => divisionIds.has(m.division_id)) : [];
  const memberOf = new Map(members.map((m) => [key(m.division_id, m.student_id), m.subgroup_id]));
  const membersOf = new Map<string, MemberRow[]>();
  for (const m of members) push(membersOf, m.division_id, m);

  const studyGroups = only?.classId ? [] : db.all(db.q.selectFrom('study_group').selectAll().where('deleted_at', 'is', null).where('year_id', '=', yearId ?? '').orderBy('name'));
  const groupIds = new Set(studyGroups.map((g) => g.id));
  const groupMembers = new Map<string, string[]>(studyGroups.map((g) => [g.id, []]));
  const groupMemberRows = only?.classId ? [] : db.all(db.q.selectFrom('study_group_member').select(['group_id', 'student_id']).where('deleted_at', 'is', null).where('date_to', 'is', null));
  for (const m of groupMemberRows) if (groupIds.has(m.group_id)) groupMembers.get(m.group_id)!.push(m.student_id);

  // Members who are not live students of the classes read (moved away, left the school): for names.
  const missing = new Set<string>();
  for (const m of members) if (!students.has(m.student_id)) missing.add(m.student_id);
  for (const list of groupMembers.values()) for (const id of list) if (!students.has(id)) missing.add(id);
  const ids = [...missing];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = db.all(db.q.selectFrom('student').select(['id', 'last_name', 'first_name', 'middle_name', 'gender', 'class_id', 'deleted_at']).where('id', 'in', ids.slice(i, i + 500)));
    for (const { deleted_at, ...s } of rows) students.set(s.id, { ...s, deleted: deleted_at !== null });
  }

  const assignments = db
    .all(
      db.q
        .selectFrom('teaching_assignment')
        .select(['id', 'teacher_id', 'subject_id', 'class_id', 'subgroup_id', 'study_group_id', 'hours_per_week'])
        .where('deleted_at', 'is', null),
    )
    .filter((a) => (a.class_id !== null ? inScope(a.class_id) : groupIds.has(a.study_group_id ?? '')));
  const classAssignments = new Map<string, AssignmentRow[]>();
  for (const a of assignments) if (a.class_id) push(classAssignments, a.class_id, a);
  const staff = new Map(db.all(db.q.selectFrom('staff').selectAll()).map((s) => [s.id, s]));
  const qualifications = new Map<string, Set<string>>();
  for (const q of db.all(db.q.selectFrom('staff_qualification').select(['staff_id', 'subject_id']).where('deleted_at', 'is', null)))
    (qualifications.get(q.staff_id) ?? qualifications.set(q.staff_id, new Set()).get(q.staff_id)!).add(q.subject_id);
  return {
    yearId,
    classes,
    classById: new Map(classes.map((c) => [c.id, c])),
    students,
    pupilsOf,
    classSize,
    subjects,
    plan,
    subjectsOf,
    divisions,
    divisionOf,
    divisionsOf,
    subgroupsOf,
    subgroupById: new Map(subgroups.map((g) => [g.id, g])),
    members,
    membersOf,
    memberOf,
    studyGroups,
    groupMembers,
    assignments,
    classAssignments,
    staff,
    qualifications,
  };
}

export const personName = (p: { last_name: string; first_name: string; middle_name: string | null }) => fullName(p);

/** A person's gender: from the card, else as the name and patronymic show it (lvovich); null when neither tells. */
export const genderOf = (p: { last_name: string; first_name: string; middle_name: string | null; gender?: Gender | null }): Gender | null =>
  p.gender ?? genderOfName({ lastName: p.last_name, firstName: p.first_name, middleName: p.middle_name });

/** «А. И. Петрова»: initials before the surname, as under a signature. */
export function initialsName(p: { last_name: string; first_name: string; middle_name: string | null }): string {
  const i = [p.first_name, p.middle_name].filter(Boolean).map((n) => `${n!.slice(0, 1)}.`).join(' ');
  return `${i} ${p.last_name}`;
}

export const subjectName = (s: School, id: string) => s.subjects.get(id)?.name ?? '?';

/** Russian order of texts (a collator made once: localeCompare makes one on every call). */
export const collate = new Intl.Collator('ru').compare;
