// The office's timetable as the simulator reads it from the school's records (issue 11, point 5;
// docs/simulate.md): the versions (`timetable`), their placed cards (`timetable_card`) and what was
// done to single lessons (`lesson_change`), all plain rows pushed by the office computers through
// the sync. Which version holds on a day, which cards meet that day (odd/even weeks of a fortnight
// version by ISO week parity), and the day's changes: a substitute or merged subgroups (the
// substituting teacher keeps the journal, R9), a cancellation, a move to another date and lesson.
// A room change is not the journal's business (a lesson has no room).
import type { Row } from '../../db/schema';
import { dayOf, weekday } from './calendar';

export interface OfficeCard {
  id: string;
  assignmentId: string | null;
  teacherId: string;
  subjectId: string;
  classId: string | null;
  subgroupId: string | null;
  studyGroupId: string | null;
  shift: number;
  duration: number;
  weeks: 'every' | 'odd' | 'even';
  weekday: number;
  lessonNo: number;
}

export interface OfficeVersion {
  id: string;
  /** Day number of `valid_from`. */
  from: number;
  /** 5 or 6: a six-day version has lessons on Saturday. */
  days: number;
  fortnight: boolean;
  /** Its live placed cards, by id. */
  cards: OfficeCard[];
}

export interface OfficeChange {
  kind: 'substitute' | 'merge' | 'cancel' | 'move' | 'room';
  substituteId: string | null;
  /** A move: the day number and lesson it goes to. */
  toDn: number | null;
  toLessonNo: number | null;
}

/** A lesson moved onto a day (from its own date): the card and its new first lesson number. */
export interface MovedIn {
  card: OfficeCard;
  lessonNo: number;
  /** The day it was moved from. */
  fromDn: number;
}

export interface OfficeTimetable {
  /** Versions of the year (live), by valid_from. */
  versions: readonly OfficeVersion[];
  /** Live lesson changes of placed cards of the year's versions. */
  changes: number;
  /** The version valid on a day (the latest valid_from ≤ day), when it has placed cards; else null (the simulator's own week). */
  versionOn(dn: number): OfficeVersion | null;
  /** The cards of a version meeting on a day (its weekday; a fortnight version's odd/even cards in odd/even ISO weeks), by id. */
  cardsOn(v: OfficeVersion, dn: number): OfficeCard[];
  /** The change of a card's lesson on a day (the latest live one). */
  changeOf(cardId: string, dn: number): OfficeChange | undefined;
  /** Lessons moved onto a day, by card id. */
  movedTo(dn: number): readonly MovedIn[];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The ISO 8601 week number of a day (the week of its Thursday). */
export function isoWeek(dn: number): number {
  const thursday = dn - weekday(dn) + 4;
  const y = new Date(thursday * 86_400_000).getUTCFullYear();
  return Math.floor((thursday - dayOf(`${y}-01-01`)) / 7) + 1;
}

export function officeTimetable(
  yearId: string,
  timetables: readonly Row<'timetable'>[],
  cards: readonly Row<'timetable_card'>[],
  changes: readonly Row<'lesson_change'>[],
): OfficeTimetable {
  const versions: OfficeVersion[] = timetables
    .filter((t) => t.deleted_at === null && t.year_id === yearId)
    .sort((a, b) => cmp(a.valid_from, b.valid_from) || cmp(a.id, b.id))
    .map((t) => ({ id: t.id, from: dayOf(t.valid_from), days: t.days === 6 ? 6 : 5, fortnight: t.fortnight === 1, cards: [] }));
  const versionById = new Map(versions.map((v) => [v.id, v]));
  const cardById = new Map<string, OfficeCard>();
  for (const c of [...cards].sort((a, b) => cmp(a.id, b.id))) {
    const v = versionById.get(c.timetable_id);
    if (!v || c.deleted_at !== null || c.weekday === null || c.lesson_no === null) continue;
    const card: OfficeCard = {
      id: c.id,
      assignmentId: c.assignment_id,
      teacherId: c.teacher_id,
      subjectId: c.subject_id,
      classId: c.class_id,
      subgroupId: c.subgroup_id,
      studyGroupId: c.study_group_id,
      shift: c.shift === 2 ? 2 : 1,
      duration: c.duration === 2 ? 2 : 1,
      weeks: c.weeks,
      weekday: c.weekday,
      lessonNo: c.lesson_no,
    };
    v.cards.push(card);
    cardById.set(c.id, card);
  }
  const byCardDay = new Map<string, OfficeChange>();
  const moved = new Map<number, MovedIn[]>();
  let count = 0;
  // The latest of a card and date wins (there is at most one live: a unique index in the app).
  for (const ch of [...changes].sort((a, b) => cmp(a.updated_at, b.updated_at) || cmp(a.id, b.id))) {
    const card = cardById.get(ch.card_id);
    if (!card || ch.deleted_at !== null) continue;
    const dn = dayOf(ch.date);
    const key = `${ch.card_id}|${dn}`;
    if (!byCardDay.has(key)) count++;
    byCardDay.set(key, {
      kind: ch.kind,
      substituteId: ch.substitute_id,
      toDn: ch.to_date ? dayOf(ch.to_date) : null,
      toLessonNo: ch.to_lesson_no,
    });
  }
  for (const [key, ch] of [...byCardDay].sort((a, b) => cmp(a[0], b[0]))) {
    if (ch.kind !== 'move' || ch.toDn === null || ch.toLessonNo === null) continue;
    const [cardId, fromDn] = key.split('|') as [string, string];
    const list = moved.get(ch.toDn) ?? [];
    list.push({ card: cardById.get(cardId)!, lessonNo: ch.toLessonNo, fromDn: Number(fromDn) });
    moved.set(ch.toDn, list);
  }

  return {
    versions,
    changes: count,
    versionOn(dn) {
      let valid: OfficeVersion | null = null;
      for (const v of versions) if (v.from <= dn) valid = v;
      return valid && valid.cards.length > 0 ? valid : null;
    },
    cardsOn(v, dn) {
      const wd = weekday(dn);
      if (wd > v.days) return [];
      const parity = isoWeek(dn) % 2 === 1 ? 'odd' : 'even';
      return v.cards.filter((c) => c.weekday === wd && (!v.fortnight || c.weeks === 'every' || c.weeks === parity));
    },
    changeOf: (cardId, dn) => byCardDay.get(`${cardId}|${dn}`),
    movedTo: (dn) => moved.get(dn) ?? [],
  };
}
