// A book as a printed table (issue 12): its title, columns and groups of rows, the same for the PDF
// (pdf.ts) and the spreadsheet (xlsx.ts), so that both say the same.
import type { Ctx } from '../context';
import type { BookKind, Movement, SummaryRow } from '../../api/books';
import { BOOK_TITLES, MOVEMENT_LABELS } from '../../api/books';
import { invalid } from '../../api/errors';
import { ruDate } from '../format';
import { countWith, WORDS } from '../../api/plural';
import { loadFacts } from './facts';
import { alphabetBook, arrivalsReport, checkPeriod, movementBook, movementSummary } from './build';

export interface BookColumn {
  header: string;
  /** Relative width (the PDF) and characters (the spreadsheet). */
  width: number;
  center?: boolean;
}

export interface BookGroup {
  /** «Буква А», «Класс 7Б». */
  heading?: string;
  /** Under the heading: «На начало периода: 25 …». */
  note?: string;
  /** Starts on a new sheet (a letter of the alphabetical book). */
  newSheet?: boolean;
  rows: string[][];
  /** Rows printed bold (subtotals). */
  bold?: Set<number>;
}

export interface BookDoc {
  kind: BookKind;
  title: string;
  subtitle: string[];
  /** The file's name without the date and extension. */
  fileName: string;
  columns: BookColumn[];
  groups: BookGroup[];
  /** Lines after the table (totals). */
  after: string[];
  /** The first sheet is a title page (the alphabetical book). */
  titlePage: boolean;
  /** Rows with people (the result's count). */
  rows: number;
}

export const periodText = (from: string, to: string) => `за период с ${ruDate(from)} по ${ruDate(to)}`;

const orderCell = (m: Movement) => (m.order ? m.order.text : 'без приказа');

function alphabetDoc(ctx: Ctx): BookDoc {
  const book = alphabetBook(ctx);
  return {
    kind: 'alphabet',
    title: BOOK_TITLES.alphabet,
    subtitle: [`Записей: ${book.total.toLocaleString('ru-RU')}, из них выбыли: ${book.left.toLocaleString('ru-RU')}`, `Составлена ${ruDate(ctx.now().toISOString().slice(0, 10))}`],
    fileName: BOOK_TITLES.alphabet,
    columns: [
      { header: '№ записи (№ личного дела)', width: 7, center: true },
      { header: 'Фамилия, имя, отчество', width: 15 },
      { header: 'Дата рождения', width: 9, center: true },
      { header: 'Фамилия, имя, отчество родителей (законных представителей)', width: 22 },
      { header: 'Домашний адрес', width: 19 },
      { header: 'Класс и дата поступления, приказ', width: 12 },
      { header: 'Откуда прибыл', width: 12 },
      { header: 'Дата и № приказа о выбытии, причина', width: 14 },
      { header: 'Куда выбыл', width: 12 },
    ],
    groups: book.letters.map((l) => ({
      heading: `Буква «${l.letter}»`,
      newSheet: true,
      rows: l.entries.map((e) => [
        e.fileNo ?? 'б/н',
        e.fullName,
        ruDate(e.birthDate),
        e.parents,
        e.address ?? '',
        e.entryClass ? `${e.entryClass}, ${ruDate(e.entryDate)}${e.entryOrder ? `; приказ ${e.entryOrder.text}` : ''}` : '',
        e.cameFrom ?? '',
        e.leftDate ? `${ruDate(e.leftDate)}${e.leftOrder ? `; приказ ${e.leftOrder.text}` : ''}${e.leftReason ? `; ${e.leftReason}` : ''}` : '',
        e.wentTo ?? '',
      ]),
    })),
    after: [],
    titlePage: true,
    rows: book.total,
  };
}

function movementDoc(ctx: Ctx, from: string, to: string): BookDoc {
  const f = loadFacts(ctx);
  const book = movementBook(ctx, from, to, f);
  const quiet = book.classes.filter((c) => !c.rows.length);
  let n = 0;
  return {
    kind: 'movement',
    title: BOOK_TITLES.movement,
    subtitle: [periodText(from, to)],
    fileName: `${BOOK_TITLES.movement} ${ruDate(from)}–${ruDate(to)}`,
    columns: [
      { header: '№ п/п', width: 4, center: true },
      { header: 'Фамилия, имя, отчество', width: 17 },
      { header: 'Дата рождения', width: 8, center: true },
      { header: 'Движение', width: 10 },
      { header: 'Дата', width: 8, center: true },
      { header: 'Откуда прибыл / куда выбыл', width: 18 },
      { header: 'Приказ (дата и №)', width: 12 },
      { header: 'Причина выбытия', width: 13 },
    ],
    groups: book.classes
      .filter((c) => c.rows.length)
      .map((c) => {
        const rows = c.rows.map((m, i) => [
          String(i + 1),
          m.fullName,
          ruDate(m.birthDate),
          MOVEMENT_LABELS[m.kind],
          ruDate(m.date),
          m.kind === 'moved_in' ? `из ${m.otherClass ?? '?'} класса` : m.kind === 'moved_out' ? `в ${m.otherClass ?? '?'} класс` : (m.place ?? ''),
          orderCell(m),
          m.reason ?? '',
        ]);
        n += rows.length;
        return { heading: `Класс ${c.className}`, note: `На начало периода: ${c.start}; на конец периода: ${c.end}`, rows };
      }),
    after: quiet.length
      ? [`Движения не было (на начало и на конец периода): ${quiet.map((c) => `${c.className} — ${c.start}`).join(', ')}.`]
      : [],
    titlePage: false,
    rows: n,
  };
}

function arrivalsDoc(ctx: Ctx, from: string, to: string): BookDoc {
  const r = arrivalsReport(ctx, from, to);
  return {
    kind: 'arrivals',
    title: BOOK_TITLES.arrivals,
    subtitle: [periodText(from, to)],
    fileName: `${BOOK_TITLES.arrivals} ${ruDate(from)}–${ruDate(to)}`,
    columns: [
      { header: '№ п/п', width: 4, center: true },
      { header: 'Фамилия, имя, отчество', width: 17 },
      { header: 'Дата рождения', width: 8, center: true },
      { header: 'Прибыл / выбыл', width: 8 },
      { header: 'Класс', width: 6, center: true },
      { header: 'Фактический адрес проживания', width: 20 },
      { header: 'Дата и № приказа', width: 12 },
      { header: 'Откуда прибыл / куда выбыл', width: 18 },
    ],
    groups: [
      {
        rows: r.rows.map((m, i) => [
          String(i + 1),
          m.fullName,
          ruDate(m.birthDate),
          m.kind === 'arrived' ? 'Прибыл' : 'Выбыл',
          m.className,
          m.address ?? '',
          orderCell(m),
          [m.place, m.reason].filter(Boolean).join('; '),
        ]),
      },
    ],
    after: [`Прибыло: ${countWith(r.arrived, WORDS.student)}; выбыло: ${countWith(r.left, WORDS.student)}. Переводы между классами школы не учитываются.`],
    titlePage: false,
    rows: r.rows.length,
  };
}

function summaryDoc(ctx: Ctx, from: string, to: string): BookDoc {
  const s = movementSummary(ctx, from, to);
  const cells = (r: SummaryRow) => [r.label, String(r.start), String(r.arrived), String(r.left), String(r.movedIn), String(r.movedOut), String(r.end)];
  const rows: string[][] = [];
  const bold = new Set<number>();
  for (const p of s.parallels) {
    for (const c of s.classes.filter((c) => c.grade === p.grade)) rows.push(cells(c));
    bold.add(rows.length);
    rows.push(cells({ ...p, label: `Итого ${p.label}` }));
  }
  bold.add(rows.length);
  rows.push(cells(s.total));
  return {
    kind: 'summary',
    title: BOOK_TITLES.summary,
    subtitle: [periodText(from, to)],
    fileName: `${BOOK_TITLES.summary} ${ruDate(from)}–${ruDate(to)}`,
    columns: [
      { header: 'Класс', width: 14 },
      { header: `На начало периода (${ruDate(from)})`, width: 10, center: true },
      { header: 'Прибыло', width: 8, center: true },
      { header: 'Выбыло', width: 8, center: true },
      { header: 'Переведены в класс внутри школы', width: 11, center: true },
      { header: 'Переведены из класса внутри школы', width: 11, center: true },
      { header: `На конец периода (${ruDate(to)})`, width: 10, center: true },
    ],
    groups: [{ rows, bold }],
    after: ['На конец периода = на начало + прибыло − выбыло + переведены в класс − переведены из класса.'],
    titlePage: false,
    rows: s.classes.length,
  };
}

/** The book asked for, as a table; a period is needed by every book but the alphabetical one. */
export function bookDoc(ctx: Ctx, kind: BookKind, from?: string, to?: string): BookDoc {
  if (kind === 'alphabet') return alphabetDoc(ctx);
  if (!from || !to) {
    const msg = 'Укажите период: начало и конец';
    throw invalid(msg, [{ column: from ? 'to' : 'from', message: msg }]);
  }
  checkPeriod(from, to);
  if (kind === 'movement') return movementDoc(ctx, from, to);
  if (kind === 'arrivals') return arrivalsDoc(ctx, from, to);
  return summaryDoc(ctx, from, to);
}
