// PdfWriter (electron/core/reports/pdf.ts) writes its pages' content streams itself (pdfContent.ts):
// the PDFs stay valid, searchable, with subset fonts embedded, and look as pdf-lib drew them.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rgb } from 'pdf-lib';
import * as fontkitModule from '@pdf-lib/fontkit';
import { PdfWriter } from '../../electron/core/reports/pdf';
import { substitutedCodePoints } from '../../electron/core/reports/pdfContent';
import { fontBytes } from '../../electron/core/reports/fonts';
import { denseTable } from '../bench/pdf';

const ART = join(import.meta.dirname, '../artifacts/reports');
const info = { school: 'МБОУ «Средняя общеобразовательная школа № 5»', title: 'Бумажная копия журнала', subtitle: ['Класс 7Б, 2 четверть'], running: 'Бумажная копия, 7Б', now: new Date(2026, 11, 28) };
const tool = (cmd: string, ...args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

function save(name: string, bytes: Uint8Array): string {
  mkdirSync(ART, { recursive: true });
  const path = join(ART, name);
  writeFileSync(path, bytes);
  return path;
}

/** The words pdftotext finds inside a box of the page (points from the top left), as -bbox gives them. */
function wordsIn(path: string, page: number, box: { x0: number; y0: number; x1: number; y1: number }): string[] {
  const html = tool('pdftotext', '-bbox', '-f', String(page), '-l', String(page), path, '-');
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)]
    .filter((m) => Number(m[1]) >= box.x0 && Number(m[3]) <= box.x1 && Number(m[2]) >= box.y0 && Number(m[4]) <= box.y1)
    .map((m) => m[5]!);
}

describe('PdfWriter: the pages written as raw operators', () => {
  it('keeps Cyrillic text searchable, «Лист N из M» on every sheet, the fonts embedded as subsets, and passes qpdf', async () => {
    const w = await PdfWriter.create({ ...info, footnote: 'Содержит персональные данные' });
    w.paragraph('Ёлкин Артём Денисович — «отлично», № 5; съешь же ещё этих булок.', { size: 11 });
    w.paragraph('Проверено, подпись / расшифровка / дата', { bold: true, align: 'center' });
    w.paragraph('Справа серым', { align: 'right', color: rgb(0.35, 0.35, 0.35) });
    for (let i = 0; i < 120; i++) w.paragraph(`${i + 1}. Ученик Номер ${i}: 5 4 н 3`, { size: 10 });
    w.signature('Директор', 'И. И. Иванов', true);
    const path = save('writer-text.pdf', await w.finish());
    const sheets = Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', path))![1]);
    expect(sheets).toBeGreaterThan(2);
    const text = tool('pdftotext', '-layout', path, '-');
    expect(text).toContain('Ёлкин Артём Денисович — «отлично», № 5; съешь же ещё этих булок.');
    expect(text).toContain('Проверено, подпись / расшифровка / дата');
    expect(text).toContain('120. Ученик Номер 119: 5 4 н 3');
    expect(text).toContain('Директор ____________ / И. И. Иванов / «__» ____________ 20__ г.');
    for (let n = 1; n <= sheets; n++) expect(text).toContain(`Лист ${n} из ${sheets}`);
    expect(text).toContain('Содержит персональные данные');
    // Both fonts embedded (emb), as subsets (sub: the «ABCDEF+» tag), with a ToUnicode map (uni).
    const fonts = tool('pdffonts', path).split('\n').slice(2).filter(Boolean);
    expect(fonts).toHaveLength(2);
    for (const f of fonts) expect(f).toMatch(/^[A-Z]{6}\+PTSerif-(Regular|Bold)\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(tool('qpdf', '--check', path)).toContain('No syntax or stream encoding errors');
  }, 60_000);

  it('writes a heading upwards and a watermark across the sheet, over the text, light', async () => {
    const w = await PdfWriter.create({ ...info, watermark: 'ПРОЕКТ' });
    const top = w.y;
    w.vertical('Алгебра', 200, top - 80, 11, true);
    w.drawUp('05.12', 230, top - 80, 9);
    w.y = top - 100;
    w.paragraph('Текст под заголовками');
    const path = save('writer-turned.pdf', await w.finish());
    expect(tool('qpdf', '--check', path)).toContain('No syntax or stream encoding errors');
    const text = tool('pdftotext', '-raw', path, '-');
    for (const word of ['Алгебра', '05.12', 'Текст под заголовками']) expect(text).toContain(word);
    expect(text).toMatch(/П\s*Р\s*О\s*Е\s*К\s*Т/); // diagonal: pdftotext gives its letters one a line
    // The turned heading's word stands in a box taller than wide, at its column (x from the left margin of 30 mm).
    const html = tool('pdftotext', '-bbox', path, '-');
    const box = (word: string) => {
      const m = new RegExp(`<word xMin="([\\d.]+)" yMin="([\\d.]+)" xMax="([\\d.]+)" yMax="([\\d.]+)">${word}</word>`).exec(html)!;
      return { x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]) };
    };
    const up = box('Алгебра');
    expect(up.y1 - up.y0).toBeGreaterThan(2 * (up.x1 - up.x0));
    expect(up.x1).toBeGreaterThan(30 * (72 / 25.4) + 200 - 12);
    expect(up.x1).toBeLessThan(30 * (72 / 25.4) + 200 + 4); // the descenders reach right of the baseline
    // The watermark is drawn: the page's middle has light grey ink where «ПРОЕКТ» crosses it.
    const ppm = join(ART, 'writer-turned');
    execFileSync('pdftoppm', ['-r', '30', '-gray', '-singlefile', path, ppm]);
    const { pixels, width, height } = readPgm(`${ppm}.pgm`);
    let light = 0;
    for (let y = Math.floor(height * 0.3); y < height * 0.7; y++)
      for (let x = Math.floor(width * 0.3); x < width * 0.7; x++) {
        const v = pixels[y * width + x]!;
        if (v > 200 && v < 250) light++;
      }
    expect(light).toBeGreaterThan(200);
  }, 60_000);

  it('draws the same text in both fonts and sizes, each in its own font (the caches are per font)', async () => {
    const w = await PdfWriter.create(info);
    for (const size of [8, 11, 14])
      for (const bold of [false, true]) {
        w.paragraph('Одна и та же строка', { size, bold });
        w.paragraph('нб', { size, bold, align: 'center' });
      }
    // Width is measured per font and size: the bold line is wider, and twice the size is twice as wide.
    const plain = w.regular.widthOfTextAtSize('Одна и та же строка', 11);
    expect(w.bold.widthOfTextAtSize('Одна и та же строка', 11)).toBeGreaterThan(plain);
    expect(w.regular.widthOfTextAtSize('Одна и та же строка', 22)).toBeCloseTo(plain * 2, 9);
    const path = save('writer-fonts.pdf', await w.finish());
    // Each line at its own size: the words' boxes grow with the size they were written at.
    expect(tool('pdffonts', path)).toMatch(/PTSerif-Bold/);
    const text = tool('pdftotext', '-layout', path, '-');
    expect(text.match(/Одна и та же строка/g)).toHaveLength(6);
    expect(text.match(/нб/g)).toHaveLength(6);
    const heights = [...tool('pdftotext', '-bbox', path, '-').matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">Одна<\/word>/g)].map((m) => Number(m[2]) - Number(m[1]));
    expect(heights).toHaveLength(6);
    expect(heights[4]! / heights[0]!).toBeCloseTo(14 / 8, 1);
  }, 60_000);

  it('encodes a text with a combining accent and a soft hyphen as fontkit lays it out whole', async () => {
    const w = await PdfWriter.create(info);
    // U+0301 (stress) after «а» is composed by the font's ccmp: such a text is never encoded per character.
    const stressed = 'Зама\u0301к и замо\u0301к';
    const width = w.regular.widthOfTextAtSize(stressed, 11);
    w.paragraph(stressed);
    w.paragraph('пере\u00adнос');
    const path = save('writer-complex.pdf', await w.finish());
    expect(tool('qpdf', '--check', path)).toContain('No syntax or stream encoding errors');
    expect(tool('pdftotext', path, '-').normalize('NFC')).toContain('Зама\u0301к и замо\u0301к'.normalize('NFC'));
    expect(width).toBeGreaterThan(0);
    // The code points a default substitution of PT Serif starts from: the combining acute, and letters of other languages (locl).
    const fontkit = ((fontkitModule as unknown as { default?: unknown }).default ?? fontkitModule) as { create(b: Buffer): unknown };
    const set = substitutedCodePoints(fontkit.create(Buffer.from(fontBytes('regular'))) as Parameters<typeof substitutedCodePoints>[0], { liga: false, clig: false, dlig: false, calt: false });
    expect(set).not.toBeNull();
    expect(set!.has(0x301)).toBe(true);
    for (const c of 'абвгдеёжзийклмнопрстуфхцчшщъыьэюяАЯ0123456789 .,;:«»—№') expect(set!.has(c.codePointAt(0)!)).toBe(false);
  }, 60_000);

  it('prints dense marks sheets: every cell, the upward dates, a sheet each, searchable', async () => {
    const path = save('writer-dense.pdf', await denseTable(3));
    expect(tool('qpdf', '--check', path)).toContain('No syntax or stream encoding errors');
    expect(tool('pdfinfo', path)).toMatch(/Pages:\s+3\n/);
    const text = tool('pdftotext', '-layout', '-f', '2', '-l', '2', path, '-');
    expect(text).toContain('Лист 2 из 3');
    expect(text).toMatch(/1\. \S+ \S+ 0\s+(\S+\s+){10}/); // a student's row with their marks
    // The dates written upwards stand above the marks' columns: 25 of them on each sheet.
    const dates = wordsIn(path, 2, { x0: 0, y0: 0, x1: 1000, y1: 1000 }).filter((w) => /^\d\d\.\d\d$/.test(w));
    expect(dates).toHaveLength(25);
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', '-singlefile', path, join(ART, 'writer-dense-1')]);
  }, 60_000);
});

function readPgm(path: string): { pixels: Uint8Array; width: number; height: number } {
  const data = readFileSync(path);
  const head = data.subarray(0, 64).toString('latin1');
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(head)!;
  return { pixels: new Uint8Array(data.subarray(m[0].length)), width: Number(m[1]), height: Number(m[2]) };
}
