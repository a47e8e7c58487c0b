// A ruled table on the printed documents of substitutions: column widths from what the cells hold
// (scaled to the sheet), cells wrapped, the heading repeated on every sheet the table runs onto.
import type { PdfWriter } from '../reports/pdf';

export interface Column {
  header: string;
  align?: 'left' | 'center' | 'right';
  /** Narrowest and widest share the column may take (points at the given size; the natural width lies between). */
  min?: number;
  max?: number;
}

const PAD = 3;

/** The width the columns would like (points), estimated from character counts: decides the orientation before a writer exists. */
export function naturalWidth(columns: Column[], rows: string[][], size: number): number {
  return columns.reduce((sum, c, i) => sum + natural(c, rows.map((r) => r[i] ?? ''), size, (t) => t.length * size * 0.5), 0);
}

function natural(c: Column, cells: string[], size: number, measure: (t: string) => number): number {
  const longestWord = Math.max(...c.header.split(/\s+/).map(measure), 0);
  const longest = Math.max(...cells.map(measure), 0);
  return Math.min(c.max ?? 220, Math.max(c.min ?? 20, longestWord, longest) + PAD * 2);
}

/** Draws the table at the writer's position; returns the number of rows drawn. */
export function drawTable(doc: PdfWriter, columns: Column[], rows: string[][], size = 9.5, bold?: (row: number) => boolean): number {
  const measure = (t: string) => doc.regular.widthOfTextAtSize(t, size);
  const want = columns.map((c, i) => natural(c, rows.map((r) => r[i] ?? ''), size, measure));
  const total = want.reduce((a, b) => a + b, 0);
  const widths = want.map((w) => (w * doc.width) / total);
  const xs = widths.map((_, i) => widths.slice(0, i).reduce((a, b) => a + b, 0));
  const lh = doc.lineHeight(size);
  const line = (cells: string[], isBold: boolean) => {
    const wrapped = cells.map((t, i) => doc.wrap(t, widths[i]! - PAD * 2, size, isBold));
    const height = Math.max(...wrapped.map((w) => w.length)) * lh + 4;
    return { wrapped, height };
  };
  const drawRow = (cells: string[], isBold: boolean) => {
    const { wrapped, height } = line(cells, isBold);
    doc.ensure(height);
    const top = doc.y - 2;
    wrapped.forEach((ls, i) => {
      ls.forEach((l, k) => {
        doc.y = top - k * lh;
        doc.draw(l, { size, bold: isBold, x: xs[i]! + PAD, width: widths[i]! - PAD * 2, align: columns[i]!.align ?? 'left' });
      });
    });
    doc.y = top - height + 2;
    doc.rule();
  };
  const head = () => {
    doc.rule();
    drawRow(
      columns.map((c) => c.header),
      true,
    );
  };
  doc.ensure(line(columns.map((c) => c.header), true).height + lh * 2);
  head();
  doc.onBreak = head;
  rows.forEach((r, i) => drawRow(r, bold?.(i) ?? false));
  doc.onBreak = null;
  doc.gap(6);
  return rows.length;
}
