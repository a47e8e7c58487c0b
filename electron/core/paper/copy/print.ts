// The print job of paper copies (issue 14 point 6; R21 `001 §4.2`): one class, a parallel or the whole
// school for a study period — the classes the period applies to (its parallels). Each class's copy is
// rendered (render.ts) with progress and a cancellation point between classes; one class gives its
// PDF, several a ZIP of one PDF per class («7Б — 2 четверть.pdf»). At the end, in one transaction, a
// paper_copy row per class and the board's step «Копия напечатана» (unless already recorded for the
// class and period). A cancelled job records nothing and leaves no file.
// Also the period's printed copies with their freshness (freshness.ts) and the periods to choose.
import { zipSync } from 'fflate';
import type { Ctx } from '../../context';
import { todayOf } from '../../context';
import type { PaperCopyPeriod, PaperCopyRow, PrintedCopies } from '../../../api/paperCopies';
import { invalid, notFound } from '../../../api/errors';
import { classNameSql } from '../../../../db';
import { act } from '../../tx';
import { checkpoint, outOf, progress, resultFile } from '../../job';
import { requirePaperJournal } from '../board/board';
import { currentYearOrNull } from '../../year';
import { directorName } from '../../books/pdf';
import { schoolRow } from '../../setup/school';
import { copyData, periodRow, type CopyPeriod } from './data';
import { digestOf, unpackFingerprint } from './fingerprint';
import { freshnessAgainst } from './freshness';
import { renderClassCopy, type RenderedCopy } from './render';

interface ClassRow {
  id: string;
  name: string;
  grade: number;
}

/** The classes of the period's year it applies to, by parallel and letter. */
export function periodClasses(ctx: Ctx, period: CopyPeriod): ClassRow[] {
  return ctx.db.raw
    .prepare(
      `SELECT c.id, ${classNameSql('c')} AS name, c.grade FROM school_class c
       WHERE c.year_id = ? AND c.deleted_at IS NULL AND c.grade BETWEEN ? AND ? ORDER BY c.grade, c.letter`,
    )
    .all(period.yearId, period.gradeFrom, period.gradeTo) as ClassRow[];
}

/** «7Б — 2 четверть.pdf». */
export const copyFileName = (className: string, period: { name: string }) => `${className} — ${period.name}.pdf`;

/** The classes a print covers, or a Russian refusal naming why none. */
export function classesToPrint(ctx: Ctx, period: CopyPeriod, i: { classId?: string | null; grade?: number | null }): ClassRow[] {
  const all = periodClasses(ctx, period);
  const range = period.gradeFrom === period.gradeTo ? `${period.gradeFrom} класса` : `${period.gradeFrom}–${period.gradeTo} классов`;
  if (i.classId) {
    const c = all.find((x) => x.id === i.classId);
    if (c) return [c];
    const other = ctx.db.raw.prepare(`SELECT ${classNameSql('c')} AS name FROM school_class c WHERE c.id = ? AND c.deleted_at IS NULL`).get(i.classId) as { name: string } | undefined;
    if (!other) throw notFound('Класс');
    throw invalid(`Период «${period.name}» — для ${range}, класс ${other.name} к нему не относится.`, [{ column: 'classId', message: `Период «${period.name}» не относится к ${other.name}` }]);
  }
  const list = i.grade ? all.filter((c) => c.grade === i.grade) : all;
  if (!list.length)
    throw invalid(
      i.grade ? `Период «${period.name}» — для ${range}: в ${i.grade} параллели печатать нечего.` : `В учебном году нет классов, к которым относится период «${period.name}».`,
      i.grade ? [{ column: 'grade', message: `Период не относится к ${i.grade} параллели` }] : [],
    );
  return list;
}

export async function printCopies(ctx: Ctx, i: { periodId: string; classId?: string | null; grade?: number | null }): Promise<PrintedCopies> {
  if (i.classId && i.grade) throw invalid('Укажите либо класс, либо параллель.', [{ column: 'grade', message: 'Либо класс, либо параллель' }]);
  requirePaperJournal(ctx); // a school without a paper journal (ББЖ, R22) prints no copies
  const period = periodRow(ctx, i.periodId);
  const classes = classesToPrint(ctx, period, i);
  const shared = { school: schoolRow(ctx)?.full_name ?? '', director: directorName(ctx) };
  const now = ctx.now();
  const done: (RenderedCopy & { className: string })[] = [];
  const forms = ['класса', 'классов', 'классов'] as const;
  for (const [k, c] of classes.entries()) {
    progress(ctx, k, classes.length, `Класс ${c.name}: ${outOf(k, classes.length, forms)}`);
    checkpoint(ctx);
    done.push({ ...(await renderClassCopy(ctx, c.id, period.id, now, shared)), className: c.name });
  }
  progress(ctx, classes.length, classes.length, 'Запись файла');
  checkpoint(ctx);
  const sheets = done.reduce((n, c) => n + c.sheets, 0);
  const single = done.length === 1 ? done[0]! : null;
  const bytes = single ? single.pdf : zipSync(Object.fromEntries(done.map((c) => [copyFileName(c.className, period), [c.pdf, { level: 0 }]])) as Parameters<typeof zipSync>[0]);
  const scope = single ? '' : i.grade ? ` ${i.grade} параллель` : ' вся школа';
  const name = single ? copyFileName(single.className, period) : `Бумажные копии — ${period.name}${scope}.zip`;
  const file = await resultFile(ctx, name, bytes, done.length);
  checkpoint(ctx);
  const by = ctx.session.user?.displayName ?? ctx.actor;
  const at = now.toISOString();
  act(ctx, (w) => {
    requirePaperJournal(ctx);
    w.insertMany(
      'paper_copy',
      done.map((c) => ({ class_id: c.classId, period_id: period.id, code: c.code, digest: c.digest, fingerprint: c.fingerprint, sheets: c.sheets, printed_at: at, printed_by: by })),
    );
    const had = new Set(
      (ctx.db.raw
        .prepare(`SELECT class_id FROM paper_step WHERE period_id = ? AND step = 'printed' AND deleted_at IS NULL AND class_id IN (SELECT value FROM json_each(?))`)
        .all(period.id, JSON.stringify(done.map((c) => c.classId))) as { class_id: string }[]).map((r) => r.class_id),
    );
    const steps = done.filter((c) => !had.has(c.classId)).map((c) => ({ class_id: c.classId, period_id: period.id, step: 'printed' as const, done_at: at, done_by: by, note: null }));
    if (steps.length) w.insertMany('paper_step', steps);
  });
  return { ...file, copies: done.map((c) => ({ classId: c.classId, className: c.className, code: c.code, sheets: c.sheets })), sheets };
}

/** The period's printed copies, newest first, each against the journal now (the class's data read once). */
export function listCopies(ctx: Ctx, periodId: string): PaperCopyRow[] {
  periodRow(ctx, periodId);
  const rows = ctx.db.raw
    .prepare(
      `SELECT p.id, p.class_id, ${classNameSql('c')} AS class_name, c.grade, p.code, p.sheets, p.printed_at, p.printed_by, p.digest, p.fingerprint
       FROM paper_copy p JOIN school_class c ON c.id = p.class_id
       WHERE p.period_id = ? AND p.deleted_at IS NULL ORDER BY p.printed_at DESC, c.grade, c.letter, p.id DESC`,
    )
    .all(periodId) as { id: string; class_id: string; class_name: string; grade: number; code: string; sheets: number; printed_at: string; printed_by: string; digest: string; fingerprint: string }[];
  const now = new Map<string, { d: ReturnType<typeof copyData>; items: Map<string, string> }>();
  const seen = new Set<string>();
  return rows.map((r) => {
    let cur = now.get(r.class_id);
    if (!cur) {
      const d = copyData(ctx, r.class_id, periodId);
      now.set(r.class_id, (cur = { d, items: digestOf(d).items }));
    }
    const f = freshnessAgainst(ctx, cur.d, cur.items, unpackFingerprint(r.fingerprint));
    const latest = !seen.has(r.class_id);
    seen.add(r.class_id);
    return {
      id: r.id,
      classId: r.class_id,
      className: r.class_name,
      grade: r.grade,
      code: r.code,
      sheets: r.sheets,
      printedAt: r.printed_at,
      printedBy: r.printed_by,
      digest: r.digest.slice(0, 12),
      latest,
      upToDate: f.upToDate,
      changes: f.changes,
    };
  });
}

/** The current year's periods with the classes each applies to. */
export function copyPeriods(ctx: Ctx): PaperCopyPeriod[] {
  const yearId = currentYearOrNull(ctx);
  if (!yearId) return [];
  const year = ctx.db.raw.prepare(`SELECT name FROM academic_year WHERE id = ?`).get(yearId) as { name: string };
  const periods = ctx.db.raw
    .prepare(`SELECT id FROM study_period WHERE year_id = ? AND deleted_at IS NULL ORDER BY start_date, grade_from, number`)
    .all(yearId) as { id: string }[];
  const today = todayOf(ctx);
  return periods.map(({ id }) => {
    const p = periodRow(ctx, id);
    return {
      id: p.id,
      name: p.name,
      yearName: year.name,
      startDate: p.start,
      endDate: p.end,
      gradeFrom: p.gradeFrom,
      gradeTo: p.gradeTo,
      classes: periodClasses(ctx, p),
      ended: p.end < today,
    };
  });
}
