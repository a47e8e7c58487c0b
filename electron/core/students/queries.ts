// The students feature's questions about class history (issue 9: dated memberships).
// On a day D a student is in the class of the membership with date_from <= D < date_to
// (date_to null: still there); see db/migrations/0005_dated_memberships.ts.
import type { Ctx } from '../context';
import { fullName } from '../format';
import { invalid } from '../../api/errors';
import { className as nameOfClass } from '../../api/text';

import type { RosterEntry } from '../../api/students';
import { notFound } from '../../api/errors';

export type { RosterEntry };

/** Who was in the class on `date` ('YYYY-MM-DD'), by name — removed students included for the days they were there. */
export function classRosterOn(ctx: Ctx, classId: string, date: string): RosterEntry[] {
  const { db } = ctx;
  if (!db.first(db.q.selectFrom('school_class').select('id').where('id', '=', classId))) throw notFound('Класс');
  const rows = db.all(
    db.q
      .selectFrom('class_membership as m')
      .innerJoin('student as s', 's.id', 'm.student_id')
      .select(['m.student_id', 'm.date_from', 'm.date_to', 's.last_name', 's.first_name', 's.middle_name'])
      .where('m.class_id', '=', classId)
      .where('m.deleted_at', 'is', null)
      .where('m.date_from', '<=', date)
      .where((eb) => eb.or([eb('m.date_to', 'is', null), eb('m.date_to', '>', date)])),
  );
  return rows
    .map((r) => ({ studentId: r.student_id, fullName: fullName(r), dateFrom: r.date_from, dateTo: r.date_to }))
    .sort((a, b) => a.fullName.localeCompare(b.fullName, 'ru') || a.studentId.localeCompare(b.studentId));
}

/**
 * «Who was in 5А on 12.11.2026»: the class named `className` («5А», «5а», «5 А») of the school year
 * that contains the day (else of the current year), and its roster on that day.
 */
export function whoWasIn(ctx: Ctx, className: string, date: string): RosterEntry[] {
  const { db } = ctx;
  const m = /^\s*(\d{1,2})\s*([А-ЯЁа-яё]{1,2})\s*$/.exec(className);
  if (!m) throw invalid(`«${className}» — не название класса (например, 5А)`);
  const grade = Number(m[1]);
  const letter = m[2]!.toUpperCase();
  const classes = db.all(
    db.q
      .selectFrom('school_class as c')
      .innerJoin('academic_year as y', 'y.id', 'c.year_id')
      .select(['c.id', 'y.start_date', 'y.end_date', 'y.is_current'])
      .where('c.grade', '=', grade)
      .where('c.letter', '=', letter)
      .where('c.deleted_at', 'is', null)
      .where('y.deleted_at', 'is', null),
  );
  const c = classes.find((x) => x.start_date <= date && date <= x.end_date) ?? classes.find((x) => x.is_current === 1) ?? classes[0];
  if (!c) throw invalid(`Класса ${nameOfClass({ grade, letter })} нет`);
  return classRosterOn(ctx, c.id, date);
}

/** The class a student was in on `date` (null: in none). */
export function classOfStudentOn(ctx: Ctx, studentId: string, date: string): string | null {
  const { db } = ctx;
  return (
    db.first(
      db.q
        .selectFrom('class_membership')
        .select('class_id')
        .where('student_id', '=', studentId)
        .where('deleted_at', 'is', null)
        .where('date_from', '<=', date)
        .where((eb) => eb.or([eb('date_to', 'is', null), eb('date_to', '>', date)])),
    )?.class_id ?? null
  );
}
