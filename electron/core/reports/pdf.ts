// Printed school documents as PDF («How documents should look», PRODUCT.md): A4, a left margin
// wide enough to stitch, the school's full name at the top of every sheet, the title, «Лист N из M»
// on every sheet, signature lines; real, searchable Cyrillic in PT Serif (subset and embedded).
import { PDFDocument, degrees, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import * as fontkitModule from '@pdf-lib/fontkit';
import { fontBytes } from './fonts';

// The package is CommonJS: under Node's ESM loader its API is the default export.
const fontkit = ((fontkitModule as unknown as { default?: unknown }).default ?? fontkitModule) as Parameters<PDFDocument['registerFontkit']>[0];

const MM = 72 / 25.4;
const PAGE = { width: 210 * MM, height: 297 * MM };
/** Left 30 mm for binding (≥ 25 mm), right 15, top and bottom 20. */
export const MARGIN = { left: 30 * MM, right: 15 * MM, top: 20 * MM, bottom: 20 * MM };
const FOOTER = 10 * MM;
const GREY = rgb(0.35, 0.35, 0.35);

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
  private page!: PDFPage;
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
  }

  static async create(info: DocInfo): Promise<PdfWriter> {
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    // No ligatures (PT Serif has «fi», «fl»): a line is then as wide as its characters, which is
    // how wrap() measures it, and the text copied out of the PDF is the text written.
    const features = { liga: false, clig: false, dlig: false, calt: false };
    const regular = await doc.embedFont(fontBytes('regular'), { subset: true, features });
    const bold = await doc.embedFont(fontBytes('bold'), { subset: true, features });
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
    this.page = this.doc.addPage([this.size.width, this.size.height]);
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
    const font = style.bold ? this.bold : this.regular;
    const left = MARGIN.left + (style.x ?? 0);
    const width = style.width ?? this.width - (style.x ?? 0);
    const w = font.widthOfTextAtSize(text, size);
    const x = style.align === 'center' ? left + (width - w) / 2 : style.align === 'right' ? left + width - w : left;
    this.page.drawText(text, { x, y: this.y - size, size, font, color: style.color ?? rgb(0, 0, 0) });
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
    this.page.drawLine({ start: { x: MARGIN.left + x, y: this.y }, end: { x: MARGIN.left + x + width, y: this.y }, thickness: 0.5, color: GREY });
  }

  /** A thin line between two points: x from the left margin, y from the bottom of the sheet (table borders). */
  line(x1: number, y1: number, x2: number, y2: number): void {
    this.page.drawLine({ start: { x: MARGIN.left + x1, y: y1 }, end: { x: MARGIN.left + x2, y: y2 }, thickness: 0.5, color: rgb(0.2, 0.2, 0.2) });
  }

  /** One line written upwards (a narrow column's heading): x of its baseline from the left margin, y where it starts from the bottom of the sheet. */
  drawUp(text: string, x: number, y: number, size: number, bold = false): void {
    this.page.drawText(text, { x: MARGIN.left + x, y, size, font: bold ? this.bold : this.regular, rotate: degrees(90), color: rgb(0, 0, 0) });
  }

  /** A filled rectangle (a chart's bar): x from the left margin, y (its bottom edge) from the bottom of the sheet. */
  rect(x: number, y: number, width: number, height: number, color: ReturnType<typeof rgb>): void {
    this.page.drawRectangle({ x: MARGIN.left + x, y, width, height, color });
  }

  /** A line with its own thickness, dash pattern and colour (a chart's series, a gridline): coordinates as line(). */
  stroke(x1: number, y1: number, x2: number, y2: number, o: { thickness?: number; dash?: number[]; color?: ReturnType<typeof rgb> } = {}): void {
    this.page.drawLine({
      start: { x: MARGIN.left + x1, y: y1 },
      end: { x: MARGIN.left + x2, y: y2 },
      thickness: o.thickness ?? 0.5,
      color: o.color ?? rgb(0, 0, 0),
      dashArray: o.dash,
    });
  }

  /** A circle (a chart's point): centre x from the left margin, y from the bottom of the sheet; filled, outlined, or both. */
  circle(x: number, y: number, radius: number, o: { fill?: ReturnType<typeof rgb>; border?: ReturnType<typeof rgb>; thickness?: number }): void {
    this.page.drawCircle({ x: MARGIN.left + x, y, size: radius, color: o.fill, borderColor: o.border, borderWidth: o.border ? (o.thickness ?? 0.8) : 0 });
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
    this.page.drawText(text, { x: MARGIN.left + x, y, size, font: bold ? this.bold : this.regular, color: rgb(0, 0, 0), rotate: degrees(90) });
  }

  async finish(): Promise<Uint8Array> {
    const pages = this.doc.getPages();
    pages.forEach((p, i) => {
      const size = 9;
      const text = `Лист ${i + 1} из ${pages.length}`;
      const y = MARGIN.bottom - 2;
      p.drawText(text, { x: this.size.width - MARGIN.right - this.regular.widthOfTextAtSize(text, size), y, size, font: this.regular, color: GREY });
      if (this.info.footnote) p.drawText(this.info.footnote, { x: MARGIN.left, y, size, font: this.regular, color: GREY });
      if (this.info.watermark) {
        const ws = 96;
        const tw = this.bold.widthOfTextAtSize(this.info.watermark, ws);
        const a = Math.PI / 4;
        const cx = this.size.width / 2 - (Math.cos(a) * tw) / 2 + (Math.sin(a) * ws * 0.35);
        const cy = this.size.height / 2 - (Math.sin(a) * tw) / 2 - (Math.cos(a) * ws * 0.35);
        p.drawText(this.info.watermark, { x: cx, y: cy, size: ws, font: this.bold, color: rgb(0.75, 0.75, 0.75), opacity: 0.35, rotate: degrees(45) });
      }
    });
    return this.doc.save({ useObjectStreams: true });
  }
}
