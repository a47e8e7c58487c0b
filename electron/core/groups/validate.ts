// 'setup.validate': every problem of subgroups, study groups and teaching assignments, each with a
// code and a self-contained Russian message (R3, R4).
import type { Ctx } from '../context';
import type { ProblemCode, SetupProblem, ValidationResult } from '../../api/types';
import { initialsName, key, loadSchool, personName, subjectName, type School } from './load';
import { readRule, ruleFor, type Rule } from './rule';
import { assignmentsByClass, classCover, same } from '../workload/coverage';
import { assignmentLabel, fmtHours, isTalks, qualifiedSubjects } from '../workload/assignments';
import { parseJsonArray } from '../format';

const ERRORS: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  'student_not_in_subgroup', 'member_not_in_class', 'subgroup_no_teacher', 'class_no_teacher', 'hours_short', 'hours_excess',
  'group_no_teacher', 'teacher_over_max', 'teacher_removed',
]);

const BY = { balanced: 'поровну', alphabet: 'по алфавиту', gender: 'на мальчиков и девочек' } as const;

export function validateSchool(school: School, rule: Rule): ValidationResult {
  const problems: SetupProblem[] = [];
  const add = (code: ProblemCode, message: string, ids: Omit<SetupProblem, 'code' | 'severity' | 'message'> = {}) =>
    problems.push({ code, severity: ERRORS.has(code) ? 'error' : 'warning', message, ...ids });
  const h = (n: number) => `${fmtHours(n)} ч`;
  const byClass = assignmentsByClass(school);

  for (const c of school.classes) {
    const pupils = school.pupilsOf.get(c.id) ?? [];
    // Divisions: everyone in exactly one subgroup, nobody from elsewhere, no empty subgroup.
    for (const d of school.divisions) {
      if (d.class_id !== c.id) continue;
      const where = `${c.name}, «${subjectName(school, d.subject_id)}»`;
      const ids = { classId: c.id, subjectId: d.subject_id };
      for (const p of pupils)
        if (!school.memberOf.has(key(d.id, p.id)))
          add('student_not_in_subgroup', `${where}: ${p.gender === 'f' ? 'ученица' : 'ученик'} ${personName(p)} не ${p.gender === 'f' ? 'распределена' : 'распределён'} по подгруппам`, { ...ids, studentId: p.id });
      const size = new Map<string, number>();
      for (const m of school.members) {
        if (m.division_id !== d.id) continue;
        size.set(m.subgroup_id, (size.get(m.subgroup_id) ?? 0) + 1);
        const s = school.students.get(m.student_id);
        if (s && !s.deleted && s.class_id === c.id) continue;
        const other = s && !s.deleted && s.class_id ? school.classById.get(s.class_id)?.name : undefined;
        const now = !s || s.deleted ? 'выбыл(а) из школы' : other ? `учится в ${other}` : 'не числится ни в одном классе';
        const g = school.subgroupById.get(m.subgroup_id);
        add('member_not_in_class', `${where}: ${s ? personName(s) : 'ученик'} числится в подгруппе «${g?.name ?? '?'}», но ${now}`, { ...ids, studentId: m.student_id, subgroupId: m.subgroup_id });
      }
      for (const g of school.subgroupsOf.get(d.id) ?? [])
        if (!size.get(g.id)) add('subgroup_empty', `${where}: в подгруппе «${g.name}» нет учеников`, { ...ids, subgroupId: g.id });
      if (!school.plan.has(key(c.id, d.subject_id)))
        add('division_not_in_curriculum', `${c.name}: класс разделён на подгруппы по предмету «${subjectName(school, d.subject_id)}», которого нет в учебном плане класса`, ids);
    }
    // The rule says divide, but the class is not divided.
    for (const k of school.plan.keys()) {
      if (!k.startsWith(`${c.id}:`)) continue;
      const subjectId = k.slice(c.id.length + 1);
      const r = ruleFor(rule, subjectId, c.grade, pupils.length);
      if (r && !school.divisionOf.has(k))
        add('should_divide', `${c.name} (${pupils.length} уч.): по правилу деления «${subjectName(school, subjectId)}» ведётся в ${r.parts} подгруппах (${BY[r.by]}) с ${r.minStudents} учеников, а класс не разделён`, { classId: c.id, subjectId });
    }
    // Coverage: curriculum hours against assigned hours, for the class or each subgroup.
    for (const sc of classCover(school, c, byClass.get(c.id) ?? [])) {
      const ids = { classId: c.id, subjectId: sc.subjectId };
      const subject = subjectName(school, sc.subjectId);
      if (sc.plan === 0) {
        const rows = sc.parts.flatMap((p) => p.assignments);
        const unique = [...new Map(rows.map((a) => [a.id, a])).values()];
        if (unique.length) {
          const who = [...new Set(unique.map((a) => initialsName(school.staff.get(a.teacher_id)!)))].join(', ');
          add('not_in_curriculum', `${c.name}, «${subject}»: назначено ${h(unique.reduce((s, a) => s + a.hours_per_week, 0))} в неделю (${who}), но предмета нет в учебном плане класса`, ids);
        }
        continue;
      }
      for (const p of sc.parts) {
        const where = p.subgroup ? `${c.name}, «${subject}», подгруппа «${p.subgroup.name}»` : `${c.name}, «${subject}»`;
        const pid = p.subgroup ? { ...ids, subgroupId: p.subgroup.id } : ids;
        if (p.assigned === 0) add(p.subgroup ? 'subgroup_no_teacher' : 'class_no_teacher', `${where}: не назначен учитель (${h(sc.plan)} в неделю по учебному плану)`, pid);
        else if (p.assigned < sc.plan && !same(p.assigned, sc.plan)) add('hours_short', `${where}: назначено ${h(p.assigned)} в неделю из ${h(sc.plan)} по учебному плану`, pid);
        else if (p.assigned > sc.plan && !same(p.assigned, sc.plan)) add('hours_excess', `${where}: назначено ${h(p.assigned)} в неделю, а по учебному плану ${h(sc.plan)}`, pid);
      }
    }
  }

  // Study groups: a teacher for all the group's hours, and members.
  for (const g of school.studyGroups) {
    const where = `Учебная группа «${g.name}»`;
    const ids = { studyGroupId: g.id, subjectId: g.subject_id };
    const assigned = school.assignments.filter((a) => a.study_group_id === g.id).reduce((s, a) => s + a.hours_per_week, 0);
    if (assigned === 0) add('group_no_teacher', `${where}: не назначен учитель (${h(g.hours_per_week)} в неделю)`, ids);
    else if (assigned < g.hours_per_week && !same(assigned, g.hours_per_week)) add('hours_short', `${where}: назначено ${h(assigned)} в неделю из ${h(g.hours_per_week)}`, ids);
    else if (assigned > g.hours_per_week && !same(assigned, g.hours_per_week)) add('hours_excess', `${where}: назначено ${h(assigned)} в неделю, а у группы ${h(g.hours_per_week)}`, ids);
    if (!(school.groupMembers.get(g.id) ?? []).length) add('group_empty', `${where}: в группе нет учеников`, ids);
  }

  // Teachers: within the maximum, still on the staff, teaching what their card lists.
  const total = new Map<string, number>();
  for (const a of school.assignments) total.set(a.teacher_id, (total.get(a.teacher_id) ?? 0) + a.hours_per_week);
  const qualified = new Map<string, Set<string>>();
  const unqualified = new Map<string, string[]>(); // `${teacher}:${subject}` → labels
  for (const a of school.assignments) {
    const t = school.staff.get(a.teacher_id)!;
    if (t.deleted_at) {
      add('teacher_removed', `${assignmentLabel(school, a)}, «${subjectName(school, a.subject_id)}»: учитель ${personName(t)} удалён из списка сотрудников — назначьте другого`, {
        teacherId: t.id, subjectId: a.subject_id, classId: a.class_id ?? undefined, studyGroupId: a.study_group_id ?? undefined,
      });
      continue;
    }
    if (!parseJsonArray<string>(t.subjects).length || isTalks(subjectName(school, a.subject_id))) continue;
    const q = qualified.get(t.id) ?? qualified.set(t.id, qualifiedSubjects(school, t)).get(t.id)!;
    if (!q.has(a.subject_id)) {
      const k = key(t.id, a.subject_id);
      (unqualified.get(k) ?? unqualified.set(k, []).get(k)!).push(assignmentLabel(school, a));
    }
  }
  for (const [k, labels] of unqualified) {
    const [teacherId, subjectId] = k.split(':') as [string, string];
    const t = school.staff.get(teacherId)!;
    add('teacher_not_qualified', `${personName(t)} ведёт «${subjectName(school, subjectId)}» (${labels.join(', ')}), но этого предмета нет в карточке сотрудника`, { teacherId, subjectId });
  }
  for (const [teacherId, hours] of total) {
    const t = school.staff.get(teacherId)!;
    if (hours > rule.maxTeacherHours && !same(hours, rule.maxTeacherHours))
      add('teacher_over_max', `${personName(t)}: ${h(hours)} в неделю — больше допустимых ${h(rule.maxTeacherHours)}`, { teacherId });
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { problems, errors, warnings: problems.length - errors };
}

export function validateSetup(ctx: Ctx): ValidationResult {
  return validateSchool(loadSchool(ctx), readRule(ctx));
}
