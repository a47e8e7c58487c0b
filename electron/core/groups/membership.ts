// Divisions follow the contingent (R4): a student who leaves a class leaves its subgroups; one who
// leaves the school leaves every group; a removed class takes its divisions and assignments along.
// Memberships are dated (issue 9): leaving closes the open row on the day (date_to), a row opened
// that same day or later is removed instead (it lasted no day).
import type { Ctx } from '../context';
import type { Writer } from '../../../db';

/** Closes an open subgroup or study-group membership on `date` (removes it if it had not begun). */
export function closeMember(w: Writer, table: 'subgroup_member' | 'study_group_member', m: { id: string; date_from: string }, date: string): void {
  if (m.date_from >= date) w.remove(table, m.id);
  else w.update(table, m.id, { date_to: date });
}

/** A student's class changed (or was cleared) on `date`: they leave the subgroups of every other class. */
export function leaveOtherClasses(ctx: Ctx, w: Writer, studentId: string, classId: string | null, date: string): void {
  const { db } = ctx;
  const rows = db.all(
    db.q
      .selectFrom('subgroup_member as m')
      .innerJoin('class_division as d', 'd.id', 'm.division_id')
      .select(['m.id', 'm.date_from'])
      .where('m.student_id', '=', studentId)
      .where('m.deleted_at', 'is', null)
      .where('m.date_to', 'is', null)
      .where('d.class_id', 'is not', classId),
  );
  for (const r of rows) closeMember(w, 'subgroup_member', r, date);
}

/** A student left the school on `date`: out of every subgroup and study group. */
export function leaveAllGroups(ctx: Ctx, w: Writer, studentId: string, date: string): void {
  const { db } = ctx;
  leaveOtherClasses(ctx, w, studentId, null, date);
  for (const r of db.all(db.q.selectFrom('study_group_member').select(['id', 'date_from']).where('student_id', '=', studentId).where('deleted_at', 'is', null).where('date_to', 'is', null)))
    closeMember(w, 'study_group_member', r, date);
}

/** A class is removed (only an empty one can be): its divisions and assignments go with it. */
export function dropClassGroups(ctx: Ctx, w: Writer, classId: string): void {
  const { db } = ctx;
  const divisions = db.all(db.q.selectFrom('class_division').select('id').where('class_id', '=', classId).where('deleted_at', 'is', null)).map((d) => d.id);
  if (divisions.length) {
    for (const m of db.all(db.q.selectFrom('subgroup_member').select('id').where('division_id', 'in', divisions).where('deleted_at', 'is', null))) w.remove('subgroup_member', m.id);
    for (const g of db.all(db.q.selectFrom('subgroup').select('id').where('division_id', 'in', divisions).where('deleted_at', 'is', null))) w.remove('subgroup', g.id);
  }
  for (const a of db.all(db.q.selectFrom('teaching_assignment').select('id').where('class_id', '=', classId).where('deleted_at', 'is', null))) w.remove('teaching_assignment', a.id);
  for (const id of divisions) w.remove('class_division', id);
}
