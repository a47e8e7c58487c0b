// The database side of FET export and import (fet.ts is the pure part): `timetable.exportFet`
// writes one version's task as a `.fet` result file; `timetable.importFet` reads a `.fet` file,
// matches its teachers, subjects, classes and groups to the school by name (never guessing: a name
// matching none or several is listed), and writes a new timetable version with a card per
// activity (its `fet_id` kept), placed where the file fixes its starting time — one transaction.
//
// `loadFetModel` is a stand-in for the core's `loadModel` (queries.ts, issue 11): it reads the same
// TimetableModel; when queries.ts lands the jobs call loadModel and this reader goes.
import type { Db } from '../../../db';
import type { Ctx } from '../context';
import type { ExportedFile, FetImportResult, TimetableRules } from '../../api/types';
import type { RoomKind, WeekParity } from '../../api/enums';
import { AppError, invalid, notFound } from '../../api/errors';
import { className, ruKey } from '../../api/text';
import { fullName } from '../format';
import { initialsName } from '../groups/load';
import { act } from '../tx';
import { ownParallels } from '../auth/parallels';
import { checkpoint, inputFileOf, progress, releaseInputOf, resultFile } from '../job';
import { readFileSync } from 'node:fs';
import type { ModelCard, TimetableModel } from './model';
import { FetFormatError, buildFetTask, parseFet, parseFetHour } from './fet';

/**
 * The rules when a version's own do not say (PRACTICE.md «Timetable», СанПиН 1.2.3685-21): weekly
 * maxima, lessons a day (1 → 4, 2–4 → 5, 5–6 → 6, 7–11 → 7), the first grade's step mode. The
 * difficulty table is left empty here (the core's rules.ts fills it by subject): the FET export does
 * not use it. A stand-in until rules.ts lands, like loadFetModel.
 */
const FALLBACK_RULES: TimetableRules = {
  weeklyMax: { '1': [21, null], '2': [23, 26], '3': [23, 26], '4': [23, 26], '5': [29, 32], '6': [30, 33], '7': [32, 35], '8': [33, 36], '9': [33, 36], '10': [34, 37], '11': [34, 37] },
  dailyMax: { '1': 4, '2': 5, '3': 5, '4': 5, '5': 6, '6': 6, '7': 7, '8': 7, '9': 7, '10': 7, '11': 7 },
  difficulty: {},
  hardFrom: 8,
  maxHardInRow: 2,
  peakDays: [2, 3],
  maxTeacherWindows: 2,
  firstGradeDaily: { '09': 3, '10': 3, '11': 4, '12': 4, '01': 4, '02': 4, '03': 4, '04': 4, '05': 4 },
};

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

interface VersionRow {
  id: string;
  year_id: string;
  name: string;
  valid_from: string;
  days: number;
  fortnight: number;
  rules: string;
}

function versionRow(db: Db, id: string): VersionRow {
  const v = db.raw.prepare('SELECT id, year_id, name, valid_from, days, fortnight, rules FROM timetable WHERE id = ? AND deleted_at IS NULL').get(id) as VersionRow | undefined;
  if (!v) throw notFound('Расписание');
  return v;
}

/** Memberships on a day (date_from inclusive, date_to exclusive). */
const onDay = (alias: string) => `${alias}.deleted_at IS NULL AND ${alias}.date_from <= @day AND (${alias}.date_to IS NULL OR ${alias}.date_to > @day)`;

interface CardRow {
  id: string;
  teacher_id: string;
  subject_id: string;
  class_id: string | null;
  subgroup_id: string | null;
  division_id: string | null;
  study_group_id: string | null;
  shift: number;
  duration: number;
  weeks: WeekParity;
  weekday: number | null;
  lesson_no: number | null;
  room_id: string | null;
  pinned: number;
}

/** One version as the model (stand-in for queries.ts loadModel). */
export function loadFetModel(db: Db, timetableId: string): TimetableModel {
  const v = versionRow(db, timetableId);
  const raw = db.raw;
  const day = { day: v.valid_from };
  const slots = (raw.prepare(
    `SELECT s.shift, b.lesson_no AS lessonNo, b.starts_at, b.ends_at FROM bell b JOIN bell_schedule s ON s.id = b.schedule_id
     WHERE s.year_id = ? AND s.deleted_at IS NULL AND b.deleted_at IS NULL ORDER BY s.shift, b.lesson_no`,
  ).all(v.year_id) as { shift: number; lessonNo: number; starts_at: string; ends_at: string }[]).map((b) => ({ shift: b.shift, lessonNo: b.lessonNo, start: minutes(b.starts_at), end: minutes(b.ends_at) }));
  const studentClass = new Map<string, string>();
  for (const r of raw.prepare(`SELECT m.student_id AS s, m.class_id AS c FROM class_membership m JOIN school_class k ON k.id = m.class_id WHERE k.year_id = @year AND ${onDay('m')}`).all({ ...day, year: v.year_id }) as { s: string; c: string }[])
    studentClass.set(r.s, r.c);
  const groupBy = (rows: { g: string; s: string }[]) => {
    const m = new Map<string, string[]>();
    for (const r of rows) (m.get(r.g) ?? m.set(r.g, []).get(r.g)!).push(r.s);
    return m;
  };
  const subgroupStudents = groupBy(raw.prepare(`SELECT m.subgroup_id AS g, m.student_id AS s FROM subgroup_member m WHERE ${onDay('m')}`).all(day) as { g: string; s: string }[]);
  const studyGroupStudents = groupBy(raw.prepare(`SELECT m.group_id AS g, m.student_id AS s FROM study_group_member m WHERE ${onDay('m')}`).all(day) as { g: string; s: string }[]);
  const classes = raw.prepare('SELECT id, grade, letter FROM school_class WHERE year_id = ? AND deleted_at IS NULL').all(v.year_id) as { id: string; grade: number; letter: string }[];
  const gradeOf = new Map(classes.map((c) => [c.id, c.grade]));
  const studyGroupGrade = new Map<string, number>();
  for (const [g, students] of studyGroupStudents) {
    const grades = students.map((s) => gradeOf.get(studentClass.get(s) ?? '')).filter((x): x is number => x !== undefined);
    if (grades.length) studyGroupGrade.set(g, Math.min(...grades));
  }
  const cards: ModelCard[] = (raw.prepare(
    `SELECT c.id, c.teacher_id, c.subject_id, c.class_id, c.subgroup_id, sg.division_id, c.study_group_id, c.shift, c.duration, c.weeks,
            c.weekday, c.lesson_no, c.room_id, c.pinned
     FROM timetable_card c LEFT JOIN subgroup sg ON sg.id = c.subgroup_id
     WHERE c.timetable_id = ? AND c.deleted_at IS NULL ORDER BY c.id`,
  ).all(timetableId) as CardRow[]).map((r) => ({
    id: r.id,
    teacherId: r.teacher_id,
    subjectId: r.subject_id,
    classId: r.class_id,
    subgroupId: r.subgroup_id,
    divisionId: r.division_id,
    studyGroupId: r.study_group_id,
    grade: r.class_id ? (gradeOf.get(r.class_id) ?? null) : (studyGroupGrade.get(r.study_group_id ?? '') ?? null),
    shift: r.shift,
    duration: r.duration,
    weeks: r.weeks,
    weekday: r.weekday,
    lessonNo: r.lesson_no,
    roomId: r.room_id,
    pinned: r.pinned === 1,
  }));
  const unavailable = (raw.prepare('SELECT staff_id AS staffId, weekday, shift, lesson_no AS lessonNo, reason FROM teacher_unavailable WHERE timetable_id = ? AND deleted_at IS NULL').all(timetableId) as TimetableModel['unavailable']);
  const rooms = new Map((raw.prepare('SELECT id, number, kind FROM room WHERE deleted_at IS NULL').all() as { id: string; number: string; kind: RoomKind }[]).map((r) => [r.id, { number: r.number, kind: r.kind }]));
  const subjects = raw.prepare('SELECT id, name, room_kind FROM subject WHERE deleted_at IS NULL').all() as { id: string; name: string; room_kind: RoomKind | null }[];
  const staff = raw.prepare('SELECT id, last_name, first_name, middle_name FROM staff WHERE deleted_at IS NULL').all() as { id: string; last_name: string; first_name: string; middle_name: string | null }[];
  const subgroups = raw.prepare(
    'SELECT sg.id, sg.name, d.class_id FROM subgroup sg JOIN class_division d ON d.id = sg.division_id JOIN school_class k ON k.id = d.class_id WHERE k.year_id = ? AND sg.deleted_at IS NULL',
  ).all(v.year_id) as { id: string; name: string; class_id: string }[];
  const classNames = new Map(classes.map((c) => [c.id, className(c)]));
  let parsed: Partial<TimetableRules> = {};
  try {
    parsed = JSON.parse(v.rules) as Partial<TimetableRules>;
  } catch {
    parsed = {};
  }
  return {
    timetableId,
    days: v.days === 6 ? 6 : 5,
    fortnight: v.fortnight === 1,
    rules: { ...FALLBACK_RULES, ...parsed },
    slots,
    cards,
    unavailable,
    rooms,
    subjectRoomKind: new Map(subjects.filter((s) => s.room_kind).map((s) => [s.id, s.room_kind!])),
    subgroupStudents,
    studyGroupStudents,
    studentClass,
    names: {
      teacher: new Map(staff.map((s) => [s.id, initialsName(s)])),
      subject: new Map(subjects.map((s) => [s.id, s.name])),
      class: classNames,
      subgroup: new Map(subgroups.map((g) => [g.id, `${classNames.get(g.class_id) ?? ''} · ${g.name}`])),
      studyGroup: new Map((raw.prepare('SELECT id, name FROM study_group WHERE year_id = ? AND deleted_at IS NULL').all(v.year_id) as { id: string; name: string }[]).map((g) => [g.id, g.name])),
    },
  };
}

/** The kept activity ids of a version's cards (from an imported `.fet`). */
export function fetIdsOf(db: Db, timetableId: string): Map<string, number> {
  const rows = db.raw.prepare('SELECT id, fet_id FROM timetable_card WHERE timetable_id = ? AND deleted_at IS NULL AND fet_id IS NOT NULL').all(timetableId) as { id: string; fet_id: number }[];
  return new Map(rows.map((r) => [r.id, r.fet_id]));
}

/** Teachers by full name («Петрова Анна Сергеевна»): unique in a school more often than «А. С. Петрова». */
export function teacherFullNames(db: Db): Map<string, string> {
  const rows = db.raw.prepare('SELECT id, last_name, first_name, middle_name FROM staff WHERE deleted_at IS NULL').all() as { id: string; last_name: string; first_name: string; middle_name: string | null }[];
  return new Map(rows.map((r) => [r.id, fullName(r)]));
}

/** Subgroups as the import matches them: «5А · 1 подгруппа» (class and the subgroup's own name). */
export function subgroupFetNames(db: Db): Map<string, string> {
  const rows = db.raw
    .prepare('SELECT sg.id, sg.name, k.grade, k.letter FROM subgroup sg JOIN class_division d ON d.id = sg.division_id JOIN school_class k ON k.id = d.class_id WHERE sg.deleted_at IS NULL')
    .all() as { id: string; name: string; grade: number; letter: string }[];
  return new Map(rows.map((r) => [r.id, `${className(r)} · ${r.name}`]));
}

/** `timetable.exportFet`: the version's task, placed cards locked, as «<version>.fet». */
export async function exportFetFile(ctx: Ctx, timetableId: string): Promise<ExportedFile> {
  const { db } = ctx;
  const v = versionRow(db, timetableId);
  progress(ctx, 0, 2, 'Чтение расписания');
  const model = loadFetModel(db, timetableId);
  const school = db.raw.prepare('SELECT short_name FROM school WHERE deleted_at IS NULL LIMIT 1').get() as { short_name: string } | undefined;
  checkpoint(ctx);
  progress(ctx, 1, 2, 'Запись файла FET');
  const task = buildFetTask(model, { institution: school?.short_name ?? '', fetIds: fetIdsOf(db, timetableId), teacherNames: teacherFullNames(db), subgroupNames: subgroupFetNames(db) });
  const name = `${v.name.replace(/[\\/:*?"<>|«»]+/g, ' ').replace(/\s+/g, ' ').trim() || 'Расписание'}.fet`;
  return resultFile(ctx, name, new TextEncoder().encode(task.xml), model.cards.length);
}

/** A name of the file → the one school record with that name; several or none: not matched (never guessed). */
class Matcher {
  private readonly byKey = new Map<string, Set<string>>();
  add(id: string, ...names: string[]): void {
    for (const n of names) {
      const k = ruKey(n);
      if (!k) continue;
      (this.byKey.get(k) ?? this.byKey.set(k, new Set()).get(k)!).add(id);
    }
  }
  find(name: string): string | null {
    const ids = this.byKey.get(ruKey(name));
    return ids && ids.size === 1 ? [...ids][0]! : null;
  }
}

type Target = { kind: 'class'; classId: string } | { kind: 'subgroup'; classId: string; subgroupId: string } | { kind: 'study'; studyGroupId: string };

/** `timetable.importFet`: a new version from a `.fet` file (input `file` is an input file of the session). */
export function importFetFile(ctx: Ctx, i: { yearId: string; file: string; name: string; validFrom: string }): FetImportResult {
  const { db } = ctx;
  // A .fet file is a whole school's timetable: a new version of every parallel (R8: a deputy builds
  // only their own parallels', so the import is the administrator's).
  if (ownParallels(ctx)) throw new AppError('forbidden', 'Загрузить расписание из FET может только администратор: в файле расписание всех параллелей школы.');
  const file = inputFileOf(ctx, i.file);
  let text: string;
  try {
    text = readFileSync(file.path, 'utf8');
  } catch {
    throw new AppError('not_found', `Файл «${file.name}» не читается.`);
  }
  let fet;
  try {
    fet = parseFet(text);
  } catch (e) {
    if (e instanceof FetFormatError) throw invalid(e.message, [{ column: 'Файл', message: e.message }]);
    throw e;
  }
  progress(ctx, 1, 3, 'Сопоставление с данными школы');
  const raw = db.raw;
  const year = raw.prepare('SELECT id, start_date, end_date FROM academic_year WHERE id = ? AND deleted_at IS NULL').get(i.yearId) as { id: string; start_date: string; end_date: string } | undefined;
  if (!year) throw notFound('Учебный год');
  if (i.validFrom < year.start_date || i.validFrom > year.end_date)
    throw invalid('Дата начала действия — вне учебного года.', [{ column: 'Действует с', message: 'Дата начала действия должна быть внутри учебного года.' }]);

  const teachers = new Matcher();
  for (const s of raw.prepare('SELECT id, last_name, first_name, middle_name FROM staff WHERE deleted_at IS NULL').all() as { id: string; last_name: string; first_name: string; middle_name: string | null }[]) {
    const initials = [s.first_name, s.middle_name].filter(Boolean).map((n) => `${n!.slice(0, 1)}.`).join(' ');
    teachers.add(s.id, fullName(s), `${s.last_name} ${initials}`, initialsName(s));
  }
  const subjects = new Matcher();
  for (const s of raw.prepare('SELECT id, name, short_name FROM subject WHERE deleted_at IS NULL').all() as { id: string; name: string; short_name: string }[]) subjects.add(s.id, s.name);
  const sets = new Matcher();
  const targets = new Map<string, Target>();
  const classes = raw.prepare('SELECT id, grade, letter, shift FROM school_class WHERE year_id = ? AND deleted_at IS NULL').all(i.yearId) as { id: string; grade: number; letter: string; shift: number }[];
  const classShift = new Map(classes.map((c) => [c.id, c.shift]));
  for (const c of classes) (sets.add(`c:${c.id}`, className(c)), targets.set(`c:${c.id}`, { kind: 'class', classId: c.id }));
  const subgroups = raw.prepare(
    `SELECT sg.id, sg.name, d.class_id, k.grade, k.letter, su.name AS subject FROM subgroup sg JOIN class_division d ON d.id = sg.division_id
     JOIN school_class k ON k.id = d.class_id JOIN subject su ON su.id = d.subject_id WHERE k.year_id = ? AND sg.deleted_at IS NULL AND d.deleted_at IS NULL`,
  ).all(i.yearId) as { id: string; name: string; class_id: string; grade: number; letter: string; subject: string }[];
  for (const g of subgroups) {
    const base = `${className(g)} · ${g.name}`;
    sets.add(`g:${g.id}`, base, `${base} (${g.subject})`);
    targets.set(`g:${g.id}`, { kind: 'subgroup', classId: g.class_id, subgroupId: g.id });
  }
  for (const g of raw.prepare('SELECT id, name FROM study_group WHERE year_id = ? AND deleted_at IS NULL').all(i.yearId) as { id: string; name: string }[])
    (sets.add(`s:${g.id}`, g.name), targets.set(`s:${g.id}`, { kind: 'study', studyGroupId: g.id }));
  const assignments = raw.prepare(
    `SELECT a.id, a.teacher_id, a.subject_id, a.class_id, a.subgroup_id, a.study_group_id FROM teaching_assignment a
     LEFT JOIN school_class k ON k.id = a.class_id LEFT JOIN study_group s ON s.id = a.study_group_id
     WHERE a.deleted_at IS NULL AND (k.year_id = @year OR s.year_id = @year)`,
  ).all({ year: i.yearId }) as { id: string; teacher_id: string; subject_id: string; class_id: string | null; subgroup_id: string | null; study_group_id: string | null }[];
  const assignmentOf = new Map(assignments.map((a) => [[a.teacher_id, a.subject_id, a.class_id ?? '', a.subgroup_id ?? '', a.study_group_id ?? ''].join('|'), a.id]));

  const unmatched = new Set<string>();
  const ignored = [...fet.ignored];
  const teacherId = (n: string) => teachers.find(n) ?? (unmatched.add(`учитель «${n}»`), null);
  const subjectId = (n: string) => subjects.find(n) ?? (unmatched.add(`предмет «${n}»`), null);
  const target = (n: string) => {
    const id = sets.find(n);
    if (!id) unmatched.add(`класс или группа «${n}»`);
    return id ? targets.get(id)! : null;
  };
  if (fet.days.length > 6) ignored.push(`дни сверх шести: ${fet.days.slice(6).join(', ')}`);
  const hours = fet.hours.map(parseFetHour);
  const badHours = fet.hours.filter((_, k) => !hours[k]);
  if (badHours.length) ignored.push(`часы, не названные номером урока: ${badHours.map((h) => `«${h}»`).join(', ')} (занятия в эти часы не расставлены)`);

  interface NewCard { fetId: number; teacher: string; subject: string; t: Target; duration: number; shift: number; weekday: number | null; lessonNo: number | null; pinned: boolean }
  const cards: NewCard[] = [];
  let inactive = 0;
  const multi: number[] = [];
  for (const a of fet.activities) {
    if (!a.active) {
      inactive++;
      continue;
    }
    if (a.teachers.length !== 1 || a.students.length !== 1 || !(a.duration === 1 || a.duration === 2) || !Number.isInteger(a.id)) {
      multi.push(a.id);
      continue;
    }
    const t = teacherId(a.teachers[0]!);
    const s = subjectId(a.subject);
    const to = target(a.students[0]!);
    if (!t || !s || !to) continue;
    const shift = to.kind === 'study' ? 1 : (classShift.get(to.classId) ?? 1);
    let weekday: number | null = null;
    let lessonNo: number | null = null;
    const start = fet.starts.get(a.id);
    const h = start ? hours[start.hour] : null;
    if (start && h && start.day < 6 && (h.shift === null || h.shift === shift)) ((weekday = start.day + 1), (lessonNo = h.lessonNo));
    else if (start && h && h.shift !== shift) ignored.push(`занятие ${a.id}: час «${fet.hours[start.hour]}» другой смены (не расставлено)`);
    cards.push({ fetId: a.id, teacher: t, subject: s, t: to, duration: a.duration, shift, weekday, lessonNo, pinned: !!start?.locked && weekday !== null });
  }
  if (inactive) ignored.push(`неактивные занятия: ${inactive}`);
  if (multi.length) ignored.push(`занятия с несколькими учителями или классами либо длительностью больше 2: ${multi.join(', ')}`);

  // Teachers' busy times: whole days when every hour of the day is busy.
  const busy: { staff: string; weekday: number; lessonNo: number | null; shift: number }[] = [];
  for (const [name, times] of fet.teacherNotAvailable) {
    const t = teacherId(name);
    if (!t) continue;
    const byDay = new Map<number, number[]>();
    for (const x of times) if (x.day < 6) (byDay.get(x.day) ?? byDay.set(x.day, []).get(x.day)!).push(x.hour);
    for (const [d, hs] of byDay) {
      const lessons = hs.map((k) => hours[k]).filter((x) => x !== null && x !== undefined);
      if (new Set(hs).size === fet.hours.length && lessons.length === fet.hours.length) {
        for (const sh of new Set(lessons.map((l) => l.shift ?? 1))) busy.push({ staff: t, weekday: d + 1, lessonNo: null, shift: sh });
      } else for (const l of lessons) busy.push({ staff: t, weekday: d + 1, lessonNo: l.lessonNo, shift: l.shift ?? 1 });
    }
  }
  const rules: Partial<TimetableRules> = {};
  if (fet.teachersMaxGapsPerDay !== null) rules.maxTeacherWindows = fet.teachersMaxGapsPerDay;
  for (const [name] of fet.studentsMaxHoursDaily) if (!sets.find(name)) ignored.push(`ConstraintStudentsSetMaxHoursDaily для «${name}»`);
  const dailyByGrade = new Map<number, Set<number>>();
  for (const [name, max] of fet.studentsMaxHoursDaily) {
    const id = sets.find(name);
    const tg = id ? targets.get(id) : undefined;
    if (tg?.kind !== 'class') continue;
    const g = classes.find((c) => c.id === tg.classId)!.grade;
    (dailyByGrade.get(g) ?? dailyByGrade.set(g, new Set()).get(g)!).add(max);
  }
  if (dailyByGrade.size) {
    rules.dailyMax = { ...FALLBACK_RULES.dailyMax };
    for (const [g, maxes] of dailyByGrade) {
      if (maxes.size === 1) rules.dailyMax[String(g)] = [...maxes][0]!;
      else ignored.push(`ConstraintStudentsSetMaxHoursDaily: у классов ${g} параллели разные пределы (${[...maxes].join(', ')})`);
    }
  }
  checkpoint(ctx);
  progress(ctx, 2, 3, 'Запись расписания');
  const result = act(ctx, (w) => {
    const taken = raw.prepare('SELECT name FROM timetable WHERE year_id = ? AND valid_from = ? AND deleted_at IS NULL').get(i.yearId, i.validFrom) as { name: string } | undefined;
    if (taken) throw invalid(`С этой даты уже действует расписание «${taken.name}».`, [{ column: 'Действует с', message: `С этой даты уже действует расписание «${taken.name}».` }]);
    const v = w.insert('timetable', { year_id: i.yearId, name: i.name, valid_from: i.validFrom, days: fet.days.length === 6 ? 6 : 5, fortnight: 0, rules: JSON.stringify(rules) });
    w.insertMany(
      'timetable_card',
      cards.map((c) => {
        const classId = c.t.kind === 'study' ? null : c.t.classId;
        const subgroupId = c.t.kind === 'subgroup' ? c.t.subgroupId : null;
        const studyGroupId = c.t.kind === 'study' ? c.t.studyGroupId : null;
        return {
          timetable_id: v.id,
          assignment_id: assignmentOf.get([c.teacher, c.subject, classId ?? '', subgroupId ?? '', studyGroupId ?? ''].join('|')) ?? null,
          teacher_id: c.teacher,
          subject_id: c.subject,
          class_id: classId,
          subgroup_id: subgroupId,
          study_group_id: studyGroupId,
          shift: c.shift,
          duration: c.duration,
          weeks: 'every' as const,
          weekday: c.weekday,
          lesson_no: c.lessonNo,
          room_id: null,
          pinned: c.pinned ? 1 : 0,
          fet_id: c.fetId,
        };
      }),
    );
    const seen = new Set<string>();
    w.insertMany(
      'teacher_unavailable',
      busy
        .filter((b) => {
          const k = `${b.staff}|${b.weekday}|${b.shift}|${b.lessonNo ?? -1}`;
          return seen.has(k) ? false : (seen.add(k), true);
        })
        .map((b) => ({ timetable_id: v.id, staff_id: b.staff, weekday: b.weekday, shift: b.shift, lesson_no: b.lessonNo, reason: 'unavailable' as const })),
    );
    checkpoint(ctx);
    return { timetableId: v.id, cards: cards.length, placed: cards.filter((c) => c.weekday !== null).length, ignored, unmatched: [...unmatched] };
  });
  releaseInputOf(ctx, i.file);
  return result;
}
