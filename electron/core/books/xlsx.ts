// A book as a spreadsheet (issue 12): the school and the title above, one header row (repeated on
// every printed sheet), a heading row per letter or class, ruled cells; A4 landscape to print.
import ExcelJS from 'exceljs';
import type { Ctx } from '../context';
import type { ExportedFile } from '../../api/types';
import { ruDate } from '../format';
import { schoolRow } from '../setup/school';
import { progress, resultFile } from '../job';
import { directorName } from './pdf';
import type { BookDoc } from './document';
import { xlsxDocument } from '../reports/xlsxDocument';

const safeName = (s: string) => s.replace(/[\\/:*?"<>|«»]+/g, ' ').replace(/\s+/g, ' ').trim();

export async function bookXlsx(ctx: Ctx, book: BookDoc): Promise<ExportedFile> {
  const { wb, ws, head, last } = xlsxDocument(ctx, {
    sheet: book.title,
    personal: true,
    widths: book.columns.map((c) => Math.round(c.width * 1.9)),
    titles: [
      { text: schoolRow(ctx)?.full_name ?? '', font: { size: 11 } },
      { text: book.title, font: { bold: true, size: 14 } },
      { text: book.subtitle.join('; '), font: { size: 10 } },
    ],
    headers: book.columns.map((c) => c.header),
    headerHeight: 45,
  });
  const thin = { style: 'thin' as const };
  const rule = (row: ExcelJS.Row) => {
    for (let col = 1; col <= last; col++) row.getCell(col).border = { top: thin, left: thin, bottom: thin, right: thin };
  };
  rule(head);
  head.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } }));
  let r = 6;
  for (const g of book.groups) {
    if (g.heading || g.note) {
      ws.mergeCells(r, 1, r, last);
      const cell = ws.getCell(r, 1);
      cell.value = [g.heading, g.note].filter(Boolean).join('. ');
      cell.font = { bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F3F3' } };
      rule(ws.getRow(r));
      r++;
    }
    g.rows.forEach((cells, i) => {
      const row = ws.getRow(r++);
      cells.forEach((v, c) => {
        const cell = row.getCell(c + 1);
        // Counts stay numbers (a sum can be made of them); everything else as printed.
        cell.value = book.kind === 'summary' && c > 0 ? Number(v) : v;
        cell.alignment = { vertical: 'top', wrapText: true, horizontal: book.columns[c]!.center ? 'center' : 'left' };
      });
      if (g.bold?.has(i)) row.font = { bold: true };
      rule(row);
    });
  }
  r++;
  for (const line of book.after) ws.getCell(r++, 1).value = line;
  ws.getCell(r + 1, 2).value = `Директор ____________ / ${directorName(ctx) ?? '____________________'} / «__» ____________ 20__ г.`;
  ws.getCell(r + 3, 2).value = 'Секретарь ____________ / ____________________ / «__» ____________ 20__ г.';
  progress(ctx, 1, 1, `${book.title}: запись файла`);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return resultFile(ctx, `${safeName(book.fileName)} ${ruDate(ctx.now().toISOString().slice(0, 10))}.xlsx`, buf, book.rows);
}
