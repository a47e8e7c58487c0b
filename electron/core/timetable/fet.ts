// FET interoperability (issue 11 point 3; R8): the school's timetable task written as a `.fet`
// file for FET (https://lalescu.ro/liviu/fet/, Debian package `fet`, command `fet-cl`), and a
// `.fet` file read back. Pure, on the in-memory model (model.ts); the database side (which version,
// names, writing the imported cards) is fetData.ts. How our rules map to FET's: docs/timetable.md «FET».
import type { TimetableModel, ModelCard } from './model';
import { WEEKDAY_NAME } from './model';
import { XmlWriter, child, childrenNamed, parseXml, textOf, type XmlElement } from './xml';

export interface FetExportOptions {
  institution?: string;
  /** Activity ids kept from an imported `.fet` (card id → its `fet_id`); other cards get fresh numbers. */
  fetIds?: ReadonlyMap<string, number>;
  /** The teachers' names to write (the job gives full names); default `model.names.teacher`. */
  teacherNames?: ReadonlyMap<string, string>;
  /** Subgroups' names to write («5А · 1 подгруппа»: the job gives the names the import matches); default `model.names.subgroup`. */
  subgroupNames?: ReadonlyMap<string, string>;
  /** Placed cards become permanently locked starting times (default true); false: the unplaced task of every card. */
  lockPlaced?: boolean;
  /** Write `ConstraintTeachersMaxGapsPerDay` from `rules.maxTeacherWindows` (default true). */
  teacherGaps?: boolean;
}

/** What the export wrote, for a caller that reads FET's result back (the bench). */
export interface FetTask {
  xml: string;
  /** Card id → activity id. */
  activityIds: Map<string, number>;
  /** FET hour index (0-based) → our slot. */
  hours: { shift: number; lessonNo: number; name: string }[];
  /** What FET cannot express and was written another way or left out (also in the file's comments). */
  notes: string[];
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
export const FET_DAY_NAMES = WEEKDAY_NAME.slice(1).map(capital);

/** An hour's name: «3» in a one-shift school, «3 (2 смена)» when the school has two shifts. */
export const fetHourName = (shift: number, lessonNo: number, shifts: number) => (shifts > 1 ? `${lessonNo} (${shift} смена)` : String(lessonNo));

/** Names in a `.fet` are keys: the second of a kind gets « (2)», and so on. */
function uniqueNamer() {
  const used = new Set<string>();
  return (name: string): string => {
    let n = name.trim() || '—';
    for (let k = 2; used.has(n); k++) n = `${name} (${k})`;
    used.add(n);
    return n;
  };
}

/** Activity ids: a card's kept `fet_id` (when not taken twice), else fresh numbers above the largest kept one. */
export function fetActivityIds(model: TimetableModel, fetIds?: ReadonlyMap<string, number>): Map<string, number> {
  const ids = new Map<string, number>();
  const taken = new Set<number>();
  for (const c of model.cards) {
    const id = fetIds?.get(c.id);
    if (id !== undefined && id > 0 && !taken.has(id)) (ids.set(c.id, id), taken.add(id));
  }
  let next = Math.max(0, ...taken) + 1;
  for (const c of model.cards) if (!ids.has(c.id)) ids.set(c.id, next++);
  return ids;
}

/**
 * The students structure. FET's atomic unit is a subgroup; two activities clash when their
 * students sets share one. Ours (docs/timetable.md «What is a clash»): sibling subgroups never
 * clash, subgroups of different divisions and study groups clash when they share a student. So the
 * atomic units of a class are its students grouped by which of our subgroups and study groups
 * (those with cards) they are in; a year is a parallel, a FET group is a class (all its units), one
 * of our subgroups (its members' units) or a study group (its members' units across classes, in the
 * year of its lowest class). Then two sets share a unit exactly when our sets share a student.
 */
function studentsStructure(model: TimetableModel, notes: string[], subgroupNames?: ReadonlyMap<string, string>) {
  const used = { subgroups: new Set<string>(), studyGroups: new Set<string>(), classes: new Set<string>() };
  const gradeOfClass = new Map<string, number>();
  const subjectOfSubgroup = new Map<string, string>();
  for (const c of model.cards) {
    if (c.classId) (used.classes.add(c.classId), c.grade !== null && gradeOfClass.set(c.classId, c.grade));
    if (c.subgroupId) (used.subgroups.add(c.subgroupId), subjectOfSubgroup.set(c.subgroupId, c.subjectId));
    if (c.studyGroupId) used.studyGroups.add(c.studyGroupId);
  }
  for (const cls of model.studentClass.values()) used.classes.add(cls);
  const gradeOf = (classId: string) => gradeOfClass.get(classId) ?? Number(/^\d+/.exec(model.names.class.get(classId) ?? '')?.[0] ?? 0);

  // Each student's signature: the used subgroups and study groups they are in.
  const sig = new Map<string, string[]>();
  const add = (student: string, key: string) => {
    const l = sig.get(student);
    if (l) l.push(key);
    else sig.set(student, [key]);
  };
  for (const [g, students] of model.subgroupStudents) if (used.subgroups.has(g)) for (const s of students) add(s, `g:${g}`);
  for (const [g, students] of model.studyGroupStudents) if (used.studyGroups.has(g)) for (const s of students) add(s, `s:${g}`);

  interface Unit { name: string; students: number; members: Set<string> }
  const unitsOfClass = new Map<string, Unit[]>();
  const byKey = new Map<string, Unit>();
  const className = (id: string) => model.names.class.get(id) ?? id;
  for (const [student, cls] of model.studentClass) {
    const keys = (sig.get(student) ?? []).sort();
    const key = `${cls}|${keys.join(',')}`;
    let u = byKey.get(key);
    if (!u) {
      const list = unitsOfClass.get(cls) ?? [];
      u = { name: '', students: 0, members: new Set(keys) };
      list.push(u);
      unitsOfClass.set(cls, list);
      byKey.set(key, u);
    }
    u.students++;
  }
  // A subgroup or study group without students (membership not recorded): a unit of its own, in its
  // class's whole-class set — it then clashes with the class and itself only (our rule also makes it
  // clash with the other divisions' subgroups, which a set of students cannot say).
  const withStudents = new Set<string>();
  for (const u of byKey.values()) for (const m of u.members) withStudents.add(m);
  for (const g of used.subgroups) {
    if (withStudents.has(`g:${g}`)) continue;
    const cls = model.cards.find((c) => c.subgroupId === g)!.classId!;
    const list = unitsOfClass.get(cls) ?? [];
    list.push({ name: '', students: 0, members: new Set([`g:${g}`]) });
    unitsOfClass.set(cls, list);
    notes.push(`Подгруппа «${model.names.subgroup.get(g) ?? g}» без учеников: в FET она пересекается только со своим классом.`);
  }
  const emptyStudyGroups = [...used.studyGroups].filter((g) => !withStudents.has(`s:${g}`));
  for (const cls of used.classes) if (!unitsOfClass.has(cls)) unitsOfClass.set(cls, [{ name: '', students: 0, members: new Set() }]);

  const name = uniqueNamer();
  const yearName = (grade: number) => `${grade} параллель`;
  const grades = [...new Set([...used.classes].map(gradeOf))].sort((a, b) => a - b);
  for (const g of grades) name(yearName(g));
  const setName = new Map<string, string>(); // 'c:id' | 'g:id' | 's:id' → FET set name
  const classes = [...used.classes].sort((a, b) => gradeOf(a) - gradeOf(b) || className(a).localeCompare(className(b), 'ru'));
  for (const c of classes) setName.set(`c:${c}`, name(className(c)));
  // A subgroup's name («5А · 1 подгр.») is the same in every division of the class: the subject tells them apart.
  const sgBase = (g: string) => subgroupNames?.get(g) ?? model.names.subgroup.get(g) ?? g;
  const sgCount = new Map<string, number>();
  for (const g of used.subgroups) sgCount.set(sgBase(g), (sgCount.get(sgBase(g)) ?? 0) + 1);
  for (const g of [...used.subgroups].sort((a, b) => sgBase(a).localeCompare(sgBase(b), 'ru'))) {
    const base = sgBase(g);
    const subject = model.names.subject.get(subjectOfSubgroup.get(g) ?? '') ?? '';
    setName.set(`g:${g}`, name((sgCount.get(base) ?? 0) > 1 && subject ? `${base} (${subject})` : base));
  }
  for (const g of [...used.studyGroups].sort()) setName.set(`s:${g}`, name(model.names.studyGroup.get(g) ?? g));
  for (const c of classes) {
    const units = unitsOfClass.get(c)!;
    units.forEach((u, k) => (u.name = name(`${className(c)}/${k + 1}`)));
  }

  const studyGroupGrade = new Map<string, number>();
  for (const c of model.cards) if (c.studyGroupId && c.grade !== null) studyGroupGrade.set(c.studyGroupId, c.grade);
  const lowestOfStudyGroup = (g: string) => {
    if (studyGroupGrade.has(g)) return studyGroupGrade.get(g)!;
    return grades[0] ?? 0;
  };

  // Years → groups → units.
  type Group = { name: string; units: Unit[] };
  const years = new Map<number, Group[]>(grades.map((g) => [g, []]));
  for (const c of classes) {
    const units = unitsOfClass.get(c)!;
    years.get(gradeOf(c))!.push({ name: setName.get(`c:${c}`)!, units });
    const subs = [...used.subgroups].filter((g) => model.cards.some((x) => x.subgroupId === g && x.classId === c));
    for (const g of subs) years.get(gradeOf(c))!.push({ name: setName.get(`g:${g}`)!, units: units.filter((u) => u.members.has(`g:${g}`)) });
  }
  for (const g of [...used.studyGroups].sort()) {
    const grade = lowestOfStudyGroup(g);
    const units = classes.flatMap((c) => unitsOfClass.get(c)!.filter((u) => u.members.has(`s:${g}`)));
    if (!years.has(grade)) years.set(grade, []);
    years.get(grade)!.push({ name: setName.get(`s:${g}`)!, units });
  }
  for (const g of emptyStudyGroups) notes.push(`Учебная группа «${model.names.studyGroup.get(g) ?? g}» без учеников: в FET она ни с кем не пересекается.`);
  return { years, yearName, setName, classes, gradeOf };
}

/** The timetable task of one version as a `.fet` file (FET 6 format). */
export function buildFetTask(model: TimetableModel, opts: FetExportOptions = {}): FetTask {
  const notes: string[] = [];
  const lock = opts.lockPlaced ?? true;
  const teacherName = (id: string) => opts.teacherNames?.get(id) ?? model.names.teacher.get(id) ?? id;
  // The hours of the shifts the cards use (a one-shift school's task has no second-shift hours).
  const usedShifts = new Set(model.cards.map((c) => c.shift));
  const ownSlots = model.slots.filter((s) => usedShifts.has(s.shift));
  const shifts = new Set(ownSlots.map((s) => s.shift)).size;
  const slots = [...(ownSlots.length ? ownSlots : model.slots)].sort((a, b) => a.shift - b.shift || a.lessonNo - b.lessonNo);
  const hours = slots.map((s) => ({ shift: s.shift, lessonNo: s.lessonNo, name: fetHourName(s.shift, s.lessonNo, shifts) }));
  const hourIndex = new Map(hours.map((h, i) => [`${h.shift}:${h.lessonNo}`, i]));
  const shiftHours = (shift: number) => hours.map((h, i) => ({ ...h, i })).filter((h) => h.shift === shift);
  if (shifts > 1) notes.push('Смены записаны подряд (часы 1 смены, затем 2 смены): уроки разных смен, совпадающие по времени звонков, в FET не пересекаются.');
  if (model.cards.some((c) => c.weeks !== 'every')) notes.push('В FET нет чётных и нечётных недель: уроки «по неделям» записаны как еженедельные.');

  const ids = fetActivityIds(model, opts.fetIds);
  const st = studentsStructure(model, notes, opts.subgroupNames);
  /** A placed card's FET day and hour; null: not placed, or not at a bell of its shift (written unplaced, noted). */
  const startOf = (c: ModelCard): { day: number; hour: number } | null => {
    if (!lock || c.weekday === null || c.lessonNo === null) return null;
    const h = hourIndex.get(`${c.shift}:${c.lessonNo}`);
    return h === undefined || c.weekday > model.days ? null : { day: c.weekday, hour: h };
  };
  for (const c of model.cards)
    if (lock && c.weekday !== null && !startOf(c)) notes.push(`Урок ${ids.get(c.id)} стоит вне звонков своей смены: записан нерасставленным.`);

  const teacherNames = uniqueNamer();
  const teacherIds = [...new Set(model.cards.map((c) => c.teacherId))].sort((a, b) => teacherName(a).localeCompare(teacherName(b), 'ru'));
  const teacherFet = new Map(teacherIds.map((t) => [t, teacherNames(teacherName(t))]));
  const subjectNames = uniqueNamer();
  const subjectIds = [...new Set(model.cards.map((c) => c.subjectId))].sort((a, b) => (model.names.subject.get(a) ?? a).localeCompare(model.names.subject.get(b) ?? b, 'ru'));
  const subjectFet = new Map(subjectIds.map((s) => [s, subjectNames(model.names.subject.get(s) ?? s)]));
  const studentsOf = (c: ModelCard) => st.setName.get(c.studyGroupId ? `s:${c.studyGroupId}` : c.subgroupId ? `g:${c.subgroupId}` : `c:${c.classId}`)!;

  const x = new XmlWriter();
  x.open('fet version="6.8.5"').blank();
  x.leaf('Mode', 'Official').blank();
  x.leaf('Institution_Name', opts.institution ?? '').blank();
  x.leaf('Comments', ['Выгружено программой «Школьный офис».', ...notes].join('\n')).blank();
  x.open('Days_List').leaf('Number_of_Days', model.days);
  for (let d = 0; d < model.days; d++) x.open('Day').leaf('Name', FET_DAY_NAMES[d]!).close('Day');
  x.close('Days_List').blank();
  x.open('Hours_List').leaf('Number_of_Hours', hours.length);
  for (const h of hours) x.open('Hour').leaf('Name', h.name).close('Hour');
  x.close('Hours_List').blank();
  x.open('Subjects_List');
  for (const s of subjectIds) x.open('Subject').leaf('Name', subjectFet.get(s)!).leaf('Comments', '').close('Subject');
  x.close('Subjects_List').blank();
  x.open('Activity_Tags_List').close('Activity_Tags_List').blank();
  x.open('Teachers_List');
  for (const t of teacherIds) {
    x.open('Teacher').leaf('Name', teacherFet.get(t)!).leaf('Target_Number_of_Hours', 0);
    x.open('Qualified_Subjects').close('Qualified_Subjects').leaf('Comments', '').close('Teacher');
  }
  x.close('Teachers_List').blank();
  x.open('Students_List');
  for (const [grade, groups] of [...st.years].sort((a, b) => a[0] - b[0])) {
    x.open('Year').leaf('Name', st.yearName(grade)).leaf('Number_of_Students', 0).leaf('Comments', '');
    x.leaf('Number_of_Categories', 0).leaf('Separator', ' ');
    for (const g of groups) {
      x.open('Group').leaf('Name', g.name).leaf('Number_of_Students', 0).leaf('Comments', '');
      for (const u of g.units) x.open('Subgroup').leaf('Name', u.name).leaf('Number_of_Students', u.students).leaf('Comments', '').close('Subgroup');
      x.close('Group');
    }
    x.close('Year');
  }
  x.close('Students_List').blank();
  x.open('Activities_List');
  for (const c of model.cards) {
    x.open('Activity').leaf('Teacher', teacherFet.get(c.teacherId)!).leaf('Subject', subjectFet.get(c.subjectId)!).leaf('Students', studentsOf(c));
    x.leaf('Duration', c.duration).leaf('Total_Duration', c.duration).leaf('Id', ids.get(c.id)!).leaf('Activity_Group_Id', 0);
    x.leaf('Active', true).leaf('Comments', '').close('Activity');
  }
  x.close('Activities_List').blank();
  x.open('Buildings_List').close('Buildings_List').blank();
  x.open('Rooms_List').close('Rooms_List').blank();

  x.open('Time_Constraints_List');
  const constraint = (tag: string, body: () => void) => {
    x.open(tag).leaf('Weight_Percentage', 100);
    body();
    x.leaf('Active', true).leaf('Comments', '').close(tag);
  };
  constraint('ConstraintBasicCompulsoryTime', () => undefined);
  // Teachers' busy times: a lesson, or the whole day of that shift.
  const busy = new Map<string, Set<string>>();
  for (const u of model.unavailable) {
    if (!teacherFet.has(u.staffId) || u.weekday > model.days) continue;
    const set = busy.get(u.staffId) ?? new Set<string>();
    for (const h of shiftHours(u.shift)) if (u.lessonNo === null || u.lessonNo === h.lessonNo) set.add(`${u.weekday}:${h.i}`);
    busy.set(u.staffId, set);
  }
  for (const t of teacherIds) {
    const set = busy.get(t);
    if (!set?.size) continue;
    const times = [...set].map((k) => k.split(':').map(Number) as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    constraint('ConstraintTeacherNotAvailableTimes', () => {
      x.leaf('Teacher', teacherFet.get(t)!).leaf('Number_of_Not_Available_Times', times.length);
      for (const [d, h] of times) x.open('Not_Available_Time').leaf('Day', FET_DAY_NAMES[d - 1]!).leaf('Hour', hours[h]!.name).close('Not_Available_Time');
    });
  }
  if ((opts.teacherGaps ?? true) && Number.isFinite(model.rules.maxTeacherWindows))
    constraint('ConstraintTeachersMaxGapsPerDay', () => x.leaf('Max_Gaps', model.rules.maxTeacherWindows));
  // СанПиН lessons a day, per class (all its units).
  for (const c of st.classes) {
    const max = model.rules.dailyMax[String(st.gradeOf(c))];
    if (max === undefined) continue;
    constraint('ConstraintStudentsSetMaxHoursDaily', () => x.leaf('Maximum_Hours_Daily', max).leaf('Students', st.setName.get(`c:${c}`)!));
  }
  for (const c of model.cards) {
    const start = startOf(c);
    if (start) {
      constraint('ConstraintActivityPreferredStartingTime', () => {
        x.leaf('Activity_Id', ids.get(c.id)!).leaf('Preferred_Day', FET_DAY_NAMES[start.day - 1]!).leaf('Preferred_Hour', hours[start.hour]!.name);
        x.leaf('Permanently_Locked', true);
      });
      continue;
    }
    // Not placed: a card of one shift of two may start only at its shift's hours where its duration fits.
    if (shifts > 1) {
      const own = shiftHours(c.shift);
      const starts = own.slice(0, Math.max(0, own.length - c.duration + 1));
      constraint('ConstraintActivityPreferredStartingTimes', () => {
        x.leaf('Activity_Id', ids.get(c.id)!).leaf('Number_of_Preferred_Starting_Times', starts.length * model.days);
        for (let d = 0; d < model.days; d++)
          for (const h of starts) x.open('Preferred_Starting_Time').leaf('Preferred_Starting_Day', FET_DAY_NAMES[d]!).leaf('Preferred_Starting_Hour', h.name).close('Preferred_Starting_Time');
      });
    }
  }
  x.close('Time_Constraints_List').blank();
  x.open('Space_Constraints_List');
  constraint('ConstraintBasicCompulsorySpace', () => undefined);
  x.close('Space_Constraints_List').blank();
  x.close('fet'); // the root's opening tag carries the version attribute, its closing tag is plain
  return { xml: x.toString(), activityIds: ids, hours, notes };
}

/** The `.fet` text of the task (buildFetTask). */
export const exportFet = (model: TimetableModel, opts: FetExportOptions = {}): string => buildFetTask(model, opts).xml;

// ——— Reading a .fet file ———

export interface ParsedActivity {
  id: number;
  teachers: string[];
  subject: string;
  students: string[];
  duration: number;
  active: boolean;
}

export interface ParsedFet {
  days: string[];
  hours: string[];
  teachers: string[];
  subjects: string[];
  /** Every students set by name: a year, a group or a subgroup, with the kind FET gives it. */
  studentSets: { name: string; kind: 'year' | 'group' | 'subgroup' }[];
  activities: ParsedActivity[];
  /** Activity id → its starting time (a preferred starting time with weight 100 and both day and hour). */
  starts: Map<number, { day: number; hour: number; locked: boolean }>;
  /** Teacher's name → not-available (day index, hour index) pairs. */
  teacherNotAvailable: Map<string, { day: number; hour: number }[]>;
  /** ConstraintTeachersMaxGapsPerDay (all teachers), when present. */
  teachersMaxGapsPerDay: number | null;
  /** ConstraintStudentsSetMaxHoursDaily by students set's name. */
  studentsMaxHoursDaily: Map<string, number>;
  /** What is not understood, by FET's names: «ConstraintMinDaysBetweenActivities (161)». */
  ignored: string[];
}

export class FetFormatError extends Error {}

const UNDERSTOOD = new Set([
  'ConstraintBasicCompulsoryTime',
  'ConstraintBasicCompulsorySpace',
  'ConstraintActivityPreferredStartingTime',
  'ConstraintTeacherNotAvailableTimes',
  'ConstraintTeachersMaxGapsPerDay',
  'ConstraintStudentsSetMaxHoursDaily',
  // Written by our own export for two-shift schools: the card's shift says the same.
  'ConstraintActivityPreferredStartingTimes',
]);

/** Reads a `.fet` file (pure); a file that is not FET's XML throws FetFormatError. */
export function parseFet(xmlText: string): ParsedFet {
  let root: XmlElement;
  try {
    root = parseXml(xmlText);
  } catch (e) {
    throw new FetFormatError(`Файл не читается как XML: ${(e as Error).message}`);
  }
  if (root.name !== 'fet') throw new FetFormatError('Это не файл FET: корневой элемент не <fet>.');
  const ignored = new Map<string, number>();
  const ignore = (what: string) => ignored.set(what, (ignored.get(what) ?? 0) + 1);
  const names = (list: string, item: string) => childrenNamed(child(root, list) ?? { name: '', children: [], text: '' }, item).map((e) => textOf(e, 'Name'));
  const days = names('Days_List', 'Day');
  const hours = names('Hours_List', 'Hour');
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const hourIndex = new Map(hours.map((h, i) => [h, i]));
  const studentSets: ParsedFet['studentSets'] = [];
  const seen = new Set<string>();
  const addSet = (name: string, kind: 'year' | 'group' | 'subgroup') => {
    if (!seen.has(name)) (seen.add(name), studentSets.push({ name, kind }));
  };
  for (const y of childrenNamed(child(root, 'Students_List') ?? { name: '', children: [], text: '' }, 'Year')) {
    addSet(textOf(y, 'Name'), 'year');
    for (const g of childrenNamed(y, 'Group')) {
      addSet(textOf(g, 'Name'), 'group');
      for (const s of childrenNamed(g, 'Subgroup')) addSet(textOf(s, 'Name'), 'subgroup');
    }
  }
  const activities: ParsedActivity[] = [];
  for (const a of childrenNamed(child(root, 'Activities_List') ?? { name: '', children: [], text: '' }, 'Activity')) {
    activities.push({
      id: Number(textOf(a, 'Id')),
      teachers: childrenNamed(a, 'Teacher').map((t) => t.text.trim()),
      subject: textOf(a, 'Subject'),
      students: childrenNamed(a, 'Students').map((t) => t.text.trim()),
      duration: Number(textOf(a, 'Duration')),
      active: textOf(a, 'Active') !== 'false',
    });
    for (const c of a.children) if (c.name === 'Activity_Tag') ignore('Activity_Tag');
  }
  const starts: ParsedFet['starts'] = new Map();
  const teacherNotAvailable: ParsedFet['teacherNotAvailable'] = new Map();
  let teachersMaxGapsPerDay: number | null = null;
  const studentsMaxHoursDaily = new Map<string, number>();
  const full = (c: XmlElement) => Number(textOf(c, 'Weight_Percentage')) === 100;
  for (const list of ['Time_Constraints_List', 'Space_Constraints_List']) {
    for (const c of child(root, list)?.children ?? []) {
      if (textOf(c, 'Active') === 'false') continue;
      if (!UNDERSTOOD.has(c.name) || !full(c)) {
        ignore(full(c) || !UNDERSTOOD.has(c.name) ? c.name : `${c.name} (вес ${textOf(c, 'Weight_Percentage')} %)`);
        continue;
      }
      if (c.name === 'ConstraintActivityPreferredStartingTime') {
        const day = dayIndex.get(textOf(c, 'Preferred_Day'));
        const hour = hourIndex.get(textOf(c, 'Preferred_Hour'));
        if (day === undefined || hour === undefined) ignore(`${c.name} без дня или часа`);
        else starts.set(Number(textOf(c, 'Activity_Id')), { day, hour, locked: textOf(c, 'Permanently_Locked') === 'true' });
      } else if (c.name === 'ConstraintTeacherNotAvailableTimes') {
        const t = textOf(c, 'Teacher');
        const list = teacherNotAvailable.get(t) ?? [];
        for (const n of childrenNamed(c, 'Not_Available_Time')) {
          const day = dayIndex.get(textOf(n, 'Day'));
          const hour = hourIndex.get(textOf(n, 'Hour'));
          if (day !== undefined && hour !== undefined) list.push({ day, hour });
        }
        teacherNotAvailable.set(t, list);
      } else if (c.name === 'ConstraintTeachersMaxGapsPerDay') {
        teachersMaxGapsPerDay = Number(textOf(c, 'Max_Gaps'));
      } else if (c.name === 'ConstraintStudentsSetMaxHoursDaily') {
        studentsMaxHoursDaily.set(textOf(c, 'Students'), Number(textOf(c, 'Maximum_Hours_Daily')));
      }
    }
  }
  return {
    days,
    hours,
    teachers: names('Teachers_List', 'Teacher'),
    subjects: names('Subjects_List', 'Subject'),
    studentSets,
    activities,
    starts,
    teacherNotAvailable,
    teachersMaxGapsPerDay,
    studentsMaxHoursDaily,
    ignored: [...ignored].map(([k, n]) => (n > 1 ? `${k} (${n})` : k)),
  };
}

/** An hour's name back to our slot: «3» (the given shift), «3 (2 смена)»; anything else: null (not guessed). */
export function parseFetHour(name: string): { lessonNo: number; shift: number | null } | null {
  const m = /^(\d{1,2})(?: \(([12]) смена\))?$/.exec(name.trim());
  return m ? { lessonNo: Number(m[1]), shift: m[2] ? Number(m[2]) : null } : null;
}
