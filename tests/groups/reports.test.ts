import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { PDFDocument } from 'pdf-lib';
import type { ExportedFile } from '../../electron/api/types';
import { FONT_FILES, fontsDir } from '../../electron/core/reports/fonts';
import { refusal, smallSchool, type Fixture } from './fixture';
import { resultBytes } from '../support/files';

const MM = 72 / 25.4;

describe('printed lists and the тарификационный список (R3, R4; PRODUCT: how documents look)', () => {
  let f: Fixture;
  const save = (file: ExportedFile, name: string) => {
    const path = join(f.dir, name);
    writeFileSync(path, resultBytes(f.ctx.session, file));
    return path;
  };
  const text = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  /** Left edges of every word, in points. */
  const lefts = (path: string) =>
    [...execFileSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8' }).matchAll(/<word xMin="([\d.]+)"/g)].map((m) => Number(m[1]));

  beforeAll(async () => {
    f = await smallSchool();
    const { call, cls, subject, teachers } = f;
    const a = cls('5А');
    await call('classes.save', { id: a.id, grade: 5, letter: 'А', shift: 1, classTeacherId: teachers.math.id });
    const eng = await call('subgroups.split', { classId: a.id, subjectId: subject('Иностранный язык').id, parts: 2, by: 'alphabet' });
    await call('subgroups.setTeacher', { subgroupId: eng.subgroups[0]!.id, teacherId: teachers.eng1.id });
    await call('subgroups.setTeacher', { subgroupId: eng.subgroups[1]!.id, teacherId: teachers.eng2.id });
    await call('subgroups.split', { classId: a.id, subjectId: subject('Труд').id, by: 'gender' });
    await call('assignments.save', { teacherId: teachers.math.id, classId: a.id, subjectId: subject('Математика').id, hoursPerWeek: 5 });
    await call('assignments.save', { teacherId: teachers.math.id, classId: cls('5Б').id, subjectId: subject('Математика').id, hoursPerWeek: 5 });
    const g = await call('studyGroups.save', { name: 'Профильная группа 10А и 10Б', kind: 'profile', subjectId: subject('Алгебра').id, hoursPerWeek: 2, teacherId: teachers.math.id });
    await call('studyGroups.setMembers', { groupId: g.id, studentIds: [f.students10[0]!, f.students10[13]!] });
  }, 120_000);
  afterAll(() => f.cleanup());

  it('prints the subgroup lists of a class: A4, stitching margin, school, title, numbered lists with teachers, sheets, signature', async () => {
    const file = await f.call('reports.subgroupListsPdf', { classId: f.cls('5А').id });
    expect(file.fileName).toMatch(/^Списки подгрупп 5А \d\d\.\d\d\.\d{4}\.pdf$/);
    expect(file.rows).toBe(52);
    const bytes = resultBytes(f.ctx.session, file);
    writeFileSync(join(f.dir, 'subgroups.pdf'), bytes);
    // PT Serif is embedded as a subset: the file is far smaller than the two fonts (600 KB).
    expect(bytes.length).toBeLessThan(150_000);
    const doc = await PDFDocument.load(bytes);
    for (const p of doc.getPages()) {
      expect(p.getWidth()).toBeCloseTo(210 * MM, 0);
      expect(p.getHeight()).toBeCloseTo(297 * MM, 0);
    }
    const path = join(f.dir, 'subgroups.pdf');
    const t = text(path);
    const sheets = doc.getPageCount();
    expect(t).toContain('Муниципальное бюджетное общеобразовательное учреждение «Школа № 5»');
    expect(t).toContain('Списки подгрупп');
    expect(t).toContain('Класс 5А, 2026/2027 учебный год');
    expect(t).toContain('Иностранный язык (английский)');
    expect(t).toMatch(/1 подгруппа \(13\)\s+2 подгруппа \(13\)/);
    expect(t).toMatch(/Учитель: Петрова Анна Ивановна\s+Учитель: Сидорова Ольга Павловна/);
    expect(t).toMatch(/6\. Ёлкин Артём Денисович/); // ё extracted as is
    expect(t).toMatch(/Мальчики \(13\)\s+Девочки \(13\)/);
    for (let n = 1; n <= sheets; n++) expect(t).toContain(`Лист ${n} из ${sheets}`);
    expect(t).toContain('Классный руководитель ____________ / И. С. Кузнецов / «__» ____________ 20__ г.');
    expect(Math.min(...lefts(path))).toBeGreaterThanOrEqual(25 * MM);
    // One subject only.
    const one = await f.call('reports.subgroupListsPdf', { classId: f.cls('5А').id, subjectId: f.subject('Труд').id });
    expect(text(save(one, 'tech.pdf'))).not.toContain('Иностранный язык');
  });

  it('refuses a class that is not divided', async () => {
    expect((await refusal(f.call('reports.subgroupListsPdf', { classId: f.cls('5Б').id }))).message).toBe('5Б не разделён на подгруппы: печатать нечего.');
  });

  it('prints the study-group lists with each member’s class', async () => {
    const file = await f.call('reports.studyGroupListsPdf', {});
    const t = text(save(file, 'groups.pdf'));
    expect(t).toContain('Список учебной группы');
    expect(t).toContain('Профильная группа «Профильная группа 10А и 10Б»');
    expect(t).toContain('Предмет: Алгебра; 2 ч в неделю; учитель: Кузнецов Илья Сергеевич');
    expect(t).toMatch(/1\.\s+Старший10АА Иван\s+10А/);
    expect(t).toMatch(/2\.\s+Старший10ББ Иван\s+10Б/);
    expect(t).toContain('Лист 1 из 1');
    expect(t).toContain('Заместитель директора ____________ / ____________________ / «__» ____________ 20__ г.');
  });

  it('exports the тарификационный список: school and year above, a block per teacher, totals, the director’s signature', async () => {
    const file = await f.call('reports.workloadXlsx');
    expect(file.fileName).toMatch(/^Тарификационный список \d\d\.\d\d\.\d{4}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(resultBytes(f.ctx.session, file) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('Муниципальное бюджетное общеобразовательное учреждение «Школа № 5»');
    expect(ws.getCell('A2').value).toBe('Тарификационный список педагогических работников на 2026/2027 учебный год');
    expect(ws.getRow(5).values).toEqual([undefined, '№ п/п', 'Фамилия, имя, отчество', 'Должность', 'Предмет', 'Классы (группы)', 'Часов в неделю', 'Итого часов', 'Ставок']);
    const rows: unknown[][] = [];
    ws.eachRow((r, n) => n > 5 && rows.push((r.values as unknown[]).slice(1)));
    const math = rows.findIndex((r) => r[1] === 'Кузнецов Илья Сергеевич');
    expect(rows[math]).toEqual([expect.any(Number), 'Кузнецов Илья Сергеевич', 'Учитель', 'Математика', '5А, 5Б', 10, 12, 0.67]);
    expect(rows[math + 1]!.slice(3, 6)).toEqual(['Алгебра', '«Профильная группа 10А и 10Б»', 2]);
    expect(ws.getCell(6 + math + 1, 2).isMerged).toBe(true); // ФИО spans the teacher's rows
    const eng = rows.find((r) => r[1] === 'Петрова Анна Ивановна')!;
    expect(eng.slice(3, 8)).toEqual(['Иностранный язык (английский)', '5А (1 подгруппа)', 3, 3, 0.17]);
    const total = rows.find((r) => typeof r[0] === 'string' && r[0].startsWith('Итого по школе'))!;
    expect(total[6]).toBe(18); // 12 + 3 + 3 hours
    const all = rows.flat().filter((v) => typeof v === 'string') as string[];
    expect(all.some((v) => v.startsWith('Директор ____________ /'))).toBe(true);
    expect(all).toContain('М. П.');
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.margins!.left).toBeGreaterThanOrEqual(25 / 25.4);
    expect(ws.headerFooter.oddFooter).toContain('Лист &P из &N');
  });
});

describe('where the fonts of printed documents are found', () => {
  it('takes SCHOOL_OFFICE_FONTS, then the built app’s resources/fonts, then the source tree’s', () => {
    const repo = join(import.meta.dirname, '../../resources/fonts');
    expect(fontsDir()).toBe(repo);
    const fake = mkdtempSync(join(tmpdir(), 'fonts-'));
    const proc = process as { resourcesPath?: string };
    try {
      // A packaged app: electron-builder copies resources/fonts to <resources>/fonts (extraResources).
      const resources = mkdtempSync(join(tmpdir(), 'resources-'));
      mkdirSync(join(resources, 'fonts'));
      copyFileSync(join(repo, FONT_FILES.regular), join(resources, 'fonts', FONT_FILES.regular));
      proc.resourcesPath = resources;
      expect(fontsDir()).toBe(join(resources, 'fonts'));
      copyFileSync(join(repo, FONT_FILES.regular), join(fake, FONT_FILES.regular));
      process.env.SCHOOL_OFFICE_FONTS = fake;
      expect(fontsDir()).toBe(fake);
      rmSync(resources, { recursive: true, force: true });
    } finally {
      delete proc.resourcesPath;
      delete process.env.SCHOOL_OFFICE_FONTS;
      rmSync(fake, { recursive: true, force: true });
    }
    expect(fontsDir()).toBe(repo);
  });
});
