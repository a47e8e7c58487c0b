// Teaching assignments (R3, тарификация): who teaches a class, a subgroup or a study group, which
// subject, how many hours a week; bulk assignment from the curriculum.
import type { Ctx } from '../context';
import type { OpParsed } from '../../api/contract';
import type { Assignment, FromCurriculumResult } from '../../api/types';
import type { NewRow, Row } from '../../../db';
import { invalid, notFound } from '../../api/errors';
import { act } from '../tx';
import { parseJsonArray } from '../format';
import { initialsName, key, loadSchool, personName, subjectName, type School, type AssignmentRow, collate } from '../groups/load';
import { readRule } from '../groups/rule';
import { planTeachers, type PlanTask, type PlanTeacher } from './planner';
import { ownParallels, parallelFilter, requireParallels, requireStudentsParallels } from '../auth/parallels';
import { ruKey } from '../../api/text';

/**
 * R8: a deputy director changes the assignments of the classes (subgroups) of their parallels, and
 * of the study groups whose students all are of their parallels.
 */
function requireTargetParallels(ctx: Ctx, school: School, a: Pick<AssignmentRow, 'class_id' | 'study_group_id'>): void {
  if (!ownParallels(ctx)) return;
  if (a.class_id) {
    const c = school.classById.get(a.class_id);
    if (c) requireParallels(ctx, [c]);
  } else if (a.study_group_id) {
    const g = school.studyGroups.find((x) => x.id === a.study_group_id);
    requireStudentsParallels(ctx, school.groupMembers.get(a.study_group_id) ?? [], g?.name ?? '');
  }
}

const fold = ruKey;
export const fmtHours = (h: number) => String(Math.round(h * 100) / 100).replace('.', ',');

/** «Разговоры о важном» is the class teacher's hour in every class. */
export const isTalks = (name: string) => /^разговоры о важном/.test(fold(name));

const ADMIN_ROLES = ['director', 'deputy', 'sysadmin', 'secretary'];
/** Staff whose main post is teaching: automatic assignment picks only them. */
export function isTeacherPost(s: Row<'staff'>): boolean {
  const roles = parseJsonArray<string>(s.roles);
  return roles.includes('teacher') && !roles.some((r) => ADMIN_ROLES.includes(r));
}

/** Subject ids a staff member may teach (issue 9: by id, staff_qualification; live subjects only). */
export function qualifiedSubjects(school: School, s: Pick<Row<'staff'>, 'id'>): Set<string> {
  return new Set([...(school.qualifications.get(s.id) ?? [])].filter((id) => school.subjects.get(id) && !school.subjects.get(id)!.deleted_at));
}

export function assignmentLabel(school: School, a: AssignmentRow): string {
  if (a.study_group_id) return `учебная группа «${school.studyGroups.find((g) => g.id === a.study_group_id)?.name ?? '?'}»`;
  const c = school.classById.get(a.class_id ?? '')?.name ?? '?';
  return a.subgroup_id ? `${c}, ${school.subgroupById.get(a.subgroup_id)?.name ?? '?'}` : c;
}

export function assignmentView(school: School, a: AssignmentRow): Assignment {
  const t = school.staff.get(a.teacher_id);
  return {
    id: a.id,
    teacherId: a.teacher_id,
    teacherName: t ? personName(t) : '?',
    subjectId: a.subject_id,
    subjectName: subjectName(school, a.subject_id),
    target: a.study_group_id ? 'group' : a.subgroup_id ? 'subgroup' : 'class',
    classId: a.class_id,
    className: a.class_id ? (school.classById.get(a.class_id)?.name ?? null) : null,
    subgroupId: a.subgroup_id,
    subgroupName: a.subgroup_id ? (school.subgroupById.get(a.subgroup_id)?.name ?? null) : null,
    studyGroupId: a.study_group_id,
    studyGroupName: a.study_group_id ? (school.studyGroups.find((g) => g.id === a.study_group_id)?.name ?? null) : null,
    label: assignmentLabel(school, a),
    hoursPerWeek: a.hours_per_week,
  };
}

/** Assignments in the order of the тарификация: teacher, class, subject. */
export function sortedAssignments(school: School, rows: readonly AssignmentRow[]): Assignment[] {
  const order = new Map(school.classes.map((c, i) => [c.id, i]));
  const subjectOrder = (id: string) => school.subjects.get(id)?.sort_order ?? 0;
  return rows
    .map((a) => ({ a, v: assignmentView(school, a) }))
    .sort(
      (x, y) =>
        collate(x.v.teacherName, y.v.teacherName) ||
        (order.get(x.a.class_id ?? '') ?? 1e6) - (order.get(y.a.class_id ?? '') ?? 1e6) ||
        subjectOrder(x.a.subject_id) - subjectOrder(y.a.subject_id) ||
        collate(x.v.label, y.v.label),
    )
    .map((x) => x.v);
}

export function listAssignments(ctx: Ctx, f: OpParsed<'assignments.list'>): Assignment[] {
  const school = loadSchool(ctx, { people: false });
  return sortedAssignments(
    school,
    school.assignments.filter(
      (a) => (!f.teacherId || a.teacher_id === f.teacherId) && (!f.classId || a.class_id === f.classId) && (!f.studyGroupId || a.study_group_id === f.studyGroupId),
    ),
  );
}

export function saveAssignment(ctx: Ctx, i: OpParsed<'assignments.save'>): Assignment {
  const school = loadSchool(ctx);
  const teacher = school.staff.get(i.teacherId);
  if (!teacher || teacher.deleted_at) throw notFound('Сотрудник');
  let target: Pick<NewRow<'teaching_assignment'>, 'subject_id' | 'class_id' | 'subgroup_id' | 'study_group_id'>;
  if (i.studyGroupId) {
    const g = school.studyGroups.find((x) => x.id === i.studyGroupId);
    if (!g) throw notFound('Учебная группа');
    if (i.classId || i.subgroupId) throw invalid('Укажите либо учебную группу, либо класс (подгруппу), но не то и другое.');
    if (i.subjectId && i.subjectId !== g.subject_id) throw invalid(`Предмет должен совпадать с предметом группы «${g.name}» — «${subjectName(school, g.subject_id)}».`);
    target = { subject_id: g.subject_id, class_id: null, subgroup_id: null, study_group_id: g.id };
  } else if (i.subgroupId) {
    const g = school.subgroupById.get(i.subgroupId);
    const d = g && school.divisions.find((x) => x.id === g.division_id);
    if (!g || !d) throw notFound('Подгруппа');
    if ((i.classId && i.classId !== d.class_id) || (i.subjectId && i.subjectId !== d.subject_id))
      throw invalid(`Подгруппа «${g.name}» — это ${school.classById.get(d.class_id)?.name}, «${subjectName(school, d.subject_id)}»: класс и предмет должны совпадать.`);
    target = { subject_id: d.subject_id, class_id: d.class_id, subgroup_id: g.id, study_group_id: null };
  } else {
    if (!i.classId || !i.subjectId) throw invalid('Укажите класс и предмет (или подгруппу, или учебную группу).');
    if (!school.classById.has(i.classId)) throw notFound('Класс');
    const s = school.subjects.get(i.subjectId);
    if (!s || s.deleted_at) throw notFound('Предмет');
    target = { subject_id: i.subjectId, class_id: i.classId, subgroup_id: null, study_group_id: null };
  }
  const old = i.id ? school.assignments.find((a) => a.id === i.id) : undefined;
  if (i.id && !old) throw notFound('Назначение');
  requireTargetParallels(ctx, school, target);
  if (old) requireTargetParallels(ctx, school, old);
  const twin = school.assignments.find(
    (a) =>
      a.id !== i.id && a.teacher_id === i.teacherId && a.subject_id === target.subject_id && a.class_id === target.class_id &&
      a.subgroup_id === target.subgroup_id && a.study_group_id === target.study_group_id,
  );
  if (twin) {
    const label = assignmentLabel(school, twin);
    throw invalid(`${initialsName(teacher)} уже ведёт «${subjectName(school, target.subject_id)}» (${label}, ${fmtHours(twin.hours_per_week)} ч) — измените часы в этой строке.`);
  }
  const row = { teacher_id: i.teacherId, ...target, hours_per_week: i.hoursPerWeek };
  const id = act(ctx, (w) => (old ? w.update('teaching_assignment', old.id, row).id : w.insert('teaching_assignment', row).id));
  const after = loadSchool(ctx);
  return assignmentView(after, after.assignments.find((a) => a.id === id)!);
}

export function removeAssignment(ctx: Ctx, id: string): void {
  const { db } = ctx;
  act(ctx, (w) => {
    const a = db.first(db.q.selectFrom('teaching_assignment').select(['id', 'class_id', 'study_group_id']).where('id', '=', id).where('deleted_at', 'is', null));
    if (!a) throw notFound('Назначение');
    if (ownParallels(ctx)) requireTargetParallels(ctx, loadSchool(ctx, { people: false }), a);
    w.remove('teaching_assignment', id);
  });
}

/**
 * What is still to be assigned: every curriculum hour of every class (or subgroup) and study group
 * without a teacher. `mine`: only the classes of these parallels, and the study groups whose
 * students all are of them (a deputy's whole-school action).
 */
export function openTasks(school: School, classId?: string | null, ownGrade: (grade: number) => boolean = () => true): (PlanTask & { label: string })[] {
  const tasks: (PlanTask & { label: string })[] = [];
  const ownStudent = (id: string) => {
    const c = school.classById.get(school.students.get(id)?.class_id ?? '');
    return !c || ownGrade(c.grade); // a student without a class binds the group to no parallel
  };
  for (const c of school.classes) {
    if ((classId && c.id !== classId) || !ownGrade(c.grade)) continue;
    const mine = school.classAssignments.get(c.id) ?? [];
    for (const subjectId of school.subjectsOf.get(c.id) ?? []) {
      const plan = school.plan.get(key(c.id, subjectId))!;
      const together = mine.filter((a) => a.subject_id === subjectId && a.subgroup_id === null).reduce((s, a) => s + a.hours_per_week, 0);
      const d = school.divisionOf.get(key(c.id, subjectId));
      if (!d) {
        if (plan - together > 0) tasks.push({ id: key(c.id, subjectId), classId: c.id, grade: c.grade, subjectId, divisionId: null, hours: plan - together, label: c.name });
        continue;
      }
      for (const g of school.subgroupsOf.get(d.id) ?? []) {
        const own = mine.filter((a) => a.subgroup_id === g.id).reduce((s, a) => s + a.hours_per_week, 0);
        const left = plan - together - own;
        const gender = g.name === 'Мальчики' ? 'm' : g.name === 'Девочки' ? 'f' : null;
        if (left > 0) tasks.push({ id: `${key(c.id, subjectId)}:${g.id}`, classId: c.id, grade: c.grade, subjectId, divisionId: d.id, hours: left, gender, label: `${c.name}, ${g.name}` });
      }
    }
  }
  if (!classId)
    for (const g of school.studyGroups) {
      if (!(school.groupMembers.get(g.id) ?? []).every(ownStudent)) continue;
      const has = school.assignments.filter((a) => a.study_group_id === g.id).reduce((s, a) => s + a.hours_per_week, 0);
      if (g.hours_per_week - has > 0)
        tasks.push({ id: `group:${g.id}`, classId: null, grade: 0, subjectId: g.subject_id, divisionId: null, hours: g.hours_per_week - has, label: `учебная группа «${g.name}»` });
    }
  return tasks;
}

/** Gives every open curriculum hour to a qualified teacher (see planTeachers), in one transaction. */
export function fromCurriculum(ctx: Ctx, classId?: string | null): FromCurriculumResult {
  const school = loadSchool(ctx, { people: false });
  if (classId && !school.classById.has(classId)) throw notFound('Класс');
  if (classId) requireParallels(ctx, [school.classById.get(classId)!]);
  const mine = parallelFilter(ctx);
  const rule = readRule(ctx);
  const load = new Map<string, number>();
  for (const a of school.assignments) load.set(a.teacher_id, (load.get(a.teacher_id) ?? 0) + a.hours_per_week);
  const people = new Map<string, PlanTeacher>();
  const person = (s: Row<'staff'>) =>
    people.get(s.id) ?? people.set(s.id, { id: s.id, subjects: qualifiedSubjects(school, s), load: load.get(s.id) ?? 0, gender: s.gender }).get(s.id)!;
  const staff = [...school.staff.values()].filter((s) => !s.deleted_at).sort((a, b) => collate(personName(a), personName(b)));
  const teachers = staff.filter(isTeacherPost).map(person);
  const classTeacher = new Map<string, PlanTeacher>();
  for (const c of school.classes) {
    const t = c.class_teacher_id ? school.staff.get(c.class_teacher_id) : undefined;
    if (t && !t.deleted_at) classTeacher.set(c.id, person(t));
  }
  const teachesClass = new Map<string, Set<string>>();
  const teachesDivision = new Map<string, Set<string>>();
  for (const a of school.assignments) {
    if (a.class_id) (teachesClass.get(a.class_id) ?? teachesClass.set(a.class_id, new Set()).get(a.class_id)!).add(a.teacher_id);
    const g = a.subgroup_id ? school.subgroupById.get(a.subgroup_id) : undefined;
    if (g) (teachesDivision.get(g.division_id) ?? teachesDivision.set(g.division_id, new Set()).get(g.division_id)!).add(a.teacher_id);
  }
  const tasks = openTasks(school, classId, mine);
  const chosen = planTeachers({
    tasks,
    teachers,
    maxHours: rule.maxTeacherHours,
    classTeacher,
    isTalks: (subjectId) => isTalks(subjectName(school, subjectId)),
    teachesClass,
    teachesDivision,
  });
  const rows: NewRow<'teaching_assignment'>[] = [];
  const unassigned: FromCurriculumResult['unassigned'] = [];
  for (const t of tasks) {
    const teacherId = chosen.get(t.id);
    if (!teacherId) {
      unassigned.push({ label: t.label, subjectName: subjectName(school, t.subjectId), hours: t.hours });
      continue;
    }
    const [, , subgroupId] = t.id.split(':');
    rows.push({
      teacher_id: teacherId,
      subject_id: t.subjectId,
      class_id: t.classId,
      subgroup_id: t.classId && subgroupId ? subgroupId : null,
      study_group_id: t.classId ? null : t.id.slice('group:'.length),
      hours_per_week: t.hours,
    });
  }
  // A teacher who already has a row for the same target gets the hours added to it.
  const existing = new Map(
    school.assignments.map((a) => [[a.teacher_id, a.subject_id, a.class_id ?? '', a.subgroup_id ?? '', a.study_group_id ?? ''].join('|'), a]),
  );
  act(ctx, (w) => {
    const fresh: NewRow<'teaching_assignment'>[] = [];
    for (const r of rows) {
      const twin = existing.get([r.teacher_id, r.subject_id, r.class_id ?? '', r.subgroup_id ?? '', r.study_group_id ?? ''].join('|'));
      if (twin) w.update('teaching_assignment', twin.id, { hours_per_week: twin.hours_per_week + r.hours_per_week });
      else fresh.push(r);
    }
    w.insertMany('teaching_assignment', fresh);
  });
  return { created: rows.length, hours: rows.reduce((s, r) => s + r.hours_per_week, 0), unassigned };
}
