// Teachers' absences (illness, course, trip; R9): saved with their dates (both inclusive), listed
// with the lessons they leave and how many of those have a change; one that runs past two months is
// flagged (its substitutions are paid as tariffed load, the pay journal marks them). An absence is
// not removed while changes are linked to it: the user removes those first (the refusal says how
// many), so that no substitution loses the absence it was paid for.
import type { Ctx } from '../context';
import type { TeacherAbsence } from '../../api/substitutions';
import type { AbsenceReason } from '../../api/enums';
import { absenceReasons, type Gender } from '../../api/enums';
import { genderOf } from '../groups/load';
import { invalid } from '../../api/errors';
import { countOf } from '../../api/plural';
import { recordNotFound } from '../../../db/write';
import { act } from '../tx';
import { ruDate } from '../format';
import * as q from './queries';
import { addDays, addMonths, Schedule, teacherLessons } from './day';

/** It runs past two months: the last day is on or after the same day two months later. */
export const overTwoMonths = (from: string, to: string) => to >= addMonths(from, 2);

export function absenceView(s: Schedule, a: q.AbsenceRow): TeacherAbsence {
  const lessons = teacherLessons(s, a.staff_id, a.date_from, a.date_to);
  return {
    id: a.id, staffId: a.staff_id, teacherName: a.teacher_name, dateFrom: a.date_from, dateTo: a.date_to, reason: a.reason, note: a.note,
    lessons: lessons.length, covered: lessons.filter((l) => l.change !== null).length, overTwoMonths: overTwoMonths(a.date_from, a.date_to),
  };
}

/** absences.list: those overlapping from..to. */
export function listAbsences(ctx: Ctx, from: string, to: string): TeacherAbsence[] {
  if (to < from) throw invalid('Дата окончания периода раньше даты начала.', [{ column: 'to', message: 'Дата окончания раньше даты начала' }]);
  const s = new Schedule(ctx.db);
  return q.absencesOverlapping(ctx.db, from, to).map((a) => absenceView(s, a));
}

export interface AbsenceInput {
  id?: string | null;
  staffId: string;
  dateFrom: string;
  dateTo: string;
  reason: AbsenceReason;
  note?: string | null;
}

/** absences.save: a new absence or a changed one, checked inside its transaction. */
export function saveAbsence(ctx: Ctx, i: AbsenceInput): TeacherAbsence {
  if (i.dateTo < i.dateFrom)
    throw invalid(`Дата окончания (${ruDate(i.dateTo)}) раньше даты начала (${ruDate(i.dateFrom)}).`, [{ column: 'dateTo', message: 'Дата окончания раньше даты начала' }]);
  if (i.dateTo > addDays(addMonths(i.dateFrom, 12), -1))
    throw invalid('Отсутствие не может быть длиннее года: укажите его по частям.', [{ column: 'dateTo', message: 'Не более года' }]);
  const note = i.note?.trim() || null;
  const id = act(ctx, (w) => {
    const { db } = ctx;
    const teacher = q.staffById(db, i.staffId);
    if (!teacher) throw recordNotFound('staff');
    const clash = q.absencesOverlapping(db, i.dateFrom, i.dateTo, i.staffId).find((a) => a.id !== i.id);
    if (clash)
      throw invalid(`${teacher.short} уже ${genderOf({ ...teacher, gender: teacher.gender as Gender | null }) === 'f' ? 'отмечена отсутствующей' : 'отмечен отсутствующим'} с ${ruDate(clash.date_from)} по ${ruDate(clash.date_to)} (${absenceReasons.text(clash.reason)}): измените те даты.`, [
        { column: 'dateFrom', message: 'Пересекается с другим отсутствием' },
      ]);
    // An absent teacher cannot keep the lessons given to them those days: those are changed first.
    const given = q.givenTo(db, i.staffId, i.dateFrom, i.dateTo);
    if (given.n)
      throw invalid(
        `${teacher.short} ${given.n === 1 ? 'заменяет урок' : `заменяет ${countOf(given.n, 'урок', 'урока', 'уроков')}`} в эти дни (первый — ${ruDate(given.date)}, ${given.lesson_no}-й урок в ${given.target}): сначала назначьте на ${given.n === 1 ? 'него' : 'них'} другого учителя.`,
        [{ column: 'dateFrom', message: 'В эти дни назначен на замены' }],
      );
    const row = { staff_id: i.staffId, date_from: i.dateFrom, date_to: i.dateTo, reason: i.reason, note };
    if (!i.id) return w.insert('teacher_absence', row).id;
    const old = q.absenceById(db, i.id);
    if (!old) throw recordNotFound('teacher_absence');
    if (old.staff_id !== i.staffId && q.changesOfAbsence(db, i.id) > 0)
      throw invalid('К отсутствию уже привязаны замены: учителя изменить нельзя. Отмените замены или отметьте новое отсутствие.', [{ column: 'staffId', message: 'Есть замены' }]);
    const outside = q.changesOfAbsenceOutside(db, i.id, i.dateFrom, i.dateTo);
    if (outside)
      throw invalid(`Вне новых дат остаются ${countOf(outside, 'изменение урока', 'изменения уроков', 'изменений уроков')} этого отсутствия: сначала отмените их.`, [
        { column: 'dateTo', message: 'Есть замены вне этих дат' },
      ]);
    w.update('teacher_absence', i.id, row);
    return i.id;
  });
  return absenceView(new Schedule(ctx.db), q.absenceById(ctx.db, id)!);
}

/** absences.remove: refused while changes are linked to it (removing them is the user's choice). */
export function removeAbsence(ctx: Ctx, id: string): void {
  act(ctx, (w) => {
    const a = q.absenceById(ctx.db, id);
    if (!a) throw recordNotFound('teacher_absence');
    const n = q.changesOfAbsence(ctx.db, id);
    if (n)
      throw invalid(
        `К отсутствию ${a.teacher_short} (${ruDate(a.date_from)}–${ruDate(a.date_to)}) привязаны ${countOf(n, 'изменение урока', 'изменения уроков', 'изменений уроков')}: сначала отмените их.`,
      );
    w.remove('teacher_absence', id);
  });
}
