import ExcelJS from 'exceljs';
import type { Ctx } from '../context';
import type { ExportedFile } from '../../api/types';
import { ruDate } from '../format';
import { schoolRow } from '../setup/school';
import { checkpoint, outOf, progress, resultFile } from '../job';
import { WORDS } from '../../api/plural';

export type Cell = string | number | null;

const ROWS_PER_STEP = 1000;

/** One list to hand out as a workbook. */
export interface Sheet {
  /** The sheet's name and the page header's title. */
  title: string;
  /** The file name without the date and the extension. */
  file: string;
  /** Marks the pages and the file as containing personal data (152-ФЗ). */
  personal: boolean;
  columns: { header: string; width: number }[];
  rows: Cell[][];
}

/**
 * Any list as an XLSX workbook in the app's one style: a bold frozen header row with filters,
 * column widths, landscape A4 fitted to width with the header row repeated, and a page header with
 * the school's name, the list's title and, for personal data, the 152-ФЗ mark.
 */
export async function sheetFile(ctx: Ctx, sheet: Sheet): Promise<ExportedFile> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Школьный офис';
  wb.created = ctx.now();
  const school = schoolRow(ctx)?.short_name ?? '';
  const ws = wb.addWorksheet(sheet.title.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
    headerFooter: {
      oddHeader: `&L${school}&C${sheet.title}${sheet.personal ? '&RСодержит персональные данные (152-ФЗ)' : ''}`,
      oddFooter: '&RЛист &P из &N',
    },
  });
  if (sheet.personal) wb.subject = 'Содержит персональные данные: обрабатывать в соответствии с 152-ФЗ';
  ws.columns = sheet.columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
  // A job's progress and cancellation points between chunks of rows (a 5000-student list takes seconds).
  const total = sheet.rows.length;
  for (let at = 0; at < total || at === 0; at += ROWS_PER_STEP) {
    progress(ctx, at, total, `${sheet.title}: ${outOf(at, total, WORDS.row)}`);
    ws.addRows(sheet.rows.slice(at, at + ROWS_PER_STEP));
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  progress(ctx, total, total, `${sheet.title}: запись файла`);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  checkpoint(ctx);
  return resultFile(ctx, `${sheet.file} ${ruDate(ctx.now().toISOString().slice(0, 10))}.xlsx`, buf, total);
}
