// The statement for the medal commission printed (issue 14 point 5; PRODUCT.md «How documents should
// look»): «Ведомость итоговых отметок обучающихся 11 класса для медальной комиссии», A4 landscape,
// a part per class from a new sheet. Table 1: № and the student, per subject one compact cell — the
// line of grade 10 («I II год»), the line of grade 11, and the final mark bold at the right — and the
// short status; when the subjects do not fit the sheet's width they go on in the next part with the
// names repeated. Table 2: per student the status in words and the ЕГЭ columns and the commission's
// decision, left empty to be filled by hand. The conditions with their source; the commission's
// signature lines (председатель, члены комиссии) and the director's with «М. П.».
import type { Ctx } from '../../context';
import type { MedalClassStatement, MedalStatement, MedalStudent, MedalSubject } from '../../../api/paperMedal';
import { markValues } from '../../../api/enums';
import { PdfWriter } from '../../reports/pdf';
import { schoolRow } from '../../setup/school';
import { checkpoint, progress } from '../../job';
import { ruDate, isoDay } from '../../format';

const SIZE = 8;
const SMALL = 7;
const HEAD = 7;
const PAD = 2;
const NO_W = 16;
const NAME_W = 140;
const STATUS_W = 64;
/** A subject's cell: at least (else the subjects go on in the next part), at most. */
const CELL_MIN = 30;
const CELL_MAX = 66;
const FINAL_W = 16;

export const MEDAL_TITLE = 'Ведомость итоговых отметок обучающихся 11 класса для медальной комиссии';
export const medalTitle = (c: MedalClassStatement | null) =>
  c?.preliminary ? 'Ведомость отметок обучающихся 10 класса для медальной комиссии (предварительная)' : MEDAL_TITLE;

export const STATUS_SHORT: Record<MedalStudent['status']['kind'], string> = {
  first: 'I степени',
  second: 'II степени',
  none: 'не претендует',
  incomplete: 'нет данных',
};

export const medalFileName = (st: MedalStatement) => {
  const one = st.statements.length === 1 ? ` ${st.statements[0]!.className}` : '';
  return `Ведомость для медальной комиссии${one} ${st.yearName.replace(/\//g, '-')}`;
};

/** The marks of a grade in a subject as one short line: «5 4 5» (a missing one «–»). */
export function gradeLine(s: MedalStudent, subjectId: string, keys: string[]): string {
  return keys.map((k) => {
    const v = s.marks[subjectId]?.[k];
    return v ? markValues.labels[v] : '–';
  }).join(' ');
}

function parts(subjects: MedalSubject[], width: number): { chunk: MedalSubject[]; cellW: number }[] {
  const room = width - NO_W - NAME_W - STATUS_W;
  const fit = Math.max(1, Math.floor(room / CELL_MIN));
  const out: { chunk: MedalSubject[]; cellW: number }[] = [];
  for (let i = 0; i < subjects.length; i += fit) {
    const chunk = subjects.slice(i, i + fit);
    out.push({ chunk, cellW: Math.min(CELL_MAX, room / chunk.length) });
  }
  return out.length ? out : [{ chunk: [], cellW: CELL_MIN }];
}

/** Text at `size`, smaller when it would not fit `width`. */
function fitted(doc: PdfWriter, text: string, width: number, size: number, bold = false): number {
  const w = (bold ? doc.bold : doc.regular).widthOfTextAtSize(text, size);
  return w > width ? (size * width) / w : size;
}

function marksTable(doc: PdfWriter, c: MedalClassStatement, subjects: MedalSubject[], cellW: number): void {
  const tableW = NO_W + NAME_W + cellW * subjects.length + STATUS_W;
  const statusX = NO_W + NAME_W + cellW * subjects.length;
  const hl = doc.lineHeight(HEAD);
  const lh = doc.lineHeight(SIZE);
  const sh = doc.lineHeight(SMALL);
  const keys10 = c.columns.filter((k) => k.grade === 10).map((k) => k.key);
  const keys11 = c.columns.filter((k) => k.grade === 11).map((k) => k.key);
  const lines = c.preliminary ? [keys10] : [keys10, keys11];
  const nameLines = subjects.map((s) => doc.wrap(s.name, 80, HEAD, true));
  // The names' measured widths run a little short of the drawn ones (as in the сводная ведомость): × 1.15.
  const nameH = Math.min(110, Math.max(40, ...nameLines.map((ls) => Math.max(...ls.map((l) => doc.bold.widthOfTextAtSize(l, HEAD))) * 1.15 + 3 * PAD)));
  const subH = hl * lines.length + 2 * PAD;
  const headH = nameH + subH;

  const header = () => {
    const top = doc.y;
    const bottom = top - headH;
    doc.line(0, top, tableW, top);
    doc.y = top - PAD;
    doc.draw('№', { size: HEAD, bold: true, x: 0, width: NO_W, align: 'center' });
    for (const l of doc.wrap('Фамилия, имя, отчество обучающегося', NAME_W - 2 * PAD, HEAD, true)) {
      doc.draw(l, { size: HEAD, bold: true, x: NO_W + PAD, width: NAME_W - 2 * PAD });
      doc.y -= hl;
    }
    doc.y = top - headH / 2 + hl;
    doc.paragraph('Статус по отметкам', { size: HEAD, bold: true, x: statusX + PAD, width: STATUS_W - 2 * PAD, align: 'center' });
    subjects.forEach((s, i) => {
      const x = NO_W + NAME_W + i * cellW;
      const ls = nameLines[i]!;
      const x0 = x + cellW / 2 - ((ls.length - 1) * hl) / 2 + HEAD * 0.35;
      ls.forEach((l, k) => doc.vertical(l, x0 + k * hl, top - nameH + PAD + 1, HEAD, true));
      const mid = top - nameH;
      doc.line(x, mid, x + cellW, mid);
      doc.y = mid - PAD;
      const marksW = cellW - FINAL_W;
      for (const k of lines.keys()) {
        const label = k === 0 ? '10 кл.' : '11 кл.';
        doc.draw(label, { size: fitted(doc, label, marksW - 2, SMALL), x, width: marksW, align: 'center' });
        doc.y -= hl;
      }
      doc.y = mid - PAD - (hl * lines.length) / 2 + HEAD / 2;
      doc.draw('ит.', { size: SMALL, bold: true, x: x + marksW, width: FINAL_W, align: 'center' });
      doc.line(x + marksW, mid, x + marksW, bottom);
      doc.line(x, top, x, bottom);
    });
    for (const x of [0, NO_W, statusX, tableW]) doc.line(x, top, x, bottom);
    doc.line(0, bottom, tableW, bottom);
    doc.y = bottom;
  };

  doc.ensure(headH + lh * 3);
  header();
  doc.onBreak = header;
  for (const st of c.students) {
    const nl = doc.wrap(st.name, NAME_W - 2 * PAD, SIZE);
    const h = Math.max(nl.length * lh, lines.length * sh + 1) + 2 * PAD;
    doc.ensure(h);
    const top = doc.y;
    const bottom = top - h;
    doc.y = top - PAD;
    doc.draw(String(st.no), { size: SIZE, x: 0, width: NO_W, align: 'center' });
    for (const l of nl) {
      doc.draw(l, { size: SIZE, x: NO_W + PAD, width: NAME_W - 2 * PAD });
      doc.y -= lh;
    }
    doc.y = top - PAD;
    const status = STATUS_SHORT[st.status.kind];
    doc.draw(status, { size: fitted(doc, status, STATUS_W - 2 * PAD, SIZE, st.status.kind !== 'none'), bold: st.status.kind === 'first' || st.status.kind === 'second', x: statusX + PAD, width: STATUS_W - 2 * PAD });
    const marksW = cellW - FINAL_W;
    subjects.forEach((s, i) => {
      const x = NO_W + NAME_W + i * cellW;
      const f = st.finals[s.id];
      if (f) {
        lines.forEach((keys, k) => {
          doc.y = top - PAD - k * sh;
          const t = gradeLine(st, s.id, keys);
          doc.draw(t, { size: fitted(doc, t, marksW - 2, SMALL), x, width: marksW, align: 'center' });
        });
        const text = f.text ?? '—';
        doc.y = top - h / 2 + SIZE / 2 + 1;
        doc.draw(text, { size: fitted(doc, text, FINAL_W - 1, 10.5, true), bold: true, x: x + marksW, width: FINAL_W, align: 'center' });
      }
      doc.line(x, top, x, bottom);
      doc.line(x + marksW, top, x + marksW, bottom);
    });
    for (const x of [0, NO_W, statusX, tableW]) doc.line(x, top, x, bottom);
    doc.line(0, bottom, tableW, bottom);
    doc.y = bottom;
  }
  doc.onBreak = null;
}

/** Table 2: the status in words, the ЕГЭ and the decision, by hand. */
function conditionsTable(doc: PdfWriter, c: MedalClassStatement): void {
  const cols = [
    { title: '№', w: 16 },
    { title: 'Фамилия, имя, отчество обучающегося', w: 130 },
    { title: 'Статус по итоговым отметкам', w: 0 },
    { title: 'ЕГЭ: русский язык, баллы', w: 58 },
    { title: 'ЕГЭ: другой предмет (какой), баллы', w: 92 },
    { title: 'Математика базового уровня, отметка', w: 62 },
    { title: 'Решение комиссии', w: 88 },
  ];
  cols[2]!.w = doc.width - cols.reduce((a, x) => a + x.w, 0);
  const xs = cols.reduce<number[]>((a, x, i) => [...a, (a[i] ?? 0) + x.w], [0]);
  const hl = doc.lineHeight(HEAD);
  const lh = doc.lineHeight(SIZE);
  const heads = cols.map((x) => doc.wrap(x.title, x.w - 2 * PAD, HEAD, true));
  const headH = Math.max(...heads.map((l) => l.length)) * hl + 2 * PAD;
  const header = () => {
    const top = doc.y;
    heads.forEach((ls, i) => {
      doc.y = top - PAD;
      for (const l of ls) {
        doc.draw(l, { size: HEAD, bold: true, x: xs[i]! + PAD, width: cols[i]!.w - 2 * PAD, align: 'center' });
        doc.y -= hl;
      }
    });
    for (const x of xs) doc.line(x, top, x, top - headH);
    doc.line(0, top, doc.width, top);
    doc.line(0, top - headH, doc.width, top - headH);
    doc.y = top - headH;
  };
  doc.ensure(headH + lh * 3);
  header();
  doc.onBreak = header;
  for (const st of c.students) {
    const nl = doc.wrap(st.name, cols[1]!.w - 2 * PAD, SIZE);
    const sl = doc.wrap(st.status.text, cols[2]!.w - 2 * PAD, SIZE);
    const h = Math.max(nl.length, sl.length, 1) * lh + 2 * PAD + 4;
    doc.ensure(h);
    const top = doc.y;
    doc.y = top - PAD;
    doc.draw(String(st.no), { size: SIZE, x: 0, width: 16, align: 'center' });
    for (const l of nl) (doc.draw(l, { size: SIZE, x: xs[1]! + PAD, width: cols[1]!.w }), (doc.y -= lh));
    doc.y = top - PAD;
    const bold = st.status.kind === 'first' || st.status.kind === 'second';
    for (const l of sl) (doc.draw(l, { size: SIZE, bold, x: xs[2]! + PAD, width: cols[2]!.w }), (doc.y -= lh));
    for (const x of xs) doc.line(x, top, x, top - h);
    doc.line(0, top - h, doc.width, top - h);
    doc.y = top - h;
  }
  doc.onBreak = null;
}

export async function medalPdfBytes(ctx: Ctx, st: MedalStatement, now: Date): Promise<Uint8Array> {
  const first = st.statements[0] ?? null;
  const title = medalTitle(first);
  const doc = await PdfWriter.create({
    school: schoolRow(ctx)?.full_name ?? '',
    title,
    subtitle: [first ? `Класс ${first.className}, ${st.yearName} учебный год` : `${st.yearName} учебный год`],
    running: `${title}, ${first?.className ?? ''} (продолжение)`,
    footnote: 'Содержит персональные данные',
    landscape: true,
    now,
  });
  if (!st.statements.length) doc.paragraph('В этом учебном году нет 11 классов.', { size: 11 });
  for (const [ci, c] of st.statements.entries()) {
    progress(ctx, ci, st.statements.length, `${title}: класс ${c.className}`);
    checkpoint(ctx);
    if (ci > 0) doc.sheet(medalTitle(c), [`Класс ${c.className}, ${st.yearName} учебный год`], `${medalTitle(c)}, ${c.className} (продолжение)`);
    const ps = parts(c.subjects, doc.width);
    for (const [i, p] of ps.entries()) {
      if (ps.length > 1) doc.paragraph(`Предметы, часть ${i + 1} из ${ps.length}`, { size: 10, bold: true });
      if (!c.students.length) doc.paragraph('В классе нет обучающихся.', { size: 11 });
      else if (!p.chunk.length) doc.paragraph('В учебном плане класса нет предметов с отметками.', { size: 11 });
      else marksTable(doc, c, p.chunk, p.cellW);
      doc.gap(6);
    }
    doc.paragraph(
      c.preliminary
        ? 'В клетке предмета: отметки 10 класса (I, II полугодие, год) и справа — итоговая на сегодня (предварительно), жирным.'
        : 'В клетке предмета: верхняя строка — отметки 10 класса (I, II полугодие, год), нижняя — 11 класса; справа жирным — итоговая отметка. «–»: отметки нет.',
      { size: 8 },
    );
    if (c.students.some((s) => s.note)) doc.paragraph(`Нет данных за 10 класс (учебного года ${st.previousYear ?? 'до этого'} нет в программе или обучающийся тогда не учился в 10 классе школы): ${c.students.filter((s) => s.note).map((s) => s.name).join(', ')}.`, { size: 8 });
    doc.gap(8);
    if (c.students.length) conditionsTable(doc, c);
    doc.gap(6);
    for (const r of st.rules) doc.paragraph(r, { size: 8 });
    doc.paragraph(`Дата формирования: ${ruDate(isoDay(now))}`, { size: 9.5 });
    doc.signature('Председатель комиссии', null);
    doc.signature('Член комиссии', null);
    doc.signature('Член комиссии', null);
    doc.signature('Классный руководитель', c.classTeacher);
    doc.signature('Директор', st.director, true);
  }
  progress(ctx, st.statements.length, st.statements.length, `${title}: запись файла`);
  return doc.finish();
}
