// Newcomers (R4): when a student joins a divided class, the administrator is asked which subgroup
// to put them in; the smallest one is suggested.
import { todayOf, type Ctx } from '../context';
import type { PendingPlacement } from '../../api/types';
import { act } from '../tx';
import { key, loadSchool, personName, subjectName, collate } from './load';
import { suggest } from './split';
import { parallelFilter, requireClassIds } from '../auth/parallels';

export function pendingPlacements(ctx: Ctx, only: { classId?: string | null; studentId?: string | null } = {}): PendingPlacement[] {
  const school = loadSchool(ctx, only.classId ? { classId: only.classId } : undefined);
  const out: PendingPlacement[] = [];
  for (const d of school.divisions) {
    const c = school.classById.get(d.class_id)!;
    const pupils = (school.pupilsOf.get(c.id) ?? []).filter((p) => !school.memberOf.has(key(d.id, p.id)) && (!only.studentId || p.id === only.studentId));
    if (!pupils.length) continue;
    const groups = school.subgroupsOf.get(d.id) ?? [];
    if (!groups.length) continue;
    const size = new Map(groups.map((g) => [g.id, 0]));
    for (const m of school.membersOf.get(d.id) ?? []) size.set(m.subgroup_id, (size.get(m.subgroup_id) ?? 0) + 1);
    const subgroups = groups.map((g) => ({ id: g.id, number: g.number, name: g.name, size: size.get(g.id) ?? 0 }));
    for (const p of pupils) {
      const n = suggest(subgroups, p.gender);
      const g = subgroups.find((x) => x.number === n)!;
      out.push({
        studentId: p.id,
        studentName: personName(p),
        gender: p.gender,
        classId: c.id,
        className: c.name,
        divisionId: d.id,
        subjectId: d.subject_id,
        subjectName: subjectName(school, d.subject_id),
        subgroups,
        suggestedSubgroupId: g.id,
        suggestedSubgroupName: g.name,
      });
    }
  }
  const order = new Map(school.classes.map((c, i) => [c.id, i]));
  return out.sort((a, b) => order.get(a.classId)! - order.get(b.classId)! || collate(a.studentName, b.studentName) || collate(a.subjectName, b.subjectName));
}

/**
 * Classes with a division that has subgroups: a newcomer in one of them waits to be placed. Enough
 * for a count after an import (new students are in no subgroup yet), without reading the school.
 */
export function classesAwaitingPlacement(ctx: Ctx): Set<string> {
  const { db } = ctx;
  const rows = db.all(
    db.q
      .selectFrom('class_division as d')
      .innerJoin('subgroup as g', (j) => j.onRef('g.division_id', '=', 'd.id').on('g.deleted_at', 'is', null))
      .select('d.class_id')
      .distinct()
      .where('d.deleted_at', 'is', null),
  );
  return new Set(rows.map((r) => r.class_id));
}

/**
 * Puts every pending student (of one class, or of the school; a deputy's: of their parallels) into
 * the suggested subgroup, sizes updated as they fill.
 */
export function placeSuggested(ctx: Ctx, classId?: string | null): { placed: number } {
  if (classId) requireClassIds(ctx, [classId]);
  const mine = parallelFilter(ctx);
  const { db } = ctx;
  const gradeOf = new Map(db.all(db.q.selectFrom('school_class').select(['id', 'grade'])).map((c) => [c.id, c.grade]));
  const pending = pendingPlacements(ctx, { classId }).filter((p) => mine(gradeOf.get(p.classId) ?? 0));
  const sizes = new Map<string, PendingPlacement['subgroups']>();
  const today = todayOf(ctx);
  const rows: { division_id: string; subgroup_id: string; student_id: string; date_from: string; date_to: null }[] = [];
  for (const p of pending) {
    let groups = sizes.get(p.divisionId);
    if (!groups) sizes.set(p.divisionId, (groups = p.subgroups.map((g) => ({ ...g }))));
    const n = suggest(groups, p.gender);
    const g = groups.find((x) => x.number === n)!;
    g.size++;
    rows.push({ division_id: p.divisionId, subgroup_id: g.id, student_id: p.studentId, date_from: today, date_to: null });
  }
  act(ctx, (w) => w.insertMany('subgroup_member', rows));
  return { placed: rows.length };
}
