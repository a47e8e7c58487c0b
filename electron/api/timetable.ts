// The timetable (issue 11; R8): versions by the date from which each applies, the lesson cards of
// the тарификация placed on the week's lesson slots, every edit checked before it lands (a clash is
// refused with its reason, never saved), the СанПиН warnings, the generator, FET export/import.
// Handlers: electron/core/timetable/ops.ts. Deputies change only their parallels (R8).
import { z } from 'zod';
import * as s from './schemas';
import { change, job, read, view, write } from './ops';
import type { ExportedFile } from './common';
import { unavailableReasons, weekParities, type RoomKind, type UnavailableReason, type WeekParity } from './enums';

export interface TimetableVersion {
  id: string;
  yearId: string;
  name: string;
  /** The first day it applies. */
  validFrom: string;
  /** The last day it applies (the day before the next version's); null: to the end of the year. */
  validTo: string | null;
  days: 5 | 6;
  fortnight: boolean;
  cards: number;
  placed: number;
}

/** A lesson slot of a shift: its number and bell times. */
export interface TimetableSlot {
  shift: number;
  lessonNo: number;
  startsAt: string;
  endsAt: string;
}

/** Where a card is: a weekday (1 = Monday) and a lesson number of its shift, or not placed (both null). */
export interface CardPlace {
  weekday: number | null;
  lessonNo: number | null;
  roomId: string | null;
  pinned: boolean;
}

export interface TimetableCard extends CardPlace {
  id: string;
  assignmentId: string | null;
  teacherId: string;
  /** «Петрова А. С.» */
  teacherName: string;
  subjectId: string;
  subjectName: string;
  subjectShort: string;
  classId: string | null;
  subgroupId: string | null;
  studyGroupId: string | null;
  /** Whom it teaches: «5А», «5А · 1 подгр.», a study group's name. */
  targetName: string;
  /** The class's parallel; a study group's lowest; for the deputies' parallels (R8). */
  grade: number | null;
  shift: number;
  duration: number;
  weeks: WeekParity;
  roomNumber: string | null;
  /** The current user may move it (a deputy: a card of one of their parallels). */
  editable: boolean;
}

/** A hard clash: never saved. */
export type ClashKind = 'teacher' | 'class' | 'subgroup' | 'student' | 'room' | 'unavailable' | 'room_kind' | 'no_slot';

export interface Clash {
  kind: ClashKind;
  cardId: string;
  /** The card it clashes with (none for an unavailable teacher, a wrong room kind, a slot without a bell). */
  otherCardId: string | null;
  /** In Russian, naming who and where: «Петрова А. С. в это время ведёт урок в 6Б (вт, 3-й урок)». */
  message: string;
}

/** A warning: allowed, counted and listed (СанПиН limits, the difficulty scale, windows). */
export type WarningKind = 'day_load' | 'week_load' | 'difficulty_peak' | 'hard_in_row' | 'teacher_window' | 'first_grade' | 'subject_twice';

export interface TimetableWarning {
  kind: WarningKind;
  message: string;
  classId: string | null;
  teacherId: string | null;
  weekday: number | null;
  cardIds: string[];
}

export interface TimetableCheck {
  clashes: Clash[];
  warnings: TimetableWarning[];
  /** Warnings counted by kind. */
  counts: Record<WarningKind, number>;
}

/**
 * The editable limits the warnings use (PRACTICE.md «Timetable»; defaults from СанПиН 1.2.3685-21
 * and the difficulty scale of СанПиН 2.4.2.2821-10). Keys of grades are '1'…'11'.
 */
export interface TimetableRules {
  /** Weekly maximum of academic hours by grade: [five-day week, six-day week] (null: none). */
  weeklyMax: Record<string, [number | null, number | null]>;
  /** Lessons a day at most, by grade. */
  dailyMax: Record<string, number>;
  /** Difficulty points by subject id, then by grade. */
  difficulty: Record<string, Record<string, number>>;
  /** A subject at or above these points is «hard»; more than `maxHardInRow` hard lessons in a row warn. */
  hardFrom: number;
  maxHardInRow: number;
  /** The day of highest total difficulty should be one of these weekdays (2 = Tuesday, 3 = Wednesday). */
  peakDays: number[];
  /** A teacher's windows (free lessons between lessons) a day above this warn. */
  maxTeacherWindows: number;
  /** First grade's step mode: lessons a day at most by month ('09'…'05'). */
  firstGradeDaily: Record<string, number>;
}

export interface TimetableBoard {
  version: TimetableVersion;
  /** The lesson slots of each shift (from the year's bells). */
  slots: TimetableSlot[];
  cards: TimetableCard[];
  check: TimetableCheck;
  classes: { id: string; name: string; grade: number; shift: number }[];
  teachers: { id: string; name: string }[];
  rooms: { id: string; number: string; kind: RoomKind }[];
  studyGroups: { id: string; name: string }[];
  unavailable: TeacherUnavailable[];
}

/** An edit that landed, and how it was before (the renderer's undo places it back). */
export interface TimetableEdit {
  card: TimetableCard;
  before: CardPlace;
  check: TimetableCheck;
}

/** What a card would meet at each free slot: for the editor's drop targets. */
export interface SlotVerdict {
  weekday: number;
  lessonNo: number;
  clashes: Clash[];
  /** Warnings it would add there. */
  warnings: WarningKind[];
}

export interface TeacherUnavailable {
  id: string;
  staffId: string;
  weekday: number;
  shift: number;
  /** null: the whole day. */
  lessonNo: number | null;
  reason: UnavailableReason;
}

export type GenerateScope = { kind: 'unplaced' } | { kind: 'all' } | { kind: 'grade'; grade: number } | { kind: 'teacher'; teacherId: string };

export interface GenerateResult {
  placed: number;
  /** Cards it could not place without a clash (listed by name). */
  unplaced: { cardId: string; name: string }[];
  teacherWindows: number;
  warnings: number;
  ms: number;
}

export interface FetImportResult {
  timetableId: string;
  cards: number;
  placed: number;
  /** What the file holds that the app does not understand, named as the file names it. */
  ignored: string[];
  /** Teachers, subjects, classes or groups of the file not found in the school. */
  unmatched: string[];
}

const weekday = s.int('День недели', 1, 6);
const lessonNo = s.int('Номер урока', 0, 12);
const timetableId = z.object({ timetableId: s.id });

export const timetableOps = {
  'timetable.versions': read(view('timetable'), z.object({ yearId: s.optionalId })).returns<TimetableVersion[]>(),
  /** A new version copies the cards, places and teachers' busy times of `copyFrom` (a change from a date). */
  'timetable.saveVersion': write(
    change('timetable'),
    z.object({
      id: s.optionalId,
      yearId: s.id,
      name: s.required('Название', 'title'),
      validFrom: s.isoDate,
      days: z.union([z.literal(5), z.literal(6)]).default(5),
      fortnight: z.boolean().default(false),
      copyFrom: s.optionalId,
    }),
  ).returns<TimetableVersion>(),
  'timetable.removeVersion': write(change('timetable'), z.object({ id: s.id })).returns<void>(),
  /** Brings the version's cards in line with the тарификация: a card per weekly hour; extra unplaced cards go, placed ones are listed. */
  'timetable.makeCards': write(change('timetable'), timetableId).returns<{ added: number; removed: number; extraPlaced: string[] }>(),
  'timetable.board': read(view('timetable'), timetableId).returns<TimetableBoard>(),
  'timetable.check': read(view('timetable'), timetableId).returns<TimetableCheck>(),
  'timetable.slotsFor': read(view('timetable'), z.object({ cardId: s.id })).returns<SlotVerdict[]>(),
  /** Places or moves a card; a clash refuses it (AppError 'conflict', each clash a problem). */
  'timetable.place': write(
    change('timetable'),
    z.object({ cardId: s.id, weekday, lessonNo, roomId: s.optionalId }),
  ).returns<TimetableEdit>(),
  'timetable.unplace': write(change('timetable'), z.object({ cardId: s.id })).returns<TimetableEdit>(),
  'timetable.updateCard': write(
    change('timetable'),
    z.object({
      cardId: s.id,
      roomId: s.optionalId,
      pinned: z.boolean().optional(),
      weeks: z.enum(weekParities.values).optional(),
      duration: s.int('Уроков подряд', 1, 2).optional(),
    }),
  ).returns<TimetableEdit>(),
  'timetable.unavailable.save': write(
    change('timetable'),
    z.object({ timetableId: s.id, staffId: s.id, weekday, shift: s.shift.default(1), lessonNo: lessonNo.nullable(), reason: z.enum(unavailableReasons.values) }),
  ).returns<TeacherUnavailable>(),
  'timetable.unavailable.remove': write(change('timetable'), z.object({ id: s.id })).returns<void>(),
  'timetable.rules': read(view('timetable'), timetableId).returns<TimetableRules>(),
  /** The fields of TimetableRules to change, as JSON text (validated field by field in the core: rules.ts). */
  'timetable.saveRules': write(
    change('timetable'),
    z.object({ timetableId: s.id, rules: z.string({ error: 'Правила расписания: нужен текст JSON' }).max(20_000, 'Правила расписания: слишком длинный текст') }),
  ).returns<TimetableRules>(),
  'timetable.generate': job(
    'Составление расписания',
    write(
      change('timetable'),
      z.object({
        timetableId: s.id,
        scope: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('unplaced') }),
          z.object({ kind: z.literal('all') }),
          z.object({ kind: z.literal('grade'), grade: s.grade }),
          z.object({ kind: z.literal('teacher'), teacherId: s.id }),
        ]),
        seed: s.int('Вариант', 0, 1_000_000).default(1),
      }),
    ).returns<GenerateResult>(),
  ),
  'timetable.exportFet': job('Выгрузка в FET', read(view('timetable'), timetableId).returns<ExportedFile>()),
  'timetable.importFet': job(
    'Загрузка из FET',
    write(change('timetable'), z.object({ yearId: s.id, file: s.id, name: s.required('Название', 'title'), validFrom: s.isoDate })).returns<FetImportResult>(),
  ),
};
