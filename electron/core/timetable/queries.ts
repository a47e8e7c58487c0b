// All of the timetable's SQL (issue 11): a version's model for the check, the generator and the FET
// export (loadModel: one read, then pure), the versions of a year, the cards of a version.
// Memberships (subgroups, study groups, classes) are taken on the version's first day.
import type { Db, Row } from '../../../db';
import type { TimetableVersion } from '../../api/timetable';
import type { RoomKind } from '../../api/enums';
import { className } from '../../api/text';
import { notFound } from '../../api/errors';
import { effectiveRules } from './rules';
import type { ModelCard, ModelSlot, ModelUnavailable, TimetableModel } from './model';

/** «Петрова А. С.» */
export function shortPersonName(p: { last_name: string; first_name: string; middle_name: string | null }): string {
  const initials = [p.first_name, p.middle_name].filter(Boolean).map((n) => `${n!.slice(0, 1)}.`).join(' ');
  return initials ? `${p.last_name} ${initials}` : p.last_name;
}

/** 'HH:MM' → minutes from midnight. */
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The day before an ISO date. */
export function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function versionRow(db: Db, id: string): Row<'timetable'> {
  const row = db.first(db.q.selectFrom('timetable').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
  if (!row) throw notFound('Расписание');
  return row;
}

export function liveSubjects(db: Db): { id: string; name: string; short_name: string; room_kind: RoomKind | null }[] {
  return db.all(db.q.selectFrom('subject').select(['id', 'name', 'short_name', 'room_kind']).where('deleted_at', 'is', null).orderBy('sort_order').orderBy('name'));
}

/** The bells of a year, both shifts. */
export function yearSlots(db: Db, yearId: string): { shift: number; lessonNo: number; startsAt: string; endsAt: string }[] {
  return db
    .all(
      db.q
        .selectFrom('bell as b')
        .innerJoin('bell_schedule as s', 's.id', 'b.schedule_id')
        .select(['s.shift', 'b.lesson_no', 'b.starts_at', 'b.ends_at'])
        .where('s.year_id', '=', yearId)
        .where('s.deleted_at', 'is', null)
        .where('b.deleted_at', 'is', null)
        .orderBy('s.shift')
        .orderBy('b.lesson_no'),
    )
    .map((b) => ({ shift: b.shift, lessonNo: b.lesson_no, startsAt: b.starts_at, endsAt: b.ends_at }));
}

export function cardRows(db: Db, timetableId: string): Row<'timetable_card'>[] {
  return db.all(db.q.selectFrom('timetable_card').selectAll().where('timetable_id', '=', timetableId).where('deleted_at', 'is', null).orderBy('id'));
}

export function cardRow(db: Db, cardId: string): Row<'timetable_card'> {
  const row = db.first(db.q.selectFrom('timetable_card').selectAll().where('id', '=', cardId).where('deleted_at', 'is', null));
  if (!row) throw notFound('Карточка урока');
  return row;
}

export function unavailableRows(db: Db, timetableId: string): Row<'teacher_unavailable'>[] {
  return db.all(
    db.q.selectFrom('teacher_unavailable').selectAll().where('timetable_id', '=', timetableId).where('deleted_at', 'is', null).orderBy('staff_id').orderBy('weekday').orderBy('lesson_no'),
  );
}

/** The versions of a year, by date, with validTo (the day before the next one's) and card counts. */
export function listVersions(db: Db, yearId: string): TimetableVersion[] {
  const rows = db.all(db.q.selectFrom('timetable').selectAll().where('year_id', '=', yearId).where('deleted_at', 'is', null).orderBy('valid_from'));
  const counts = new Map(
    db
      .all(
        db.q
          .selectFrom('timetable_card as c')
          .innerJoin('timetable as t', 't.id', 'c.timetable_id')
          .select((eb) => ['c.timetable_id', eb.fn.countAll<number>().as('cards'), eb.fn.count<number>('c.weekday').as('placed')])
          .where('t.year_id', '=', yearId)
          .where('c.deleted_at', 'is', null)
          .groupBy('c.timetable_id'),
      )
      .map((r) => [r.timetable_id, r]),
  );
  return rows.map((r, i) => {
    const next = rows[i + 1];
    const c = counts.get(r.id);
    return {
      id: r.id,
      yearId: r.year_id,
      name: r.name,
      validFrom: r.valid_from,
      validTo: next ? dayBefore(next.valid_from) : null,
      days: r.days === 6 ? 6 : 5,
      fortnight: r.fortnight === 1,
      cards: Number(c?.cards ?? 0),
      placed: Number(c?.placed ?? 0),
    };
  });
}

export function version(db: Db, id: string): TimetableVersion {
  const row = versionRow(db, id);
  return listVersions(db, row.year_id).find((v) => v.id === id)!;
}

/** Rows open on a day (memberships: date_from <= day < date_to). */
function openOn<T extends { date_from: string; date_to: string | null }>(rows: T[], day: string): T[] {
  return rows.filter((r) => r.date_from <= day && (r.date_to === null || r.date_to > day));
}

/**
 * One version as the check and the generator see it. Students of subgroups, study groups and
 * classes are those on the version's first day.
 */
export function loadModel(db: Db, timetableId: string): TimetableModel {
  const t = versionRow(db, timetableId);
  const day = t.valid_from;
  const subjects = liveSubjects(db);
  const slots: ModelSlot[] = yearSlots(db, t.year_id).map((s) => ({ shift: s.shift, lessonNo: s.lessonNo, start: minutes(s.startsAt), end: minutes(s.endsAt) }));

  const classes = db.all(db.q.selectFrom('school_class').select(['id', 'grade', 'letter', 'shift']).where('year_id', '=', t.year_id));
  const classById = new Map(classes.map((c) => [c.id, c]));
  const subgroups = db.all(
    db.q
      .selectFrom('subgroup as s')
      .innerJoin('class_division as d', 'd.id', 's.division_id')
      .innerJoin('school_class as c', 'c.id', 'd.class_id')
      .select(['s.id', 's.division_id', 's.number', 's.name', 'd.class_id'])
      .where('c.year_id', '=', t.year_id),
  );
  const groups = db.all(db.q.selectFrom('study_group').select(['id', 'name']).where('year_id', '=', t.year_id));

  const studentClass = new Map<string, string>();
  for (const m of openOn(
    db.all(
      db.q
        .selectFrom('class_membership as m')
        .innerJoin('school_class as c', 'c.id', 'm.class_id')
        .select(['m.student_id', 'm.class_id', 'm.date_from', 'm.date_to'])
        .where('c.year_id', '=', t.year_id)
        .where('m.deleted_at', 'is', null),
    ),
    day,
  ))
    studentClass.set(m.student_id, m.class_id);
  const subgroupStudents = new Map<string, string[]>();
  for (const m of openOn(
    db.all(
      db.q
        .selectFrom('subgroup_member as m')
        .innerJoin('class_division as d', 'd.id', 'm.division_id')
        .innerJoin('school_class as c', 'c.id', 'd.class_id')
        .select(['m.subgroup_id', 'm.student_id', 'm.date_from', 'm.date_to'])
        .where('c.year_id', '=', t.year_id)
        .where('m.deleted_at', 'is', null),
    ),
    day,
  )) {
    const list = subgroupStudents.get(m.subgroup_id) ?? [];
    list.push(m.student_id);
    subgroupStudents.set(m.subgroup_id, list);
  }
  const studyGroupStudents = new Map<string, string[]>();
  for (const m of openOn(
    db.all(
      db.q
        .selectFrom('study_group_member as m')
        .innerJoin('study_group as g', 'g.id', 'm.group_id')
        .select(['m.group_id', 'm.student_id', 'm.date_from', 'm.date_to'])
        .where('g.year_id', '=', t.year_id)
        .where('m.deleted_at', 'is', null),
    ),
    day,
  )) {
    const list = studyGroupStudents.get(m.group_id) ?? [];
    list.push(m.student_id);
    studyGroupStudents.set(m.group_id, list);
  }
  /** A study group's parallel: its lowest member's class's. */
  const groupGrade = new Map<string, number>();
  for (const [g, students] of studyGroupStudents) {
    let low: number | null = null;
    for (const s of students) {
      const c = classById.get(studentClass.get(s) ?? '');
      if (c && (low === null || c.grade < low)) low = c.grade;
    }
    if (low !== null) groupGrade.set(g, low);
  }

  const subgroupById = new Map(subgroups.map((s) => [s.id, s]));
  const cards: ModelCard[] = cardRows(db, timetableId).map((r) => ({
    id: r.id,
    teacherId: r.teacher_id,
    subjectId: r.subject_id,
    classId: r.class_id,
    subgroupId: r.subgroup_id,
    divisionId: r.subgroup_id ? (subgroupById.get(r.subgroup_id)?.division_id ?? null) : null,
    studyGroupId: r.study_group_id,
    grade: r.class_id ? (classById.get(r.class_id)?.grade ?? null) : (groupGrade.get(r.study_group_id ?? '') ?? null),
    shift: r.shift,
    duration: r.duration,
    weeks: r.weeks,
    weekday: r.weekday,
    lessonNo: r.lesson_no,
    roomId: r.room_id,
    pinned: r.pinned === 1,
  }));
  const unavailable: ModelUnavailable[] = unavailableRows(db, timetableId).map((u) => ({ staffId: u.staff_id, weekday: u.weekday, shift: u.shift, lessonNo: u.lesson_no, reason: u.reason }));

  const staff = db.all(db.q.selectFrom('staff').select(['id', 'last_name', 'first_name', 'middle_name']));
  const rooms = db.all(db.q.selectFrom('room').select(['id', 'number', 'kind']));
  const subjectRoomKind = new Map<string, RoomKind>();
  for (const s of subjects) if (s.room_kind) subjectRoomKind.set(s.id, s.room_kind);
  const allSubjects = db.all(db.q.selectFrom('subject').select(['id', 'name']));
  return {
    timetableId,
    days: t.days === 6 ? 6 : 5,
    fortnight: t.fortnight === 1,
    validFrom: t.valid_from,
    rules: effectiveRules(t.rules, subjects),
    slots,
    cards,
    unavailable,
    rooms: new Map(rooms.map((r) => [r.id, { number: r.number, kind: r.kind }])),
    subjectRoomKind,
    subgroupStudents,
    studyGroupStudents,
    studentClass,
    names: {
      teacher: new Map(staff.map((s) => [s.id, shortPersonName(s)])),
      subject: new Map(allSubjects.map((s) => [s.id, s.name])),
      class: new Map(classes.map((c) => [c.id, className(c)])),
      subgroup: new Map(subgroups.map((s) => [s.id, `${className(classById.get(s.class_id)!)} · ${s.number} подгр.`])),
      studyGroup: new Map(groups.map((g) => [g.id, g.name])),
    },
  };
}
