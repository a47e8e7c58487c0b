// Сводная ведомость (issue 13 point 2; R16; docs/indicators.md «Сводная ведомость») against a small
// class made by hand: 7Б with a leaver, a newcomer, «осв.», «н/а», a зачёт subject, a «Без аттестации»
// subject and a double period mark; the PDF (read back with pdftotext, rendered with pdftoppm to
// tests/artifacts/summary/) and the XLSX (read back with ExcelJS); a deputy kept to their parallels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { dispatch } from '../../electron/core/dispatch';
import { Session } from '../../electron/core/auth/session';
import type { Ctx } from '../../electron/core/context';
import type { MarkValue } from '../../electron/api/enums';
import type { SummaryStatement } from '../../electron/api/summary';
import { uuidv7 } from '../../db/ids';
import { tempCore } from '../support/core';
import { resultBytes } from '../support/files';

const ART = join(import.meta.dirname, '../artifacts/summary');
const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');

let t: Awaited<ReturnType<typeof tempCore>>;
let deputy: Ctx;
const id: Record<string, string> = {};
let yearId = '';
const q: string[] = [];
let yearEnd = '';

const SUBJECTS = ['Русский язык', 'Алгебра', 'Физическая культура', 'Музыка'] as const;
const [RUS, ALG, PE, MUS] = SUBJECTS;
type Cells = (MarkValue | null)[]; // I, II, III, IV, год
// 7Б: each student's marks by subject: [I, II, III, IV, год].
const MARKS: Record<string, Partial<Record<(typeof SUBJECTS)[number], Cells>>> = {
  Алексеев: { [RUS]: ['5', '5', '5', '5', '5'], [ALG]: ['5', '4', '5', '5', '5'], [PE]: ['pass', 'pass', 'pass', 'pass', 'pass'], [MUS]: ['5', '5', '5', '5', '5'] },
  Борисов: { [RUS]: ['3', '3', null, null, null], [ALG]: ['4', '3', null, null, null], [PE]: ['pass', 'pass', null, null, null] }, // left 10.12: his «2 четверть» marks were given in his new class
  Васильева: { [RUS]: ['4', '4', '4', '4', '4'], [ALG]: ['3', '3', '4', '4', '4'], [PE]: ['exempt', 'exempt', 'exempt', 'exempt', 'exempt'] }, // came 20.11: «1 четверть» was in her old class
  Григорьев: { [RUS]: ['na', '3', '2', '3', '3'], [ALG]: ['2', '3', '3', 'na', 'na'], [PE]: ['fail', 'pass', 'pass', 'pass', 'pass'] },
  Дмитриева: {}, // no marks at all
};

function periodMark(student: string, subject: string, periodId: string | null, value: MarkValue, at: string) {
  t.db.raw
    .prepare(
      `INSERT INTO period_mark (id, created_at, updated_at, student_id, subject_id, year_id, period_id, value, entered_by, entered_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
    )
    .run(uuidv7(Date.parse(at)), at, at, student, subject, yearId, periodId, value, at);
}
const one = <R>(sql: string, ...p: unknown[]) => t.db.raw.prepare(sql).get(...p) as R;

beforeAll(async () => {
  t = await tempCore(() => new Date('2027-06-10T09:00:00Z'));
  const { call } = t;
  await call('app.createSchool', { fullName: 'МБОУ «Средняя общеобразовательная школа № 5»', shortName: 'Школа № 5' });
  await call('years.save', await call('years.suggest', { startYear: 2026 }));
  await call('subjects.addStandard');
  await call('classes.createMany', { gradeFrom: 7, gradeTo: 7, letters: ['Б'], shift: 1 });
  await call('classes.createMany', { gradeFrom: 10, gradeTo: 10, letters: ['А'], shift: 1 });
  for (const c of await call('classes.list')) id[c.name] = c.id;
  for (const s of await call('subjects.list')) id[s.name] = s.id;
  await call('curriculum.set', { cells: ['7Б', '10А'].flatMap((cls) => SUBJECTS.map((s) => ({ classId: id[cls]!, subjectId: id[s]!, hours: 2 }))) });
  t.db.raw.prepare(`UPDATE subject SET grading = 'pass_fail' WHERE id = ?`).run(id[PE]);
  t.db.raw.prepare(`UPDATE subject SET no_attestation = 1 WHERE id = ?`).run(id[MUS]);
  yearId = one<{ id: string }>(`SELECT id FROM academic_year`).id;
  for (const n of [1, 2, 3, 4]) q.push(one<{ id: string }>(`SELECT id FROM study_period WHERE name = ?`, `${n} четверть`).id);
  yearEnd = one<{ d: string }>(`SELECT max(end_date) AS d FROM study_period WHERE grade_from <= 7 AND grade_to >= 7`).d;

  for (const name of Object.keys(MARKS)) {
    const female = name.endsWith('а');
    id[name] = (
      await call('students.save', {
        lastName: name, firstName: female ? 'Анна' : 'Иван', middleName: null, birthDate: '2013-03-01', gender: female ? 'f' : 'm', snils: null,
        classId: id['7Б'], classFrom: '2026-09-01', address: null, personalFileNo: null, guardians: [],
      })
    ).id;
  }
  t.db.raw.prepare(`UPDATE class_membership SET date_to = '2026-12-10' WHERE student_id = ?`).run(id['Борисов']);
  t.db.raw.prepare(`UPDATE class_membership SET date_from = '2026-11-20' WHERE student_id = ?`).run(id['Васильева']);
  for (const [name, bySubject] of Object.entries(MARKS))
    for (const [subject, cells] of Object.entries(bySubject))
      cells!.forEach((v, k) => v && periodMark(id[name]!, id[subject]!, k < 4 ? q[k]! : null, v, '2026-12-25T10:00:00.000Z'));
  // Marks the statement must not show: Борисов's «2 четверть» (given after he left), Васильева's «1 четверть» (before she came).
  periodMark(id['Борисов']!, id[RUS]!, q[1]!, '2', '2026-12-25T10:00:00.000Z');
  // A double mark: Алексеев's «2 четверть» Алгебра «5» entered before the «4» — the «4», entered last, counts.
  periodMark(id['Алексеев']!, id[ALG]!, q[1]!, '5', '2026-12-24T10:00:00.000Z');

  const card = await call('staff.save', {
    lastName: 'Соколова', firstName: 'Елена', middleName: 'Ивановна', birthDate: null, gender: 'f', snils: null, phone: null, email: null,
    position: 'Заместитель директора по УВР', roles: ['deputy'], deputyGrades: [5, 6, 7, 8, 9], subjects: [], rateHours: 0,
  });
  const { password } = await call('users.save', { staffId: card.id, login: 'zam', role: 'deputy', deputyGrades: [5, 6, 7, 8, 9] });
  deputy = { ...t.ctx, session: new Session(false) };
  expect((await dispatch(deputy, 'auth.login', { login: 'zam', password })).ok).toBe(true);
  mkdirSync(ART, { recursive: true });
}, 180_000);
afterAll(() => t?.cleanup());

/** A student's row as [I, II, III, IV, год] per subject, '' for an empty cell. */
const cells = (st: SummaryStatement, name: string, subject: string) => {
  const s = st.students.find((x) => x.name.startsWith(name))!;
  return st.periods.map((p) => s.marks[id[subject]!]?.[p.key] ?? '');
};

describe('сводная ведомость: 7Б, by hand', () => {
  it('lists everyone of the year by name, numbered, with the leaver and the newcomer named, and the marks as written', async () => {
    const st = await t.call('summary.get', { classId: id['7Б']! });
    expect(st).toMatchObject({ kind: 'periods', className: '7Б', grade: 7, yearName: '2026/2027' });
    expect(st.periods.map((p) => [p.name, p.short])).toEqual([
      ['1 четверть', 'I'],
      ['2 четверть', 'II'],
      ['3 четверть', 'III'],
      ['4 четверть', 'IV'],
      ['Год', 'год'],
    ]);
    // The curriculum's attested subjects in the school's order; Музыка («Без аттестации») named apart.
    expect(st.subjects.map((s) => [s.name, s.grading])).toEqual([
      [RUS, 'five_point'],
      [ALG, 'five_point'],
      [PE, 'pass_fail'],
    ]);
    expect(st.notAttested).toEqual([MUS]);
    expect(st.students.map((s) => [s.no, s.name, s.note])).toEqual([
      [1, 'Алексеев Иван', null],
      [2, 'Борисов Иван', 'выбыл 10.12.2026'],
      [3, 'Васильева Анна', 'прибыла 20.11.2026'],
      [4, 'Григорьев Иван', null],
      [5, 'Дмитриева Анна', null],
    ]);
    expect(cells(st, 'Алексеев', RUS)).toEqual(['5', '5', '5', '5', '5']);
    expect(cells(st, 'Алексеев', ALG)).toEqual(['5', '4', '5', '5', '5']); // the «4» entered last
    expect(cells(st, 'Алексеев', PE)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
    expect(st.students[0]!.marks[id[MUS]!]).toBeUndefined();
    // Борисов: «1 четверть» only — on 7Б's list on its last day; the «2 четверть» marks were given after he left.
    expect(cells(st, 'Борисов', RUS)).toEqual(['3', '', '', '', '']);
    expect(cells(st, 'Борисов', ALG)).toEqual(['4', '', '', '', '']);
    // Васильева: from «2 четверть»; осв. as written.
    expect(cells(st, 'Васильева', ALG)).toEqual(['', '3', '4', '4', '4']);
    expect(cells(st, 'Васильева', PE)).toEqual(['', 'exempt', 'exempt', 'exempt', 'exempt']);
    expect(cells(st, 'Григорьев', RUS)).toEqual(['na', '3', '2', '3', '3']);
    expect(cells(st, 'Григорьев', ALG)).toEqual(['2', '3', '3', 'na', 'na']);
    expect(cells(st, 'Григорьев', PE)).toEqual(['fail', 'pass', 'pass', 'pass', 'pass']);
    expect(cells(st, 'Дмитриева', RUS)).toEqual(['', '', '', '', '']);
  });

  it('the year statement: those on the list at the year end, the year marks only', async () => {
    const st = await t.call('summary.get', { classId: id['7Б']!, year: true });
    expect(st.kind).toBe('year');
    expect(st.title).toBe('Сводная ведомость итогов промежуточной аттестации за учебный год');
    expect(st.periods).toEqual([{ key: 'year', name: 'Год', short: 'год', endDate: yearEnd }]);
    expect(st.students.map((s) => [s.no, s.name, s.note])).toEqual([
      [1, 'Алексеев Иван', null],
      [2, 'Васильева Анна', null],
      [3, 'Григорьев Иван', null],
      [4, 'Дмитриева Анна', null],
    ]);
    expect(cells(st, 'Григорьев', ALG)).toEqual(['na']);
    expect(cells(st, 'Васильева', PE)).toEqual(['exempt']);
  });

  it('prints the statement as PDF (landscape, signature lines, М. П., the date) and as XLSX with the same marks', async () => {
    for (const year of [false, true]) {
      const f = await t.call('summary.pdf', { classId: id['7Б']!, year });
      const path = join(ART, `summary-7b${year ? '-year' : ''}.pdf`);
      writeFileSync(path, resultBytes(t.ctx.session, f));
      execFileSync('pdftoppm', ['-png', '-r', '70', path, path.replace(/\.pdf$/, '')]);
      const text = pdfText(path);
      expect(text).toContain('МБОУ «Средняя общеобразовательная школа № 5»');
      expect(text).toContain(year ? 'Сводная ведомость итогов промежуточной аттестации за учебный год' : 'Сводная ведомость учёта успеваемости');
      expect(text).toContain('Класс 7Б, 2026/2027 учебный год');
      expect(text).toContain('Григорьев Иван');
      expect(text.includes('Борисов Иван')).toBe(!year);
      if (!year) expect(text).toContain('выбыл 10.12.2026');
      expect(text).toContain('Без аттестации (не оцениваются): Музыка.');
      expect(text).toContain('Классный руководитель ____________');
      expect(text).toContain('Заместитель директора ____________');
      expect(text).toContain('Директор ____________');
      expect(text).toContain('М. П.');
      expect(text).toContain('Дата формирования: 10.06.2027');
      expect(text).toMatch(/Лист 1 из \d/);
      const size = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
      expect(size).toMatch(/Page size:\s+841\.89 x 595\.27\d* pts \(A4\)/); // A4 landscape
    }
    const x = await t.call('summary.xlsx', { classId: id['7Б']! });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(resultBytes(t.ctx.session, x) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.getCell(5, 3).value).toBe(RUS);
    expect([3, 4, 5, 6, 7].map((c) => ws.getCell(6, c).value)).toEqual(['I', 'II', 'III', 'IV', 'год']);
    // Row 7 is Алексеев; Григорьев (row 10): Алгебра = columns 8…12.
    expect(ws.getCell(7, 2).value).toBe('Алексеев Иван');
    expect(ws.getCell(10, 2).value).toBe('Григорьев Иван');
    expect([8, 9, 10, 11, 12].map((c) => ws.getCell(10, c).value)).toEqual([2, 3, 3, 'н/а', 'н/а']);
    expect([13, 14].map((c) => ws.getCell(10, c).value)).toEqual(['незач', 'зач']);
    expect(ws.getCell(9, 13).value).toBeNull();
    expect(ws.getCell(9, 14).value).toBe('осв.');
    expect(ws.getCell(8, 18).value).toBe('выбыл 10.12.2026');
  });

  it('keeps a deputy to their parallels', async () => {
    const mine = await dispatch(deputy, 'summary.get', { classId: id['7Б']! });
    expect(mine.ok).toBe(true);
    const other = await dispatch(deputy, 'summary.get', { classId: id['10А']! });
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.error.message).toContain('класс 10А');
  });
});
