// The indicator «равноценность замены» per month (R9): of the lessons whose teacher changed
// (substitute, merge), the share taken by a teacher of the same subject (`same_subject`, fixed when
// assigned). The lessons of absent teachers left with no change at all are counted apart
// («пропущено», as the Дневник.ру report «Отмены и замены уроков» does); moves, cancellations and
// room changes are not substitutions and count in neither.
import type { Db } from '../../../db';
import type { SubstitutionIndicatorMonth } from '../../api/substitutions';
import { recordNotFound } from '../../../db/write';
import * as q from './queries';
import { addMonths, daysBetween, Schedule } from './day';

export function indicator(db: Db, yearId: string | null | undefined): SubstitutionIndicatorMonth[] {
  const s = new Schedule(db);
  const year = yearId ? q.yearById(db, yearId) : s.year;
  if (!year) {
    if (yearId) throw recordNotFound('academic_year');
    return [];
  }
  const months: string[] = [];
  for (let m = year.start_date.slice(0, 7); m <= year.end_date.slice(0, 7); m = addMonths(`${m}-01`, 1).slice(0, 7)) months.push(m);
  const subs = new Map(q.substitutionsByMonth(db, year.start_date, year.end_date).map((r) => [r.month, r]));
  const missed = new Map<string, number>();
  // Missed lessons: only the current year's timetable is known to the schedule.
  if (s.year?.id === year.id) {
    const changed = q.changedLessons(db, year.start_date, year.end_date);
    for (const a of s.allAbsences()) {
      const from = a.date_from < year.start_date ? year.start_date : a.date_from;
      const to = a.date_to > year.end_date ? year.end_date : a.date_to;
      for (const d of daysBetween(from, to))
        for (const l of s.lessons(d))
          if (!l.moved && l.card.teacher_id === a.staff_id && !changed.has(`${l.card.id}|${d}`)) missed.set(d.slice(0, 7), (missed.get(d.slice(0, 7)) ?? 0) + 1);
    }
  }
  return months.map((month) => {
    const r = subs.get(month);
    const n = r?.n ?? 0;
    const same = r?.same ?? 0;
    return { month, substituted: n, sameSubject: same, share: n ? same / n : null, missed: missed.get(month) ?? 0 };
  });
}
