// Statements for parents without e-access (issue 13 point 5; R12; docs/indicators.md «Statements for
// parents without e-access») against a small school computed by hand. Today is Wednesday 09.12.2026;
// the default span is the last full week, Monday 30.11 – Sunday 06.12. The school is set up through
// the API; the journal rows and the dated memberships are written straight into SQLite, as sync and
// the contingent's history leave them.
//
// 7Б: Алексеев (mother refused): Алгебра 01.12 a double mark «5» (answer, weight 1) and «4» (test,
//     weight 2), 03.12 «н/а»; 07.12 a «2» (after the span); Русский язык 02.12 late («О») with a «5»,
//     05.12 sick («Б»); Английский язык in subgroup 1 (held 02.12; subgroup 2's lessons are not his).
//     Борисов (father and mother both refused): no marks; Алгебра 01.12 «У», 03.12 «Н».
//     Васильев: his mother did not refuse — no statement.
//     Григорьев (refused): left on 03.12 — not on the list on 06.12, no statement.
//     Дмитриев (refused): came on 03.12 — only the lessons from 03.12 are his.
// 7А: Егоров (refused): no journal rows at all.
// Lessons of 7Б: Алгебра 01.12, 03.12 held, 04.12 cancelled; Русский язык 02.12, 05.12 held;
// Английский язык subgroup 1 02.12, subgroup 2 02.12 and 04.12.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { uuidv7 } from '../../db/ids';
import { tempCore } from '../support/core';
import { resultBytes } from '../support/files';
import { dispatch } from '../../electron/core/dispatch';
import { Session } from '../../electron/core/auth/session';
import { sessionUser } from '../../electron/core/auth/users';
import type { Ctx } from '../../electron/core/context';
import type { AbsenceKind, MarkValue, WorkKind } from '../../electron/api/enums';
import type { StatementChild } from '../../electron/api/statements';

const ART = join(import.meta.dirname, '../artifacts');
const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
const pages = (path: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))![1]);

let t: Awaited<ReturnType<typeof tempCore>>;
const now = new Date('2026-12-09T09:00:00Z');
const id: Record<string, string> = {};
let tick = 0;
const at = '2026-12-08T12:00:00.000Z';

function lesson(cls: string, subject: string, date: string, opts: { subgroup?: string; status?: 'held' | 'cancelled' } = {}): string {
  const lid = uuidv7(Date.parse(at) + tick++);
  t.db.raw
    .prepare(
      `INSERT INTO lesson (id, created_at, updated_at, date, lesson_no, class_id, subgroup_id, subject_id, teacher_id, status)
       VALUES (?, ?, ?, ?, 2, ?, ?, ?, ?, ?)`,
    )
    .run(lid, at, at, date, id[cls], opts.subgroup ?? null, id[subject], id.teacher, opts.status ?? 'held');
  return lid;
}
function mark(student: string, lessonId: string | null, subject: string, date: string, value: MarkValue, kind: WorkKind, weight: number) {
  t.db.raw
    .prepare(
      `INSERT INTO mark (id, created_at, updated_at, student_id, lesson_id, date, subject_id, value, work_kind, weight, entered_by, entered_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(uuidv7(Date.parse(at) + tick++), at, at, id[student], lessonId, date, id[subject], value, kind, weight, id.teacher, `${date}T12:00:00.${String(tick).padStart(3, '0')}Z`);
}
function absent(student: string, lessonId: string, kind: AbsenceKind) {
  t.db.raw
    .prepare(`INSERT INTO attendance (id, created_at, updated_at, lesson_id, student_id, kind, entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(uuidv7(Date.parse(at) + tick++), at, at, lessonId, id[student], kind, id.teacher, at);
}

const guardian = (lastName: string, firstName: string, middleName: string, relation: string, refused: boolean) => ({
  id: null, lastName, firstName, middleName, relation, phone: null, email: null, pdConsentDate: null, eServiceRefused: refused,
});

async function as(role: 'secretary' | 'deputy' | 'director'): Promise<Ctx> {
  const r = await t.call('users.save', { login: `st-${role}`, displayName: `Проверка ${role}`, role, deputyGrades: [5, 6] });
  const row = t.db.raw.prepare('SELECT * FROM app_user WHERE id = ?').get(r.user.id) as Parameters<typeof sessionUser>[0];
  const session = new Session(false);
  session.signIn(sessionUser(row), new Date());
  return { ...t.ctx, session };
}

beforeAll(async () => {
  t = await tempCore(() => now);
  const { call } = t;
  await call('app.createSchool', { fullName: 'МБОУ «Школа № 5»', shortName: 'Школа № 5' });
  await call('years.save', await call('years.suggest', { startYear: 2026 }));
  await call('subjects.addStandard');
  for (const letter of ['А', 'Б']) await call('classes.createMany', { gradeFrom: 7, gradeTo: 7, letters: [letter], shift: 1 });
  for (const c of await call('classes.list')) id[c.name] = c.id;
  for (const s of await call('subjects.list')) id[s.name] = s.id;
  const teacher = await call('staff.save', {
    lastName: 'Соколова', firstName: 'Елена', middleName: 'Ивановна', birthDate: null, gender: 'f', snils: null, phone: null, email: null,
    position: 'Учитель', roles: ['teacher'], deputyGrades: [], subjects: [], rateHours: 0,
  });
  id.teacher = teacher.id;
  t.db.raw.prepare(`UPDATE school_class SET class_teacher_id = ? WHERE id = ?`).run(teacher.id, id['7Б']);
  const student = async (cls: string, lastName: string, guardians: ReturnType<typeof guardian>[]) =>
    (id[lastName] = (
      await call('students.save', {
        id: null, lastName, firstName: 'Иван', middleName: 'Петрович', birthDate: '2013-03-01', gender: 'm', snils: null, classId: id[cls], classFrom: '2026-09-01',
        address: null, personalFileNo: null, guardians,
      })
    ).id);
  await student('7Б', 'Алексеев', [guardian('Алексеева', 'Анна', 'Петровна', 'мать', true), guardian('Алексеев', 'Пётр', 'Ильич', 'отец', false)]);
  await student('7Б', 'Борисов', [guardian('Борисова', 'Мария', 'Олеговна', 'мать', true), guardian('Борисов', 'Олег', 'Юрьевич', 'отец', true)]);
  await student('7Б', 'Васильев', [guardian('Васильева', 'Ольга', 'Ивановна', 'мать', false)]);
  await student('7Б', 'Григорьев', [guardian('Григорьева', 'Нина', 'Павловна', 'мать', true)]);
  await student('7Б', 'Дмитриев', [guardian('Дмитриева', 'Вера', 'Андреевна', 'опекун', true)]);
  await student('7А', 'Егоров', [guardian('Егорова', 'Лидия', 'Сергеевна', 'мать', true)]);
  t.db.raw.prepare(`UPDATE class_membership SET date_to = '2026-12-03' WHERE student_id = ?`).run(id['Григорьев']);
  t.db.raw.prepare(`UPDATE class_membership SET date_from = '2026-12-03' WHERE student_id = ?`).run(id['Дмитриев']);
  // Английский язык in two subgroups by the alphabet: Алексеев, Борисов, Васильев… in subgroup 1.
  const div = await call('subgroups.split', { classId: id['7Б']!, subjectId: id['Иностранный язык (английский)']!, parts: 2, by: 'alphabet' });
  const sub1 = div.subgroups.find((g) => g.number === 1)!;
  const sub2 = div.subgroups.find((g) => g.number === 2)!;
  t.db.raw.prepare(`UPDATE subgroup_member SET date_from = '2026-09-01'`).run();
  t.db.raw.prepare(`UPDATE subgroup_member SET date_from = '2026-12-03' WHERE student_id = ?`).run(id['Дмитриев']);
  const inSub1 = (t.db.raw.prepare(`SELECT student_id FROM subgroup_member WHERE subgroup_id = ?`).all(sub1.id) as { student_id: string }[]).map((r) => r.student_id);
  expect(inSub1).toContain(id['Алексеев']);
  expect(inSub1).not.toContain(id['Дмитриев']);

  const alg1 = lesson('7Б', 'Алгебра', '2026-12-01');
  const alg3 = lesson('7Б', 'Алгебра', '2026-12-03');
  lesson('7Б', 'Алгебра', '2026-12-04', { status: 'cancelled' });
  const alg7 = lesson('7Б', 'Алгебра', '2026-12-07');
  const rus2 = lesson('7Б', 'Русский язык', '2026-12-02');
  const rus5 = lesson('7Б', 'Русский язык', '2026-12-05');
  const eng1 = lesson('7Б', 'Иностранный язык (английский)', '2026-12-02', { subgroup: sub1.id });
  lesson('7Б', 'Иностранный язык (английский)', '2026-12-02', { subgroup: sub2.id });
  lesson('7Б', 'Иностранный язык (английский)', '2026-12-04', { subgroup: sub2.id });
  mark('Алексеев', alg1, 'Алгебра', '2026-12-01', '5', 'answer', 1);
  mark('Алексеев', alg1, 'Алгебра', '2026-12-01', '4', 'test', 2);
  mark('Алексеев', alg3, 'Алгебра', '2026-12-03', 'na', 'answer', 1);
  mark('Алексеев', alg7, 'Алгебра', '2026-12-07', '2', 'answer', 1);
  mark('Алексеев', rus2, 'Русский язык', '2026-12-02', '5', 'dictation', 2);
  absent('Алексеев', rus2, 'late');
  absent('Алексеев', rus5, 'sick');
  mark('Алексеев', eng1, 'Иностранный язык (английский)', '2026-12-02', '3', 'answer', 1);
  absent('Борисов', alg1, 'excused');
  absent('Борисов', alg3, 'unexcused');
  mark('Дмитриев', alg3, 'Алгебра', '2026-12-03', '4', 'essay', 2);
  mark('Дмитриев', alg3, 'Алгебра', '2026-12-03', '3', 'answer', 1);
  mark('Григорьев', alg1, 'Алгебра', '2026-12-01', '5', 'answer', 1);
}, 180_000);
afterAll(() => t?.cleanup());

const none = { sick: 0, excused: 0, unexcused: 0 };
const subj = (c: StatementChild) => Object.fromEntries(c.subjects.map((s) => [s.subject, s]));

describe('statements: who gets one and the figures, by hand', () => {
  it('takes the last full week and the children on 7Б’s list on its last day whose parent refused', async () => {
    const p = await t.call('statements.preview', { classId: id['7Б'] });
    expect(p).toMatchObject({ from: '2026-11-30', to: '2026-12-06', listDay: '2026-12-06', className: '7Б' });
    // Васильев: his mother did not refuse; Григорьев left on 03.12.
    expect(p.children.map((c) => c.studentName)).toEqual(['Алексеев Иван Петрович', 'Борисов Иван Петрович', 'Дмитриев Иван Петрович']);
    const [a, b] = p.children;
    expect(a!.addressees).toEqual([{ guardianId: expect.any(String), name: 'Алексеева Анна Петровна', relation: 'мать' }]);
    // Two parents who refused: one statement, addressed to both (by name).
    expect(b!.addressees.map((x) => x.name)).toEqual(['Борисов Олег Юрьевич', 'Борисова Мария Олеговна']);
    expect(a!.classTeacherName).toBe('Соколова Елена Ивановна');
  });

  it('counts a double mark twice, leaves «н/а» and the marks after the span out, and tells lateness from absence', async () => {
    const a = (await t.call('statements.preview', { classId: id['7Б'] })).children[0]!;
    const s = subj(a);
    expect(a.subjects.map((x) => x.subject)).toEqual(['Русский язык', 'Иностранный язык (английский)', 'Алгебра']); // the school's order of subjects
    // Алгебра: held 01.12 and 03.12 (04.12 cancelled; 07.12 after the span). Marks 5 (w 1), 4 (w 2), н/а:
    // average (5 + 4) / 2 = 4.5; weighted (5·1 + 4·2) / 3 = 4.333… → 4.33.
    expect(s['Алгебра']).toMatchObject({ lessonsHeld: 2, average: 4.5, weightedAverage: 4.33, missed: none, late: 0 });
    expect(s['Алгебра']!.marks.map((m) => [m.date, m.value, m.weight])).toEqual([
      ['2026-12-01', '5', 1],
      ['2026-12-01', '4', 2],
      ['2026-12-03', 'na', 1],
    ]);
    // Русский язык: late on 02.12 (present, with a «5»), sick on 05.12 (a missed lesson).
    expect(s['Русский язык']).toMatchObject({ lessonsHeld: 2, average: 5, weightedAverage: 5, missed: { sick: 1, excused: 0, unexcused: 0 }, late: 1 });
    // Иностранный язык: only subgroup 1's lesson is his.
    expect(s['Иностранный язык (английский)']).toMatchObject({ lessonsHeld: 1, average: 3, weightedAverage: 3 });
    expect(a.totals).toEqual({ lessonsHeld: 5, marks: 5, missed: 1, missedBy: { sick: 1, excused: 0, unexcused: 0 }, late: 1 });
  });

  it('gives a child without marks the lessons and absences with no averages, and a newcomer only the lessons since he came', async () => {
    const [, b, d] = (await t.call('statements.preview', { classId: id['7Б'] })).children;
    expect(subj(b!)['Алгебра']).toMatchObject({ lessonsHeld: 2, marks: [], average: null, weightedAverage: null, missed: { sick: 0, excused: 1, unexcused: 1 }, late: 0 });
    expect(subj(b!)['Русский язык']).toMatchObject({ lessonsHeld: 2, marks: [], average: null, weightedAverage: null });
    expect(b!.totals).toMatchObject({ marks: 0, missed: 2, late: 0 });
    // Дмитриев came on 03.12 (to the class and to subgroup 2): Русский язык 05.12, subgroup 2's 04.12 and Алгебра 03.12 only.
    expect(d!.subjects.map((x) => [x.subject, x.lessonsHeld])).toEqual([
      ['Русский язык', 1],
      ['Иностранный язык (английский)', 1],
      ['Алгебра', 1],
    ]);
    // 4 (essay, w 2) and 3 (answer, w 1): average 3.5, weighted 11 / 3 = 3.67.
    expect(subj(d!)['Алгебра']).toMatchObject({ average: 3.5, weightedAverage: 3.67 });
  });

  it('lists the whole school by class, and a child without any journal rows', async () => {
    const p = await t.call('statements.preview', {});
    expect(p.children.map((c) => `${c.className} ${c.studentName.split(' ')[0]}`)).toEqual(['7А Егоров', '7Б Алексеев', '7Б Борисов', '7Б Дмитриев']);
    expect(p.children[0]!.subjects).toEqual([]);
    expect(p.children[0]!.totals).toEqual({ lessonsHeld: 0, marks: 0, missed: 0, missedBy: none, late: 0 });
  });

  it('takes any span; refuses a span that ends before it begins or has not begun, naming the field', async () => {
    const p = await t.call('statements.preview', { from: '2026-12-01', to: '2026-12-01', classId: id['7Б'] });
    expect(subj(p.children[0]!)['Алгебра']).toMatchObject({ lessonsHeld: 1, average: 4.5 });
    const bad = await dispatch(t.ctx, 'statements.preview', { from: '2026-12-05', to: '2026-12-01' });
    expect(bad.ok ? null : bad.error.problems).toEqual([{ column: 'to', message: 'Конец периода раньше его начала (05.12.2026)' }]);
    const future = await dispatch(t.ctx, 'statements.preview', { from: '2026-12-20', to: '2026-12-26' });
    expect(future.ok ? null : future.error.problems?.[0]?.column).toBe('from');
    const wrong = await dispatch(t.ctx, 'statements.preview', { from: '2026-02-30' });
    expect(wrong.ok ? null : wrong.error.message).toMatch(/Период с.*30\.02\.2026 не существует/);
  });
});

describe('statements: printing, the register, the handing, the next batch', () => {
  it('says the first batch is overdue before any was printed', async () => {
    const d = await t.call('statements.due');
    expect(d).toMatchObject({ today: '2026-12-09', everyDays: 7, defaultFrom: '2026-11-30', defaultTo: '2026-12-06', children: 4, dueOn: null, overdue: true, last: null });
    expect(d.lagging).toEqual(['7А', '7Б']);
  });

  it('prints one sheet per child, addressed to the parents, and records the batch with a copy per child', async () => {
    const f = await t.call('statements.print', { classId: id['7Б'] });
    expect(f).toMatchObject({ fileName: 'Выписки для родителей 30.11.2026–06.12.2026 7Б.pdf', rows: 3 });
    mkdirSync(ART, { recursive: true });
    const path = join(ART, 'statements-test-7b.pdf');
    writeFileSync(path, resultBytes(t.ctx.session, f));
    expect(pages(path)).toBe(3);
    const text = pdfText(path);
    expect(text).toContain('МБОУ «Школа № 5»');
    expect(text).toContain('Выписка из электронного журнала');
    expect(text).toContain('за период с 30.11.2026 по 06.12.2026');
    expect(text).toContain('Уважаемая Алексеева Анна Петровна!');
    expect(text).toContain('Уважаемые Борисов Олег Юрьевич и Борисова Мария Олеговна!');
    expect(text).toContain('Уважаемая Дмитриева Вера Андреевна!'); // «опекун» says no gender: the patronymic does
    expect(text).toMatch(/01\.12: 5, 4;/); // a double mark: both under its date
    expect(text).toMatch(/03\.12:/);
    expect(text).toContain("н/а");
    expect(text).toMatch(/4,50\s+4,33/);
    expect(text).toContain('Классный руководитель ____________ / Е. И. Соколова /');
    const reg = await t.call('statements.register', {});
    expect(reg).toHaveLength(1);
    expect(reg[0]).toMatchObject({ dateFrom: '2026-11-30', dateTo: '2026-12-06', className: '7Б', handed: 0, printedBy: 'Смирнова Ольга Викторовна' });
    expect(reg[0]!.copies.map((c) => [c.studentName.split(' ')[0], c.guardianName, c.className])).toEqual([
      ['Алексеев', 'Алексеева Анна Петровна', '7Б'],
      ['Борисов', 'Борисов Олег Юрьевич', '7Б'], // the first by name of the two
      ['Дмитриев', 'Дмитриева Вера Андреевна', '7Б'],
    ]);
    // One user action, one transaction: the batch and its copies are one sync mutation.
    const muts = t.db.raw.prepare(`SELECT count(DISTINCT mutation_no) AS n FROM sync_change WHERE entity IN ('statement_batch', 'statement_copy')`).get() as { n: number };
    expect(muts.n).toBe(1);
  });

  it('shows 7А still lagging after 7Б alone was printed', async () => {
    const d = await t.call('statements.due');
    expect(d).toMatchObject({ overdue: true, dueOn: null, lagging: ['7А'] });
    expect(d.last).toMatchObject({ dateFrom: '2026-11-30', dateTo: '2026-12-06', className: '7Б' });
  });

  it('marks copies handed on a date, refusing a date before printing or in the future next to the field', async () => {
    const copies = (await t.call('statements.register', {}))[0]!.copies;
    const before = await dispatch(t.ctx, 'statements.markHanded', { copyIds: [copies[0]!.id], handedOn: '2026-12-08', handedTo: null });
    expect(before.ok ? null : before.error.problems).toEqual([{ column: 'handedOn', message: 'Раньше печати выписок (09.12.2026)' }]);
    const later = await dispatch(t.ctx, 'statements.markHanded', { copyIds: [copies[0]!.id], handedOn: '2026-12-10', handedTo: null });
    expect(later.ok ? null : later.error.problems).toEqual([{ column: 'handedOn', message: 'Дата 10.12.2026 ещё не наступила' }]);
    const typo = await dispatch(t.ctx, 'statements.markHanded', { copyIds: [copies[0]!.id], handedOn: '2026-13-01', handedTo: null });
    expect(typo.ok ? null : typo.error.problems?.[0]?.column).toBe('handedOn');
    expect((await t.call('statements.register', {}))[0]!.handed).toBe(0); // refused: nothing changed
    expect(await t.call('statements.markHanded', { copyIds: [copies[0]!.id, copies[1]!.id], handedOn: '2026-12-09', handedTo: 'Борисова М. О.' })).toEqual({ handed: 2 });
    const reg = (await t.call('statements.register', {}))[0]!;
    expect(reg.handed).toBe(2);
    expect(reg.copies.map((c) => c.handedOn)).toEqual(['2026-12-09', '2026-12-09', null]);
    expect(reg.copies[1]!.handedTo).toBe('Борисова М. О.');
  });

  it('counts the next batch from the oldest class coverage: due the day after the next week ends', async () => {
    await t.call('statements.print', {});
    const d = await t.call('statements.due');
    // Covered to 06.12 everywhere; the next week ends 13.12, so the batch is due on 14.12.
    expect(d).toMatchObject({ coveredTo: '2026-12-06', dueOn: '2026-12-14', overdue: false, lagging: ['7А', '7Б'] });
    // Had the batches covered only up to 29.11, the next would have been due on 07.12: overdue today.
    t.db.raw.prepare(`UPDATE statement_batch SET date_from = '2026-11-23', date_to = '2026-11-29'`).run();
    expect(await t.call('statements.due')).toMatchObject({ coveredTo: '2026-11-29', dueOn: '2026-12-07', overdue: true });
    t.db.raw.prepare(`UPDATE statement_batch SET date_from = '2026-11-30', date_to = '2026-12-06'`).run();
  });

  it('lets the secretary print and mark, the deputy and the director only look', async () => {
    const secretary = await as('secretary');
    const deputy = await as('deputy');
    const director = await as('director');
    expect((await dispatch(secretary, 'statements.preview', {})).ok).toBe(true);
    const r = await dispatch(secretary, 'statements.print', { classId: id['7А'] });
    expect(r.ok).toBe(true);
    for (const ctx of [deputy, director]) {
      expect((await dispatch(ctx, 'statements.register', {})).ok).toBe(true);
      const p = await dispatch(ctx, 'statements.print', {});
      expect(p.ok ? null : p.error.code).toBe('forbidden');
    }
    expect((await t.call('statements.register', {}))[0]).toMatchObject({ className: '7А', printedBy: 'Проверка secretary' });
  });

  it('refuses to print when no child in the class has a parent without e-access', async () => {
    await t.call('classes.createMany', { gradeFrom: 8, gradeTo: 8, letters: ['В'], shift: 1 });
    const c = (await t.call('classes.list')).find((x) => x.name === '8В')!;
    const r = await dispatch(t.ctx, 'statements.print', { classId: c.id });
    expect(r.ok ? null : r.error.message).toMatch(/В классе 8В нет учеников, чьи родители отказались от электронного дневника/);
  });
});
