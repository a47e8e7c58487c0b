// The monitoring of the journal (issue 13 point 3; docs/indicators.md «Monitoring of the journal»)
// against a small school computed by hand: 7Б's algebra over 09.11–20.11.2026 (two school weeks)
// has every indicator's case — a lesson without a topic, homework recorded late, a cancelled lesson,
// a lesson on the span's last day and one after it, substitutions (one equivalent), a mark entered
// exactly at the deadline and one a minute after the day, a mark without a lesson, a student who
// left, an exempt one, systemic failure and absence; its English is divided into two subgroups whose
// marks differ; 7А has algebra in the plan and no lessons; 10А is outside the deputy's parallels.
// The setup goes through the API (and the Writer for the tarification, subgroups and timetable);
// the journal rows are written straight into SQLite, as sync leaves them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import { Session } from '../../electron/core/auth/session';
import type { Ctx } from '../../electron/core/context';
import type { AbsenceKind, MarkValue } from '../../electron/api/enums';
import { DEFAULT_REPORT_RULES } from '../../electron/api/indicators';
import type { OpInput, OpName, OpOutput } from '../../electron/api/contract';
import type { MonitoringReport } from '../../electron/api/monitoring';
import { AppError } from '../../electron/api/errors';
import { uuidv7 } from '../../db/ids';
import { Writer } from '../../db';
import { tempCore } from '../support/core';

let t: Awaited<ReturnType<typeof tempCore>>;
let deputy: Ctx;
const id: Record<string, string> = {};
const L: Record<string, string> = {};
const SPAN = { from: '2026-11-09', to: '2026-11-20' } as const;

const one = <R>(sql: string, ...p: unknown[]) => t.db.raw.prepare(sql).get(...p) as R;
/** A local moment (the host's time zone) as ISO: entries are judged by their local day. */
const local = (date: string, hh = 12, mm = 0, ss = 0) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, hh, mm, ss).toISOString();
};
const write = <T>(fn: (w: Writer) => T): T => t.db.tx(() => fn(new Writer(t.db, 'test')));

function lesson(name: string, o: { date: string; cls: string; subject: string; teacher: string; substitute?: string; subgroup?: string; topic?: string | null; homework?: string | null; status?: 'held' | 'cancelled'; updated?: string }) {
  const at = local(o.date, 9);
  L[name] = uuidv7(Date.parse(at));
  t.db.raw
    .prepare(
      `INSERT INTO lesson (id, created_at, updated_at, date, lesson_no, class_id, subgroup_id, study_group_id, subject_id, teacher_id, substitute_id, topic, homework, status)
       VALUES (?, ?, ?, ?, 2, ?, ?, NULL, ?, ?, ?, ?, ?, ?)`,
    )
    .run(L[name], at, o.updated ?? at, o.date, id[o.cls], o.subgroup ? id[o.subgroup] : null, id[o.subject], id[o.teacher], o.substitute ? id[o.substitute] : null, o.topic === undefined ? `Тема ${name}` : o.topic, o.homework === undefined ? `§ ${name}` : o.homework, o.status ?? 'held');
}

function mark(student: string, lessonName: string | null, value: MarkValue, enteredAt?: string, o: { date?: string; subject?: string } = {}) {
  const l = lessonName ? one<{ date: string; subject_id: string }>(`SELECT date, subject_id FROM lesson WHERE id = ?`, L[lessonName]) : null;
  const date = l?.date ?? o.date!;
  const at = enteredAt ?? local(date);
  t.db.raw
    .prepare(
      `INSERT INTO mark (id, created_at, updated_at, student_id, lesson_id, date, subject_id, value, work_kind, weight, entered_by, entered_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'answer', 1, NULL, ?)`,
    )
    .run(uuidv7(), at, at, id[student], lessonName ? L[lessonName] : null, date, l?.subject_id ?? id[o.subject!], value, at);
}

function absence(student: string, lessonName: string, kind: AbsenceKind, enteredAt?: string) {
  const l = one<{ date: string }>(`SELECT date FROM lesson WHERE id = ?`, L[lessonName]);
  const at = enteredAt ?? local(l.date, 13);
  t.db.raw
    .prepare(`INSERT INTO attendance (id, created_at, updated_at, lesson_id, student_id, kind, entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)`)
    .run(uuidv7(), at, at, L[lessonName], id[student], kind, at);
}

async function asDeputy<N extends OpName>(name: N, input: OpInput<N>): Promise<OpOutput<N>> {
  const r = await dispatch(deputy, name, input);
  if (!r.ok) throw new AppError(r.error.code, r.error.message);
  return r.result as OpOutput<N>;
}

const rowOf = (r: MonitoringReport, name: string) => {
  const row = r.rows.find((x) => x.name === name);
  if (!row) throw new Error(`no row ${name} in ${r.rows.map((x) => x.name).join(', ')}`);
  return row;
};
const share = (count: number, of: number, percent: number | null) => ({ count, of, percent });

beforeAll(async () => {
  t = await tempCore(() => new Date('2027-01-10T09:00:00Z'));
  const { call } = t;
  await call('app.createSchool', { fullName: 'МБОУ «Школа № 5»', shortName: 'Школа № 5' });
  await call('years.save', await call('years.suggest', { startYear: 2026 }));
  await call('subjects.addStandard');
  for (const letter of ['А', 'Б']) await call('classes.createMany', { gradeFrom: 7, gradeTo: 7, letters: [letter], shift: 1 });
  await call('classes.createMany', { gradeFrom: 10, gradeTo: 10, letters: ['А'], shift: 1 });
  for (const c of await call('classes.list')) id[c.name] = c.id;
  for (const s of await call('subjects.list')) id[s.name] = s.id;
  await call('curriculum.set', {
    cells: [
      { classId: id['7А']!, subjectId: id['Алгебра']!, hours: 3 },
      { classId: id['7Б']!, subjectId: id['Алгебра']!, hours: 3 },
      { classId: id['7Б']!, subjectId: id['Иностранный язык (английский)']!, hours: 2 },
      { classId: id['10А']!, subjectId: id['Алгебра']!, hours: 3 },
    ],
  });
  id.year = one<{ id: string }>(`SELECT id FROM academic_year`).id;
  const holiday = one<{ n: number }>(`SELECT count(*) AS n FROM holiday WHERE start_date <= ? AND end_date >= ?`, SPAN.to, SPAN.from).n;
  expect(holiday).toBe(0); // the span is two plain school weeks

  const staff = async (last: string, subjects: string[] = []) =>
    (id[last] = (
      await call('staff.save', { lastName: last, firstName: 'Анна', middleName: 'Ивановна', birthDate: null, gender: 'f', snils: null, phone: null, email: null, position: 'Учитель', roles: ['teacher'], deputyGrades: [], subjects, rateHours: 18 })
    ).id);
  await staff('Алгебраева', ['Алгебра']);
  await staff('Заменова', ['Алгебра']); // an equivalent substitute: algebra in her qualifications
  await staff('Историкова', ['История']); // not
  await staff('Англова', ['Иностранный язык (английский)']);
  await staff('Инглишева', ['Иностранный язык (английский)']);

  const student = async (cls: string, lastName: string) =>
    (id[lastName] = (
      await call('students.save', { lastName, firstName: 'Тест', middleName: null, birthDate: '2013-03-01', gender: 'm', snils: null, classId: id[cls], classFrom: '2026-09-01', address: null, personalFileNo: null, guardians: [] })
    ).id);
  for (const n of ['Антонов', 'Борисов', 'Волков', 'Гусев', 'Дроздов', 'Егоров']) await student('7Б', n);
  await student('10А', 'Яковлев');
  // Дроздов left 7Б on 16.11 (the day of leaving is the first day off the list).
  t.db.raw.prepare(`UPDATE class_membership SET date_to = '2026-11-16' WHERE student_id = ?`).run(id['Дроздов']);

  write((w) => {
    const division = w.insert('class_division', { class_id: id['7Б']!, subject_id: id['Иностранный язык (английский)']!, method: 'manual' });
    id.sg1 = w.insert('subgroup', { division_id: division.id, number: 1, name: '1 подгруппа' }).id;
    id.sg2 = w.insert('subgroup', { division_id: division.id, number: 2, name: '2 подгруппа' }).id;
    for (const [s, sg] of [['Антонов', id.sg1], ['Борисов', id.sg1], ['Волков', id.sg2], ['Гусев', id.sg2]] as const)
      w.insert('subgroup_member', { division_id: division.id, subgroup_id: sg!, student_id: id[s]!, date_from: '2026-09-01', date_to: null });
    const assign = (teacher: string, subject: string, cls: string, subgroup: string | null, hours: number) =>
      w.insert('teaching_assignment', { teacher_id: id[teacher]!, subject_id: id[subject]!, class_id: id[cls]!, subgroup_id: subgroup, study_group_id: null, hours_per_week: hours });
    assign('Алгебраева', 'Алгебра', '7А', null, 3);
    const alg7b = assign('Алгебраева', 'Алгебра', '7Б', null, 3);
    assign('Алгебраева', 'Алгебра', '10А', null, 3);
    assign('Англова', 'Иностранный язык (английский)', '7Б', id.sg1!, 2);
    assign('Инглишева', 'Иностранный язык (английский)', '7Б', id.sg2!, 2);
    // The timetable: 7Б algebra on Monday, Wednesday and Friday.
    const tt = w.insert('timetable', { year_id: id.year!, name: 'Основное', valid_from: '2026-09-01', days: 5, fortnight: 0, rules: '{}' });
    for (const weekday of [1, 3, 5])
      w.insert('timetable_card', {
        timetable_id: tt.id, assignment_id: alg7b.id, teacher_id: id['Алгебраева']!, subject_id: id['Алгебра']!, class_id: id['7Б']!, subgroup_id: null, study_group_id: null,
        shift: 1, duration: 1, weeks: 'every', weekday, lesson_no: 2, room_id: null, pinned: 0, fet_id: null,
      });
  });
  if (!(await call('bells.list', { yearId: id.year! })).some((b) => b.shift === 1))
    await call('bells.save', { yearId: id.year!, shift: 1, name: '1 смена', bells: await call('bells.suggest', { shift: 1 }) });
  // The norm of 3 weekly hours set to 3 marks (a setting).
  await call('indicators.saveRules', { ...DEFAULT_REPORT_RULES, accumulation: { ...DEFAULT_REPORT_RULES.accumulation, '3': 3 } });

  const alg = { cls: '7Б', subject: 'Алгебра', teacher: 'Алгебраева' };
  lesson('L1', { ...alg, date: '2026-11-09', updated: local('2026-11-09', 15) });
  lesson('L2', { ...alg, date: '2026-11-11', topic: null, updated: local('2026-11-12', 8) }); // no topic; homework the next day
  lesson('L3', { ...alg, date: '2026-11-13', homework: null, substitute: 'Заменова' }); // no homework; an equivalent substitution
  lesson('L4', { ...alg, date: '2026-11-16', substitute: 'Историкова' }); // a substitution that is not
  lesson('L5', { ...alg, date: '2026-11-18', status: 'cancelled' });
  lesson('L6', { ...alg, date: '2026-11-20' }); // the span's last day
  lesson('L7', { ...alg, date: '2026-11-23' }); // after it
  lesson('E1', { cls: '7Б', subject: 'Иностранный язык (английский)', teacher: 'Англова', subgroup: 'sg1', date: '2026-11-10' });
  lesson('E2', { cls: '7Б', subject: 'Иностранный язык (английский)', teacher: 'Инглишева', subgroup: 'sg2', date: '2026-11-10' });
  lesson('X1', { cls: '10А', subject: 'Алгебра', teacher: 'Алгебраева', date: '2026-11-10' });

  // Антонов: «2», «2», «1» in a row — systemic failure; then «5» entered 4 days late.
  mark('Антонов', 'L1', '2');
  mark('Антонов', 'L2', '2');
  mark('Антонов', 'L3', '1');
  mark('Антонов', 'L6', '5', local('2026-11-24', 8));
  // Борисов: a «5» at the last moment of the 3rd day after the lesson (in time), a «4» at the first moment of the 4th (late), a «4» without a lesson.
  mark('Борисов', 'L1', '5', local('2026-11-12', 23, 59, 59));
  mark('Борисов', 'L2', '4', local('2026-11-15', 0, 0, 0));
  mark('Борисов', null, '4', local('2026-11-17'), { date: '2026-11-17', subject: 'Алгебра' });
  // Волков: one mark (another after the span does not count).
  mark('Волков', 'L3', '3');
  mark('Волков', 'L7', '5');
  // Дроздов left: his mark and absence count for the lessons, not as a student.
  mark('Дроздов', 'L1', '4');
  absence('Дроздов', 'L2', 'unexcused');
  // Егоров is exempt.
  mark('Егоров', 'L1', 'exempt');
  // Гусев: no marks; «Н» at 3 of the 5 held lessons (one entered 3 days late), «Б» at one.
  absence('Гусев', 'L1', 'unexcused');
  absence('Гусев', 'L2', 'unexcused');
  absence('Гусев', 'L3', 'sick');
  absence('Гусев', 'L4', 'unexcused', local('2026-11-19', 10));
  absence('Антонов', 'L4', 'late');
  // English: subgroup 1 averages 5, subgroup 2 averages 3.5 (a gap of 1.5 > 0.5).
  mark('Антонов', 'E1', '5');
  mark('Борисов', 'E1', '5');
  mark('Волков', 'E2', '4');
  mark('Гусев', 'E2', '3');
  mark('Яковлев', 'X1', '5');

  const card = await call('staff.save', {
    lastName: 'Соколова', firstName: 'Елена', middleName: 'Ивановна', birthDate: null, gender: 'f', snils: null, phone: null, email: null,
    position: 'Заместитель директора по УВР', roles: ['deputy'], deputyGrades: [5, 6, 7, 8, 9], subjects: [], rateHours: 0,
  });
  const { password } = await call('users.save', { staffId: card.id, login: 'zam', role: 'deputy', deputyGrades: [5, 6, 7, 8, 9] });
  deputy = { ...t.ctx, session: new Session(false) };
  expect((await dispatch(deputy, 'auth.login', { login: 'zam', password })).ok).toBe(true);
}, 180_000);
afterAll(() => t?.cleanup());

describe('monitoring of the journal: 7Б algebra, 09.11–20.11.2026, by hand', () => {
  it('by subject: plan, timetable, lessons held and kept, marks and attendance in time, the students, substitutions', async () => {
    const r = await t.call('monitoring.report', { ...SPAN, groupBy: 'subject', grade: 7 });
    expect(r.period).toEqual({ id: null, name: '09.11.2026 – 20.11.2026', from: SPAN.from, to: SPAN.to, planUntil: SPAN.to });
    expect(r.rows.map((x) => x.name).sort()).toEqual(['Алгебра', 'Иностранный язык (английский)']);
    const f = rowOf(r, 'Алгебра').figures;
    expect(f).toEqual({
      // 3 h × 10 school days ÷ 5, in 7А and 7Б; the timetable has 7Б's on Mon, Wed, Fri: 6.
      lessonsPlanned: 12,
      lessonsScheduled: 6,
      // L1, L2, L3, L4, L6 (L5 cancelled, L7 after the span).
      lessonsHeld: 5,
      lessonsCancelled: 1,
      withTopic: share(4, 5, 80), // L2 has none
      homeworkRecorded: share(4, 5, 80), // L3 has none
      homeworkInTime: share(3, 4, 75), // L2's recorded the next day (homeworkDays 0)
      // 10 marks (L7's not counted): Борисов's L2 «4» and Антонов's L6 «5» were entered on the 4th day.
      marksInTime: share(8, 10, 80),
      // 6 entries, Гусев's L4 «Н» on the 3rd day (attendanceDays 2).
      attendanceInTime: share(5, 6, 83.3),
      // On the list on 20.11: Антонов, Борисов, Волков, Гусев (Егоров exempt, Дроздов left); norm 3: Антонов 4, Борисов 3.
      accumulation: share(2, 4, 50),
      noMarks: share(1, 4, 25), // Гусев
      oneMark: share(1, 4, 25), // Волков
      // Listed: 6 + 6 + 6 + 5 + 5 = 28 (Дроздов off from 16.11); missed: Гусев L1, L2, L3, L4 and Дроздов L2 = 5. 100 − 500/28 = 82.1.
      attendance: 82.1,
      missed: 5,
      lateness: 1,
      systemicFailure: 1, // Антонов
      systemicAbsence: 1, // Гусев: 3 «Н» of 5 = 60 % ≥ 30 %
      subgroupGaps: 0,
      substitutions: 2,
      equivalentSubstitutions: share(1, 2, 50),
    });
    expect(rowOf(r, 'Алгебра').problems).toEqual([
      'lessonsHeld', 'lessonsWithTopic', 'homeworkRecorded', 'homeworkInTime', 'marksInTime', 'attendanceInTime', 'accumulation', 'noMarks', 'oneMark', 'systemicFailure', 'systemicAbsence', 'equivalentSubstitutions',
    ]);
    const eng = rowOf(r, 'Иностранный язык (английский)').figures;
    expect(eng).toMatchObject({ lessonsPlanned: 8, lessonsHeld: 2, subgroupGaps: 1, withTopic: share(2, 2, 100) });
    expect(rowOf(r, 'Иностранный язык (английский)').problems).toContain('subgroupSimilarity');
  });

  it('the lists behind the numbers', async () => {
    const d = await t.call('monitoring.details', { ...SPAN, groupBy: 'subject', grade: 7, key: id['Алгебра']! });
    const ids = (list: { id: string }[]) => list.map((x) => Object.entries(L).find(([, v]) => v === x.id)?.[0]);
    expect(ids(d.withoutTopic)).toEqual(['L2']);
    expect(ids(d.withoutHomework)).toEqual(['L3']);
    expect(ids(d.homeworkLate)).toEqual(['L2']);
    expect(d.homeworkLate[0]!.recordedOn).toBe('2026-11-12');
    expect(d.marksLate.map((m) => [m.student.split(' ')[0], m.lessonDate, m.value, m.days]).sort()).toEqual([
      ['Антонов', '2026-11-20', '5', 4],
      ['Борисов', '2026-11-11', '4', 4],
    ]);
    expect(d.attendanceLate.map((a) => [a.student.split(' ')[0], a.value, a.days, a.teacher.split(' ')[0]])).toEqual([['Гусев', 'Н', 3, 'Историкова']]);
    const who = (list: { name: string }[]) => list.map((x) => x.name.split(' ')[0]);
    expect(who(d.noMarks)).toEqual(['Гусев']);
    expect(who(d.oneMark)).toEqual(['Волков']);
    expect(d.belowAccumulation.map((x) => [x.name.split(' ')[0], x.note])).toEqual([
      ['Волков', '1 из 3 по норме'],
      ['Гусев', '0 из 3 по норме'],
    ]);
    expect(d.systemicFailure.map((x) => [x.name.split(' ')[0], x.note])).toEqual([['Антонов', '«2» подряд: 3 с 09.11.2026']]);
    expect(d.systemicAbsence.map((x) => [x.name.split(' ')[0], x.note])).toEqual([['Гусев', '«Н»: 3 из 5 уроков (60 %)']]);
    expect(d.substitutions.map((l) => [ids([l])[0], l.substitute?.split(' ')[0], l.equivalent])).toEqual([
      ['L3', 'Заменова', true],
      ['L4', 'Историкова', false],
    ]);
    // The breakdown: 7А's course (planned, nothing held) and 7Б's.
    expect(d.courses.map((c) => [c.target, c.figures.lessonsPlanned, c.figures.lessonsHeld, c.teacher.split(' ')[0]])).toEqual([
      ['7А', 6, 0, 'Алгебраева'],
      ['7Б', 6, 5, 'Алгебраева'],
    ]);
  });

  it('by teacher: a substituted lesson and what was entered at it count for the substitute; the plan and the students for the assigned teacher', async () => {
    const r = await t.call('monitoring.report', { ...SPAN, groupBy: 'teacher', grade: 7 });
    const own = rowOf(r, 'Алгебраева Анна Ивановна').figures;
    expect(own).toMatchObject({
      lessonsPlanned: 12,
      lessonsScheduled: 6,
      lessonsHeld: 3, // L1, L2, L6
      substitutions: 0,
      // At L1, L2, L6 and the mark without a lesson: Антонов 3, Борисов 3, Дроздов 1, Егоров 1 = 8; two late.
      marksInTime: share(6, 8, 75),
      accumulation: share(2, 4, 50),
      systemicFailure: 1,
    });
    expect(rowOf(r, 'Заменова Анна Ивановна').figures).toMatchObject({ lessonsPlanned: 0, lessonsHeld: 1, substitutions: 1, equivalentSubstitutions: share(1, 1, 100), marksInTime: share(2, 2, 100) });
    const other = rowOf(r, 'Историкова Анна Ивановна');
    expect(other.figures).toMatchObject({ lessonsHeld: 1, substitutions: 1, equivalentSubstitutions: share(0, 1, 0), attendanceInTime: share(1, 2, 50), lateness: 1 });
    expect(other.problems).toEqual(['attendanceInTime', 'equivalentSubstitutions']);
    // The subgroups' gap goes to both subgroups' teachers.
    expect(rowOf(r, 'Англова Анна Ивановна').figures.subgroupGaps).toBe(1);
    expect(rowOf(r, 'Инглишева Анна Ивановна').figures.subgroupGaps).toBe(1);
  });

  it('by class: 7Б counts its algebra and both English subgroups; the subgroups compared', async () => {
    const r = await t.call('monitoring.report', { ...SPAN, groupBy: 'class', grade: 7 });
    expect(r.rows.map((x) => x.name)).toEqual(['7А', '7Б']);
    expect(rowOf(r, '7А').figures).toMatchObject({ lessonsPlanned: 6, lessonsHeld: 0, accumulation: share(0, 0, null), attendance: null });
    expect(rowOf(r, '7Б').figures).toMatchObject({ lessonsPlanned: 6 + 4 + 4, lessonsHeld: 7, subgroupGaps: 1 });
    const d = await t.call('monitoring.details', { ...SPAN, groupBy: 'class', grade: 7, key: id['7Б']! });
    expect(d.subgroupGaps).toEqual([
      {
        className: '7Б',
        subject: 'Иностранный язык (английский)',
        gap: 1.5,
        subgroups: [
          { name: '7Б · 1 подгруппа', teacher: 'Англова Анна Ивановна', average: 5, marks: 2 },
          { name: '7Б · 2 подгруппа', teacher: 'Инглишева Анна Ивановна', average: 3.5, marks: 2 },
        ],
      },
    ]);
    expect(r.total.lessonsHeld).toBe(7);
  });

  it('the details of every row, computed over its courses alone, give the same row as the report', async () => {
    for (const groupBy of ['teacher', 'class', 'subject'] as const) {
      const r = await t.call('monitoring.report', { ...SPAN, groupBy });
      expect(r.rows.length).toBeGreaterThan(1);
      for (const row of r.rows) expect((await t.call('monitoring.details', { ...SPAN, groupBy, key: row.key })).row).toEqual(row);
    }
  });

  it('the thresholds are settings: a wider gap and a longer run flag nothing', async () => {
    await t.call('indicators.saveRules', { ...DEFAULT_REPORT_RULES, accumulation: { ...DEFAULT_REPORT_RULES.accumulation, '3': 3 }, subgroupGap: 1.5, failureRun: 4, absencePercent: 70, markDays: 4 });
    try {
      const r = await t.call('monitoring.report', { ...SPAN, groupBy: 'class', grade: 7 });
      const f = rowOf(r, '7Б').figures;
      expect(f.subgroupGaps).toBe(0); // 1.5 is not above 1.5
      expect(f.systemicFailure).toBe(0);
      expect(f.systemicAbsence).toBe(0); // 60 % < 70 %
      expect(f.marksInTime.count).toBe(f.marksInTime.of); // entered on the 4th day: in time now
    } finally {
      await t.call('indicators.saveRules', { ...DEFAULT_REPORT_RULES, accumulation: { ...DEFAULT_REPORT_RULES.accumulation, '3': 3 } });
    }
  });

  it('a deputy director sees the classes of their parallels only; the administrator sees 10А too', async () => {
    const admin = await t.call('monitoring.report', { ...SPAN, groupBy: 'teacher' });
    expect(rowOf(admin, 'Алгебраева Анна Ивановна').figures.lessonsHeld).toBe(4); // and 10А's X1
    const zam = await asDeputy('monitoring.report', { ...SPAN, groupBy: 'teacher' });
    expect(rowOf(zam, 'Алгебраева Анна Ивановна').figures.lessonsHeld).toBe(3);
    const classes = await asDeputy('monitoring.report', { ...SPAN, groupBy: 'class' });
    expect(classes.rows.map((x) => x.name)).toEqual(['7А', '7Б']);
    await expect(asDeputy('monitoring.details', { ...SPAN, groupBy: 'class', key: id['10А']! })).rejects.toThrow(/не найдена/i);
    expect((await asDeputy('monitoring.options', {})).grades).toEqual([7]);
  });

  it('a study period: its dates, its parallels; a period mark «осв.» leaves the student out', async () => {
    const q2 = one<{ id: string; start_date: string; end_date: string }>(`SELECT id, start_date, end_date FROM study_period WHERE name = '2 четверть'`);
    expect(q2.start_date <= SPAN.from && SPAN.to <= q2.end_date).toBe(true);
    const at = '2026-12-25T10:00:00.000Z';
    t.db.raw
      .prepare(`INSERT INTO period_mark (id, created_at, updated_at, student_id, subject_id, year_id, period_id, value, entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'exempt', NULL, ?)`)
      .run(uuidv7(), at, at, id['Гусев'], id['Алгебра'], id.year, q2.id, at);
    const r = await t.call('monitoring.report', { periodId: q2.id, groupBy: 'class' });
    expect(r.period).toMatchObject({ id: q2.id, name: '2 четверть', from: q2.start_date, to: q2.end_date, planUntil: q2.end_date });
    expect(r.rows.map((x) => x.name)).toEqual(['7А', '7Б']); // 10А has half-years
    const d = await t.call('monitoring.details', { periodId: q2.id, groupBy: 'class', key: id['7Б']! });
    const alg = d.courses.find((c) => c.target === '7Б' && c.subject === 'Алгебра')!;
    // The whole quarter: L7 now counts (6 held), Волков has 2 marks; Гусев exempt: 3 students, Волков below the norm of 3.
    expect(alg.figures).toMatchObject({ lessonsHeld: 6, accumulation: share(2, 3, 66.7), noMarks: share(0, 3, 0), oneMark: share(0, 3, 0) });
  });

  it('refuses a span that ends before it begins, and a missing period, in words', async () => {
    const r = await dispatch(t.ctx, 'monitoring.report', { from: '2026-11-20', to: '2026-11-09', groupBy: 'class' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/Дата «с» позже даты «по»/);
    const none = await dispatch(t.ctx, 'monitoring.report', { groupBy: 'class' });
    expect(!none.ok && none.error.message).toMatch(/Укажите период/);
  });

  it('files: XLSX and PDF with a row per class', async () => {
    const x = await t.call('monitoring.xlsx', { ...SPAN, groupBy: 'class', grade: 7 });
    expect(x.fileName).toBe('Мониторинг журнала 09.11.2026 – 20.11.2026 по классам.xlsx');
    expect(x.rows).toBe(2);
    const p = await t.call('monitoring.pdf', { ...SPAN, groupBy: 'teacher', grade: 7 });
    expect(p.fileName.endsWith('.pdf')).toBe(true);
    expect(p.size).toBeGreaterThan(1000);
  });
});
