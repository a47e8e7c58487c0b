// Workload summaries (R3): per teacher (hours by class and subject, total against the rate's norm)
// and per class (every curriculum hour has a teacher).
import type { Ctx } from '../context';
import type { ClassCoverage, TeacherWorkload } from '../../api/types';
import type { Row } from '../../../db';
import { genderOf, loadSchool, personName, subjectName, type School, type AssignmentRow, collate } from '../groups/load';
import { readRule, type Rule } from '../groups/rule';
import { isTeacherPost, sortedAssignments } from './assignments';
import { classCover, same } from './coverage';
import { teacherHours } from '../groups/view';

/** Weekly hours of one rate: the staff card's for a teacher; the teaching norm for someone whose main post is another. */
export function normHours(s: Row<'staff'>, rule: Rule): number {
  return isTeacherPost(s) && s.rate_hours > 0 ? s.rate_hours : rule.teachingNormHours;
}

export function teacherWorkloads(school: School, rule: Rule, only?: string | null): TeacherWorkload[] {
  const mine = new Map<string, AssignmentRow[]>();
  for (const a of school.assignments) (mine.get(a.teacher_id) ?? mine.set(a.teacher_id, []).get(a.teacher_id)!).push(a);
  const people = [...school.staff.values()].filter((s) => (!s.deleted_at && isTeacherPost(s)) || mine.has(s.id)).filter((s) => !only || s.id === only);
  return people
    .map((s) => {
      const rows = mine.get(s.id) ?? [];
      const assignments = sortedAssignments(school, rows);
      const total = rows.reduce((n, a) => n + a.hours_per_week, 0);
      const norm = normHours(s, rule);
      const bySubject = new Map<string, { labels: string[]; hours: number }>();
      for (const a of assignments) {
        const e = bySubject.get(a.subjectId) ?? bySubject.set(a.subjectId, { labels: [], hours: 0 }).get(a.subjectId)!;
        e.labels.push(a.target === 'subgroup' ? `${a.className} (${a.subgroupName})` : a.target === 'group' ? `«${a.studyGroupName}»` : a.className!);
        e.hours += a.hoursPerWeek;
      }
      const order = (id: string) => school.subjects.get(id)?.sort_order ?? 0;
      return {
        teacherId: s.id,
        fullName: personName(s) + (s.deleted_at ? (genderOf(s) === 'f' ? ' (удалена из сотрудников)' : ' (удалён из сотрудников)') : ''),
        position: s.position,
        normHours: norm,
        maxHours: rule.maxTeacherHours,
        totalHours: total,
        rates: Math.round((total / norm) * 100) / 100,
        overMax: total > rule.maxTeacherHours + 1e-9,
        subjects: [...bySubject.entries()]
          .sort((a, b) => order(a[0]) - order(b[0]))
          .map(([subjectId, e]) => ({ subjectId, subjectName: subjectName(school, subjectId), classes: e.labels.join(', '), hours: e.hours })),
        assignments,
      };
    })
    .sort((a, b) => collate(a.fullName, b.fullName));
}

export function workloadByTeacher(ctx: Ctx, teacherId?: string | null): TeacherWorkload[] {
  return teacherWorkloads(loadSchool(ctx, { people: false }), readRule(ctx), teacherId);
}

export function workloadByClass(ctx: Ctx, classId?: string | null): ClassCoverage[] {
  const school = loadSchool(ctx, { classId: classId ?? undefined, people: false });
  return school.classes.map((c) => {
    const subjects = classCover(school, c).map((sc) => {
      const parts = sc.parts.map((p) => ({
        subgroupId: p.subgroup?.id ?? null,
        label: p.subgroup?.name ?? 'весь класс',
        teachers: teacherHours(school, p.assignments),
        assignedHours: p.assigned,
        missingHours: Math.round((sc.plan - p.assigned) * 100) / 100,
      }));
      return {
        subjectId: sc.subjectId,
        subjectName: subjectName(school, sc.subjectId),
        planHours: sc.plan,
        divided: sc.division !== null,
        parts,
        complete: parts.every((p) => same(p.assignedHours, sc.plan)),
      };
    });
    return {
      classId: c.id,
      className: c.name,
      planHours: subjects.reduce((s, x) => s + x.planHours, 0),
      complete: subjects.every((s) => s.complete),
      subjects,
    };
  });
}
