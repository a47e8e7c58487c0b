// A book printed (issue 12; PRODUCT.md «How documents should look»): A4 landscape, the school's
// name on every sheet, the title (the alphabetical book: a title page, each letter from a new
// sheet), a ruled table whose header repeats on every sheet, «Лист N из M», signature lines.
import type { Ctx } from '../context';
import type { ExportedFile } from '../../api/types';
import { PdfWriter } from '../reports/pdf';
import { pdfFile } from '../reports/subgroupLists';
import { schoolRow } from '../setup/school';
import { initialsName } from '../groups/load';
import { outOf, progress, checkpoint } from '../job';
import type { BookDoc } from './document';

const SIZE = 8.5;
const PAD = 2.5;

/** The director's «И. О. Фамилия», when the school names one. */
export function directorName(ctx: Ctx): string | null {
  const id = schoolRow(ctx)?.director_id;
  const s = id ? ctx.db.first(ctx.db.q.selectFrom('staff').select(['last_name', 'first_name', 'middle_name']).where('id', '=', id)) : undefined;
  return s ? initialsName(s) : null;
}

function drawTable(doc: PdfWriter, book: BookDoc, rows: string[][], bold: Set<number> | undefined) {
  const total = book.columns.reduce((s, c) => s + c.width, 0);
  const widths = book.columns.map((c) => (c.width / total) * doc.width);
  const xs = widths.reduce<number[]>((acc, w, i) => [...acc, acc[i]! + w], [0]);
  const lh = doc.lineHeight(SIZE);
  const drawRow = (cells: string[], isBold: boolean) => {
    const wrapped = cells.map((t, i) => doc.wrap(t, widths[i]! - 2 * PAD, SIZE, isBold));
    const h = Math.max(...wrapped.map((l) => l.length)) * lh + 2 * PAD;
    return {
      h,
      draw: () => {
        const top = doc.y;
        doc.line(0, top, doc.width, top);
        wrapped.forEach((lines, i) => {
          doc.y = top - PAD;
          for (const l of lines) {
            doc.draw(l, { size: SIZE, bold: isBold, x: xs[i]! + PAD, width: widths[i]! - 2 * PAD, align: book.columns[i]!.center ? 'center' : 'left' });
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
  const header = () => {
    const r = drawRow(book.columns.map((c) => c.header), true);
    r.draw();
  };
  const head = drawRow(book.columns.map((c) => c.header), true);
  doc.ensure(head.h + lh * 2);
  header();
  doc.onBreak = header;
  rows.forEach((cells, i) => {
    const r = drawRow(cells, bold?.has(i) ?? false);
    doc.ensure(r.h);
    r.draw();
  });
  doc.onBreak = null;
}

export async function bookPdf(ctx: Ctx, book: BookDoc, school = schoolRow(ctx)?.full_name ?? ''): Promise<ExportedFile> {
  const doc = await PdfWriter.create({
    school,
    title: book.title,
    subtitle: book.subtitle,
    running: `${book.title} (продолжение)`,
    footnote: 'Содержит персональные данные',
    landscape: true,
    now: ctx.now(),
  });
  if (book.titlePage) {
    doc.gap(40);
    doc.paragraph('Начата «___» ____________ 20__ г.', { size: 12, align: 'center' });
    doc.paragraph('Окончена «___» ____________ 20__ г.', { size: 12, align: 'center' });
    doc.gap(30);
    doc.paragraph('Каждая буква алфавита — на своих листах, со своей нумерацией; номер записи — номер личного дела обучающегося.', { size: 10, align: 'center' });
  }
  const groups = book.groups.length;
  for (const [i, g] of book.groups.entries()) {
    progress(ctx, i, groups, `${book.title}: ${outOf(i, groups, ['раздел', 'раздела', 'разделов'])}`);
    checkpoint(ctx);
    if (g.heading) {
      if (g.newSheet) doc.section(g.heading, `${book.title}. ${g.heading}`, true);
      else {
        doc.keep(doc.lineHeight(12) * 3 + 40);
        doc.gap(6);
        doc.paragraph(g.heading, { size: 12, bold: true });
      }
    }
    if (g.note) doc.paragraph(g.note, { size: 9.5 });
    if (g.rows.length) {
      doc.gap(3);
      drawTable(doc, book, g.rows, g.bold);
    }
    doc.gap(6);
  }
  if (!book.groups.some((g) => g.rows.length)) doc.paragraph(book.kind === 'movement' ? 'Движения учащихся за период не было.' : 'Записей нет.', { size: 11 });
  for (const line of book.after) doc.paragraph(line, { size: 9.5 });
  doc.signature('Директор', directorName(ctx));
  doc.signature('Секретарь', null);
  progress(ctx, groups, groups, `${book.title}: запись файла`);
  const bytes = await doc.finish();
  return pdfFile(book.fileName, ctx, bytes, book.rows);
}
