// The data of a class's paper copy of the journal for a study period (R21, issue 14 point 3), read in
// bulk: a fixed number of statements per class, whatever the number of students, subjects and lessons
// (the whole school is printed in one job). What is printed is exactly what is read here; its
// canonical form gives the copy's digest and fingerprint (fingerprint.ts).
//
// - The class list: every student on the class's list on some day of the period (dated memberships,
//   date_to exclusive), by name; a newcomer and a leaver named with the day.
// - Per journal (a subject of the whole class, of a subgroup of the class, or of a study group with a
//   student of the class): its lessons held in the period (date, topic, homework, teacher, substitute),
//   each student's marks at each lesson (with their kinds of work) and attendance, and the period marks.
// - The summary (сводная ведомость) of the year's periods up to this one, as ../../summary/statement.ts
//   computes it: a period's marks for those on the list on its last day.
import type { Ctx } from '../../context';
import type { AbsenceKind, Grading, MarkValue, WorkKind } from '../../../api/enums';
import { notFound } from '../../../api/errors';
import { classNameSql } from '../../../../db';
import { directorName } from '../../books/pdf';
import { initialsName } from '../../groups/load';
import { schoolRow } from '../../setup/school';

const json = (ids: readonly string[]) => JSON.stringify(ids);
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI'];
const collate = new Intl.Collator('ru').compare;

export interface CopyPeriod {
  id: string;
  name: string;
  kind: 'quarter' | 'half';
  number: number;
  start: string;
  end: string;
  gradeFrom: number;
  gradeTo: number;
  yearId: string;
}

export interface CopyStudent {
  id: string;
  /** «Фамилия Имя Отчество». */
  name: string;
  /** «Фамилия Имя» (the marks sheets). */
  short: string;
  from: string;
  to: string | null;
  /** «прибыл 20.11.2026», «выбыла 10.12.2026» within the period. */
  note: string | null;
  gender: 'm' | 'f' | null;
}

export interface CopyLesson {
  id: string;
  date: string;
  no: number;
  topic: string;
  homework: string;
  teacher: string;
  /** «И. О. Фамилия» of the substitute (the lesson was given by them). */
  substitute: string | null;
}

export interface CopyMark {
  id: string;
  lessonId: string;
  studentId: string;
  value: MarkValue;
  workKind: WorkKind;
}

export interface CopyAbsence {
  id: string;
  lessonId: string;
  studentId: string;
  kind: AbsenceKind;
}

/** One journal: a subject of the class, of one of its subgroups, or of a study group. */
export interface CopyUnit {
  key: string;
  subjectId: string;
  subject: string;
  /** «Алгебра», «Английский язык (1 подгруппа)», «Информатика (группа «Робототехника»)». */
  title: string;
  /** The teachers of the journal's lessons (not substitutes), «И. О. Фамилия», most lessons first. */
  teachers: string[];
  lessons: CopyLesson[];
  /** The class's students on this journal (the class list's order). */
  studentIds: string[];
  marks: CopyMark[];
  absences: CopyAbsence[];
}

export interface CopySummarySubject {
  id: string;
  name: string;
  grading: Grading;
}

export interface CopyData {
  school: string;
  classId: string;
  className: string;
  grade: number;
  yearName: string;
  period: CopyPeriod;
  classTeacher: string | null;
  director: string | null;
  students: CopyStudent[];
  units: CopyUnit[];
  /** The subjects the period marks are given in (the curriculum's attested subjects), in the school's order. */
  attested: CopySummarySubject[];
  notAttested: string[];
  /** The year's periods of the class up to this one (the summary's columns). */
  periods: { key: string; name: string; short: string; end: string }[];
  /** Period marks: periodId → subjectId → studentId → value (a period's marks for those on the list on its last day). */
  periodMarks: Map<string, Map<string, Map<string, MarkValue>>>;
}

interface ClassHead {
  id: string;
  name: string;
  grade: number;
  year_id: string;
  year_name: string;
  t_last: string | null;
  t_first: string | null;
  t_middle: string | null;
}

export function periodRow(ctx: Ctx, periodId: string): CopyPeriod {
  const p = ctx.db.raw
    .prepare(
      `SELECT id, name, kind, number, start_date AS start, end_date AS "end", grade_from AS gradeFrom, grade_to AS gradeTo, year_id AS yearId
       FROM study_period WHERE id = ? AND deleted_at IS NULL`,
    )
    .get(periodId) as CopyPeriod | undefined;
  if (!p) throw notFound('Учебный период');
  return p;
}

const ruDay = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;

/** Reads everything the copy prints. `school`/`director` once per job (the caller may pass them). */
export function copyData(ctx: Ctx, classId: string, periodId: string, shared?: { school: string; director: string | null }): CopyData {
  const raw = ctx.db.raw;
  const head = raw
    .prepare(
      `SELECT c.id, ${classNameSql('c')} AS name, c.grade, c.year_id, y.name AS year_name, t.last_name AS t_last, t.first_name AS t_first, t.middle_name AS t_middle
       FROM school_class c JOIN academic_year y ON y.id = c.year_id LEFT JOIN staff t ON t.id = c.class_teacher_id
       WHERE c.id = ? AND c.deleted_at IS NULL`,
    )
    .get(classId) as ClassHead | undefined;
  if (!head) throw notFound('Класс');
  const period = periodRow(ctx, periodId);
  const { start: from, end: to } = period;

  // The class list: memberships that touch the period (date_to exclusive), merged per student.
  const spans = raw
    .prepare(
      `SELECT m.student_id AS id, s.last_name, s.first_name, s.middle_name, s.gender, m.date_from, m.date_to
       FROM class_membership m JOIN student s ON s.id = m.student_id
       WHERE m.class_id = ? AND m.deleted_at IS NULL AND m.date_from <= ? AND (m.date_to IS NULL OR m.date_to > ?)
       ORDER BY s.last_name, s.first_name, s.middle_name, s.id, m.date_from`,
    )
    .all(classId, to, from) as { id: string; last_name: string; first_name: string; middle_name: string | null; gender: 'm' | 'f' | null; date_from: string; date_to: string | null }[];
  const byId = new Map<string, CopyStudent>();
  for (const span of spans) {
    // Leaving after the period's end (the rollover closes memberships on the next year's first day) is
    // not the period's business: the copy, and its digest, stay as they were printed (issue 15).
    const r = span.date_to !== null && span.date_to > to ? { ...span, date_to: null } : span;
    const had = byId.get(r.id);
    if (had) {
      if (r.date_from < had.from) had.from = r.date_from;
      had.to = had.to === null || r.date_to === null ? null : r.date_to > had.to ? r.date_to : had.to;
      continue;
    }
    byId.set(r.id, {
      id: r.id,
      name: [r.last_name, r.first_name, r.middle_name].filter(Boolean).join(' '),
      short: `${r.last_name} ${r.first_name}`,
      from: r.date_from,
      to: r.date_to,
      note: null,
      gender: r.gender,
    });
  }
  const students = [...byId.values()];
  for (const s of students) {
    const f = s.gender === 'f';
    const notes: string[] = [];
    if (s.from > from) notes.push(`${f ? 'прибыла' : 'прибыл'} ${ruDay(s.from)}`);
    if (s.to !== null && s.to <= to) notes.push(`${f ? 'выбыла' : 'выбыл'} ${ruDay(s.to)}`);
    s.note = notes.length ? notes.join(', ') : null;
  }
  const ids = students.map((s) => s.id);
  const order = new Map(ids.map((id, i) => [id, i]));

  // The lessons held in the period: the class's own (whole class or a subgroup), and those of study
  // groups with a student of the class. Two index probes, one statement.
  const lessons = raw
    .prepare(
      `WITH g AS (SELECT DISTINCT m.group_id FROM study_group_member m WHERE m.deleted_at IS NULL AND m.student_id IN (SELECT value FROM json_each(@students))
                    AND m.date_from <= @to AND (m.date_to IS NULL OR m.date_to > @from)),
       l AS (SELECT * FROM lesson WHERE class_id = @cls AND date BETWEEN @from AND @to AND deleted_at IS NULL AND status = 'held'
             UNION ALL
             SELECT * FROM lesson WHERE study_group_id IN (SELECT group_id FROM g) AND date BETWEEN @from AND @to AND deleted_at IS NULL AND status = 'held')
       SELECT l.id, l.date, l.lesson_no, l.subject_id, l.subgroup_id, l.study_group_id, l.teacher_id, l.substitute_id, coalesce(l.topic, '') AS topic, coalesce(l.homework, '') AS homework
       FROM l ORDER BY l.date, l.lesson_no, l.id`,
    )
    .all({ students: json(ids), cls: classId, from, to }) as {
    id: string;
    date: string;
    lesson_no: number;
    subject_id: string;
    subgroup_id: string | null;
    study_group_id: string | null;
    teacher_id: string;
    substitute_id: string | null;
    topic: string;
    homework: string;
  }[];
  const lessonIds = lessons.map((l) => l.id);

  const marks = raw
    .prepare(
      `SELECT m.id, m.lesson_id AS lessonId, m.student_id AS studentId, m.value, m.work_kind AS workKind FROM mark m
       WHERE m.lesson_id IN (SELECT value FROM json_each(@lessons)) AND m.deleted_at IS NULL AND m.student_id IN (SELECT value FROM json_each(@students))
       ORDER BY m.entered_at, m.id`,
    )
    .all({ lessons: json(lessonIds), students: json(ids) }) as CopyMark[];
  const absences = raw
    .prepare(
      `SELECT a.id, a.lesson_id AS lessonId, a.student_id AS studentId, a.kind FROM attendance a
       WHERE a.lesson_id IN (SELECT value FROM json_each(@lessons)) AND a.deleted_at IS NULL AND a.student_id IN (SELECT value FROM json_each(@students))
       ORDER BY a.entered_at, a.id`,
    )
    .all({ lessons: json(lessonIds), students: json(ids) }) as CopyAbsence[];

  // Names: staff, subjects, subgroups, study groups and their members (one statement each).
  const staffIds = [...new Set(lessons.flatMap((l) => (l.substitute_id ? [l.teacher_id, l.substitute_id] : [l.teacher_id])))];
  const staff = new Map(
    (raw.prepare(`SELECT id, last_name, first_name, middle_name FROM staff WHERE id IN (SELECT value FROM json_each(?))`).all(json(staffIds)) as {
      id: string;
      last_name: string;
      first_name: string;
      middle_name: string | null;
    }[]).map((s) => [s.id, initialsName(s)]),
  );
  const subjectRows = raw
    .prepare(`SELECT id, name, sort_order FROM subject WHERE id IN (SELECT value FROM json_each(?))`)
    .all(json([...new Set(lessons.map((l) => l.subject_id))])) as { id: string; name: string; sort_order: number }[];
  const subjects = new Map(subjectRows.map((s) => [s.id, s]));
  const subgroupIds = [...new Set(lessons.flatMap((l) => (l.subgroup_id ? [l.subgroup_id] : [])))];
  const groupIds = [...new Set(lessons.flatMap((l) => (l.study_group_id ? [l.study_group_id] : [])))];
  const subgroupNames = new Map(
    (raw.prepare(`SELECT id, name FROM subgroup WHERE id IN (SELECT value FROM json_each(?))`).all(json(subgroupIds)) as { id: string; name: string }[]).map((r) => [r.id, r.name]),
  );
  const groupNames = new Map(
    (raw.prepare(`SELECT id, name FROM study_group WHERE id IN (SELECT value FROM json_each(?))`).all(json(groupIds)) as { id: string; name: string }[]).map((r) => [r.id, r.name]),
  );
  const members = raw
    .prepare(
      `SELECT subgroup_id AS unit, student_id FROM subgroup_member WHERE subgroup_id IN (SELECT value FROM json_each(@subgroups)) AND deleted_at IS NULL
         AND date_from <= @to AND (date_to IS NULL OR date_to > @from)
       UNION
       SELECT group_id, student_id FROM study_group_member WHERE group_id IN (SELECT value FROM json_each(@groups)) AND deleted_at IS NULL
         AND date_from <= @to AND (date_to IS NULL OR date_to > @from)`,
    )
    .all({ subgroups: json(subgroupIds), groups: json(groupIds), from, to }) as { unit: string; student_id: string }[];
  const membersOf = new Map<string, Set<string>>();
  for (const m of members) if (order.has(m.student_id)) (membersOf.get(m.unit) ?? membersOf.set(m.unit, new Set()).get(m.unit)!).add(m.student_id);

  // The journals.
  const units = new Map<string, CopyUnit & { sort: number; sub: string; counts: Map<string, number> }>();
  const unitOfLesson = new Map<string, CopyUnit>();
  for (const l of lessons) {
    const key = l.study_group_id ? `g:${l.study_group_id}:${l.subject_id}` : l.subgroup_id ? `s:${l.subgroup_id}` : `c:${l.subject_id}`;
    let u = units.get(key);
    if (!u) {
      const subj = subjects.get(l.subject_id);
      const name = subj?.name ?? '?';
      const sub = l.study_group_id ? `группа «${groupNames.get(l.study_group_id) ?? '?'}»` : l.subgroup_id ? (subgroupNames.get(l.subgroup_id) ?? '?') : '';
      const unitId = l.study_group_id ?? l.subgroup_id;
      const mine = unitId ? membersOf.get(unitId) : undefined;
      u = {
        key,
        subjectId: l.subject_id,
        subject: name,
        title: sub ? `${name} (${sub})` : name,
        teachers: [],
        lessons: [],
        studentIds: unitId ? ids.filter((id) => mine?.has(id)) : ids,
        marks: [],
        absences: [],
        sort: subj?.sort_order ?? 0,
        sub: `${l.study_group_id ? 'b' : l.subgroup_id ? 'a' : ''}${sub}`,
        counts: new Map(),
      };
      units.set(key, u);
    }
    const teacher = staff.get(l.teacher_id) ?? '?';
    u.counts.set(teacher, (u.counts.get(teacher) ?? 0) + 1);
    u.lessons.push({ id: l.id, date: l.date, no: l.lesson_no, topic: l.topic, homework: l.homework, teacher, substitute: l.substitute_id ? (staff.get(l.substitute_id) ?? '?') : null });
    unitOfLesson.set(l.id, u);
  }
  for (const m of marks) unitOfLesson.get(m.lessonId)?.marks.push(m);
  for (const a of absences) unitOfLesson.get(a.lessonId)?.absences.push(a);
  // A student marked in a subgroup or group journal though no longer a member: still on its sheet.
  for (const u of units.values()) {
    if (u.key.startsWith('c:')) continue;
    const on = new Set(u.studentIds);
    for (const x of [...u.marks, ...u.absences]) on.add(x.studentId);
    u.studentIds = ids.filter((id) => on.has(id));
  }
  const unitList = [...units.values()]
    .sort((a, b) => a.sort - b.sort || collate(a.subject, b.subject) || collate(a.sub, b.sub))
    .map(({ sort: _s, sub: _b, counts, ...u }) => ({ ...u, teachers: [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([t]) => t) }));

  // The summary: the curriculum's attested subjects; the year's periods of the class up to this one.
  const curriculum = raw
    .prepare(
      `SELECT DISTINCT p.id, p.name, p.sort_order, p.grading, p.no_attestation FROM curriculum_item i JOIN subject p ON p.id = i.subject_id AND p.deleted_at IS NULL
       WHERE i.class_id = ? AND i.deleted_at IS NULL AND i.hours_per_week > 0 ORDER BY p.sort_order, p.name`,
    )
    .all(classId) as { id: string; name: string; sort_order: number; grading: Grading; no_attestation: number }[];
  const attested = curriculum.filter((x) => !x.no_attestation && x.grading !== 'none').map((x) => ({ id: x.id, name: x.name, grading: x.grading }));
  const notAttested = curriculum.filter((x) => x.no_attestation || x.grading === 'none').map((x) => x.name);
  const periods = (
    raw
      .prepare(
        `SELECT id, name, number, end_date FROM study_period WHERE year_id = ? AND deleted_at IS NULL AND grade_from <= ? AND grade_to >= ? AND end_date <= ?
         ORDER BY start_date, number`,
      )
      .all(head.year_id, head.grade, head.grade, to) as { id: string; name: string; number: number; end_date: string }[]
  ).map((p) => ({ key: p.id, name: p.name, short: ROMAN[p.number - 1] ?? String(p.number), end: p.end_date }));
  const pm = raw
    .prepare(
      `SELECT pm.id, pm.student_id, pm.subject_id, pm.period_id, pm.value, pm.entered_at FROM period_mark pm
       WHERE pm.year_id = @year AND pm.period_id IN (SELECT value FROM json_each(@periods)) AND pm.deleted_at IS NULL
         AND pm.student_id IN (SELECT value FROM json_each(@students))`,
    )
    .all({ year: head.year_id, periods: json(periods.map((p) => p.key)), students: json(ids) }) as {
    id: string;
    student_id: string;
    subject_id: string;
    period_id: string;
    value: MarkValue;
    entered_at: string;
  }[];
  // The last entered of each (period, subject, student) counts; a period's marks only for those on the list on its last day.
  const periodEnd = new Map(periods.map((p) => [p.key, p.end]));
  const onListOn = (id: string, day: string) => spans.some((s) => s.id === id && s.date_from <= day && (s.date_to === null || s.date_to > day));
  const attestedSet = new Set(attested.map((a) => a.id));
  const last = new Map<string, (typeof pm)[number]>();
  for (const r of pm) {
    const k = `${r.period_id} ${r.subject_id} ${r.student_id}`;
    const had = last.get(k);
    if (!had || r.entered_at > had.entered_at || (r.entered_at === had.entered_at && r.id > had.id)) last.set(k, r);
  }
  const periodMarks: CopyData['periodMarks'] = new Map();
  for (const r of last.values()) {
    if (!attestedSet.has(r.subject_id) && !units.has(`c:${r.subject_id}`)) continue;
    if (!onListOn(r.student_id, periodEnd.get(r.period_id)!)) continue;
    const bySubject = periodMarks.get(r.period_id) ?? periodMarks.set(r.period_id, new Map()).get(r.period_id)!;
    (bySubject.get(r.subject_id) ?? bySubject.set(r.subject_id, new Map()).get(r.subject_id)!).set(r.student_id, r.value);
  }

  const classTeacher = head.t_last ? initialsName({ last_name: head.t_last, first_name: head.t_first ?? '', middle_name: head.t_middle }) : null;
  return {
    school: shared?.school ?? schoolRow(ctx)?.full_name ?? '',
    classId,
    className: head.name,
    grade: head.grade,
    yearName: head.year_name,
    period,
    classTeacher,
    director: shared ? shared.director : directorName(ctx),
    students,
    units: unitList,
    attested,
    notAttested,
    periods,
    periodMarks,
  };
}
