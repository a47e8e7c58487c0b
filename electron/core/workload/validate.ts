// 'setup.validate': every problem of subgroups, study groups and teaching assignments, each with a
// code and a self-contained Russian message (R3, R4).
import type { Ctx } from '../context';
import type { ProblemCode, SetupProblem, ValidationResult } from '../../api/types';
import { genderOf, initialsName, key, loadSchool, personName, push, subjectName, type AssignmentRow, type School } from '../groups/load';
import { byName, sortByName } from '../groups/split';
import { readRule, ruleFor, type Rule } from '../groups/rule';
import { classCover, same } from './coverage';
import { assignmentLabel, fmtHours, isTalks, qualifiedSubjects } from './assignments';
import { parseJsonArray } from '../format';
import { plural } from '../../api/plural';
import { ruleSplitMethods } from '../../api/enums';

const ERRORS: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  'student_not_in_subgroup', 'member_not_in_class', 'subgroup_no_teacher', 'class_no_teacher', 'hours_short', 'hours_excess',
  'group_no_teacher', 'teacher_over_max', 'teacher_removed',
]);


/**
 * Students of divided classes in no subgroup, members who are no longer in the class, and empty
 * subgroups: found by SQLite, so that validating the whole school does not read every student and
 * membership.
 */
function membershipProblems(ctx: Ctx) {
  const { db } = ctx;
  const unplaced = new Map<string, { id: string; last_name: string; first_name: string; middle_name: string | null; gender: 'm' | 'f' | null }[]>();
  const rows = db.all(
    db.q
      .selectFrom('class_division as d')
      .innerJoin('student as s', 's.class_id', 'd.class_id')
      .select(['d.id as division_id', 's.id', 's.last_name', 's.first_name', 's.middle_name', 's.gender'])
      .where('d.deleted_at', 'is', null)
      .where('s.deleted_at', 'is', null)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('subgroup_member as m').select('m.id').whereRef('m.division_id', '=', 'd.id').whereRef('m.student_id', '=', 's.id').where('m.deleted_at', 'is', null).where('m.date_to', 'is', null))),
      ),
  );
  for (const r of sortByName(rows)) push(unplaced, r.division_id, r);
  const foreign = new Map<string, { subgroup_id: string; student_id: string; last_name: string; first_name: string; middle_name: string | null; now_class: string | null; left_at: string | null }[]>();
  const stray = db.all(
    db.q
      .selectFrom('subgroup_member as m')
      .innerJoin('class_division as d', 'd.id', 'm.division_id')
      .innerJoin('student as s', 's.id', 'm.student_id')
      .select(['m.division_id', 'm.subgroup_id', 'm.student_id', 's.id', 's.last_name', 's.first_name', 's.middle_name', 's.class_id as now_class', 's.deleted_at as left_at'])
      .where('m.deleted_at', 'is', null)
      .where('m.date_to', 'is', null)
      .where('d.deleted_at', 'is', null)
      .where((eb) => eb.or([eb('s.deleted_at', 'is not', null), eb('s.class_id', 'is', null), eb('s.class_id', '!=', eb.ref('d.class_id'))])),
  );
  for (const r of sortByName(stray)) push(foreign, r.division_id, r);
  const empty = new Set(
    db
      .all(
        db.q
          .selectFrom('subgroup as g')
          .select('g.id')
          .where('g.deleted_at', 'is', null)
          .where(({ not, exists, selectFrom }) =>
            not(exists(selectFrom('subgroup_member as m').select('m.id').whereRef('m.subgroup_id', '=', 'g.id').where('m.deleted_at', 'is', null).where('m.date_to', 'is', null))),
          ),
      )
      .map((g) => g.id),
  );
  return { unplaced, foreign, empty };
}

export function validateSchool(ctx: Ctx, school: School, rule: Rule): ValidationResult {
  const problems: SetupProblem[] = [];
  const add = (code: ProblemCode, message: string, ids: Omit<SetupProblem, 'code' | 'severity' | 'message'> = {}) =>
    problems.push({ code, severity: ERRORS.has(code) ? 'error' : 'warning', message, ...ids });
  const h = (n: number) => `${fmtHours(n)} ч`;

  const { unplaced, foreign, empty } = membershipProblems(ctx);
  for (const c of school.classes) {
    const size = school.classSize.get(c.id) ?? 0;
    // Divisions: everyone in exactly one subgroup, nobody from elsewhere, no empty subgroup.
    for (const d of school.divisionsOf.get(c.id) ?? []) {
      const where = `${c.name}, «${subjectName(school, d.subject_id)}»`;
      const ids = { classId: c.id, subjectId: d.subject_id };
      for (const p of unplaced.get(d.id) ?? [])
        add('student_not_in_subgroup', `${where}: ${genderOf(p) === 'f' ? 'ученица' : 'ученик'} ${personName(p)} не ${genderOf(p) === 'f' ? 'распределена' : 'распределён'} по подгруппам`, { ...ids, studentId: p.id });
      for (const m of foreign.get(d.id) ?? []) {
        const other = m.left_at === null && m.now_class ? (school.classById.get(m.now_class)?.name ?? 'другом классе') : undefined;
        const now = m.left_at !== null ? 'уже не учится в школе' : other ? `учится в ${other}` : 'не числится ни в одном классе';
        const g = school.subgroupById.get(m.subgroup_id);
        add('member_not_in_class', `${where}: ${personName(m)} числится в подгруппе «${g?.name ?? '?'}», но ${now}`, { ...ids, studentId: m.student_id, subgroupId: m.subgroup_id });
      }
      for (const g of school.subgroupsOf.get(d.id) ?? [])
        if (empty.has(g.id)) add('subgroup_empty', `${where}: в подгруппе «${g.name}» нет учеников`, { ...ids, subgroupId: g.id });
      if (!school.plan.has(key(c.id, d.subject_id)))
        add('division_not_in_curriculum', `${c.name}: класс разделён на подгруппы по предмету «${subjectName(school, d.subject_id)}», которого нет в учебном плане класса`, ids);
    }
    // The rule says divide, but the class is not divided.
    for (const subjectId of school.subjectsOf.get(c.id) ?? []) {
      const r = ruleFor(rule, subjectId, c.grade, size);
      if (r && !school.divisionOf.has(key(c.id, subjectId)))
        add('should_divide', `${c.name} (${size} уч.): по правилу деления «${subjectName(school, subjectId)}» ведётся в ${r.parts} подгруппах (${ruleSplitMethods.text(r.by)}) с ${r.minStudents} ${plural(r.minStudents, 'ученика', 'учеников', 'учеников')}, а класс не разделён`, { classId: c.id, subjectId });
    }
    // Coverage: curriculum hours against assigned hours, for the class or each subgroup.
    for (const sc of classCover(school, c)) {
      const ids = { classId: c.id, subjectId: sc.subjectId };
      const subject = () => subjectName(school, sc.subjectId);
      if (sc.plan === 0) {
        const rows = sc.parts.flatMap((p) => p.assignments);
        const unique = [...new Map(rows.map((a) => [a.id, a])).values()];
        if (unique.length) {
          const who = [...new Set(unique.map((a) => initialsName(school.staff.get(a.teacher_id)!)))].join(', ');
          add('not_in_curriculum', `${c.name}, «${subject()}»: назначено ${h(unique.reduce((s, a) => s + a.hours_per_week, 0))} в неделю (${who}), но предмета нет в учебном плане класса`, ids);
        }
        continue;
      }
      for (const p of sc.parts) {
        if (same(p.assigned, sc.plan)) continue;
        const where = p.subgroup ? `${c.name}, «${subject()}», подгруппа «${p.subgroup.name}»` : `${c.name}, «${subject()}»`;
        const pid = p.subgroup ? { ...ids, subgroupId: p.subgroup.id } : ids;
        if (p.assigned === 0) add(p.subgroup ? 'subgroup_no_teacher' : 'class_no_teacher', `${where}: не назначен учитель (${h(sc.plan)} в неделю по учебному плану)`, pid);
        else if (p.assigned < sc.plan) add('hours_short', `${where}: назначено ${h(p.assigned)} в неделю из ${h(sc.plan)} по учебному плану`, pid);
        else add('hours_excess', `${where}: назначено ${h(p.assigned)} в неделю, а по учебному плану ${h(sc.plan)}`, pid);
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
  const unqualified = new Map<string, string[]>(); // `${teacher}:${subject}` → labels
  const byTeacher = new Map<string, AssignmentRow[]>();
  for (const a of school.assignments) push(byTeacher, a.teacher_id, a);
  const teacherOrder = [...byTeacher.keys()].map((id) => school.staff.get(id)!).sort(byName);
  const talks = new Set([...school.subjects.values()].filter((x) => isTalks(x.name)).map((x) => x.id));
  for (const t of teacherOrder) {
    const rows = byTeacher.get(t.id)!;
    if (t.deleted_at) {
      for (const a of rows)
        add('teacher_removed', `${assignmentLabel(school, a)}, «${subjectName(school, a.subject_id)}»: учитель ${personName(t)} ${genderOf(t) === 'f' ? 'удалена' : 'удалён'} из списка сотрудников — назначьте другого`, {
          teacherId: t.id, subjectId: a.subject_id, classId: a.class_id ?? undefined, studyGroupId: a.study_group_id ?? undefined,
        });
      continue;
    }
    // A card without subjects says nothing; «Разговоры о важном» is every class teacher's hour.
    const q = qualifiedSubjects(school, t);
    if (!q.size) continue;
    for (const a of rows) {
      if (q.has(a.subject_id) || talks.has(a.subject_id)) continue;
      push(unqualified, key(t.id, a.subject_id), assignmentLabel(school, a));
    }
  }
  for (const [k, labels] of unqualified) {
    const [teacherId, subjectId] = k.split(':') as [string, string];
    const t = school.staff.get(teacherId)!;
    add('teacher_not_qualified', `${personName(t)} ведёт «${subjectName(school, subjectId)}» (${labels.join(', ')}), но этого предмета нет в карточке сотрудника`, { teacherId, subjectId });
  }
  for (const t of teacherOrder) {
    const teacherId = t.id;
    const rows = byTeacher.get(teacherId)!;
    const hours = rows.reduce((n, a) => n + a.hours_per_week, 0);
    if (hours > rule.maxTeacherHours && !same(hours, rule.maxTeacherHours))
      add('teacher_over_max', `${personName(t)}: ${h(hours)} в неделю — больше допустимых ${h(rule.maxTeacherHours)}`, { teacherId });
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { problems, errors, warnings: problems.length - errors };
}

export function validateSetup(ctx: Ctx): ValidationResult {
  return validateSchool(ctx, loadSchool(ctx, { people: false }), readRule(ctx));
}
