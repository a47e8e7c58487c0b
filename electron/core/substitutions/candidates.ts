// Who could take a lesson, ranked and explained (PRACTICE.md «Timetable»: as Untis and aSc rank):
// free at that time (no lesson of their own then, by the bell times, across shifts, unless it is
// cancelled, moved away or given to someone else that date; no other change giving them a lesson
// then; not absent), then teaches the subject (a qualification on the staff card or a teaching
// assignment of it), then knows the class (teaches it), then the fewest substitutions this month,
// then no new window in their day. Busy or absent teachers (or busy by the version's
// teacher_unavailable: a methodical day) come last, with the reason.
import type { Db } from '../../../db';
import type { CoverCandidate } from '../../api/substitutions';
import { absenceReasons } from '../../api/enums';
import { countOf } from '../../api/plural';
import { genderOf } from '../groups/load';
import { ruDate } from '../format';
import * as q from './queries';
import { atLesson, monthRange, Schedule, type Lesson } from './day';

const MONTH_IN = ['январе', 'феврале', 'марте', 'апреле', 'мае', 'июне', 'июле', 'августе', 'сентябре', 'октябре', 'ноябре', 'декабре'];

/** The lessons a teacher holds on the lesson's date, apart from the lesson itself. */
export const heldBy = (lessons: Lesson[], staffId: string, except: Lesson | null) =>
  lessons.filter((l) => l.active && l.teacherId === staffId && l !== except && !(except && l.card.id === except.card.id && l.sourceDate === except.sourceDate));

export const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/** «Котов О. И. в это время ведёт урок в 7А» */
export const busyMessage = (who: string, l: Lesson) => `${who} в это время ведёт урок в ${l.card.target_name}`;

/** «Котов О. И.: методический день» (teacher_unavailable of the version). */
export const unavailableMessage = (who: string, u: q.UnavailableRow) =>
  `${who}: ${u.reason === 'methodical_day' ? 'методический день' : u.lesson_no === null ? 'в этот день не ведёт уроки (по расписанию)' : 'в это время не ведёт уроки (по расписанию)'}`;

/** «Отсутствует (болезнь) с 01.12.2026 по 04.12.2026» */
export const absentMessage = (who: string, a: q.AbsenceRow) => `${who} отсутствует (${absenceReasons.text(a.reason)}) с ${ruDate(a.date_from)} по ${ruDate(a.date_to)}`;

/**
 * Gaps between a teacher's lessons of a day that hold a whole lesson of some shift's bells
 * (windows). Lessons are [start, end) in minutes.
 */
export function windows(s: Schedule, spans: { start: number; end: number }[]): number {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const bells = [...s.bells.values()].flatMap((m) => [...m.values()]);
  let n = 0;
  let end = -1;
  for (const x of sorted) {
    if (end >= 0 && x.start > end && bells.some((b) => b.start >= end && b.end <= x.start)) n++;
    end = Math.max(end, x.end);
  }
  return n;
}

export interface Knowledge {
  qualified: (staffId: string, subjectId: string) => boolean;
  knowsClass: (staffId: string, card: q.CardRow) => boolean;
}

export function knowledge(db: Db, s: Schedule, date: string): Knowledge {
  const quals = new Set(q.qualifications(db).map((r) => `${r.staff_id}|${r.subject_id}`));
  const assignments = q.assignments(db);
  for (const a of assignments) quals.add(`${a.teacher_id}|${a.subject_id}`);
  const classes = new Set<string>();
  for (const a of assignments) classes.add(`${a.teacher_id}|${a.class_id ?? a.study_group_id}`);
  const v = s.versionOn(date);
  for (const c of v ? s.cardsOf(v.id) : []) classes.add(`${c.teacher_id}|${c.class_id ?? c.study_group_id}`);
  return {
    qualified: (staffId, subjectId) => quals.has(`${staffId}|${subjectId}`),
    knowsClass: (staffId, card) => classes.has(`${staffId}|${card.class_id ?? card.study_group_id}`),
  };
}

/** substitutions.candidates */
export function candidates(db: Db, date: string, cardId: string): CoverCandidate[] {
  const s = new Schedule(db);
  const lesson = s.lesson(date, cardId);
  const card = lesson.card;
  const lessons = s.lessons(date);
  const know = knowledge(db, s, date);
  const [from, to] = monthRange(date.slice(0, 7));
  const counts = q.substitutionCounts(db, from, to);
  const month = MONTH_IN[Number(date.slice(5, 7)) - 1]!;
  const where = card.class_name ?? card.target_name;
  const out: (CoverCandidate & { sort: number[] })[] = [];
  for (const t of q.teachers(db)) {
    if (t.id === card.teacher_id) continue;
    const female = genderOf({ ...t, gender: t.gender as 'm' | 'f' | null }) === 'f';
    const absence = s.absenceOf(t.id, date);
    const own = heldBy(lessons, t.id, lesson);
    const busy = own.find((l) => overlaps(l, lesson));
    const off = absence || busy ? null : s.unavailableAt(t.id, date, lesson);
    const refused = absence ? absentMessage(t.short, absence) : busy ? busyMessage(t.short, busy) : off ? unavailableMessage(t.short, off) : null;
    const sameSubject = know.qualified(t.id, card.subject_id);
    const knowsClass = know.knowsClass(t.id, card);
    const n = counts.get(t.id) ?? 0;
    const newWindow = own.length > 0 && windows(s, [...own, lesson]) > windows(s, own);
    const reasons = [
      refused ?? `${female ? 'Свободна' : 'Свободен'} ${atLesson(lesson.lessonNo)}`,
      sameSubject ? `Ведёт предмет «${card.subject_name}»` : `Не ведёт предмет «${card.subject_name}»`,
      knowsClass ? `Знает класс ${where}` : `Не работает в ${where}`,
      n ? `${countOf(n, 'замена', 'замены', 'замен')} в ${month}` : `Нет замен в ${month}`,
      !own.length ? 'Других уроков в этот день нет' : newWindow ? 'Появится окно в расписании' : 'Без нового окна',
    ];
    out.push({
      staffId: t.id, name: t.name, rank: 0, free: !refused, sameSubject, knowsClass, substitutionsThisMonth: n, newWindow, reasons, refused,
      sort: [refused ? 1 : 0, sameSubject ? 0 : 1, knowsClass ? 0 : 1, n, newWindow ? 1 : 0],
    });
  }
  const cmp = (a: number[], b: number[]) => a.reduce((r, x, i) => r || x - b[i]!, 0);
  out.sort((a, b) => cmp(a.sort, b.sort) || a.name.localeCompare(b.name, 'ru'));
  return out.map(({ sort: _, ...c }, i) => ({ ...c, rank: i + 1 }));
}
