// The raw drawing layer under PdfWriter (pdf.ts): a page's content stream written as PDF operators
// into a string, and each font's encoded texts and widths remembered. pdf-lib's own drawText lays
// every call out anew with fontkit and builds an object per operator (16–24 dense pages a second);
// a school's paper copies of a quarter are ~1600 such pages (issue 14), so the writer keeps pdf-lib
// for the document (fonts and their subsets, metadata, save) and writes the pages' operators itself.
import type { Color, PDFFont } from 'pdf-lib';

/**
 * A number as the content stream writes it: as pdf-lib writes it (JavaScript's shortest exact form),
 * never in exponent notation (below a millionth of a point it is 0). Not rounded: the renderers snap
 * thin lines and glyphs to their pixel grid, and a position rounded even to 1/100 000 pt moved the odd
 * rule or glyph by a pixel against what pdf-lib drew (pdftoppm, the term report and the day sheet).
 */
export function num(n: number): string {
  return n < 1e-6 && n > -1e-6 ? '0' : String(n);
}

/** A matrix coefficient (a cosine): finer, since it multiplies the glyph size. */
function coef(n: number): string {
  const r = Math.round(n * 1e6) / 1e6;
  return r === 0 ? '0' : String(r);
}

/** The colour operands and operator (`g`/`rg`/`k`, upper case for stroking). */
export function colorOp(c: Color, stroking: boolean): string {
  const op = c.type === 'Grayscale' ? 'g' : c.type === 'RGB' ? 'rg' : 'k';
  const v =
    c.type === 'Grayscale'
      ? num(c.gray)
      : c.type === 'RGB'
        ? `${num(c.red)} ${num(c.green)} ${num(c.blue)}`
        : `${num(c.cyan)} ${num(c.magenta)} ${num(c.yellow)} ${num(c.key)}`;
  return `${v} ${stroking ? op.toUpperCase() : op}`;
}

/** More distinct texts than this (a 200 000-character word being wrapped) and a cache starts afresh. */
const CACHE_LIMIT = 50_000;

/** The GSUB features fontkit's default shaper applies unless told otherwise (ltr, horizontal). */
const DEFAULT_GSUB = ['ccmp', 'locl', 'rlig', 'rclt', 'rvrn', 'ltra', 'ltrm', 'calt', 'clig', 'liga'];

/** The parts of a fontkit font read here (fontkit has no types for its tables). */
interface FontkitFont {
  characterSet: number[];
  glyphForCodePoint(cp: number): { id: number };
  GSUB?: {
    featureList: { tag: string; feature: { lookupListIndexes: number[] } }[];
    lookupList: { get?: (i: number) => GsubLookup } & ArrayLike<GsubLookup>;
  };
}
interface GsubLookup {
  lookupType: number;
  subTables: ArrayLike<Record<string, unknown>>;
}
type Coverage = { version: 1; glyphs: number[] } | { version: 2; rangeRecords: { start: number; end: number }[] };

/**
 * The code points whose glyph a default substitution (ccmp, locl…) may start from, in any script
 * or language of the font: a text without them is laid out by fontkit as each character alone,
 * glyph after glyph (null: the font's substitutions are not understood here, every text is laid out).
 * A lookup can only act where the current glyph is in its subtable's (first input) coverage.
 */
export function substitutedCodePoints(font: FontkitFont, disabled: Record<string, boolean>): Set<number> | null {
  const gsub = font.GSUB;
  if (!gsub) return new Set();
  const glyphs = new Set<number>();
  const lookups = new Set<number>();
  for (const f of gsub.featureList) if (DEFAULT_GSUB.includes(f.tag) && disabled[f.tag] !== false) for (const i of f.feature.lookupListIndexes) lookups.add(i);
  const add = (c: Coverage | undefined): boolean => {
    if (!c) return false;
    if (c.version === 1) for (const g of c.glyphs) glyphs.add(g);
    else if (c.version === 2) for (const r of c.rangeRecords) for (let g = r.start; g <= r.end; g++) glyphs.add(g);
    else return false;
    return true;
  };
  const subtable = (type: number, st: Record<string, unknown>): boolean => {
    if (type === 7) return subtable(st.lookupType as number, st.extension as Record<string, unknown>);
    if ((type === 5 || type === 6) && st.version === 3)
      return add(((type === 5 ? st.coverages : st.inputCoverage) as Coverage[] | undefined)?.[0]);
    return add(st.coverage as Coverage | undefined);
  };
  for (const i of lookups) {
    const lookup = gsub.lookupList.get ? gsub.lookupList.get(i) : gsub.lookupList[i];
    if (!lookup) return null;
    for (let k = 0; k < lookup.subTables.length; k++) if (!subtable(lookup.lookupType, lookup.subTables[k]!)) return null;
  }
  const out = new Set<number>();
  for (const cp of font.characterSet) if (glyphs.has(font.glyphForCodePoint(cp).id)) out.add(cp);
  return out;
}

/**
 * Characters fontkit lays out as themselves, one glyph each, in the default shaper: letters, digits,
 * punctuation and signs of the alphabetic scripts (up to Armenian), general punctuation, currency,
 * letterlike (№), arrows and maths; no combining marks, nothing default-ignorable (fontkit hides
 * those), no fraction slash (it turns the digits around it into a fraction).
 */
const PLAIN_END = 0x2300;
const COMPLEX = /[^\u0020-\u007e\u00a0-\u058f\u2010-\u205e\u20a0-\u22ff]|\p{M}|\p{Default_Ignorable_Code_Point}|\u2044/u;

/**
 * One embedded font with its resource name on every page, and what it costs fontkit to lay out
 * (~0.5–2 ms a call): a plain text (see COMPLEX, and none of the code points a default substitution
 * starts from) is encoded and measured character by character, each character laid out once; any
 * other text is laid out whole, once per distinct text. The subset embedder records each glyph on
 * its first encoding (with its character, for the ToUnicode map), so an encoding stays valid for the
 * subset written at save. The font's own widthOfTextAtSize answers from here too (the documents'
 * table code measures through it): the same number as pdf-lib's, the advance widths at 1000 summed
 * in order, times size / 1000.
 */
export class FontFace {
  private readonly codes = new Map<string, string>();
  private readonly widths = new Map<string, number>();
  private readonly charCodes: (string | undefined)[] = [];
  private readonly charWidths: (number | undefined)[] = [];
  /** Per UTF-16 code unit below PLAIN_END: 1 if it is a plain character (see COMPLEX). */
  private readonly plainChars = new Uint8Array(PLAIN_END);
  private readonly measure: (text: string, size: number) => number;

  constructor(
    readonly font: PDFFont,
    /** The name in the pages' /Font resources: F1, F2. */
    readonly key: string,
    /** From substitutedCodePoints: these make a text complex; null: every text is. */
    private readonly substituted: Set<number> | null,
  ) {
    this.measure = font.widthOfTextAtSize.bind(font);
    font.widthOfTextAtSize = (text: string, size: number) => this.width(text, size);
    if (substituted) for (let c = 0; c < PLAIN_END; c++) this.plainChars[c] = COMPLEX.test(String.fromCharCode(c)) || substituted.has(c) ? 0 : 1;
  }

  private plain(text: string): boolean {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= PLAIN_END || this.plainChars[c] === 0) return false;
    }
    return true;
  }

  /** `<0012003A…>`: the text's glyphs in the subset. */
  hex(text: string): string {
    if (this.plain(text)) {
      let out = '<';
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        let h = this.charCodes[c];
        if (h === undefined) this.charCodes[c] = h = this.font.encodeText(text[i]!).toString().slice(1, -1);
        out += h;
      }
      return `${out}>`;
    }
    let h = this.codes.get(text);
    if (h === undefined) {
      if (this.codes.size >= CACHE_LIMIT) this.codes.clear();
      this.codes.set(text, (h = this.font.encodeText(text).toString()));
    }
    return h;
  }

  width(text: string, size: number): number {
    let w: number | undefined;
    if (this.plain(text)) {
      w = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        let cw = this.charWidths[c];
        if (cw === undefined) this.charWidths[c] = cw = this.measure(text[i]!, 1000);
        w += cw;
      }
    } else {
      w = this.widths.get(text);
      if (w === undefined) {
        if (this.widths.size >= CACHE_LIMIT) this.widths.clear();
        this.widths.set(text, (w = this.measure(text, 1000)));
      }
    }
    return w * (size / 1000);
  }
}

/** A text's rotation: the text matrix's a b c d (upwards: a quarter turn to the left). */
export type Turn = readonly [number, number, number, number];
export const UPWARDS: Turn = [0, 1, -1, 0];
const UPRIGHT: Turn = [1, 0, 0, 1];
export function turn(degrees: number): Turn {
  const r = (degrees * Math.PI) / 180;
  return [Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r)];
}

/** Characters pdf-lib's drawText cleans out or breaks lines at (the same done here). */
const SPECIAL = /[\t\u0085\u2028\u2029\b\v\n\f\r]/;
/** pdf-lib's default line height: the distance between the lines of a text with line breaks. */
const LINE_HEIGHT = 24;

/**
 * One content stream: operators appended to a string; the fill and stroke colours, line width,
 * dash and font are set only when they change (the stream starts from the PDF's initial state,
 * which is never assumed: the first use sets each). Consecutive texts share one text object (BT…ET,
 * closed before any path), each placed by its own text matrix (Tm).
 */
export class ContentStream {
  private out = '';
  private fill = '';
  private stroke = '';
  private lineWidth = -1;
  private dash = '';
  private fontFace: FontFace | null = null;
  private fontSize = 0;
  /** Inside BT…ET. */
  private inText = false;

  text(face: FontFace, size: number, fill: string, x: number, y: number, text: string, m?: Turn): void {
    if (!text) return;
    if (SPECIAL.test(text)) {
      const lines = text
        .replace(/\t|\u0085|\u2028|\u2029/g, '    ')
        .replace(/[\b\v]/g, '')
        .split(/[\n\f\r\u000B]/);
      // Each next line LINE_HEIGHT lower in the text's own direction, as pdf-lib's T* moves it.
      lines.forEach((l, i) => this.text(face, size, fill, x - (m ? m[2] : 0) * LINE_HEIGHT * i, y - (m ? m[3] : 1) * LINE_HEIGHT * i, l, m));
      return;
    }
    let out = '';
    if (!this.inText) {
      out = 'BT\n';
      this.inText = true;
    }
    if (this.fill !== fill) out += `${(this.fill = fill)}\n`;
    if (this.fontFace !== face || this.fontSize !== size) {
      this.fontFace = face;
      this.fontSize = size;
      out += `/${face.key} ${num(size)} Tf\n`;
    }
    // Absolute (Tm), as pdf-lib places each text: a relative Td is summed by the viewer, and a sum
    // off in its last bits was enough to move the odd glyph by a pixel.
    const turned = m ?? UPRIGHT;
    out += `${coef(turned[0])} ${coef(turned[1])} ${coef(turned[2])} ${coef(turned[3])} ${num(x)} ${num(y)} Tm `;
    this.out += `${out}${face.hex(text)} Tj\n`;
  }

  private endText(): void {
    if (this.inText) {
      this.out += 'ET\n';
      this.inText = false;
    }
  }

  private strokeState(color: string, width: number, dash: string): void {
    if (this.stroke !== color) this.out += `${(this.stroke = color)}\n`;
    if (this.lineWidth !== width) {
      this.lineWidth = width;
      this.out += `${num(width)} w\n`;
    }
    if (this.dash !== dash) this.out += `${(this.dash = dash)}\n`;
  }

  /**
   * A straight line; `dash` as the `d` operator takes it (`[] 0 d` for solid). Its start is moved to
   * twice, as pdf-lib's drawLine does: poppler snaps a path of one segment to whole pixels
   * (stroke adjustment) but not this one, and the rules must fall where they fell.
   */
  line(x1: number, y1: number, x2: number, y2: number, width: number, color: string, dash = '[] 0 d'): void {
    this.endText();
    this.strokeState(color, width, dash);
    const start = `${num(x1)} ${num(y1)} m`;
    this.out += `${start} ${start} ${num(x2)} ${num(y2)} l S\n`;
  }

  rect(x: number, y: number, width: number, height: number, fill: string): void {
    this.endText();
    if (this.fill !== fill) this.out += `${(this.fill = fill)}\n`;
    this.out += `${num(x)} ${num(y)} ${num(width)} ${num(height)} re f\n`;
  }

  /** A circle of four Bézier arcs (as pdf-lib draws one): filled, outlined, or both. */
  circle(cx: number, cy: number, r: number, fill: string | null, border: { color: string; width: number } | null): void {
    if (!fill && !border) return;
    this.endText();
    if (fill && this.fill !== fill) this.out += `${(this.fill = fill)}\n`;
    if (border) this.strokeState(border.color, border.width, '[] 0 d');
    const k = r * 4 * ((Math.sqrt(2) - 1) / 3);
    const x = cx - r;
    const y = cy - r;
    const xe = cx + r;
    const ye = cy + r;
    const p = (...v: number[]) => v.map(num).join(' ');
    this.out +=
      `${p(x, cy)} m ${p(x, cy - k, cx - k, y, cx, y)} c ${p(cx + k, y, xe, cy - k, xe, cy)} c ` +
      `${p(xe, cy + k, cx + k, ye, cx, ye)} c ${p(cx - k, ye, x, cy + k, x, cy)} c ${fill && border ? 'B' : fill ? 'f' : 'S'}\n`;
  }

  /** Operators under a graphics state saved and restored around them (an ExtGState's opacity). */
  isolated(gs: string | null, draw: () => void): void {
    this.endText();
    const saved = [this.fill, this.stroke, this.lineWidth, this.dash, this.fontFace, this.fontSize] as const;
    this.out += gs ? `q /${gs} gs\n` : 'q\n';
    draw();
    this.endText();
    this.out += 'Q\n';
    [this.fill, this.stroke, this.lineWidth, this.dash, this.fontFace, this.fontSize] = saved;
  }

  get length(): number {
    return this.out.length;
  }

  /** The operators as bytes (all ASCII: numbers, names, hex strings). */
  bytes(): Buffer {
    this.endText();
    return Buffer.from(this.out, 'latin1');
  }
}
