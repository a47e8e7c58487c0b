// What each staff member may teach (issue 9): subjects by id in `staff_qualification`, one live row
// per card and subject. The staff card and the spreadsheet still name subjects; a name is turned
// into ids here, once, and a name of no subject is refused.
import type { Ctx } from '../context';
import type { Writer } from '../../../db';
import { ruKey } from '../../api/text';

const fold = ruKey;

/** Every staff member's subjects (ids), in the subjects' order. */
export function qualificationsByStaff(ctx: Ctx, staffIds?: readonly string[]): Map<string, string[]> {
  const { db } = ctx;
  let q = db.q
    .selectFrom('staff_qualification as q')
    .innerJoin('subject as s', 's.id', 'q.subject_id')
    .select(['q.staff_id', 'q.subject_id'])
    .where('q.deleted_at', 'is', null)
    .where('s.deleted_at', 'is', null)
    .orderBy('s.sort_order')
    .orderBy('s.name');
  if (staffIds) q = q.where('q.staff_id', 'in', [...staffIds, '']);
  const out = new Map<string, string[]>();
  for (const r of db.all(q)) (out.get(r.staff_id) ?? out.set(r.staff_id, []).get(r.staff_id)!).push(r.subject_id);
  return out;
}

/** Subject ids and names of the live subjects, and a lookup of a typed name (by name or short name). */
export function subjectNames(ctx: Ctx): { nameOf: Map<string, string>; idsOf: (name: string) => string[] } {
  const { db } = ctx;
  const subjects = db.all(db.q.selectFrom('subject').select(['id', 'name', 'short_name']).where('deleted_at', 'is', null));
  const byName = new Map<string, string[]>();
  for (const s of subjects) for (const n of new Set([fold(s.name), fold(s.short_name)])) byName.set(n, [...(byName.get(n) ?? []), s.id]);
  return { nameOf: new Map(subjects.map((s) => [s.id, s.name])), idsOf: (name) => byName.get(fold(name)) ?? [] };
}

/** Makes the card's live qualifications exactly `subjectIds`: the others removed, new ones added. */
export function setQualifications(ctx: Ctx, w: Writer, staffId: string, subjectIds: Iterable<string>): void {
  const { db } = ctx;
  const wanted = new Set(subjectIds);
  const rows = db.all(db.q.selectFrom('staff_qualification').select(['id', 'subject_id']).where('staff_id', '=', staffId).where('deleted_at', 'is', null));
  const have = new Set(rows.map((r) => r.subject_id));
  for (const r of rows) if (!wanted.has(r.subject_id)) w.remove('staff_qualification', r.id);
  w.insertMany('staff_qualification', [...wanted].filter((id) => !have.has(id)).map((subject_id) => ({ staff_id: staffId, subject_id })));
}
