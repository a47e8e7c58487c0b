// «Итоги учебного года» printed (issue 15 point 1; PRODUCT.md «How documents should look»): A4, the
// school's full name, the title, per class from a new sheet: the figures, then the lists — missing
// marks, debts, one «3», one «4», отличники, the medal (grade 11) — as numbered tables whose headings
// repeat after a page break; the rules; the class teacher's and the deputy's signature lines, the
// director's with «М. П.». The certificate marks stay on the screen (a wide grid: the medal statement
// prints grade 11's; grade 9's are the year marks).
import type { Ctx } from '../../context';
import type { YearCheck, YearCheckClass } from '../../../api/yearCheck';
import { PdfWriter } from '../../reports/pdf';
import { schoolRow } from '../../setup/school';
import { directorName } from '../../books/pdf';
import { checkpoint, progress } from '../../job';
import { isoDay, ruDate } from '../../format';

const SIZE = 9;
const HEAD = 8;
const PAD = 2;

export const CHECK_TITLE = 'Итоги учебного года';

export const checkFileName = (st: YearCheck) => `${CHECK_TITLE} ${st.detail ? `${st.detail.className} ` : ''}${st.yearName.replace(/\//g, '-')}`;

/** A numbered table: a heading per column, the widths of all but the last (it takes the rest); the headings repeated after a break. */
function table(doc: PdfWriter, heads: string[], widths: number[], rows: string[][]): void {
  const ws = [18, ...widths];
  ws.push(doc.width - ws.reduce((a, b) => a + b, 0));
  const all = ['№', ...heads];
  const xs = ws.reduce<number[]>((a, w, i) => [...a, a[i]! + w], [0]);
  const hl = doc.lineHeight(HEAD);
  const lh = doc.lineHeight(SIZE);
  const headLines = all.map((h, i) => doc.wrap(h, ws[i]! - 2 * PAD, HEAD, true));
  const headH = Math.max(...headLines.map((l) => l.length)) * hl + 2 * PAD;
  const header = () => {
    const top = doc.y;
    headLines.forEach((ls, i) => {
      doc.y = top - PAD;
      for (const l of ls) (doc.draw(l, { size: HEAD, bold: true, x: xs[i]! + PAD, width: ws[i]! - 2 * PAD, align: 'center' }), (doc.y -= hl));
    });
    for (const x of xs) doc.line(x, top, x, top - headH);
    doc.line(0, top, doc.width, top);
    doc.line(0, top - headH, doc.width, top - headH);
    doc.y = top - headH;
  };
  doc.ensure(headH + lh * 2 + 2 * PAD);
  header();
  doc.onBreak = header;
  rows.forEach((r, k) => {
    const cells = [String(k + 1), ...r].map((t, i) => doc.wrap(t, ws[i]! - 2 * PAD, SIZE));
    const h = Math.max(...cells.map((c) => c.length), 1) * lh + 2 * PAD;
    doc.ensure(h);
    const top = doc.y;
    cells.forEach((ls, i) => {
      doc.y = top - PAD;
      for (const l of ls) (doc.draw(l, { size: SIZE, x: xs[i]! + PAD, width: ws[i]! - 2 * PAD, align: i === 0 ? 'center' : 'left' }), (doc.y -= lh));
    });
    for (const x of xs) doc.line(x, top, x, top - h);
    doc.line(0, top - h, doc.width, top - h);
    doc.y = top - h;
  });
  doc.onBreak = null;
}

function list(doc: PdfWriter, title: string, heads: string[], widths: number[], rows: string[][]): void {
  doc.gap(6);
  doc.keep(doc.lineHeight(10.5) + doc.lineHeight(SIZE) * 3);
  doc.paragraph(`${title}: ${rows.length ? rows.length : 'нет'}`, { size: 10.5, bold: true });
  if (rows.length) table(doc, heads, widths, rows);
}

function classPart(doc: PdfWriter, c: YearCheckClass): void {
  const t = c.totals;
  doc.paragraph(
    `Обучающихся: ${t.students}; аттестуемых предметов: ${c.subjects.length}. Нет отметок: ${t.missing}. Академических задолженностей: ${t.debts}` +
      `${t.unrecorded ? ` (не оформлено: ${t.unrecorded})` : ''}, у обучающихся: ${t.debtors}. С одной «3»: ${t.oneThree}. С одной «4»: ${t.oneFour}. Отличников: ${t.excellent}.` +
      `${c.medal ? ` Претендентов на медаль (по отметкам): ${t.medal}.` : ''}`,
    { size: 10 },
  );
  list(doc, 'Нет отметок', ['Фамилия, имя, отчество', 'Предмет', 'Отметка'], [200, 170], c.missing.map((m) => [m.student, m.subject, m.whichText]));
  list(
    doc,
    'Академические задолженности',
    ['Фамилия, имя, отчество', 'Предмет', 'ПА', 'Причина', 'Состояние'],
    [130, 95, 24, 110],
    c.debts.map((d) => [d.student, d.subject, d.mark ?? '—', d.reasonText, d.recorded ? (d.statusText ?? '') : 'не оформлена']),
  );
  list(doc, 'С одной «3»', ['Фамилия, имя, отчество', 'Предмет'], [220], c.oneThree.map((x) => [x.student, x.subject]));
  list(doc, 'С одной «4»', ['Фамилия, имя, отчество', 'Предмет'], [220], c.oneFour.map((x) => [x.student, x.subject]));
  list(doc, 'Отличники', ['Фамилия, имя, отчество'], [], c.excellent.map((x) => [x.student]));
  if (c.medal) list(doc, 'Медаль «За особые успехи в учении» (по отметкам)', ['Фамилия, имя, отчество', 'По отметкам'], [200], c.medal.map((m) => [m.student, m.text]));
}

/** The chosen class, or every class with students, each from a new sheet. */
export async function checkPdfBytes(ctx: Ctx, st: YearCheck, all: YearCheckClass[], now: Date): Promise<Uint8Array> {
  const classes = st.detail ? [st.detail] : all.filter((c) => c.totals.students > 0);
  const first = classes[0];
  const doc = await PdfWriter.create({
    school: schoolRow(ctx)?.full_name ?? '',
    title: CHECK_TITLE,
    subtitle: [first ? `Класс ${first.className}, ${st.yearName} учебный год` : `${st.yearName} учебный год`, `Списки классов на ${ruDate(st.day)}`],
    running: `${CHECK_TITLE}, ${first?.className ?? ''} (продолжение)`,
    footnote: 'Содержит персональные данные',
    now,
  });
  const director = directorName(ctx);
  if (!first) doc.paragraph('В этом учебном году нет классов с обучающимися.', { size: 11 });
  for (const [i, c] of classes.entries()) {
    progress(ctx, i, classes.length, `${CHECK_TITLE}: класс ${c.className}`);
    checkpoint(ctx);
    if (i > 0) doc.sheet(CHECK_TITLE, [`Класс ${c.className}, ${st.yearName} учебный год`, `Списки классов на ${ruDate(st.day)}`], `${CHECK_TITLE}, ${c.className} (продолжение)`);
    classPart(doc, c);
    doc.gap(8);
    for (const r of st.rules) doc.paragraph(r, { size: 8 });
    doc.paragraph(`Дата формирования: ${ruDate(isoDay(now))}`, { size: 9.5 });
    doc.signature('Классный руководитель', c.classTeacher);
    doc.signature('Заместитель директора', null);
    doc.signature('Директор', director, true);
  }
  return doc.finish();
}
