// The monitoring of the journal (issue 13 point 3; R17, R18, R20; docs/indicators.md «Monitoring of
// the journal»): which span of dates, classes and study groups a report counts (a deputy director
// kept to their parallels), the courses (a class, subgroup or study group × subject) they are taught
// as, the rows loaded set-based (queries.ts), the plan from the curriculum and the timetable, and
// the figures computed from them (compute.ts), by teacher, class or subject, with the lists behind.
import type { z } from 'zod';
import type { Ctx } from '../context';
import { notFound } from '../../api/errors';
import { absenceKinds, markValues } from '../../api/enums';
import type {
  MonitoringDetails,
  MonitoringGrouping,
  MonitoringLateEntry,
  MonitoringLesson,
  MonitoringOptions,
  MonitoringPeriod,
  MonitoringReport,
  MonitoringRow,
  MonitoringStudent,
  monitoringDetailsInput,
  monitoringInput,
} from '../../api/monitoring';
import type { ReportRules } from '../../api/indicators';
import { currentYearId, currentYearOrNull } from '../year';
import { ownParallels } from '../auth/parallels';
import { getReportRules } from '../indicators/rules';
import { isoDay, ruDate } from '../format';
import { isWorkingDay, loadCorrections } from '../calendar/calendar';
import { Schedule, weekdayOf } from '../substitutions/day';
import { checkpoint, progress } from '../job';
import { NO_TEACHER, addDays, courseSlice, rowKeyOf, figuresOf, monitorFacts, problemsOf, slices, type CourseSpec, type EntryFact, type Facts, type LessonFact, type StudentFact } from './compute';
import * as q from './queries';

type Input = z.output<typeof monitoringInput>;
type DetailsInput = z.output<typeof monitoringDetailsInput>;

export function monitoringOptions(ctx: Ctx): MonitoringOptions {
  const yearId = currentYearOrNull(ctx);
  if (!yearId) return { yearId: null, periods: [], grades: [], currentPeriodId: null, hasData: false };
  const { db } = ctx;
  const own = ownParallels(ctx);
  const grades = [...new Set(q.classesOfYear(db, yearId).map((c) => c.grade))].filter((g) => !own || own.includes(g)).sort((a, b) => a - b);
  const periods = q
    .studyPeriods(db, yearId)
    .map((p) => ({ id: p.id, name: p.name, startDate: p.start_date, endDate: p.end_date, grades: grades.filter((g) => g >= p.grade_from && g <= p.grade_to) }))
    .filter((p) => p.grades.length > 0);
  const t = isoDay(ctx.now());
  const current = periods.find((p) => p.startDate <= t && t <= p.endDate) ?? [...periods].reverse().find((p) => p.endDate < t) ?? null;
  return { yearId, periods, grades, currentPeriodId: current?.id ?? null, hasData: q.hasJournal(db) };
}

interface Built {
  period: MonitoringPeriod;
  rules: ReportRules;
  facts: Facts;
  groupBy: MonitoringGrouping;
  rowName: (key: string) => string;
  order: (a: string, b: string) => number;
  staffName: (id: string) => string;
  subjectName: (id: string) => string;
  studentName: (id: string) => string;
}

const localDay = (iso: string) => isoDay(new Date(iso));

/**
 * The facts of a report. `only`: the one row the details are for — its courses alone are loaded
 * (by teacher: the courses they are assigned and those with a lesson they kept).
 */
function build(ctx: Ctx, input: Input, only?: string): Built {
  const { db } = ctx;
  const rules = getReportRules(ctx);
  progress(ctx, 0, 4, 'Мониторинг журнала: уроки');
  let yearId: string;
  let row: q.PeriodRow | null = null;
  let from: string;
  let to: string;
  if (input.periodId) {
    row = q.studyPeriod(db, input.periodId) ?? null;
    if (!row) throw notFound('Период');
    [yearId, from, to] = [row.year_id, row.start_date, row.end_date];
  } else {
    yearId = currentYearId(ctx);
    [from, to] = [input.from!, input.to!];
  }
  const today = isoDay(ctx.now());
  const planUntil = to < today ? to : today;
  const rosterDay = planUntil >= from ? planUntil : to;
  const period: MonitoringPeriod = { id: row?.id ?? null, name: row ? row.name : `${ruDate(from)} – ${ruDate(to)}`, from, to, planUntil };

  // The classes and study groups: a deputy's parallels, the chosen parallel, the study period's parallels.
  const own = ownParallels(ctx);
  const fits = (g: number) => (!own || own.includes(g)) && (input.grade === undefined || g === input.grade) && (!row || (g >= row.grade_from && g <= row.grade_to));
  const classes = q.classesOfYear(db, yearId).filter((c) => fits(c.grade));
  const groups = q.studyGroupsOfYear(db, yearId).filter((g) => {
    const grades = JSON.parse(g.grades) as number[];
    return grades.length ? grades.some(fits) : !own && input.grade === undefined;
  });
  const classIds = classes.map((c) => c.id);
  const groupIds = groups.map((g) => g.id);
  const classById = new Map(classes.map((c) => [c.id, c]));
  const groupById = new Map(groups.map((g) => [g.id, g]));
  const subgroupRows = q.subgroups(db, classIds);
  const subgroupById = new Map(subgroupRows.map((s) => [s.id, s]));
  const subjects = q.subjects(db);
  const subjectById = new Map(subjects.map((s) => [s.id, s]));
  const staffRows = q.staff(db);
  const staffById = new Map(staffRows.map((s) => [s.id, s.name]));
  const lessons = q.lessons(db, from, to, classIds, groupIds);
  const assignments = q.assignments(db, yearId).filter((a) => (a.class_id ? classById.has(a.class_id) : !!a.study_group_id && groupById.has(a.study_group_id)));
  const hours = new Map(q.curriculum(db, classIds).map((r) => [`${r.class_id}|${r.subject_id}`, r.hours_per_week]));

  // The courses: the tarification's, the journal's, and the curriculum's not yet among them.
  const courses = new Map<string, CourseSpec>();
  const keyOf = (classId: string | null, subgroupId: string | null, groupId: string | null, subjectId: string) => `${classId ?? ''}|${subgroupId ?? ''}|${groupId ?? ''}|${subjectId}`;
  const course = (classId: string | null, subgroupId: string | null, groupId: string | null, subjectId: string): CourseSpec | null => {
    const key = keyOf(classId, subgroupId, groupId, subjectId);
    const had = courses.get(key);
    if (had) return had;
    const subject = subjectById.get(subjectId);
    const cls = classId ? classById.get(classId) : undefined;
    const group = groupId ? groupById.get(groupId) : undefined;
    if (!subject || (classId && !cls) || (groupId && !group)) return null;
    const sub = subgroupId ? subgroupById.get(subgroupId) : undefined;
    const className = cls ? cls.name : group!.name;
    const c: CourseSpec = {
      key,
      classId,
      subgroupId,
      groupId,
      subjectId,
      listId: subgroupId ?? classId ?? groupId!,
      target: sub ? `${className} · ${sub.name}` : className,
      className,
      hours: group ? group.hours_per_week : (hours.get(`${classId}|${subjectId}`) ?? 0),
      teachers: [],
      marked: subject.grading !== 'none' && subject.no_attestation === 0,
    };
    courses.set(key, c);
    return c;
  };
  for (const a of assignments) {
    const c = course(a.class_id, a.subgroup_id, a.study_group_id, a.subject_id);
    if (c && !c.teachers.includes(a.teacher_id)) c.teachers.push(a.teacher_id);
  }
  const lessonCourse = new Map<string, string>();
  for (const l of lessons) {
    const c = course(l.class_id, l.subgroup_id, l.study_group_id, l.subject_id);
    if (c) lessonCourse.set(l.id, c.key);
  }
  const assigned = new Set(assignments.map((a) => keyOf(a.class_id, a.subgroup_id, a.study_group_id, a.subject_id)));
  for (const l of lessons) {
    const c = courses.get(lessonCourse.get(l.id) ?? '');
    // Nobody assigned by the tarification: the teachers of its lessons.
    if (c && !assigned.has(c.key) && !c.teachers.includes(l.teacher_id)) c.teachers.push(l.teacher_id);
  }
  const taught = new Set([...courses.values()].filter((c) => c.classId).map((c) => `${c.classId}|${c.subjectId}`));
  for (const key of hours.keys()) {
    if (taught.has(key)) continue;
    const [classId, subjectId] = key.split('|') as [string, string];
    course(classId, null, null, subjectId);
  }
  for (const g of groups) if (![...courses.values()].some((c) => c.groupId === g.id)) course(null, null, g.id, g.subject_id);
  let list = [...courses.values()];
  if (only !== undefined) {
    const kept = new Set(lessons.filter((l) => (l.substitute_id ?? l.teacher_id) === only).map((l) => lessonCourse.get(l.id)));
    const mine = list.filter((c) => kept.has(c.key) || rowKeyOf(input.groupBy).course(c).includes(only));
    // The other subgroups of a divided subject: the subgroups' comparison needs them all.
    const divided = new Set(mine.filter((c) => c.subgroupId).map((c) => `${c.classId}|${c.subjectId}`));
    list = list.filter((c) => mine.includes(c) || (c.subgroupId && divided.has(`${c.classId}|${c.subjectId}`)));
  }
  const inList = new Set(list.map((c) => c.key));
  const lessonsIn = lessons.filter((l) => inList.has(lessonCourse.get(l.id) ?? ''));
  progress(ctx, 1, 4, 'Мониторинг журнала: отметки и посещаемость');
  checkpoint(ctx);

  const members = q.members(
    db,
    from,
    to,
    [...new Set(list.map((c) => c.classId).filter((x): x is string => !!x && list.some((k) => k.classId === x && !k.subgroupId)))],
    [...new Set(list.map((c) => c.subgroupId).filter((x): x is string => !!x))],
    [...new Set(list.map((c) => c.groupId).filter((x): x is string => !!x))],
  );
  const studentIds = [...new Set(members.map((m) => m.student_id))];
  const studentNames = new Map(members.map((m) => [m.student_id, m.name]));
  const lessonIds = lessonsIn.map((l) => l.id);
  const marks = q.marks(db, lessonIds, from, to, studentIds);
  const attendance = q.attendance(db, lessonIds);

  progress(ctx, 2, 4, 'Мониторинг журнала: план и расписание');
  checkpoint(ctx);
  // The plan: weekly hours × school days ÷ 5 of each parallel, up to planUntil.
  const schedule = new Schedule(db);
  const corrections = loadCorrections(db);
  const weeks = new Map<number | null, number>();
  const weeksOf = (grade: number | null) => {
    let w = weeks.get(grade);
    if (w === undefined) {
      let n = 0;
      for (let d = from; d <= planUntil; d = addDays(d, 1)) if (weekdayOf(d) <= 5 && isWorkingDay(d, corrections) && !schedule.closed(d, grade)) n++;
      weeks.set(grade, (w = n / 5));
    }
    return w;
  };
  const planned = new Map<string, number>();
  for (const c of list) {
    const grade = c.classId ? classById.get(c.classId)!.grade : (groupById.get(c.groupId!)!.grade ?? null);
    planned.set(c.key, Math.round(c.hours * weeksOf(grade)));
  }
  // The timetable's lessons on the same days (not on a day off of the production calendar).
  const scheduledBy = new Map<string, { courseKey: string; teacherId: string; count: number }>();
  for (let d = from; d <= planUntil; d = addDays(d, 1)) {
    if (weekdayOf(d) <= 5 && !isWorkingDay(d, corrections)) continue;
    for (const p of schedule.planned(d)) {
      const k = keyOf(p.card.class_id, p.card.subgroup_id, p.card.study_group_id, p.card.subject_id);
      if (!courses.has(k)) continue;
      const sk = `${k}#${p.card.teacher_id}`;
      const e = scheduledBy.get(sk) ?? { courseKey: k, teacherId: p.card.teacher_id, count: 0 };
      e.count += p.card.duration;
      scheduledBy.set(sk, e);
    }
  }

  const teaches = new Set([...q.assignments(db, yearId).map((a) => `${a.teacher_id}|${a.subject_id}`), ...q.qualifications(db).map((x) => `${x.staff_id}|${x.subject_id}`)]);
  const exempt = new Set(row ? q.exemptions(db, row.id).map((x) => `${x.student_id}|${x.subject_id}`) : []);

  progress(ctx, 3, 4, 'Мониторинг журнала: расчёт');
  checkpoint(ctx);
  const facts = monitorFacts({
    rules,
    from,
    to,
    rosterDay,
    courses: list,
    lessons: lessonsIn.map((l) => ({
        id: l.id,
        courseKey: lessonCourse.get(l.id)!,
        date: l.date,
        lessonNo: l.lesson_no,
        teacherId: l.teacher_id,
        substituteId: l.substitute_id,
        topic: l.topic,
        homework: l.homework,
        status: l.status,
        updatedAt: l.updated_at,
      })),
    marks: marks.map((m) => ({ studentId: m.student_id, lessonId: m.lesson_id, date: m.date, subjectId: m.subject_id, value: m.value, enteredAt: m.entered_at })),
    attendance: attendance.map((a) => ({ lessonId: a.lesson_id, studentId: a.student_id, kind: a.kind, enteredAt: a.entered_at })),
    members: members.map((m) => ({ listId: m.list_id, studentId: m.student_id, name: m.name, from: m.date_from, to: m.date_to })),
    planned,
    scheduled: [...scheduledBy.values()],
    teaches,
    exempt,
    localDay,
  });

  const groupBy = input.groupBy;
  const classOrder = new Map(classes.map((c, i) => [c.id, i]));
  const rowName = (key: string) => {
    if (groupBy === 'teacher') return key === NO_TEACHER ? 'Учитель не назначен' : (staffById.get(key) ?? '—');
    if (groupBy === 'subject') return subjectById.get(key)?.name ?? '—';
    return key.startsWith('group:') ? (groupById.get(key.slice(6))?.name ?? '—') : (classById.get(key)?.name ?? '—');
  };
  const rank = (key: string): [number, string] => {
    if (groupBy === 'subject') return [subjectById.get(key)?.sort_order ?? 0, rowName(key)];
    if (groupBy === 'class') return [key.startsWith('group:') ? 100_000 : (classOrder.get(key) ?? 0), rowName(key)];
    return [key === NO_TEACHER ? 1 : 0, rowName(key)];
  };
  const order = (a: string, b: string) => {
    const [x, y] = [rank(a), rank(b)];
    return x[0] - y[0] || x[1].localeCompare(y[1], 'ru');
  };
  return {
    period,
    rules,
    facts,
    groupBy,
    rowName,
    order,
    staffName: (id) => staffById.get(id) ?? '—',
    subjectName: (id) => subjectById.get(id)?.name ?? '—',
    studentName: (id) => studentNames.get(id) ?? '—',
  };
}

function rowsOf(b: Built): { rows: MonitoringRow[]; bySlice: ReturnType<typeof slices> } {
  const bySlice = slices(b.facts, b.groupBy);
  const keys = [...bySlice.keys()].sort(b.order);
  const rows = keys.map((key) => {
    const figures = figuresOf(bySlice.get(key)!);
    return { key, name: b.rowName(key), figures, problems: problemsOf(figures) };
  });
  return { rows, bySlice };
}

export function monitoringReport(ctx: Ctx, input: Input): MonitoringReport {
  return ctx.db.tx(() => {
    const b = build(ctx, input);
    const { rows } = rowsOf(b);
    const f = b.facts;
    const total = figuresOf({
      courses: f.courses,
      lessons: f.lessons,
      marks: f.marks,
      attendance: f.attendance,
      students: f.students,
      gaps: f.gaps,
      planned: [...f.planned.values()].reduce((a, x) => a + x, 0),
      scheduled: f.scheduled.reduce((a, x) => a + x.count, 0),
    });
    return { period: b.period, groupBy: b.groupBy, rules: b.rules, rows, total };
  });
}

export function monitoringDetails(ctx: Ctx, input: DetailsInput): MonitoringDetails {
  return ctx.db.tx(() => {
    const b = build(ctx, input, input.key);
    const { rows, bySlice } = rowsOf(b);
    const row = rows.find((r) => r.key === input.key);
    const s = bySlice.get(input.key);
    if (!row || !s) throw notFound('Строка отчёта');
    const lesson = (l: LessonFact): MonitoringLesson => ({
      id: l.lesson.id,
      date: l.lesson.date,
      lessonNo: l.lesson.lessonNo,
      target: l.course.target,
      subject: b.subjectName(l.course.subjectId),
      teacher: b.staffName(l.lesson.teacherId),
      substitute: l.lesson.substituteId ? b.staffName(l.lesson.substituteId) : null,
      recordedOn: l.recordedOn,
      equivalent: l.substitution ? l.equivalent : undefined,
    });
    const late = (e: EntryFact, label: string): MonitoringLateEntry => ({
      lessonDate: e.lessonDate,
      student: b.studentName(e.studentId),
      target: e.course.target,
      subject: b.subjectName(e.course.subjectId),
      teacher: b.staffName(e.keeper),
      value: label,
      enteredAt: e.enteredAt,
      days: e.days,
    });
    const student = (x: StudentFact, note: string): MonitoringStudent => ({ id: x.studentId, name: x.name, target: x.course.target, subject: b.subjectName(x.course.subjectId), marks: x.marks, note });
    const counted = s.students.filter((x) => x.course.marked && !x.exempt);
    const held = s.lessons.filter((l) => l.held);
    const byDate = (a: MonitoringLesson, c: MonitoringLesson) => a.date.localeCompare(c.date) || a.lessonNo - c.lessonNo;
    return {
      row,
      period: b.period,
      courses: s.courses
        .map((c) => ({ target: c.target, subject: b.subjectName(c.subjectId), teacher: c.teachers.map(b.staffName).join(', ') || '—', hoursPerWeek: c.hours, figures: figuresOf(courseSlice(b.facts, c)) }))
        .sort((x, y) => x.target.localeCompare(y.target, 'ru') || x.subject.localeCompare(y.subject, 'ru')),
      withoutTopic: held.filter((l) => !l.hasTopic).map(lesson).sort(byDate),
      withoutHomework: held.filter((l) => !l.hasHomework).map(lesson).sort(byDate),
      homeworkLate: held.filter((l) => l.hasHomework && !l.homeworkInTime).map(lesson).sort(byDate),
      marksLate: s.marks.filter((m) => !m.inTime).map((m) => late(m, markValues.labels[m.value as keyof typeof markValues.labels] ?? m.value)),
      attendanceLate: s.attendance.filter((a) => !a.inTime).map((a) => late(a, absenceKinds.labels[a.value as keyof typeof absenceKinds.labels] ?? a.value)),
      noMarks: counted.filter((x) => x.marks === 0).map((x) => student(x, 'нет отметок')),
      oneMark: counted.filter((x) => x.marks === 1).map((x) => student(x, 'одна отметка')),
      belowAccumulation: counted.filter((x) => x.marks < x.norm).map((x) => student(x, `${x.marks} из ${x.norm} по норме`)),
      systemicFailure: s.students
        .filter((x) => x.systemicFailure)
        .map((x) => student(x, `«2» подряд: ${x.failureRun}${x.failureFrom ? ` с ${ruDate(x.failureFrom)}` : ''}`)),
      systemicAbsence: s.students
        .filter((x) => x.systemicAbsence)
        .map((x) => student(x, `«Н»: ${x.unexcused} из ${x.heldListed} уроков (${Math.round((x.unexcused * 1000) / x.heldListed) / 10} %)`)),
      subgroupGaps: s.gaps
        .filter((g) => g.flagged)
        .map((g) => ({
          className: g.className,
          subject: b.subjectName(g.subjectId),
          gap: g.gap,
          subgroups: g.courses.map((r) => ({ name: r.course.target, teacher: r.course.teachers.map(b.staffName).join(', ') || '—', average: r.average, marks: r.marks })),
        })),
      substitutions: held.filter((l) => l.substitution).map(lesson).sort(byDate),
    };
  });
}

/** For the files: the report with each row's figures. */
export { build as buildMonitoring };
