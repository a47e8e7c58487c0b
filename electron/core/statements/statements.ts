// Statements for parents without e-access (issue 13 point 5; R12): who gets one, the figures, the
// printing with its register, the handing, and when the next batch is due. SQL: queries.ts; the
// figures: figures.ts; the PDF: pdf.ts. docs/indicators.md «Statements for parents without e-access».
//
// One copy per child (statement_copy is unique per batch and child): a child with two parents who
// refused gets one sheet addressed to both («Уважаемые …»); the register's copy names the first of
// them by name. Who gets one: a child on a class list on the span's last day (today, when the span
// ends later) with a parent who refused the electronic service.
import type { Ctx } from '../context';
import { todayOf } from '../context';
import type { ExportedFile } from '../../api/types';
import type { StatementBatchRow, StatementChild, StatementsDue, StatementsPreview } from '../../api/statements';
import { reportRules } from '../../api/indicators';
import { invalid, notFound } from '../../api/errors';
import { act } from '../tx';
import { ruDate } from '../format';
import { currentYearOrNull } from '../year';
import { progress, resultFile } from '../job';
import { addDays, childrenOf, lastFullWeek, statementFigures } from './figures';
import { statementsPdf } from './pdf';
import * as q from './queries';

/** The longest span a statement covers: a school year. */
const MAX_SPAN_DAYS = 366;

interface Span {
  from: string;
  to: string;
  listDay: string;
  yearId: string;
  classId: string | null;
  className: string | null;
}

const days = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** The span asked for (the last full week by default), checked; the refusals name their field. */
export function spanOf(ctx: Ctx, i: { from?: string; to?: string; classId?: string | null }): Span {
  const today = todayOf(ctx);
  const week = lastFullWeek(today);
  const from = i.from ?? (i.to ? addDays(i.to, -6) : week.from);
  const to = i.to ?? (i.from ? (addDays(i.from, 6) < today ? addDays(i.from, 6) : today) : week.to);
  if (to < from) throw invalid(`Конец периода (${ruDate(to)}) раньше его начала (${ruDate(from)}).`, [{ column: 'to', message: `Конец периода раньше его начала (${ruDate(from)})` }]);
  if (from > today) throw invalid(`Период начинается ${ruDate(from)} — он ещё не наступил.`, [{ column: 'from', message: `Дата ${ruDate(from)} ещё не наступила` }]);
  if (days(from, to) >= MAX_SPAN_DAYS) throw invalid('Период выписки — не больше учебного года.', [{ column: 'to', message: 'Период — не больше года' }]);
  const listDay = to < today ? to : today;
  const year = q.yearOn(ctx.db, listDay);
  if (!year) throw invalid(`${ruDate(listDay)} не входит в учебный год: выберите даты учебного года.`, [{ column: 'to', message: 'Дата вне учебного года' }]);
  if (from < year.start_date)
    throw invalid(`Период выписки — внутри одного учебного года (${year.name} начался ${ruDate(year.start_date)}).`, [{ column: 'from', message: `Учебный год начался ${ruDate(year.start_date)}` }]);
  let className: string | null = null;
  if (i.classId) {
    const c = q.classOf(ctx.db, i.classId);
    if (!c) throw notFound('Класс');
    if (c.year_id !== year.id) throw invalid(`Класс ${c.name} — другого учебного года.`, [{ column: 'classId', message: 'Класс другого учебного года' }]);
    className = c.name;
  }
  return { from, to, listDay, yearId: year.id, classId: i.classId ?? null, className };
}

function figuresOf(ctx: Ctx, span: Span, rows: q.RecipientRow[]): StatementChild[] {
  const children = childrenOf(rows);
  const ids = children.map((c) => c.studentId);
  if (!ids.length) return [];
  const held = q.lessonsHeld(ctx.db, ids, span.from, span.to);
  const marks = q.marks(ctx.db, ids, span.from, span.to);
  const attendance = q.attendance(ctx.db, ids, span.from, span.to);
  const subjectIds = [...new Set([...held.map((h) => h.subject_id), ...marks.map((m) => m.subject_id), ...attendance.map((a) => a.subject_id)])];
  return statementFigures(children, held, marks, attendance, q.subjects(ctx.db, subjectIds));
}

export function previewStatements(ctx: Ctx, i: { from?: string; to?: string; classId?: string | null }): StatementsPreview {
  const span = spanOf(ctx, i);
  const children = figuresOf(ctx, span, q.recipients(ctx.db, span.yearId, span.listDay, span.classId));
  return { from: span.from, to: span.to, listDay: span.listDay, classId: span.classId, className: span.className, children };
}

/** Who gets a copy, as the register records it: each child with the first parent (by name) who refused. */
const copyKey = (rows: readonly q.RecipientRow[]) =>
  JSON.stringify(childrenOf(rows).map((c) => [c.studentId, c.addressees[0]?.guardianId ?? null, c.addressees.length]));

/**
 * The batch as one PDF (one child a sheet), then — as the job's last step, in one transaction — the
 * batch and a copy per child written to the register, after checking inside it that the children
 * and their parents are still those printed (a sync or another user could change them meanwhile).
 */
export async function printStatements(ctx: Ctx, i: { from?: string; to?: string; classId?: string | null }): Promise<ExportedFile> {
  const span = spanOf(ctx, i);
  const rows = q.recipients(ctx.db, span.yearId, span.listDay, span.classId);
  const children = figuresOf(ctx, span, rows);
  if (!children.length)
    throw invalid(
      span.className
        ? `В классе ${span.className} нет учеников, чьи родители отказались от электронного дневника: печатать нечего.`
        : 'В школе нет учеников, чьи родители отказались от электронного дневника: печатать нечего.',
    );
  progress(ctx, 0, children.length, 'Выписки для родителей');
  const school = q.school(ctx.db);
  const bytes = await statementsPdf(ctx, school, span, children);
  const name = `Выписки для родителей ${ruDate(span.from)}–${ruDate(span.to)}${span.className ? ` ${span.className}` : ''}.pdf`;
  const file = await resultFile(ctx, name, bytes, children.length);
  const printedBy = ctx.session.user?.displayName ?? ctx.actor;
  act(ctx, (w) => {
    const now = q.recipients(ctx.db, span.yearId, span.listDay, span.classId);
    if (copyKey(now) !== copyKey(rows)) throw invalid('Пока выписки печатались, список учеников или их родителей изменился: напечатайте выписки ещё раз.');
    const batch = w.insert('statement_batch', {
      year_id: span.yearId,
      date_from: span.from,
      date_to: span.to,
      class_id: span.classId,
      printed_at: ctx.now().toISOString(),
      printed_by: printedBy,
    });
    w.insertMany(
      'statement_copy',
      children.map((c) => ({ batch_id: batch.id, student_id: c.studentId, guardian_id: c.addressees[0]?.guardianId ?? null, handed_on: null, handed_to: null })),
    );
  });
  return file;
}

export function statementRegister(ctx: Ctx, limit: number | undefined): StatementBatchRow[] {
  const batches = q.batches(ctx.db, limit ?? 50);
  const copies = q.copiesOf(ctx.db, batches.map((b) => b.id));
  return batches.map((b) => {
    const mine = copies.filter((c) => c.batch_id === b.id);
    return {
      id: b.id,
      dateFrom: b.date_from,
      dateTo: b.date_to,
      classId: b.class_id,
      className: b.class_name,
      printedAt: b.printed_at,
      printedBy: b.printed_by,
      copies: mine.map((c) => ({
        id: c.id,
        studentId: c.student_id,
        studentName: c.student_name,
        className: c.class_name,
        guardianName: c.guardian_name,
        handedOn: c.handed_on,
        handedTo: c.handed_to,
      })),
      handed: mine.filter((c) => c.handed_on).length,
    };
  });
}

/** The copies handed over on a date: not before they were printed, not in the future. */
export function markHanded(ctx: Ctx, i: { copyIds: string[]; handedOn: string; handedTo: string | null }): { handed: number } {
  const today = todayOf(ctx);
  if (i.handedOn > today) throw invalid(`Дата вручения ${ruDate(i.handedOn)} ещё не наступила.`, [{ column: 'handedOn', message: `Дата ${ruDate(i.handedOn)} ещё не наступила` }]);
  return act(ctx, (w) => {
    const ids = [...new Set(i.copyIds)];
    const rows = q.copiesById(ctx.db, ids);
    if (rows.length !== ids.length) throw notFound('Выписка');
    const printed = rows.reduce((m, r) => (r.printed_at > m ? r.printed_at : m), '');
    // The day of printing in the school's time is what the register shows; a copy cannot be handed before it.
    const printedDay = printed.slice(0, 10);
    if (i.handedOn < printedDay)
      throw invalid(`Дата вручения (${ruDate(i.handedOn)}) раньше печати выписок (${ruDate(printedDay)}).`, [
        { column: 'handedOn', message: `Раньше печати выписок (${ruDate(printedDay)})` },
      ]);
    for (const r of rows) w.update('statement_copy', r.id, { handed_on: i.handedOn, handed_to: i.handedTo });
    return { handed: rows.length };
  });
}

export function statementsDue(ctx: Ctx): StatementsDue {
  const today = todayOf(ctx);
  const week = lastFullWeek(today);
  const everyDays = reportRules(q.school(ctx.db)?.report_rules).statementEveryDays;
  const last = q.lastBatch(ctx.db);
  const out: StatementsDue = {
    today,
    everyDays,
    defaultFrom: week.from,
    defaultTo: week.to,
    children: 0,
    coveredTo: null,
    dueOn: null,
    overdue: false,
    lagging: [],
    last: last ? { dateFrom: last.date_from, dateTo: last.date_to, className: last.class_name, printedAt: last.printed_at } : null,
  };
  const yearId = q.yearOn(ctx.db, today)?.id ?? currentYearOrNull(ctx);
  if (!yearId) return out;
  const kids = childrenOf(q.recipients(ctx.db, yearId, today, null));
  out.children = kids.length;
  if (!kids.length) return out;
  const covered = q.coveredTo(ctx.db, yearId);
  const classes = new Map<string, { name: string; covered: string | null }>();
  for (const k of kids) classes.set(k.classId, { name: k.className, covered: covered.get(k.classId) ?? null });
  const never = [...classes.values()].filter((c) => c.covered === null);
  if (never.length) {
    out.overdue = true;
    out.lagging = never.map((c) => c.name);
    return out;
  }
  const oldest = [...classes.values()].reduce((m, c) => (c.covered! < m ? c.covered! : m), '9999-12-31');
  out.coveredTo = oldest;
  out.dueOn = addDays(oldest, everyDays + 1);
  out.overdue = out.dueOn < today;
  out.lagging = [...classes.values()].filter((c) => c.covered === oldest).map((c) => c.name);
  return out;
}
