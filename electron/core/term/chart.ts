// The dynamics across the year's periods as a line chart in the term report's PDF (issue 13 point 6):
// успеваемость, качество знаний and СОУ (%) in every period up to the chosen one, from termDynamics
// (the figures the UI's chart shows). Axes 0–100 with gridlines, a polyline per figure with its value
// at every point, and a legend. The office prints black-and-white, so the figures differ by dash
// pattern and marker (filled square, hollow circle, hollow triangle), not by colour alone.
import { rgb } from 'pdf-lib';
import type { TermDynamics } from '../../api/term';
import type { PdfWriter } from '../reports/pdf';

export interface DynamicsChart {
  caption: string;
  /** The periods' names, left to right. */
  periods: string[];
  series: { name: string; values: (number | null)[] }[];
}

/** Said instead of a chart when there is only one period so far (the first quarter). */
export const DYNAMICS_LATER = 'Динамика появится со второго периода.';

export function dynamicsChart(d: TermDynamics): DynamicsChart {
  const pick = (k: 'progress' | 'quality' | 'sou') => d.points.map((p) => p.figures[k]);
  return {
    caption: `${d.scope.name}: успеваемость, качество знаний и СОУ по периодам, %`,
    periods: d.points.map((p) => p.period.name),
    series: [
      { name: 'Успеваемость', values: pick('progress') },
      { name: 'Качество знаний', values: pick('quality') },
      { name: 'СОУ', values: pick('sou') },
    ],
  };
}

type Marker = 'square' | 'circle' | 'triangle';
const STYLE: { dash?: number[]; thickness: number; marker: Marker; color: ReturnType<typeof rgb> }[] = [
  { thickness: 1.6, marker: 'square', color: rgb(0, 0, 0) },
  { dash: [6, 3], thickness: 1.2, marker: 'circle', color: rgb(0.15, 0.3, 0.55) },
  { dash: [1.5, 2.5], thickness: 1.4, marker: 'triangle', color: rgb(0.5, 0.2, 0.15) },
];
const GRID = rgb(0.8, 0.8, 0.8);
const WHITE = rgb(1, 1, 1);
/** The plot's height in points; the whole chart takes DYNAMICS_HEIGHT with its caption and the periods' names. */
const PLOT = 150;
export const DYNAMICS_HEIGHT = PLOT + 60;
const LABEL = 7.5;

const pct = (v: number) => v.toLocaleString('ru-RU', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function marker(doc: PdfWriter, kind: Marker, x: number, y: number, color: ReturnType<typeof rgb>) {
  const r = 2.8;
  if (kind === 'square') doc.rect(x - r, y - r, 2 * r, 2 * r, color);
  else if (kind === 'circle') doc.circle(x, y, r, { fill: WHITE, border: color, thickness: 1 });
  else {
    const top = { x, y: y + r * 1.2 };
    const left = { x: x - r * 1.1, y: y - r * 0.8 };
    const right = { x: x + r * 1.1, y: y - r * 0.8 };
    doc.rect(x - r, y - r, 2 * r, 2 * r, WHITE);
    for (const [a, b] of [[top, left], [left, right], [right, top]] as const) doc.stroke(a.x, a.y, b.x, b.y, { thickness: 1, color });
  }
}

/** Draws the chart at the current position, on one sheet, and moves below it. */
export function drawDynamics(doc: PdfWriter, c: DynamicsChart): void {
  const lh = doc.lineHeight(9);
  doc.keep(DYNAMICS_HEIGHT);
  doc.paragraph(c.caption, { size: 10, bold: true });
  doc.gap(LABEL + 4);
  const axis = 26; // room for the percentages left of the plot
  const legendWidth = 150;
  const n = Math.max(1, c.periods.length);
  const width = Math.min(doc.width - axis - legendWidth - 20, Math.max(260, 130 * n));
  const slot = width / n;
  const top = doc.y;
  const base = top - PLOT;
  const x0 = axis;
  const px = (i: number) => x0 + (i + 0.5) * slot;
  const py = (v: number) => base + (Math.max(0, Math.min(100, v)) / 100) * PLOT;

  // Gridlines every 20 %, the axes, the periods' names under their points.
  for (let v = 0; v <= 100; v += 20) {
    const y = py(v);
    if (v > 0) doc.stroke(x0, y, x0 + width, y, { thickness: 0.4, color: GRID });
    doc.y = y + LABEL * 0.65;
    doc.draw(String(v), { size: LABEL, x: 0, width: axis - 4, align: 'right' });
  }
  doc.line(x0, base, x0 + width, base);
  doc.line(x0, base, x0, top);
  c.periods.forEach((name, i) => {
    doc.line(px(i), base, px(i), base - 3);
    doc.y = base - 4;
    doc.draw(name, { size: 8.5, bold: true, x: x0 + i * slot, width: slot, align: 'center' });
  });

  // The polylines (a gap where a period has no figure), then the markers over them.
  c.series.forEach((s, k) => {
    const st = STYLE[k % STYLE.length]!;
    for (let i = 1; i < s.values.length; i++) {
      const a = s.values[i - 1];
      const b = s.values[i];
      if (a == null || b == null) continue;
      doc.stroke(px(i - 1), py(a), px(i), py(b), { thickness: st.thickness, dash: st.dash, color: st.color });
    }
  });
  c.series.forEach((s, k) => s.values.forEach((v, i) => v != null && marker(doc, STYLE[k % STYLE.length]!.marker, px(i), py(v), STYLE[k % STYLE.length]!.color)));

  // The values beside their points, top to bottom as the points are, stacked apart where they meet.
  const gap = LABEL * 1.25;
  for (let i = 0; i < n; i++) {
    const at = c.series
      .map((s, k) => ({ k, v: s.values[i] }))
      .filter((p): p is { k: number; v: number } => p.v != null)
      .sort((a, b) => b.v - a.v || a.k - b.k);
    let prev = Infinity;
    for (const p of at) {
      const y = Math.min(py(p.v) - LABEL * 0.35, prev - gap);
      prev = y;
      // Left of the first period's points (its lines leave to the right), right of the others; on white over the lines.
      const text = pct(p.v);
      const w = doc.regular.widthOfTextAtSize(text, LABEL);
      const x = i === 0 ? px(i) - 6 - w : px(i) + 6;
      doc.rect(x - 1, y - LABEL * 0.25, w + 2, LABEL * 1.05, WHITE);
      doc.y = y + LABEL;
      doc.draw(text, { size: LABEL, x, color: STYLE[p.k % STYLE.length]!.color });
    }
  }

  // The legend right of the plot: a sample of each line with its marker, and the figure's name.
  const lx = x0 + width + 20;
  c.series.forEach((s, k) => {
    const st = STYLE[k % STYLE.length]!;
    const y = top - 10 - k * lh * 1.5;
    doc.stroke(lx, y, lx + 30, y, { thickness: st.thickness, dash: st.dash, color: st.color });
    marker(doc, st.marker, lx + 15, y, st.color);
    doc.y = y + 9 * 0.65;
    doc.draw(`${s.name}, %`, { size: 9, x: lx + 36 });
  });
  doc.y = base - 4 - lh - 6;
}
