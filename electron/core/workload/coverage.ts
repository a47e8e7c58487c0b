// Does every curriculum hour have a teacher? Per class, subject and (for a divided subject) subgroup:
// the whole class's assignments count for every subgroup, a subgroup's own only for it.
import type { Row } from '../../../db';
import { key, type ClassInfo, type School } from '../groups/load';

export interface PartCover {
  subgroup: Row<'subgroup'> | null; // null: the whole class
  assignments: Row<'teaching_assignment'>[];
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

export function assignmentsByClass(school: School): Map<string, Row<'teaching_assignment'>[]> {
  const out = new Map<string, Row<'teaching_assignment'>[]>();
  for (const a of school.assignments) if (a.class_id) (out.get(a.class_id) ?? out.set(a.class_id, []).get(a.class_id)!).push(a);
  return out;
}

/** Every subject of the class that is in its curriculum, divided, or assigned, in the curriculum's order. */
export function classCover(school: School, c: ClassInfo, assignments: readonly Row<'teaching_assignment'>[]): SubjectCover[] {
  const ids = new Set<string>();
  for (const k of school.plan.keys()) if (k.startsWith(`${c.id}:`)) ids.add(k.slice(c.id.length + 1));
  for (const d of school.divisions) if (d.class_id === c.id) ids.add(d.subject_id);
  for (const a of assignments) ids.add(a.subject_id);
  const order = (id: string) => school.subjects.get(id)?.sort_order ?? 0;
  return [...ids]
    .sort((a, b) => order(a) - order(b) || (school.subjects.get(a)?.name ?? '').localeCompare(school.subjects.get(b)?.name ?? '', 'ru'))
    .map((subjectId) => {
      const mine = assignments.filter((a) => a.subject_id === subjectId);
      const together = mine.filter((a) => a.subgroup_id === null);
      const division = school.divisionOf.get(key(c.id, subjectId)) ?? null;
      const sum = (rows: Row<'teaching_assignment'>[]) => rows.reduce((s, a) => s + a.hours_per_week, 0);
      const parts: PartCover[] = division
        ? (school.subgroupsOf.get(division.id) ?? []).map((g) => {
            const rows = [...together, ...mine.filter((a) => a.subgroup_id === g.id)];
            return { subgroup: g, assignments: rows, assigned: sum(rows) };
          })
        : [{ subgroup: null, assignments: together, assigned: sum(together) }];
      return { subjectId, plan: school.plan.get(key(c.id, subjectId)) ?? 0, division, parts };
    });
}
