// The .xls (BIFF8) cell reader (electron/import/biff.ts): files LibreOffice saves in the old format
// read as the XLSX they were made from reads: shared strings (a table long enough to continue over
// CONTINUE records, Cyrillic and Latin-1 mixed), inline numbers (RK, MULRK, NUMBER), formulas'
// cached numbers, texts and booleans, booleans, dates and date-times by the cell's format.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import * as CFB from 'cfb';
import { readXls, rkNumber, serialDate } from '../../electron/import/biff';
import { readXlsx } from '../../electron/import/xlsx';
import { ImportFormatError } from '../../electron/import';
import { xlsBytes } from './exportFile';

describe('RK numbers and serial dates', () => {
  it('decodes the four RK forms', () => {
    expect(rkNumber((123 << 2) | 0x02)).toBe(123); // integer
    expect(rkNumber((-5 << 2) | 0x02)).toBe(-5);
    expect(rkNumber((12345 << 2) | 0x03)).toBe(123.45); // integer / 100
    const b = Buffer.alloc(8);
    b.writeDoubleLE(1.5);
    expect(rkNumber(b.readInt32LE(4))).toBe(1.5); // the top 30 bits of a double
    b.writeDoubleLE(0.5);
    expect(rkNumber(b.readInt32LE(4) | 0x01)).toBe(0.005);
  });
  it('counts Excel days as Excel does (1900 system with its leap-day bug, and 1904)', () => {
    expect(serialDate(1).toISOString().slice(0, 10)).toBe('1900-01-01');
    expect(serialDate(59).toISOString().slice(0, 10)).toBe('1900-02-28');
    expect(serialDate(61).toISOString().slice(0, 10)).toBe('1900-03-01');
    expect(serialDate(46022).toISOString().slice(0, 10)).toBe('2025-12-31');
    expect(serialDate(46022.5).toISOString().slice(0, 16)).toBe('2025-12-31T12:00');
    expect(serialDate(0, true).toISOString().slice(0, 10)).toBe('1904-01-01');
  });
});

describe('readXls', () => {
  it('reads what LibreOffice wrote as the XLSX reads', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Лист');
    ws.getRow(1).values = ['Текст', 'Целое', 'Дробное', 'Большое', 'Формула', 'Формула-текст', 'Логическое', 'Дата', 'Дата и время', 'Пусто', 'Café'];
    // (LibreOffice keeps a formula's cached number; a cached text it writes as 0: the hand-made file below has one.)
    ws.getRow(2).values = ['Семён Фёдорович', 7, 3.25, 123456789012, { formula: 'B2*2', result: 14 }, 'Ёж', true, new Date(Date.UTC(2020, 1, 29)), new Date(Date.UTC(2026, 3, 2, 10, 7)), null, 'naïve'];
    ws.getCell('H2').numFmt = 'dd.mm.yyyy';
    ws.getCell('I2').numFmt = 'dd.mm.yyyy hh:mm';
    ws.getRow(3).values = [null, 1, 2, 3, 4, 5]; // a run of small integers: MULRK
    ws.getCell('L3').value = { formula: '1=1', result: true };
    // Enough distinct strings for the shared-string table to continue over CONTINUE records, one long
    // Cyrillic string crossing a record boundary.
    for (let i = 0; i < 900; i++) ws.getCell(10 + i, 1).value = `Строка номер ${i} — Ёлкин Пётр ${'ж'.repeat(i % 40)}`;
    ws.getCell(1000, 2).value = 'Ё'.repeat(9000);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const fromXlsx = await readXlsx(xlsx);
    const fromXls = readXls(xlsBytes(xlsx));
    expect(fromXls).toEqual(fromXlsx);
    expect(fromXls[0]!.cells[10]).toBe('Café');
    expect(fromXls[1]!.cells).toEqual(['Семён Фёдорович', '7', '3.25', '123456789012', '14', 'Ёж', 'да', '29.02.2020', '02.04.2026 10:07', '', 'naïve']);
    expect(fromXls[2]!.cells.slice(1, 6)).toEqual(['1', '2', '3', '4', '5']);
    expect(fromXls[2]!.cells[11]).toBe('да');
    expect(fromXls.at(-1)).toEqual({ rowNumber: 1000, cells: ['', 'Ё'.repeat(9000)] });
  }, 120_000);

  it('reads a formula\'s cached text and boolean, inline labels, the 1904 date system, and skips error cells (a file written by hand)', () => {
    const rec = (type: number, body: Buffer) => Buffer.concat([Buffer.from([type & 0xff, type >> 8, body.length & 0xff, body.length >> 8]), body]);
    const u16 = (...n: number[]) => Buffer.from(new Uint16Array(n).buffer);
    const wide = (s: string) => Buffer.concat([u16(s.length), Buffer.from([1]), Buffer.from(s, 'utf16le')]);
    const bof = (dt: number) => rec(0x0809, Buffer.concat([u16(0x0600, dt, 0, 0), Buffer.alloc(8)]));
    const cell = (row: number, col: number, xf = 0) => u16(row, col, xf);
    const formula = (row: number, col: number, value: Buffer) => rec(0x0006, Buffer.concat([cell(row, col), value, u16(0), Buffer.alloc(4), u16(3), Buffer.from([0x1e, 1, 0])]));
    const sheet = Buffer.concat([
      bof(0x10),
      formula(0, 0, Buffer.from([0, 0, 0, 0, 0, 0, 0xff, 0xff])),
      rec(0x0207, wide('Пётр!')),
      formula(0, 1, Buffer.from([1, 0, 1, 0, 0, 0, 0xff, 0xff])),
      rec(0x0204, Buffer.concat([cell(1, 0), wide('Ёлка')])),
      rec(0x0205, Buffer.concat([cell(1, 1), Buffer.from([0x07, 1])])), // #DIV/0!: no text
      rec(0x0203, Buffer.concat([cell(1, 2, 1), Buffer.from(new Float64Array([0]).buffer)])), // 0 in 1904 = 01.01.1904
      rec(0x000a, Buffer.alloc(0)),
    ]);
    const name = Buffer.concat([Buffer.from([4, 0]), Buffer.from('List', 'latin1')]);
    const globalsWithout = (offset: number) =>
      Buffer.concat([
        bof(0x05),
        rec(0x0022, u16(1)),
        rec(0x00e0, Buffer.concat([u16(0, 0), Buffer.alloc(16)])),
        rec(0x00e0, Buffer.concat([u16(0, 14), Buffer.alloc(16)])),
        rec(0x0085, Buffer.concat([Buffer.from(new Uint32Array([offset]).buffer), Buffer.from([0, 0]), name])),
        rec(0x000a, Buffer.alloc(0)),
      ]);
    const globals = globalsWithout(globalsWithout(0).length);
    const cfb = CFB.utils.cfb_new();
    CFB.utils.cfb_add(cfb, 'Workbook', Buffer.concat([globals, sheet]));
    const rows = readXls(Buffer.from(CFB.write(cfb, { type: 'buffer' }) as Uint8Array));
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['Пётр!', 'да'] },
      { rowNumber: 2, cells: ['Ёлка', '', '01.01.1904'] },
    ]);
  });

  it('refuses what is not a workbook in Russian', () => {
    expect(() => readXls(Buffer.from('not a compound file'))).toThrow(ImportFormatError);
    expect(() => readXls(Buffer.from('not a compound file'))).toThrow('Не удалось прочитать файл Excel 97–2003 (.xls)');
  });
});
