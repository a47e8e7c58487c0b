// The printed batch of statements (R12): one PDF, one child a sheet — the school's letterhead,
// «Выписка из электронного журнала», the period and the child, «Уважаемая …!» to the parents who
// refused the electronic diary, a table per subject (lessons held, the marks with dates, average,
// weighted average, missed lessons by reason, lateness), the totals, the class teacher's signature
// line and a line for the parent's receipt.
import type { Ctx } from '../context';
import type { StatementAddressee, StatementChild, StatementSubject } from '../../api/statements';
import { markValues } from '../../api/enums';
import { genderOfName, relationGender } from '../../api/declension';
import type { PDFFont } from 'pdf-lib';
import { PdfWriter } from '../reports/pdf';
import { ruDate } from '../format';
import { checkpoint, progress } from '../job';
import { drawTable, type Column } from '../substitutions/pdfTable';

const TITLE = 'Выписка из электронного журнала';

// The widest the columns may be together is the text width (468 pt): nothing is scaled down, and each
// minimum holds its heading's longest word in bold, so no heading breaks inside a word.
const COLUMNS: Column[] = [
  { header: 'Предмет', min: 80, max: 90 },
  { header: 'Уроков', align: 'center', min: 46, max: 46 },
  { header: 'Отметки (число: отметка)', min: 90, max: 96 },
  { header: 'Средний балл', align: 'center', min: 54, max: 54 },
  { header: 'Ср. взвеш. балл', align: 'center', min: 46, max: 46 },
  { header: 'Пропущено Б / У / Н', align: 'center', min: 68, max: 68 },
  { header: 'Опоздания', align: 'center', min: 64, max: 64 },
];

/**
 * Remembers the widths the font measures: PdfWriter.wrap measures each distinct character once per
 * call, and fontkit lays out every measured text anew (most of a batch's time: 45 sheets took ~9 s
 * without it). The same text at the same size always has the same width.
 */
function rememberWidths(font: PDFFont): void {
  const known = new Map<string, number>();
  const measure = font.widthOfTextAtSize.bind(font);
  font.widthOfTextAtSize = (text: string, size: number) => {
    const key = `${size}|${text}`;
    let w = known.get(key);
    if (w === undefined) known.set(key, (w = measure(text, size)));
    return w;
  };
}

const num = (v: number | null) => (v === null ? '—' : v.toFixed(2).replace('.', ','));
const dm = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}`;

/** «02.12: 5, 4; 04.12: н/а» — a double mark shows both marks under its date. */
export function marksText(s: StatementSubject): string {
  const byDate = new Map<string, string[]>();
  for (const m of s.marks) byDate.set(m.date, [...(byDate.get(m.date) ?? []), markValues.labels[m.value]]);
  return [...byDate].map(([d, v]) => `${dm(d)}: ${v.join(', ')}`).join('; ') || '—';
}

function missedText(s: StatementSubject): string {
  const n = s.missed.sick + s.missed.excused + s.missed.unexcused;
  return n ? `${n} (${s.missed.sick} / ${s.missed.excused} / ${s.missed.unexcused})` : '—';
}

function addressOf(list: readonly StatementAddressee[]): string {
  if (list.length > 1) return `Уважаемые ${list.map((a) => a.name).join(' и ')}!`;
  const a = list[0];
  if (!a) return 'Уважаемые родители!';
  const [lastName = '', firstName = '', ...rest] = a.name.split(' ');
  const g = (a.relation ? relationGender(a.relation) : null) ?? genderOfName({ lastName, firstName, middleName: rest.join(' ') || null });
  return `${g === 'f' ? 'Уважаемая' : g === 'm' ? 'Уважаемый' : 'Уважаемый(ая)'} ${a.name}!`;
}

/** «Ф. И. О.» → «И. О. Фамилия» for a signature line. */
function initialsFirst(full: string | null): string | null {
  if (!full) return null;
  const [last, ...rest] = full.split(' ');
  return `${rest.map((n) => `${n[0]}.`).join(' ')} ${last}`.trim();
}

export async function statementsPdf(
  ctx: Ctx,
  school: { full_name: string; address: string | null; phone: string | null; email: string | null } | undefined,
  span: { from: string; to: string },
  children: readonly StatementChild[],
): Promise<Uint8Array> {
  const period = `за период с ${ruDate(span.from)} по ${ruDate(span.to)}`;
  const sub = (c: StatementChild) => [period, `Обучающийся: ${c.studentName}, ${c.className} класс`];
  const letterhead = [school?.address, [school?.phone ? `тел. ${school.phone}` : null, school?.email ? `e-mail: ${school.email}` : null].filter(Boolean).join(', ')].filter(
    (l): l is string => !!l,
  );
  const first = children[0]!;
  const doc = await PdfWriter.create({
    school: school?.full_name ?? '',
    title: TITLE,
    subtitle: sub(first),
    running: `${TITLE}: ${first.studentName} (продолжение)`,
    footnote: 'Содержит персональные данные',
    letterhead,
    now: ctx.now(),
  });
  rememberWidths(doc.regular);
  rememberWidths(doc.bold);
  children.forEach((c, k) => {
    checkpoint(ctx);
    if (k) doc.sheet(TITLE, sub(c), `${TITLE}: ${c.studentName} (продолжение)`);
    doc.paragraph(addressOf(c.addressees), { size: 12, bold: true });
    doc.gap(2);
    doc.paragraph(
      `Сообщаем сведения из электронного журнала об успеваемости и посещаемости вашего ребёнка ${period}. ` +
        'Выписка составлена по данным, внесённым учителями в электронный журнал.',
      { size: 10.5 },
    );
    doc.gap(6);
    if (!c.subjects.length) doc.paragraph('За этот период в электронном журнале нет ни уроков, ни отметок, ни пропусков ребёнка.', { size: 11 });
    else
      drawTable(
        doc,
        COLUMNS,
        c.subjects.map((s) => [s.subject, String(s.lessonsHeld), marksText(s), num(s.average), num(s.weightedAverage), missedText(s), s.late ? String(s.late) : '—']),
        9.5,
      );
    doc.gap(8);
    const t = c.totals;
    doc.paragraph(
      `Всего за период: уроков проведено — ${t.lessonsHeld}, отметок — ${t.marks}; пропущено уроков — ${t.missed}` +
        (t.missed ? ` (по болезни — ${t.missedBy.sick}, по уважительной причине — ${t.missedBy.excused}, без уважительной причины — ${t.missedBy.unexcused})` : '') +
        `; опозданий — ${t.late}.`,
      { size: 10.5 },
    );
    doc.paragraph(
      'Уроков — проведённые уроки класса (подгруппы, группы ребёнка). Средний балл — среднее арифметическое отметок «1»–«5»; средневзвешенный (ср. взвеш.) учитывает вес вида работы (контрольная, диктант, сочинение весят больше ответа на уроке). Б — по болезни, У — по уважительной причине, Н — без уважительной причины.',
      { size: 8.5 },
    );
    doc.signature('Классный руководитель', initialsFirst(c.classTeacherName));
    doc.gap(6);
    doc.paragraph('Выписку получил(а) ____________ / ______________________ / «__» ____________ 20__ г.', { size: 11 });
    progress(ctx, k + 1, children.length, 'Выписки для родителей');
  });
  return doc.finish();
}
