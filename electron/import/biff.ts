// The old Excel 97–2003 workbook (.xls, BIFF8), read cell by cell: the compound file opened with
// `cfb`, the «Workbook» stream's records read here. Only what a list needs: the first visible
// worksheet's cell texts (shared strings, inline labels, numbers, RK and MULRK numbers, formulas'
// cached results, booleans), dates by the cell's number format. No npm reader of .xls without known
// vulnerabilities exists (issue 12), hence this small one.
import * as CFB from 'cfb';
import { ImportFormatError } from './errors';
import type { SheetRows } from './xlsx';
import { BUILTIN_DATE_FORMATS, isDateFormat } from './xlsxFast';
import { cellText } from './cellText';

const R = {
  BOF: 0x0809,
  EOF: 0x000a,
  BOUNDSHEET: 0x0085,
  SST: 0x00fc,
  CONTINUE: 0x003c,
  FORMAT: 0x041e,
  XF: 0x00e0,
  DATEMODE: 0x0022,
  FILEPASS: 0x002f,
  LABELSST: 0x00fd,
  LABEL: 0x0204,
  NUMBER: 0x0203,
  RK: 0x027e,
  MULRK: 0x00bd,
  FORMULA: 0x0006,
  STRING: 0x0207,
  BOOLERR: 0x0205,
} as const;

interface Rec {
  type: number;
  data: Buffer;
  /** The CONTINUE records that follow it (a long SST is split over them). */
  more: Buffer[];
}

function records(stream: Buffer, from: number): Rec[] {
  const out: Rec[] = [];
  let at = from;
  while (at + 4 <= stream.length) {
    const type = stream.readUInt16LE(at);
    const len = stream.readUInt16LE(at + 2);
    const data = stream.subarray(at + 4, at + 4 + len);
    at += 4 + len;
    if (type === R.CONTINUE && out.length) out[out.length - 1]!.more.push(data);
    else out.push({ type, data, more: [] });
    if (type === R.EOF && from !== 0) break;
  }
  return out;
}

/** Reads XLUnicodeRichExtendedString items across the SST record and its CONTINUE records. */
class Pieces {
  private part = 0;
  private at = 0;
  constructor(private readonly parts: Buffer[]) {}
  private cur(): Buffer {
    while (this.at >= this.parts[this.part]!.length && this.part < this.parts.length - 1) {
      this.part++;
      this.at = 0;
    }
    return this.parts[this.part]!;
  }
  u8(): number {
    const b = this.cur();
    return b[this.at++]!;
  }
  u16(): number {
    return this.u8() | (this.u8() << 8);
  }
  u32(): number {
    return (this.u16() | (this.u16() << 16)) >>> 0;
  }
  skip(n: number): void {
    for (let i = 0; i < n; i++) this.u8();
  }
  /** The characters of a string: at a record boundary the next part starts with a new flags byte. */
  chars(count: number, highByte: boolean): string {
    let wide = highByte;
    let out = '';
    let left = count;
    while (left > 0) {
      let b = this.cur();
      if (this.at >= b.length) throw new ImportFormatError('Файл .xls повреждён: строка обрывается');
      const room = b.length - this.at;
      const n = Math.min(left, wide ? room >> 1 : room);
      out += wide ? b.toString('utf16le', this.at, this.at + n * 2) : b.toString('latin1', this.at, this.at + n);
      this.at += wide ? n * 2 : n;
      left -= n;
      if (left > 0) {
        this.part++;
        this.at = 0;
        b = this.parts[this.part]!;
        if (!b) throw new ImportFormatError('Файл .xls повреждён: строка обрывается');
        wide = (b[this.at++]! & 1) === 1;
      }
    }
    return out;
  }
  string(): string {
    const cch = this.u16();
    const flags = this.u8();
    const runs = flags & 0x08 ? this.u16() : 0;
    const ext = flags & 0x04 ? this.u32() : 0;
    const s = this.chars(cch, (flags & 1) === 1);
    this.skip(runs * 4 + ext);
    return s;
  }
}

function sharedStrings(rec: Rec): string[] {
  const p = new Pieces([rec.data, ...rec.more]);
  p.u32(); // total references
  const unique = p.u32();
  const out: string[] = [];
  for (let i = 0; i < unique; i++) out.push(p.string());
  return out;
}

/** A short XLUnicodeString inside one record (LABEL, STRING, FORMAT, BOUNDSHEET). */
function inlineString(b: Buffer, at: number, lenBytes: 1 | 2): string {
  const cch = lenBytes === 2 ? b.readUInt16LE(at) : b[at]!;
  const flags = b[at + lenBytes]!;
  const from = at + lenBytes + 1;
  return flags & 1 ? b.toString('utf16le', from, from + cch * 2) : b.toString('latin1', from, from + cch);
}

/** An RK number: a 30-bit integer or the top of a double, perhaps × 1/100. */
export function rkNumber(rk: number): number {
  let v: number;
  if (rk & 0x02) v = rk >> 2;
  else {
    const b = Buffer.alloc(8);
    b.writeInt32LE(rk & 0xfffffffc, 4);
    v = b.readDoubleLE(0);
  }
  return rk & 0x01 ? v / 100 : v;
}

/** An Excel serial day (the 1900 system, its leap-day bug included, or the 1904 one) as a date cell's text. */
export function serialDate(serial: number, date1904 = false): Date {
  const days = date1904 ? serial - 24107 : serial < 61 ? serial - 25568 : serial - 25569;
  return new Date(Math.round(days * 86400) * 1000);
}

/** Rows of the first visible worksheet of an .xls (BIFF8) file: [row number, cell texts]. */
export function readXls(bytes: Uint8Array): SheetRows {
  let stream: Buffer;
  try {
    const container = CFB.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { type: 'buffer' });
    const entry = CFB.find(container, 'Workbook') ?? CFB.find(container, 'Book');
    if (!entry?.content) throw new Error('no workbook stream');
    stream = Buffer.from(entry.content as Uint8Array);
  } catch (cause) {
    throw new ImportFormatError('Не удалось прочитать файл Excel 97–2003 (.xls): файл повреждён или это не таблица Excel', { cause });
  }
  const globals = records(stream, 0);
  const bof = globals[0];
  if (!bof || bof.type !== R.BOF || bof.data.readUInt16LE(0) !== 0x0600)
    throw new ImportFormatError('Файл .xls сохранён в слишком старой версии Excel (до 97): сохраните его как «Книга Excel (.xlsx)»');
  let sst: string[] = [];
  const formats = new Map<number, string>();
  const xfFormat: number[] = [];
  let date1904 = false;
  const sheets: { offset: number; visible: boolean; worksheet: boolean }[] = [];
  for (const r of globals) {
    if (r.type === R.EOF) break;
    if (r.type === R.FILEPASS) throw new ImportFormatError('Файл .xls защищён паролем: снимите пароль в Excel и сохраните файл снова');
    if (r.type === R.SST) sst = sharedStrings(r);
    else if (r.type === R.FORMAT) formats.set(r.data.readUInt16LE(0), inlineString(r.data, 2, 2));
    else if (r.type === R.XF) xfFormat.push(r.data.readUInt16LE(2));
    else if (r.type === R.DATEMODE) date1904 = r.data.readUInt16LE(0) === 1;
    else if (r.type === R.BOUNDSHEET) sheets.push({ offset: r.data.readUInt32LE(0), visible: (r.data[4]! & 0x03) === 0, worksheet: r.data[5] === 0 });
  }
  const sheet = sheets.find((s) => s.worksheet && s.visible) ?? sheets.find((s) => s.worksheet);
  if (!sheet) throw new ImportFormatError('В файле Excel нет ни одного листа');

  const isDate = (xf: number) => {
    const fmt = xfFormat[xf];
    if (fmt === undefined) return false;
    if (BUILTIN_DATE_FORMATS.has(fmt)) return true;
    const code = formats.get(fmt);
    return code !== undefined && isDateFormat(code);
  };
  const num = (n: number, xf: number) => cellText(isDate(xf) && n >= 0 && n < 2958466 ? serialDate(n, date1904) : n);

  const rows = new Map<number, string[]>();
  const put = (row: number, col: number, text: string) => {
    if (text === '') return;
    let cells = rows.get(row);
    if (!cells) rows.set(row, (cells = []));
    cells[col] = text;
  };
  let pendingString: { row: number; col: number } | null = null;
  for (const r of records(stream, sheet.offset)) {
    const d = r.data;
    switch (r.type) {
      case R.LABELSST:
        put(d.readUInt16LE(0), d.readUInt16LE(2), sst[d.readUInt32LE(6)] ?? '');
        break;
      case R.LABEL:
        put(d.readUInt16LE(0), d.readUInt16LE(2), inlineString(d, 6, 2));
        break;
      case R.NUMBER:
        put(d.readUInt16LE(0), d.readUInt16LE(2), num(d.readDoubleLE(6), d.readUInt16LE(4)));
        break;
      case R.RK:
        put(d.readUInt16LE(0), d.readUInt16LE(2), num(rkNumber(d.readInt32LE(6)), d.readUInt16LE(4)));
        break;
      case R.MULRK: {
        const row = d.readUInt16LE(0);
        const first = d.readUInt16LE(2);
        const count = (d.length - 6) / 6;
        for (let i = 0; i < count; i++) put(row, first + i, num(rkNumber(d.readInt32LE(4 + i * 6 + 2)), d.readUInt16LE(4 + i * 6)));
        break;
      }
      case R.BOOLERR:
        if (d[7] === 0) put(d.readUInt16LE(0), d.readUInt16LE(2), d[6] ? 'да' : 'нет');
        break;
      case R.FORMULA: {
        const row = d.readUInt16LE(0);
        const col = d.readUInt16LE(2);
        if (d.readUInt16LE(12) === 0xffff) {
          const kind = d[6];
          if (kind === 0) pendingString = { row, col }; // the text follows in a STRING record
          else if (kind === 1) put(row, col, d[8] ? 'да' : 'нет');
        } else put(row, col, num(d.readDoubleLE(6), d.readUInt16LE(4)));
        break;
      }
      case R.STRING:
        if (pendingString) put(pendingString.row, pendingString.col, inlineString(d, 0, 2));
        pendingString = null;
        break;
    }
  }
  return [...rows.keys()]
    .sort((a, b) => a - b)
    .map((row) => {
      const cells = rows.get(row)!;
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = '';
      return { rowNumber: row + 1, cells };
    });
}
