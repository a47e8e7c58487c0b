// Issue 13 acceptance: LibreOffice (`soffice --headless --convert-to csv`, installed when absent)
// opens the exported term report and the class teacher's report and reads the same figures as
// term.report / term.classTeacher computed; the PDFs rendered with pdftoppm to
// tests/artifacts/term-report-pdf-1.png and term-class-teacher-pdf-1.png to look at. The data: the
// demo school with its journal simulated through «2 четверть» (central/simulate, as sync brings it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportedFile } from '../../electron/api/types';
import type { TermFigures } from '../../electron/api/term';
import { resultBytes } from '../support/files';
import { calcSheets, ensureSoffice, num } from '../support/libreoffice';
import { demoCore } from '../support/core';
import { simulateInto } from '../support/journal';
import { tempDir } from '../support/tmp';

const ART = join(import.meta.dirname, '../artifacts');
const NOW = () => new Date('2027-01-15T09:00:00Z');
let t: Awaited<ReturnType<typeof demoCore>>;
const tmp = tempDir('school-office-term-lo-');
let q2 = '';

/** One page of a PDF as tests/artifacts/<name>.png. */
const render = (path: string, page: number, name: string) =>
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', String(page), '-l', String(page), '-singlefile', path, join(ART, name)]);

const save = (file: ExportedFile, name: string) => {
  const path = join(tmp.dir, name);
  writeFileSync(path, resultBytes(t.ctx.session, file));
  return path;
};

/** The workbook as LibreOffice reads it: its first sheet as CSV rows. */
const calcRows = (path: string) => calcSheets(tmp.dir, path)[0]!;
const figureCells = (f: TermFigures) => [
  f.counted.count, f.n.count, f.excellent.count, f.good.count, f.oneFour.count, f.satisfactory.count, f.oneThree.count,
  f.failing.count, f.notAttested.count, f.exempt.count, f.progress, f.quality, f.sou, f.average,
];

beforeAll(async () => {
  ensureSoffice();
  mkdirSync(ART, { recursive: true });
  t = await demoCore(150, NOW);
  await simulateInto(t.db, { until: '2027-01-14' });
  q2 = (t.db.raw.prepare(`SELECT id FROM study_period WHERE name = '2 четверть'`).get() as { id: string }).id;
}, 600_000);
afterAll(() => {
  t?.cleanup();
  tmp.cleanup();
});

describe('the term report in LibreOffice and as PDF', () => {
  it('the school\'s «2 четверть»: LibreOffice reads each class\'s and each subject\'s figures as term.report has them', async () => {
    const input = { periodId: q2, scope: 'school' as const };
    const r = await t.call('term.report', input);
    expect(r.figures.n.count).toBeGreaterThan(50); // the simulated journal has the period marks
    const rows = calcRows(save(await t.call('term.xlsx', input), 'term.xlsx'));
    expect(rows[1]![0]).toBe('Отчёт об успеваемости за 2 четверть 2026/2027 учебного года');
    for (const c of r.classes) {
      const row = rows.find((x) => x[0] === c.className);
      expect(row?.slice(1, 15).map(num), c.className).toEqual(figureCells(c.figures));
    }
    expect(rows.find((x) => x[0] === 'Итого')?.slice(1, 15).map(num)).toEqual(figureCells(r.figures));
    for (const s of r.subjects) {
      const row = rows.find((x) => x[0] === s.subject);
      expect(row?.slice(1, 14).map(num), s.subject).toEqual([
        s.n, s.marks['5'].count, s.marks['4'].count, s.marks['3'].count, s.marks['2'].count, s.marks.na.count, s.marks.exempt.count,
        s.marks.pass.count, s.marks.fail.count, s.progress, s.quality, s.sou, s.average,
      ]);
    }
    const failing = rows.findIndex((x) => x[0]?.startsWith('Неуспевающие:'));
    expect(rows[failing]![0]).toBe(`Неуспевающие: ${r.figures.failing.count}`);
  }, 300_000);

  it('parallel 7 as PDF: the title, the tables, the chart, the signature; rendered to look at', async () => {
    const input = { periodId: q2, scope: 'parallel' as const, grade: 7 };
    const r = await t.call('term.report', input);
    const path = save(await t.call('term.pdf', input), 'term.pdf');
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Отчёт об успеваемости обучающихся 7-х классов за 2 четверть 2026/2027 учебного года');
    expect(text).toContain('Распределение отметок за период');
    expect(text).toContain('Сравнение с предыдущим периодом');
    expect(text).toContain('По учителям');
    expect(text).toContain('Заместитель директора по УВР');
    expect(text).toMatch(/Лист 1 из \d+/);
    for (const s of r.figures.failing.students) expect(text).toContain(s.name);
    for (const n of [1, 2]) render(path, n, `term-report-pdf-${n}`);
  }, 300_000);

  it('the class teacher\'s report of 7А: LibreOffice reads each student\'s missed lessons and the class\'s figures', async () => {
    const cls = (await t.call('term.options', {})).classes.find((c) => c.name === '7А')!;
    const input = { periodId: q2, classId: cls.id };
    const r = await t.call('term.classTeacher', input);
    expect(r.students.length).toBeGreaterThan(2);
    expect(r.attendance.missed).toBeGreaterThan(0);
    const rows = calcRows(save(await t.call('term.classTeacherXlsx', input), 'class.xlsx'));
    expect(rows[1]![0]).toBe('Отчёт классного руководителя 7А класса за 2 четверть 2026/2027 учебного года');
    const width = 2 + r.subjects.length + 1;
    for (const s of r.students) {
      const row = rows.find((x) => x[1] === s.name)!;
      expect(row.slice(2, 2 + r.subjects.length)).toEqual(r.subjects.map((p) => ({ na: 'н/а', exempt: 'осв.', pass: 'зач', fail: 'незач' })[s.marks[p.id] as string] ?? s.marks[p.id] ?? ''));
      expect(row.slice(width, width + 3).map(num), s.name).toEqual([s.missed, s.excused, s.late]);
    }
    expect(rows.find((x) => x[1] === 'Итого')!.slice(width, width + 3).map(num)).toEqual([r.attendance.missed, r.attendance.excused, r.attendance.late]);
    const path = save(await t.call('term.classTeacherPdf', input), 'class.pdf');
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(`Успеваемость: ${r.figures.progress === null ? '—' : `${r.figures.progress.toLocaleString('ru-RU', { minimumFractionDigits: 1 })} %`}`);
    expect(text).toContain('Классный руководитель');
    render(path, 1, 'term-class-teacher-pdf-1');
  }, 300_000);
});
