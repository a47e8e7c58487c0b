// .xlsx reading with exceljs: the first visible worksheet as rows of cell texts.
import ExcelJS from 'exceljs';
import { ImportFormatError } from './errors';
import { readXlsxFast } from './xlsxFast';
import { cellText } from './cellText';

/** Worksheet parts that never carry cell values: skipping them saves time on richly formatted files. */
const IGNORED_NODES = [
  'dataValidations', 'conditionalFormatting', 'extLst', 'hyperlinks', 'autoFilter', 'rowBreaks', 'pageMargins',
  'pageSetup', 'headerFooter', 'printOptions', 'picture', 'drawing', 'sheetProtection', 'tableParts',
];

export type SheetRows = { rowNumber: number; cells: string[] }[];

/**
 * Rows of the first visible worksheet: [spreadsheet row number, cell texts (index = column - 1)].
 * The fast reader first; exceljs for what it does not take.
 */
export async function readXlsx(bytes: Uint8Array): Promise<SheetRows> {
  return readXlsxFast(bytes) ?? readXlsxWithExcelJS(bytes);
}

/** The same through exceljs's full workbook model. */
export async function readXlsxWithExcelJS(bytes: Uint8Array): Promise<SheetRows> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own `Buffer extends ArrayBuffer`; at run time it wants a Node Buffer
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0], { ignoreNodes: IGNORED_NODES });
  } catch (cause) {
    throw new ImportFormatError('Не удалось прочитать файл Excel: файл повреждён или это не файл .xlsx', { cause });
  }
  const sheet = workbook.worksheets.find((ws) => ws.state === 'visible') ?? workbook.worksheets[0];
  if (!sheet) throw new ImportFormatError('В файле Excel нет ни одного листа');
  const out: SheetRows = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      cells[colNumber - 1] = cellText(cell.value);
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = '';
    out.push({ rowNumber, cells });
  });
  return out;
}
