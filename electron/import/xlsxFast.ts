// A fast reader of cell texts from an .xlsx: the ZIP parts read directly and the SpreadsheetML
// scanned with regular expressions, about ten times faster than exceljs's full workbook model (a
// 5000-row import is due within 2 s). It gives exactly what exceljs gives (xlsx.ts) for what it
// understands and null for anything else (merged cells, prefixed XML, ZIP64, …): exceljs then reads.
import { openZip, type ZipEntries } from './zip';
import { cellText } from './cellText';
import type { SheetRows as Rows } from './xlsx';

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (_, hex: string | undefined, dec: string | undefined, name: string | undefined) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(parseInt(dec, 10)) : NAMED[name!]!,
  );
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs);
  return m ? unescapeXml(m[1]!) : undefined;
}

/** The text of a shared or inline string: every <t> run, without phonetic guides (<rPh>). */
function stringText(xml: string): string {
  const body = xml.includes('<rPh') ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  let out = '';
  for (const m of body.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) out += unescapeXml(m[1] ?? '');
  return out;
}

/** As exceljs decides it (utils.isDateFmt): date or time characters outside quotes and brackets. */
export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** exceljs's built-in number formats that are dates or times. */
export const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** For each cell style index: does it show numbers as dates? */
function dateStyles(xml: string | null): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b([^>]*?)\/?>/g)) {
    const id = Number(attr(m[1]!, 'numFmtId'));
    const code = attr(m[1]!, 'formatCode');
    if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  const out: boolean[] = [];
  for (const m of xfs.matchAll(/<xf\b([^>]*?)(?:\/>|>)/g)) {
    const id = Number(attr(m[1]!, 'numFmtId') ?? 0);
    const code = custom.get(id);
    out.push(id !== 0 && (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id)));
  }
  return out;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

const text = (zip: ZipEntries, name: string) => zip.read(name)?.toString('utf8') ?? null;

/** The path of the first visible worksheet (exceljs's choice), or null. */
function firstSheet(zip: ZipEntries, workbook: string): string | null {
  const rels = text(zip, 'xl/_rels/workbook.xml.rels');
  if (!rels) return null;
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b([^>]*?)\/?>/g)) {
    const id = attr(m[1]!, 'Id');
    const target = attr(m[1]!, 'Target');
    if (id && target && /\/worksheet$/.test(attr(m[1]!, 'Type') ?? '')) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const sheets = [...workbook.matchAll(/<sheet\b([^>]*?)\/?>/g)].map((m) => ({
    state: attr(m[1]!, 'state') ?? 'visible',
    path: targets.get(attr(m[1]!, 'r:id') ?? ''),
  }));
  if (sheets.some((s) => !s.path)) return null; // a chart sheet or an odd relation: exceljs decides
  return (sheets.find((s) => s.state === 'visible') ?? sheets[0])?.path ?? null;
}

export function readXlsxFast(bytes: Uint8Array): Rows | null {
  try {
    const zip = openZip(bytes);
    if (!zip) return null;
    const workbook = text(zip, 'xl/workbook.xml');
    if (!workbook || !workbook.includes('<sheets')) return null;
    const date1904 = /<workbookPr\b[^>]*\sdate1904="(1|true)"/.test(workbook);
    const sheetPath = firstSheet(zip, workbook);
    if (!sheetPath) return null;
    const sheet = text(zip, sheetPath);
    if (!sheet || !sheet.includes('<sheetData') || sheet.includes('<mergeCell')) return null;
    const sst = text(zip, 'xl/sharedStrings.xml');
    if (sst !== null && !sst.includes('<sst')) return null;
    const shared = sst ? [...sst.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => stringText(m[1] ?? '')) : [];
    const dates = dateStyles(text(zip, 'xl/styles.xml'));
    const data = /<sheetData\b[^>]*>([\s\S]*)<\/sheetData>/.exec(sheet)?.[1] ?? '';

    const out: Rows = [];
    for (const row of data.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
      const rowNumber = Number(attr(row[1]!, 'r'));
      if (!Number.isInteger(rowNumber) || rowNumber < 1) return null;
      const cells: string[] = [];
      let any = false;
      for (const c of (row[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const ref = attr(c[1]!, 'r');
        if (!ref) return null;
        const body = c[2] ?? '';
        const type = attr(c[1]!, 't') ?? 'n';
        let value: unknown;
        if (type === 'inlineStr') {
          const is = /<is>([\s\S]*?)<\/is>/.exec(body);
          if (!is) continue;
          value = stringText(is[1]!);
        } else {
          const v = /<v>([\s\S]*?)<\/v>|<v\/>/.exec(body);
          if (!v) {
            // A formula without its cached result still counts as a cell (exceljs: an empty result).
            if (/<f\b/.test(body)) {
              cells[columnIndex(ref)] = '';
              any = true;
            }
            continue;
          }
          const raw = unescapeXml(v[1] ?? '');
          if (type === 's') {
            const s = shared[Number(raw)];
            if (s === undefined) return null;
            value = s;
          } else if (type === 'str') value = raw.replace(/&([a-z]*);/g, (m, name: string) => NAMED[name] ?? m); // exceljs decodes these twice
          else if (type === 'e') value = raw;
          else if (type === 'b') value = parseInt(raw, 10) !== 0;
          else if (type === 'n') {
            const n = parseFloat(raw);
            const style = Number(attr(c[1]!, 's') ?? 0);
            value = style && dates[style] ? new Date(Math.round((n - 25569 + (date1904 ? 1462 : 0)) * 86_400_000)) : n;
          } else return null; // 'd' and anything else: exceljs decides
        }
        cells[columnIndex(ref)] = cellText(value);
        any = true;
      }
      if (!any) continue;
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = '';
      out.push({ rowNumber, cells });
    }
    return out;
  } catch {
    return null;
  }
}
