// Subgroups, study groups and the тарификация of the demo school (R3, R4): classes divided by the
// school's usual rule (languages and informatics from 25 pupils, technology from grade 5 into boys
// and girls), three study groups across classes, and a teacher for every curriculum hour — by the
// same pure algorithms the app uses.
import type { NewRow } from '../../db/schema';
import { divide, subgroupNames } from '../core/groups/split';
import { DEFAULT_MAX_TEACHER_HOURS, defaultRuleItems, ruleFor, type Rule } from '../core/groups/policy';
import { planTeachers, type PlanTask, type PlanTeacher } from '../core/workload/planner';
import type { SubjectKey } from './curriculum';
import type { Prng } from './prng';
import type { ClassInfo, IdSource, WithId } from './types';

export interface GroupsPlan {
  divisions: WithId<NewRow<'class_division'>>[];
  subgroups: WithId<NewRow<'subgroup'>>[];
  subgroupMembers: WithId<NewRow<'subgroup_member'>>[];
  studyGroups: WithId<NewRow<'study_group'>>[];
  studyGroupMembers: WithId<NewRow<'study_group_member'>>[];
  assignments: WithId<NewRow<'teaching_assignment'>>[];
}

export interface GroupsContext {
  rng: Prng;
  ids: IdSource;
  yearId: string;
  /** The year's first day: the demo's memberships begin on it. */
  yearStartDate: string;
  classes: readonly ClassInfo[];
  subjects: readonly WithId<NewRow<'subject'>>[];
  subjectId: ReadonlyMap<SubjectKey, string>;
  staff: readonly WithId<NewRow<'staff'>>[];
  /** The subjects each staff member may teach. */
  qualified: ReadonlyMap<string, readonly SubjectKey[]>;
  classTeacher: ReadonlyMap<string, string>;
  students: readonly WithId<NewRow<'student'>>[];
}

/** Study groups across classes: [kind, name, subject, hours, grades the members come from, how many]. */
const STUDY_GROUPS = [
  ['remedial', 'Русский язык: коррекция знаний, 5 классы', 'rus', 1, [5], 10],
  ['elective', 'Практикум по решению задач по алгебре', 'alg', 1, [9], 15],
  ['profile', 'Программирование (профильная группа, 10 классы)', 'inf', 2, [10], 12],
] as const;

export function planGroups(ctx: GroupsContext): GroupsPlan {
  const { ids, rng } = ctx;
  const out: GroupsPlan = { divisions: [], subgroups: [], subgroupMembers: [], studyGroups: [], studyGroupMembers: [], assignments: [] };
  const rule: Rule = { items: defaultRuleItems(ctx.subjects), maxTeacherHours: DEFAULT_MAX_TEACHER_HOURS, teachingNormHours: 18 };
  const pupilsOf = new Map<string, WithId<NewRow<'student'>>[]>(ctx.classes.map((c) => [c.id, []]));
  for (const s of ctx.students) pupilsOf.get(s.class_id ?? '')?.push(s);

  // Divisions by the rule, and what each part needs taught.
  const tasks: PlanTask[] = [];
  const taskTarget = new Map<string, Pick<NewRow<'teaching_assignment'>, 'class_id' | 'subgroup_id' | 'study_group_id'>>();
  for (const c of ctx.classes) {
    const pupils = pupilsOf.get(c.id) ?? [];
    for (const [key, hours] of c.plan) {
      const subjectId = ctx.subjectId.get(key)!;
      const r = ruleFor(rule, subjectId, c.grade, pupils.length);
      if (!r || pupils.length < r.parts) {
        tasks.push({ id: ids.next(), classId: c.id, grade: c.grade, subjectId, divisionId: null, hours });
        taskTarget.set(tasks[tasks.length - 1]!.id, { class_id: c.id, subgroup_id: null, study_group_id: null });
        continue;
      }
      const division = { id: ids.next(), class_id: c.id, subject_id: subjectId, method: r.by };
      out.divisions.push(division);
      const names = subgroupNames(r.by, r.parts);
      const groups = names.map((name, i) => ({ id: ids.next(), division_id: division.id, number: i + 1, name }));
      out.subgroups.push(...groups);
      for (const [studentId, n] of divide(pupils, r.parts, r.by))
        out.subgroupMembers.push({ id: ids.next(), division_id: division.id, subgroup_id: groups[n - 1]!.id, student_id: studentId, date_from: ctx.yearStartDate, date_to: null });
      for (const g of groups) {
        const gender = g.name === 'Мальчики' ? 'm' : g.name === 'Девочки' ? 'f' : null;
        tasks.push({ id: ids.next(), classId: c.id, grade: c.grade, subjectId, divisionId: division.id, hours, gender });
        taskTarget.set(tasks[tasks.length - 1]!.id, { class_id: c.id, subgroup_id: g.id, study_group_id: null });
      }
    }
  }

  // Study groups: pupils of the given grades drawn at random, each group taught like a class.
  for (const [kind, name, key, hours, grades, size] of STUDY_GROUPS) {
    const pool = ctx.classes.filter((c) => (grades as readonly number[]).includes(c.grade)).flatMap((c) => pupilsOf.get(c.id) ?? []);
    if (!pool.length) continue;
    const group = { id: ids.next(), year_id: ctx.yearId, name, subject_id: ctx.subjectId.get(key)!, kind, hours_per_week: hours };
    out.studyGroups.push(group);
    for (const s of rng.shuffle([...pool]).slice(0, size)) out.studyGroupMembers.push({ id: ids.next(), group_id: group.id, student_id: s.id, date_from: ctx.yearStartDate, date_to: null });
    tasks.push({ id: ids.next(), classId: null, grade: 0, subjectId: group.subject_id, divisionId: null, hours });
    taskTarget.set(tasks[tasks.length - 1]!.id, { class_id: null, subgroup_id: null, study_group_id: group.id });
  }

  // Teachers: those whose main post is teaching, qualified by the subjects on their card.
  const people = new Map<string, PlanTeacher>();
  for (const s of ctx.staff) {
    const subjects = new Set((ctx.qualified.get(s.id) ?? []).map((k) => ctx.subjectId.get(k)).filter((x): x is string => !!x));
    people.set(s.id, { id: s.id, subjects, load: 0, gender: s.gender });
  }
  const teachers = ctx.staff.filter((s) => JSON.stringify(JSON.parse(s.roles)) === '["teacher"]').map((s) => people.get(s.id)!);
  const classTeacher = new Map<string, PlanTeacher>();
  for (const [classId, staffId] of ctx.classTeacher) classTeacher.set(classId, people.get(staffId)!);
  const talks = ctx.subjectId.get('talks');
  const chosen = planTeachers({
    tasks,
    teachers,
    maxHours: rule.maxTeacherHours,
    classTeacher,
    isTalks: (subjectId) => subjectId === talks,
  });
  for (const t of tasks) {
    const teacherId = chosen.get(t.id);
    if (!teacherId) throw new Error(`No teacher for subject ${t.subjectId}`);
    out.assignments.push({ id: t.id, teacher_id: teacherId, subject_id: t.subjectId, ...taskTarget.get(t.id)!, hours_per_week: t.hours });
  }
  return out;
}
