// Text wrapping of printed documents (electron/core/reports/pdf.ts) is linear in the text's length:
// a name of any length (any editor can plant one) prints at once, every line fits, nothing is lost.
import { describe, expect, it } from 'vitest';
import { PdfWriter } from '../../electron/core/reports/pdf';

const info = { school: 'МБОУ «Средняя общеобразовательная школа № 5»', title: 'Проверка', subtitle: [], running: 'Проверка', now: new Date(2026, 8, 1) };

describe('wrapping text on a printed sheet', () => {
  it('breaks a 200 000-character word into lines that fit, in linear time', async () => {
    const w = await PdfWriter.create(info);
    const word = 'Группа'.repeat(33_333) + 'ЯЯ';
    expect(word).toHaveLength(200_000);
    const started = performance.now();
    const lines = w.wrap(word, w.width, 11);
    const ms = performance.now() - started;
    // Generous (the machine is shared); the old wrapping did not finish a 2 000-character word in a minute.
    expect(ms).toBeLessThan(5_000);
    expect(lines.join('')).toBe(word);
    for (const line of lines) expect(w.regular.widthOfTextAtSize(line, 11)).toBeLessThanOrEqual(w.width + 1e-6);
    // Full lines: each but the last would overflow with the next character.
    for (const [i, line] of lines.slice(0, -1).entries()) expect(w.regular.widthOfTextAtSize(line + lines[i + 1]![0], 11)).toBeGreaterThan(w.width);
    expect(lines.length).toBeGreaterThan(1_000);
  }, 60_000);

  it('prints a paragraph with such a word on as many sheets as it needs', async () => {
    const w = await PdfWriter.create(info);
    const started = performance.now();
    w.paragraph(`Учебная группа ${'ы'.repeat(20_000)} по алгебре`, { size: 11 });
    const pdf = await w.finish();
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(pdf.length).toBeGreaterThan(1_000);
  }, 60_000);

  it('still breaks ordinary text between words, greedily', async () => {
    const w = await PdfWriter.create(info);
    const text = 'Список учащихся профильной группы по алгебре и началам математического анализа, 10А и 10Б классы, второе полугодие';
    const width = 150;
    const lines = w.wrap(text, width, 11);
    expect(lines.join(' ')).toBe(text);
    for (const [i, line] of lines.entries()) {
      expect(w.regular.widthOfTextAtSize(line, 11)).toBeLessThanOrEqual(width);
      const next = lines[i + 1]?.split(' ')[0];
      if (next) expect(w.regular.widthOfTextAtSize(`${line} ${next}`, 11)).toBeGreaterThan(width);
    }
    expect(w.wrap('', width, 11)).toEqual(['']);
    expect(w.wrap('  два   слова  ', width, 11)).toEqual(['два слова']);
    // Letters written with combining marks («й» as «и» + U+0306) and ligature pairs still fit.
    const marks = `Иван${'и\u0306'.repeat(300)} fifl${'fi'.repeat(200)}`;
    const marked = w.wrap(marks, width, 11);
    expect(marked.join('').replace(/ /g, '')).toBe(marks.replace(/ /g, ''));
    for (const line of marked) expect(w.regular.widthOfTextAtSize(line, 11)).toBeLessThanOrEqual(width + 1e-6);
    // A bold heading is measured in the bold face.
    for (const line of w.wrap(text, width, 14, true)) expect(w.bold.widthOfTextAtSize(line, 14)).toBeLessThanOrEqual(width);
  });
});
