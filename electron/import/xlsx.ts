// .xlsx reading with exceljs: the first visible worksheet as rows of cell texts.
import ExcelJS from 'exceljs';
import { ImportFormatError } from './errors';

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Worksheet parts that never carry cell values: skipping them saves time on richly formatted files. */
const IGNORED_NODES = [
  'dataValidations', 'conditionalFormatting', 'extLst', 'hyperlinks', 'autoFilter', 'rowBreaks', 'pageMargins',
  'pageSetup', 'headerFooter', 'printOptions', 'picture', 'drawing', 'sheetProtection', 'tableParts',
];

/** A number as the user sees it, without a trailing '.0' and without float noise. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return '';
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(15)));
}

/** Text of an exceljs cell value (dates → 'dd.mm.yyyy', rich text, formulas, hyperlinks → their text). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    return `${pad2(value.getUTCDate())}.${pad2(value.getUTCMonth() + 1)}.${value.getUTCFullYear()}`;
  }
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) {
      return (v.richText as { text?: unknown }[]).map((part) => (typeof part.text === 'string' ? part.text : '')).join('');
    }
    if ('formula' in v || 'sharedFormula' in v) return cellText(v.result);
    if ('text' in v) return cellText(v.text); // hyperlink
    if (typeof v.error === 'string') return v.error;
  }
  return '';
}

/** Rows of the first visible worksheet: [spreadsheet row number, cell texts (index = column - 1)]. */
export async function readXlsx(bytes: Uint8Array): Promise<{ rowNumber: number; cells: string[] }[]> {
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
  const out: { rowNumber: number; cells: string[] }[] = [];
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
