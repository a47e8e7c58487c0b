// A class's paper copy of the journal for a study period, rendered as one PDF (R21, issue 14 point 3;
// PRODUCT.md «How documents should look»; PRACTICE.md «Paper copies and archive») — without
// recording anything (the print job, print.ts, records the copy). A4 landscape (the marks sheets are
// wide), the stitching margin of PdfWriter, «Лист N из M» on every sheet, and in every sheet's footnote
// the copy's short code and the first 12 hex digits of the digest of the data it was made from.
//
// Sheets: the title sheet (with the class teacher's certification); the class list; per journal
// (subject, subgroup, study group) the lessons (№, date, topic, homework) and the marks with
// attendance (students × lesson dates, the period mark), the subject's sheets ending with the teacher's «Проверено»
// line; the attendance summary; the сводная ведомость of the year's periods so far; the closing sheet
// «Прошито, пронумеровано и скреплено печатью ___ листов» with the director's line and «М. П.».
//
// Efficiency (a whole school of ~1600 sheets in one job): every table is drawn by `table()`, one
// text per non-empty cell, one horizontal line per row and the vertical lines once per sheet;
// wrap() only for texts that can wrap (names, topics, homework). The breaks are the renderer's own
// (`Sheets`): it keeps a bottom margin a little larger than PdfWriter's, so PdfWriter never breaks
// a sheet by itself and the count of sheets is known without reading the PDF back.
import { randomInt } from 'node:crypto';
import type { Ctx } from '../../context';
import { absenceKinds, markValues, type WorkKind } from '../../../api/enums';
import { MARGIN, PdfWriter } from '../../reports/pdf';
import { ruDate } from '../../format';
import { copyData, type CopyData, type CopyUnit } from './data';
import { digestOf } from './fingerprint';

export interface RenderedCopy {
  classId: string;
  periodId: string;
  pdf: Uint8Array;
  sheets: number;
  /** The short identifier printed on every sheet. */
  code: string;
  /** SHA-256 (hex) of the canonical data the copy was made from. */
  digest: string;
  /** Item key → short hash, packed (fingerprint.ts packFingerprint; paper_copy.fingerprint). */
  fingerprint: string;
}

const MM = 72 / 25.4;
/** PdfWriter keeps 10 mm above the bottom margin for «Лист N из M»; the copy keeps 12. */
const BOTTOM = MARGIN.bottom + 12 * MM;
const PAD = 2;
/** Crockford's base 32 without I, L, O, U: a code read aloud or typed back is not misread. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** «7Б-2Ч-4K9QX»: the class, the period («2Ч» the 2nd quarter, «1П» the 1st half-year), five random characters. */
export function copyCode(className: string, period: { kind: 'quarter' | 'half'; number: number }): string {
  let tail = '';
  for (let i = 0; i < 5; i++) tail += ALPHABET[randomInt(ALPHABET.length)];
  return `${className}-${period.number}${period.kind === 'quarter' ? 'Ч' : 'П'}-${tail}`;
}

const dm = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}`;

/** Short names of the kinds of work shown under a lesson's date (the answer and classwork go unnamed). */
const KIND_SHORT: Partial<Record<WorkKind, string>> = { homework: 'д/з', independent: 'с/р', dictation: 'дикт.', test: 'к/р', lab: 'л/р', essay: 'соч.' };
const ABSENT = Object.fromEntries(Object.entries(absenceKinds.labels).map(([k, v]) => [k, v.toLowerCase()])) as Record<keyof typeof absenceKinds.labels, string>;

/**
 * Widths of texts measured once per process (the copies of a school share the font, PT Serif, and
 * most of their short texts: dates, marks, headings).
 */
const widths = new Map<string, number>();
function measure(doc: PdfWriter, text: string, size: number, bold = false): number {
  const key = `${bold ? 'b' : 'r'}${size}|${text}`;
  let w = widths.get(key);
  if (w === undefined) {
    if (widths.size > 50_000) widths.clear();
    widths.set(key, (w = (bold ? doc.bold : doc.regular).widthOfTextAtSize(text, size)));
  }
  return w;
}

/**
 * wrap() only when the text may need it: no glyph of PT Serif is wider than its size (an em), so a
 * text of n characters at `size` that fits n × size is one line as it is.
 */
const wrapped = new Map<string, string[]>();
function lines(doc: PdfWriter, text: string, width: number, size: number, bold = false): string[] {
  if (text.length * size <= width && !/\s\s|^\s|\s$|[\n\t]/.test(text)) return [text];
  // The same topics and headings recur in every class of a parallel: wrapped once per process.
  const key = `${bold ? 'b' : 'r'}${size}|${width}|${text}`;
  let ls = wrapped.get(key);
  if (!ls) {
    if (wrapped.size > 20_000) wrapped.clear();
    wrapped.set(key, (ls = doc.wrap(text, width, size, bold)));
  }
  return ls;
}

/** The sheets of the document and their count (every break goes through here). */
class Sheets {
  count = 1;
  constructor(readonly doc: PdfWriter) {}
  fits(height: number): boolean {
    return this.doc.y - height >= BOTTOM;
  }
  /** A new sheet (PdfWriter's break, which calls onBreak). */
  brk(): void {
    this.doc.ensure(1e6);
    this.count++;
  }
  need(height: number): void {
    if (!this.fits(height)) this.brk();
  }
  section(heading: string, running: string): void {
    this.doc.section(heading, running, true);
    this.count++;
  }
  /** A signature line, kept on the sheet. */
  signature(role: string, name: string | null, stamp = false): void {
    // What PdfWriter.signature keeps on the sheet (its own ensure), so that it never breaks by itself.
    this.need(this.doc.lineHeight(11) * (stamp ? 4 : 3));
    this.doc.signature(role, name, stamp);
  }
  /**
   * The subject teacher's line under the subject's sheets: «Проверено. Учитель ____ / И. О. Фамилия /
   * «__» ______ 20__ г.» — as PdfWriter.signature writes it, at 10 pt with less room above, so that a
   * class of 30 keeps its marks sheet on one sheet.
   */
  checked(name: string | null): void {
    this.need(this.doc.lineHeight(10) + 8);
    this.doc.gap(8);
    this.text(`Проверено. Учитель ____________ / ${name ?? '____________________'} / «__» ____________ 20__ г.`, 10);
  }
  text(text: string, size: number, o: { bold?: boolean; align?: 'left' | 'center' | 'right'; x?: number } = {}): void {
    for (const l of lines(this.doc, text, this.doc.width - (o.x ?? 0), size, o.bold)) {
      this.need(this.doc.lineHeight(size));
      this.doc.draw(l, { size, bold: o.bold, align: o.align, x: o.x });
      this.doc.y -= this.doc.lineHeight(size);
    }
  }
}

interface Col {
  w: number;
  head: string;
  /** The heading turned up (a narrow column). */
  up?: boolean;
  align?: 'left' | 'center';
  /** The cells' texts wrap (names, topics); else one line, made smaller when it does not fit. */
  wrap?: boolean;
  bold?: boolean;
}

/**
 * A ruled table: the heading (repeated on every sheet it goes on to), one row per entry. `size` the
 * cells' text, `headSize` the headings'. Cells null or '' are left blank.
 */
function table(s: Sheets, cols: Col[], rows: (string | null)[][], o: { size: number; headSize: number; pad?: number; maxUp?: number }): void {
  const { doc } = s;
  const pad = o.pad ?? PAD;
  const xs: number[] = [0];
  for (const c of cols) xs.push(xs[xs.length - 1]! + c.w);
  const total = xs[xs.length - 1]!;
  const hs = o.headSize;
  const hlh = doc.lineHeight(hs);
  const lh = doc.lineHeight(o.size);
  const heads = cols.map((c) => (c.up ? lines(doc, c.head, o.maxUp ?? 120, hs) : lines(doc, c.head, c.w - 2 * pad, hs, true)));
  const headH = Math.max(
    hlh + 2 * pad,
    ...cols.map((c, i) =>
      c.up ? Math.max(...heads[i]!.map((l) => measure(doc, l, hs))) + 2 * pad + 2 : heads[i]!.length * hlh + 2 * pad,
    ),
  );
  let blockTop = doc.y;
  const header = () => {
    const top = doc.y;
    const bottom = top - headH;
    blockTop = top;
    doc.line(0, top, total, top);
    cols.forEach((c, i) => {
      const lines = heads[i]!;
      if (c.up) {
        const x0 = xs[i]! + c.w / 2 - ((lines.length - 1) * hlh) / 2 + hs * 0.35;
        lines.forEach((l, k) => doc.vertical(l, x0 + k * hlh, bottom + pad + 1, hs));
      } else {
        doc.y = top - pad - (headH - 2 * pad - lines.length * hlh) / 2;
        for (const l of lines) {
          doc.draw(l, { size: hs, bold: true, x: xs[i]! + pad, width: c.w - 2 * pad, align: 'center' });
          doc.y -= hlh;
        }
      }
    });
    doc.line(0, bottom, total, bottom);
    doc.y = bottom;
  };
  const close = () => {
    for (const x of xs) doc.line(x, blockTop, x, doc.y);
  };
  s.need(headH + lh + 2 * pad);
  header();
  for (const row of rows) {
    let most = 1;
    const wrapped = cols.map((c, i) => {
      const t = row[i];
      if (!c.wrap || !t) return null;
      const ls = lines(doc, t, c.w - 2 * pad, o.size);
      if (ls.length > most) most = ls.length;
      return ls;
    });
    const h = most * lh + 2 * pad;
    if (!s.fits(h)) {
      close();
      s.brk();
      header();
    }
    const top = doc.y;
    cols.forEach((c, i) => {
      const t = row[i];
      if (!t) return;
      const ls = wrapped[i];
      doc.y = top - pad;
      if (ls) {
        for (const l of ls) {
          doc.draw(l, { size: o.size, x: xs[i]! + pad, width: c.w - 2 * pad, align: c.align });
          doc.y -= lh;
        }
        return;
      }
      let size = o.size;
      // Measured only when it may not fit (a mark of 1–3 characters always does in a mark's column).
      if (t.length * o.size * 0.62 > c.w - 2 * pad) {
        const w = measure(doc, t, o.size, c.bold);
        if (w > c.w - 2 * pad) size = (o.size * (c.w - 2 * pad)) / w;
      }
      doc.draw(t, { size, bold: c.bold, x: xs[i]! + (c.align === 'center' ? 0 : pad), width: c.align === 'center' ? c.w : c.w - 2 * pad, align: c.align });
    });
    doc.y = top - h;
    doc.line(0, doc.y, total, doc.y);
  }
  close();
}

function periodWords(d: CopyData): string {
  return `${d.period.name} ${d.yearName} учебного года`;
}

function titleSheet(s: Sheets, d: CopyData, code: string, digest: string, now: Date): void {
  const { doc } = s;
  doc.gap(16);
  const line = (label: string, value: string) => {
    doc.draw(label, { size: 12, x: 150, width: 230 });
    doc.draw(value, { size: 12, bold: true, x: 385 });
    doc.y -= doc.lineHeight(12) + 3;
  };
  line('Класс', d.className);
  line('Учебный период', `${d.period.name} (${ruDate(d.period.start)} — ${ruDate(d.period.end)})`);
  line('Учебный год', d.yearName);
  line('Классный руководитель', d.classTeacher ?? '—');
  line('Обучающихся в списке', String(d.students.length));
  line('Журналов (предметов, подгрупп)', String(d.units.length));
  line('Номер копии', code);
  line('Дата формирования', ruDate(now.toISOString().slice(0, 10)));
  doc.gap(6);
  s.text(`Контрольная сумма данных электронного журнала (SHA-256): ${digest}`, 8.5, { x: 150 });
  s.text(
    'Копия сформирована из электронного журнала; номер копии и начало контрольной суммы напечатаны внизу каждого листа. Изменение данных журнала после печати выявляется по контрольной сумме.',
    8.5,
    { x: 150 },
  );
  doc.gap(28);
  s.text('Достоверность бумажной копии подтверждаю.', 12, { bold: true, x: 150 });
  s.signature('Классный руководитель', d.classTeacher);
}

function classList(s: Sheets, d: CopyData, running: string): void {
  s.section('Список обучающихся', running);
  if (!d.students.length) {
    s.text('В классе в этом периоде не было учеников.', 11);
    return;
  }
  const w = s.doc.width;
  table(
    s,
    [
      { w: 28, head: '№', align: 'center' },
      { w: 300, head: 'Фамилия, имя, отчество обучающегося', wrap: true },
      { w: 110, head: 'В списке класса с', align: 'center' },
      { w: w - 438, head: 'Примечание', wrap: true },
    ],
    d.students.map((st, i) => [String(i + 1), st.name, ruDate(st.from), st.note]),
    { size: 8.5, headSize: 8.5, pad: 0.6 },
  );
}

function lessonsSheet(s: Sheets, d: CopyData, u: CopyUnit, running: string): void {
  s.section(`${u.title}: проведённые уроки`, running);
  s.text(`Учитель: ${u.teachers.join(', ') || '—'}`, 10);
  s.doc.gap(4);
  const w = s.doc.width;
  table(
    s,
    [
      { w: 24, head: '№', align: 'center' },
      { w: 44, head: 'Дата', align: 'center' },
      { w: (w - 68) * 0.58, head: 'Тема урока', wrap: true },
      { w: (w - 68) * 0.42, head: 'Домашнее задание', wrap: true },
    ],
    u.lessons.map((l, i) => [String(i + 1), ruDate(l.date).slice(0, 5), l.substitute ? `${l.topic} (замена: ${l.substitute})` : l.topic, l.homework]),
    { size: 8, headSize: 8, pad: 1 },
  );
  s.doc.gap(2);
  s.text(`Проведено уроков: ${u.lessons.length}.`, 8);
}

const LEGEND =
  'н — не был без уважительной причины, б — болел, у — по уважительной причине, о — опоздал; к/р — контрольная, с/р — самостоятельная, л/р — лабораторная, д/з — домашняя работа, дикт. — диктант, соч. — сочинение; две отметки за урок — через «/».';

/** Lesson columns of a marks sheet: at most this many on one sheet (13 pt each). */
const MARK_COL = 13;
const NO_W = 16;
const NAME_W = 130;
const PM_W = 24;

function marksSheets(s: Sheets, d: CopyData, u: CopyUnit, running: string): void {
  const w = s.doc.width;
  const fit = Math.floor((w - NO_W - NAME_W - PM_W) / MARK_COL);
  const nParts = Math.max(1, Math.ceil(u.lessons.length / fit));
  const per = Math.ceil(u.lessons.length / nParts) || 1;
  // Cells: lesson → student → texts (attendance first, then the marks as entered).
  const cells = new Map<string, Map<string, string[]>>();
  const put = (lessonId: string, studentId: string, text: string) => {
    const byStudent = cells.get(lessonId) ?? cells.set(lessonId, new Map()).get(lessonId)!;
    (byStudent.get(studentId) ?? byStudent.set(studentId, []).get(studentId)!).push(text);
  };
  for (const a of u.absences) put(a.lessonId, a.studentId, ABSENT[a.kind]);
  const kinds = new Map<string, Set<WorkKind>>();
  for (const m of u.marks) {
    put(m.lessonId, m.studentId, markValues.labels[m.value]);
    (kinds.get(m.lessonId) ?? kinds.set(m.lessonId, new Set()).get(m.lessonId)!).add(m.workKind);
  }
  const periodMarks = d.periodMarks.get(d.period.id)?.get(u.subjectId);
  const index = new Map(d.students.map((st, i) => [st.id, i]));
  const short = `${d.period.number} ${d.period.kind === 'quarter' ? 'четв.' : 'полуг.'}`;
  for (let p = 0; p < nParts; p++) {
    const lessons = u.lessons.slice(p * per, (p + 1) * per);
    const lastPart = p === nParts - 1;
    s.section(`${u.title}: отметки и посещаемость${nParts > 1 ? ` (часть ${p + 1} из ${nParts})` : ''}`, running);
    const colW = Math.min(22, (w - NO_W - NAME_W - PM_W) / Math.max(1, lessons.length));
    const cols: Col[] = [
      { w: NO_W, head: '№', align: 'center' },
      { w: NAME_W, head: 'Обучающийся' },
      ...lessons.map((l): Col => {
        const k = [...(kinds.get(l.id) ?? [])].map((x) => KIND_SHORT[x]).filter(Boolean);
        return { w: colW, head: k.length ? `${dm(l.date)} ${k.join(', ')}` : dm(l.date), up: true, align: 'center' };
      }),
    ];
    if (lastPart) cols.push({ w: PM_W, head: short, up: true, align: 'center', bold: true });
    const rows = u.studentIds.map((id) => {
      const n = index.get(id)!;
      const row: (string | null)[] = [String(n + 1), d.students[n]!.short];
      for (const l of lessons) row.push(cells.get(l.id)?.get(id)?.join('/') ?? null);
      if (lastPart) {
        const v = periodMarks?.get(id);
        row.push(v ? markValues.labels[v] : null);
      }
      return row;
    });
    if (!rows.length) s.text('В журнале нет учеников класса.', 10);
    else table(s, cols, rows, { size: 7, headSize: 7, pad: 0.6, maxUp: 60 });
    s.doc.gap(2);
    if (lastPart) {
      s.text(LEGEND, 6.5);
      for (const t of u.teachers.length ? u.teachers : [null]) s.checked(t);
    }
  }
}

function attendanceSheet(s: Sheets, d: CopyData, running: string): void {
  s.section(`Сведения о пропущенных уроках за ${d.period.name}`, running);
  const by = new Map(d.students.map((st) => [st.id, { sick: 0, excused: 0, unexcused: 0, late: 0 }]));
  for (const u of d.units) for (const a of u.absences) by.get(a.studentId)![a.kind]++;
  const w = s.doc.width;
  const rest = (w - 28 - 260) / 5;
  table(
    s,
    [
      { w: 28, head: '№', align: 'center' },
      { w: 260, head: 'Фамилия, имя, отчество обучающегося', wrap: true },
      { w: rest, head: 'Пропущено уроков всего', align: 'center', bold: true },
      { w: rest, head: 'из них по болезни', align: 'center' },
      { w: rest, head: 'по уважительной причине', align: 'center' },
      { w: rest, head: 'без уважительной причины', align: 'center' },
      { w: rest, head: 'Опозданий', align: 'center' },
    ],
    d.students.map((st, i) => {
      const c = by.get(st.id)!;
      return [String(i + 1), st.name, String(c.sick + c.excused + c.unexcused), String(c.sick), String(c.excused), String(c.unexcused), String(c.late)];
    }),
    { size: 7.5, headSize: 8, pad: 0.6 },
  );
  const sum = [...by.values()].reduce((a, c) => a + c.sick + c.excused + c.unexcused, 0);
  s.doc.gap(4);
  s.text(`Всего пропущено уроков классом: ${sum}.`, 9.5);
}

function summarySheet(s: Sheets, d: CopyData, running: string): void {
  s.section(`Сводная ведомость учёта успеваемости (${d.periods.map((p) => p.name).join(', ')})`, running);
  if (!d.attested.length || !d.students.length) {
    s.text(d.students.length ? 'В учебном плане класса нет предметов с отметками.' : 'В классе нет учеников.', 10);
    return;
  }
  const w = s.doc.width;
  const nameW = 170;
  const multi = d.periods.length > 1;
  const cols: Col[] = [
    { w: 18, head: '№', align: 'center' },
    { w: nameW, head: 'Фамилия, имя, отчество обучающегося', wrap: true },
  ];
  const keys: [string, string][] = [];
  for (const subj of d.attested)
    for (const p of d.periods) {
      keys.push([subj.id, p.key]);
      cols.push({ w: 0, head: multi ? `${subj.name}, ${p.short}` : subj.name, up: true, align: 'center', bold: p.key === d.period.id });
    }
  const cw = Math.min(24, (w - 18 - nameW) / keys.length);
  for (const c of cols.slice(2)) c.w = cw;
  const rows = d.students.map((st, i) => {
    const row: (string | null)[] = [String(i + 1), st.note ? `${st.name} (${st.note})` : st.name];
    for (const [subj, p] of keys) {
      const v = d.periodMarks.get(p)?.get(subj)?.get(st.id);
      row.push(v ? markValues.labels[v] : null);
    }
    return row;
  });
  table(s, cols, rows, { size: 7.5, headSize: 7, pad: 0.6, maxUp: 90 });
  s.doc.gap(3);
  if (multi) s.text('I, II, … — отметки за четверти (полугодия); отметки текущего периода выделены. Пустая клетка: отметки нет или ученик в этот день не числился в классе.', 8);
  if (d.notAttested.length) s.text(`Без аттестации (не оцениваются): ${d.notAttested.join(', ')}.`, 8);
  s.signature('Классный руководитель', d.classTeacher);
}

function closingSheet(s: Sheets, d: CopyData, running: string): void {
  s.section('Заверительная надпись', running);
  s.doc.gap(40);
  s.text('Прошито, пронумеровано и скреплено печатью ___ листов', 14, { bold: true, x: 60 });
  s.doc.gap(6);
  s.text(`(в настоящей копии ${s.count} ${s.count % 10 === 1 && s.count % 100 !== 11 ? 'лист' : s.count % 10 >= 2 && s.count % 10 <= 4 && (s.count % 100 < 12 || s.count % 100 > 14) ? 'листа' : 'листов'}, включая этот)`, 10, { x: 60 });
  s.doc.gap(20);
  s.signature('Директор', d.director, true);
}

/** The document of the data (the code and digest printed on every sheet). */
export async function renderCopyData(d: CopyData, code: string, digest: string, now: Date): Promise<{ pdf: Uint8Array; sheets: number }> {
  const running = `Классный журнал ${d.className}, ${d.period.name} ${d.yearName} (копия ${code})`;
  const doc = await PdfWriter.create({
    school: d.school,
    title: 'Классный журнал (бумажная копия электронного журнала)',
    subtitle: [`${d.className} класс`, periodWords(d)],
    running,
    footnote: `Копия ${code} · сверено с ЭЖ: ${digest.slice(0, 12)} · содержит персональные данные`,
    landscape: true,
    letterhead: [],
    now,
  });
  const s = new Sheets(doc);
  titleSheet(s, d, code, digest, now);
  classList(s, d, running);
  for (const u of d.units) {
    lessonsSheet(s, d, u, `${running}. ${u.title}`);
    marksSheets(s, d, u, `${running}. ${u.title}`);
  }
  if (!d.units.length) {
    s.section('Журналы предметов', running);
    s.text('В этом периоде у класса нет проведённых уроков.', 11);
  }
  attendanceSheet(s, d, running);
  summarySheet(s, d, running);
  closingSheet(s, d, running);
  return { pdf: await doc.finish(), sheets: s.count };
}

export async function renderClassCopy(ctx: Ctx, classId: string, periodId: string, now: Date, shared?: { school: string; director: string | null }): Promise<RenderedCopy> {
  const d = copyData(ctx, classId, periodId, shared);
  const { digest, fingerprint } = digestOf(d);
  const code = copyCode(d.className, d.period);
  const { pdf, sheets } = await renderCopyData(d, code, digest, now);
  return { classId, periodId, pdf, sheets, code, digest, fingerprint };
}
