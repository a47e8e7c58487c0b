// The contract fuzzer (issue 8): every operation of the API, on the demo school, first with a valid
// input, then with that input spoiled in one place at a time (wrong type, null, empty, too long,
// Infinity/NaN/1e400, negative and huge numbers, unknown ids, extra fields, deep nesting, huge
// lists), then with random inputs. What it checks after each call:
//   - no internal error (code 'internal'): every refusal is a presentable Russian message;
//   - a refused call changed nothing: a digest of every table's content before and after;
// and at the end PRAGMA integrity_check and foreign_key_check.
// Used by tests/fuzz/contract.test.ts (short, seeded, in `npm test`) and tests/fuzz/run.ts
// (`npm run fuzz`, long: FUZZ_SEED, FUZZ_RUNS).
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import BetterSqlite3 from 'better-sqlite3';
import { opNames, type OpInput, type OpName } from '../../electron/api/contract';
import { dispatch, type CallResult } from '../../electron/core/dispatch';
import { Session } from '../../electron/core/auth/session';
import { sessionUser } from '../../electron/core/auth/users';
import type { Ctx } from '../../electron/core/context';
import { Writer, type AppUserTable } from '../../db';
import { demoCore } from '../support/core';
import { grantInputFile } from '../../electron/core/files';
import { FUZZ_PASSWORD, type Core, type Fixture, type Plan } from './plan';
import { PLANS } from './plans';
import { credentialRecords } from './plans/credentials';
import { orderRecords } from './plans/orders';

export { PLANS };

export interface FuzzOptions {
  seed: number;
  /** Random inputs per operation (slow operations get a fifth, at least 1). */
  randomRuns: number;
  /** Spoiled inputs per operation: all of them when undefined; slow operations get at most `slowMutations`. */
  mutations?: number;
  slowMutations: number;
  /** Only these operations (all when undefined). */
  only?: readonly string[];
  /** Progress lines (the long form prints them). */
  log?: (line: string) => void;
}

export interface Finding {
  op: string;
  case: string;
  problem: string;
  input: string;
}

export interface FuzzReport {
  calls: number;
  ok: number;
  refused: number;
  byOp: Record<string, { calls: number; ok: number; refused: number; maxMs: number; totalMs: number }>;
  findings: Finding[];
  /** Operations whose valid input was refused, with the refusal (some by design: app.loadDemo into a school). */
  sampleRefusals: Record<string, string>;
  integrity: string;
  foreignKeys: unknown[];
  ms: number;
  digestMs: number;
}

/** An id that no record has (a well-formed UUIDv7). */
export const UNKNOWN_ID = '0190f0f0-0000-7000-8000-00000000dead';


// ---------------------------------------------------------------------------------------------
// The school

async function buildFixture(core: Core): Promise<Fixture> {
  const call = core.call;
  const adminId = core.ctx.session.user!.id;
  const fuzzer = await call('users.save', { login: 'fuzzer', displayName: 'Фаззер Фёдор Фёдорович', role: 'sysadmin', deputyGrades: [] });
  const target = await call('users.save', { login: 'target', displayName: 'Целевая Анна Ивановна', role: 'secretary', deputyGrades: [] });
  const authSession = new Session(true);
  const authCtx: Ctx = { ...core.ctx, session: authSession };
  const asFuzzer = async (name: OpName, input: unknown) => {
    const r = await dispatch(authCtx, name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  };
  await asFuzzer('auth.login', { login: 'fuzzer', password: fuzzer.password });
  await asFuzzer('auth.changePassword', { oldPassword: fuzzer.password, newPassword: FUZZ_PASSWORD[0] });

  const years = await call('years.list');
  const y = years.find((x) => x.isCurrent) ?? years[0]!;
  const year: OpInput<'years.save'> = {
    id: y.id, name: y.name, startDate: y.startDate, endDate: y.endDate, gradeEditWindow: y.gradeEditWindow, isCurrent: y.isCurrent,
    periods: y.periods.map(({ id: _, ...p }) => p),
    holidays: y.holidays.map(({ id: _, ...h }) => h),
  };
  const schedule = (await call('bells.list', { yearId: y.id }))[0]!;
  const bells: OpInput<'bells.save'> = { id: schedule.id, yearId: y.id, shift: schedule.shift, name: schedule.name, bells: schedule.bells.map(({ id: _, ...b }) => b) };

  const classes = await call('classes.list');
  const c5 = classes.find((c) => c.grade === 5 && c.studentCount > 0)!;
  let sub = await call('subgroups.forClass', { classId: c5.id });
  if (!sub.subjects.some((s) => s.division && s.division.subgroups.length >= 2)) {
    const english = sub.subjects.find((s) => s.subjectName.startsWith('Иностранный') && s.hoursPerWeek > 0) ?? sub.subjects.find((s) => s.hoursPerWeek > 0)!;
    await call('subgroups.split', { classId: c5.id, subjectId: english.subjectId, parts: 2, by: 'alphabet' });
    sub = await call('subgroups.forClass', { classId: c5.id });
  }
  const divided = sub.subjects.find((s) => s.division && s.division.subgroups.length >= 2)!;
  const [planned, spareDivision] = sub.subjects.filter((s) => !s.division && s.hoursPerWeek > 0);
  await call('subgroups.split', { classId: c5.id, subjectId: spareDivision!.subjectId, parts: 2, by: 'balanced' });
  const subgroups = divided.division!.subgroups;
  const firstMember = subgroups[0]!.members[0]!;

  const subjects = await call('subjects.list');
  const other = await call('subjects.save', { name: 'Черчение', shortName: 'Черч.', noAttestation: false, grading: 'five_point', sortOrder: 260 });
  const spareSubject = await call('subjects.save', { name: 'Астрономия', shortName: 'Астр.', noAttestation: false, grading: 'five_point', sortOrder: 270 });
  const rooms = await call('rooms.list');
  const spareRoom = await call('rooms.save', { number: '999', name: 'Склад', capacity: null });
  const emptyClass = await call('classes.save', { grade: 11, letter: 'Я', shift: 1, classTeacherId: null, roomId: null });

  const studentDetails = await call('students.get', { id: firstMember.id });
  const student: OpInput<'students.save'> = {
    id: studentDetails.id, lastName: studentDetails.lastName, firstName: studentDetails.firstName, middleName: studentDetails.middleName,
    birthDate: studentDetails.birthDate, gender: studentDetails.gender, snils: studentDetails.snils, classId: studentDetails.classId,
    address: studentDetails.address, personalFileNo: studentDetails.personalFileNo,
    guardians: studentDetails.guardians.map((g) => ({ ...g })),
  };
  const spareStudent = await call('students.save', {
    lastName: 'Удаляемов', firstName: 'Пётр', middleName: null, birthDate: '2014-05-05', gender: 'm', snils: null, classId: c5.id, address: null, personalFileNo: null, guardians: [],
  });

  const staff = await call('staff.list', {});
  const teacher = staff.find((s) => s.roles.includes('teacher') && s.subjects.length > 0)!;
  const staffInput: OpInput<'staff.save'> = {
    id: teacher.id, lastName: teacher.lastName, firstName: teacher.firstName, middleName: teacher.middleName, birthDate: teacher.birthDate,
    gender: teacher.gender, snils: teacher.snils, phone: teacher.phone, email: teacher.email, position: teacher.position, roles: teacher.roles,
    deputyGrades: teacher.deputyGrades, subjects: teacher.subjects, rateHours: teacher.rateHours,
  };
  const spareStaff = await call('staff.save', {
    lastName: 'Уходящий', firstName: 'Олег', middleName: null, birthDate: null, gender: 'm', snils: null, phone: null, email: null,
    position: 'Учитель', roles: ['teacher'], deputyGrades: [], subjects: ['Черчение'], rateHours: 18,
  });

  const groups = await call('studyGroups.list');
  const g = groups[0]!;
  const details = await call('studyGroups.get', { id: g.id });
  const spareGroup = await call('studyGroups.save', { name: 'Удаляемая группа', kind: 'other', subjectId: other.id, hoursPerWeek: 1 });
  const assignmentGroup = await call('studyGroups.save', { name: 'Группа для назначения', kind: 'other', subjectId: other.id, hoursPerWeek: 1 });
  const spareAssignment = await call('assignments.save', { teacherId: teacher.id, studyGroupId: assignmentGroup.id, hoursPerWeek: 1 });
  const a = (await call('assignments.list', { teacherId: teacher.id }))[0]!;
  const assignment: OpInput<'assignments.save'> = {
    id: a.id, teacherId: a.teacherId, subjectId: a.subjectId, classId: a.target === 'group' ? null : a.classId, subgroupId: a.subgroupId, studyGroupId: a.studyGroupId, hoursPerWeek: a.hoursPerWeek,
  };
  const rule = await call('groups.rule.get');
  const settings = await call('settings.get');
  const correction = await call('corrections.save', { reportedAt: new Date(Date.now() - 7200_000).toISOString(), reporter: 'Петров Иван Сергеевич', reporterContact: null, description: 'Неверное отчество ученика' });

  // The timetable's and substitutions' records before the backup: restoring it (backup.restore
  // comes before their samples) keeps them.
  const timetable = await call('timetable.saveVersion', { yearId: y.id, name: 'Основное', validFrom: y.startDate, days: 5, fortnight: false });
  await call('timetable.makeCards', { timetableId: timetable.id });
  const card = (await call('timetable.board', { timetableId: timetable.id })).cards.find((c) => c.classId === c5.id && !c.subgroupId)!;
  const spareTimetable = await call('timetable.saveVersion', { yearId: y.id, name: 'Удаляемое', validFrom: y.endDate, days: 5, fortnight: false });
  const spareUnavailable = await call('timetable.unavailable.save', { timetableId: timetable.id, staffId: teacher.id, weekday: 1, shift: 1, lessonNo: 1, reason: 'unavailable' });
  const subst = substitutionRecords(core, y.id, c5.id, [teacher.id, spareStaff.id]);
  const cred = await credentialRecords(core, [firstMember.id, spareStudent.id]);
  const orders = await orderRecords(core, y.id, c5.id);
  const backupDir = join(core.dir, 'Резервные копии');
  mkdirSync(backupDir, { recursive: true });
  const backup = await call('backup.create', { dir: backupDir });
  const csvPath = join(core.dir, 'ученики.csv');
  writeFileSync(csvPath, `Фамилия;Имя;Отчество;Дата рождения;Класс\nФаззеров;Иван;Петрович;01.09.2014;${c5.name}\n`, 'utf8');
  const csv = () => grantInputFile(core.ctx.session, csvPath).id;
  // A FET file of one day and one hour with nothing to place: imported as an empty version.
  const fetPath = join(core.dir, 'задача.fet');
  writeFileSync(fetPath, '<?xml version="1.0" encoding="UTF-8"?>\n<fet version="6.8.5"><Days_List><Number_of_Days>1</Number_of_Days><Day><Name>Пн</Name></Day></Days_List><Hours_List><Number_of_Hours>1</Number_of_Hours><Hour><Name>1</Name></Hour></Hours_List><Activities_List></Activities_List><Time_Constraints_List></Time_Constraints_List></fet>\n', 'utf8');
  const fet = () => grantInputFile(core.ctx.session, fetPath).id;


  const ids = [
    timetable.id, card.id,
    adminId, target.user.id, y.id, schedule.id, c5.id, emptyClass.id, divided.subjectId, planned!.subjectId, other.id, spareSubject.id,
    ...subgroups.map((s) => s.id), firstMember.id, spareStudent.id, teacher.id, spareStaff.id, rooms[0]!.id, spareRoom.id, g.id, spareGroup.id,
    a.id, spareAssignment.id, correction.id, ...subjects.slice(0, 3).map((s) => s.id), ...classes.slice(0, 3).map((c) => c.id),
    subst.cardId, subst.absenceId, subst.changeId,
  ];
  return {
    core, adminId, fuzzerId: fuzzer.user.id, targetUserId: target.user.id, password: FUZZ_PASSWORD[0], authSession,
    yearId: y.id, year, bells, classId: c5.id, className: c5.name, emptyClassId: emptyClass.id,
    subjectId: planned!.subjectId, spareDivisionSubjectId: spareDivision!.subjectId, otherSubjectId: other.id, spareSubjectId: spareSubject.id, divisionSubjectId: divided.subjectId,
    subgroupId: subgroups[0]!.id, secondSubgroupId: subgroups[1]!.id, studentId: firstMember.id, spareStudentId: spareStudent.id, student,
    teacherId: teacher.id, spareStaffId: spareStaff.id, staff: staffInput, roomId: rooms[0]!.id, spareRoomId: spareRoom.id,
    groupId: g.id, spareGroupId: spareGroup.id,
    group: { id: g.id, name: g.name, kind: g.kind, subjectId: g.subjectId, hoursPerWeek: g.hoursPerWeek, teacherId: g.teacherId ?? undefined },
    groupMembers: details.members.map((m) => m.id), assignment, spareAssignmentId: spareAssignment.id,
    rule: { items: rule.items.map(({ subjectName: _, ...i }) => i), maxTeacherHours: rule.maxTeacherHours, teachingNormHours: rule.teachingNormHours },
    settings: { ...settings, backupDir },
    correctionId: correction.id, backupDir, backupFile: backup.file, csv, fet, ids,
    subst, cred,
    orders,
    timetableId: timetable.id, spareTimetableId: spareTimetable.id, cardId: card.id, spareUnavailableId: spareUnavailable.id,
  };
}

/**
 * Substitutions' records (issue 11), written directly (the timetable's editor is another part): a
 * version from 30.11.2026 with two cards of the class on Wednesdays (2nd and 3rd lessons), the first
 * card's teacher absent 01.12–04.12.2026, the second card's lesson on 02.12 cancelled, another
 * teacher's absence in January to remove, and a teacher with no lessons to substitute.
 */
function substitutionRecords(core: Core, yearId: string, classId: string, except: string[]): Fixture['subst'] {
  const db = core.db;
  const staff = (db.raw.prepare(`SELECT id FROM staff WHERE deleted_at IS NULL AND roles LIKE '%"teacher"%' ORDER BY last_name, first_name`).all() as { id: string }[])
    .map((r) => r.id)
    .filter((id) => !except.includes(id));
  const [t1, t2, sub, spare] = staff as [string, string, string, string];
  const subjectId = (db.raw.prepare(`SELECT id FROM subject WHERE deleted_at IS NULL ORDER BY sort_order LIMIT 1`).get() as { id: string }).id;
  const out = db.tx(() => {
    const w = new Writer(db, 'fuzz');
    const tt = w.insert('timetable', { year_id: yearId, name: 'Фаззер', valid_from: '2026-11-30', days: 5, fortnight: 0, rules: '{}' });
    const card = (teacher: string, lessonNo: number) =>
      w.insert('timetable_card', {
        timetable_id: tt.id, assignment_id: null, teacher_id: teacher, subject_id: subjectId, class_id: classId, subgroup_id: null, study_group_id: null,
        shift: 1, duration: 1, weeks: 'every', weekday: 3, lesson_no: lessonNo, room_id: null, pinned: 0, fet_id: null,
      }).id;
    const cardId = card(t1, 2);
    const card2 = card(t2, 3);
    const absenceId = w.insert('teacher_absence', { staff_id: t1, date_from: '2026-12-01', date_to: '2026-12-04', reason: 'illness', note: null }).id;
    const spareAbsenceId = w.insert('teacher_absence', { staff_id: spare, date_from: '2027-01-20', date_to: '2027-01-21', reason: 'course', note: null }).id;
    const changeId = w.insert('lesson_change', {
      date: '2026-12-02', card_id: card2, kind: 'cancel', absence_id: null, substitute_id: null, same_subject: null, to_date: null, to_lesson_no: null, room_id: null, note: null,
    }).id;
    return { cardId, absenceId, spareAbsenceId, changeId, substituteId: sub };
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// What changed

/** Digest per table (every row, in rowid order); app_user's lockout columns apart, as 'app_user#lockout'. */
export function digest(raw: BetterSqlite3.Database): Map<string, string> {
  const tables = (raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  const out = new Map<string, string>();
  for (const t of tables) {
    const h = createHash('sha256');
    const lockout = createHash('sha256');
    for (const row of raw.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).iterate() as Iterable<Record<string, unknown>>) {
      if (t === 'app_user') {
        const { failed_attempts, locked_until, ...rest } = row;
        h.update(JSON.stringify(rest));
        lockout.update(JSON.stringify([row.id, failed_attempts, locked_until]));
      } else h.update(JSON.stringify(row));
      h.update('\n');
    }
    out.set(t, h.digest('hex'));
    if (t === 'app_user') out.set('app_user#lockout', lockout.digest('hex'));
  }
  return out;
}

/**
 * What a call changed in the database, cheaply. Before each call a second, read-only connection
 * opens a read transaction: in WAL mode it keeps seeing the database as it was (a snapshot). When
 * the call was refused and anything may have been written — this connection's total_changes()
 * (rows written by completed statements, rolled back or not) or data_version (a commit by another
 * connection: the restore copies into the live file through its own) moved — the digest of every
 * table in the snapshot is compared with the digest now. A call that wrote nothing costs no digest.
 */
class ChangeCheck {
  private readonly reader: BetterSqlite3.Database;
  private marker = '';
  /** Time spent digesting (the harness's own cost, reported by the long form). */
  ms = 0;
  constructor(private readonly core: Core) {
    this.reader = new BetterSqlite3(core.path, { readonly: true, fileMustExist: true });
  }
  private now(): string {
    const raw = this.core.db.raw;
    const changes = (raw.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    return `${changes}:${String(raw.pragma('data_version', { simple: true }))}`;
  }
  begin(): void {
    this.marker = this.now();
    this.reader.exec('BEGIN');
    this.reader.prepare('SELECT count(*) FROM sqlite_master').get(); // the snapshot starts here
  }
  /** The tables whose content differs from the snapshot ([] when nothing can have changed); ends the snapshot. */
  changed(refused: boolean): string[] {
    try {
      if (!refused || this.now() === this.marker) return [];
      const t = performance.now();
      const before = digest(this.reader);
      const after = digest(this.core.db.raw);
      this.ms += performance.now() - t;
      return [...new Set([...before.keys(), ...after.keys()])].filter((k) => before.get(k) !== after.get(k));
    } finally {
      this.reader.exec('COMMIT');
    }
  }
  close(): void {
    this.reader.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Spoiled inputs

type Path = (string | number)[];
interface Case {
  label: string;
  input: unknown;
}

const LONG = 'Я'.repeat(100_000);
const LIKE_BOMB = '%_'.repeat(30_000); // «LIKE or GLOB pattern too complex» over 50 KB
const JSON_1E400 = JSON.parse('1e400') as number; // what the web host's JSON.parse gives: Infinity

function deepNesting(depth: number): unknown {
  let v: unknown = 'дно';
  for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v];
  return v;
}
const DEEP = deepNesting(5000);

function clone<T>(v: T): T {
  return structuredClone(v);
}

function setAt(root: unknown, path: Path, value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const copy = clone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}

const isIdKey = (k: string | number | undefined) => typeof k === 'string' && /(^id$|Id$|Ids$)/.test(k);

/** Every spoiled variant of `sample`: one bad value at one place. */
export function mutations(sample: unknown): Case[] {
  const out: Case[] = [];
  const add = (label: string, path: Path, value: unknown, remove = false) => out.push({ label: `${path.join('.') || '(вход)'}: ${label}`, input: setAt(sample, path, value, remove) });
  const top: [string, unknown][] = [
    ['null', null], ['массив', []], ['строка', 'x'], ['число', 42], ['пустой объект', {}], ['вложенность', DEEP],
    ['10 000 лишних полей', Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`f${i}`, i]))],
  ];
  for (const [label, v] of top) out.push({ label: `(вход): ${label}`, input: v });
  const visit = (v: unknown, path: Path) => {
    const key = path[path.length - 1];
    if (path.length) {
      add('null', path, null);
      add('нет поля', path, undefined, true);
      add('вложенность', path, DEEP);
      add('огромный список', path, Array.from({ length: 20_000 }, () => (typeof v === 'object' && v !== null ? clone(v) : v)));
    }
    if (typeof v === 'string') {
      for (const [label, x] of [['число', 12345], ['да/нет', true], ['объект', {}], ['пусто', ''], ['пробелы', '   '], ['100 000 символов', LONG], ['шаблон LIKE 60 КБ', LIKE_BOMB], ['нулевой символ', 'а\u0000б'], ['половина суррогатной пары', '\ud800'], ['даты нет', '2026-02-30']] as [string, unknown][])
        add(label, path, x);
      if (isIdKey(key) || isIdKey(path[path.length - 2])) add('неизвестный id', path, UNKNOWN_ID);
    } else if (typeof v === 'number') {
      for (const [label, x] of [['строка', '7'], ['да/нет', true], ['Infinity', Infinity], ['-Infinity', -Infinity], ['NaN', NaN], ['1e400', JSON_1E400], ['1e308', 1e308], ['-1', -1], ['2^53+2', 2 ** 53 + 2], ['0,5', 0.5], ['-0', -0], ['1e-300', 1e-300]] as [string, unknown][])
        add(label, path, x);
    } else if (typeof v === 'boolean') {
      for (const [label, x] of [['строка', 'да'], ['число', 1]] as [string, unknown][]) add(label, path, x);
    } else if (v === null) {
      for (const [label, x] of [['неизвестный id', UNKNOWN_ID], ['число', 5], ['объект', {}]] as [string, unknown][]) add(label, path, x);
    } else if (Array.isArray(v)) {
      add('пустой список', path, []);
      add('объект вместо списка', path, { 0: v[0] });
      if (v.length) {
        add('повтор элемента', path, [...clone(v), clone(v[0])]);
        visit(v[0], [...path, 0]);
      } else {
        add('список из id', path, [UNKNOWN_ID]);
      }
    } else if (typeof v === 'object') {
      add('лишнее поле', path, { ...(v as object), лишнее: 'x' });
      add('__proto__', path, JSON.parse(`{"__proto__": {"role": "sysadmin"}, ${JSON.stringify(v).slice(1, -1) || '"x": 1'}}`));
      for (const [k, x] of Object.entries(v as object)) visit(x, [...path, k]);
    }
  };
  visit(sample, []);
  return out;
}

/** Random inputs shaped like the sample (or not at all): values of any kind, ids of real records, strange strings and numbers. */
function arbitraryLike(sample: unknown, ids: string[]): fc.Arbitrary<unknown> {
  const anything = fc.anything({ maxDepth: 2, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true });
  const strangeString = fc.oneof(
    fc.string({ maxLength: 50 }),
    fc.string({ unit: 'grapheme', maxLength: 300 }),
    fc.constantFrom('', ' ', '%', '_', '\\', "'; DROP TABLE student; --", '5А', 'ИТ', 'яЯ', '2026-09-01', '01.09.2026', '08:30', 'null', LONG.slice(0, 5000)),
    fc.constantFrom(...ids),
  );
  const strangeNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 1, 11, 12, 40, 40.5, 1e400, -1e400, NaN, 2 ** 31, 2 ** 53, -0), fc.integer({ min: -2, max: 60 }));
  const like = (v: unknown, depth: number): fc.Arbitrary<unknown> => {
    if (depth > 4) return anything;
    if (typeof v === 'string') return fc.oneof({ weight: 2, arbitrary: fc.constant(v) }, { weight: 3, arbitrary: strangeString }, { weight: 1, arbitrary: anything });
    if (typeof v === 'number') return fc.oneof({ weight: 2, arbitrary: fc.constant(v) }, { weight: 3, arbitrary: strangeNumber }, { weight: 1, arbitrary: anything });
    if (typeof v === 'boolean') return fc.oneof(fc.boolean(), anything);
    if (v === null || v === undefined) return fc.oneof(fc.constant(null), fc.constant(undefined), strangeString, anything);
    if (Array.isArray(v)) return fc.oneof({ weight: 3, arbitrary: fc.array(like(v[0] ?? 'x', depth + 1), { maxLength: 6 }) }, { weight: 1, arbitrary: anything });
    const entries = Object.entries(v as object);
    const rec = fc.record(Object.fromEntries(entries.map(([k, x]) => [k, like(x, depth + 1)])), { requiredKeys: [] });
    return fc.oneof({ weight: 5, arbitrary: rec }, { weight: 1, arbitrary: anything });
  };
  return like(sample, 0);
}

/** A short, readable form of an input for the report (never the whole 100 000 characters). */
export function show(v: unknown): string {
  const seen = new WeakSet<object>();
  let s: string;
  try {
    s = JSON.stringify(v, (_k, x: unknown) => {
      if (typeof x === 'bigint') return `${x}n`;
      if (typeof x === 'number' && !Number.isFinite(x)) return String(x);
      if (typeof x === 'string' && x.length > 60) return `${x.slice(0, 40)}…(${x.length})`;
      if (Array.isArray(x) && x.length > 5) return [...x.slice(0, 3), `…(${x.length})`];
      if (typeof x === 'object' && x !== null) {
        if (seen.has(x)) return '[цикл]';
        seen.add(x);
      }
      return x;
    }) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 400 ? `${s.slice(0, 400)}…` : s;
}

/** A seeded choice of `n` of the items (all when n ≥ length), keeping their order. */
function pick<T>(items: T[], n: number | undefined, seed: number): T[] {
  if (n === undefined || n >= items.length) return items;
  const chosen = fc.sample(fc.shuffledSubarray(items.map((_, i) => i), { minLength: n, maxLength: n }), { seed, numRuns: 1 })[0]!;
  return chosen.sort((a, b) => a - b).map((i) => items[i]!);
}

// ---------------------------------------------------------------------------------------------
// The run

export async function fuzzContract(opts: FuzzOptions): Promise<FuzzReport> {
  const t0 = performance.now();
  const core = await demoCore(100);
  try {
    const f = await buildFixture(core);
    const changes = new ChangeCheck(core);
    const report: FuzzReport = { calls: 0, ok: 0, refused: 0, byOp: {}, findings: [], sampleRefusals: {}, integrity: '', foreignKeys: [], ms: 0, digestMs: 0 };
    const authCtx: Ctx = { ...core.ctx, session: f.authSession };
    const userRow = (id: string) => core.db.raw.prepare('SELECT * FROM app_user WHERE id = ?').get(id) as AppUserTable;

    /** The admin's session and the fuzzer's account as they were (a lock, a logout or a lockout left by the previous call undone). */
    const heal = () => {
      const s = core.ctx.session;
      if (s.user?.id !== f.adminId || s.locked) s.signIn(sessionUser(userRow(f.adminId)), new Date());
      core.db.raw.prepare('UPDATE app_user SET failed_attempts = 0, locked_until = NULL, disabled = 0 WHERE id = ? AND (failed_attempts <> 0 OR locked_until IS NOT NULL OR disabled <> 0)').run(f.fuzzerId);
      f.authSession.signIn(sessionUser(userRow(f.fuzzerId)), new Date());
    };

    async function check(op: OpName, label: string, input: unknown): Promise<void> {
      const plan = PLANS[op] as Plan<OpName>;
      heal();
      const ctx = plan.auth ? authCtx : core.ctx;
      changes.begin();
      const started = performance.now();
      let r: CallResult;
      try {
        r = await dispatch(ctx, op, input);
      } catch (e) {
        changes.changed(false);
        report.findings.push({ op, case: label, problem: `dispatch threw ${(e as Error)?.name}: ${(e as Error)?.message?.slice(0, 200)}`, input: show(input) });
        return;
      }
      const ms = performance.now() - started;
      const changed = changes.changed(!r.ok);
      if (core.db.raw.inTransaction) report.findings.push({ op, case: label, problem: 'left a transaction open', input: show(input) });
      const stat = (report.byOp[op] ??= { calls: 0, ok: 0, refused: 0, maxMs: 0, totalMs: 0 });
      stat.totalMs += ms;
      stat.calls++;
      stat.maxMs = Math.max(stat.maxMs, ms);
      report.calls++;
      if (r.ok) {
        report.ok++;
        stat.ok++;
        if (op === 'auth.changePassword') f.password = (input as { newPassword: string }).newPassword;
        if (op === 'backup.restore') f.password = FUZZ_PASSWORD[0]; // the fixture's backup is the only one restored
        return;
      }
      report.refused++;
      stat.refused++;
      if (label === 'верный ввод') report.sampleRefusals[op] = r.error.message;
      if (r.error.code === 'internal') report.findings.push({ op, case: label, problem: `internal: ${r.error.message}`, input: show(input) });
      // The database's own refusal (a constraint) reaching the user: the core did not check the input itself.
      else if (r.error.code === 'conflict' && /целостность базы|уже существует/.test(r.error.message))
        report.findings.push({ op, case: label, problem: `a constraint of the database refused it, not the core: ${r.error.message}`, input: show(input) });
      else if (!/[А-Яа-яЁё]/.test(r.error.message)) report.findings.push({ op, case: label, problem: `not Russian: ${r.error.message}`, input: show(input) });
      // By design a wrong password at the login or the lock screen is counted on the account and
      // audited (R25; the lockout): those two columns and the audit log are exempt for such refusals.
      const wrongPassword = (op === 'auth.login' || op === 'auth.unlock') && (r.error.code === 'unauthenticated' || r.error.code === 'forbidden');
      const really = changed.filter((t) => !(wrongPassword && (t === 'audit_log' || t === 'app_user#lockout')));
      if (really.length) report.findings.push({ op, case: label, problem: `refused («${r.error.message}») but changed ${really.join(', ')}`, input: show(input) });
    }

    const ops = opNames.filter((op) => !opts.only || opts.only.includes(op));
    // First every valid input, on the school as the fixture made it (in the contract's order: a
    // removal's sample removes a record of its own); then the spoiled and the random ones.
    for (const op of ops) await check(op, 'верный ввод', (PLANS[op] as Plan<OpName>).sample(f));
    for (const op of ops) {
      const index = opNames.indexOf(op);
      const plan = PLANS[op] as Plan<OpName>;
      const sample = plan.sample(f);
      opts.log?.(`${op}…`);
      const cases = pick(mutations(sample), plan.slow ? Math.min(opts.slowMutations, opts.mutations ?? Infinity) : opts.mutations, opts.seed + index);
      for (const c of cases) await check(op, c.label, c.input);
      const runs = plan.slow ? Math.max(1, Math.floor(opts.randomRuns / 5)) : opts.randomRuns;
      const inputs = fc.sample(arbitraryLike(plan.sample(f), f.ids), { seed: opts.seed * 1000 + index, numRuns: runs });
      for (const [k, input] of inputs.entries()) await check(op, `случайный ввод ${k + 1}`, input);
    }
    // Names that are not operations at all.
    for (const name of ['', 'nope', '__proto__', 'constructor', 'students.save ', 'x'.repeat(10_000)]) {
      const r = await dispatch(core.ctx, name, {});
      if (r.ok || r.error.code === 'internal') report.findings.push({ op: name.slice(0, 40), case: 'неизвестная операция', problem: r.ok ? 'accepted' : r.error.message, input: '{}' });
    }
    heal();
    report.integrity = String(core.db.raw.pragma('integrity_check', { simple: true }));
    report.foreignKeys = core.db.raw.pragma('foreign_key_check') as unknown[];
    report.ms = Math.round(performance.now() - t0);
    report.digestMs = Math.round(changes.ms);
    changes.close();
    return report;
  } finally {
    core.cleanup();
  }
}
