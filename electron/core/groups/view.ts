// How divisions, subgroups and teachers read in API results.
import type { Row } from '../../../db';
import type { Division, StudentRef, Subgroup, TeacherHours } from '../../api/types';
import { key, personName, subjectName, type School, type StudentInfo, type AssignmentRow } from './load';
import { byName } from './split';

export const studentRef = (s: StudentInfo): StudentRef => ({ id: s.id, fullName: personName(s), gender: s.gender });

/** Sums hours per teacher, in the order teachers first appear. */
export function teacherHours(school: School, rows: readonly AssignmentRow[]): TeacherHours[] {
  const out = new Map<string, TeacherHours>();
  for (const a of rows) {
    const t = out.get(a.teacher_id);
    if (t) t.hours += a.hours_per_week;
    else {
      const p = school.staff.get(a.teacher_id);
      out.set(a.teacher_id, { teacherId: a.teacher_id, fullName: p ? personName(p) : '?', hours: a.hours_per_week });
    }
  }
  return [...out.values()];
}

/** The assignments that teach a subgroup: its own, and those of the whole class for the subject. */
export function subgroupAssignments(school: School, division: Row<'class_division'>, subgroupId: string): AssignmentRow[] {
  return (school.classAssignments.get(division.class_id) ?? []).filter(
    (a) => a.subject_id === division.subject_id && (a.subgroup_id === subgroupId || a.subgroup_id === null),
  );
}

export function divisionView(school: School, d: Row<'class_division'>): Division {
  const pupils = school.pupilsOf.get(d.class_id) ?? [];
  const groups = school.subgroupsOf.get(d.id) ?? [];
  const byGroup = new Map<string, StudentInfo[]>(groups.map((g) => [g.id, []]));
  for (const m of school.membersOf.get(d.id) ?? []) {
    const s = school.students.get(m.student_id);
    if (s) byGroup.get(m.subgroup_id)?.push(s);
  }
  const subgroups: Subgroup[] = groups.map((g) => {
    const teachers = teacherHours(school, subgroupAssignments(school, d, g.id));
    const one = teachers.length === 1 ? teachers[0]! : null;
    return {
      id: g.id,
      number: g.number,
      name: g.name,
      teachers,
      teacherId: one?.teacherId ?? null,
      teacherName: one?.fullName ?? null,
      members: (byGroup.get(g.id) ?? []).sort(byName).map(studentRef),
    };
  });
  return {
    id: d.id,
    classId: d.class_id,
    className: school.classById.get(d.class_id)?.name ?? '?',
    subjectId: d.subject_id,
    subjectName: subjectName(school, d.subject_id),
    method: d.method,
    subgroups,
    unplaced: pupils.filter((p) => !school.memberOf.has(key(d.id, p.id))).map(studentRef),
  };
}
