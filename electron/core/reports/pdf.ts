// Printed school documents as PDF («How documents should look», PRODUCT.md): A4, a left margin
// wide enough to stitch, the school's full name at the top of every sheet, the title, «Лист N из M»
// on every sheet, signature lines; real, searchable Cyrillic in PT Serif (subset and embedded).
//
// Speed (issue 14: a school's paper copies, ~1600 dense pages, in seconds): pdf-lib keeps the
// document (fonts embedded as subsets, metadata, save), but the pages' content streams are written
// here as raw operators (pdfContent.ts), each distinct text laid out by fontkit once, and each
// finished sheet compressed on libuv's thread pool while the next one is being written.
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, rgb, type PDFFont, type PDFPage, type PDFRef } from 'pdf-lib';
import * as fontkitModule from '@pdf-lib/fontkit';
import { fontBytes } from './fonts';
import { ContentStream, FontFace, UPWARDS, colorOp, substitutedCodePoints, turn } from './pdfContent';

/**
 * zlib's level for the sheets' content streams: a dense sheet (~50 KB of operators) compresses
 * about as small at 3 as at the default 6, in a third of the time.
 */
const LEVEL = 3;

// The package is CommonJS: under Node's ESM loader its API is the default export.
const fontkit = ((fontkitModule as unknown as { default?: unknown }).default ?? fontkitModule) as Parameters<PDFDocument['registerFontkit']>[0];


/**
 * No ligatures (PT Serif has «fi», «fl»): a line is then as wide as its characters, which is how
 * wrap() measures it, and the text copied out of the PDF is the text written.
 */
const FEATURES = { liga: false, clig: false, dlig: false, calt: false };

/** Per font, the code points a default substitution starts from (pdfContent.ts): read once a process. */
const substituted = new Map<'regular' | 'bold', Set<number> | null>();
function substitutedOf(kind: 'regular' | 'bold'): Set<number> | null {
  if (!substituted.has(kind)) {
    let found: Set<number> | null = null;
    try {
      found = substitutedCodePoints(fontkit.create(fontBytes(kind)) as unknown as Parameters<typeof substitutedCodePoints>[0], FEATURES);
    } catch {
      found = null; // every text laid out whole: slower, never wrong
    }
    substituted.set(kind, found);
  }
  return substituted.get(kind)!;
}

const MM = 72 / 25.4;
const PAGE = { width: 210 * MM, height: 297 * MM };
/** Left 30 mm for binding (≥ 25 mm), right 15, top and bottom 20. */
export const MARGIN = { left: 30 * MM, right: 15 * MM, top: 20 * MM, bottom: 20 * MM };
const FOOTER = 10 * MM;
const GREY = rgb(0.35, 0.35, 0.35);
const GREY_FILL = colorOp(GREY, false);
const GREY_STROKE = colorOp(GREY, true);
const BLACK_FILL = colorOp(rgb(0, 0, 0), false);
const BLACK_STROKE = colorOp(rgb(0, 0, 0), true);
const TABLE_STROKE = colorOp(rgb(0.2, 0.2, 0.2), true);
const WATERMARK_FILL = colorOp(rgb(0.75, 0.75, 0.75), false);
const F_REGULAR = PDFName.of('F1');
const F_BOLD = PDFName.of('F2');
const GS_WATERMARK = 'GS1';

/**
 * A subset font's name as PDF 32000 §9.6.4 wants it: six capital letters, «+», the font's name (what
 * pdffonts and the viewers' font lists read as «subset»; pdf-lib would name it «PTSerif-Regular-1234»).
 */
function subsetName(postscript: string): string {
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + Math.floor(Math.random() * 26));
  return `${tag}+${postscript}`;
}

/** A written sheet: its page in the document and its content stream, compressed once the sheet is left. */
interface Sheet {
  page: PDFPage;
  content: ContentStream | null;
  body: Buffer | null;
}

export interface TextStyle {
  size?: number;
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
  /** Left edge relative to the left margin, and the width to wrap in. */
  x?: number;
  width?: number;
  color?: ReturnType<typeof rgb>;
}

export interface DocInfo {
  /** The school's full name: at the top of every sheet. */
  school: string;
  title: string;
  /** Lines under the title on the first sheet (class, year, subject). */
  subtitle: string[];
  /** Under the school's name on the following sheets: «Списки подгрупп, 5А (продолжение)». */
  running: string;
  /** Left of «Лист N из M»: e.g. that the document holds personal data. */
  footnote?: string;
  /** A4 landscape (a wide table: the day sheet of substitutions). */
  landscape?: boolean;
  now: Date;
  /**
   * An official form's letterhead (an order): on the first sheet the school's name is printed in
   * full, black and bold, with these lines (address, phone) under it.
   */
  letterhead?: string[];
  /** Across every sheet, light and diagonal: «ПРОЕКТ» on a draft. */
  watermark?: string;
}

export class PdfWriter {
  private sheets: Sheet[] = [];
  private content!: ContentStream;
  private readonly faces: { regular: FontFace; bold: FontFace };
  private watermarkState: PDFRef | null = null;
  /** The baseline position of the next line, from the bottom of the sheet. */
  y = 0;
  private readonly size: { width: number; height: number };
  readonly width: number;
  /** Called after a page break, below the running header (e.g. repeats column headings). */
  onBreak: (() => void) | null = null;

  private constructor(
    private readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    private info: DocInfo,
  ) {
    this.size = info.landscape ? { width: PAGE.height, height: PAGE.width } : PAGE;
    this.width = this.size.width - MARGIN.left - MARGIN.right;
    this.faces = {
      regular: new FontFace(regular, F_REGULAR.asString().slice(1), substitutedOf('regular')),
      bold: new FontFace(bold, F_BOLD.asString().slice(1), substitutedOf('bold')),
    };
  }

  static async create(info: DocInfo): Promise<PdfWriter> {
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    // The font subsets and their ToUnicode maps through node's zlib, not pdf-lib's JavaScript deflate.
    const context = doc.context;
    context.flateStream = (contents, dict = {}) =>
      context.stream(deflateSync(typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents), { ...dict, Filter: 'FlateDecode' });
    const regular = await doc.embedFont(fontBytes('regular'), { subset: true, features: FEATURES, customName: subsetName('PTSerif-Regular') });
    const bold = await doc.embedFont(fontBytes('bold'), { subset: true, features: FEATURES, customName: subsetName('PTSerif-Bold') });
    doc.setTitle(`${info.title}${info.subtitle[0] ? `. ${info.subtitle[0]}` : ''}`);
    doc.setAuthor(info.school);
    doc.setCreator('Школьный офис');
    doc.setProducer('Школьный офис');
    doc.setLanguage('ru-RU');
    doc.setCreationDate(info.now);
    doc.setModificationDate(info.now);
    const w = new PdfWriter(doc, regular, bold, info);
    w.addPage(true);
    return w;
  }

  private addPage(first: boolean): void {
    this.leaveSheet();
    const page = this.doc.addPage([this.size.width, this.size.height]);
    page.node.setFontDictionary(F_REGULAR, this.regular.ref);
    page.node.setFontDictionary(F_BOLD, this.bold.ref);
    this.content = new ContentStream();
    this.sheets.push({ page, content: this.content, body: null });
    this.y = this.size.height - MARGIN.top;
    if (first && this.info.letterhead) {
      this.paragraph(this.info.school, { size: 12, bold: true, align: 'center' });
      for (const line of this.info.letterhead) this.paragraph(line, { size: 9.5, align: 'center' });
      this.gap(4);
      this.rule();
      this.y -= 14;
    } else this.paragraph(this.info.school, { size: 9, align: 'center', color: GREY });
    this.y -= 6;
    if (first) {
      this.paragraph(this.info.title, { size: 15, bold: true, align: 'center' });
      for (const line of this.info.subtitle) this.paragraph(line, { size: 11.5, align: 'center' });
      this.y -= 10;
    } else {
      this.paragraph(this.info.running, { size: 10, align: 'center', color: GREY });
      this.y -= 8;
    }
  }

  /**
   * A part of a document that covers several (every class): from a new sheet unless `newSheet` is
   * false (the first part, under the title), with its heading; the following sheets' running
   * header names it.
   */
  section(heading: string, running: string, newSheet: boolean): void {
    this.info.running = running;
    this.onBreak = null;
    if (newSheet) this.addPage(false);
    this.paragraph(heading, { size: 13.5, bold: true });
    this.gap(6);
  }

  /**
   * A new sheet laid out as the first one (letterhead, title, subtitle): a batch of one-sheet
   * documents in one file (a parent statement per child); its continuation sheets name `running`.
   */
  sheet(title: string, subtitle: string[], running: string): void {
    this.info = { ...this.info, title, subtitle, running };
    this.onBreak = null;
    this.addPage(true);
  }

  /** Starts a new sheet unless `height` points still fit above the footer. */
  ensure(height: number): boolean {
    if (this.y - height >= MARGIN.bottom + FOOTER) return false;
    this.addPage(false);
    this.onBreak?.();
    return true;
  }

  /** Keeps a block of `height` points on one sheet: breaks before it unless it is taller than a sheet. */
  keep(height: number): void {
    const sheet = this.size.height - MARGIN.top - MARGIN.bottom - FOOTER - 50; // below a continuation sheet's header
    if (height <= sheet) this.ensure(height);
  }

  lineHeight(size: number): number {
    return size * 1.35;
  }

  /**
   * Splits text into lines that fit `width` at `size`, breaking between words (or inside a too long
   * word, by characters). Linear in the text's length: the width of a line is the sum of its
   * characters' widths (each distinct character measured once per call; ligatures are off, see
   * create). A line with combining marks, which the font may compose with their letters (ccmp), is
   * measured as a whole once more and gives up characters at its end to the next line if it is
   * wider after all.
   */
  wrap(text: string, width: number, size: number, bold = false): string[] {
    const font = bold ? this.bold : this.regular;
    const known = new Map<string, number>();
    const charWidth = (c: string) => {
      let w = known.get(c);
      if (w === undefined) known.set(c, (w = font.widthOfTextAtSize(c, size)));
      return w;
    };
    const space = charWidth(' ');
    const lines: string[] = [];
    let line = '';
    let lineWidth = 0;
    for (const word of text.split(/\s+/)) {
      if (!word) continue;
      const chars = Array.from(word); // code points: a surrogate pair is never split
      let wordWidth = 0;
      for (const c of chars) wordWidth += charWidth(c);
      if (line && lineWidth + space + wordWidth <= width) {
        line += ` ${word}`;
        lineWidth += space + wordWidth;
        continue;
      }
      if (line) lines.push(line);
      if (wordWidth <= width) {
        line = word;
        lineWidth = wordWidth;
        continue;
      }
      // A word longer than the line: as many characters as fit on each line (at least one).
      let start = 0;
      let acc = 0;
      for (let i = 0; i < chars.length; i++) {
        const w = charWidth(chars[i]!);
        if (i > start && acc + w > width) {
          lines.push(chars.slice(start, i).join(''));
          start = i;
          acc = 0;
        }
        acc += w;
      }
      line = chars.slice(start).join('');
      lineWidth = acc;
    }
    if (line || !lines.length) lines.push(line);
    return lines.flatMap((l) => (/\p{M}/u.test(l) ? this.fitWhole(l, width, size, font) : [l]));
  }

  /** A line as the font lays it out as a whole: within `width`, else split at characters. */
  private fitWhole(line: string, width: number, size: number, font: PDFFont): string[] {
    const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width + 1e-6;
    if (fits(line)) return [line];
    const chars = Array.from(line);
    const out: string[] = [];
    while (chars.length) {
      let n = chars.length;
      while (n > 1 && !fits(chars.slice(0, n).join(''))) n--;
      out.push(chars.splice(0, n).join('').trimEnd());
      while (chars[0] === ' ') chars.shift();
    }
    return out;
  }

  /** Draws one line at the current position without moving down. */
  draw(text: string, style: TextStyle = {}): void {
    const size = style.size ?? 11;
    const face = style.bold ? this.faces.bold : this.faces.regular;
    const left = MARGIN.left + (style.x ?? 0);
    let x = left;
    if (style.align === 'center' || style.align === 'right') {
      const width = style.width ?? this.width - (style.x ?? 0);
      const w = face.width(text, size);
      x = style.align === 'center' ? left + (width - w) / 2 : left + width - w;
    }
    this.content.text(face, size, style.color ? colorOp(style.color, false) : BLACK_FILL, x, this.y - size, text);
  }

  /** Wrapped text, moving down line by line (and to a new sheet when needed). */
  paragraph(text: string, style: TextStyle = {}): void {
    const size = style.size ?? 11;
    for (const line of this.wrap(text, style.width ?? this.width - (style.x ?? 0), size, style.bold)) {
      this.ensure(this.lineHeight(size));
      this.draw(line, style);
      this.y -= this.lineHeight(size);
    }
  }

  gap(points: number): void {
    this.y -= points;
  }

  /** A thin horizontal rule across the text width (or from x for width). */
  rule(x = 0, width = this.width): void {
    this.content.line(MARGIN.left + x, this.y, MARGIN.left + x + width, this.y, 0.5, GREY_STROKE);
  }

  /** A thin line between two points: x from the left margin, y from the bottom of the sheet (table borders). */
  line(x1: number, y1: number, x2: number, y2: number): void {
    this.content.line(MARGIN.left + x1, y1, MARGIN.left + x2, y2, 0.5, TABLE_STROKE);
  }

  /** One line written upwards (a narrow column's heading): x of its baseline from the left margin, y where it starts from the bottom of the sheet. */
  drawUp(text: string, x: number, y: number, size: number, bold = false): void {
    this.content.text(bold ? this.faces.bold : this.faces.regular, size, BLACK_FILL, MARGIN.left + x, y, text, UPWARDS);
  }

  /** A filled rectangle (a chart's bar): x from the left margin, y (its bottom edge) from the bottom of the sheet. */
  rect(x: number, y: number, width: number, height: number, color: ReturnType<typeof rgb>): void {
    this.content.rect(MARGIN.left + x, y, width, height, colorOp(color, false));
  }

  /** A line with its own thickness, dash pattern and colour (a chart's series, a gridline): coordinates as line(). */
  stroke(x1: number, y1: number, x2: number, y2: number, o: { thickness?: number; dash?: number[]; color?: ReturnType<typeof rgb> } = {}): void {
    const dash = o.dash?.length ? `[${o.dash.map(String).join(' ')}] 0 d` : '[] 0 d';
    this.content.line(MARGIN.left + x1, y1, MARGIN.left + x2, y2, o.thickness ?? 0.5, o.color ? colorOp(o.color, true) : BLACK_STROKE, dash);
  }

  /** A circle (a chart's point): centre x from the left margin, y from the bottom of the sheet; filled, outlined, or both. */
  circle(x: number, y: number, radius: number, o: { fill?: ReturnType<typeof rgb>; border?: ReturnType<typeof rgb>; thickness?: number }): void {
    this.content.circle(
      MARGIN.left + x,
      y,
      radius,
      o.fill ? colorOp(o.fill, false) : null,
      o.border ? { color: colorOp(o.border, true), width: o.thickness ?? 0.8 } : null,
    );
  }

  /**
   * A signature line: «Role ____________ / И. О. Фамилия / «__» ____________ 20__ г.» (the name
   * left blank to fill in by hand when unknown), with «М. П.» under it where a stamp goes.
   */
  signature(role: string, name: string | null, stamp = false): void {
    this.ensure(this.lineHeight(11) * (stamp ? 4 : 3));
    this.gap(14);
    this.paragraph(`${role} ____________ / ${name ?? '____________________'} / «__» ____________ 20__ г.`, { size: 11 });
    if (stamp) this.paragraph('М. П.', { size: 11, x: 20 });
  }

  /**
   * One line turned a quarter to the left (read from the bottom up), for the narrow columns' headings
   * of a wide table: its baseline at x (from the left margin), starting at y (from the bottom of the sheet).
   */
  vertical(text: string, x: number, y: number, size: number, bold = false): void {
    this.drawUp(text, x, y, size, bold);
  }

  /** Compresses the sheet being left: only its compressed operators are kept till finish. */
  private leaveSheet(): void {
    const sheet = this.sheets[this.sheets.length - 1];
    if (!sheet?.content) return;
    sheet.body = deflateSync(sheet.content.bytes(), { level: LEVEL });
    sheet.content = null;
  }

  async finish(): Promise<Uint8Array> {
    this.leaveSheet();
    const context = this.doc.context;
    const total = this.sheets.length;
    if (this.info.watermark) this.watermarkState = context.register(context.obj({ Type: 'ExtGState', ca: 0.35 }));
    for (const [i, sheet] of this.sheets.entries()) {
      const body = sheet.body!;
      sheet.body = null;
      sheet.page.node.addContentStream(context.register(context.stream(body, { Filter: 'FlateDecode' })));
      // Over what the sheet holds, as the last thing drawn: «Лист N из M», the footnote, the watermark.
      const over = new ContentStream();
      const size = 9;
      const text = `Лист ${i + 1} из ${total}`;
      const y = MARGIN.bottom - 2;
      over.text(this.faces.regular, size, GREY_FILL, this.size.width - MARGIN.right - this.faces.regular.width(text, size), y, text);
      if (this.info.footnote) over.text(this.faces.regular, size, GREY_FILL, MARGIN.left, y, this.info.footnote);
      if (this.info.watermark && this.watermarkState) {
        sheet.page.node.setExtGState(PDFName.of(GS_WATERMARK), this.watermarkState);
        const mark = this.info.watermark;
        const ws = 96;
        const tw = this.faces.bold.width(mark, ws);
        const a = Math.PI / 4;
        const cx = this.size.width / 2 - (Math.cos(a) * tw) / 2 + Math.sin(a) * ws * 0.35;
        const cy = this.size.height / 2 - (Math.sin(a) * tw) / 2 - Math.cos(a) * ws * 0.35;
        over.isolated(GS_WATERMARK, () => over.text(this.faces.bold, ws, WATERMARK_FILL, cx, cy, mark, turn(45)));
      }
      // A few dozen bytes: not worth zlib's setting up (more than compressing a whole sheet costs).
      sheet.page.node.addContentStream(context.register(context.stream(over.bytes())));
    }
    this.sheets = [];
    // objectsPerTick: pdf-lib waits a timer tick (≥ 1 ms) after every 50 objects by default.
    return this.doc.save({ useObjectStreams: true, objectsPerTick: Infinity });
  }
}
