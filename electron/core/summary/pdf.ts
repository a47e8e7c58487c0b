// The сводная ведомость printed (R16; PRODUCT.md «How documents should look»): A4 landscape, the
// school's name on every sheet, a ruled table — № and the student, then under each subject its
// periods (I, II, …, год); when the subjects do not fit one sheet's width they go on in the next
// part with the names repeated. The year's statement: one column a subject, its name turned up.
// Signature lines: the class teacher, the deputy director, the director with «М. П.»; the date.
import type { Ctx } from '../context';
import type { ExportedFile } from '../../api/types';
import type { SummaryStatement, SummarySubject } from '../../api/summary';
import { markValues } from '../../api/enums';
import { PdfWriter } from '../reports/pdf';
import { pdfFile } from '../reports/subgroupLists';
import { schoolRow } from '../setup/school';
import { checkpoint, progress } from '../job';
import { ruDate } from '../format';

const SIZE = 8;
const HEAD = 7;
const PAD = 2;
const NO_W = 18;
const NAME_W = 150;
/** A mark's column in the statement of periods («незач» at 8 pt fits). */
const CELL_W = 21;
/** The year's statement: a subject's column, at most. */
const YEAR_W = 30;

export const statementFileName = (st: SummaryStatement) => `${st.kind === 'year' ? 'Сводная ведомость за год' : 'Сводная ведомость'} ${st.className} ${st.yearName.replace(/\//g, '-')}`;

function subtitle(st: SummaryStatement): string[] {
  return [`Класс ${st.className}, ${st.yearName} учебный год`];
}

/** Cuts the subjects into parts that fit the sheet's width beside the names. */
function parts(subjects: SummarySubject[], perSubject: number, width: number): SummarySubject[][] {
  const fit = Math.max(1, Math.floor((width - NO_W - NAME_W) / perSubject));
  const out: SummarySubject[][] = [];
  for (let i = 0; i < subjects.length; i += fit) out.push(subjects.slice(i, i + fit));
  return out.length ? out : [[]];
}

function drawGrid(doc: PdfWriter, st: SummaryStatement, subjects: SummarySubject[]): void {
  const year = st.kind === 'year';
  const cols = st.periods;
  const cellW = year ? Math.min(YEAR_W, (doc.width - NO_W - NAME_W) / Math.max(1, subjects.length)) : CELL_W;
  const groupW = cellW * cols.length;
  const tableW = NO_W + NAME_W + groupW * subjects.length;
  const lh = doc.lineHeight(SIZE);
  const hl = doc.lineHeight(HEAD);

  // The header: the subjects' names (wrapped above their periods, or turned up in the year's statement).
  const nameLines = subjects.map((s) => (year ? doc.wrap(s.name, 110, HEAD, true) : doc.wrap(s.name, groupW - 2 * PAD, HEAD, true)));
  const nameH = year
    ? Math.min(
        140,
        Math.max(40, ...subjects.map((s, i) => Math.max(...nameLines[i]!.map((l) => doc.bold.widthOfTextAtSize(l, HEAD))) * 1.15 + 3 * PAD)),
      )
    : Math.max(1, ...nameLines.map((l) => l.length)) * hl + 2 * PAD;
  const periodH = year ? 0 : hl + 2 * PAD;
  const headH = nameH + periodH;

  const header = () => {
    const top = doc.y;
    const bottom = top - headH;
    doc.line(0, top, tableW, top);
    doc.y = top - PAD;
    doc.draw('№', { size: HEAD, bold: true, x: 0, width: NO_W, align: 'center' });
    doc.draw('Фамилия, имя, отчество обучающегося', { size: HEAD, bold: true, x: NO_W + PAD, width: NAME_W - 2 * PAD });
    subjects.forEach((s, i) => {
      const x = NO_W + NAME_W + i * groupW;
      if (year) {
        const lines = nameLines[i]!;
        // Turned up: the lines side by side, centred in the column, from the bottom of the name's cell.
        const step = hl;
        const x0 = x + cellW / 2 - ((lines.length - 1) * step) / 2 + HEAD * 0.35;
        lines.forEach((l, k) => doc.vertical(l, x0 + k * step, bottom + PAD + 1, HEAD, true));
      } else {
        doc.y = top - PAD;
        for (const l of nameLines[i]!) {
          doc.draw(l, { size: HEAD, bold: true, x: x + PAD, width: groupW - 2 * PAD, align: 'center' });
          doc.y -= hl;
        }
        const mid = top - nameH;
        doc.line(x, mid, x + groupW, mid);
        doc.y = mid - PAD;
        cols.forEach((c, k) => doc.draw(c.short, { size: HEAD, bold: true, x: x + k * cellW, width: cellW, align: 'center' }));
        cols.forEach((_, k) => k > 0 && doc.line(x + k * cellW, mid, x + k * cellW, bottom));
      }
      doc.line(x, top, x, bottom);
    });
    doc.line(NO_W, top, NO_W, bottom);
    doc.line(tableW, top, tableW, bottom);
    doc.line(0, top, 0, bottom);
    doc.line(0, bottom, tableW, bottom);
    doc.y = bottom;
  };

  doc.ensure(headH + lh * 3);
  header();
  doc.onBreak = header;
  for (const st2 of st.students) {
    const nameLines2 = doc.wrap(st2.name, NAME_W - 2 * PAD, SIZE);
    const noteLines = st2.note ? doc.wrap(st2.note, NAME_W - 2 * PAD, SIZE - 1) : [];
    const h = nameLines2.length * lh + noteLines.length * doc.lineHeight(SIZE - 1) + 2 * PAD;
    doc.ensure(h);
    const top = doc.y;
    const bottom = top - h;
    doc.y = top - PAD;
    doc.draw(String(st2.no), { size: SIZE, x: 0, width: NO_W, align: 'center' });
    for (const l of nameLines2) {
      doc.draw(l, { size: SIZE, x: NO_W + PAD, width: NAME_W - 2 * PAD });
      doc.y -= lh;
    }
    for (const l of noteLines) {
      doc.draw(l, { size: SIZE - 1, x: NO_W + PAD, width: NAME_W - 2 * PAD });
      doc.y -= doc.lineHeight(SIZE - 1);
    }
    subjects.forEach((s, i) => {
      const x = NO_W + NAME_W + i * groupW;
      cols.forEach((c, k) => {
        const v = st2.marks[s.id]?.[c.key];
        if (!v) return;
        doc.y = top - PAD;
        const text = markValues.labels[v];
        const bold = c.key === 'year' && !year;
        // «незач» in a narrow column: smaller rather than over the line.
        const w = (bold ? doc.bold : doc.regular).widthOfTextAtSize(text, SIZE);
        const size = w > cellW - 2 ? (SIZE * (cellW - 2)) / w : SIZE;
        doc.draw(text, { size, bold, x: x + k * cellW, width: cellW, align: 'center' });
      });
      doc.line(x, top, x, bottom);
      if (!year) cols.forEach((_, k) => k > 0 && doc.line(x + k * cellW, top, x + k * cellW, bottom));
    });
    doc.line(0, top, 0, bottom);
    doc.line(NO_W, top, NO_W, bottom);
    doc.line(tableW, top, tableW, bottom);
    doc.line(0, bottom, tableW, bottom);
    doc.y = bottom;
  }
  doc.onBreak = null;
}

export async function summaryPdf(ctx: Ctx, st: SummaryStatement): Promise<ExportedFile> {
  return pdfFile(statementFileName(st), ctx, await summaryPdfBytes(ctx, st), st.students.length);
}

/** The statement's PDF as bytes (the archive of paper copies puts them into its file). */
export async function summaryPdfBytes(ctx: Ctx, st: SummaryStatement): Promise<Uint8Array> {
  const doc = await PdfWriter.create({
    school: schoolRow(ctx)?.full_name ?? '',
    title: st.title,
    subtitle: subtitle(st),
    running: `${st.title}, ${st.className} (продолжение)`,
    footnote: 'Содержит персональные данные',
    landscape: true,
    now: ctx.now(),
  });
  const perSubject = st.kind === 'year' ? 22 : CELL_W * st.periods.length;
  const chunks = parts(st.subjects, perSubject, doc.width);
  for (const [i, chunk] of chunks.entries()) {
    progress(ctx, i, chunks.length, `${st.title}: лист ${i + 1} из ${chunks.length}`);
    checkpoint(ctx);
    if (i > 0) doc.section(`Предметы (продолжение, часть ${i + 1} из ${chunks.length})`, `${st.title}, ${st.className} (продолжение)`, true);
    if (!st.students.length) doc.paragraph('В классе нет учеников.', { size: 11 });
    else if (!chunk.length) doc.paragraph('В учебном плане класса нет предметов с отметками.', { size: 11 });
    else drawGrid(doc, st, chunk);
  }
  doc.gap(6);
  if (st.kind === 'periods') doc.paragraph('I, II, … — отметки за четверти (полугодия), «год» — годовая отметка. Пустая клетка: отметки нет или ученик в этот день не числился в классе.', { size: 8.5 });
  if (st.notAttested.length) doc.paragraph(`Без аттестации (не оцениваются): ${st.notAttested.join(', ')}.`, { size: 8.5 });
  doc.paragraph(`Дата формирования: ${ruDate(ctx.now().toISOString().slice(0, 10))}`, { size: 9.5 });
  doc.signature('Классный руководитель', st.classTeacher);
  doc.signature('Заместитель директора', null);
  doc.signature('Директор', st.director, true);
  progress(ctx, chunks.length, chunks.length, `${st.title}: запись файла`);
  return doc.finish();
}
