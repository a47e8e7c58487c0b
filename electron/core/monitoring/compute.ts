// The monitoring's figures (issue 13 point 3; R17, R18, R20; docs/indicators.md «Monitoring of the
// journal»), pure: from the rows a report loads (report.ts) to the facts of each course (a class,
// subgroup or study group × subject) and from them the figures of any set of them (a teacher, a
// class, a subject). No SQL, no clock: the dates and the rules come in.
import type { ReportRules, AccumulationHours } from '../../api/indicators';
import type { MonitoringFigures, MonitoringProblem, MonitoringShare, MonitoringGrouping } from '../../api/monitoring';
import type { AbsenceKind, LessonStatus, MarkValue } from '../../api/enums';

export interface CourseSpec {
  key: string;
  classId: string | null;
  subgroupId: string | null;
  groupId: string | null;
  subjectId: string;
  /** The class, subgroup or study group whose list it teaches. */
  listId: string;
  /** «7Б», «7Б · 1 подгруппа», a study group's name. */
  target: string;
  /** The class's name (a study group: its name), for the subgroups' comparison and the class grouping. */
  className: string;
  /** Weekly hours of the curriculum (a study group: its own). */
  hours: number;
  /** The teachers of the tarification of it (planned lessons and the students' figures go to them). */
  teachers: string[];
  /** Mark-based figures (accumulation, without marks, failure, subgroups) apply: a subject with marks and attestation. */
  marked: boolean;
}

export interface LessonIn {
  id: string;
  courseKey: string;
  date: string;
  lessonNo: number;
  teacherId: string;
  substituteId: string | null;
  topic: string | null;
  homework: string | null;
  status: LessonStatus;
  /** When the lesson row last changed (its homework's recording: docs/indicators.md). */
  updatedAt: string;
}

export interface MarkIn {
  studentId: string;
  lessonId: string | null;
  date: string;
  subjectId: string;
  value: MarkValue;
  enteredAt: string;
}

export interface AttendanceIn {
  lessonId: string;
  studentId: string;
  kind: AbsenceKind;
  enteredAt: string;
}

export interface MemberIn {
  listId: string;
  studentId: string;
  name: string;
  from: string;
  to: string | null;
}

export interface MonitorInput {
  rules: ReportRules;
  from: string;
  to: string;
  /** The day whose lists count the students: the period's last day, or today while it goes on. */
  rosterDay: string;
  courses: CourseSpec[];
  lessons: LessonIn[];
  marks: MarkIn[];
  attendance: AttendanceIn[];
  members: MemberIn[];
  /** Planned lessons by course (hours × weeks) and the timetable's lessons by course and teacher. */
  planned: Map<string, number>;
  scheduled: { courseKey: string; teacherId: string; count: number }[];
  /** `${staffId}|${subjectId}`: the substitute teaches the subject (tarification or qualification). */
  teaches: Set<string>;
  /** `${studentId}|${subjectId}` exempt («осв.») by the period mark. */
  exempt: Set<string>;
  /** The local calendar day of a moment (the host's time zone), 'YYYY-MM-DD'. */
  localDay: (iso: string) => string;
}

export interface LessonFact {
  lesson: LessonIn;
  course: CourseSpec;
  /** Who kept the journal: the substitute, else the teacher (R9). */
  keeper: string;
  held: boolean;
  hasTopic: boolean;
  hasHomework: boolean;
  recordedOn: string | null;
  homeworkInTime: boolean;
  substitution: boolean;
  equivalent: boolean;
  /** Students on the list that day. */
  listed: number;
  /** Of them missed it (Б, У, Н). */
  missed: number;
}

export interface EntryFact {
  course: CourseSpec;
  keeper: string;
  lessonDate: string;
  studentId: string;
  value: string;
  enteredAt: string;
  days: number;
  inTime: boolean;
}

export interface StudentFact {
  course: CourseSpec;
  studentId: string;
  name: string;
  marks: number;
  exempt: boolean;
  norm: number;
  /** Longest run of «2»/«1» among the numeric current marks by date, and the date it began. */
  failureRun: number;
  failureFrom: string | null;
  unexcused: number;
  /** Held lessons of the course on days the student was on its list. */
  heldListed: number;
  systemicFailure: boolean;
  systemicAbsence: boolean;
}

export interface GapFact {
  classId: string | null;
  className: string;
  subjectId: string;
  courses: { course: CourseSpec; average: number | null; marks: number }[];
  gap: number;
  flagged: boolean;
}

export interface Facts {
  courses: CourseSpec[];
  lessons: LessonFact[];
  marks: EntryFact[];
  attendance: EntryFact[];
  students: StudentFact[];
  gaps: GapFact[];
  planned: Map<string, number>;
  scheduled: MonitorInput['scheduled'];
}

/** The teacher grouping's row of courses nobody is assigned to. */
export const NO_TEACHER = 'none';

export const addDays = (date: string, n: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
const onList = (m: MemberIn, day: string) => m.from <= day && (m.to === null || m.to > day);
const NUMERIC = new Set<string>(['5', '4', '3', '2', '1']);
const MISSED = new Set<AbsenceKind>(['sick', 'excused', 'unexcused']);

/** The accumulation norm for weekly hours (rounded; 0 or less counts as 1, 6 and more as 6). */
export function normFor(rules: ReportRules, hours: number): number {
  const h = Math.min(6, Math.max(1, Math.round(hours)));
  return rules.accumulation[String(h) as AccumulationHours];
}

/** The facts of every course: each lesson, mark, attendance entry and student with what it counts for. */
export function monitorFacts(i: MonitorInput): Facts {
  const { rules } = i;
  const course = new Map(i.courses.map((c) => [c.key, c]));
  const lists = new Map<string, MemberIn[]>();
  for (const m of i.members) {
    let l = lists.get(m.listId);
    if (!l) lists.set(m.listId, (l = []));
    l.push(m);
  }
  const listedOn = (listId: string, day: string) => (lists.get(listId) ?? []).filter((m) => onList(m, day));
  const listedIds = new Map<string, Map<string, Set<string>>>();
  const idsOn = (listId: string, day: string) => {
    let byDay = listedIds.get(listId);
    if (!byDay) listedIds.set(listId, (byDay = new Map()));
    let s = byDay.get(day);
    if (!s) byDay.set(day, (s = new Set(listedOn(listId, day).map((m) => m.studentId))));
    return s;
  };

  const lessonById = new Map<string, LessonFact>();
  const lessons: LessonFact[] = [];
  for (const l of i.lessons) {
    const c = course.get(l.courseKey);
    if (!c) continue;
    const held = l.status === 'held';
    const hasHomework = held && !!l.homework?.trim();
    const recordedOn = hasHomework ? i.localDay(l.updatedAt) : null;
    const f: LessonFact = {
      lesson: l,
      course: c,
      keeper: l.substituteId ?? l.teacherId,
      held,
      hasTopic: held && !!l.topic?.trim(),
      hasHomework,
      recordedOn,
      homeworkInTime: recordedOn !== null && daysBetween(l.date, recordedOn) <= rules.homeworkDays,
      substitution: held && !!l.substituteId,
      equivalent: held && !!l.substituteId && i.teaches.has(`${l.substituteId}|${c.subjectId}`),
      listed: held ? idsOn(c.listId, l.date).size : 0,
      missed: 0,
    };
    lessons.push(f);
    lessonById.set(l.id, f);
  }

  // The course of a student's subject (for a mark without a lesson): the course whose list has them.
  const coursesOfSubject = new Map<string, CourseSpec[]>();
  for (const c of i.courses) {
    let l = coursesOfSubject.get(c.subjectId);
    if (!l) coursesOfSubject.set(c.subjectId, (l = []));
    l.push(c);
  }
  const courseOfStudent = (studentId: string, subjectId: string, day: string) =>
    (coursesOfSubject.get(subjectId) ?? []).find((c) => idsOn(c.listId, day).has(studentId)) ?? null;

  const entry = (c: CourseSpec, keeper: string, lessonDate: string, studentId: string, value: string, enteredAt: string, allowed: number): EntryFact => {
    const days = daysBetween(lessonDate, i.localDay(enteredAt));
    return { course: c, keeper, lessonDate, studentId, value, enteredAt, days, inTime: days <= allowed };
  };

  const marks: EntryFact[] = [];
  const marksOf = new Map<string, MarkIn[]>(); // `${courseKey}|${studentId}`
  const numericOf = new Map<string, number[]>(); // courseKey: the numeric marks
  for (const m of i.marks) {
    const lf = m.lessonId ? lessonById.get(m.lessonId) : undefined;
    if (m.lessonId && !lf) continue; // a lesson outside the scope
    if (lf && !lf.held) continue;
    const c = lf ? lf.course : courseOfStudent(m.studentId, m.subjectId, m.date);
    if (!c) continue;
    const keeper = lf ? lf.keeper : (c.teachers[0] ?? NO_TEACHER);
    marks.push(entry(c, keeper, lf ? lf.lesson.date : m.date, m.studentId, m.value, m.enteredAt, rules.markDays));
    const k = `${c.key}|${m.studentId}`;
    let l = marksOf.get(k);
    if (!l) marksOf.set(k, (l = []));
    l.push(m);
    if (NUMERIC.has(m.value)) {
      let n = numericOf.get(c.key);
      if (!n) numericOf.set(c.key, (n = []));
      n.push(Number(m.value));
    }
  }

  const attendance: EntryFact[] = [];
  const missedOf = new Map<string, number>(); // `${courseKey}|${studentId}`: unexcused
  const missedTotal = new Map<string, number>(); // lessonId: missed (Б, У, Н) of students on the list
  for (const a of i.attendance) {
    const lf = lessonById.get(a.lessonId);
    if (!lf || !lf.held) continue;
    attendance.push(entry(lf.course, lf.keeper, lf.lesson.date, a.studentId, a.kind, a.enteredAt, rules.attendanceDays));
    if (!idsOn(lf.course.listId, lf.lesson.date).has(a.studentId)) continue;
    if (MISSED.has(a.kind)) missedTotal.set(a.lessonId, (missedTotal.get(a.lessonId) ?? 0) + 1);
    if (a.kind === 'unexcused') {
      const k = `${lf.course.key}|${a.studentId}`;
      missedOf.set(k, (missedOf.get(k) ?? 0) + 1);
    }
  }
  for (const f of lessons) f.missed = missedTotal.get(f.lesson.id) ?? 0;

  const heldOf = new Map<string, LessonFact[]>();
  for (const f of lessons) {
    if (!f.held) continue;
    let l = heldOf.get(f.course.key);
    if (!l) heldOf.set(f.course.key, (l = []));
    l.push(f);
  }

  const students: StudentFact[] = [];
  for (const c of i.courses) {
    const held = heldOf.get(c.key) ?? [];
    for (const m of listedOn(c.listId, i.rosterDay)) {
      const mine = marksOf.get(`${c.key}|${m.studentId}`) ?? [];
      const exempt = i.exempt.has(`${m.studentId}|${c.subjectId}`) || mine.some((x) => x.value === 'exempt');
      // Systemic failure: the numeric marks by date (then entry), a run of «2»/«1».
      let run = 0;
      let best = 0;
      let start: string | null = null;
      let bestFrom: string | null = null;
      for (const x of mine) {
        if (!NUMERIC.has(x.value)) continue;
        if (x.value === '2' || x.value === '1') {
          if (run === 0) start = x.date;
          run++;
          if (run > best) [best, bestFrom] = [run, start];
        } else run = 0;
      }
      const unexcused = missedOf.get(`${c.key}|${m.studentId}`) ?? 0;
      const heldListed = held.filter((f) => idsOn(c.listId, f.lesson.date).has(m.studentId)).length;
      students.push({
        course: c,
        studentId: m.studentId,
        name: m.name,
        marks: mine.length,
        exempt,
        norm: normFor(rules, c.hours),
        failureRun: best,
        failureFrom: bestFrom,
        unexcused,
        heldListed,
        systemicFailure: c.marked && best >= rules.failureRun,
        systemicAbsence: heldListed > 0 && unexcused * 100 >= rules.absencePercent * heldListed,
      });
    }
  }

  // Subgroups of one subject in a class: the averages of their numeric current marks.
  const gaps: GapFact[] = [];
  const bySubject = new Map<string, CourseSpec[]>();
  for (const c of i.courses) {
    if (!c.subgroupId || !c.classId || !c.marked) continue;
    const k = `${c.classId}|${c.subjectId}`;
    let l = bySubject.get(k);
    if (!l) bySubject.set(k, (l = []));
    l.push(c);
  }
  for (const list of bySubject.values()) {
    if (list.length < 2) continue;
    const rows = list.map((c) => {
      const values = numericOf.get(c.key) ?? [];
      const n = values.length;
      const sum = values.reduce((a, x) => a + x, 0);
      return { course: c, average: n ? Math.round((sum / n) * 100) / 100 : null, marks: n };
    });
    const avgs = rows.map((r) => r.average).filter((a): a is number => a !== null);
    const gap = avgs.length >= 2 ? Math.round((Math.max(...avgs) - Math.min(...avgs)) * 100) / 100 : 0;
    gaps.push({ classId: list[0]!.classId, className: list[0]!.className, subjectId: list[0]!.subjectId, courses: rows, gap, flagged: gap > rules.subgroupGap });
  }

  return { courses: i.courses, lessons, marks, attendance, students, gaps, planned: i.planned, scheduled: i.scheduled };
}

const share = (count: number, of: number): MonitoringShare => ({ count, of, percent: of ? Math.round((count * 1000) / of) / 10 : null });

/** The slice of the facts that one row (or one course) counts. */
export interface Slice {
  courses: CourseSpec[];
  lessons: LessonFact[];
  marks: EntryFact[];
  attendance: EntryFact[];
  students: StudentFact[];
  gaps: GapFact[];
  planned: number;
  scheduled: number;
}

export function figuresOf(s: Slice): MonitoringFigures {
  const held = s.lessons.filter((l) => l.held);
  const withHomework = held.filter((l) => l.hasHomework);
  const subs = held.filter((l) => l.substitution);
  const marked = s.students.filter((x) => x.course.marked && !x.exempt);
  const listed = held.reduce((n, l) => n + l.listed, 0);
  const missed = held.reduce((n, l) => n + l.missed, 0);
  return {
    lessonsPlanned: s.planned,
    lessonsScheduled: s.scheduled,
    lessonsHeld: held.length,
    lessonsCancelled: s.lessons.length - held.length,
    withTopic: share(held.filter((l) => l.hasTopic).length, held.length),
    homeworkRecorded: share(withHomework.length, held.length),
    homeworkInTime: share(withHomework.filter((l) => l.homeworkInTime).length, withHomework.length),
    marksInTime: share(s.marks.filter((m) => m.inTime).length, s.marks.length),
    attendanceInTime: share(s.attendance.filter((a) => a.inTime).length, s.attendance.length),
    accumulation: share(marked.filter((x) => x.marks >= x.norm).length, marked.length),
    noMarks: share(marked.filter((x) => x.marks === 0).length, marked.length),
    oneMark: share(marked.filter((x) => x.marks === 1).length, marked.length),
    attendance: listed ? Math.round(1000 - (missed * 1000) / listed) / 10 : null,
    missed,
    lateness: s.attendance.filter((a) => a.value === 'late').length,
    systemicFailure: s.students.filter((x) => x.systemicFailure).length,
    systemicAbsence: s.students.filter((x) => x.systemicAbsence).length,
    subgroupGaps: s.gaps.filter((g) => g.flagged).length,
    substitutions: subs.length,
    equivalentSubstitutions: share(subs.filter((l) => l.equivalent).length, subs.length),
  };
}

/** The figures flagged for review: a share below 100 %, a count of trouble above 0, fewer lessons held than planned. */
export function problemsOf(f: MonitoringFigures): MonitoringProblem[] {
  const out: MonitoringProblem[] = [];
  const below = (s: MonitoringShare) => s.of > 0 && s.count < s.of;
  if (f.lessonsPlanned > 0 && f.lessonsHeld < f.lessonsPlanned) out.push('lessonsHeld');
  if (below(f.withTopic)) out.push('lessonsWithTopic');
  if (below(f.homeworkRecorded)) out.push('homeworkRecorded');
  if (below(f.homeworkInTime)) out.push('homeworkInTime');
  if (below(f.marksInTime)) out.push('marksInTime');
  if (below(f.attendanceInTime)) out.push('attendanceInTime');
  if (below(f.accumulation)) out.push('accumulation');
  if (f.noMarks.count > 0) out.push('noMarks');
  if (f.oneMark.count > 0) out.push('oneMark');
  if (f.systemicFailure > 0) out.push('systemicFailure');
  if (f.systemicAbsence > 0) out.push('systemicAbsence');
  if (f.subgroupGaps > 0) out.push('subgroupSimilarity');
  if (below(f.equivalentSubstitutions)) out.push('equivalentSubstitutions');
  return out;
}

/**
 * The rows' keys of each fact. By class and by subject every fact goes with its course; by teacher a
 * lesson and what was entered for it go to whoever kept the journal (the substitute, R9), the
 * students' figures, the plan and the subgroups to the course's teachers, the timetable to the card's.
 */
export function rowKeyOf(groupBy: MonitoringGrouping) {
  const ofCourse = (c: CourseSpec): string[] => (groupBy === 'class' ? [c.classId ?? `group:${c.groupId}`] : groupBy === 'subject' ? [c.subjectId] : c.teachers.length ? c.teachers : [NO_TEACHER]);
  return {
    course: ofCourse,
    keeper: (c: CourseSpec, keeper: string): string[] => (groupBy === 'teacher' ? [keeper] : ofCourse(c)),
  };
}

/** The facts split by row key. */
export function slices(f: Facts, groupBy: MonitoringGrouping): Map<string, Slice> {
  const out = new Map<string, Slice>();
  const get = (k: string) => {
    let s = out.get(k);
    if (!s) out.set(k, (s = { courses: [], lessons: [], marks: [], attendance: [], students: [], gaps: [], planned: 0, scheduled: 0 }));
    return s;
  };
  const keys = rowKeyOf(groupBy);
  const courseByKey = new Map(f.courses.map((c) => [c.key, c]));
  for (const c of f.courses) for (const k of keys.course(c)) {
    get(k).courses.push(c);
    get(k).planned += f.planned.get(c.key) ?? 0;
  }
  for (const l of f.lessons) for (const k of keys.keeper(l.course, l.keeper)) {
    const s = get(k);
    s.lessons.push(l);
    if (!s.courses.includes(l.course)) s.courses.push(l.course);
  }
  for (const m of f.marks) for (const k of keys.keeper(m.course, m.keeper)) get(k).marks.push(m);
  for (const a of f.attendance) for (const k of keys.keeper(a.course, a.keeper)) get(k).attendance.push(a);
  for (const x of f.students) for (const k of keys.course(x.course)) get(k).students.push(x);
  for (const g of f.gaps) {
    const ks = new Set(g.courses.flatMap((r) => keys.course(r.course)));
    for (const k of ks) get(k).gaps.push(g);
  }
  for (const t of f.scheduled) {
    const c = courseByKey.get(t.courseKey);
    if (!c) continue;
    for (const k of groupBy === 'teacher' ? [t.teacherId] : keys.course(c)) get(k).scheduled += t.count;
  }
  return out;
}

/** One course's own slice (the drawer's breakdown). */
export function courseSlice(f: Facts, c: CourseSpec): Slice {
  return {
    courses: [c],
    lessons: f.lessons.filter((l) => l.course === c),
    marks: f.marks.filter((m) => m.course === c),
    attendance: f.attendance.filter((a) => a.course === c),
    students: f.students.filter((x) => x.course === c),
    gaps: f.gaps.filter((g) => g.courses.some((r) => r.course === c)),
    planned: f.planned.get(c.key) ?? 0,
    scheduled: f.scheduled.filter((t) => t.courseKey === c.key).reduce((n, t) => n + t.count, 0),
  };
}
