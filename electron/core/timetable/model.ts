// The timetable as the clash check, the warnings, the generator and the FET export see it: one
// version's cards with everything needed to decide, loaded in one read (queries.ts loadModel) and
// then pure. The rules of a clash (docs/timetable.md «What is a clash») are the check's
// (check.ts); the generator keeps to the same rules and its result is held to check.ts in tests.
import type { RoomKind, WeekParity } from '../../api/enums';
import type { TimetableRules } from '../../api/timetable';

/** A lesson slot of a shift with its bell times in minutes from midnight ([start, end)). */
export interface ModelSlot {
  shift: number;
  lessonNo: number;
  start: number;
  end: number;
}

export interface ModelCard {
  id: string;
  teacherId: string;
  subjectId: string;
  classId: string | null;
  subgroupId: string | null;
  /** The division (class + subject split) the subgroup belongs to: its sibling subgroups share it. */
  divisionId: string | null;
  studyGroupId: string | null;
  /** The class's parallel; a study group's lowest member's. */
  grade: number | null;
  shift: number;
  duration: number;
  weeks: WeekParity;
  weekday: number | null;
  lessonNo: number | null;
  roomId: string | null;
  pinned: boolean;
}

export interface ModelUnavailable {
  staffId: string;
  weekday: number;
  shift: number;
  /** null: the whole day. */
  lessonNo: number | null;
  reason: 'unavailable' | 'methodical_day';
}

export interface TimetableModel {
  timetableId: string;
  days: 5 | 6;
  fortnight: boolean;
  /** The version's first day ('YYYY-MM-DD'): its month picks first grade's step-mode limit (absent: September's). */
  validFrom?: string;
  rules: TimetableRules;
  slots: ModelSlot[];
  cards: ModelCard[];
  unavailable: ModelUnavailable[];
  rooms: Map<string, { number: string; kind: RoomKind }>;
  /** The kind of room a subject needs (absent: any). */
  subjectRoomKind: Map<string, RoomKind>;
  /**
   * Students on the version's first day: of each subgroup and study group, and each student's
   * class. A study group's card clashes with any card that has one of its students at that time.
   */
  subgroupStudents: Map<string, string[]>;
  studyGroupStudents: Map<string, string[]>;
  studentClass: Map<string, string>;
  /** Names for the messages: «Петрова А. С.», «Алгебра», «6Б», «6Б · 1 подгр.», a group's name, a room's number. */
  names: {
    teacher: Map<string, string>;
    subject: Map<string, string>;
    class: Map<string, string>;
    subgroup: Map<string, string>;
    studyGroup: Map<string, string>;
  };
}

export const WEEKDAY_SHORT = ['', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'] as const;
export const WEEKDAY_NAME = ['', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'] as const;

/** Two cards' weeks meet: every week meets all; odd meets odd, even meets even. */
export function weeksMeet(a: WeekParity, b: WeekParity): boolean {
  return a === 'every' || b === 'every' || a === b;
}
