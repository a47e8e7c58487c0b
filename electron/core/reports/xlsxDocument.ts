// A printed document as a spreadsheet (the books, the тарификационный список, the journal of
// substitutions): A4 landscape with room to bind it, the title lines merged across the top, and a
// header row (row 5) repeated on every printed sheet. The caller fills the rows below it.
import ExcelJS from 'exceljs';
import type { Ctx } from '../context';

const PERSONAL = 'Содержит персональные данные: обрабатывать в соответствии с 152-ФЗ';
/** The header row; the titles stand above it. */
export const HEAD_ROW = 5;

export interface XlsxDocumentSpec {
  /** The worksheet's name (at most 31 characters: cut). */
  sheet: string;
  /** Personal data: the workbook and every printed page say so (152-ФЗ). */
  personal: boolean;
  /** The columns' widths, in characters. */
  widths: number[];
  /** Rows 1, 2, …: each merged across all columns, centred. */
  titles: { text: string; font: Partial<ExcelJS.Font>; height?: number }[];
  headers: string[];
  headerHeight: number;
}

export function xlsxDocument(ctx: Ctx, d: XlsxDocumentSpec): { wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet; head: ExcelJS.Row; last: number } {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Школьный офис';
  wb.created = ctx.now();
  if (d.personal) wb.subject = PERSONAL;
  const ws = wb.addWorksheet(d.sheet.slice(0, 31), {
    pageSetup: {
      paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEAD_ROW}:${HEAD_ROW}`,
      // Inches; the left one ≥ 25 mm for binding.
      margins: { left: 1.1, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: d.personal ? { oddHeader: '&RСодержит персональные данные (152-ФЗ)', oddFooter: '&RЛист &P из &N' } : { oddFooter: '&RЛист &P из &N' },
  });
  ws.columns = d.widths.map((width) => ({ width }));
  const last = d.widths.length;
  d.titles.forEach((t, i) => {
    ws.mergeCells(i + 1, 1, i + 1, last);
    const cell = ws.getCell(i + 1, 1);
    cell.value = t.text;
    cell.font = t.font;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    if (t.height !== undefined) ws.getRow(i + 1).height = t.height;
  });
  const head = ws.getRow(HEAD_ROW);
  d.headers.forEach((h, i) => (head.getCell(i + 1).value = h));
  head.font = { bold: true };
  head.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  head.height = d.headerHeight;
  return { wb, ws, head, last };
}
