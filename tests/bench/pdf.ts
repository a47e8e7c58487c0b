// `npm run bench -- pdf` (issue 14): PdfWriter on the pages that dominate a school's paper copies —
// a marks sheet per page, ~35 students × 25 lesson dates of one- or two-character cells, ruled, the
// dates written upwards — 1000 pages in a fresh process (its time and peak memory), and the same
// pages drawn with pdf-lib's own drawText/drawLine (how PdfWriter drew before) on 100 pages as the peer.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PDFDocument, degrees, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import * as fontkitModule from '@pdf-lib/fontkit';
import { PdfWriter } from '../../electron/core/reports/pdf';
import { fontBytes } from '../../electron/core/reports/fonts';

type Emit = (name: string, value: number, unit: string) => void;

const ROWS = 35;
const COLS = 25;
const NAME_W = 150;
const HEAD_H = 42;
const ROW_H = 13;
const SIZE = 9;
const CELL = ['5', '4', 'н', '5', '3', '', '4', 'нб', '5', ''];
const LAST = ['Иванов', 'Смирнова', 'Кузнецов', 'Попова', 'Васильев', 'Петрова', 'Соколов', 'Михайлова', 'Новиков', 'Фёдорова', 'Морозов'];
const FIRST = ['Алексей', 'Мария', 'Дмитрий', 'Анна', 'Артём', 'Софья', 'Максим', 'Ева', 'Иван', 'Полина', 'Матвей', 'Дарья', 'Тимофей'];

/** The page's content: a class (every 16 pages another, as a class's subjects follow each other), its students, the dates and marks. */
export function sheetOf(page: number) {
  const cls = Math.floor(page / 16);
  const names = Array.from({ length: ROWS }, (_, r) => `${r + 1}. ${LAST[(cls * 7 + r) % LAST.length]} ${FIRST[(cls * 3 + r * 5) % FIRST.length]} ${cls}`);
  const dates = Array.from({ length: COLS }, (_, c) => `${String(((page + c * 3) % 28) + 1).padStart(2, '0')}.${String((c % 3) + 10).padStart(2, '0')}`);
  const mark = (r: number, c: number) => CELL[(page * 31 + r * 17 + c * 7) % CELL.length]!;
  return { cls, names, dates, mark };
}

/** A marks sheet per page through PdfWriter's public methods (section, vertical, draw, line). */
export async function denseTable(pages: number): Promise<Uint8Array> {
  const w = await PdfWriter.create({ school: 'МБОУ «Средняя общеобразовательная школа № 5»', title: 'Бумажная копия классного журнала', subtitle: ['2 четверть, 2026/2027 учебный год'], running: 'Бумажная копия', now: new Date(2026, 11, 28) });
  const cw = (w.width - NAME_W) / COLS;
  for (let p = 0; p < pages; p++) {
    const s = sheetOf(p);
    w.section(`Класс ${s.cls + 1}. Предмет ${p % 16}: отметки`, `Бумажная копия, класс ${s.cls + 1}`, p > 0);
    const top = w.y;
    w.line(0, top, w.width, top);
    w.draw('Фамилия, имя', { size: SIZE, bold: true, x: 3 });
    s.dates.forEach((d, c) => w.vertical(d, NAME_W + c * cw + cw / 2 + 3, top - HEAD_H + 4, 8));
    w.y = top - HEAD_H;
    for (let r = 0; r < ROWS; r++) {
      w.line(0, w.y, w.width, w.y);
      w.y -= 2;
      w.draw(s.names[r]!, { size: SIZE, x: 3 });
      for (let c = 0; c < COLS; c++) {
        const m = s.mark(r, c);
        if (m) w.draw(m, { size: SIZE, x: NAME_W + c * cw, width: cw, align: 'center' });
      }
      w.y -= ROW_H - 2;
    }
    w.line(0, w.y, w.width, w.y);
    w.line(0, top, 0, w.y);
    for (let c = 0; c <= COLS; c++) w.line(NAME_W + c * cw, top, NAME_W + c * cw, w.y);
  }
  return w.finish();
}

const fontkit = ((fontkitModule as unknown as { default?: unknown }).default ?? fontkitModule) as Parameters<PDFDocument['registerFontkit']>[0];
const MM = 72 / 25.4;

/** The same pages with pdf-lib's drawText and drawLine per cell and rule, as PdfWriter drew them before issue 14. */
export async function naiveTable(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const features = { liga: false, clig: false, dlig: false, calt: false };
  const regular = await doc.embedFont(fontBytes('regular'), { subset: true, features });
  const bold = await doc.embedFont(fontBytes('bold'), { subset: true, features });
  const L = 30 * MM;
  const width = 210 * MM - L - 15 * MM;
  const cw = (width - NAME_W) / COLS;
  const black = rgb(0, 0, 0);
  const text = (pg: PDFPage, t: string, x: number, y: number, size: number, font: PDFFont, up = false) =>
    pg.drawText(t, { x, y, size, font, color: black, rotate: up ? degrees(90) : undefined });
  const line = (pg: PDFPage, x1: number, y1: number, x2: number, y2: number) =>
    pg.drawLine({ start: { x: L + x1, y: y1 }, end: { x: L + x2, y: y2 }, thickness: 0.5, color: rgb(0.2, 0.2, 0.2) });
  for (let p = 0; p < pages; p++) {
    const s = sheetOf(p);
    const pg = doc.addPage([210 * MM, 297 * MM]);
    let y = 297 * MM - 20 * MM - 60;
    text(pg, `Класс ${s.cls + 1}. Предмет ${p % 16}: отметки`, L, y, 13.5, bold);
    y -= 24;
    const top = y;
    line(pg, 0, top, width, top);
    text(pg, 'Фамилия, имя', L + 3, y - SIZE, SIZE, bold);
    s.dates.forEach((d, c) => text(pg, d, L + NAME_W + c * cw + cw / 2 + 3, top - HEAD_H + 4, 8, regular, true));
    y = top - HEAD_H;
    for (let r = 0; r < ROWS; r++) {
      line(pg, 0, y, width, y);
      y -= 2;
      text(pg, s.names[r]!, L + 3, y - SIZE, SIZE, regular);
      for (let c = 0; c < COLS; c++) {
        const m = s.mark(r, c);
        if (m) text(pg, m, L + NAME_W + c * cw + (cw - regular.widthOfTextAtSize(m, SIZE)) / 2, y - SIZE, SIZE, regular);
      }
      y -= ROW_H - 2;
    }
    line(pg, 0, y, width, y);
    line(pg, 0, top, 0, y);
    for (let c = 0; c <= COLS; c++) line(pg, NAME_W + c * cw, top, NAME_W + c * cw, y);
  }
  doc.getPages().forEach((pg, i) => text(pg, `Лист ${i + 1} из ${pages}`, 150 * MM, 18 * MM, 9, regular));
  return doc.save({ useObjectStreams: true });
}

/** Run in a fresh process: the time of one run and that process's peak resident memory. */
function measured(kind: 'writer' | 'naive', pages: number): { ms: number; cpuMs: number; peakMb: number; bytes: number } {
  const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', kind, String(pages)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!) as { ms: number; cpuMs: number; peakMb: number; bytes: number };
}

export async function pdfBenches(emit: Emit): Promise<void> {
  const writer = measured('writer', 1000);
  emit('pdf_writer_dense_table_1000_pages_ms', writer.ms, 'ms');
  // The CPU time of the same run: what the wall time is once the shared cores are busy with others.
  emit('pdf_writer_dense_table_1000_pages_cpu_ms', writer.cpuMs, 'ms');
  emit('pdf_writer_dense_table_1000_pages_peak_mb', writer.peakMb, 'MB');
  emit('pdf_writer_dense_table_1000_pages_kb', writer.bytes / 1024, 'KB');
  const naive = measured('naive', 100);
  emit('pdf_lib_naive_dense_table_100_pages_ms', naive.ms, 'ms');
  emit('pdf_writer_speedup_vs_pdf_lib_naive', (naive.ms * 10) / writer.ms, '× (naive per page ÷ writer per page)');
}

if (process.argv[2] === '--child') {
  const kind = process.argv[3] as 'writer' | 'naive';
  const pages = Number(process.argv[4]);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const bytes = await (kind === 'writer' ? denseTable(pages) : naiveTable(pages));
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, peakMb: process.resourceUsage().maxRSS / 1024, bytes: bytes.length }));
}
