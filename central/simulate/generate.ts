// A year of teachers' work in the central journal, simulated (issue 10, point 6; docs/simulate.md).
// Pure and deterministic: the same school setup and seed give the same batches, ids included. The
// output is a stream of batches in the order teachers enter them (by entry moment), each the rows one
// teacher's action writes: a lesson with its attendance and marks, marks entered days late, a retake
// changing a «2», period and year marks after a period. A generator: a whole year never sits in memory.
//
// Rules (R8–R15): lessons by the office's timetable where the school's records hold one for the day
// (office.ts: its placed cards and the day's lesson changes, issue 11), else by the simulator's own
// week of the teaching assignments (timetable.ts), on the school days of its class's grade (weekdays
// of a study period, not in a holiday for that grade); only the students of the class / subgroup / study group on that day
// (dated memberships: date_from <= day < date_to); marks from a stable per-student ability.
import { uuidv7 } from '../../db/ids';
import type { JournalTable, Row, SyncedTable } from '../../db/schema';
import { WORK_WEIGHTS, type AbsenceKind, type MarkValue, type WorkKind } from '../../electron/api/enums';
import { dayOf, isoDay, isoMoment, localDayOf, minutesOf, momentMs, weekday } from './calendar';
import { hash32, Prng } from './prng';
import { courseOf, lessonText, type Course } from './topics';
import { planWeek, type PlanAssignment, type PlanBell, type WeekPlan } from './timetable';
import { officeTimetable, type OfficeCard, type OfficeChange } from './office';

/** The setup tables the simulation reads (plain rows, as the central store or the app's SQLite has them). */
export const SETUP_ENTITIES = [
  'academic_year', 'study_period', 'holiday', 'bell_schedule', 'bell', 'subject', 'staff', 'school_class',
  'class_membership', 'class_division', 'subgroup', 'subgroup_member', 'study_group', 'study_group_member',
  'teaching_assignment', 'curriculum_item',
  // The office's timetable (issue 11): versions, their cards, the changes of single lessons.
  'timetable', 'timetable_card', 'lesson_change',
] as const satisfies readonly SyncedTable[];
export type SetupEntity = (typeof SETUP_ENTITIES)[number];
export type SchoolSetup = { readonly [K in SetupEntity]: readonly Row<K>[] };

/** The journal tables the simulation writes (mark_change is the central store's to write, R15). */
export const SIMULATED_ENTITIES = ['journal_account', 'lesson', 'attendance', 'mark', 'period_mark'] as const satisfies readonly JournalTable[];
export type SimulatedEntity = (typeof SIMULATED_ENTITIES)[number];

export type FieldValue = string | number | null;
export interface SimChange {
  entity: SimulatedEntity;
  id: string;
  op: 'insert' | 'update';
  /** insert: the full row (id and timestamps included); update: the changed columns and updated_at. */
  fields: Record<string, FieldValue>;
}
export interface Batch {
  /** The moment the teacher entered it (ISO 8601 UTC). */
  at: string;
  changes: SimChange[];
}

export interface GenerateOptions {
  seed: number;
  /** 'YYYY-MM-DD': only batches entered on or after this day are given (the simulation still runs from the year's start, so the rest is the same). */
  from?: string;
  /** 'YYYY-MM-DD', inclusive: the last day simulated (nothing entered after it is given). */
  until: string;
  /** The school's offset from UTC in minutes (Moscow: 180). */
  utcOffsetMin?: number;
}

/** What the week's timetable came out as (returned by the generator when it is done). */
export interface SimulationSummary {
  yearId: string;
  firstDay: string;
  lastDay: string;
  timetable: Pick<WeekPlan, 'placed' | 'unplaced' | 'teacherClashes' | 'groupClashes'>;
  /** What followed the office's timetable: days with lessons from its cards, those lessons, and those of them a lesson change substituted, cancelled or moved. */
  office: { days: number; lessons: number; changed: number };
}

/** Grades taught without marks (first grade: безотметочное обучение). */
export const UNMARKED_GRADES: readonly number[] = [1];

// Rates of the model (per school day, per student-lesson, per lesson).
const RATE = {
  sickStart: 0.0095, // a student falls ill (2–9 calendar days)
  longSickStart: 0.0004, // a long illness (2–5 weeks): the cause of most «н/а»
  excusedStart: 0.0025, // a family reason, 1–3 days
  unexcused: 0.006, // a missed lesson
  late: 0.007,
  teacherSick: 0.003, // a teacher falls ill (3–7 days): substitutes
  substitute: 0.004, // a single lesson substituted
  cancelled: 0.003,
  mark: 0.29, // a student gets a mark at an ordinary lesson
  secondMark: 0.06,
  peExempt: 0.02, // students exempt from physical education for the year
  lessonEntryEvening: 0.25,
  lessonEntryLate: 0.03,
  marksEvening: 0.1,
  marksLate: 0.1,
  retake: 0.35,
  periodMarkMissing: 0.015,
  attestationFail: 0.01, // students failing the intermediate attestation (ПА) in a subject or so
} as const;
/** A failing student fails one in this many of their subjects (about one subject each). */
const FAIL_SPREAD = 12;

interface Dated {
  from: number;
  to: number;
}
interface Member extends Dated {
  student: string;
}

interface Assignment extends PlanAssignment {
  grade: number | null;
  subjectName: string;
  grading: string;
  attested: boolean;
  course: Course;
  /** Lessons a year, about (for the topics' pace). */
  yearLessons: number;
  testEvery: number;
  testOffset: number;
  given: number;
  /** Index of the subject (numeric keys of the period sums). */
  subjectNo: number;
  isPE: boolean;
  /** A test in Russian may be a dictation, in literature an essay. */
  testKinds: readonly (readonly [WorkKind, number])[];
  kinds: readonly (readonly [WorkKind, number])[];
}

/** What the marks of one lesson share. */
interface LessonCtx {
  a: Assignment;
  /** The lesson's own teacher (a card's teacher may differ from its assignment's). */
  teacherId: string;
  lessonId: string;
  date: string;
  enteredBy: string;
  marksMs: number;
  marksAt: string;
  periodEnd: number;
  out: SimChange[];
}

interface Pending {
  ms: number;
  seq: number;
  by: string | null;
  changes: SimChange[];
}

interface Acc {
  sw: number;
  swv: number;
  pass: number;
  fail: number;
  exempt: number;
  count: number;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byId = <T extends { id: string }>(rows: readonly T[]) => [...rows].sort((a, b) => cmp(a.id, b.id));
/** Memberships by student and day (not by their own ids: the same people give the same year whatever ids their rows got). */
const byStudent = <T extends { student_id: string; date_from: string; id: string }>(rows: readonly T[]) =>
  [...rows].sort((a, b) => cmp(a.student_id, b.student_id) || cmp(a.date_from, b.date_from) || cmp(a.id, b.id));
const live = <T extends { deleted_at: string | null }>(rows: readonly T[]) => rows.filter((r) => r.deleted_at === null);
const INF = Number.POSITIVE_INFINITY;
const on = (d: Dated, dn: number) => d.from <= dn && dn < d.to;
const dated = (r: { date_from: string; date_to: string | null }): Dated => ({ from: dayOf(r.date_from), to: r.date_to ? dayOf(r.date_to) : INF });

function push<K, V>(m: Map<K, V[]>, k: K, v: V) {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

/** Latin login of a teacher: «ivanova.ov», unique with a number. */
const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p',
  р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};
const latin = (s: string) => [...s.toLowerCase()].map((c) => TRANSLIT[c] ?? (/[a-z0-9]/.test(c) ? c : '')).join('');

/**
 * The journal of the school year containing `until`, from its first day to `until`: batches in entry
 * order. Returns the summary of the simulated week when done.
 */
export function* generateJournal(setup: SchoolSetup, opts: GenerateOptions): Generator<Batch, SimulationSummary, void> {
  const offset = opts.utcOffsetMin ?? 180;
  const untilDn = dayOf(opts.until);
  const seed = opts.seed;
  const rng = new Prng(seed, 11);
  const idRng = new Prng(seed, 12);
  const idBytes = new Uint8Array(10);
  const newId = (ms: number) => uuidv7(ms, idRng.fill(idBytes));

  // ── The year and its calendar ──
  const years = byId(live(setup.academic_year)).sort((a, b) => (a.start_date < b.start_date ? -1 : 1));
  const year = [...years].reverse().find((y) => dayOf(y.start_date) <= untilDn) ?? years.find((y) => y.is_current === 1);
  if (!year) throw new Error('Нет учебного года, с которого начать моделирование.');
  const yearStart = dayOf(year.start_date);
  const yearEnd = dayOf(year.end_date);
  const fromDn = opts.from ? dayOf(opts.from) : yearStart;
  const fromMs = momentMs(fromDn, 0, 0, offset);
  const untilMs = momentMs(untilDn + 1, 0, 0, offset);
  const periods = byId(live(setup.study_period).filter((p) => p.year_id === year.id)).sort((a, b) => (a.start_date < b.start_date ? -1 : a.start_date > b.start_date ? 1 : a.grade_from - b.grade_from));
  const holidays = live(setup.holiday).filter((h) => h.year_id === year.id);
  const periodsOfGrade = new Map<number, typeof periods>();
  for (let g = 1; g <= 12; g++) periodsOfGrade.set(g, periods.filter((p) => p.grade_from <= g && g <= p.grade_to));
  const schoolDays = new Map<number, Uint8Array>();
  const span = yearEnd - yearStart + 1;
  for (let g = 1; g <= 12; g++) {
    const a = new Uint8Array(Math.max(span, 0));
    // Saturdays too: a six-day version of the office's timetable has lessons on them (isSchoolDay).
    for (const p of periodsOfGrade.get(g)!) for (let d = Math.max(dayOf(p.start_date), yearStart); d <= Math.min(dayOf(p.end_date), yearEnd); d++) a[d - yearStart] = weekday(d) <= 6 ? 1 : 0;
    for (const h of holidays) if (h.grade_from <= g && g <= h.grade_to) for (let d = Math.max(dayOf(h.start_date), yearStart); d <= Math.min(dayOf(h.end_date), yearEnd); d++) a[d - yearStart] = 0;
    schoolDays.set(g, a);
  }
  // The office's timetable, where the school has one (issue 11): its version valid on a day with placed cards.
  const office = officeTimetable(year.id, setup.timetable ?? [], setup.timetable_card ?? [], setup.lesson_change ?? []);
  /** Days of the week with lessons: the office's version's (5 or 6), else Monday–Friday. */
  const daysOn = (dn: number) => office.versionOn(dn)?.days ?? 5;
  const isSchoolDay = (grade: number, dn: number) => dn >= yearStart && dn <= yearEnd && weekday(dn) <= daysOn(dn) && schoolDays.get(grade)![dn - yearStart] === 1;
  /** The period of a grade containing a day. */
  const periodDays = new Map(periods.map((p, i) => [p.id, { from: dayOf(p.start_date), to: dayOf(p.end_date), index: i }]));
  const periodAt = (grade: number, dn: number) => periodsOfGrade.get(grade)!.find((p) => periodDays.get(p.id)!.from <= dn && dn <= periodDays.get(p.id)!.to);

  // ── The school ──
  const subjects = new Map(live(setup.subject).map((s) => [s.id, s]));
  const classes = new Map(byId(live(setup.school_class)).filter((c) => c.year_id === year.id).map((c) => [c.id, c]));
  const schedules = live(setup.bell_schedule).filter((s) => s.year_id === year.id);
  const bellsOfShift = new Map<number, PlanBell[]>();
  for (const s of schedules) {
    const bells = live(setup.bell)
      .filter((b) => b.schedule_id === s.id)
      .map((b) => ({ lessonNo: b.lesson_no, startMin: minutesOf(b.starts_at), endMin: minutesOf(b.ends_at) }))
      .sort((a, b) => a.lessonNo - b.lessonNo);
    bellsOfShift.set(s.shift, bells);
  }
  const bellsOfClass = new Map<string, PlanBell[]>();
  for (const c of classes.values()) bellsOfClass.set(c.id, bellsOfShift.get(c.shift) ?? bellsOfShift.get(1) ?? []);

  const classMembers = new Map<string, Member[]>();
  const membershipsOf = new Map<string, (Dated & { classId: string })[]>();
  for (const m of byStudent(live(setup.class_membership))) {
    if (!classes.has(m.class_id)) continue;
    const d = dated(m);
    push(classMembers, m.class_id, { student: m.student_id, ...d });
    push(membershipsOf, m.student_id, { classId: m.class_id, ...d });
  }
  const gradeOn = (student: string, dn: number): number | null => {
    const m = membershipsOf.get(student)?.find((x) => on(x, dn));
    return m ? classes.get(m.classId)!.grade : null;
  };
  const subgroupDivision = new Map(live(setup.subgroup).map((s) => [s.id, s.division_id]));
  const subgroupMembers = new Map<string, Member[]>();
  for (const m of byStudent(live(setup.subgroup_member))) push(subgroupMembers, m.subgroup_id, { student: m.student_id, ...dated(m) });
  const groups = new Map(byId(live(setup.study_group)).filter((g) => g.year_id === year.id).map((g) => [g.id, g]));
  const groupMembers = new Map<string, Member[]>();
  for (const m of byStudent(live(setup.study_group_member))) if (groups.has(m.group_id)) push(groupMembers, m.group_id, { student: m.student_id, ...dated(m) });
  const classesOfGroup = new Map<string, string[]>();
  for (const [gid, ms] of groupMembers) {
    const set = new Set<string>();
    for (const m of ms) for (const cm of membershipsOf.get(m.student) ?? []) if (cm.from < m.to && m.from < cm.to) set.add(cm.classId);
    classesOfGroup.set(gid, [...set].sort());
  }
  const curriculumHours = new Map(live(setup.curriculum_item).map((c) => [`${c.class_id}|${c.subject_id}`, c.hours_per_week]));
  const staff = new Map(live(setup.staff).map((s) => [s.id, s]));
  const subjectNo = new Map([...subjects.keys()].sort().map((id, i) => [id, i]));

  // ── Assignments and the week ──
  const markKinds = (n: string): readonly (readonly [WorkKind, number])[] => {
    if (/^Русский/.test(n)) return [['answer', 35], ['classwork', 25], ['homework', 20], ['independent', 10], ['dictation', 10]];
    if (/^Литература/.test(n)) return [['answer', 50], ['homework', 25], ['classwork', 10], ['essay', 15]];
    if (/^Физика|^Химия|^Биология|^Информатика|Программирование/.test(n)) return [['answer', 40], ['classwork', 20], ['homework', 20], ['independent', 10], ['lab', 10]];
    if (/^Физическая|^Музыка|^Изобраз|^Труд|[Тт]ехнолог/.test(n)) return [['classwork', 70], ['answer', 30]];
    return [['answer', 40], ['classwork', 20], ['homework', 25], ['independent', 15]];
  };
  type Teaching = Pick<Row<'teaching_assignment'>, 'id' | 'teacher_id' | 'subject_id' | 'class_id' | 'subgroup_id' | 'study_group_id' | 'hours_per_week'>;
  /** A course taught (a teaching assignment, or the cards of the office's timetable without one); null when it names what the school does not have. */
  const makeCourse = (a: Teaching): Assignment | null => {
    const subject = subjects.get(a.subject_id);
    if (!subject || !staff.has(a.teacher_id)) return null;
    const cls = a.class_id ? classes.get(a.class_id) : undefined;
    if (a.class_id && !cls) return null;
    if (a.study_group_id && !groups.has(a.study_group_id)) return null;
    if (!a.class_id && !a.study_group_id) return null;
    const hours = a.hours_per_week > 0 ? a.hours_per_week : (a.class_id ? curriculumHours.get(`${a.class_id}|${a.subject_id}`) : undefined) ?? 0;
    const course = courseOf(subject.name);
    const testEvery = Math.max(6, Math.round(hours * 3.2));
    return {
      id: a.id,
      teacherId: a.teacher_id,
      subjectId: a.subject_id,
      classId: a.class_id,
      subgroupId: a.subgroup_id,
      divisionId: a.subgroup_id ? subgroupDivision.get(a.subgroup_id) ?? null : null,
      studyGroupId: a.study_group_id,
      hours,
      grade: cls ? cls.grade : null,
      subjectName: subject.name,
      grading: subject.grading,
      attested: subject.no_attestation === 0 && subject.grading !== 'none',
      course,
      yearLessons: Math.max(1, Math.round(hours * 33)),
      testEvery,
      testOffset: hash32(a.id, seed) % testEvery,
      given: 0,
      subjectNo: subjectNo.get(a.subject_id)!,
      isPE: /^Физическая/.test(subject.name),
      testKinds: /^Русский/.test(subject.name) ? [['test', 1], ['dictation', 1]] : /^Литература/.test(subject.name) ? [['test', 1], ['essay', 1]] : [['test', 1]],
      kinds: markKinds(subject.name),
    };
  };
  const assignments: Assignment[] = [];
  for (const a of byId(live(setup.teaching_assignment))) {
    const c = makeCourse(a);
    if (c) assignments.push(c);
  }
  const week = planWeek({ assignments, bellsOfClass, classesOfGroup });
  // The office's cards: each is a lesson of the course of its class (subgroup, study group) in its
  // subject — the teaching assignment's, so topics and tests go on across versions and the week; a
  // card with no such assignment (an imported FET activity) makes a course of its own.
  const cardCourse = new Map<string, Assignment>();
  const cardOnly: Assignment[] = [];
  {
    const keyOf = (x: Pick<OfficeCard, 'subjectId' | 'classId' | 'subgroupId' | 'studyGroupId'>) => `${x.subjectId}|${x.classId}|${x.subgroupId}|${x.studyGroupId}`;
    const byKey = new Map<string, Assignment[]>();
    for (const a of assignments) push(byKey, keyOf(a), a);
    const hoursOf = new Map<string, number>(); // version|course → weekly hours of its cards
    for (const v of office.versions) for (const c of v.cards) hoursOf.set(`${v.id}|${keyOf(c)}`, (hoursOf.get(`${v.id}|${keyOf(c)}`) ?? 0) + c.duration);
    const own = new Map<string, Assignment>();
    for (const v of office.versions) {
      for (const c of v.cards) {
        const k = keyOf(c);
        const same = byKey.get(k) ?? [];
        let a = same.find((x) => x.id === c.assignmentId) ?? same.find((x) => x.teacherId === c.teacherId) ?? same[0] ?? own.get(k);
        if (!a) {
          const made = makeCourse({ id: c.id, teacher_id: c.teacherId, subject_id: c.subjectId, class_id: c.classId, subgroup_id: c.subgroupId, study_group_id: c.studyGroupId, hours_per_week: hoursOf.get(`${v.id}|${k}`)! });
          if (!made) continue; // names a class, group, subject or teacher the school does not have
          own.set(k, (a = made));
          cardOnly.push(made);
        }
        cardCourse.set(c.id, a);
      }
    }
  }
  /** Period marks by the class's (subgroup's) teacher of a subject before a study group's. */
  const attestOrder = [...assignments, ...cardOnly].sort((x, y) => Number(!!x.studyGroupId) - Number(!!y.studyGroupId));
  const assignmentOf = new Map(assignments.map((a) => [a.id, a]));
  /** Who teaches a subject (substitutes come from them first). */
  const teachersOf = new Map<string, string[]>();
  for (const a of assignments) if (!teachersOf.get(a.subjectId)?.includes(a.teacherId)) push(teachersOf, a.subjectId, a.teacherId);
  const allTeachers = [...new Set(assignments.map((a) => a.teacherId))].sort();
  /** Journal accounts: every teacher with lessons (the office's cards' and substitutes' too). */
  const accountTeachers = [
    ...new Set([
      ...allTeachers,
      ...cardOnly.map((a) => a.teacherId),
      ...office.versions.flatMap((v) => v.cards.filter((c) => cardCourse.has(c.id)).map((c) => c.teacherId)),
      ...live(setup.lesson_change ?? []).flatMap((c) => (c.substitute_id && staff.has(c.substitute_id) ? [c.substitute_id] : [])),
    ]),
  ].sort();
  const busyWeek = new Map<string, [number, number][]>(); // teacher|weekday
  for (const list of week.days) for (const l of list) push(busyWeek, `${l.assignment.teacherId}|${l.weekday}`, [l.startMin, l.endMin] as [number, number]);

  // ── People's state ──
  // Stable traits of a student, from the id: an ability, a bent per subject, exemption from PE.
  const studentNo = new Map<string, number>();
  const studentNoOf = (id: string) => {
    let n = studentNo.get(id);
    if (n === undefined) studentNo.set(id, (n = studentNo.size));
    return n;
  };
  const abilityCache = new Map<string, number>();
  const ability = (student: string) => {
    let v = abilityCache.get(student);
    if (v === undefined) abilityCache.set(student, (v = ((hash32(student, seed) / 0x100000000) * 2 - 1) * 1.2));
    return v;
  };
  const bentCache = new Map<number, number>();
  const subjectAbility = (student: string, a: Assignment) => {
    const key = studentNoOf(student) * subjectNo.size + a.subjectNo;
    let v = bentCache.get(key);
    if (v === undefined) bentCache.set(key, (v = ((hash32(student + a.subjectId, seed ^ 0x5bd1e995) / 0x100000000) * 2 - 1) * 0.6));
    return v;
  };
  const peExempt = (student: string) => hash32(student, seed ^ 0x2545f491) / 0x100000000 < RATE.peExempt;
  // The intermediate-attestation mark (ПА, R24), entered with the year mark: the year mark as a rule; a
  // few students (RATE.attestationFail) fail it in about one subject — «2», or «н/а» in a quarter of
  // those — so a simulated year brings academic debts; a few are missing. By hashes, not the stream:
  // the rest of the journal stays the same.
  const attestationMark = (student: string, subjectId: string, year: MarkValue | null): MarkValue | null => {
    if (!year || hash32(student + subjectId, seed ^ 0x68e31da4) / 0x100000000 < RATE.periodMarkMissing / 3) return null;
    if (year === 'exempt' || year === 'pass' || year === 'fail') return year;
    const weak = hash32(student, seed ^ 0x1b873593) / 0x100000000 < RATE.attestationFail;
    if (weak && hash32(student + subjectId, seed ^ 0x85ebca6b) % FAIL_SPREAD === 0) return hash32(student, seed ^ 0x3c6ef372) % 4 === 0 ? 'na' : '2';
    return year;
  };
  const absence = new Map<string, { day: number; until: number; kind: AbsenceKind | null }>();
  /** The whole-day absence of a student on a day (illness, a family reason), drawn once a day. */
  const absentOn = (student: string, dn: number): AbsenceKind | null => {
    let s = absence.get(student);
    if (!s) {
      s = { day: -1, until: -1, kind: null };
      absence.set(student, s);
    }
    if (s.day === dn) return s.until >= dn ? s.kind : null;
    s.day = dn;
    if (s.until >= dn) return s.kind;
    const r = rng.next();
    if (r < RATE.longSickStart) Object.assign(s, { kind: 'sick', until: dn + rng.int(14, 35) });
    else if (r < RATE.longSickStart + RATE.sickStart) Object.assign(s, { kind: 'sick', until: dn + rng.int(1, 8) });
    else if (r < RATE.longSickStart + RATE.sickStart + RATE.excusedStart) Object.assign(s, { kind: 'excused', until: dn + rng.int(0, 2) });
    else return null;
    return s.kind;
  };
  const teacherSickUntil = new Map<string, number>();
  const busyToday = new Map<string, [number, number][]>(); // substitutes' extra lessons today
  const accounts = new Map<string, string>(); // staff → journal_account id
  const lastLoginWeek = new Map<string, number>();

  // Period accumulators: (student, subject, period) → sums; year: student|subject → period values.
  const acc = new Map<number, Acc>();
  const accKey = (student: string, subject: number, periodId: string) => (studentNoOf(student) * subjectNo.size + subject) * periods.length + periodDays.get(periodId)!.index;
  const periodValues = new Map<string, MarkValue[]>();
  const accOf = (key: number) => {
    let a = acc.get(key);
    if (!a) {
      a = { sw: 0, swv: 0, pass: 0, fail: 0, exempt: 0, count: 0 };
      acc.set(key, a);
    }
    return a;
  };

  // Batches waiting for their day (marks entered late, period marks after the period).
  const buckets = new Map<number, Pending[]>();
  let seq = 0;
  const enqueue = (ms: number, by: string | null, changes: SimChange[]) => {
    if (!changes.length) return;
    push(buckets, localDayOf(ms, offset), { ms, seq: seq++, by, changes });
  };
  const stamp = (at: string) => ({ created_at: at, updated_at: at, deleted_at: null });
  const at = (dn: number, min: number, sec = 0) => momentMs(dn, min, sec, offset);

  // Journal accounts: every teacher before the first lesson.
  {
    const ms = at(yearStart, 7 * 60);
    const iso = isoMoment(ms);
    const logins = new Set<string>();
    const changes: SimChange[] = [];
    for (const t of accountTeachers) {
      const s = staff.get(t)!;
      const base = `${latin(s.last_name)}.${latin(s.first_name).charAt(0)}${latin(s.middle_name ?? '').charAt(0)}` || 'teacher';
      let login = base;
      for (let n = 2; logins.has(login); n++) login = `${base}${n}`;
      logins.add(login);
      const id = newId(ms);
      accounts.set(t, id);
      changes.push({ entity: 'journal_account', id, op: 'insert', fields: { id, ...stamp(iso), staff_id: t, login, active: 1, last_login_at: null } });
    }
    enqueue(ms, null, changes);
  }

  const lastDn = Math.min(untilDn, yearEnd);
  const weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = rng.next() * total;
    for (const [v, w] of items) if ((r -= w) < 0) return v;
    return items[items.length - 1]![0];
  };
  const numeric = (score: number): MarkValue => {
    if (score >= 4.5) return '5';
    if (score >= 3.5) return '4';
    if (score >= 2.5) return '3';
    if (score >= 1.2 || rng.next() > 0.08) return '2';
    return '1';
  };
  const free = (teacher: string, wd: number, s: number, e: number) => {
    const o = (l: [number, number][] | undefined) => !!l?.some(([a, b]) => a < e && s < b);
    return !o(busyWeek.get(`${teacher}|${wd}`)) && !o(busyToday.get(teacher));
  };

  /** A mark of a lesson; a «2» may be retaken days later (before the period's end). Adds the final value to the period's sums. */
  function give(L: LessonCtx, student: string, sums: Acc | null, value: MarkValue, kind: WorkKind): void {
    const id = newId(L.marksMs);
    const weight = WORK_WEIGHTS[kind];
    L.out.push({
      entity: 'mark', id, op: 'insert',
      fields: { id, created_at: L.marksAt, updated_at: L.marksAt, deleted_at: null, student_id: student, lesson_id: L.lessonId, date: L.date, subject_id: L.a.subjectId, value, work_kind: kind, weight, entered_by: L.enteredBy, entered_at: L.marksAt },
    });
    let final = value;
    if (value === '2' && rng.chance(RATE.retake)) {
      const entryDay = localDayOf(L.marksMs, offset);
      const day = Math.min(entryDay + rng.int(2, 10), L.periodEnd);
      if (day > entryDay) {
        final = rng.chance(0.65) ? '3' : '4';
        const teacher = (teacherSickUntil.get(L.teacherId) ?? -1) >= day ? L.enteredBy : L.teacherId;
        const ms = at(day, rng.int(15 * 60, 21 * 60), rng.int(0, 59));
        const iso = isoMoment(ms);
        enqueue(ms, teacher, [{ entity: 'mark', id, op: 'update', fields: { value: final, entered_by: teacher, entered_at: iso, updated_at: iso } }]);
      }
    }
    if (!sums) return;
    if (final === 'pass') sums.pass++;
    else if (final === 'fail') sums.fail++;
    else if (final === 'exempt') sums.exempt++;
    else if (final !== 'na') {
      sums.sw += weight;
      sums.swv += weight * Number(final);
      sums.count++;
    }
  }

  /** The batches entered on a day, in entry order; a teacher's first entry of a week also logs them in. */
  function* flush(dn: number): Generator<Batch, void, void> {
    const list = buckets.get(dn);
    buckets.delete(dn);
    if (!list) return;
    list.sort((x, y) => x.ms - y.ms || x.seq - y.seq);
    const weekNo = Math.floor((dn - 4) / 7); // 1970-01-05 was a Monday
    for (const b of list) {
      const iso = isoMoment(b.ms);
      if (b.by && lastLoginWeek.get(b.by) !== weekNo) {
        lastLoginWeek.set(b.by, weekNo);
        const account = accounts.get(b.by);
        if (account) b.changes.unshift({ entity: 'journal_account', id: account, op: 'update', fields: { last_login_at: iso, updated_at: iso } });
      }
      if (b.ms >= fromMs && b.ms < untilMs) yield { at: iso, changes: b.changes };
    }
  }

  /** One lesson of a day: from the simulator's week, or from a card of the office's timetable (with its change that day). */
  interface Slot {
    a: Assignment;
    teacherId: string;
    lessonNo: number;
    startMin: number;
    endMin: number;
    /** From the office's timetable: its change decides a substitute or a cancellation (no random ones). */
    office: boolean;
    change: OfficeChange | undefined;
    /** Moved onto this day by a lesson change: held whatever the day (the office decided it). */
    moved: boolean;
  }
  const officeSummary = { days: 0, lessons: 0, changed: 0 };
  /** The lessons of a card starting at a lesson number (two for a double lesson); none without a bell. */
  const cardSlots = (c: OfficeCard, lessonNo: number, change: OfficeChange | undefined, moved: boolean): Slot[] => {
    const a = cardCourse.get(c.id);
    if (!a) return [];
    const bells = bellsOfShift.get(c.shift) ?? [];
    const out: Slot[] = [];
    for (let k = 0; k < c.duration; k++) {
      const b = bells.find((x) => x.lessonNo === lessonNo + k);
      if (b) out.push({ a, teacherId: c.teacherId, lessonNo: b.lessonNo, startMin: b.startMin, endMin: b.endMin, office: true, change, moved });
    }
    return out;
  };
  /** A day's lessons: the office's version valid that day with its changes, else the simulator's week; and the lessons moved onto it. */
  const slotsOf = (dn: number, wd: number): { slots: Slot[]; office: boolean } => {
    const v = office.versionOn(dn);
    let slots: Slot[];
    if (v) {
      slots = [];
      for (const c of office.cardsOn(v, dn)) {
        const change = office.changeOf(c.id, dn);
        if (change?.kind === 'move') continue; // held on its new date
        slots.push(...cardSlots(c, c.lessonNo, change, false));
      }
    } else slots = (wd <= 5 ? week.days[wd] ?? [] : []).map((p) => {
      const a = assignmentOf.get(p.assignment.id)!;
      return { a, teacherId: a.teacherId, lessonNo: p.lessonNo, startMin: p.startMin, endMin: p.endMin, office: false, change: undefined, moved: false };
    });
    const moved = office.movedTo(dn);
    if (moved.length) {
      for (const m of moved) slots.push(...cardSlots(m.card, m.lessonNo, office.changeOf(m.card.id, m.fromDn), true));
      slots.sort((x, y) => x.startMin - y.startMin || (x.a.id < y.a.id ? -1 : x.a.id > y.a.id ? 1 : 0));
    } else if (v) slots.sort((x, y) => x.startMin - y.startMin || (x.a.id < y.a.id ? -1 : x.a.id > y.a.id ? 1 : x.teacherId < y.teacherId ? -1 : x.teacherId > y.teacherId ? 1 : 0));
    return { slots, office: v !== null };
  };

  for (let dn = yearStart; dn <= lastDn; dn++) {
    const wd = weekday(dn);
    busyToday.clear();
    const today = slotsOf(dn, wd);
    // Teachers falling ill (a draw per teacher per school day): not under the office's timetable,
    // whose lesson changes say who substitutes.
    if (wd <= 5 && !today.office) for (const t of allTeachers) if ((teacherSickUntil.get(t) ?? -1) < dn && rng.chance(RATE.teacherSick)) teacherSickUntil.set(t, dn + rng.int(2, 6));
    let officeLessons = 0;
    for (const slot of today.slots) {
      const a = slot.a;
      const schoolDay = (grade: number) => slot.moved || isSchoolDay(grade, dn);
      // Who is in it today.
      let students: { id: string; grade: number }[];
      if (a.classId) {
        if (!schoolDay(a.grade!)) continue;
        const inClass = (classMembers.get(a.classId) ?? []).filter((m) => on(m, dn));
        if (a.subgroupId) {
          const sub = new Set((subgroupMembers.get(a.subgroupId) ?? []).filter((m) => on(m, dn)).map((m) => m.student));
          students = inClass.filter((m) => sub.has(m.student)).map((m) => ({ id: m.student, grade: a.grade! }));
        } else students = inClass.map((m) => ({ id: m.student, grade: a.grade! }));
      } else {
        students = [];
        for (const m of groupMembers.get(a.studyGroupId!) ?? []) {
          if (!on(m, dn)) continue;
          const g = gradeOn(m.student, dn);
          if (g !== null && schoolDay(g)) students.push({ id: m.student, grade: g });
        }
      }
      if (!students.length) continue;
      const grade = a.grade ?? students[0]!.grade;
      const period = periodAt(grade, dn);
      /** The journal of a period is complete by its last day: nothing of it is entered later. */
      const periodEnd = period ? Math.max(periodDays.get(period.id)!.to, dn) : dn;

      // The teacher, or a substitute: the office's lesson change, or (the simulator's own week) drawn.
      let substitute: string | null = null;
      let cancelled: boolean;
      if (slot.office) {
        officeLessons += 1;
        const ch = slot.change;
        cancelled = ch?.kind === 'cancel';
        // A substitute or merged subgroups: the substituting teacher keeps the journal (R9).
        if ((ch?.kind === 'substitute' || ch?.kind === 'merge') && ch.substituteId && ch.substituteId !== slot.teacherId && staff.has(ch.substituteId)) substitute = ch.substituteId;
        if (ch && (cancelled || substitute || slot.moved)) officeSummary.changed += 1;
      } else cancelled = rng.chance(RATE.cancelled);
      if (!slot.office && !cancelled && ((teacherSickUntil.get(a.teacherId) ?? -1) >= dn || rng.chance(RATE.substitute))) {
        const sick = (t: string) => (teacherSickUntil.get(t) ?? -1) >= dn;
        const ok = (t: string) => t !== a.teacherId && !sick(t) && free(t, wd, slot.startMin, slot.endMin);
        substitute = (teachersOf.get(a.subjectId) ?? []).find(ok) ?? allTeachers.find((t) => ok(t) && hash32(t + dn, seed) % 5 === 0) ?? allTeachers.find(ok) ?? null;
        if (substitute) push(busyToday, substitute, [slot.startMin, slot.endMin] as [number, number]);
        else cancelled = true;
      }
      const enteredBy = substitute ?? slot.teacherId;

      // When the lesson is entered: after it, in the evening, or a few days late.
      const r = rng.next();
      let lessonMs: number;
      const lateDay = Math.min(dn + rng.int(1, 3), periodEnd);
      if (r < RATE.lessonEntryLate && lateDay > dn) lessonMs = at(lateDay, rng.int(18 * 60, 22 * 60), rng.int(0, 59));
      else if (r < RATE.lessonEntryLate + RATE.lessonEntryEvening) lessonMs = at(dn, rng.int(18 * 60, 22 * 60 + 30), rng.int(0, 59));
      else lessonMs = at(dn, slot.endMin + rng.int(0, 15), rng.int(0, 59));
      const lessonAt = isoMoment(lessonMs);
      const test = !cancelled && a.course.tests && a.grading === 'five_point' && a.given % a.testEvery === a.testOffset;
      const text = cancelled ? { topic: null, homework: null } : lessonText(a.course, a.given, a.yearLessons, test, rng.int(0, 1000));
      if (!cancelled) a.given += 1;
      const lessonId = newId(lessonMs);
      const date = isoDay(dn);
      const changes: SimChange[] = [
        {
          entity: 'lesson',
          id: lessonId,
          op: 'insert',
          fields: {
            id: lessonId, ...stamp(lessonAt), date, lesson_no: slot.lessonNo, class_id: a.classId, subgroup_id: a.subgroupId, study_group_id: a.studyGroupId,
            subject_id: a.subjectId, teacher_id: slot.teacherId, substitute_id: substitute, topic: text.topic, homework: text.homework, status: cancelled ? 'cancelled' : 'held',
          },
        },
      ];
      if (cancelled) {
        enqueue(lessonMs, enteredBy, changes);
        continue;
      }

      // Attendance, and who is there to be marked.
      const present: string[] = [];
      for (const s of students) {
        let kind = absentOn(s.id, dn);
        if (!kind) {
          const x = rng.next();
          kind = x < RATE.unexcused ? 'unexcused' : x < RATE.unexcused + RATE.late ? 'late' : null;
        }
        if (kind) {
          const id = newId(lessonMs);
          changes.push({ entity: 'attendance', id, op: 'insert', fields: { id, ...stamp(lessonAt), lesson_id: lessonId, student_id: s.id, kind, entered_by: enteredBy, entered_at: lessonAt } });
        }
        if (kind === null || kind === 'late') present.push(s.id);
      }

      // Marks: entered with the lesson, that evening, or 1–10 days late (by the period's end at the latest).
      const marked = a.grading !== 'none' && !UNMARKED_GRADES.includes(grade);
      if (!marked || !present.length) {
        enqueue(lessonMs, enteredBy, changes);
        continue;
      }
      const m = rng.next();
      let marksMs = lessonMs;
      if (m < RATE.marksLate) {
        const day = Math.min(dn + rng.int(1, 10), periodEnd);
        marksMs = Math.max(lessonMs, day === dn ? at(dn, 21 * 60) : at(day, rng.int(16 * 60, 22 * 60 + 30), rng.int(0, 59)));
      } else if (m < RATE.marksLate + RATE.marksEvening) marksMs = Math.max(lessonMs, at(dn, rng.int(19 * 60, 22 * 60 + 30), rng.int(0, 59)));
      const marksAt = isoMoment(marksMs);
      const markChanges = marksMs === lessonMs ? changes : [];
      const nearEnd = period ? periodEnd - dn <= 14 : false;
      const L: LessonCtx = { a, teacherId: slot.teacherId, lessonId, date, enteredBy, marksMs, marksAt, periodEnd, out: markChanges };
      for (const s of present) {
        const sums = period ? accOf(accKey(s, a.subjectNo, period.id)) : null;
        if (a.isPE && peExempt(s)) {
          if (rng.chance(0.15)) give(L, s, sums, 'exempt', 'classwork');
          continue;
        }
        const score = 3.85 + 0.8 * ability(s) + subjectAbility(s, a) + 0.55 * rng.normal() - (test ? 0.25 : 0);
        if (a.grading === 'pass_fail') {
          if (rng.chance(RATE.mark)) give(L, s, sums, score > 2.7 ? 'pass' : 'fail', 'answer');
          continue;
        }
        if (test) {
          give(L, s, sums, numeric(score), a.testKinds.length > 1 && rng.chance(0.5) ? a.testKinds[1]![0] : 'test');
          continue;
        }
        const p = nearEnd && sums && sums.count < 3 ? 0.8 : RATE.mark;
        if (!rng.chance(p)) continue;
        const first = weighted(a.kinds);
        give(L, s, sums, numeric(score), first);
        if (rng.chance(RATE.secondMark)) {
          const second = a.kinds.find(([k]) => k !== first)?.[0];
          if (second) give(L, s, sums, numeric(score + 0.3 * rng.normal()), second);
        }
      }
      enqueue(lessonMs, enteredBy, changes);
      if (markChanges !== changes) enqueue(marksMs, enteredBy, markChanges);
    }

    // Period marks (and the year mark after the last period), within 7 days of a period's end.
    for (const p of periods) {
      if (periodDays.get(p.id)!.to !== dn) continue;
      const last = periods.filter((q) => q.grade_from <= p.grade_to && p.grade_from <= q.grade_to).every((q) => q.end_date <= p.end_date);
      const done = new Set<string>();
      for (const a of attestOrder) {
        if (!a.attested) continue;
        let students: { id: string; grade: number }[];
        if (a.classId) {
          if (a.grade! < p.grade_from || a.grade! > p.grade_to) continue;
          const inClass = (classMembers.get(a.classId) ?? []).filter((m) => on(m, dn));
          const sub = a.subgroupId ? new Set((subgroupMembers.get(a.subgroupId) ?? []).filter((m) => on(m, dn)).map((m) => m.student)) : null;
          students = inClass.filter((m) => !sub || sub.has(m.student)).map((m) => ({ id: m.student, grade: a.grade! }));
        } else {
          students = (groupMembers.get(a.studyGroupId!) ?? [])
            .filter((m) => on(m, dn))
            .map((m) => ({ id: m.student, grade: gradeOn(m.student, dn) ?? 0 }))
            .filter((s) => s.grade >= p.grade_from && s.grade <= p.grade_to);
        }
        students = students.filter((s) => !UNMARKED_GRADES.includes(s.grade));
        if (!students.length) continue;
        const teacher = a.teacherId;
        const maxDay = yearEnd > dn ? Math.min(dn + 7, yearEnd) : dn + 7;
        const ms = at(rng.int(dn + 1, maxDay), rng.int(14 * 60, 22 * 60), rng.int(0, 59));
        const iso = isoMoment(ms);
        const changes: SimChange[] = [];
        const put = (student: string, periodId: string | null, value: MarkValue, attestation: 0 | 1 = 0) => {
          const id = newId(ms);
          const fields = { id, ...stamp(iso), student_id: student, subject_id: a.subjectId, year_id: year.id, period_id: periodId, value, entered_by: teacher, entered_at: iso };
          changes.push({ entity: 'period_mark', id, op: 'insert', fields: attestation ? { ...fields, attestation } : fields });
        };
        for (const s of students) {
          const key = `${s.id}|${a.subjectId}`;
          if (done.has(key)) continue;
          done.add(key);
          const k = accKey(s.id, a.subjectNo, p.id);
          const sums = acc.get(k);
          acc.delete(k);
          let value: MarkValue;
          if (a.grading === 'pass_fail') value = sums && sums.pass + sums.fail > 0 ? (sums.pass >= sums.fail ? 'pass' : 'fail') : 'na';
          else if (a.isPE && peExempt(s.id)) value = 'exempt';
          else if (!sums || sums.count === 0) value = 'na';
          else value = String(Math.min(5, Math.max(2, Math.floor(sums.swv / sums.sw + 0.5)))) as MarkValue;
          if (!rng.chance(RATE.periodMarkMissing)) {
            put(s.id, p.id, value);
            push(periodValues, key, value);
          }
          if (last) {
            const values = periodValues.get(key) ?? [];
            periodValues.delete(key);
            const nums = values.filter((v) => /^[1-5]$/.test(v)).map(Number);
            let y: MarkValue | null = null;
            if (values.includes('exempt')) y = 'exempt';
            else if (a.grading === 'pass_fail') y = values.length ? (values.filter((v) => v === 'pass').length * 2 >= values.length ? 'pass' : 'fail') : null;
            else if (nums.length) y = String(Math.min(5, Math.max(2, Math.floor(nums.reduce((x, v) => x + v, 0) / nums.length + 0.5)))) as MarkValue;
            else if (values.length) y = 'na';
            if (y && !rng.chance(RATE.periodMarkMissing / 3)) put(s.id, null, y);
            const pa = attestationMark(s.id, a.subjectId, y);
            if (pa) put(s.id, null, pa, 1);
          }
        }
        enqueue(ms, teacher, changes);
      }
    }

    if (officeLessons) {
      officeSummary.days += 1;
      officeSummary.lessons += officeLessons;
    }
    yield* flush(dn);
  }
  // Entered after the last simulated lesson day but still by `until` (period and year marks).
  for (const dn of [...buckets.keys()].sort((x, y) => x - y)) if (dn <= untilDn) yield* flush(dn);
  return {
    yearId: year.id,
    firstDay: isoDay(yearStart),
    lastDay: isoDay(lastDn),
    timetable: { placed: week.placed, unplaced: week.unplaced, teacherClashes: week.teacherClashes, groupClashes: week.groupClashes },
    office: officeSummary,
  };
}
