// The SQL of forming the first grades (issue 12 point 2): the cohort, the first-grade classes of a
// year, the pairs.
import type { Db } from '../../../db';

/** The cohort: the year's enrollable applications of grade 1 not yet enrolled. */
export function cohortRows(db: Db, yearId: string) {
  return db.all(
    db.q
      .selectFrom('enrollment_application')
      .select(['id', 'reg_number', 'last_name', 'first_name', 'middle_name', 'birth_date', 'gender', 'planned_class_id'])
      .where('year_id', '=', yearId)
      .where('enrollable', '=', 1)
      .where('grade', '=', 1)
      .where('student_id', 'is', null)
      .where('deleted_at', 'is', null),
  );
}

export function firstGrades(db: Db, yearId: string) {
  return db.all(
    db.q
      .selectFrom('school_class')
      .select(['id', 'grade', 'letter'])
      .where('year_id', '=', yearId)
      .where('grade', '=', 1)
      .where('deleted_at', 'is', null)
      .orderBy('letter'),
  );
}

export function yearStart(db: Db, yearId: string): string {
  return db.first(db.q.selectFrom('academic_year').select('start_date').where('id', '=', yearId))!.start_date;
}

/** The pairs whose both children are in the given set. */
export function pairRows(db: Db, ids: ReadonlySet<string>) {
  return db
    .all(db.q.selectFrom('enrollment_pair').select(['id', 'first_id', 'second_id', 'together']).where('deleted_at', 'is', null).orderBy('created_at'))
    .filter((p) => ids.has(p.first_id) && ids.has(p.second_id));
}

export function pairBetween(db: Db, a: string, b: string) {
  return db.first(
    db.q
      .selectFrom('enrollment_pair')
      .select(['id'])
      .where('deleted_at', 'is', null)
      .where((eb) => eb.or([eb.and([eb('first_id', '=', a), eb('second_id', '=', b)]), eb.and([eb('first_id', '=', b), eb('second_id', '=', a)])])),
  );
}
