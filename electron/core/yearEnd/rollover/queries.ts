// The reads of the rollover (issue 15 point 4): the current year's structure, the decisions of the
// signed promotion and graduation orders, and what of the next year already exists.
import type { Ctx } from '../../context';
import { currentYearOrNull } from '../../year';

type Db = Ctx['db'];
const live = <T extends { deleted_at: string | null }>(rows: T[]) => rows.filter((r) => r.deleted_at === null);

export function currentYear(db: Db) {
  const id = currentYearOrNull({ db });
  return id ? yearById(db, id) : null;
}

export const yearById = (db: Db, id: string) => db.first(db.q.selectFrom('academic_year').selectAll().where('id', '=', id)) ?? null;

export function yearsByName(db: Db) {
  return db.all(db.q.selectFrom('academic_year').selectAll().where('deleted_at', 'is', null));
}

export function rolloverFrom(db: Db, fromYearId: string) {
  return db.first(db.q.selectFrom('year_rollover').selectAll().where('from_year_id', '=', fromYearId).where('deleted_at', 'is', null)) ?? null;
}

export function rollovers(db: Db) {
  return db.all(db.q.selectFrom('year_rollover').selectAll().where('deleted_at', 'is', null).orderBy('done_at', 'desc'));
}

export function periodsOf(db: Db, yearId: string) {
  return db.all(db.q.selectFrom('study_period').selectAll().where('year_id', '=', yearId).where('deleted_at', 'is', null));
}

export function holidaysOf(db: Db, yearId: string) {
  return db.all(db.q.selectFrom('holiday').selectAll().where('year_id', '=', yearId).where('deleted_at', 'is', null));
}

export function bellSchedulesOf(db: Db, yearId: string) {
  return db.all(db.q.selectFrom('bell_schedule').selectAll().where('year_id', '=', yearId).where('deleted_at', 'is', null).orderBy('shift').orderBy('name'));
}

export function bellsOf(db: Db, scheduleId: string) {
  return db.all(db.q.selectFrom('bell').selectAll().where('schedule_id', '=', scheduleId).where('deleted_at', 'is', null).orderBy('lesson_no'));
}

export function classesOf(db: Db, yearId: string) {
  return db.all(db.q.selectFrom('school_class').selectAll().where('year_id', '=', yearId).where('deleted_at', 'is', null).orderBy('grade').orderBy('letter'));
}

export function curriculumOf(db: Db, yearId: string) {
  return db.all(
    db.q
      .selectFrom('curriculum_item as ci')
      .innerJoin('school_class as c', 'c.id', 'ci.class_id')
      .selectAll('ci')
      .where('c.year_id', '=', yearId)
      .where('ci.deleted_at', 'is', null),
  );
}

/** Open memberships in the year's classes: the students the rollover moves. */
export function openMemberships(db: Db, yearId: string) {
  return db.all(
    db.q
      .selectFrom('class_membership as m')
      .innerJoin('school_class as c', 'c.id', 'm.class_id')
      .select(['m.id', 'm.student_id', 'm.class_id', 'm.date_from'])
      .where('c.year_id', '=', yearId)
      .where('m.deleted_at', 'is', null)
      .where('m.date_to', 'is', null)
      .orderBy('m.student_id'),
  );
}

/**
 * The decision of every student of the year's signed (not cancelled) promotion and graduation
 * orders, the latest signed one winning (semantics 4).
 */
export function decisions(db: Db, yearId: string) {
  const rows = db.all(
    db.q
      .selectFrom('order_item as i')
      .innerJoin('school_order as o', 'o.id', 'i.order_id')
      .select(['i.student_id', 'i.decision', 'i.order_id', 'i.effective_date', 'o.signed_at', 'o.date', 'o.number'])
      .where('o.year_id', '=', yearId)
      .where('o.kind', 'in', ['promotion', 'graduation'])
      .where('o.status', '=', 'signed')
      .where('o.deleted_at', 'is', null)
      .where('i.deleted_at', 'is', null)
      .where('i.decision', 'is not', null)
      .where('i.student_id', 'is not', null)
      .orderBy('o.signed_at')
      .orderBy('o.date')
      .orderBy('o.number')
      .orderBy('i.position'),
  );
  const latest = new Map<string, { decision: NonNullable<(typeof rows)[number]['decision']>; orderId: string; effectiveDate: string }>();
  for (const r of rows) latest.set(r.student_id!, { decision: r.decision!, orderId: r.order_id, effectiveDate: r.effective_date });
  return latest;
}

export function divisionsOf(db: Db, yearId: string) {
  return db.all(
    db.q.selectFrom('class_division as d').innerJoin('school_class as c', 'c.id', 'd.class_id').selectAll('d').where('c.year_id', '=', yearId).where('d.deleted_at', 'is', null),
  );
}

export function subgroupsOf(db: Db, divisionIds: string[]) {
  if (!divisionIds.length) return [];
  return db.all(db.q.selectFrom('subgroup').selectAll().where('division_id', 'in', divisionIds).where('deleted_at', 'is', null).orderBy('number'));
}

export function openSubgroupMembers(db: Db, divisionIds: string[]) {
  if (!divisionIds.length) return [];
  return db.all(db.q.selectFrom('subgroup_member').selectAll().where('division_id', 'in', divisionIds).where('deleted_at', 'is', null).where('date_to', 'is', null));
}

export function studyGroupsOf(db: Db, yearId: string) {
  return db.all(db.q.selectFrom('study_group').selectAll().where('year_id', '=', yearId).where('deleted_at', 'is', null).orderBy('name'));
}

export function openStudyGroupMembers(db: Db, groupIds: string[]) {
  if (!groupIds.length) return [];
  return db.all(db.q.selectFrom('study_group_member').selectAll().where('group_id', 'in', groupIds).where('deleted_at', 'is', null).where('date_to', 'is', null));
}

/** Teaching assignments of the year's classes (and their subgroups) and study groups. */
export function assignmentsOf(db: Db, classIds: string[], groupIds: string[]) {
  const a = classIds.length ? db.all(db.q.selectFrom('teaching_assignment').selectAll().where('class_id', 'in', classIds).where('deleted_at', 'is', null)) : [];
  const b = groupIds.length ? db.all(db.q.selectFrom('teaching_assignment').selectAll().where('study_group_id', 'in', groupIds).where('deleted_at', 'is', null)) : [];
  return live([...a, ...b]);
}

export function staffNames(db: Db) {
  const rows = db.all(db.q.selectFrom('staff').select(['id', 'last_name', 'first_name', 'middle_name']));
  return new Map(rows.map((r) => [r.id, `${r.last_name} ${r.first_name.slice(0, 1)}.${r.middle_name ? ` ${r.middle_name.slice(0, 1)}.` : ''}`]));
}

export function roomNumbers(db: Db) {
  return new Map(db.all(db.q.selectFrom('room').select(['id', 'number'])).map((r) => [r.id, r.number]));
}

export function subjectNames(db: Db) {
  return new Map(db.all(db.q.selectFrom('subject').select(['id', 'name'])).map((r) => [r.id, r.name]));
}

/** Applications to the first grade not enrolled yet. */
export function waitingFirstGrade(db: Db): number {
  return Number(
    db.first(
      db.q
        .selectFrom('enrollment_application')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('deleted_at', 'is', null)
        .where('grade', '=', 1)
        .where('student_id', 'is', null)
        .where('enrollable', '=', 1),
    )?.n ?? 0,
  );
}

export function userName(db: Db, login: string): string {
  return db.first(db.q.selectFrom('app_user').select('display_name').where('login', '=', login))?.display_name ?? login;
}

/** A live row by its natural key (columns named by the code, never by input): its id, or null. */
export function findByKey(db: Db, table: string, key: Record<string, string | number | null>): string | null {
  const cols = Object.keys(key);
  const where = cols.map((c) => (key[c] === null ? `${c} IS NULL` : `${c} = ?`)).join(' AND ');
  const args = cols.filter((c) => key[c] !== null).map((c) => key[c]);
  return (db.raw.prepare(`SELECT id FROM ${table} WHERE deleted_at IS NULL AND ${where} LIMIT 1`).pluck().get(...args) as string | undefined) ?? null;
}
