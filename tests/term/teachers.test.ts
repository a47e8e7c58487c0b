// The term report by teacher and the class teacher's (and the preliminary) report (issue 13 point 1;
// R19; docs/indicators.md «By teacher», «The class teacher's report») against a small school computed
// by hand: 7А and 7Б, the workload set through the API (whole classes, a subgroup each of Русский
// язык in 7Б, a study group «Информатика 7» across the two), the period marks, current marks, lessons
// and attendance written straight into SQLite as sync brings them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarkValue } from '../../electron/api/enums';
import type { TermByTeacher, TermTeacher } from '../../electron/api/termFiles';
import { uuidv7 } from '../../db/ids';
import { dispatch } from '../../electron/core/dispatch';
import { Session } from '../../electron/core/auth/session';
import { tempCore } from '../support/core';

// Today is 15.12.2026, inside «2 четверть»: the preliminary report's day (the period's report does not depend on it).
const clock = new Date('2026-12-15T09:00:00Z');
let t: Awaited<ReturnType<typeof tempCore>>;
const id: Record<string, string> = {};
let yearId = '';
let q2 = { id: '', start: '', end: '' };
const ALG = 'Алгебра';
const RUS = 'Русский язык';
const PE = 'Физическая культура';
const INF = 'Информатика';
const at = '2026-12-25T10:00:00.000Z';
const sql = (s: string, ...p: unknown[]) => t.db.raw.prepare(s).run(...p);

function periodMark(student: string, subject: string, value: MarkValue) {
  sql(
    `INSERT INTO period_mark (id, created_at, updated_at, student_id, subject_id, year_id, period_id, value, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    uuidv7(), at, at, id[student], id[subject], yearId, q2.id, value, at,
  );
}
function lesson(date: string, subject: string, status: 'held' | 'cancelled' = 'held'): string {
  const lid = uuidv7();
  sql(
    `INSERT INTO lesson (id, created_at, updated_at, date, lesson_no, class_id, subject_id, teacher_id, status) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)`,
    lid, at, at, date, id['7А'], id[subject], id['Петрова'], status,
  );
  return lid;
}
function absence(lessonId: string, student: string, kind: 'sick' | 'excused' | 'unexcused' | 'late') {
  sql(`INSERT INTO attendance (id, created_at, updated_at, lesson_id, student_id, kind, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, uuidv7(), at, at, lessonId, id[student], kind, at);
}
function mark(student: string, subject: string, date: string, value: MarkValue, weight = 1) {
  sql(
    `INSERT INTO mark (id, created_at, updated_at, student_id, lesson_id, date, subject_id, value, work_kind, weight, entered_at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, 'answer', ?, ?)`,
    uuidv7(), at, at, id[student], date, id[subject], value, weight, `${date}T12:00:00.000Z`,
  );
}

beforeAll(async () => {
  t = await tempCore(() => clock);
  const { call } = t;
  await call('app.createSchool', { fullName: 'МБОУ «Школа № 5»', shortName: 'Школа № 5' });
  await call('years.save', await call('years.suggest', { startYear: 2026 }));
  await call('subjects.addStandard');
  await call('classes.createMany', { gradeFrom: 7, gradeTo: 7, letters: ['А', 'Б'], shift: 1 });
  for (const c of await call('classes.list')) id[c.name] = c.id;
  for (const s of await call('subjects.list')) id[s.name] = s.id;
  await call('curriculum.set', { cells: ['7А', '7Б'].flatMap((cls) => [ALG, RUS, PE].map((s) => ({ classId: id[cls]!, subjectId: id[s]!, hours: 2 }))) });
  sql(`UPDATE subject SET grading = 'pass_fail' WHERE id = ?`, id[PE]);
  yearId = (t.db.raw.prepare(`SELECT id FROM academic_year`).get() as { id: string }).id;
  const p = t.db.raw.prepare(`SELECT id, start_date, end_date FROM study_period WHERE name = '2 четверть'`).get() as { id: string; start_date: string; end_date: string };
  q2 = { id: p.id, start: p.start_date, end: p.end_date };
  expect(q2.start <= '2026-11-20' && q2.end >= '2026-12-24').toBe(true);

  const student = async (cls: string, lastName: string) =>
    (id[lastName] = (
      await call('students.save', { lastName, firstName: 'Тест', middleName: null, birthDate: '2013-03-01', gender: 'm', snils: null, classId: id[cls], classFrom: '2026-09-01', address: null, personalFileNo: null, guardians: [] })
    ).id);
  for (const n of ['Андреева', 'Белова', 'Волкова']) await student('7А', n);
  for (const n of ['Алексеев', 'Борисов', 'Васильев', 'Григорьев']) await student('7Б', n);
  sql(`UPDATE class_membership SET date_to = '2026-12-10' WHERE student_id = ?`, id['Григорьев']); // left before the end: not counted

  const teacher = async (lastName: string, subjects: string[]) =>
    (id[lastName] = (
      await call('staff.save', {
        lastName, firstName: 'Анна', middleName: 'Петровна', birthDate: null, gender: 'f', snils: null, phone: null, email: null,
        position: 'Учитель', roles: ['teacher'], deputyGrades: [], subjects, rateHours: 18,
      })
    ).id);
  await teacher('Петрова', [ALG, PE]);
  await teacher('Смирнова', [RUS]);
  await teacher('Ковалёва', [RUS, INF]);
  sql(`UPDATE school_class SET class_teacher_id = ? WHERE id = ?`, id['Смирнова'], id['7А']);
  // 7Б's Русский язык in two subgroups: Алексеев and Борисов in the first, Васильев in the second.
  sql(`INSERT INTO class_division (id, created_at, updated_at, class_id, subject_id, method) VALUES ('div', ?, ?, ?, ?, 'manual')`, at, at, id['7Б'], id[RUS]);
  for (const n of [1, 2]) sql(`INSERT INTO subgroup (id, created_at, updated_at, division_id, number, name) VALUES (?, ?, ?, 'div', ?, ?)`, `sg${n}`, at, at, n, `${n} подгруппа`);
  for (const [k, who, sg] of [[1, 'Алексеев', 'sg1'], [2, 'Борисов', 'sg1'], [3, 'Васильев', 'sg2']] as const)
    sql(`INSERT INTO subgroup_member (id, created_at, updated_at, division_id, subgroup_id, student_id, date_from) VALUES (?, ?, ?, 'div', ?, ?, '2026-09-01')`, `sgm${k}`, at, at, sg, id[who]);
  const assign = (teacherId: string, target: { classId?: string; subjectId?: string; subgroupId?: string; studyGroupId?: string }) =>
    call('assignments.save', { teacherId, hoursPerWeek: 2, ...target });
  await assign(id['Петрова']!, { classId: id['7А'], subjectId: id[ALG] });
  await assign(id['Петрова']!, { classId: id['7Б'], subjectId: id[ALG] });
  await assign(id['Петрова']!, { classId: id['7А'], subjectId: id[PE] });
  await assign(id['Смирнова']!, { classId: id['7А'], subjectId: id[RUS] });
  await assign(id['Смирнова']!, { classId: id['7Б'], subjectId: id[RUS], subgroupId: 'sg1' });
  await assign(id['Ковалёва']!, { classId: id['7Б'], subjectId: id[RUS], subgroupId: 'sg2' });
  const group = await call('studyGroups.save', { name: 'Информатика 7', kind: 'elective', subjectId: id[INF]!, hoursPerWeek: 1, teacherId: id['Ковалёва'] });
  await call('studyGroups.setMembers', { groupId: group.id, studentIds: [id['Андреева']!, id['Алексеев']!, id['Григорьев']!] });

  // «2 четверть»: the period marks.
  for (const [who, alg, rus, pe] of [
    ['Андреева', '5', '5', 'pass'],
    ['Белова', '2', '4', 'fail'],
    ['Волкова', '4', '4', 'exempt'],
    ['Алексеев', '5', '4', 'pass'],
    ['Борисов', '3', '5', 'pass'],
    ['Васильев', 'na', '3', 'pass'],
    ['Григорьев', '2', '2', 'fail'],
  ] as const) {
    periodMark(who, ALG, alg);
    periodMark(who, RUS, rus);
    periodMark(who, PE, pe);
  }
  periodMark('Андреева', INF, '5');
  periodMark('Алексеев', INF, '4');
  periodMark('Григорьев', INF, '3');

  // 7А's lessons and attendance: Андреева ill on 01.12 and 18.12; Белова У, Н and late; a cancelled lesson and one before the period do not count.
  const l1 = lesson('2026-12-01', ALG);
  const l2 = lesson('2026-12-18', ALG);
  const l3 = lesson('2026-12-02', RUS);
  const l4 = lesson('2026-12-03', RUS, 'cancelled');
  const l5 = lesson('2026-10-20', RUS);
  absence(l1, 'Андреева', 'sick');
  absence(l2, 'Андреева', 'sick');
  absence(l1, 'Белова', 'excused');
  absence(l3, 'Белова', 'unexcused');
  absence(l2, 'Белова', 'late');
  absence(l4, 'Волкова', 'unexcused');
  absence(l5, 'Волкова', 'sick');

  // Current marks of 7А in «2 четверть» (for the preliminary report on 15.12).
  mark('Андреева', ALG, '2026-11-20', '5');
  mark('Андреева', ALG, '2026-11-27', '4'); // 4,5 → 5
  mark('Андреева', RUS, '2026-11-20', 'na'); // no number, a «н/а»: «н/а»
  mark('Андреева', PE, '2026-11-20', 'fail');
  mark('Андреева', PE, '2026-12-01', 'pass'); // the latest: «зач»
  mark('Белова', ALG, '2026-11-20', '2');
  mark('Белова', ALG, '2026-11-27', '3', 2);
  mark('Белова', ALG, '2026-12-04', '4'); // (2 + 6 + 4)/4 = 3
  mark('Белова', RUS, '2026-11-20', 'exempt');
  mark('Белова', RUS, '2026-11-27', 'exempt'); // every mark «осв.»: «осв.»
  mark('Белова', PE, '2026-11-20', 'pass');
  mark('Белова', PE, '2026-12-01', 'fail'); // the latest: «незач»
  mark('Волкова', ALG, '2026-11-20', '4', 2);
  mark('Волкова', ALG, '2026-11-27', '3'); // (8 + 3)/3 = 3,67 → 4
  mark('Волкова', ALG, '2026-12-20', '5'); // after 15.12: not yet
  mark('Волкова', ALG, '2026-10-20', '2'); // «1 четверть»: not this period
}, 180_000);
afterAll(() => t?.cleanup());

const brief = (x: TermTeacher) => ({
  teacher: x.teacher.split(' ')[0],
  lines: x.lines.map((l) => [l.name, l.figures.subject, l.figures.n, l.figures.progress, l.figures.quality, l.figures.sou, l.figures.average]),
  total: [x.n, x.marks, x.progress, x.quality, x.sou, x.average],
});

describe('term report by teacher', () => {
  it('counts each teacher over the classes, subgroups and study groups of their workload', async () => {
    const r = await t.call('term.byTeacher', { periodId: q2.id, scope: 'parallel', grade: 7 });
    expect(r.period.name).toBe('2 четверть');
    expect(r.teachers.map(brief)).toEqual([
      {
        // 7Б 2 подгруппа: Васильев «3». The group: Андреева «5», Алексеев «4» (Григорьев left 7Б before the end: not counted).
        teacher: 'Ковалёва',
        lines: [
          ['7Б, Русский язык: 2 подгруппа', RUS, 1, 100, 0, 36, 3],
          ['Группа «Информатика 7»', INF, 2, 100, 100, 82, 4.5],
        ],
        // «5» 1, «4» 1, «3» 1: 100; 66,7; (100 + 64 + 36)/3 = 66,67 → 66,7; 12/3 = 4.
        total: [3, { '5': 1, '4': 1, '3': 1, '2': 0, na: 0 }, 100, 66.7, 66.7, 4],
      },
      {
        // 7А Алгебра 5, 2, 4: 2·100/3 = 66,7; СОУ (100 + 16 + 64)/3 = 60; 11/3 = 3,67. 7А физкультура (зачёт): зач, незач, осв. — N 2, 50.
        // 7Б Алгебра 5, 3, н/а (Григорьев left): 66,7; 33,3; (100 + 36 + 7)/3 = 47,67 → 47,7; 8/2 = 4.
        // Total of the five-point lines: «5» 2, «4» 1, «3» 1, «2» 1, н/а 1 — N 6; 4·100/6 = 66,7; 3·100/6 = 50; 323/6 = 53,83 → 53,8; 19/5 = 3,8.
        teacher: 'Петрова',
        lines: [
          ['7А', ALG, 3, 66.7, 66.7, 60, 3.67],
          ['7А', PE, 2, 50, null, null, null],
          ['7Б', ALG, 3, 66.7, 33.3, 47.7, 4],
        ],
        total: [6, { '5': 2, '4': 1, '3': 1, '2': 1, na: 1 }, 66.7, 50, 53.8, 3.8],
      },
      {
        // 7А Русский 5, 4, 4: 100; 100; (100 + 128)/3 = 76; 13/3 = 4,33. 7Б 1 подгруппа 4, 5: 100; 100; 82; 4,5.
        // Total «5» 2, «4» 3: 100; 100; 392/5 = 78,4; 22/5 = 4,4.
        teacher: 'Смирнова',
        lines: [
          ['7А', RUS, 3, 100, 100, 76, 4.33],
          ['7Б, Русский язык: 1 подгруппа', RUS, 2, 100, 100, 82, 4.5],
        ],
        total: [5, { '5': 2, '4': 3, '3': 0, '2': 0, na: 0 }, 100, 100, 78.4, 4.4],
      },
    ]);
    const pet = r.teachers.find((x) => x.teacher.startsWith('Петрова'))!;
    expect(pet.lines[0]!.figures.marks['2'].students.map((s) => s.name)).toEqual(['Белова Тест']);
  });

  it('keeps to the scope: 7Б alone leaves 7А out, the study group with its 7Б student only', async () => {
    const r = await t.call('term.byTeacher', { periodId: q2.id, scope: 'class', classId: id['7Б'] });
    expect(r.teachers.map((x) => [x.teacher.split(' ')[0], x.lines.map((l) => [l.name, l.figures.n, l.figures.average])])).toEqual([
      ['Ковалёва', [['7Б, Русский язык: 2 подгруппа', 1, 3], ['Группа «Информатика 7»', 1, 4]]],
      ['Петрова', [['7Б', 3, 4]]],
      ['Смирнова', [['7Б, Русский язык: 1 подгруппа', 2, 4.5]]],
    ]);
  });
});

describe('the class teacher\'s report (R19)', () => {
  it('lists 7А\'s students with their period marks, category and attendance for «2 четверть»', async () => {
    const r = await t.call('term.classTeacher', { periodId: q2.id, classId: id['7А'] });
    expect(r).toMatchObject({ preliminary: false, asOf: q2.end, dueDate: null, className: '7А', classTeacher: 'Смирнова Анна Петровна', yearName: '2026/2027' });
    expect(r.subjects.map((s) => s.name)).toEqual([RUS, ALG, PE]); // the school's order; Информатика is not 7А's curriculum
    expect(r.students.map((s) => [s.name.split(' ')[0], r.subjects.map((p) => s.marks[p.id] ?? ''), s.category, s.subjects, s.missed, s.excused, s.unexcused, s.late])).toEqual([
      ['Андреева', ['5', '5', 'pass'], 'excellent', [], 2, 2, 0, 0],
      ['Белова', ['4', '2', 'fail'], 'failing', [ALG, PE], 2, 1, 1, 1],
      ['Волкова', ['4', '4', 'exempt'], 'good', [], 0, 0, 0, 0], // the cancelled lesson and October's are not counted
    ]);
    expect(r.attendance).toEqual({ missed: 4, excused: 3, unexcused: 1, late: 1 });
    // N 3: успеваемость 2·100/3 = 66,7, качество 66,7; «5» 2, «4» 3, «2» 1: (200 + 192 + 16)/6 = 68; 24/6 = 4.
    expect([r.figures.n.count, r.figures.progress, r.figures.quality, r.figures.sou, r.figures.average]).toEqual([3, 66.7, 66.7, 68, 4]);
  });

  it('the preliminary report on 15.12: expected marks from the current marks so far, attendance so far', async () => {
    {
      const r = await t.call('term.classTeacher', { periodId: q2.id, classId: id['7А'], preliminary: true });
      const due = new Date(`${q2.end}T00:00:00Z`);
      due.setUTCDate(due.getUTCDate() - 14);
      expect(r).toMatchObject({ preliminary: true, asOf: '2026-12-15', dueDate: due.toISOString().slice(0, 10) });
      expect(r.students.map((s) => [s.name.split(' ')[0], r.subjects.map((p) => s.marks[p.id] ?? ''), s.category, s.subjects, s.missed, s.late])).toEqual([
        ['Андреева', ['na', '5', 'pass'], 'notAttested', [RUS], 1, 0], // ill on 18.12: not yet
        ['Белова', ['exempt', '3', 'fail'], 'failing', [PE], 2, 0],
        ['Волкова', ['', '4', ''], 'good', [], 0, 0],
      ]);
      // N 3; хорошист Волкова: 33,3 and 33,3; «5» 1, «4» 1, «3» 1, н/а 1: (100 + 64 + 36 + 7)/4 = 51,75 → 51,8; 12/3 = 4.
      expect([r.figures.n.count, r.figures.progress, r.figures.quality, r.figures.sou, r.figures.average]).toEqual([3, 33.3, 33.3, 51.8, 4]);
      expect(r.figures.oneFour.students.map((s) => s.name)).toEqual(['Волкова Тест']);
    }
  });

  it('a deputy for 5–6 is refused 7А\'s report and its files; their school has no teacher of 7', async () => {
    const card = await t.call('staff.save', {
      lastName: 'Соколова', firstName: 'Елена', middleName: 'Ивановна', birthDate: null, gender: 'f', snils: null, phone: null, email: null,
      position: 'Заместитель директора по УВР', roles: ['deputy'], deputyGrades: [5, 6], subjects: [], rateHours: 0,
    });
    const { password } = await t.call('users.save', { staffId: card.id, login: 'zam56', role: 'deputy', deputyGrades: [5, 6] });
    const deputy = { ...t.ctx, session: new Session(false) };
    expect((await dispatch(deputy, 'auth.login', { login: 'zam56', password })).ok).toBe(true);
    for (const op of ['term.classTeacher', 'term.classTeacherPdf'] as const) {
      const r = await dispatch(deputy, op, { periodId: q2.id, classId: id['7А'] });
      expect(r.ok ? null : r.error, op).toMatchObject({ code: 'forbidden', message: 'Вы отвечаете за параллели 5–6, класс 7А к ним не относится.' });
    }
    const r = await dispatch(deputy, 'term.byTeacher', { year: true, scope: 'school' });
    expect(r.ok && (r.result as TermByTeacher).teachers).toEqual([]);
  });

  it('refuses a preliminary report for the year', async () => {
    await expect(t.call('term.classTeacher', { year: true, classId: id['7А'], preliminary: true })).rejects.toThrow('Предварительный отчёт составляется за четверть или полугодие');
  });
});
