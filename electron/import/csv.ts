// CSV / text tables: encoding and delimiter detection, RFC 4180 parsing (quotes, doubled quotes, newlines).

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const CP1251 = new TextDecoder('windows-1251');

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, UTF-16 with a BOM, else Windows-1251. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return UTF8.decode(bytes); // the BOM, if any, is dropped by the decoder
  } catch {
    return CP1251.decode(bytes);
  }
}

export type Delimiter = ';' | ',' | '\t';
const DELIMITERS: Delimiter[] = [';', '\t', ','];

/** Parses the whole text into records of raw (untrimmed) fields. */
export function parseCsv(text: string, delimiter: Delimiter, maxRecords = Infinity): string[][] {
  const records: string[][] = [];
  const n = text.length;
  const delim = delimiter.charCodeAt(0);
  let i = 0;
  let record: string[] = [];
  while (i < n && records.length < maxRecords) {
    let field: string;
    if (text.charCodeAt(i) === 34 /* " */) {
      // quoted field: "" is a quote; the closing quote may be followed by stray text up to the delimiter
      let value = '';
      let start = ++i;
      for (;;) {
        const close = text.indexOf('"', start);
        if (close === -1) {
          value += text.slice(start);
          i = n;
          break;
        }
        value += text.slice(start, close);
        if (text.charCodeAt(close + 1) === 34) {
          value += '"';
          start = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      let end = i;
      while (end < n) {
        const c = text.charCodeAt(end);
        if (c === delim || c === 10 || c === 13) break;
        end++;
      }
      field = value + text.slice(i, end);
      i = end;
    } else {
      let end = i;
      while (end < n) {
        const c = text.charCodeAt(end);
        if (c === delim || c === 10 || c === 13) break;
        end++;
      }
      field = text.slice(i, end);
      i = end;
    }
    record.push(field);
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === delim) {
      i++;
      if (i === n) record.push('');
      continue;
    }
    // end of line: \r\n, \n or \r
    i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    records.push(record);
    record = [];
  }
  if (record.length > 0 && records.length < maxRecords) records.push(record);
  return records;
}

/**
 * The delimiter giving the most consistent field count over the first records (ties: ';', tab, ',');
 * ';' when the table has a single column.
 */
export function detectDelimiter(text: string): Delimiter {
  let best: Delimiter = ';';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const records = parseCsv(text, d, 30).filter((r) => r.some((f) => f.trim() !== ''));
    const header = records[0];
    if (!header || header.length < 2) continue;
    const same = records.filter((r) => r.length === header.length).length;
    // consistency first, then the number of columns
    const score = (same / records.length) * 1000 + Math.min(header.length, 999);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/** Excel's optional first line naming the delimiter: «sep=;». */
const SEP_LINE = /^sep=([;,\t])\r?(?:\n|$)/i;

/**
 * Bytes of a CSV file → records of raw fields with their row numbers as Excel shows them
 * (a record spanning several lines is one row; a leading «sep=;» line is not a row).
 */
export function readCsv(bytes: Uint8Array): { rowNumber: number; cells: string[] }[] {
  let text = decodeText(bytes);
  let delimiter: Delimiter | undefined;
  const sep = SEP_LINE.exec(text);
  if (sep) {
    delimiter = sep[1] as Delimiter;
    text = text.slice(sep[0].length);
  }
  const records = parseCsv(text, delimiter ?? detectDelimiter(text));
  return records.map((cells, i) => ({ rowNumber: i + 1, cells }));
}
