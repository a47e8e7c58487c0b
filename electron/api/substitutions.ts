// Substitutions (issue 11; R9): teachers' absences, the lessons they leave to cover, candidates
// ranked and explained, one click to assign; merged subgroups, cancellations, moves and room changes
// recorded (not substitutions, as in the Дневник.ру report); the day sheet for the teachers' room,
// the monthly «Журнал замещения уроков» for pay, the indicator «равноценность замены».
// Handlers: electron/core/substitutions/ops.ts. Changed by the administrator (R8) and deputies.
import { z } from 'zod';
import * as s from './schemas';
import { change, job, read, view, write } from './ops';
import type { ExportedFile } from './common';
import { absenceReasons, type AbsenceReason, type LessonChangeKind } from './enums';

export interface TeacherAbsence {
  id: string;
  staffId: string;
  teacherName: string;
  dateFrom: string;
  dateTo: string;
  reason: AbsenceReason;
  note: string | null;
  /** Lessons of the timetable the teacher has on those days, and how many have a change recorded. */
  lessons: number;
  covered: number;
  /** It runs past two months (its substitutions are paid as tariffed load; the pay journal flags it). */
  overTwoMonths: boolean;
}

export interface LessonChange {
  id: string;
  date: string;
  cardId: string;
  kind: LessonChangeKind;
  absenceId: string | null;
  substituteId: string | null;
  substituteName: string | null;
  sameSubject: boolean | null;
  toDate: string | null;
  toLessonNo: number | null;
  roomId: string | null;
  roomNumber: string | null;
  note: string | null;
}

/** One lesson of the timetable on a date, as it stands with its change. */
export interface DayLesson {
  cardId: string;
  date: string;
  lessonNo: number;
  startsAt: string;
  endsAt: string;
  shift: number;
  classId: string | null;
  subgroupId: string | null;
  studyGroupId: string | null;
  targetName: string;
  subjectId: string;
  subjectName: string;
  teacherId: string;
  teacherName: string;
  roomNumber: string | null;
  /** The teacher is absent that day (an absence covers the date). */
  teacherAbsent: boolean;
  absenceId: string | null;
  change: LessonChange | null;
  /** Absent teacher and no change yet: it needs cover. */
  needsCover: boolean;
}

export interface SubstitutionDay {
  date: string;
  /** The timetable version that applies that day. */
  timetable: { id: string; name: string } | null;
  absences: TeacherAbsence[];
  lessons: DayLesson[];
  needCover: number;
}

/** A teacher who could take a lesson, with why they rank where they do (Russian reasons). */
export interface CoverCandidate {
  staffId: string;
  name: string;
  rank: number;
  free: boolean;
  sameSubject: boolean;
  knowsClass: boolean;
  substitutionsThisMonth: number;
  /** Taking it would open a window in their day. */
  newWindow: boolean;
  /** «Свободен на 3-м уроке», «Ведёт этот предмет», «Знает класс 6Б», «2 замены в декабре», «Без нового окна». */
  reasons: string[];
  /** Set when they cannot take it (busy, absent themselves): the reason; such candidates come last. */
  refused: string | null;
}

export interface SubstitutionIndicatorMonth {
  /** 'YYYY-MM' */
  month: string;
  /** Lessons whose teacher changed (substitute, merge). */
  substituted: number;
  sameSubject: number;
  /** sameSubject / substituted, 0..1; null without substitutions. */
  share: number | null;
  /** Lessons of absent teachers left with no change («пропущено»). */
  missed: number;
}

const date = s.isoDate;
const month = z.string().max(7).regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Месяц должен быть в формате ММ.ГГГГ');

export const substitutionsOps = {
  'absences.list': read(view('timetable'), z.object({ from: date, to: date })).returns<TeacherAbsence[]>(),
  'absences.save': write(
    change('timetable'),
    z.object({ id: s.optionalId, staffId: s.id, dateFrom: date, dateTo: date, reason: z.enum(absenceReasons.values), note: s.optionalText('Примечание', 'note') }),
  ).returns<TeacherAbsence>(),
  'absences.remove': write(change('timetable'), z.object({ id: s.id })).returns<void>(),
  'substitutions.day': read(view('timetable'), z.object({ date })).returns<SubstitutionDay>(),
  /** Every lesson of an absence's days, for covering a period at once. */
  'substitutions.forAbsence': read(view('timetable'), z.object({ absenceId: s.id })).returns<DayLesson[]>(),
  'substitutions.candidates': read(view('timetable'), z.object({ date, cardId: s.id })).returns<CoverCandidate[]>(),
  'substitutions.assign': write(
    change('timetable'),
    z.object({ date, cardId: s.id, substituteId: s.id, roomId: s.optionalId, note: s.optionalText('Примечание', 'note') }),
  ).returns<LessonChange>(),
  /** Merge subgroups (the sibling subgroup's teacher takes both), cancel, move, change room. */
  'substitutions.change': write(
    change('timetable'),
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('merge'), date, cardId: s.id, withCardId: s.id, note: s.optionalText('Примечание', 'note') }),
      z.object({ kind: z.literal('cancel'), date, cardId: s.id, note: s.optionalText('Примечание', 'note') }),
      z.object({ kind: z.literal('move'), date, cardId: s.id, toDate: date, toLessonNo: s.int('Номер урока', 0, 12), roomId: s.optionalId, note: s.optionalText('Примечание', 'note') }),
      z.object({ kind: z.literal('room'), date, cardId: s.id, roomId: s.id, note: s.optionalText('Примечание', 'note') }),
    ]),
  ).returns<LessonChange>(),
  'substitutions.remove': write(change('timetable'), z.object({ id: s.id })).returns<void>(),
  'substitutions.daySheetPdf': job('Замены на день (PDF)', read(view('timetable'), z.object({ date })).returns<ExportedFile>()),
  'substitutions.journal': job(
    'Журнал замещения уроков',
    read(view('timetable'), z.object({ month, teacherId: s.optionalId, format: z.enum(['pdf', 'xlsx']) })).returns<ExportedFile>(),
  ),
  'substitutions.indicator': read(view('timetable'), z.object({ yearId: s.optionalId })).returns<SubstitutionIndicatorMonth[]>(),
};
