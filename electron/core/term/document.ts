// A report of figures as one document model, printed as PDF (the office form of PRODUCT.md «How
// documents should look»: A4 landscape, the school at the top of every sheet, the title, ruled
// tables whose header repeats on a new sheet, a bar chart drawn with rectangles, «Лист N из M»,
// signature lines) and written as XLSX (one sheet in the same order; numbers stay numbers).
// Used by the term report and the class teacher's report (files.ts).
import ExcelJS from 'exceljs';
import { rgb } from 'pdf-lib';
import type { Ctx } from '../context';
import type { ExportedFile } from '../../api/types';
import { PdfWriter } from '../reports/pdf';
import { pdfFile } from '../reports/subgroupLists';
import { ruDate } from '../format';
import { checkpoint, progress, resultFile } from '../job';
import { DYNAMICS_HEIGHT, drawDynamics, type DynamicsChart } from './chart';

/** How a column's numbers read: a count, a percentage (one decimal), an average (two), or text. */
export type ColumnKind = 'text' | 'int' | 'pct' | 'avg';
export interface Column {
  header: string;
  /** Relative width. */
  width: number;
  kind: ColumnKind;
  /** The heading written upwards (a narrow column with a long name: a subject). */
  vertical?: boolean;
}
export type Cell = string | number | null;
export interface Table {
  columns: Column[];
  rows: Cell[][];
  /** Rows printed bold (a total). */
  bold?: Set<number>;
}
export interface Bars {
  caption: string;
  bars: { label: string; value: number; note: string }[];
}
export interface Section {
  heading: string;
  lines?: string[];
  table?: Table;
  chart?: Bars;
  /** The figures across the periods as lines (the term report's PDF; chart.ts). */
  dynamics?: DynamicsChart;
  /** Said when the table has no rows. */
  empty?: string;
}
export interface ReportDoc {
  school: string;
  title: string;
  subtitle: string[];
  /** Without the date and extension. */
  fileName: string;
  personal: boolean;
  sections: Section[];
  signatures: { role: string; name: string | null }[];
}

/** 75 → «75,0», 4.2 → «4,20», null → «—» (PDF); the XLSX keeps the number. */
export function cellText(v: Cell, kind: ColumnKind): string {
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  if (kind === 'pct') return v.toLocaleString('ru-RU', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (kind === 'avg') return v.toLocaleString('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return String(v);
}

const SIZE = 8.5;
const HEAD = 7.5;
const PAD = 2.5;
/** The longest a heading written upwards may be, in points. */
const UP = 95;
const BAR = [rgb(0.2, 0.5, 0.3), rgb(0.35, 0.6, 0.8), rgb(0.95, 0.7, 0.25), rgb(0.85, 0.3, 0.25), rgb(0.55, 0.55, 0.55)];

function drawTable(doc: PdfWriter, t: Table) {
  const total = t.columns.reduce((s, c) => s + c.width, 0);
  const widths = t.columns.map((c) => (c.width / total) * doc.width);
  const xs = widths.reduce<number[]>((acc, w, i) => [...acc, acc[i]! + w], [0]);
  const lh = doc.lineHeight(SIZE);
  const row = (cells: string[], bold: boolean) => {
    const wrapped = cells.map((text, i) => doc.wrap(text, widths[i]! - 2 * PAD, SIZE, bold));
    const h = Math.max(...wrapped.map((l) => l.length)) * lh + 2 * PAD;
    return {
      h,
      draw: () => {
        const top = doc.y;
        doc.line(0, top, doc.width, top);
        wrapped.forEach((lines, i) => {
          doc.y = top - PAD;
          const align = t.columns[i]!.kind !== 'text' ? 'center' : 'left';
          for (const l of lines) {
            doc.draw(l, { size: SIZE, bold, x: xs[i]! + PAD, width: widths[i]! - 2 * PAD, align });
            doc.y -= lh;
          }
        });
        const bottom = top - h;
        for (const x of xs) doc.line(x, top, x, bottom);
        doc.line(0, bottom, doc.width, bottom);
        doc.y = bottom;
      },
    };
  };
  const head = headRow(doc, t, widths, xs);
  doc.ensure(head.h + lh * 3);
  head.draw();
  doc.onBreak = () => head.draw();
  t.rows.forEach((cells, i) => {
    const r = row(
      cells.map((v, k) => cellText(v, t.columns[k]!.kind)),
      t.bold?.has(i) ?? false,
    );
    doc.ensure(r.h);
    r.draw();
  });
  doc.onBreak = null;
}

/** The heading row: small bold text, centred; a vertical column's heading written upwards in as many lines as it needs. */
function headRow(doc: PdfWriter, t: Table, widths: number[], xs: number[]) {
  const lh = doc.lineHeight(HEAD);
  const wrapped = t.columns.map((c, i) => doc.wrap(c.header, c.vertical ? UP : widths[i]! - 2 * PAD, HEAD, true));
  const upWidth = (lines: string[]) => Math.max(...lines.map((l) => doc.bold.widthOfTextAtSize(l, HEAD)));
  const h = Math.max(...t.columns.map((c, i) => (c.vertical ? upWidth(wrapped[i]!) : wrapped[i]!.length * lh))) + 2 * PAD;
  return {
    h,
    draw: () => {
      const top = doc.y;
      const bottom = top - h;
      doc.line(0, top, doc.width, top);
      t.columns.forEach((c, i) => {
        const lines = wrapped[i]!;
        if (c.vertical) {
          const block = lines.length * lh;
          lines.forEach((l, k) => doc.drawUp(l, xs[i]! + (widths[i]! - block) / 2 + (k + 1) * lh - (lh - HEAD * 0.75) / 2, bottom + PAD, HEAD, true));
        } else {
          doc.y = top - PAD - (h - 2 * PAD - lines.length * lh) / 2;
          for (const l of lines) {
            doc.draw(l, { size: HEAD, bold: true, x: xs[i]! + PAD, width: widths[i]! - 2 * PAD, align: 'center' });
            doc.y -= lh;
          }
        }
      });
      for (const x of xs) doc.line(x, top, x, bottom);
      doc.line(0, bottom, doc.width, bottom);
      doc.y = bottom;
    },
  };
}

/** Vertical bars with their value above and a label (and a note: the share) below, on one sheet. */
function drawBars(doc: PdfWriter, b: Bars) {
  const height = 110;
  const lh = doc.lineHeight(9);
  doc.keep(height + lh * 5);
  doc.paragraph(b.caption, { size: 10, bold: true });
  doc.gap(lh);
  const max = Math.max(1, ...b.bars.map((x) => x.value));
  const slot = Math.min(80, doc.width / Math.max(1, b.bars.length));
  const barW = slot * 0.6;
  const base = doc.y - height;
  doc.line(0, base, slot * b.bars.length, base);
  b.bars.forEach((x, i) => {
    const h = (x.value / max) * (height - lh);
    const left = i * slot + (slot - barW) / 2;
    if (h > 0) doc.rect(left, base, barW, h, BAR[i % BAR.length]!);
    doc.y = base + h + lh;
    doc.draw(String(x.value), { size: 9, x: i * slot, width: slot, align: 'center' });
    doc.y = base - 2;
    doc.draw(x.label, { size: 9, bold: true, x: i * slot, width: slot, align: 'center' });
    doc.y = base - 2 - lh;
    doc.draw(x.note, { size: 8, x: i * slot, width: slot, align: 'center' });
  });
  doc.y = base - 2 - lh * 2 - 4;
}

export async function reportPdf(ctx: Ctx, d: ReportDoc): Promise<ExportedFile> {
  const doc = await PdfWriter.create({
    school: d.school,
    title: d.title,
    subtitle: d.subtitle,
    running: `${d.title} (продолжение)`,
    footnote: d.personal ? 'Содержит персональные данные' : undefined,
    landscape: true,
    now: ctx.now(),
  });
  let rows = 0;
  d.sections.forEach((s, i) => {
    progress(ctx, i, d.sections.length, `${s.heading}`);
    checkpoint(ctx);
    // The heading stays with what follows it: the chart, or the table's heading row and its first rows.
    doc.keep(doc.lineHeight(11.5) * 2 + (s.lines?.length ?? 0) * doc.lineHeight(9.5) + (s.dynamics ? DYNAMICS_HEIGHT : s.chart ? 160 : s.table?.rows.length ? 150 : 0));
    doc.gap(4);
    doc.paragraph(s.heading, { size: 11.5, bold: true });
    for (const l of s.lines ?? []) doc.paragraph(l, { size: 9.5 });
    if (s.chart) drawBars(doc, s.chart);
    if (s.dynamics) drawDynamics(doc, s.dynamics);
    if (s.table?.rows.length) {
      doc.gap(2);
      drawTable(doc, s.table);
      rows += s.table.rows.length;
    } else if (s.table && s.empty) doc.paragraph(s.empty, { size: 9.5 });
    doc.gap(6);
  });
  for (const sig of d.signatures) doc.signature(sig.role, sig.name);
  progress(ctx, d.sections.length, d.sections.length, 'Запись файла');
  return pdfFile(d.fileName, ctx, await doc.finish(), rows);
}

const FMT: Record<ColumnKind, string | undefined> = { text: undefined, int: '0', pct: '0.0', avg: '0.00' };
const safeName = (s: string) => s.replace(/[\\/:*?"<>|«»]+/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * One worksheet: the school, the title and the subtitle merged across the top, then each section:
 * its heading, lines, and ruled table (the chart's figures as a table). A4 landscape to print.
 */
export async function reportXlsx(ctx: Ctx, d: ReportDoc): Promise<ExportedFile> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Школьный офис';
  wb.created = ctx.now();
  if (d.personal) wb.subject = 'Содержит персональные данные: обрабатывать в соответствии с 152-ФЗ';
  const ws = wb.addWorksheet('Отчёт', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 1.1, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
    headerFooter: d.personal ? { oddHeader: '&RСодержит персональные данные (152-ФЗ)', oddFooter: '&RЛист &P из &N' } : { oddFooter: '&RЛист &P из &N' },
  });
  const last = Math.max(2, ...d.sections.map((s) => s.table?.columns.length ?? (s.chart ? 3 : 1)));
  ws.columns = Array.from({ length: last }, (_, i) => ({ width: i === 0 ? 34 : i === 1 ? 16 : 11 }));
  let r = 1;
  const merged = (text: string, font: Partial<ExcelJS.Font>) => {
    ws.mergeCells(r, 1, r, last);
    const c = ws.getCell(r, 1);
    c.value = text;
    c.font = font;
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    r++;
  };
  merged(d.school, { size: 11 });
  merged(d.title, { bold: true, size: 14 });
  ws.getRow(r - 1).height = 36;
  for (const l of d.subtitle) merged(l, { size: 10 });
  const thin = { style: 'thin' as const };
  const rule = (row: ExcelJS.Row, n: number) => {
    for (let col = 1; col <= n; col++) row.getCell(col).border = { top: thin, left: thin, bottom: thin, right: thin };
  };
  let rows = 0;
  for (const s of d.sections) {
    r++;
    ws.getCell(r, 1).value = s.heading;
    ws.getCell(r, 1).font = { bold: true, size: 12 };
    r++;
    for (const l of s.lines ?? []) ws.getCell(r++, 1).value = l;
    const table: Table | undefined =
      s.table ??
      (s.chart && {
        columns: [
          { header: 'Отметка', width: 1, kind: 'text' },
          { header: 'Количество', width: 1, kind: 'int' },
          { header: 'Доля', width: 1, kind: 'text' },
        ],
        rows: s.chart.bars.map((b) => [b.label, b.value, b.note]),
      });
    if (!table) continue;
    if (!table.rows.length) {
      if (s.empty) ws.getCell(r++, 1).value = s.empty;
      continue;
    }
    const head = ws.getRow(r++);
    table.columns.forEach((c, i) => (head.getCell(i + 1).value = c.header));
    head.font = { bold: true };
    head.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    head.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } }));
    rule(head, table.columns.length);
    table.rows.forEach((cells, i) => {
      const row = ws.getRow(r++);
      cells.forEach((v, k) => {
        const cell = row.getCell(k + 1);
        const kind = table.columns[k]!.kind;
        cell.value = v === null ? '—' : v;
        if (typeof v === 'number' && FMT[kind]) cell.numFmt = FMT[kind]!;
        cell.alignment = { vertical: 'top', wrapText: true, horizontal: kind === 'text' ? 'left' : 'center' };
      });
      if (table.bold?.has(i)) row.font = { bold: true };
      rule(row, table.columns.length);
    });
    rows += table.rows.length;
  }
  r++;
  for (const sig of d.signatures) {
    r++;
    ws.getCell(r++, 1).value = `${sig.role} ____________ / ${sig.name ?? '____________________'} / «__» ____________ 20__ г.`;
  }
  progress(ctx, 1, 1, 'Запись файла');
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return resultFile(ctx, `${safeName(d.fileName)} ${ruDate(ctx.now().toISOString().slice(0, 10))}.xlsx`, buf, rows);
}
