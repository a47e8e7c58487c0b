// A pure, deterministic generator of a realistic Russian demo school: the same options give the
// same rows byte for byte, ids included. No database, no I/O.
import { uuidv7 } from '../../db/ids';
import type { NewRow } from '../../db/schema';
import { BELL_PLANS, planCalendar } from './calendar';
import { SUBJECTS, WEEKLY_LIMIT, classPlan, type SubjectKey } from './curriculum';
import { Prng } from './prng';
import { planPupils } from './pupils';
import { planStaff } from './staff';
import { planGroups } from './groups';
import type { ClassInfo, IdSource, WithId } from './types';
import { apportion } from './util';

export type { WithId } from './types';

export interface DemoOptions {
  /** Number of pupils, 100..5000; default 1000. */
  students?: number;
  /** Any finite number; default 1. */
  seed?: number;
  /** First calendar year of the academic year; default 2026 (→ 2026/2027). */
  yearStart?: number;
}

export interface DemoSchool {
  school: WithId<NewRow<'school'>>;
  years: WithId<NewRow<'academic_year'>>[];
  studyPeriods: WithId<NewRow<'study_period'>>[];
  holidays: WithId<NewRow<'holiday'>>[];
  bellSchedules: WithId<NewRow<'bell_schedule'>>[];
  bells: WithId<NewRow<'bell'>>[];
  subjects: WithId<NewRow<'subject'>>[];
  rooms: WithId<NewRow<'room'>>[];
  staff: WithId<NewRow<'staff'>>[];
  staffQualifications: WithId<NewRow<'staff_qualification'>>[];
  classes: WithId<NewRow<'school_class'>>[];
  curriculum: WithId<NewRow<'curriculum_item'>>[];
  students: WithId<NewRow<'student'>>[];
  guardians: WithId<NewRow<'guardian'>>[];
  studentGuardians: WithId<NewRow<'student_guardian'>>[];
  divisions: WithId<NewRow<'class_division'>>[];
  subgroups: WithId<NewRow<'subgroup'>>[];
  subgroupMembers: WithId<NewRow<'subgroup_member'>>[];
  studyGroups: WithId<NewRow<'study_group'>>[];
  studyGroupMembers: WithId<NewRow<'study_group_member'>>[];
  assignments: WithId<NewRow<'teaching_assignment'>>[];
}

export const DEMO_LIMITS = { minStudents: 100, maxStudents: 5000, defaultStudents: 1000, defaultSeed: 1, defaultYearStart: 2026 } as const;

/** Class letters in the order schools use them (no Ё, Й, Ъ, Ы, Ь). */
export const CLASS_LETTERS = ['А', 'Б', 'В', 'Г', 'Д', 'Е', 'Ж', 'З', 'И', 'К', 'Л', 'М', 'Н', 'О', 'П', 'Р', 'С', 'Т', 'У', 'Ф', 'Х', 'Ц', 'Ч', 'Ш', 'Э', 'Ю', 'Я'] as const;

const SCHOOL_NO = 17;

/** Ids are UUIDv7 with a fixed base time (25 August of yearStart, 09:00 MSK) plus one
 *  millisecond per id, and random bits from a seeded stream: deterministic and creation-ordered. */
class SeededIds implements IdSource {
  private n = 0;
  private readonly buf = new Uint8Array(10); // uuidv7 copies the bytes, so one buffer will do
  constructor(
    private readonly rng: Prng,
    private readonly baseMs: number,
  ) {}
  next(): string {
    return uuidv7(this.baseMs + this.n++, this.rng.fill(this.buf));
  }
}

function normalize(opts: DemoOptions): { students: number; seed: number; yearStart: number } {
  const students = opts.students ?? DEMO_LIMITS.defaultStudents;
  const seed = opts.seed ?? DEMO_LIMITS.defaultSeed;
  const yearStart = opts.yearStart ?? DEMO_LIMITS.defaultYearStart;
  if (!Number.isInteger(students) || students < DEMO_LIMITS.minStudents || students > DEMO_LIMITS.maxStudents) {
    throw new RangeError(`students must be an integer in ${DEMO_LIMITS.minStudents}..${DEMO_LIMITS.maxStudents}, got ${students}`);
  }
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  if (!Number.isInteger(yearStart) || yearStart < 2000 || yearStart > 2100) {
    throw new RangeError(`yearStart must be an integer in 2000..2100, got ${yearStart}`);
  }
  return { students, seed, yearStart };
}

/** Number of classes per parallel (index 0 = grade 1): at least 3 each, the rest going to the
 *  parallel with the fewest classes for its weight (grades 10–11 are smaller). */
export function classCounts(total: number): number[] {
  const weight = (g: number) => (g <= 9 ? 1 : 0.7);
  const counts = Array.from({ length: 11 }, () => 3);
  for (let left = total - 33; left > 0; left--) {
    let best = 0;
    for (let i = 1; i < 11; i++) {
      if (counts[i]! / weight(i + 1) < counts[best]! / weight(best + 1)) best = i;
    }
    counts[best]! += 1;
  }
  return counts;
}

/** Valid 10-digit INN of a legal entity (tax office 50xx, Moscow region). */
function legalInn(rng: Prng): string {
  const d = [5, 0, rng.int(0, 9), rng.int(0, 9), ...Array.from({ length: 5 }, () => rng.int(0, 9))];
  const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const check = (d.reduce((s, x, i) => s + x * w[i]!, 0) % 11) % 10;
  return [...d, check].join('');
}

export function generateDemoSchool(opts: DemoOptions = {}): DemoSchool {
  const o = normalize(opts);
  const ids = new SeededIds(new Prng(o.seed, 1), Date.UTC(o.yearStart, 7, 25, 6, 0, 0));
  const schoolRng = new Prng(o.seed, 2);
  const staffRng = new Prng(o.seed, 3);
  const pupilRng = new Prng(o.seed, 4);
  const groupRng = new Prng(o.seed, 5);
  const snils = new Set<number>();
  const phones = new Set<string>();

  const emailDomain = `school${SCHOOL_NO}.example.com`;
  const school: DemoSchool['school'] = {
    id: ids.next(),
    full_name: `Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № ${SCHOOL_NO}»`,
    short_name: `МБОУ СОШ № ${SCHOOL_NO}`,
    inn: legalInn(schoolRng),
    address: '141250, Московская обл., г. Новоозёрск, ул. Школьная, д. 5',
    phone: `+7 (496) ${schoolRng.int(200, 799)}-${String(schoolRng.int(0, 99)).padStart(2, '0')}-${String(schoolRng.int(0, 99)).padStart(2, '0')}`,
    email: `info@${emailDomain}`,
    director_id: null,
    report_rules: '{}',
    paper_journal: 1,
  };

  // Calendar.
  const cal = planCalendar(o.yearStart);
  const year = { id: ids.next(), ...cal.year };
  const studyPeriods = cal.periods.map((p) => ({ id: ids.next(), year_id: year.id, ...p }));
  const holidays = cal.holidays.map((h) => ({ id: ids.next(), year_id: year.id, ...h }));
  const bellSchedules: DemoSchool['bellSchedules'] = [];
  const bells: DemoSchool['bells'] = [];
  for (const plan of BELL_PLANS) {
    const s = { id: ids.next(), year_id: year.id, shift: plan.shift, name: plan.name };
    bellSchedules.push(s);
    for (const b of plan.bells) bells.push({ id: ids.next(), schedule_id: s.id, ...b });
  }

  // Subjects.
  const subjectId = new Map<SubjectKey, string>();
  const subjects = SUBJECTS.map((s, i) => {
    const row = {
      id: ids.next(),
      name: s.name,
      short_name: s.short,
      no_attestation: s.noAttestation ? 1 : 0,
      grading: s.grading,
      sort_order: (i + 1) * 10,
      room_kind: null,
    };
    subjectId.set(s.key, row.id);
    return row;
  });

  // Classes: about 25 pupils each, at least three per parallel; second shift for part of the
  // grades 2–4 in big schools.
  const counts = classCounts(Math.max(33, Math.round(o.students / 25)));
  const layout: { grade: number; letterIndex: number }[] = [];
  counts.forEach((n, gi) => {
    for (let li = 0; li < n; li++) layout.push({ grade: gi + 1, letterIndex: li });
  });
  const sizes = apportion(o.students, layout.map(() => 1 + (schoolRng.next() - 0.5) * 0.24));
  const classes: ClassInfo[] = layout.map(({ grade, letterIndex }, i) => {
    const n = counts[grade - 1] ?? 0;
    const letter = CLASS_LETTERS[letterIndex];
    if (!letter) throw new Error(`Too many classes in grade ${grade}`);
    const shift = o.students > 1200 && grade >= 2 && grade <= 4 && letterIndex >= Math.ceil(n / 2) ? 2 : 1;
    const plan = classPlan(grade, letterIndex);
    const total = plan.reduce((s, [, h]) => s + h, 0);
    if (total > (WEEKLY_LIMIT[grade] ?? 0)) throw new Error(`Weekly load ${total} over the limit in grade ${grade}`);
    return { id: ids.next(), grade, letterIndex, letter, shift, size: sizes[i] ?? 0, plan };
  });

  // Staff and rooms.
  const st = planStaff({ rng: staffRng, ids, year: o.yearStart, students: o.students, classes, snils, phones, emailDomain });
  school.director_id = st.directorId;
  const classRows: DemoSchool['classes'] = classes.map((c) => ({
    id: c.id,
    year_id: year.id,
    grade: c.grade,
    letter: c.letter,
    shift: c.shift,
    class_teacher_id: st.classTeacher.get(c.id) ?? null,
    room_id: st.classRoom.get(c.id) ?? null,
  }));

  // Curriculum.
  const curriculum: DemoSchool['curriculum'] = [];
  for (const c of classes) {
    for (const [key, hours] of c.plan) {
      const subject = subjectId.get(key);
      if (!subject) throw new Error(`Unknown subject ${key}`);
      curriculum.push({ id: ids.next(), class_id: c.id, subject_id: subject, hours_per_week: hours });
    }
  }

  // Pupils and guardians.
  const pupils = planPupils({ rng: pupilRng, ids, year: o.yearStart, classes, snils, phones });

  // Subgroups, study groups and teaching assignments.
  const groups = planGroups({
    rng: groupRng, ids, yearId: year.id, yearStartDate: year.start_date, classes, subjects, subjectId, staff: st.staff, qualified: st.qualified, classTeacher: st.classTeacher, students: pupils.students,
  });

  // Qualifications last: their ids do not shift the ids of everything planned before them.
  const staffQualifications = st.staff.flatMap((s) =>
    (st.qualified.get(s.id) ?? []).map((k) => ({ id: ids.next(), staff_id: s.id, subject_id: subjectId.get(k)! })),
  );

  return {
    school,
    years: [year],
    studyPeriods,
    holidays,
    bellSchedules,
    bells,
    subjects,
    rooms: st.rooms,
    staff: st.staff,
    staffQualifications,
    classes: classRows,
    curriculum,
    students: pupils.students,
    guardians: pupils.guardians,
    studentGuardians: pupils.studentGuardians,
    ...groups,
  };
}
