// Does every curriculum hour have a teacher? Per class, subject and (for a divided subject) subgroup:
// the whole class's assignments count for every subgroup, a subgroup's own only for it.
import type { Row } from '../../../db';
import { key, push, type ClassInfo, type School, type AssignmentRow } from '../groups/load';

export interface PartCover {
  subgroup: Row<'subgroup'> | null; // null: the whole class
  assignments: AssignmentRow[];
  assigned: number;
}

export interface SubjectCover {
  subjectId: string;
  plan: number; // 0: not in the curriculum
  division: Row<'class_division'> | null;
  parts: PartCover[];
}

const EPS = 1e-9;
export const same = (a: number, b: number) => Math.abs(a - b) < EPS;

/** Every subject of the class that is in its curriculum, divided, or assigned, in the curriculum's order. */
export function classCover(school: School, c: ClassInfo): SubjectCover[] {
  const assignments = school.classAssignments.get(c.id) ?? [];
  const bySubject = new Map<string, AssignmentRow[]>();
  for (const a of assignments) push(bySubject, a.subject_id, a);
  const ids = new Set<string>(school.subjectsOf.get(c.id) ?? []);
  for (const d of school.divisionsOf.get(c.id) ?? []) ids.add(d.subject_id);
  for (const a of assignments) ids.add(a.subject_id);
  const order = (id: string) => school.subjects.get(id)?.sort_order ?? 0;
  return [...ids]
    .sort((a, b) => order(a) - order(b) || (a < b ? -1 : 1))
    .map((subjectId) => {
      const mine = bySubject.get(subjectId) ?? [];
      const together = mine.filter((a) => a.subgroup_id === null);
      const division = school.divisionOf.get(key(c.id, subjectId)) ?? null;
      const sum = (rows: AssignmentRow[]) => rows.reduce((s, a) => s + a.hours_per_week, 0);
      const parts: PartCover[] = division
        ? (school.subgroupsOf.get(division.id) ?? []).map((g) => {
            const rows = [...together, ...mine.filter((a) => a.subgroup_id === g.id)];
            return { subgroup: g, assignments: rows, assigned: sum(rows) };
          })
        : [{ subgroup: null, assignments: together, assigned: sum(together) }];
      return { subjectId, plan: school.plan.get(key(c.id, subjectId)) ?? 0, division, parts };
    });
}
