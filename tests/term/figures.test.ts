// The term report (issue 13 point 1; docs/indicators.md «The term report») against a small school
// computed by hand: 7Б covers every edge case, 7А makes parallel 7 two classes, 10А a parallel the
// deputy (5–9) may not see. The school is set up through the API; the period marks and the dated
// memberships are written straight into SQLite, as sync and the contingent's history leave them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import { Session } from '../../electron/core/auth/session';
import type { Ctx } from '../../electron/core/context';
import type { MarkValue } from '../../electron/api/enums';
import type { TermList } from '../../electron/api/term';
import type { OpInput, OpName, OpOutput } from '../../electron/api/contract';
import { AppError } from '../../electron/api/errors';
import { uuidv7 } from '../../db/ids';
import { tempCore } from '../support/core';

let t: Awaited<ReturnType<typeof tempCore>>;
let deputy: Ctx;
const id: Record<string, string> = {};
let yearId = '';
let q1 = '';
let q2 = '';
let q2end = '';

const SUBJECTS = ['Алгебра', 'Русский язык', 'История', 'Физическая культура', 'Музыка'] as const;
const [ALG, RUS, HIST, PE, MUS] = SUBJECTS;
type Row = [string, ...(MarkValue | null)[]];
// 7Б in «2 четверть»: Алгебра, Русский язык, История (five-point), Физическая культура (зачёт), Музыка («Без аттестации»).
const B7: Row[] = [
  ['Алексеев', '5', '5', '5', 'pass', '3'], // отличник (Алгебра: a «4» replaced by a «5» entered later; Музыка is left out)
  ['Борисов', '4', '5', '5', 'pass', null], // хорошист with one «4»
  ['Васильев', '4', '4', '5', 'pass', null], // хорошист with two «4»
  ['Григорьев', '3', '4', '5', 'pass', null], // на «3» with one «3»
  ['Дмитриев', '2', '3', '5', 'fail', null], // неуспевающий: Алгебра, Физическая культура («незач»)
  ['Егоров', '4', '5', 'na', 'pass', null], // н/а: История
  ['Жуков', '5', '5', '4', 'exempt', null], // хорошист with one «4», осв.: Физическая культура
  ['Зайцев', null, null, null, null, null], // no marks: counted, not in N
  ['Иванов', '2', '2', '2', 'fail', null], // left 10.12, before the period's end: not counted
  ['Кузнецов', '3', '3', '4', 'pass', null], // came 20.11: counted, на «3» with two «3»
  ['Лебедев', 'exempt', 'exempt', 'exempt', 'exempt', null], // exempt from every attested subject: not in N
];
const A7: Row[] = [
  ['Андреева', '5', '5', '5', 'pass', null], // отличница
  ['Белова', '2', '5', '5', 'pass', null], // неуспевающая: Алгебра
  ['Волкова', '4', '4', '4', 'pass', null], // хорошистка
];

/** The deputy's call: the result, or the refusal thrown as an AppError. */
async function asDeputy<N extends OpName>(name: N, input: OpInput<N>): Promise<OpOutput<N>> {
  const r = await dispatch(deputy, name, input);
  if (!r.ok) throw new AppError(r.error.code, r.error.message);
  return r.result as OpOutput<N>;
}

const names = (l: TermList) => l.students.map((s) => s.name.split(' ')[0]);
const one = <R>(sql: string, ...p: unknown[]) => t.db.raw.prepare(sql).get(...p) as R;

function periodMark(student: string, subject: string, periodId: string | null, value: MarkValue, at: string) {
  t.db.raw
    .prepare(
      `INSERT INTO period_mark (id, created_at, updated_at, student_id, subject_id, year_id, period_id, value, entered_by, entered_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
    )
    .run(uuidv7(Date.parse(at)), at, at, student, subject, yearId, periodId, value, at);
}

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
  await call('curriculum.set', { cells: ['7А', '7Б', '10А'].flatMap((cls) => SUBJECTS.map((s) => ({ classId: id[cls]!, subjectId: id[s]!, hours: 2 }))) });
  t.db.raw.prepare(`UPDATE subject SET grading = 'pass_fail' WHERE id = ?`).run(id[PE]);
  t.db.raw.prepare(`UPDATE subject SET no_attestation = 1 WHERE id = ?`).run(id[MUS]);
  yearId = one<{ id: string }>(`SELECT id FROM academic_year`).id;
  const q = (name: string) => one<{ id: string; end_date: string }>(`SELECT id, end_date FROM study_period WHERE name = ?`, name);
  q1 = q('1 четверть').id;
  q2 = q('2 четверть').id;
  q2end = q('2 четверть').end_date;
  expect(q2end >= '2026-12-20').toBe(true); // the leaver's 10.12 and the newcomer's 20.11 fall inside «2 четверть»

  const student = async (cls: string, lastName: string) =>
    (id[lastName] = (
      await call('students.save', { lastName, firstName: 'Тест', middleName: null, birthDate: '2013-03-01', gender: 'm', snils: null, classId: id[cls], classFrom: '2026-09-01', address: null, personalFileNo: null, guardians: [] })
    ).id);
  for (const [name] of B7) await student('7Б', name);
  for (const [name] of A7) await student('7А', name);
  await student('10А', 'Яковлев');
  t.db.raw.prepare(`UPDATE class_membership SET date_to = '2026-12-10' WHERE student_id = ?`).run(id['Иванов']);
  t.db.raw.prepare(`UPDATE class_membership SET date_from = '2026-11-20' WHERE student_id = ?`).run(id['Кузнецов']);

  for (const [name, ...marks] of [...B7, ...A7])
    marks.forEach((v, k) => v && periodMark(id[name]!, id[SUBJECTS[k]!]!, q2, v, '2026-12-25T10:00:00.000Z'));
  // A double period mark: the «4» entered first is replaced by the «5» entered after it.
  periodMark(id['Алексеев']!, id[ALG]!, q2, '4', '2026-12-24T10:00:00.000Z');
  // «1 четверть»: Алгебра only; Алексеев «5», Иванов (still in 7Б then) «2».
  periodMark(id['Алексеев']!, id[ALG]!, q1, '5', '2026-10-23T10:00:00.000Z');
  periodMark(id['Иванов']!, id[ALG]!, q1, '2', '2026-10-23T10:00:00.000Z');
  periodMark(id['Яковлев']!, id[ALG]!, null, '3', '2027-05-25T10:00:00.000Z');

  const card = await call('staff.save', {
    lastName: 'Соколова', firstName: 'Елена', middleName: 'Ивановна', birthDate: null, gender: 'f', snils: null, phone: null, email: null,
    position: 'Заместитель директора по УВР', roles: ['deputy'], deputyGrades: [5, 6, 7, 8, 9], subjects: [], rateHours: 0,
  });
  const { password } = await call('users.save', { staffId: card.id, login: 'zam', role: 'deputy', deputyGrades: [5, 6, 7, 8, 9] });
  deputy = { ...t.ctx, session: new Session(false) };
  expect((await dispatch(deputy, 'auth.login', { login: 'zam', password })).ok).toBe(true);
}, 180_000);
afterAll(() => t?.cleanup());

describe('term report: 7Б, «2 четверть», by hand', () => {
  it('counts the students on the list on the last day, puts each in one category, and computes the percentages', async () => {
    const r = await t.call('term.report', { periodId: q2, scope: 'class', classId: id['7Б'] });
    expect(r.period).toMatchObject({ id: q2, name: '2 четверть', endDate: q2end });
    expect(r.scope).toEqual({ kind: 'class', name: '7Б', classId: id['7Б'], grade: 7 });
    const f = r.figures;
    // Counted: everyone but Иванов (left 10.12) — 10; N: less Зайцев (no marks) and Лебедев (осв. everywhere) — 8.
    expect(names(f.counted)).toEqual(['Алексеев', 'Борисов', 'Васильев', 'Григорьев', 'Дмитриев', 'Егоров', 'Жуков', 'Зайцев', 'Кузнецов', 'Лебедев']);
    expect(f.counted.count).toBe(10);
    expect(names(f.n)).toEqual(['Алексеев', 'Борисов', 'Васильев', 'Григорьев', 'Дмитриев', 'Егоров', 'Жуков', 'Кузнецов']);
    expect(f.n.count).toBe(8);
    expect(names(f.notInN)).toEqual(['Зайцев', 'Лебедев']);
    expect(names(f.excellent)).toEqual(['Алексеев']); // the later «5» counts, Музыка «3» does not
    expect(names(f.good)).toEqual(['Борисов', 'Васильев', 'Жуков']);
    expect(names(f.oneFour)).toEqual(['Борисов', 'Жуков']);
    expect(names(f.satisfactory)).toEqual(['Григорьев', 'Кузнецов']);
    expect(names(f.oneThree)).toEqual(['Григорьев']);
    expect(f.failing.students).toEqual([{ id: id['Дмитриев'], name: 'Дмитриев Тест', className: '7Б', subjects: [ALG, PE] }]);
    expect(f.notAttested.students).toEqual([{ id: id['Егоров'], name: 'Егоров Тест', className: '7Б', subjects: [HIST] }]);
    expect(f.exempt.students.map((s) => [s.name, s.subjects])).toEqual([
      ['Жуков Тест', [PE]],
      ['Лебедев Тест', [RUS, ALG, HIST, PE]], // in the school's order of subjects
    ]);
    // Успеваемость (1 + 3 + 2)·100/8 = 75; качество (1 + 3)·100/8 = 50.
    expect(f.progress).toBe(75);
    expect(f.quality).toBe(50);
    // The five-point marks (Алгебра, Русский язык, История) of the counted: «5» 11, «4» 7, «3» 4, «2» 1, «н/а» 1.
    expect(f.marks).toEqual({ '5': 11, '4': 7, '3': 4, '2': 1, na: 1 });
    // СОУ (11·100 + 7·64 + 4·36 + 1·16 + 1·7)/24 = 1715/24 = 71.458… → 71.5; средний балл 97/23 = 4.217… → 4.22.
    expect(f.sou).toBe(71.5);
    expect(f.average).toBe(4.22);
    expect(r.classes.map((c) => c.className)).toEqual(['7Б']);
    expect(r.classes[0]!.figures).toEqual(f);
  });

  it('is a job: listed to the session that made it, with its title, done', async () => {
    await t.call('term.report', { periodId: q2, scope: 'class', classId: id['7Б'] });
    const jobs = await t.call('jobs.list', {});
    expect(jobs.find((j) => j.op === 'term.report')).toMatchObject({ title: 'Отчёт за период', state: 'done', done: 3, total: 3 });
  });

  it('gives the same figures by subject, «Без аттестации» left out, a зачёт subject by «зач»', async () => {
    const r = await t.call('term.report', { periodId: q2, scope: 'class', classId: id['7Б'] });
    expect(r.subjects.map((s) => s.subject)).toEqual([RUS, ALG, HIST, PE]); // the school's order of subjects
    const by = Object.fromEntries(r.subjects.map((s) => [s.subject, s]));
    const counts = (s: (typeof r.subjects)[number]) => Object.fromEntries(Object.entries(s.marks).map(([k, l]) => [k, l.count]));
    // Алгебра: 5 ×2, 4 ×3, 3 ×2, 2 ×1, осв. ×1; N 8; 7·100/8 = 87.5; 5·100/8 = 62.5; СОУ (200 + 192 + 72 + 16)/8 = 60; 30/8 = 3.75.
    expect(counts(by[ALG]!)).toEqual({ '5': 2, '4': 3, '3': 2, '2': 1, na: 0, exempt: 1, pass: 0, fail: 0 });
    expect(names(by[ALG]!.marks['2'])).toEqual(['Дмитриев']);
    expect(names(by[ALG]!.marks['5'])).toEqual(['Алексеев', 'Жуков']);
    expect(by[ALG]).toMatchObject({ grading: 'five_point', n: 8, progress: 87.5, quality: 62.5, sou: 60, average: 3.75 });
    // Русский язык: 5 ×4, 4 ×2, 3 ×2; N 8; 100; 75; СОУ (400 + 128 + 72)/8 = 75; 34/8 = 4.25.
    expect(counts(by[RUS]!)).toEqual({ '5': 4, '4': 2, '3': 2, '2': 0, na: 0, exempt: 1, pass: 0, fail: 0 });
    expect(by[RUS]).toMatchObject({ n: 8, progress: 100, quality: 75, sou: 75, average: 4.25 });
    // История: 5 ×5, 4 ×2, н/а ×1; N 8; 87.5; 87.5; СОУ (500 + 128 + 7)/8 = 79.375 → 79.4; 33/7 = 4.714… → 4.71.
    expect(counts(by[HIST]!)).toEqual({ '5': 5, '4': 2, '3': 0, '2': 0, na: 1, exempt: 1, pass: 0, fail: 0 });
    expect(names(by[HIST]!.marks.na)).toEqual(['Егоров']);
    expect(by[HIST]).toMatchObject({ n: 8, progress: 87.5, quality: 87.5, sou: 79.4, average: 4.71 });
    // Физическая культура (зачёт): зач ×6, незач ×1, осв. ×2; N 7; 6·100/7 = 85.714… → 85.7; no качество, СОУ, средний балл.
    expect(counts(by[PE]!)).toEqual({ '5': 0, '4': 0, '3': 0, '2': 0, na: 0, exempt: 2, pass: 6, fail: 1 });
    expect(by[PE]).toMatchObject({ grading: 'pass_fail', n: 7, progress: 85.7, quality: null, sou: null, average: null });
  });

  it('compares with the previous period (the leaver counted then, the newcomer not yet) and has no year ago', async () => {
    const r = await t.call('term.report', { periodId: q2, scope: 'class', classId: id['7Б'] });
    expect(r.previous?.period).toMatchObject({ id: q1, name: '1 четверть' });
    expect(r.previous?.scopeName).toBe('7Б');
    const p = r.previous!.figures;
    // On 1 четверть's last day: 7Б less Кузнецов, with Иванов — 10; N: Алексеев «5», Иванов «2» — 2.
    expect(p.counted.count).toBe(10);
    expect(names(p.counted)).toContain('Иванов');
    expect(names(p.counted)).not.toContain('Кузнецов');
    expect(names(p.n)).toEqual(['Алексеев', 'Иванов']);
    expect(names(p.excellent)).toEqual(['Алексеев']);
    expect(p.failing.students.map((s) => [s.name, s.subjects])).toEqual([['Иванов Тест', [ALG]]]);
    expect([p.progress, p.quality, p.sou, p.average]).toEqual([50, 50, 58, 3.5]); // СОУ (100 + 16)/2 = 58; (5 + 2)/2 = 3.5
    expect(r.yearAgo).toBeNull(); // no year before 2026/27
    const first = await t.call('term.report', { periodId: q1, scope: 'class', classId: id['7Б'] });
    expect(first.previous).toBeNull();
  });
});

describe('term report: a parallel, the school, the year, a deputy', () => {
  it('adds up parallel 7 from its two classes, each class with its own figures', async () => {
    const r = await t.call('term.report', { periodId: q2, scope: 'parallel', grade: 7 });
    expect(r.scope).toMatchObject({ kind: 'parallel', name: 'Параллель 7', grade: 7 });
    expect(r.classes.map((c) => [c.className, c.figures.counted.count, c.figures.n.count])).toEqual([
      ['7А', 3, 3],
      ['7Б', 10, 8],
    ]);
    const f = r.figures;
    expect([f.counted.count, f.n.count, f.excellent.count, f.good.count, f.satisfactory.count, f.failing.count, f.notAttested.count]).toEqual([13, 11, 2, 4, 2, 2, 1]);
    expect(f.failing.students.map((s) => [s.name, s.className])).toEqual([
      ['Белова Тест', '7А'],
      ['Дмитриев Тест', '7Б'],
    ]);
    // 8·100/11 = 72.727… → 72.7; 6·100/11 = 54.545… → 54.5.
    expect([f.progress, f.quality]).toEqual([72.7, 54.5]);
    // «5» 11 + 5, «4» 7 + 3, «3» 4, «2» 1 + 1, «н/а» 1: (1600 + 640 + 144 + 32 + 7)/33 = 73.42… → 73.4; 136/32 = 4.25.
    expect(f.marks).toEqual({ '5': 16, '4': 10, '3': 4, '2': 2, na: 1 });
    expect([f.sou, f.average]).toEqual([73.4, 4.25]);
    expect(r.subjects.find((s) => s.subject === ALG)!.marks['2'].count).toBe(2);
  });

  it('the year: year marks, every class of the school; options offer each period with its parallels', async () => {
    const y = await t.call('term.report', { year: true, scope: 'school' });
    expect(y.period).toMatchObject({ id: null, name: 'Год' });
    expect(y.classes.map((c) => c.className)).toEqual(['7А', '7Б', '10А']);
    expect(y.figures.n.count).toBe(1); // Яковлев's year mark «3»
    expect(names(y.figures.oneThree)).toEqual(['Яковлев']);
    expect(y.previous).toBeNull();
    const o = await t.call('term.options', {});
    expect(o.yearId).toBe(yearId);
    expect(o.periods.find((p) => p.id === q2)?.grades).toEqual([7]);
    expect(o.periods.find((p) => p.name === '1 полугодие')?.grades).toEqual([10]);
    expect(o.periods.at(-1)).toMatchObject({ id: null, name: 'Год', kind: 'year', grades: [7, 10] });
    expect(o.currentPeriodId).not.toBeNull();
  });

  it('refuses a period another parallel does not have, and an incomplete choice', async () => {
    await expect(t.call('term.report', { periodId: q2, scope: 'class', classId: id['10А'] })).rejects.toThrow('Период «2 четверть» не относится к классу 10А');
    await expect(t.call('term.report', { scope: 'school' })).rejects.toThrow('Укажите период отчёта');
    await expect(t.call('term.report', { periodId: q2, year: true, scope: 'school' })).rejects.toThrow('Укажите период отчёта');
    await expect(t.call('term.report', { periodId: q2, scope: 'parallel' })).rejects.toThrow('Укажите параллель');
  });

  it('a deputy for 5–9 sees their parallels only: another parallel refused in Russian, the school is theirs', async () => {
    await expect(asDeputy('term.report', { year: true, scope: 'class', classId: id['10А'] })).rejects.toMatchObject({
      code: 'forbidden',
      message: 'Вы отвечаете за параллели 5–9, класс 10А к ним не относится.',
    });
    await expect(asDeputy('term.report', { year: true, scope: 'parallel', grade: 10 })).rejects.toMatchObject({
      code: 'forbidden',
      message: 'Вы отвечаете за параллели 5–9, а отчёт затрагивает параллель 10.',
    });
    const s = await asDeputy('term.report', { year: true, scope: 'school' });
    expect(s.classes.map((c) => c.className)).toEqual(['7А', '7Б']);
    expect(s.scope.name).toBe('Школа (параллели 5–9)');
    expect((await asDeputy('term.report', { periodId: q2, scope: 'class', classId: id['7Б'] })).figures.progress).toBe(75);
    const o = await asDeputy('term.options', {});
    expect(o.classes.map((c) => c.name)).toEqual(['7А', '7Б']);
    expect(o.periods.at(-1)?.grades).toEqual([7]);
  });
});

describe('term report: the same period a year ago', () => {
  it('compares 7Б with last year\'s 6Б, parallel 7 with 6, the school with the school', async () => {
    // Last year, written as sync and the contingent's history would leave it: 2025/26 with its
    // «2 четверть», 6Б with Алексеев and Борисов (left for 7Б in June), Русский язык «5» and «3».
    const at = '2025-08-20T09:00:00.000Z';
    const ins = (sql: string, ...p: unknown[]) => t.db.raw.prepare(sql).run(...p);
    ins(`INSERT INTO academic_year (id, created_at, updated_at, name, start_date, end_date) VALUES ('y25', ?, ?, '2025/2026', '2025-09-01', '2026-08-31')`, at, at);
    ins(
      `INSERT INTO study_period (id, created_at, updated_at, year_id, kind, number, name, start_date, end_date, grade_from, grade_to)
       VALUES ('q25', ?, ?, 'y25', 'quarter', 2, '2 четверть', '2025-11-05', '2025-12-28', 1, 9)`,
      at, at,
    );
    ins(`INSERT INTO school_class (id, created_at, updated_at, year_id, grade, letter) VALUES ('c6b', ?, ?, 'y25', 6, 'Б')`, at, at);
    ins(`INSERT INTO curriculum_item (id, created_at, updated_at, class_id, subject_id, hours_per_week) VALUES ('ci6b', ?, ?, 'c6b', ?, 5)`, at, at, id[RUS]);
    for (const [k, who, mark] of [[1, 'Алексеев', '5'], [2, 'Борисов', '3']] as const) {
      ins(
        `INSERT INTO class_membership (id, created_at, updated_at, student_id, class_id, date_from, date_to) VALUES (?, ?, ?, ?, 'c6b', '2025-09-01', '2026-06-01')`,
        `m6b-${k}`, at, at, id[who],
      );
      ins(
        `INSERT INTO period_mark (id, created_at, updated_at, student_id, subject_id, year_id, period_id, value, entered_at) VALUES (?, ?, ?, ?, ?, 'y25', 'q25', ?, ?)`,
        `pm6b-${k}`, at, at, id[who], id[RUS], mark, '2025-12-26T10:00:00.000Z',
      );
    }
    const expectLastYear = (c: Awaited<ReturnType<typeof t.call<'term.report'>>>['yearAgo'], scopeName: string) => {
      expect(c?.period).toMatchObject({ id: 'q25', name: '2 четверть' });
      expect(c?.scopeName).toBe(scopeName);
      const f = c!.figures;
      // N 2: Алексеев «5» (отличник), Борисов «3» (на «3», one «3»); успеваемость 2·100/2 = 100, качество 1·100/2 = 50; СОУ (100 + 36)/2 = 68; (5 + 3)/2 = 4.
      expect(names(f.counted)).toEqual(['Алексеев', 'Борисов']);
      expect([names(f.excellent), names(f.oneThree)]).toEqual([['Алексеев'], ['Борисов']]);
      expect([f.progress, f.quality, f.sou, f.average]).toEqual([100, 50, 68, 4]);
    };
    expectLastYear((await t.call('term.report', { periodId: q2, scope: 'class', classId: id['7Б'] })).yearAgo, '6Б');
    expectLastYear((await t.call('term.report', { periodId: q2, scope: 'parallel', grade: 7 })).yearAgo, 'Параллель 6');
    expectLastYear((await t.call('term.report', { periodId: q2, scope: 'school' })).yearAgo, 'Школа');
    // 7А had no 6А last year: nothing to compare with.
    expect((await t.call('term.report', { periodId: q2, scope: 'class', classId: id['7А'] })).yearAgo).toBeNull();
  });
});

describe('term report: the dynamics across the year', () => {
  const EMPTY = { '5': 0, '4': 0, '3': 0, '2': 0, na: 0 };
  it('gives 7Б\'s figures in «1 четверть» and «2 четверть» (up to the chosen one), the numbers only', async () => {
    const d = await t.call('term.dynamics', { periodId: q2, scope: 'class', classId: id['7Б'] });
    expect(d.scope).toEqual({ kind: 'class', name: '7Б', classId: id['7Б'], grade: 7 });
    expect(d.points.map((p) => p.period.name)).toEqual(['1 четверть', '2 четверть']);
    // «1 четверть»: 10 counted (Иванов still there, Кузнецов not yet); N 2: Алексеев «5», Иванов «2» (Алгебра).
    expect(d.points[0]!.figures).toEqual({
      counted: 10, n: 2, excellent: 1, good: 0, oneFour: 0, satisfactory: 0, oneThree: 0, failing: 1, notAttested: 0, exempt: 0,
      progress: 50, quality: 50, sou: 58, average: 3.5, marks: { ...EMPTY, '5': 1, '2': 1 },
    });
    // «2 четверть»: the hand-computed figures above (counted 10, N 8, 1 + 3 + 2 успевают…).
    expect(d.points[1]!.figures).toEqual({
      counted: 10, n: 8, excellent: 1, good: 3, oneFour: 2, satisfactory: 2, oneThree: 1, failing: 1, notAttested: 1, exempt: 2,
      progress: 75, quality: 50, sou: 71.5, average: 4.22, marks: { '5': 11, '4': 7, '3': 4, '2': 1, na: 1 },
    });
    const first = await t.call('term.dynamics', { periodId: q1, scope: 'class', classId: id['7Б'] });
    expect(first.points.map((p) => p.period.name)).toEqual(['1 четверть']);
  });

  it('the year of the school: the quarters most of its classes have, then the year; a deputy\'s of their parallels', async () => {
    const d = await t.call('term.dynamics', { year: true, scope: 'school' });
    expect(d.points.map((p) => p.period.name)).toEqual(['1 четверть', '2 четверть', '3 четверть', '4 четверть', 'Год']);
    // Parallel 7 in «2 четверть»: 13 counted, N 11, успеваемость 8·100/11 → 72.7 (10А has no quarters).
    expect(d.points[1]!.figures).toMatchObject({ counted: 13, n: 11, progress: 72.7, quality: 54.5 });
    // «3 четверть», «4 четверть»: 7А 3 + 7Б 10 (Иванов left) counted, no marks: N 0, no percentages.
    expect(d.points[2]!.figures).toEqual({
      counted: 13, n: 0, excellent: 0, good: 0, oneFour: 0, satisfactory: 0, oneThree: 0, failing: 0, notAttested: 0, exempt: 0,
      progress: null, quality: null, sou: null, average: null, marks: EMPTY,
    });
    // The year: 7А 3 + 7Б 10 + 10А 1 counted; Яковлев's year mark «3»: N 1, на «3» with one «3»; СОУ 36, средний балл 3.
    expect(d.points[4]!.figures).toEqual({
      counted: 14, n: 1, excellent: 0, good: 0, oneFour: 0, satisfactory: 1, oneThree: 1, failing: 0, notAttested: 0, exempt: 0,
      progress: 100, quality: 0, sou: 36, average: 3, marks: { ...EMPTY, '3': 1 },
    });
    const half = await t.call('term.dynamics', { year: true, scope: 'class', classId: id['10А'] });
    expect(half.points.map((p) => [p.period.name, p.figures.counted, p.figures.n])).toEqual([
      ['1 полугодие', 1, 0],
      ['2 полугодие', 1, 0],
      ['Год', 1, 1],
    ]);
    const mine = await asDeputy('term.dynamics', { year: true, scope: 'school' });
    expect(mine.scope.name).toBe('Школа (параллели 5–9)');
    expect(mine.points.at(-1)!.figures).toMatchObject({ counted: 13, n: 0 });
    await expect(asDeputy('term.dynamics', { year: true, scope: 'class', classId: id['10А'] })).rejects.toMatchObject({ code: 'forbidden' });
  });
});
