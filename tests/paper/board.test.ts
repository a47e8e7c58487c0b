// The period's board of paper copies and the day-1 check (issue 14 points 1–2; docs/paper-copies.md)
// on a small school made by hand: 7А, 7Б and 10А, «2 четверть» 05.11–28.12.2026, winter holidays
// from 29.12 (day 1), the app's today 31.12.2026 (day 3), journal rows written straight into SQLite
// as sync brings them; a deputy (parallels 5–9) and the director logged in beside the administrator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import { Session } from '../../electron/core/auth/session';
import type { Ctx } from '../../electron/core/context';
import type { MarkValue } from '../../electron/api/enums';
import { uuidv7 } from '../../db/ids';
import { tempCore } from '../support/core';

let t: Awaited<ReturnType<typeof tempCore>>;
let deputy: Ctx;
let director: Ctx;
let today = '2026-12-31';
const id: Record<string, string> = {};
let q2 = '';
let h1 = '';
const one = <R>(sql: string, ...p: unknown[]) => t.db.raw.prepare(sql).get(...p) as R;
const run = (sql: string, ...p: unknown[]) => t.db.raw.prepare(sql).run(...p);
const AT = '2026-12-20T10:00:00.000Z';

function lesson(cls: string, subject: string, teacher: string, date: string, topic: string | null, no = 1): string {
  const lid = uuidv7();
  run(
    `INSERT INTO lesson (id, created_at, updated_at, date, lesson_no, class_id, subject_id, teacher_id, topic, homework, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 'held')`,
    lid, AT, AT, date, no, id[cls], id[subject], id[teacher], topic,
  );
  return lid;
}
function mark(student: string, lessonId: string, subject: string, date: string, value: MarkValue) {
  run(
    `INSERT INTO mark (id, created_at, updated_at, student_id, lesson_id, date, subject_id, value, work_kind, weight, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'answer', 1, ?)`,
    uuidv7(), AT, AT, id[student], lessonId, date, id[subject], value, AT,
  );
}
function periodMark(student: string, subject: string, value: MarkValue, at = AT) {
  run(
    `INSERT INTO period_mark (id, created_at, updated_at, student_id, subject_id, year_id, period_id, value, entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
    uuidv7(Date.parse(at)), at, at, id[student], id[subject], id.year, q2, value, at,
  );
}

async function login(login: string, role: 'deputy' | 'director', staffId?: string): Promise<Ctx> {
  const input = staffId ? { staffId, login, role, deputyGrades: [5, 6, 7, 8, 9] } : { login, displayName: 'Директоров Иван Петрович', role, deputyGrades: [] };
  const { password } = await t.call('users.save', input as never);
  const ctx = { ...t.ctx, session: new Session(false) };
  expect((await dispatch(ctx, 'auth.login', { login, password })).ok).toBe(true);
  return ctx;
}

const staff = (lastName: string, firstName: string, middleName: string, roles: string[], deputyGrades: number[] = []) =>
  t.call('staff.save', {
    lastName, firstName, middleName, birthDate: null, gender: 'f', snils: null, phone: null, email: null,
    position: roles.includes('deputy') ? 'Заместитель директора по УВР' : 'Учитель', roles: roles as never, deputyGrades, subjects: [], rateHours: 18,
  });

beforeAll(async () => {
  t = await tempCore(() => new Date(`${today}T09:00:00Z`));
  const { call } = t;
  await call('app.createSchool', { fullName: 'МБОУ «Средняя общеобразовательная школа № 5»', shortName: 'Школа № 5' });
  await call('years.save', await call('years.suggest', { startYear: 2026 }));
  await call('subjects.addStandard');
  await call('classes.createMany', { gradeFrom: 7, gradeTo: 7, letters: ['А', 'Б'], shift: 1 });
  await call('classes.createMany', { gradeFrom: 10, gradeTo: 10, letters: ['А'], shift: 1 });
  for (const c of await call('classes.list')) id[c.name] = c.id;
  for (const s of await call('subjects.list')) id[s.name] = s.id;
  await call('curriculum.set', { cells: ['7А', '7Б', '10А'].flatMap((cls) => ['Русский язык', 'Алгебра', 'Физическая культура', 'Музыка'].map((s) => ({ classId: id[cls]!, subjectId: id[s]!, hours: 2 }))) });
  run(`UPDATE subject SET grading = 'pass_fail' WHERE id = ?`, id['Физическая культура']);
  run(`UPDATE subject SET no_attestation = 1 WHERE id = ?`, id['Музыка']);
  id.year = one<{ id: string }>(`SELECT id FROM academic_year`).id;
  q2 = one<{ id: string }>(`SELECT id FROM study_period WHERE name = '2 четверть'`).id;
  h1 = one<{ id: string }>(`SELECT id FROM study_period WHERE name = '1 полугодие'`).id;
  id.Иванова = (await staff('Иванова', 'Мария', 'Петровна', ['teacher'])).id;
  id.Петров = (await staff('Петров', 'Олег', 'Сергеевич', ['teacher'])).id;
  id.Соколова = (await staff('Соколова', 'Елена', 'Ивановна', ['deputy'], [5, 6, 7, 8, 9])).id;
  run(`UPDATE school_class SET class_teacher_id = ? WHERE id = ?`, id.Иванова, id['7Б']);
  for (const name of ['Алексеев', 'Борисова']) {
    id[name] = (
      await call('students.save', {
        lastName: name, firstName: name.endsWith('а') ? 'Анна' : 'Иван', middleName: null, birthDate: '2013-03-01', gender: name.endsWith('а') ? 'f' : 'm', snils: null,
        classId: id['7Б'], classFrom: '2026-09-01', address: null, personalFileNo: null, guardians: [],
      })
    ).id;
  }
  // 7Б's journal: Русский язык (Иванова) with a lesson without a topic; Алгебра (Петров) with a «зач»
  // (out of the five-point scheme); Физическая культура (Петров) with «5» (out of зачёт/незачёт).
  const r1 = lesson('7Б', 'Русский язык', 'Иванова', '2026-12-01', 'Причастный оборот');
  lesson('7Б', 'Русский язык', 'Иванова', '2026-12-03', null, 2);
  const a1 = lesson('7Б', 'Алгебра', 'Петров', '2026-12-02', 'Линейная функция');
  const p1 = lesson('7Б', 'Физическая культура', 'Петров', '2026-12-02', 'Баскетбол', 3);
  mark('Алексеев', r1, 'Русский язык', '2026-12-01', '5');
  mark('Алексеев', a1, 'Алгебра', '2026-12-02', 'pass');
  mark('Борисова', p1, 'Физическая культура', '2026-12-02', '5');
  lesson('7А', 'Русский язык', 'Иванова', '2026-12-01', 'Деепричастие');
  // Period marks: Алексеев has all; Борисова lacks Алгебра; her Русский язык was entered 15.01.2027 (after 11.01: 28.12 + 2 weeks).
  for (const [s, v] of [['Русский язык', '5'], ['Алгебра', '4'], ['Физическая культура', 'pass']] as const) periodMark('Алексеев', s, v);
  periodMark('Борисова', 'Русский язык', '4', '2027-01-15T08:00:00.000Z');
  periodMark('Борисова', 'Физическая культура', 'exempt');
  deputy = await login('zam', 'deputy', id.Соколова);
  director = await login('dir', 'director');
}, 180_000);
afterAll(() => t?.cleanup());

const card = async (cls: string, periodId = q2) => (await t.call('paper.board', { periodId })).classes.find((c) => c.className === cls)!;
const step = async (cls: string, s: string) => (await card(cls)).steps.find((x) => x.step === s)!;

describe('the board: deadlines from the holidays, late steps on a fixed day', () => {
  it('preselects the period that ended last and counts each step from the first day of the winter holidays', async () => {
    const p = await t.call('paper.boardPeriods');
    expect(p.today).toBe('2026-12-31');
    expect(p.paperJournal).toBe(true);
    expect(p.periods.find((x) => x.id === p.currentId)!.name).toBe('2 четверть');
    expect(p.periods.find((x) => x.name === '2 четверть')!.holidaysStart).toBe('2026-12-29');
    expect(p.deputies.map((d) => [d.name, d.grades])).toEqual([['Соколова Елена Ивановна', [5, 6, 7, 8, 9]]]);
    const b = await t.call('paper.board', { periodId: q2 });
    expect(b.deadlines).toEqual({
      checked: '2026-12-29', printed: '2026-12-30', signed: '2026-12-31', certified: '2027-01-01',
      handed: '2027-01-02', approved: '2027-01-02', bound: '2027-01-09', archived: '2027-01-16',
    });
    // 7А and 7Б (the quarter: grades 1–9), not 10А (half-years).
    expect(b.classes.map((c) => c.className)).toEqual(['7А', '7Б']);
    const c = b.classes.find((x) => x.className === '7Б')!;
    expect(c.classTeacher).toBe('Иванова Мария Петровна');
    expect(c.deputies).toEqual(['Соколова Елена Ивановна']);
    // Day 3: «checked» and «printed» are late, «signed» is due today (not late), the rest ahead.
    expect(c.steps.filter((s) => s.late).map((s) => s.step)).toEqual(['checked', 'printed']);
    expect(c.late).toBe(2);
    expect(c.next).toBe('checked');
    expect(c.copy).toBeNull();
    expect(c.sheets.map((s) => [s.subject, s.teacher, s.signedOn])).toEqual([
      ['Русский язык', 'Иванова Мария Петровна', null],
      ['Алгебра', 'Петров Олег Сергеевич', null],
      ['Физическая культура', 'Петров Олег Сергеевич', null],
    ]);
    const half = await t.call('paper.board', { periodId: h1 });
    expect(half.classes.map((x) => x.className)).toEqual(['10А']);
  });

  it('takes the day after the period when no holiday follows it', async () => {
    run(`UPDATE holiday SET deleted_at = ? WHERE name = 'Зимние каникулы'`, AT);
    try {
      const b = await t.call('paper.board', { periodId: q2 });
      expect(b.period.holidaysStart).toBe('2026-12-29'); // 28.12 + 1: the same here by the calendar
      run(`UPDATE study_period SET end_date = '2026-12-25' WHERE id = ?`, q2);
      expect((await t.call('paper.board', { periodId: q2 })).deadlines.checked).toBe('2026-12-26');
      run(`UPDATE holiday SET deleted_at = NULL WHERE name = 'Зимние каникулы'`);
      expect((await t.call('paper.board', { periodId: q2 })).deadlines.checked).toBe('2026-12-29');
    } finally {
      run(`UPDATE holiday SET deleted_at = NULL WHERE name = 'Зимние каникулы'`);
      run(`UPDATE study_period SET end_date = '2026-12-28' WHERE id = ?`, q2);
    }
  });

  it('filters by parallel and by deputy', async () => {
    expect((await t.call('paper.board', { periodId: q2, grade: 7 })).classes).toHaveLength(2);
    expect((await t.call('paper.board', { periodId: q2, grade: 8 })).classes).toHaveLength(0);
    expect((await t.call('paper.board', { periodId: h1, deputyId: id.Соколова })).classes).toHaveLength(0); // 10А is not hers
    expect((await t.call('paper.board', { periodId: q2, deputyId: id.Соколова })).classes).toHaveLength(2);
  });
});

describe('steps: done and undone, each one transaction with its audit line', () => {
  it('records a step with who and the day, warns of the earlier steps not done, refuses a second one and a future day', async () => {
    const audit0 = one<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE entity = 'paper_step'`).n;
    const r = await dispatch(deputy, 'paper.doStep', { classId: id['7Б'], periodId: q2, step: 'printed', date: '2026-12-30' });
    expect(r.ok ? r.result : r.error.message).toEqual({ outOfOrder: ['checked'] });
    let s = await step('7Б', 'printed');
    expect(s).toMatchObject({ doneOn: '2026-12-30', doneBy: 'Соколова Елена Ивановна', late: false, doneLate: false, outOfOrder: true });
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE entity = 'paper_step'`).n).toBe(audit0 + 1);
    const again = await dispatch(deputy, 'paper.doStep', { classId: id['7Б'], periodId: q2, step: 'printed', date: '2026-12-31' });
    expect(again.ok ? '' : again.error.message).toBe('Шаг «Копия напечатана» для 7Б класса уже отмечен 30.12.2026 (Соколова Елена Ивановна).');
    const future = await dispatch(deputy, 'paper.doStep', { classId: id['7Б'], periodId: q2, step: 'checked', date: '2027-01-02' });
    expect(future.ok ? '' : future.error.message).toBe('Дата 02.01.2027 ещё не наступила.');
    const foreign = await dispatch(deputy, 'paper.doStep', { classId: id['10А'], periodId: q2, step: 'checked', date: '2026-12-29' });
    expect(foreign.ok ? '' : foreign.error.message).toBe('Период «2 четверть» не относится к 10А классу.');
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM paper_step WHERE deleted_at IS NULL`).n).toBe(1);
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE entity = 'paper_step'`).n).toBe(audit0 + 1);
    // Done late: «checked» on 30.12 (due 29.12); then «printed» is in order.
    await t.call('paper.doStep', { classId: id['7Б'], periodId: q2, step: 'checked', date: '2026-12-30' });
    s = await step('7Б', 'printed');
    expect(s.outOfOrder).toBe(false);
    expect(await step('7Б', 'checked')).toMatchObject({ doneLate: true, late: false });
    expect((await card('7Б')).next).toBe('signed');
  });

  it('undoes a step by tombstoning its row (audited), and does it again as a new row', async () => {
    const row = one<{ id: string }>(`SELECT id FROM paper_step WHERE step = 'checked' AND deleted_at IS NULL`);
    expect((await dispatch(deputy, 'paper.undoStep', { classId: id['7Б'], periodId: q2, step: 'checked' })).ok).toBe(true);
    expect(one<{ deleted_at: string | null }>(`SELECT deleted_at FROM paper_step WHERE id = ?`, row.id).deleted_at).not.toBeNull();
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE entity = 'paper_step' AND entity_id = ? AND action = 'delete'`, row.id).n).toBe(1);
    expect(await step('7Б', 'checked')).toMatchObject({ doneOn: null, late: true });
    const twice = await dispatch(deputy, 'paper.undoStep', { classId: id['7Б'], periodId: q2, step: 'checked' });
    expect(twice.ok ? '' : twice.error.message).toBe('Шаг «Отметки проверены» для 7Б класса не отмечен — отменять нечего.');
    await t.call('paper.doStep', { classId: id['7Б'], periodId: q2, step: 'checked', date: '2026-12-29' });
    expect(await step('7Б', 'checked')).toMatchObject({ doneOn: '2026-12-29', doneLate: false });
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM paper_step WHERE step = 'checked'`).n).toBe(2);
  });

  it('lets the director look but not mark', async () => {
    expect((await dispatch(director, 'paper.board', { periodId: q2 })).ok).toBe(true);
    const r = await dispatch(director, 'paper.doStep', { classId: id['7А'], periodId: q2, step: 'checked', date: '2026-12-29' });
    expect(r.ok ? '' : r.error.code).toBe('forbidden');
  });
});

describe('signatures of the subject sheets', () => {
  it('records a teacher’s signature of a subject’s sheets with the day, refuses a second one and a sheet that does not exist', async () => {
    await t.call('paper.sign', { classId: id['7Б'], periodId: q2, subjectId: id['Алгебра'], teacherId: id.Петров, date: '2026-12-31' });
    const sheets = (await card('7Б')).sheets;
    expect(sheets.find((s) => s.subject === 'Алгебра')).toMatchObject({ signedOn: '2026-12-31', recordedBy: 'Смирнова Ольга Викторовна' });
    expect(sheets.filter((s) => s.signedOn)).toHaveLength(1);
    const again = await dispatch(t.ctx, 'paper.sign', { classId: id['7Б'], periodId: q2, subjectId: id['Алгебра'], teacherId: id.Петров, date: '2026-12-31' });
    expect(again.ok ? '' : again.error.message).toBe('Листы «Алгебра» 7Б класса уже подписаны 31.12.2026.');
    const none = await dispatch(t.ctx, 'paper.sign', { classId: id['7Б'], periodId: q2, subjectId: id['Алгебра'], teacherId: id.Иванова, date: '2026-12-31' });
    expect(none.ok ? '' : none.error.message).toMatch(/^В копии 7Б класса за «2 четверть» нет листов этого предмета у этого учителя/);
    await t.call('paper.unsign', { classId: id['7Б'], periodId: q2, subjectId: id['Алгебра'], teacherId: id.Петров });
    expect((await card('7Б')).sheets.every((s) => !s.signedOn)).toBe(true);
    await t.call('paper.sign', { classId: id['7Б'], periodId: q2, subjectId: id['Алгебра'], teacherId: id.Петров, date: '2026-12-30' });
    expect((await card('7Б')).sheets.find((s) => s.subject === 'Алгебра')!.signedOn).toBe('2026-12-30');
  });
});

describe('the ББЖ switch (R22)', () => {
  it('is the administrator’s; off, the board says so and steps and signatures are refused in Russian, changing nothing', async () => {
    const bad = await dispatch(deputy, 'paper.saveSettings', { paperJournal: false });
    expect(bad.ok ? '' : bad.error.code).toBe('forbidden');
    await t.call('paper.saveSettings', { paperJournal: false });
    expect(one<{ p: number }>(`SELECT paper_journal AS p FROM school`).p).toBe(0);
    expect(await t.call('paper.settings')).toEqual({ paperJournal: false });
    expect((await t.call('paper.board', { periodId: q2 })).paperJournal).toBe(false);
    expect((await t.call('paper.boardPeriods')).paperJournal).toBe(false);
    const before = one<{ n: number }>(`SELECT count(*) AS n FROM audit_log`).n;
    for (const [op, input] of [
      ['paper.doStep', { classId: id['7А'], periodId: q2, step: 'checked', date: '2026-12-29' }],
      ['paper.undoStep', { classId: id['7Б'], periodId: q2, step: 'checked' }],
      ['paper.sign', { classId: id['7Б'], periodId: q2, subjectId: id['Русский язык'], teacherId: id.Иванова, date: '2026-12-31' }],
      ['paper.unsign', { classId: id['7Б'], periodId: q2, subjectId: id['Алгебра'], teacherId: id.Петров }],
      ['paper.printCopies', { periodId: q2, classId: id['7Б'] }],
    ] as const) {
      const r = await dispatch(deputy, op, input as never);
      expect(r.ok ? '' : r.error.message, op).toMatch(/^Школа ведёт журнал только в электронном виде \(ББЖ\)/);
    }
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM audit_log`).n).toBe(before);
    await t.call('paper.saveSettings', { paperJournal: true });
    expect((await t.call('paper.board', { periodId: q2 })).paperJournal).toBe(true);
  });
});

describe('day 1: the check, per teacher', () => {
  it('finds a missing period mark, marks out of the scheme, a lesson without a topic and a period mark entered after the deadline', async () => {
    const c = await t.call('paper.check', { periodId: q2, classId: id['7Б'] });
    expect(c.editDeadline).toBe('2027-01-11');
    expect(c.classes).toBe(1);
    expect(c.byKind).toEqual({ noPeriodMark: 1, outOfScheme: 2, noTopic: 1, lateMark: 1 });
    const list = Object.fromEntries(c.teachers.map((x) => [x.teacher, x.findings.map((f) => `${f.className} ${f.subject}: ${f.text}`)]));
    expect(list).toEqual({
      'Иванова Мария Петровна': [
        '7Б Русский язык: Борисова Анна: отметка за «2 четверть» «4» выставлена 15.01.2027 — после срока (11.01.2027)',
        '7Б Русский язык: урок 03.12.2026, 2-й: нет темы',
      ],
      'Петров Олег Сергеевич': [
        '7Б Алгебра: Борисова Анна: нет отметки за «2 четверть»',
        '7Б Алгебра: Алексеев Иван: отметка «зач» за 02.12.2026 не по системе оценивания (пятибалльная)',
        '7Б Физическая культура: Борисова Анна: отметка «5» за 02.12.2026 не по системе оценивания (зачёт/незачёт)',
      ],
    });
    // A teacher's own list; the whole period (7А has no students: nothing to find).
    const mine = await t.call('paper.check', { periodId: q2, teacherId: id.Иванова });
    expect(mine.teachers.map((x) => x.teacher)).toEqual(['Иванова Мария Петровна']);
    expect((await t.call('paper.check', { periodId: q2 })).total).toBe(5);
  });

  it('finds a period mark out of the scheme, and none once the journal is corrected', async () => {
    periodMark('Борисова', 'Алгебра', 'pass', '2026-12-27T10:00:00.000Z');
    let c = await t.call('paper.check', { periodId: q2, classId: id['7Б'] });
    expect(c.byKind).toEqual({ noPeriodMark: 0, outOfScheme: 3, noTopic: 1, lateMark: 1 });
    expect(c.teachers.flatMap((x) => x.findings.map((f) => f.text))).toContain('Борисова Анна: отметка за «2 четверть» «зач» не по системе оценивания (пятибалльная)');
    // The corrections: the last entered period mark counts.
    periodMark('Борисова', 'Алгебра', '4', '2026-12-28T10:00:00.000Z');
    run(`UPDATE period_mark SET entered_at = '2027-01-05T10:00:00.000Z' WHERE entered_at = '2027-01-15T08:00:00.000Z'`);
    run(`UPDATE lesson SET topic = 'Сложное предложение' WHERE topic IS NULL`);
    run(`UPDATE mark SET value = '4' WHERE value = 'pass'`);
    run(`UPDATE mark SET value = 'pass' WHERE value = '5' AND subject_id = ?`, id['Физическая культура']);
    c = await t.call('paper.check', { periodId: q2, classId: id['7Б'] });
    expect(c.total).toBe(0);
    expect(c.teachers).toEqual([]);
  });
});
