// A date's lessons as they stand (issue 11 point 4; R9): the timetable version valid that day (the
// latest valid_from ≤ date of the current year), its placed cards on that weekday (odd/even weeks
// by the ISO week number's parity when the version has a fortnight), the bells of each card's
// shift, no lessons on holidays or outside the study periods of the class's parallel; each with its
// change and whether its teacher is absent. The lessons moved to the date from another date are
// there too, at their new place. Everything the candidates and the changes decide on is read here,
// so that each action reads it inside its own transaction.
import type { Db } from '../../../db';
import type { DayLesson, LessonChange, SubstitutionDay } from '../../api/substitutions';
import { invalid } from '../../api/errors';
import { recordNotFound } from '../../../db/write';
import { ruDate } from '../format';
import { currentYearOrNull } from '../year';
import * as q from './queries';
import { absenceView } from './absences';

export interface Bell {
  start: number;
  end: number;
  startsAt: string;
  endsAt: string;
}

/** One lesson on one date with what was done to it; `moved`: it was moved here from `sourceDate`. */
export interface Lesson {
  card: q.CardRow;
  date: string;
  /** The date the card's weekly lesson falls on (the change's date). */
  sourceDate: string;
  moved: boolean;
  lessonNo: number;
  shift: number;
  duration: number;
  /** [start, end) in minutes from midnight. */
  start: number;
  end: number;
  startsAt: string;
  endsAt: string;
  change: q.ChangeRow | null;
  /** Held at this place: not cancelled, not moved away. */
  active: boolean;
  /** Who teaches it: the substitute (or the merged subgroup's teacher), else the card's teacher. */
  teacherId: string;
  teacherShort: string;
  roomId: string | null;
  roomNumber: string | null;
  /** The card's teacher's absence covering `date`. */
  absence: q.AbsenceRow | null;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The ISO week number of a date. */
export function isoWeek(date: string): number {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  return Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
}

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The same day n months later (clamped to the month's end): 31.10 + 1 → 30.11. */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  const last = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  return `${ty}-${String(tm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function* daysBetween(from: string, to: string): Generator<string> {
  for (let d = from; d <= to; d = addDays(d, 1)) yield d;
}

/** The first and last day of a month 'YYYY-MM'. */
export function monthRange(month: string): [string, string] {
  return [`${month}-01`, addDays(addMonths(`${month}-01`, 1), -1)];
}

/**
 * The school's timetable over the current year, read once per action: versions, bells, holidays,
 * study periods and absences; each version's cards and each date's changes read when first asked.
 */
export class Schedule {
  readonly year: q.YearRow | null;
  private readonly versions: q.VersionRow[];
  readonly bells = new Map<number, Map<number, Bell>>();
  private readonly holidays: q.RangeRow[];
  private readonly periods: q.RangeRow[];
  private readonly cards = new Map<string, q.CardRow[]>();
  private readonly unavailable = new Map<string, q.UnavailableRow[]>();
  private readonly changes = new Map<string, q.ChangeRow[]>();
  private readonly days = new Map<string, Lesson[]>();
  private absences: q.AbsenceRow[] | null = null;

  constructor(readonly db: Db) {
    const yearId = currentYearOrNull({ db });
    this.year = yearId ? (q.yearById(db, yearId) ?? null) : null;
    this.versions = this.year ? q.versionsOf(db, this.year.id) : [];
    this.holidays = this.year ? q.holidaysOf(db, this.year.id) : [];
    this.periods = this.year ? q.periodsOf(db, this.year.id) : [];
    for (const b of this.year ? q.bellsOf(db, this.year.id) : []) {
      let m = this.bells.get(b.shift);
      if (!m) this.bells.set(b.shift, (m = new Map()));
      m.set(b.lesson_no, { start: minutes(b.starts_at), end: minutes(b.ends_at), startsAt: b.starts_at, endsAt: b.ends_at });
    }
  }

  /** The version valid on a date: the latest valid_from ≤ date, the date within the current year. */
  versionOn(date: string): q.VersionRow | null {
    if (!this.year || date < this.year.start_date || date > this.year.end_date) return null;
    let found: q.VersionRow | null = null;
    for (const v of this.versions) if (v.valid_from <= date) found = v;
    return found;
  }

  /** Why a parallel (null: a study group without classes: any) has no lessons on a date, or null when it has. */
  closed(date: string, grade: number | null): string | null {
    const covers = (r: q.RangeRow) => r.start_date <= date && date <= r.end_date && (grade === null || (r.grade_from <= grade && grade <= r.grade_to));
    const holiday = this.holidays.find(covers);
    if (holiday) return `${ruDate(date)} — каникулы (${holiday.name})`;
    if (!this.periods.some(covers)) return `${ruDate(date)} — не учебный день (вне учебных периодов)`;
    return null;
  }

  /** A card's bells at a lesson number: [start of the first, end of the last), or null when the shift has no such bells. */
  span(shift: number, lessonNo: number, duration: number): { start: number; end: number; startsAt: string; endsAt: string } | null {
    const first = this.bells.get(shift)?.get(lessonNo);
    const last = this.bells.get(shift)?.get(lessonNo + duration - 1);
    if (!first || !last) return null;
    return { start: first.start, end: last.end, startsAt: first.startsAt, endsAt: last.endsAt };
  }

  cardsOf(timetableId: string): q.CardRow[] {
    let c = this.cards.get(timetableId);
    if (!c) this.cards.set(timetableId, (c = q.placedCards(this.db, timetableId)));
    return c;
  }

  /**
   * A teacher's busy time of the version (teacher_unavailable) meeting a span on a date: the whole
   * day, or a lesson of some shift whose bells overlap the span; null when none.
   */
  unavailableAt(staffId: string, date: string, span: { start: number; end: number }): q.UnavailableRow | null {
    const v = this.versionOn(date);
    if (!v) return null;
    let list = this.unavailable.get(v.id);
    if (!list) this.unavailable.set(v.id, (list = q.unavailableOf(this.db, v.id)));
    const wd = weekdayOf(date);
    return (
      list.find((u) => {
        if (u.staff_id !== staffId || u.weekday !== wd) return false;
        if (u.lesson_no === null) return true;
        const b = this.bells.get(u.shift)?.get(u.lesson_no);
        return !!b && b.start < span.end && span.start < b.end;
      }) ?? null
    );
  }

  allAbsences(): q.AbsenceRow[] {
    return (this.absences ??= this.year ? q.absencesOverlapping(this.db, this.year.start_date, this.year.end_date) : []);
  }

  absenceOf(staffId: string, date: string): q.AbsenceRow | null {
    return this.allAbsences().find((a) => a.staff_id === staffId && a.date_from <= date && date <= a.date_to) ?? null;
  }

  private changesOn(date: string): q.ChangeRow[] {
    let c = this.changes.get(date);
    if (!c) this.changes.set(date, (c = q.changesOn(this.db, date)));
    return c;
  }

  /** Why there are no lessons at all on a date (no version, a day off), or null. */
  dayOff(date: string): string | null {
    const v = this.versionOn(date);
    if (!v) return this.year ? `На ${ruDate(date)} нет расписания текущего учебного года` : 'Сначала создайте учебный год (Настройка → Учебный год).';
    const wd = weekdayOf(date);
    if (wd > v.days) return `${ruDate(date)} — выходной день`;
    return null;
  }

  /** The weekly lessons of the cards on a date, before any change (no holidays, no days off). */
  planned(date: string): { card: q.CardRow; lessonNo: number; span: NonNullable<ReturnType<Schedule['span']>> }[] {
    const v = this.versionOn(date);
    if (!v || this.dayOff(date)) return [];
    const wd = weekdayOf(date);
    const parity = isoWeek(date) % 2 === 1 ? 'odd' : 'even';
    const out = [];
    for (const card of this.cardsOf(v.id)) {
      if (card.weekday !== wd || card.lesson_no === null) continue;
      if (v.fortnight && card.weeks !== 'every' && card.weeks !== parity) continue;
      if (this.closed(date, card.grade)) continue;
      const span = this.span(card.shift, card.lesson_no, card.duration);
      if (!span) continue;
      out.push({ card, lessonNo: card.lesson_no, span });
    }
    return out;
  }

  /** Every lesson on a date as it stands, with the lessons moved here (cached per action). */
  lessons(date: string): Lesson[] {
    const known = this.days.get(date);
    if (known) return known;
    const changes = this.changesOn(date);
    const own = new Map(changes.filter((c) => c.date === date).map((c) => [c.card_id, c]));
    const out: Lesson[] = [];
    const make = (card: q.CardRow, sourceDate: string, lessonNo: number, span: NonNullable<ReturnType<Schedule['span']>>, change: q.ChangeRow | null, moved: boolean): Lesson => {
      const away = !moved && change !== null && (change.kind === 'cancel' || change.kind === 'move');
      const teacherId = !moved && change?.substitute_id ? change.substitute_id : card.teacher_id;
      const roomId = moved ? (change?.room_id ?? card.room_id) : (change?.room_id ?? card.room_id);
      const roomNumber = change?.room_id ? change.room_number : card.room_number;
      return {
        card, date, sourceDate, moved, lessonNo, shift: card.shift, duration: card.duration, start: span.start, end: span.end, startsAt: span.startsAt, endsAt: span.endsAt,
        change, active: !away, teacherId, teacherShort: !moved && change?.substitute_short ? change.substitute_short : card.teacher_short, roomId, roomNumber,
        absence: this.absenceOf(card.teacher_id, date),
      };
    };
    for (const p of this.planned(date)) out.push(make(p.card, date, p.lessonNo, p.span, own.get(p.card.id) ?? null, false));
    for (const c of changes) {
      if (c.kind !== 'move' || c.to_date !== date || c.to_lesson_no === null) continue;
      const v = this.versionOn(c.date);
      const card = v ? this.cardsOf(v.id).find((k) => k.id === c.card_id) : q.cardById(this.db, c.card_id);
      const found = card ?? q.cardById(this.db, c.card_id);
      if (!found) continue;
      const span = this.span(found.shift, c.to_lesson_no, found.duration);
      if (span) out.push(make(found, c.date, c.to_lesson_no, span, c, true));
    }
    out.sort((a, b) => a.start - b.start || a.lessonNo - b.lessonNo || a.card.target_name.localeCompare(b.card.target_name, 'ru'));
    this.days.set(date, out);
    return out;
  }

  /** The lesson of a card on a date (its weekly place, not a lesson moved there), or a Russian refusal. */
  lesson(date: string, cardId: string): Lesson {
    const l = this.lessons(date).find((x) => x.card.id === cardId && !x.moved);
    if (l) return l;
    const card = q.cardById(this.db, cardId);
    if (!card) throw recordNotFound('timetable_card');
    const off = this.dayOff(date) ?? (card.grade !== null || card.class_id ? this.closed(date, card.grade) : null);
    throw invalid(off ? `${off}: уроков нет.` : `У ${card.target_name} нет этого урока (${card.subject_name}) ${ruDate(date)} по расписанию.`);
  }
}

/** «3-й урок» */
export const lessonOrdinal = (n: number) => `${n}-й урок`;
/** «на 3-м уроке» */
export const atLesson = (n: number) => `на ${n}-м уроке`;

export function changeView(c: q.ChangeRow): LessonChange {
  return {
    id: c.id, date: c.date, cardId: c.card_id, kind: c.kind, absenceId: c.absence_id, substituteId: c.substitute_id, substituteName: c.substitute_name,
    sameSubject: c.same_subject === null ? null : c.same_subject === 1, toDate: c.to_date, toLessonNo: c.to_lesson_no, roomId: c.room_id, roomNumber: c.room_number, note: c.note,
  };
}

export function lessonView(l: Lesson): DayLesson {
  const c = l.card;
  return {
    cardId: c.id, date: l.date, lessonNo: l.lessonNo, startsAt: l.startsAt, endsAt: l.endsAt, shift: l.shift,
    classId: c.class_id, subgroupId: c.subgroup_id, studyGroupId: c.study_group_id, targetName: c.target_name,
    subjectId: c.subject_id, subjectName: c.subject_name, teacherId: c.teacher_id, teacherName: c.teacher_name, roomNumber: c.room_number,
    teacherAbsent: l.absence !== null, absenceId: l.absence?.id ?? null, change: l.change ? changeView(l.change) : null,
    needsCover: !l.moved && l.absence !== null && l.change === null,
  };
}

/** substitutions.day: the date's lessons, its absences, how many lessons still need cover. */
export function substitutionDay(db: Db, date: string): SubstitutionDay {
  const s = new Schedule(db);
  const v = s.versionOn(date);
  const lessons = s.lessons(date).map(lessonView);
  const absences = q.absencesOverlapping(db, date, date).map((a) => absenceView(s, a));
  return { date, timetable: v ? { id: v.id, name: v.name } : null, absences, lessons, needCover: lessons.filter((l) => l.needsCover).length };
}

/** The lessons of a teacher on each day of from..to (their weekly places, as they stand). */
export function teacherLessons(s: Schedule, staffId: string, from: string, to: string): Lesson[] {
  const out: Lesson[] = [];
  for (const d of daysBetween(from, to)) for (const l of s.lessons(d)) if (!l.moved && l.card.teacher_id === staffId) out.push(l);
  return out;
}

/** substitutions.forAbsence: every lesson of an absence's days. */
export function forAbsence(db: Db, absenceId: string): DayLesson[] {
  const a = q.absenceById(db, absenceId);
  if (!a) throw notFoundAbsence();
  const s = new Schedule(db);
  return teacherLessons(s, a.staff_id, a.date_from, a.date_to).map(lessonView);
}

export const notFoundAbsence = () => recordNotFound('teacher_absence');
