// Wording and small helpers shared by the substitutions pages (issue 11 point 4; R9).
import { useMemo } from 'react';
import type { DayLesson, LessonChange } from '../../../electron/api/substitutions';
import type { Staff } from '../../../electron/api/types';
import { absenceReasons } from '../../../electron/api/enums';
import { useOp } from '../data/useOp';
import { ruDate } from '../lib/dates';

export const PDF = 'application/pdf';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const REASON_LABELS = absenceReasons.labels;
export const REASON_OPTIONS = absenceReasons.options;

const WEEKDAYS = ['воскресенье', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'];
const MONTHS = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];

/** The day page's address: '/substitutions?date=2026-12-02'. */
export function substitutionsHref(date: string, tab?: string): string {
  return `/substitutions?date=${date}${tab ? `&tab=${tab}` : ''}`;
}

/** '2026-12-02' → 'среда'. */
export function weekdayOf(iso: string): string {
  return WEEKDAYS[new Date(iso + 'T00:00:00Z').getUTCDay()]!;
}

/** '2026-12' → 'декабрь 2026'. */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-');
  return `${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

/** The months of a school year, 'YYYY-MM', from its first day's month to its last day's. */
export function monthsBetween(startIso: string, endIso: string): string[] {
  const out: string[] = [];
  let y = Number(startIso.slice(0, 4));
  let m = Number(startIso.slice(5, 7));
  const endY = Number(endIso.slice(0, 4));
  const endM = Number(endIso.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
    if (out.length > 24) break;
  }
  return out;
}

/** «3-й урок» */
export function lessonLabel(n: number): string {
  return `${n}-й урок`;
}

/** What was done to the lesson, in one line: «Замена: Сидорова О. П., тот же предмет». */
export function changeText(c: LessonChange): string {
  switch (c.kind) {
    case 'substitute':
      return `Замена: ${c.substituteName ?? '—'}${c.sameSubject === null ? '' : c.sameSubject ? ', тот же предмет' : ', другой предмет'}`;
    case 'merge':
      return `Подгруппы объединены: ведёт ${c.substituteName ?? '—'}`;
    case 'cancel':
      return 'Урок отменён';
    case 'move':
      return `Перенесён на ${ruDate(c.toDate)}${c.toLessonNo ? `, ${lessonLabel(c.toLessonNo)}` : ''}${c.roomNumber ? `, каб. ${c.roomNumber}` : ''}`;
    case 'room':
      return `Другой кабинет: ${c.roomNumber ?? '—'}`;
  }
}

/** The colour of a change's badge: a new teacher blue, a cancellation red, the rest grey-violet. */
export function changeColor(c: LessonChange): string {
  return c.kind === 'substitute' || c.kind === 'merge' ? 'blue' : c.kind === 'cancel' ? 'red' : 'grape';
}

/**
 * Lessons of the same class at the same lesson of the day taught to another subgroup: the ones a
 * subgroup's lesson may be merged with (the core checks that they are siblings of one division).
 * Those of the same subject first.
 */
export function mergeCandidates(lesson: DayLesson, all: DayLesson[]): DayLesson[] {
  if (!lesson.subgroupId || !lesson.classId) return [];
  return all
    .filter((l) => l.cardId !== lesson.cardId && l.classId === lesson.classId && l.subgroupId && l.subgroupId !== lesson.subgroupId && l.shift === lesson.shift && l.lessonNo === lesson.lessonNo)
    .sort((a, b) => Number(b.subjectId === lesson.subjectId) - Number(a.subjectId === lesson.subjectId));
}

const NONE: never[] = [];

/** The staff who teach (for the absence's «Учитель»), in the list's order; all staff when none is marked a teacher. */
export function useTeachers(): { teachers: Staff[]; error: unknown } {
  const q = useOp('staff.list', {});
  const staff = q.data ?? NONE;
  const teachers = useMemo(() => {
    const t = staff.filter((s) => s.roles.includes('teacher'));
    return t.length ? t : staff;
  }, [staff]);
  return { teachers, error: q.error };
}
