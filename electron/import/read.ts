// readSpreadsheet: file bytes → SheetData (header row, non-empty data rows with their real numbers).
import { readCsv } from './csv';
import { ImportFormatError } from './errors';
import { recognizeHeader } from './fields';
import { cleanText } from './text';
import type { SheetData } from './types';
import { readXlsx } from './xlsx';
import { readXls } from './biff';

/** How many leading non-empty rows may precede the header row (titles like «Список 5А класса»). */
const HEADER_SEARCH_ROWS = 10;

function extension(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot === -1 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/** Trims and collapses spaces, keeping line breaks inside a cell (they may separate list items). */
function cleanCell(value: string): string {
  if (!/[\r\n]/.test(value)) return cleanText(value);
  return value
    .split(/\r\n|\r|\n/)
    .map(cleanText)
    .filter((line) => line !== '')
    .join('\n');
}

function recognizedCount(cells: string[]): number {
  let students = 0;
  let staff = 0;
  for (const cell of cells) {
    if (recognizeHeader('students', cell) !== null) students++;
    if (recognizeHeader('staff', cell) !== null) staff++;
  }
  return Math.max(students, staff);
}

/**
 * Builds SheetData from numbered rows: cells are trimmed and space-collapsed (line breaks inside a
 * cell are kept, header texts are fully collapsed), fully empty rows dropped.
 * The header row is the first of the leading rows where at least two columns are recognized
 * (for students or staff), else the first non-empty row.
 */
export function toSheetData(input: { rowNumber: number; cells: string[] }[], headerScore?: (cells: string[]) => number): SheetData {
  const rows: { rowNumber: number; cells: string[] }[] = [];
  for (const r of input) {
    const cells = r.cells.map(cleanCell);
    let last = cells.length - 1;
    while (last >= 0 && cells[last] === '') last--;
    if (last >= 0) rows.push({ rowNumber: r.rowNumber, cells: cells.slice(0, last + 1) });
  }
  if (rows.length === 0) throw new ImportFormatError('Файл пуст: в нём нет ни одной заполненной строки');
  let headerAt = 0;
  if (headerScore) {
    // Issue 12: an export with merged group headers above the real one: the leading row that names the most fields.
    let best = 1;
    for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
      const score = headerScore(rows[i]!.cells.map(cleanText));
      if (score > best) [best, headerAt] = [score, i];
    }
  } else
    for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
      if (recognizedCount(rows[i]!.cells) >= 2) {
        headerAt = i;
        break;
      }
    }
  const header = rows[headerAt]!;
  const data = rows.slice(headerAt + 1);
  let width = header.cells.length;
  for (const r of data) if (r.cells.length > width) width = r.cells.length;
  const pad = (cells: string[]) => {
    while (cells.length < width) cells.push('');
    return cells;
  };
  return {
    headers: pad(header.cells.map(cleanText)),
    rows: data.map((r) => pad(r.cells)),
    rowNumbers: data.map((r) => r.rowNumber),
    headerRowNumber: header.rowNumber,
  };
}

/**
 * Reads an .xlsx or .xls (first visible sheet) or .csv/.tsv/.txt file. Throws ImportFormatError otherwise.
 * `headerScore`: how many fields a row's cells name (the header is the best of the leading rows);
 * by default the first leading row naming two fields of students or staff.
 */
export async function readSpreadsheet(bytes: Uint8Array, fileName: string, headerScore?: (cells: string[]) => number): Promise<SheetData> {
  const ext = extension(fileName);
  switch (ext) {
    case 'xlsx':
    case 'xlsm':
      return toSheetData(await readXlsx(bytes), headerScore);
    case 'xls':
      return toSheetData(readXls(bytes), headerScore);
    case 'csv':
    case 'tsv':
    case 'txt':
      return toSheetData(readCsv(bytes), headerScore);
    case 'ods':
      throw new ImportFormatError('Формат .ods не поддерживается: сохраните таблицу в формате .xlsx или .csv');
    default:
      throw new ImportFormatError(
        `Неподдерживаемый тип файла «${fileName}»: выберите таблицу Excel (.xlsx) или файл CSV (.csv)`,
      );
  }
}
