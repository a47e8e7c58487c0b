// The timetable's SQL. Minimal version written on the generator's branch (i11-tt-gen) until the
// core engineer's loadModel lands: one read of a version into the pure TimetableModel (model.ts).
import type { Db } from '../../../db';
import type { RoomKind, WeekParity } from '../../api/enums';
import type { TimetableRules } from '../../api/timetable';
import { AppError } from '../../api/errors';
import type { ModelCard, ModelSlot, ModelUnavailable, TimetableModel } from './model';

const minutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
};

/** The limits when a version's rules leave one out (PRACTICE.md «Timetable», СанПиН 1.2.3685-21). */
export function defaultRules(): TimetableRules {
  const g = (f: (grade: number) => number) => Object.fromEntries(Array.from({ length: 11 }, (_, i) => [String(i + 1), f(i + 1)]));
  const weekly: Record<number, [number | null, number | null]> = { 1: [21, null], 2: [23, 26], 3: [23, 26], 4: [23, 26], 5: [29, 32], 6: [30, 33], 7: [32, 35], 8: [33, 36], 9: [33, 36], 10: [34, 37], 11: [34, 37] };
  return {
    weeklyMax: Object.fromEntries(Object.entries(weekly)),
    dailyMax: g((n) => (n === 1 ? 4 : n <= 4 ? 5 : n <= 6 ? 6 : 7)),
    difficulty: {},
    hardFrom: 8,
    maxHardInRow: 2,
    peakDays: [2, 3],
    maxTeacherWindows: 0,
    firstGradeDaily: { '09': 3, '10': 3, '11': 4, '12': 4, '01': 4, '02': 4, '03': 4, '04': 4, '05': 4 },
  };
}

/** One version's cards and everything the clash check and the generator decide on, in one read. */
export function loadModel(db: Db, timetableId: string): TimetableModel {
  const tt = db
    .statement(`SELECT id, year_id, valid_from, days, fortnight, rules FROM timetable WHERE id = ? AND deleted_at IS NULL`)
    .get(timetableId) as { id: string; year_id: string; valid_from: string; days: number; fortnight: number; rules: string } | undefined;
  if (!tt) throw new AppError('not_found', 'Расписание не найдено: возможно, его уже удалили.');
  const day = tt.valid_from;
  let stored: Partial<TimetableRules> = {};
  try {
    stored = JSON.parse(tt.rules) as Partial<TimetableRules>;
  } catch {
    stored = {};
  }
  const rules = { ...defaultRules(), ...stored };

  const slots = (
    db
      .statement(
        `SELECT s.shift AS shift, b.lesson_no AS lessonNo, b.starts_at AS startsAt, b.ends_at AS endsAt
         FROM bell b JOIN bell_schedule s ON s.id = b.schedule_id
         WHERE s.year_id = ? AND s.deleted_at IS NULL AND b.deleted_at IS NULL ORDER BY s.shift, b.lesson_no`,
      )
      .all(tt.year_id) as { shift: number; lessonNo: number; startsAt: string; endsAt: string }[]
  ).map((r): ModelSlot => ({ shift: r.shift, lessonNo: r.lessonNo, start: minutes(r.startsAt), end: minutes(r.endsAt) }));

  const rows = db
    .statement(
      `SELECT c.id, c.teacher_id, c.subject_id, c.class_id, c.subgroup_id, sg.division_id, c.study_group_id, k.grade,
              c.shift, c.duration, c.weeks, c.weekday, c.lesson_no, c.room_id, c.pinned
       FROM timetable_card c
       LEFT JOIN school_class k ON k.id = c.class_id
       LEFT JOIN subgroup sg ON sg.id = c.subgroup_id
       WHERE c.timetable_id = ? AND c.deleted_at IS NULL ORDER BY c.id`,
    )
    .all(timetableId) as {
    id: string; teacher_id: string; subject_id: string; class_id: string | null; subgroup_id: string | null; division_id: string | null;
    study_group_id: string | null; grade: number | null; shift: number; duration: number; weeks: WeekParity; weekday: number | null;
    lesson_no: number | null; room_id: string | null; pinned: number;
  }[];

  const dated = `date_from <= ? AND (date_to IS NULL OR date_to >= ?) AND deleted_at IS NULL`;
  const subgroupStudents = new Map<string, string[]>();
  for (const r of db.statement(`SELECT subgroup_id AS g, student_id AS s FROM subgroup_member WHERE ${dated} ORDER BY student_id`).all(day, day) as { g: string; s: string }[]) {
    (subgroupStudents.get(r.g) ?? subgroupStudents.set(r.g, []).get(r.g)!).push(r.s);
  }
  const studyGroupStudents = new Map<string, string[]>();
  for (const r of db.statement(`SELECT group_id AS g, student_id AS s FROM study_group_member WHERE ${dated} ORDER BY student_id`).all(day, day) as { g: string; s: string }[]) {
    (studyGroupStudents.get(r.g) ?? studyGroupStudents.set(r.g, []).get(r.g)!).push(r.s);
  }
  const studentClass = new Map<string, string>();
  for (const r of db.statement(`SELECT student_id AS s, class_id AS c FROM class_membership WHERE ${dated}`).all(day, day) as { s: string; c: string }[]) {
    studentClass.set(r.s, r.c);
  }
  const classGrade = new Map<string, number>(
    (db.statement(`SELECT id, grade FROM school_class WHERE year_id = ?`).all(tt.year_id) as { id: string; grade: number }[]).map((r) => [r.id, r.grade]),
  );
  const groupGrade = (g: string): number | null => {
    let low: number | null = null;
    for (const s of studyGroupStudents.get(g) ?? []) {
      const gr = classGrade.get(studentClass.get(s) ?? '');
      if (gr !== undefined && (low === null || gr < low)) low = gr;
    }
    return low;
  };

  const cards = rows.map(
    (r): ModelCard => ({
      id: r.id,
      teacherId: r.teacher_id,
      subjectId: r.subject_id,
      classId: r.class_id,
      subgroupId: r.subgroup_id,
      divisionId: r.division_id,
      studyGroupId: r.study_group_id,
      grade: r.study_group_id ? groupGrade(r.study_group_id) : r.grade,
      shift: r.shift,
      duration: r.duration,
      weeks: r.weeks,
      weekday: r.weekday,
      lessonNo: r.lesson_no,
      roomId: r.room_id,
      pinned: r.pinned === 1,
    }),
  );

  const unavailable = (
    db
      .statement(`SELECT staff_id AS staffId, weekday, shift, lesson_no AS lessonNo, reason FROM teacher_unavailable WHERE timetable_id = ? AND deleted_at IS NULL`)
      .all(timetableId) as ModelUnavailable[]
  ).map((u) => ({ ...u }));

  const rooms = new Map<string, { number: string; kind: RoomKind }>(
    (db.statement(`SELECT id, number, kind FROM room WHERE deleted_at IS NULL`).all() as { id: string; number: string; kind: RoomKind }[]).map((r) => [
      r.id,
      { number: r.number, kind: r.kind },
    ]),
  );
  const subjects = db.statement(`SELECT id, name, room_kind FROM subject WHERE deleted_at IS NULL`).all() as { id: string; name: string; room_kind: RoomKind | null }[];
  const subjectRoomKind = new Map<string, RoomKind>();
  for (const s of subjects) if (s.room_kind) subjectRoomKind.set(s.id, s.room_kind);

  const initials = (r: { last_name: string; first_name: string; middle_name: string | null }) =>
    `${r.last_name} ${r.first_name.slice(0, 1)}.${r.middle_name ? ` ${r.middle_name.slice(0, 1)}.` : ''}`;
  const teacher = new Map(
    (db.statement(`SELECT id, last_name, first_name, middle_name FROM staff`).all() as { id: string; last_name: string; first_name: string; middle_name: string | null }[]).map((r) => [
      r.id,
      initials(r),
    ]),
  );
  const className = new Map(
    (db.statement(`SELECT id, grade, letter FROM school_class WHERE year_id = ?`).all(tt.year_id) as { id: string; grade: number; letter: string }[]).map((r) => [r.id, `${r.grade}${r.letter}`]),
  );
  const subgroup = new Map(
    (
      db.statement(`SELECT sg.id, sg.number, d.class_id FROM subgroup sg JOIN class_division d ON d.id = sg.division_id`).all() as { id: string; number: number; class_id: string }[]
    ).map((r) => [r.id, `${className.get(r.class_id) ?? ''} · ${r.number} подгр.`]),
  );
  const studyGroup = new Map(
    (db.statement(`SELECT id, name FROM study_group WHERE year_id = ?`).all(tt.year_id) as { id: string; name: string }[]).map((r) => [r.id, r.name]),
  );

  return {
    timetableId,
    days: tt.days === 6 ? 6 : 5,
    fortnight: tt.fortnight === 1,
    rules,
    slots,
    cards,
    unavailable,
    rooms,
    subjectRoomKind,
    subgroupStudents,
    studyGroupStudents,
    studentClass,
    names: { teacher, subject: new Map(subjects.map((s) => [s.id, s.name])), class: className, subgroup, studyGroup },
  };
}
