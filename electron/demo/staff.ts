// Staff, rooms, class teachers and home rooms of the demo school.
import type { Gender, NewRow, StaffRole } from '../../db/schema';
import { SUBJECT_NAME, type SubjectKey } from './curriculum';
import type { ClassInfo, IdSource, WithId } from './types';
import { adultBirthDate, adultName, mobilePhone, workEmail } from './people';
import type { Prng } from './prng';
import { randomSnils } from './snils';
import { apportion } from './util';

type StaffRow = WithId<NewRow<'staff'>>;
type RoomRow = WithId<NewRow<'room'>>;

interface TeacherGroup {
  key: string;
  position: string;
  subjects: readonly SubjectKey[];
  /** Name of the group's cabinet; null: the group has no cabinet of its own (PE → gym). */
  cabinet: string | null;
  maleShare: number;
}

const PRIMARY_SUBJECTS: readonly SubjectKey[] = ['rus', 'litread', 'math', 'world', 'art', 'tech', 'orkse', 'talks'];

const GROUPS: readonly TeacherGroup[] = [
  { key: 'rus', position: 'Учитель русского языка и литературы', subjects: ['rus', 'lit'], cabinet: 'Кабинет русского языка и литературы', maleShare: 0.05 },
  { key: 'math', position: 'Учитель математики', subjects: ['math', 'alg', 'geom', 'prob'], cabinet: 'Кабинет математики', maleShare: 0.15 },
  { key: 'eng', position: 'Учитель английского языка', subjects: ['eng'], cabinet: 'Кабинет английского языка', maleShare: 0.08 },
  { key: 'ger', position: 'Учитель немецкого языка', subjects: ['ger', 'eng'], cabinet: 'Кабинет немецкого языка', maleShare: 0.1 },
  { key: 'inf', position: 'Учитель информатики', subjects: ['inf', 'prob'], cabinet: 'Кабинет информатики', maleShare: 0.5 },
  { key: 'hist', position: 'Учитель истории и обществознания', subjects: ['hist', 'soc', 'odnknr', 'project'], cabinet: 'Кабинет истории и обществознания', maleShare: 0.3 },
  { key: 'geo', position: 'Учитель географии', subjects: ['geo'], cabinet: 'Кабинет географии', maleShare: 0.25 },
  { key: 'bio', position: 'Учитель биологии', subjects: ['bio'], cabinet: 'Кабинет биологии', maleShare: 0.1 },
  { key: 'phys', position: 'Учитель физики', subjects: ['phys'], cabinet: 'Кабинет физики', maleShare: 0.4 },
  { key: 'chem', position: 'Учитель химии', subjects: ['chem'], cabinet: 'Кабинет химии', maleShare: 0.15 },
  { key: 'art', position: 'Учитель изобразительного искусства', subjects: ['art'], cabinet: 'Кабинет ИЗО', maleShare: 0.1 },
  { key: 'music', position: 'Учитель музыки', subjects: ['music'], cabinet: 'Кабинет музыки', maleShare: 0.2 },
  { key: 'tech', position: 'Учитель труда (технологии)', subjects: ['tech'], cabinet: 'Мастерская', maleShare: 0.5 },
  { key: 'pe', position: 'Учитель физической культуры', subjects: ['pe'], cabinet: null, maleShare: 0.55 },
  { key: 'obzr', position: 'Преподаватель-организатор ОБЗР', subjects: ['obzr', 'pe'], cabinet: 'Кабинет ОБЗР', maleShare: 0.8 },
];

/** Which group teaches a subject in grades 5–11 (and English, music, PE in grades 1–4). */
const GROUP_OF: Partial<Record<SubjectKey, string>> = {
  rus: 'rus', lit: 'rus', math: 'math', alg: 'math', geom: 'math', prob: 'math', eng: 'eng', ger: 'ger',
  inf: 'inf', hist: 'hist', soc: 'hist', odnknr: 'hist', project: 'hist', geo: 'geo', bio: 'bio',
  phys: 'phys', chem: 'chem', art: 'art', music: 'music', tech: 'tech', pe: 'pe', obzr: 'obzr',
};
const PRIMARY_BY_SPECIALISTS: ReadonlySet<SubjectKey> = new Set(['eng', 'music', 'pe']);

/** Subjects taught in two subgroups: as the default division rule (core/groups/policy.ts) says,
 *  foreign languages and informatics from 25 pupils, technology from grade 5. */
function splits(key: SubjectKey, grade: number, size: number): boolean {
  if (size < 25) return false;
  return key === 'eng' || key === 'ger' || key === 'inf' || (key === 'tech' && grade >= 5);
}

/** Weekly teaching hours per group over the whole school. */
function groupHours(classes: readonly ClassInfo[]): Map<string, number> {
  const hours = new Map<string, number>(GROUPS.map((g) => [g.key, 0]));
  for (const c of classes) {
    for (const [key, h] of c.plan) {
      if (c.grade <= 4 && !PRIMARY_BY_SPECIALISTS.has(key)) continue;
      const g = GROUP_OF[key];
      if (!g) continue;
      hours.set(g, (hours.get(g) ?? 0) + h * (splits(key, c.grade, c.size) ? 2 : 1));
    }
  }
  return hours;
}

export interface StaffPlan {
  staff: StaffRow[];
  /** The subjects each staff member may teach (issue 9: kept by id in staff_qualification). */
  qualified: Map<string, readonly SubjectKey[]>;
  rooms: RoomRow[];
  directorId: string;
  classTeacher: Map<string, string>;
  classRoom: Map<string, string>;
}

export interface StaffContext {
  rng: Prng;
  ids: IdSource;
  year: number;
  students: number;
  classes: readonly ClassInfo[];
  snils: Set<number>;
  phones: Set<string>;
  emailDomain: string;
}

export function planStaff(ctx: StaffContext): StaffPlan {
  const { rng, ids, year, classes } = ctx;
  const emails = new Set<string>();
  const staff: StaffRow[] = [];
  const qualified = new Map<string, readonly SubjectKey[]>();

  const person = (
    opts: { gender: Gender; position: string; roles: StaffRole[]; deputyGrades?: number[]; subjects?: readonly SubjectKey[]; rate: number; minAge: number; maxAge: number; email: boolean },
  ): StaffRow => {
    const p = adultName(rng, opts.gender);
    const row: StaffRow = {
      id: ids.next(),
      last_name: p.last,
      first_name: p.first,
      middle_name: p.middle,
      birth_date: adultBirthDate(rng, year, opts.minAge, opts.maxAge),
      gender: p.gender,
      snils: randomSnils(rng, ctx.snils),
      phone: mobilePhone(rng, ctx.phones),
      email: opts.email ? workEmail(p, ctx.emailDomain, emails) : null,
      position: opts.position,
      roles: JSON.stringify(opts.roles),
      deputy_grades: JSON.stringify(opts.deputyGrades ?? []),
      rate_hours: opts.rate,
    };
    staff.push(row);
    qualified.set(row.id, [...new Set(opts.subjects ?? [])]);
    return row;
  };
  const gender = (maleShare: number): Gender => (rng.chance(maleShare) ? 'm' : 'f');

  // Administration.
  const director = person({ gender: gender(0.4), position: 'Директор', roles: ['director'], rate: 40, minAge: 40, maxAge: 62, email: true });
  const deputies: [string, number[], readonly SubjectKey[]][] = [
    ['Заместитель директора по УВР', [1, 2, 3, 4], PRIMARY_SUBJECTS],
    ['Заместитель директора по УВР', [5, 6, 7, 8, 9], ['math', 'alg', 'geom', 'prob', 'talks']],
    ['Заместитель директора по УВР', [10, 11], ['rus', 'lit', 'talks']],
    ['Заместитель директора по ВР', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], ['hist', 'soc', 'odnknr', 'talks']],
  ];
  for (const [position, grades, subjects] of deputies) {
    person({ gender: gender(0.15), position, roles: ['deputy', 'teacher'], deputyGrades: grades, subjects, rate: 36, minAge: 35, maxAge: 62, email: true });
  }
  person({ gender: gender(0.85), position: 'Системный администратор', roles: ['sysadmin'], rate: 40, minAge: 24, maxAge: 45, email: true });
  person({ gender: gender(0.05), position: 'Секретарь учебной части', roles: ['secretary'], rate: 40, minAge: 22, maxAge: 60, email: true });
  const adminCount = staff.length;

  // Teachers: one primary teacher per class of grades 1–4, the rest split by teaching hours.
  // About one employee per 14 pupils; a small school with many small classes needs enough subject
  // teachers for its hours (about 21 a week each: 18 for a rate and a little more, under 30).
  const subjectHours = [...groupHours(classes).values()].reduce((a, b) => a + b, 0);
  const target = Math.max(40, Math.round(ctx.students / 14), adminCount + classes.filter((c) => c.grade <= 4).length + Math.ceil(subjectHours / 21));
  const primaryClasses = classes.filter((c) => c.grade <= 4);
  const primaryTeachers = new Map<string, StaffRow>();
  for (const c of primaryClasses) {
    const t = person({ gender: gender(0.03), position: 'Учитель начальных классов', roles: ['teacher'], subjects: PRIMARY_SUBJECTS, rate: 18, minAge: 22, maxAge: 66, email: rng.chance(0.7) });
    primaryTeachers.set(c.id, t);
  }
  const hours = groupHours(classes);
  const active = GROUPS.filter((g) => (hours.get(g.key) ?? 0) > 0);
  // Each group gets enough teachers to stay under 26 hours each; the rest of the staff follows
  // the hours beyond a rate per teacher.
  const least = active.map((g) => Math.max(1, Math.ceil((hours.get(g.key) ?? 0) / 26)));
  const budget = Math.max(0, target - adminCount - primaryClasses.length - least.reduce((a, b) => a + b, 0));
  const extra = apportion(budget, active.map((g, i) => Math.max(0, (hours.get(g.key) ?? 0) - 18 * least[i]!)));
  const subjectTeachers: { row: StaffRow; group: TeacherGroup }[] = [];
  active.forEach((g, i) => {
    const n = least[i]! + (extra[i] ?? 0);
    for (let k = 0; k < n; k++) {
      const row = person({ gender: gender(g.maleShare), position: g.position, roles: ['teacher'], subjects: [...g.subjects, 'talks'], rate: 18, minAge: 23, maxAge: 67, email: rng.chance(0.7) });
      subjectTeachers.push({ row, group: g });
    }
  });

  // Class teachers of grades 5–11: subject teachers with a cabinet first, one class each.
  const secondary = classes.filter((c) => c.grade >= 5);
  const candidates = rng.shuffle([...subjectTeachers]);
  candidates.sort((a, b) => Number(a.group.cabinet === null) - Number(b.group.cabinet === null));
  if (candidates.length === 0) throw new Error('No subject teachers');
  const classTeacher = new Map<string, string>();
  const homeOf = new Map<string, { teacher: StaffRow; cabinet: string | null }>();
  secondary.forEach((c, i) => {
    const t = candidates[i % candidates.length]!;
    classTeacher.set(c.id, t.row.id);
    homeOf.set(c.id, { teacher: t.row, cabinet: t.group.cabinet });
  });
  for (const [classId, t] of primaryTeachers) classTeacher.set(classId, t.id);

  // Rooms: a cabinet per shift-1 primary class and per secondary class teacher, one cabinet for
  // every other group, gyms and the assembly hall. Shift-2 classes share the room of a shift-1
  // class of the same parallel (its lessons end before the second shift starts).
  interface RoomDraft { name: string | null; floorPref: number; capacity: number; classIds: string[] }
  const drafts: RoomDraft[] = [];
  const sizeOf = new Map(classes.map((c) => [c.id, c.size]));
  const roomDraftOf = new Map<string, RoomDraft>();
  for (let grade = 1; grade <= 4; grade++) {
    const inGrade = primaryClasses.filter((c) => c.grade === grade);
    const first = inGrade.filter((c) => c.shift === 1);
    const second = inGrade.filter((c) => c.shift !== 1);
    for (const c of first) {
      const d: RoomDraft = { name: 'Кабинет начальных классов', floorPref: grade <= 2 ? 1 : 2, capacity: rng.int(25, 32), classIds: [c.id] };
      drafts.push(d);
      roomDraftOf.set(c.id, d);
    }
    second.forEach((c, i) => {
      const d = roomDraftOf.get(first[i % Math.max(1, first.length)]?.id ?? '');
      if (!d) throw new Error('No shift-1 room to share');
      d.classIds.push(c.id);
      roomDraftOf.set(c.id, d);
    });
  }
  const withCabinet = new Set<string>();
  for (const c of secondary) {
    const home = homeOf.get(c.id)!;
    const d: RoomDraft = { name: home.cabinet, floorPref: 3, capacity: rng.int(25, 32), classIds: [c.id] };
    drafts.push(d);
    roomDraftOf.set(c.id, d);
    if (home.cabinet) withCabinet.add(home.cabinet);
  }
  for (const g of active) {
    if (g.cabinet && !withCabinet.has(g.cabinet)) drafts.push({ name: g.cabinet, floorPref: 3, capacity: rng.int(25, 32), classIds: [] });
  }
  for (const d of drafts) for (const id of d.classIds) d.capacity = Math.max(d.capacity, sizeOf.get(id) ?? 0);

  // Numbering: primary classes on the lower floors, subject cabinets grouped by subject above.
  const groupOrder = new Map<string | null, number>(GROUPS.map((g, i) => [g.cabinet, i]));
  const ordered = drafts
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.floorPref - b.d.floorPref || (groupOrder.get(a.d.name) ?? 99) - (groupOrder.get(b.d.name) ?? 99) || a.i - b.i)
    .map((x) => x.d);
  const perFloor = Math.min(99, Math.max(10, Math.ceil(ordered.length / 4)));
  const rooms: RoomRow[] = [];
  const classRoom = new Map<string, string>();
  ordered.forEach((d, i) => {
    const row: RoomRow = {
      id: ids.next(),
      number: String((Math.floor(i / perFloor) + 1) * 100 + (i % perFloor) + 1),
      name: d.name,
      capacity: d.capacity,
      kind: roomKindOf(d.name),
    };
    rooms.push(row);
    for (const id of d.classIds) classRoom.set(id, row.id);
  });
  rooms.push({ id: ids.next(), number: 'Спортзал', name: 'Спортивный зал', capacity: 60, kind: 'gym' });
  if (ctx.students > 1500) rooms.push({ id: ids.next(), number: 'Малый спортзал', name: 'Малый спортивный зал', capacity: 40, kind: 'gym' });
  rooms.push({ id: ids.next(), number: 'Актовый зал', name: 'Актовый зал', capacity: ctx.students > 1500 ? 400 : 200, kind: 'hall' });

  return { staff, qualified, rooms, directorId: director.id, classTeacher, classRoom };
}

/** A cabinet's kind by its name (issue 11: the timetable checks a subject's lessons against it). */
function roomKindOf(name: string | null): RoomRow['kind'] {
  if (!name) return 'regular';
  if (name.includes('информатик')) return 'computer';
  if (name.includes('физики') || name.includes('химии') || name.includes('биологии')) return 'lab';
  if (name === 'Мастерская') return 'workshop';
  if (name.includes('ИЗО')) return 'art';
  if (name.includes('музыки')) return 'music';
  return 'regular';
}
