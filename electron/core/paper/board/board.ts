// The period's board of paper copies (issue 14 point 1; R21 `001 §4.1–4.5`, `§5.2`; R22;
// docs/paper-copies.md «The board»): the classes of a study period, each with its steps (who, when,
// the deadline from the first day of the holidays, late), its subject sheets and signatures, its
// latest printed copy and whether it still matches the journal. Writes (a step done or undone, a
// signature, the ББЖ switch) go through the Writer, one transaction each, deciding reads inside.
import type { Ctx } from '../../context';
import { todayOf } from '../../context';
import type { Db } from '../../../../db';
import { classNameSql } from '../../../../db';
import { AppError, invalid, notFound } from '../../../api/errors';
import { paperSteps, type PaperStep } from '../../../api/enums';
import type { Board, BoardClass, BoardPeriod, BoardPeriods, BoardSheet } from '../../../api/paperBoard';
import { act } from '../../tx';
import { ruDate, parseJsonArray } from '../../format';
import { currentYearOrNull } from '../../year';
import { copyFreshness } from '../copy/freshness';

export const STEPS = paperSteps.values;

/** ISO day plus n days. */
export function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * Each step's last day counted from the holidays' first day H (day 1), R21 `001 §4.1–4.5`, `§5.2`:
 * checked — day 1, printed — day 2, signed — day 3, certified — day 4, handed — day 5, approved —
 * day 5 (the secretary takes the copies to the director the day she receives them), bound — a week
 * after day 5 (day 12), archived — two weeks after day 5 (day 19). docs/paper-copies.md.
 */
export const STEP_DAY: Record<PaperStep, number> = { checked: 1, printed: 2, signed: 3, certified: 4, handed: 5, approved: 5, bound: 12, archived: 19 };

export function deadlines(holidaysStart: string): Record<PaperStep, string> {
  return Object.fromEntries(STEPS.map((s) => [s, addDays(holidaysStart, STEP_DAY[s] - 1)])) as Record<PaperStep, string>;
}

// ── The school's switch (R22: a school without a paper journal, ББЖ) ─────────────────────────

function schoolRow(db: Db): { id: string; paper_journal: number } | undefined {
  return db.statement(`SELECT id, paper_journal FROM school WHERE deleted_at IS NULL ORDER BY created_at LIMIT 1`).get() as { id: string; paper_journal: number } | undefined;
}

export function paperJournalOn(db: Db): boolean {
  return (schoolRow(db)?.paper_journal ?? 1) === 1;
}

export const BBZH_MESSAGE =
  'Школа ведёт журнал только в электронном виде (ББЖ): бумажные копии не печатаются и не сдаются. Включить бумажный журнал может администратор системы в разделе «Бумажные копии и архив».';

/** Refuses a paper action (a step, a signature, a print) in a school without a paper journal (R22). Call it inside the action's transaction. */
export function requirePaperJournal(ctx: Ctx): void {
  if (!paperJournalOn(ctx.db)) throw new AppError('conflict', BBZH_MESSAGE);
}

export function paperSettings(ctx: Ctx): { paperJournal: boolean } {
  return { paperJournal: paperJournalOn(ctx.db) };
}

export function savePaperSettings(ctx: Ctx, i: { paperJournal: boolean }): void {
  act(ctx, (w) => {
    const row = schoolRow(ctx.db);
    if (!row) throw notFound('Школа');
    if ((row.paper_journal === 1) !== i.paperJournal) w.update('school', row.id, { paper_journal: i.paperJournal ? 1 : 0 });
  });
}

// ── Periods and their holidays ───────────────────────────────────────────────────────────────

interface PeriodRow {
  id: string;
  year_id: string;
  name: string;
  start_date: string;
  end_date: string;
  grade_from: number;
  grade_to: number;
}

/** The first day of the period's holidays: the first holiday (of its parallels) starting after its end, else the next day. */
function holidaysStart(db: Db, p: PeriodRow): string {
  const h = db
    .statement(
      `SELECT min(start_date) AS d FROM holiday WHERE year_id = ? AND deleted_at IS NULL AND start_date > ? AND grade_from <= ? AND grade_to >= ?`,
    )
    .get(p.year_id, p.end_date, p.grade_to, p.grade_from) as { d: string | null };
  // Only the holidays right after the period: one starting within a fortnight of its end.
  return h.d && h.d <= addDays(p.end_date, 14) ? h.d : addDays(p.end_date, 1);
}

function toPeriod(db: Db, p: PeriodRow): BoardPeriod {
  return { id: p.id, name: p.name, startDate: p.start_date, endDate: p.end_date, gradeFrom: p.grade_from, gradeTo: p.grade_to, holidaysStart: holidaysStart(db, p) };
}

const PERIOD_COLS = `id, year_id, name, start_date, end_date, grade_from, grade_to`;

export function periodRow(db: Db, id: string): PeriodRow {
  const p = db.statement(`SELECT ${PERIOD_COLS} FROM study_period WHERE id = ? AND deleted_at IS NULL`).get(id) as PeriodRow | undefined;
  if (!p) throw notFound('Учебный период');
  return p;
}

interface DeputyRow {
  id: string;
  name: string;
  grades: number[];
}

function deputies(db: Db): DeputyRow[] {
  const rows = db
    .statement(
      `SELECT id, last_name || ' ' || first_name || coalesce(' ' || middle_name, '') AS name, deputy_grades FROM staff
       WHERE deleted_at IS NULL AND deputy_grades IS NOT NULL AND deputy_grades <> '[]' ORDER BY last_name, first_name, middle_name, id`,
    )
    .all() as { id: string; name: string; deputy_grades: string }[];
  return rows.map((r) => ({ id: r.id, name: r.name, grades: parseJsonArray<number>(r.deputy_grades) })).filter((d) => d.grades.length);
}

export function boardPeriods(ctx: Ctx): BoardPeriods {
  const { db } = ctx;
  const today = todayOf(ctx);
  const paperJournal = paperJournalOn(db);
  const yearId = currentYearOrNull(ctx);
  const rows = yearId ? (db.statement(`SELECT ${PERIOD_COLS} FROM study_period WHERE year_id = ? AND deleted_at IS NULL ORDER BY start_date, grade_from, number`).all(yearId) as PeriodRow[]) : [];
  const periods = rows.map((p) => toPeriod(db, p));
  const ended = periods.filter((p) => p.endDate < today).sort((a, b) => (a.endDate < b.endDate ? 1 : a.endDate > b.endDate ? -1 : a.gradeFrom - b.gradeFrom));
  const current = ended[0] ?? periods.find((p) => p.startDate <= today && today <= p.endDate) ?? periods[0] ?? null;
  return { paperJournal, today, periods, currentId: current?.id ?? null, deputies: deputies(db) };
}

// ── The board ────────────────────────────────────────────────────────────────────────────────

interface ClassRow {
  id: string;
  name: string;
  grade: number;
  teacher: string | null;
}

function classesOf(db: Db, p: PeriodRow): ClassRow[] {
  return db
    .statement(
      `SELECT c.id, ${classNameSql('c')} AS name, c.grade, t.last_name || ' ' || t.first_name || coalesce(' ' || t.middle_name, '') AS teacher
       FROM school_class c LEFT JOIN staff t ON t.id = c.class_teacher_id
       WHERE c.year_id = ? AND c.deleted_at IS NULL AND c.grade BETWEEN ? AND ? ORDER BY c.grade, c.letter`,
    )
    .all(p.year_id, p.grade_from, p.grade_to) as ClassRow[];
}

/** The lessons of a class in a period: the class's own and its subgroups'. SQL parameters: class id twice, from, to. */
export const CLASS_LESSONS = `(l.class_id = ? OR l.subgroup_id IN (SELECT sg.id FROM subgroup sg JOIN class_division d ON d.id = sg.division_id WHERE d.class_id = ?))
  AND l.deleted_at IS NULL AND l.date BETWEEN ? AND ?`;

export interface SheetRow {
  subject_id: string;
  subject: string;
  grading: 'five_point' | 'pass_fail' | 'none';
  teacher_id: string;
  teacher: string;
  lessons: number;
}

/** The subject sheets of a class's copy: each subject taught with the teachers of its held lessons (a substitute signs nothing). */
export function sheetsOf(db: Db, classId: string, p: { start_date: string; end_date: string }): SheetRow[] {
  return db
    .statement(
      `SELECT l.subject_id, s.name AS subject, s.grading, l.teacher_id, t.last_name || ' ' || t.first_name || coalesce(' ' || t.middle_name, '') AS teacher, count(*) AS lessons
       FROM lesson l JOIN subject s ON s.id = l.subject_id JOIN staff t ON t.id = l.teacher_id
       WHERE ${CLASS_LESSONS} AND l.status = 'held'
       GROUP BY l.subject_id, l.teacher_id ORDER BY s.sort_order, s.name, t.last_name, t.first_name`,
    )
    .all(classId, classId, p.start_date, p.end_date) as SheetRow[];
}

interface StepRow {
  id: string;
  class_id: string;
  step: PaperStep;
  done_at: string;
  done_by: string;
  created_at: string;
}

function steps(db: Db, periodId: string, classId?: string): StepRow[] {
  return db
    .statement(`SELECT id, class_id, step, done_at, done_by, created_at FROM paper_step WHERE period_id = ? AND deleted_at IS NULL ${classId ? 'AND class_id = ?' : ''}`)
    .all(...(classId ? [periodId, classId] : [periodId])) as StepRow[];
}

interface SignatureRow {
  id: string;
  class_id: string;
  subject_id: string;
  teacher_id: string;
  signed_on: string;
  recorded_by: string;
}

function signatures(db: Db, periodId: string): SignatureRow[] {
  return db
    .statement(`SELECT id, class_id, subject_id, teacher_id, signed_on, recorded_by FROM paper_signature WHERE period_id = ? AND deleted_at IS NULL`)
    .all(periodId) as SignatureRow[];
}

interface CopyRow {
  id: string;
  class_id: string;
  code: string;
  sheets: number;
  printed_at: string;
  printed_by: string;
}

function latestCopies(db: Db, periodId: string): Map<string, CopyRow> {
  const rows = db
    .statement(`SELECT id, class_id, code, sheets, printed_at, printed_by FROM paper_copy WHERE period_id = ? AND deleted_at IS NULL ORDER BY printed_at, id`)
    .all(periodId) as CopyRow[];
  return new Map(rows.map((r) => [r.class_id, r]));
}

export function board(ctx: Ctx, i: { periodId: string; grade?: number | null; deputyId?: string | null }): Board {
  return ctx.db.tx(() => {
    const { db } = ctx;
    const today = todayOf(ctx);
    const p = periodRow(db, i.periodId);
    const period = toPeriod(db, p);
    const due = deadlines(period.holidaysStart);
    const paperJournal = paperJournalOn(db);
    const deps = deputies(db);
    let classes = classesOf(db, p);
    if (i.grade != null) classes = classes.filter((c) => c.grade === i.grade);
    if (i.deputyId) {
      const d = deps.find((x) => x.id === i.deputyId);
      if (!d) throw notFound('Заместитель директора');
      classes = classes.filter((c) => d.grades.includes(c.grade));
    }
    const stepRows = steps(db, p.id);
    const signs = signatures(db, p.id);
    const copies = latestCopies(db, p.id);
    const out: BoardClass[] = classes.map((c) => {
      const done = new Map(stepRows.filter((r) => r.class_id === c.id).map((r) => [r.step, r]));
      const boardSteps = STEPS.map((step, k) => {
        const r = done.get(step);
        const outOfOrder = !!r && STEPS.slice(0, k).some((s) => !done.has(s));
        return {
          step,
          deadline: due[step],
          doneOn: r?.done_at ?? null,
          doneBy: r?.done_by ?? null,
          recordedAt: r?.created_at ?? null,
          late: !r && today > due[step],
          doneLate: !!r && r.done_at > due[step],
          outOfOrder,
        };
      });
      const sheets: BoardSheet[] = sheetsOf(db, c.id, p).map((s) => {
        const sig = signs.find((x) => x.class_id === c.id && x.subject_id === s.subject_id && x.teacher_id === s.teacher_id);
        return { subjectId: s.subject_id, subject: s.subject, teacherId: s.teacher_id, teacher: s.teacher, signedOn: sig?.signed_on ?? null, recordedBy: sig?.recorded_by ?? null };
      });
      const cp = copies.get(c.id);
      const fresh = cp ? copyFreshness(ctx, cp.id) : null;
      return {
        classId: c.id,
        className: c.name,
        grade: c.grade,
        classTeacher: c.teacher,
        deputies: deps.filter((d) => d.grades.includes(c.grade)).map((d) => d.name),
        steps: boardSteps,
        sheets,
        copy: cp && fresh ? { id: cp.id, code: cp.code, sheets: cp.sheets, printedAt: cp.printed_at, printedBy: cp.printed_by, upToDate: fresh.upToDate, changes: fresh.changes } : null,
        next: STEPS.find((s) => !done.has(s)) ?? null,
        late: boardSteps.filter((s) => s.late).length,
      };
    });
    return { paperJournal, today, period, deadlines: due, classes: out };
  });
}

// ── Steps and signatures ─────────────────────────────────────────────────────────────────────

function classOfPeriod(db: Db, classId: string, p: PeriodRow): ClassRow {
  const c = db
    .statement(`SELECT c.id, ${classNameSql('c')} AS name, c.grade, NULL AS teacher FROM school_class c WHERE c.id = ? AND c.deleted_at IS NULL`)
    .get(classId) as ClassRow | undefined;
  if (!c) throw notFound('Класс');
  if (c.grade < p.grade_from || c.grade > p.grade_to) throw invalid(`Период «${p.name}» не относится к ${c.name} классу.`, [{ column: 'classId', message: `Период «${p.name}» — для ${p.grade_from}–${p.grade_to} классов` }]);
  return c;
}

function checkDay(ctx: Ctx, p: PeriodRow, date: string, column: string): void {
  const today = todayOf(ctx);
  if (date > today) throw invalid(`Дата ${ruDate(date)} ещё не наступила.`, [{ column, message: `Дата ${ruDate(date)} ещё не наступила` }]);
  if (date < p.start_date) throw invalid(`Дата ${ruDate(date)} раньше начала периода «${p.name}» (${ruDate(p.start_date)}).`, [{ column, message: `Раньше начала периода (${ruDate(p.start_date)})` }]);
}

const who = (ctx: Ctx) => ctx.session.user?.displayName ?? ctx.actor;

/** Marks a step done on a day. Out of order is allowed (the board warns): the earlier steps not done are returned. */
export function doStep(ctx: Ctx, i: { classId: string; periodId: string; step: PaperStep; date: string }): { outOfOrder: PaperStep[] } {
  return act(ctx, (w) => {
    requirePaperJournal(ctx);
    const p = periodRow(ctx.db, i.periodId);
    const c = classOfPeriod(ctx.db, i.classId, p);
    checkDay(ctx, p, i.date, 'date');
    const done = steps(ctx.db, p.id, c.id);
    const had = done.find((r) => r.step === i.step);
    if (had) throw new AppError('conflict', `Шаг «${paperSteps.labels[i.step]}» для ${c.name} класса уже отмечен ${ruDate(had.done_at)} (${had.done_by}).`);
    w.insert('paper_step', { class_id: c.id, period_id: p.id, step: i.step, done_at: i.date, done_by: who(ctx), note: null });
    const k = STEPS.indexOf(i.step);
    return { outOfOrder: STEPS.slice(0, k).filter((s) => !done.some((r) => r.step === s)) };
  });
}

/** Undoes a step: its row is tombstoned (the audit log keeps who and when); doing it again makes a new row. */
export function undoStep(ctx: Ctx, i: { classId: string; periodId: string; step: PaperStep }): void {
  act(ctx, (w) => {
    requirePaperJournal(ctx);
    const p = periodRow(ctx.db, i.periodId);
    const c = classOfPeriod(ctx.db, i.classId, p);
    const had = steps(ctx.db, p.id, c.id).find((r) => r.step === i.step);
    if (!had) throw new AppError('conflict', `Шаг «${paperSteps.labels[i.step]}» для ${c.name} класса не отмечен — отменять нечего.`);
    w.remove('paper_step', had.id);
  });
}

function sheetOf(ctx: Ctx, i: { classId: string; periodId: string; subjectId: string; teacherId: string }) {
  const p = periodRow(ctx.db, i.periodId);
  const c = classOfPeriod(ctx.db, i.classId, p);
  const sheet = sheetsOf(ctx.db, c.id, p).find((s) => s.subject_id === i.subjectId && s.teacher_id === i.teacherId);
  if (!sheet) throw invalid(`В копии ${c.name} класса за «${p.name}» нет листов этого предмета у этого учителя (по журналу он не вёл уроков).`, [{ column: 'subjectId', message: 'Нет такого листа' }]);
  const had = ctx.db
    .statement(`SELECT id, signed_on FROM paper_signature WHERE class_id = ? AND period_id = ? AND subject_id = ? AND teacher_id = ? AND deleted_at IS NULL`)
    .get(c.id, p.id, i.subjectId, i.teacherId) as { id: string; signed_on: string } | undefined;
  return { p, c, sheet, had };
}

/** A subject teacher signed the sheets of their subject on a day (day 3). */
export function sign(ctx: Ctx, i: { classId: string; periodId: string; subjectId: string; teacherId: string; date: string }): void {
  act(ctx, (w) => {
    requirePaperJournal(ctx);
    const { p, c, sheet, had } = sheetOf(ctx, i);
    checkDay(ctx, p, i.date, 'date');
    if (had) throw new AppError('conflict', `Листы «${sheet.subject}» ${c.name} класса уже подписаны ${ruDate(had.signed_on)}.`);
    w.insert('paper_signature', { class_id: c.id, period_id: p.id, subject_id: i.subjectId, teacher_id: i.teacherId, signed_on: i.date, recorded_by: who(ctx) });
  });
}

export function unsign(ctx: Ctx, i: { classId: string; periodId: string; subjectId: string; teacherId: string }): void {
  act(ctx, (w) => {
    requirePaperJournal(ctx);
    const { c, sheet, had } = sheetOf(ctx, i);
    if (!had) throw new AppError('conflict', `Листы «${sheet.subject}» ${c.name} класса не подписаны — отменять нечего.`);
    w.remove('paper_signature', had.id);
  });
}
