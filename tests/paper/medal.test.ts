// The statement for the medal commission (issue 14 point 5) on a small school in real SQLite: the
// year 2025/2026 with 10А, the year 2026/2027 with 11А (the same students moved up, and a newcomer)
// and 10Б; period marks written straight in (as sync brings them). Checked by hand: I степени
// (all «5»), II (two «4», one of them a 4.5 rounded up to «5»), not a candidate (three «4»; a «3»,
// naming the subject), a missing mark named, the newcomer «нет данных за 10 класс», the previous
// year missing; the PDF (qpdf --check, pdffonts, pdftotext: the names and finals; pdftoppm) and the
// XLSX (ExcelJS and LibreOffice); medalStatementFiles for the archive; the picker's refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { MarkValue } from '../../electron/api/enums';
import type { MedalStatement } from '../../electron/api/paperMedal';
import { uuidv7 } from '../../db/ids';
import { dispatch } from '../../electron/core/dispatch';
import { medalStatementFiles } from '../../electron/core/paper/medal/files';
import { tempCore } from '../support/core';
import { resultBytes } from '../support/files';
import { calcSheets, ensureSoffice } from '../support/libreoffice';

const ART = join(import.meta.dirname, '../artifacts/paper-medal');
const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');

let t: Awaited<ReturnType<typeof tempCore>>;
const id: Record<string, string> = {};
const year: Record<'prev' | 'cur', string> = { prev: '', cur: '' };
const half: Record<string, string> = {};

const RUS = 'Русский язык';
const LIT = 'Литература';
const ALG = 'Алгебра';
const CHEM = 'Химия';
const PE = 'Физическая культура';
const SUBJECTS = [RUS, LIT, ALG, CHEM, PE];

type Six = (MarkValue | null)[]; // 10: I, II, год; 11: I, II, год
const ALL5: Six = ['5', '5', '5', '5', '5', '5'];
const PASS: Six = ['pass', 'pass', 'pass', 'pass', 'pass', 'pass'];
// 11А: each student's marks by subject.
const MARKS: Record<string, Record<string, Six>> = {
  Алексеев: { [RUS]: ALL5, [LIT]: ALL5, [ALG]: ALL5, [CHEM]: ALL5, [PE]: PASS },
  // Алгебра 4.33 → 4, Литература 4 → 4, Химия 4.5 → 5: two «4», II степени.
  Борисова: { [RUS]: ALL5, [LIT]: ['4', '4', '4', '4', '4', '4'], [ALG]: ['4', '4', '4', '5', '5', '4'], [CHEM]: ['5', '4', '5', '4', '5', '4'], [PE]: PASS },
  // Three «4»: Русский язык, Литература, Алгебра.
  Васильев: { [RUS]: ['4', '4', '4', '4', '4', '4'], [LIT]: ['4', '5', '4', '4', '4', '4'], [ALG]: ['4', '4', '4', '4', '4', '4'], [CHEM]: ALL5, [PE]: PASS },
  // Химия 3.33 → 3.
  Григорьева: { [RUS]: ALL5, [LIT]: ALL5, [ALG]: ALL5, [CHEM]: ['3', '3', '4', '3', '4', '3'], [PE]: PASS },
  // Алгебра: no mark for the 2nd half-year of grade 11.
  Дмитриев: { [RUS]: ALL5, [LIT]: ALL5, [ALG]: ['5', '5', '5', '5', null, '5'], [CHEM]: ALL5, [PE]: PASS },
  // A newcomer in grade 11: no grade 10 here.
  Новикова: { [RUS]: [null, null, null, '5', '5', '5'], [LIT]: [null, null, null, '5', '5', '5'], [ALG]: [null, null, null, '5', '5', '5'], [CHEM]: [null, null, null, '5', '5', '5'], [PE]: [null, null, null, 'pass', 'pass', 'pass'] },
};

let n = 0;
function periodMark(student: string, subject: string, yearId: string, periodId: string | null, value: MarkValue) {
  const at = '2026-05-25T10:00:00.000Z';
  t.db.raw
    .prepare(`INSERT INTO period_mark (id, created_at, updated_at, student_id, subject_id, year_id, period_id, value, entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`)
    .run(uuidv7(Date.parse(at) + ++n), at, at, student, subject, yearId, periodId, value, at);
}
const one = <R>(sql: string, ...p: unknown[]) => t.db.raw.prepare(sql).get(...p) as R;

async function student(lastName: string, classId: string, from: string) {
  const female = lastName.endsWith('а');
  return (
    await t.call('students.save', {
      lastName, firstName: female ? 'Анна' : 'Иван', middleName: female ? 'Петровна' : 'Петрович', birthDate: '2009-03-01', gender: female ? 'f' : 'm', snils: null,
      classId, classFrom: from, address: null, personalFileNo: null, guardians: [],
    })
  ).id;
}

beforeAll(async () => {
  t = await tempCore(() => new Date('2027-06-10T09:00:00Z'));
  const { call } = t;
  await call('app.createSchool', { fullName: 'МБОУ «Средняя общеобразовательная школа № 5»', shortName: 'Школа № 5' });
  await call('subjects.addStandard');
  for (const s of await call('subjects.list')) id[s.name] = s.id;
  t.db.raw.prepare(`UPDATE subject SET grading = 'pass_fail' WHERE id = ?`).run(id[PE]);

  // 2025/2026: 10А.
  await call('years.save', await call('years.suggest', { startYear: 2025 }));
  year.prev = one<{ id: string }>(`SELECT id FROM academic_year WHERE start_date LIKE '2025%'`).id;
  await call('classes.createMany', { gradeFrom: 10, gradeTo: 10, letters: ['А'], shift: 1 });
  id['10А-2025'] = (await call('classes.list'))[0]!.id;
  await call('curriculum.set', { cells: SUBJECTS.map((s) => ({ classId: id['10А-2025']!, subjectId: id[s]!, hours: 2 })) });
  for (const name of Object.keys(MARKS)) if (name !== 'Новикова') id[name] = await student(name, id['10А-2025']!, '2025-09-01');

  // 2026/2027: 11А (the same students), 10Б.
  await call('years.save', await call('years.suggest', { startYear: 2026 }));
  year.cur = one<{ id: string }>(`SELECT id FROM academic_year WHERE start_date LIKE '2026%'`).id;
  await call('classes.createMany', { gradeFrom: 10, gradeTo: 11, letters: ['А', 'Б'], shift: 1 });
  for (const c of await call('classes.list')) id[c.name] = c.id;
  await call('curriculum.set', { cells: ['11А', '10Б'].flatMap((c) => SUBJECTS.map((s) => ({ classId: id[c]!, subjectId: id[s]!, hours: 2 }))) });
  for (const name of Object.keys(MARKS)) {
    if (name === 'Новикова') continue;
    t.db.raw.prepare(`UPDATE class_membership SET date_to = '2026-09-01' WHERE student_id = ?`).run(id[name]);
    const at = '2026-08-31T10:00:00.000Z';
    t.db.raw
      .prepare(`INSERT INTO class_membership (id, created_at, updated_at, student_id, class_id, date_from) VALUES (?, ?, ?, ?, ?, '2026-09-01')`)
      .run(uuidv7(Date.parse(at) + ++n), at, at, id[name], id['11А']);
    t.db.raw.prepare(`UPDATE student SET class_id = ? WHERE id = ?`).run(id['11А'], id[name]);
  }
  id['Новикова'] = await student('Новикова', id['11А']!, '2026-09-01');
  id['Юдин'] = await student('Юдин', id['10Б']!, '2026-09-01');

  for (const [key, y] of [['p', year.prev], ['c', year.cur]] as const)
    for (const k of [1, 2]) half[`${key}${k}`] = one<{ id: string }>(`SELECT id FROM study_period WHERE year_id = ? AND kind = 'half' AND number = ?`, y, k).id;
  for (const [name, bySubject] of Object.entries(MARKS))
    for (const [subject, six] of Object.entries(bySubject))
      six.forEach((v, k) => {
        if (!v) return;
        const prev = k < 3;
        const p = k % 3 === 2 ? null : half[`${prev ? 'p' : 'c'}${(k % 3) + 1}`]!;
        periodMark(id[name]!, id[subject]!, prev ? year.prev : year.cur, p, v);
      });
  // 10Б: Юдин, «5» for both half-years and the year (the preliminary picture); «4» in Химия's 2nd half-year.
  for (const s of SUBJECTS)
    [half.c1!, half.c2!, null].forEach((p) => periodMark(id['Юдин']!, id[s]!, year.cur, p, s === PE ? 'pass' : s === CHEM && p === half.c2 ? '4' : '5'));
  // A double mark: Алексеев's Алгебра year mark of grade 11 was «4» first, then «5» (the last entered counts).
  t.db.raw.prepare(`UPDATE period_mark SET entered_at = '2026-05-26T10:00:00.000Z' WHERE student_id = ? AND subject_id = ? AND year_id = ? AND period_id IS NULL`).run(id['Алексеев'], id[ALG], year.cur);
  periodMark(id['Алексеев']!, id[ALG]!, year.cur, null, '4');
  mkdirSync(ART, { recursive: true });
}, 240_000);
afterAll(() => t?.cleanup());

const cls = (st: MedalStatement, name: string) => st.statements.find((c) => c.className === name)!;
const row = (st: MedalStatement, c: string, name: string) => cls(st, c).students.find((s) => s.name.startsWith(name))!;
const final = (st: MedalStatement, c: string, name: string, subject: string) => row(st, c, name).finals[id[subject]!];

describe('paper.medal: 11А and 10Б by hand', () => {
  let st: MedalStatement;
  beforeAll(async () => {
    st = await t.call('paper.medal', {});
  });

  it('takes the current year, its classes of grades 10–11 and the previous year for grade 10', () => {
    expect(st.yearId).toBe(year.cur);
    expect(st.yearName).toBe('2026/2027');
    expect(st.previousYear).toBe('2025/2026');
    expect(st.classes.map((c) => c.name)).toEqual(['10А', '10Б', '11А', '11Б']);
    expect(st.years.map((y) => y.name)).toEqual(['2026/2027', '2025/2026']);
    const c = cls(st, '11А');
    expect(c.preliminary).toBe(false);
    expect(c.columns.map((k) => k.key)).toEqual(['10-1', '10-2', '10-y', '11-1', '11-2', '11-y']);
    expect(c.subjects.map((s) => s.name)).toEqual(SUBJECTS);
    expect(c.students.map((s) => s.name)).toEqual([
      'Алексеев Иван Петрович', 'Борисова Анна Петровна', 'Васильев Иван Петрович', 'Григорьева Анна Петровна', 'Дмитриев Иван Петрович', 'Новикова Анна Петровна',
    ]);
  });

  it('all «5»: I степени; «зач» not counted', () => {
    expect(row(st, '11А', 'Алексеев').status).toEqual({ kind: 'first', text: 'претендент на медаль I степени (по отметкам)' });
    expect(final(st, '11А', 'Алексеев', ALG)).toEqual({ text: '5', mean: 5, counted: true, reason: null });
    expect(row(st, '11А', 'Алексеев').marks[id[ALG]!]!['11-y']).toBe('5'); // the last entered
    expect(final(st, '11А', 'Алексеев', PE)).toEqual({ text: 'зач', mean: null, counted: false, reason: null });
  });

  it('two «4» (4.33 and 4), a 4.5 rounded up to «5»: II степени', () => {
    expect(final(st, '11А', 'Борисова', CHEM)).toMatchObject({ text: '5', mean: 4.5 });
    expect(final(st, '11А', 'Борисова', ALG)!.text).toBe('4');
    expect(final(st, '11А', 'Борисова', ALG)!.mean).toBeCloseTo(26 / 6);
    expect(row(st, '11А', 'Борисова').status).toEqual({ kind: 'second', text: 'претендент на медаль II степени (по отметкам; «4»: Литература, Алгебра)' });
  });

  it('three «4» or a «3»: not a candidate, naming the subjects', () => {
    expect(row(st, '11А', 'Васильев').status).toEqual({ kind: 'none', text: 'не претендует: итоговые «4» по 3 предметам (Русский язык, Литература, Алгебра)' });
    expect(final(st, '11А', 'Григорьева', CHEM)!.text).toBe('3');
    expect(row(st, '11А', 'Григорьева').status).toEqual({ kind: 'none', text: 'не претендует: по предмету Химия итоговая «3»' });
  });

  it('a missing mark: no final mark, named', () => {
    expect(final(st, '11А', 'Дмитриев', ALG)).toEqual({ text: null, mean: null, counted: true, reason: 'нет отметки за 2 полугодие 11 класса' });
    expect(row(st, '11А', 'Дмитриев').status).toEqual({ kind: 'incomplete', text: 'нет итоговой отметки: Алгебра (нет отметки за 2 полугодие 11 класса)' });
  });

  it('a newcomer of grade 11: «нет данных за 10 класс»', () => {
    const s = row(st, '11А', 'Новикова');
    expect(s.note).toBe('нет данных за 10 класс');
    expect(final(st, '11А', 'Новикова', RUS)).toMatchObject({ text: null, reason: 'нет данных за 10 класс' });
    expect(s.status.kind).toBe('incomplete');
    expect(s.marks[id[RUS]!]).toEqual({ '11-1': '5', '11-2': '5', '11-y': '5' });
  });

  it('grade 10: the preliminary picture from grade 10 alone', () => {
    const c = cls(st, '10Б');
    expect(c.preliminary).toBe(true);
    expect(c.columns.map((k) => k.key)).toEqual(['10-1', '10-2', '10-y']);
    expect(final(st, '10Б', 'Юдин', CHEM)).toMatchObject({ text: '5' }); // 4.67
    expect(row(st, '10Б', 'Юдин').status.kind).toBe('first');
  });

  it('the previous year not in the database: «нет данных за 10 класс» for everyone of grade 11', async () => {
    t.db.raw.prepare(`UPDATE academic_year SET deleted_at = '2027-01-01T00:00:00Z' WHERE id = ?`).run(year.prev);
    try {
      const x = await t.call('paper.medal', { classId: id['11А'] });
      expect(x.previousYear).toBeNull();
      expect(x.statements.map((c) => c.className)).toEqual(['11А']);
      expect(x.statements[0]!.students.every((s) => s.note === 'нет данных за 10 класс' && s.status.kind === 'incomplete')).toBe(true);
      expect(row(x, '11А', 'Алексеев').marks[id[RUS]!]).toEqual({ '11-1': '5', '11-2': '5', '11-y': '5' });
    } finally {
      t.db.raw.prepare(`UPDATE academic_year SET deleted_at = NULL WHERE id = ?`).run(year.prev);
    }
  });

  it('an earlier year: its 10А as the preliminary picture', async () => {
    const x = await t.call('paper.medal', { yearId: year.prev });
    expect(x.statements.map((c) => c.className)).toEqual(['10А']);
    expect(row(x, '10А', 'Алексеев').marks[id[RUS]!]).toEqual({ '10-1': '5', '10-2': '5', '10-y': '5' });
  });

  it('refuses a class of another grade in Russian', async () => {
    await call7();
  });
});

async function call7() {
  await t.call('classes.createMany', { gradeFrom: 7, gradeTo: 7, letters: ['А'], shift: 1 });
  const seven = (await t.call('classes.list')).find((c) => c.name === '7А')!.id;
  const r = await dispatch(t.ctx, 'paper.medal', { classId: seven });
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.error.message).toBe('Ведомость для медальной комиссии составляется для 10–11 классов, а 7А — 7 класс.');
  const missing = await dispatch(t.ctx, 'paper.medal', { yearId: 'нет-такого' });
  expect(missing.ok).toBe(false);
}

describe('the statement on paper', { timeout: 180_000 }, () => {
  it('prints the PDF: A4 landscape, embedded fonts, the names, finals and statuses, the commission and the director', async () => {
    const f = await t.call('paper.medalPdf', {});
    const path = join(ART, 'medal.pdf');
    writeFileSync(path, resultBytes(t.ctx.session, f));
    execFileSync('qpdf', ['--check', path]);
    expect(execFileSync('pdffonts', [path], { encoding: 'utf8' })).toMatch(/PTSerif-Regular\S*\s+CID TrueType\s+Identity-H\s+yes/);
    expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(/Page size:\s+841\.89 x 595\.27\d* pts \(A4\)/);
    execFileSync('pdftoppm', ['-png', '-r', '60', path, join(ART, 'medal')]);
    const text = pdfText(path);
    expect(text).toContain('Ведомость итоговых отметок обучающихся 11 класса для медальной комиссии');
    expect(text).toContain('Класс 11А, 2026/2027 учебный год');
    for (const name of ['Алексеев Иван Петрович', 'Борисова Анна Петровна', 'Новикова Анна Петровна']) expect(text).toContain(name);
    expect(text).not.toContain('Юдин'); // grade 10 is not in the file of grade 11
    expect(text).toContain('претендент на медаль I степени (по отметкам)');
    expect(text).toContain('не претендует: по предмету Химия итоговая «3»');
    expect(text).toContain('нет данных за 10 класс');
    // Each row: the grade 10 line beside the name and the status, the grade 11 line with the finals
    // (Русский язык, Литература, Алгебра, Химия, «зач» for Физическая культура) under it.
    const lines = text.split('\n');
    const after = (name: string) => lines[lines.findIndex((l) => l.includes(name)) + 1]!.trim();
    expect(lines.find((l) => l.includes('Борисова'))).toContain('II степени');
    expect(after('Борисова').split(' ')).toEqual(['555', '5', '444', '4', '554', '4', '454', '5', 'зач', 'зач', 'зач', 'зач']);
    expect(after('Григорьева').split(' ')).toEqual(['555', '5', '555', '5', '555', '5', '343', '3', 'зач', 'зач', 'зач', 'зач']);
    expect(after('Дмитриев').split(' ')).toEqual(['555', '5', '555', '5', '5–5', '—', '555', '5', 'зач', 'зач', 'зач', 'зач']);
    expect(text).toContain('Председатель комиссии ____________');
    expect(text).toContain('Член комиссии ____________');
    expect(text).toContain('Директор ____________');
    expect(text).toContain('М. П.');
    expect(text).toContain('ЕГЭ: русский язык');
    expect(text).toContain('Приказ Минпросвещения России от 29.09.2023 № 730');
    expect(text).toContain('Дата формирования: 10.06.2027');
    expect(text).toMatch(/Лист 1 из \d/);
  });

  it('writes the XLSX with the same marks and finals, which LibreOffice opens', async () => {
    const x = await t.call('paper.medalXlsx', {});
    const bytes = resultBytes(t.ctx.session, x);
    const path = join(ART, 'medal.xlsx');
    writeFileSync(path, bytes);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(wb.worksheets.map((w) => w.name)).toEqual(['11А']); // 11Б has no students: left out
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.getCell(2, 1).value).toBe('Ведомость итоговых отметок обучающихся 11 класса для медальной комиссии');
    expect(ws.getCell(5, 3).value).toBe(RUS);
    expect([3, 4, 5, 6, 7, 8, 9].map((c) => ws.getCell(6, c).value)).toEqual(['10 I', '10 II', '10 год', '11 I', '11 II', '11 год', 'итог']);
    // Row 8: Борисова; Химия is the 4th subject: columns 24…30.
    expect(ws.getCell(8, 2).value).toBe('Борисова Анна Петровна');
    expect([24, 25, 26, 27, 28, 29, 30].map((c) => ws.getCell(8, c).value)).toEqual([5, 4, 5, 4, 5, 4, 5]);
    expect(ws.getCell(8, 30).font?.bold).toBe(true);
    expect(ws.getCell(8, 38).value).toBe('претендент на медаль II степени (по отметкам; «4»: Литература, Алгебра)');
    expect(ws.getCell(11, 23).value).toBe('—'); // Дмитриев: Алгебра without a final mark
    ensureSoffice();
    const dir = mkdtempSync(join(tmpdir(), 'medal-lo-'));
    const [rows] = calcSheets(dir, path);
    const bor = rows!.find((r) => r[1] === 'Борисова Анна Петровна')!;
    expect(bor.slice(23, 30)).toEqual(['5', '4', '5', '4', '5', '4', '5']);
    expect(bor[37]).toContain('II степени');
  }, 240_000);

  it('gives the archive the PDF and the XLSX of the year', async () => {
    const files = await medalStatementFiles(t.ctx, year.cur, new Date('2027-06-10T09:00:00Z'));
    expect(files.map((f) => f.name)).toEqual(['Ведомость для медальной комиссии 11А 2026-2027.pdf', 'Ведомость для медальной комиссии 11А 2026-2027.xlsx']);
    expect(Buffer.from(files[0]!.bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(Buffer.from(files[1]!.bytes.subarray(0, 2)).toString()).toBe('PK');
  });
});
