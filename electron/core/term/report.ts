// The term report (issue 13 point 1; R19; docs/indicators.md «The term report»): which period and
// classes a report counts, a deputy director kept to their parallels (PARALLEL_VISIBLE_AREAS), the
// rows loaded set-based (queries.ts) and the figures computed from them (figures.ts), with the
// previous period and the same period a year ago.
import type { Ctx } from '../context';
import { invalid, notFound } from '../../api/errors';
import type { TermComparison, TermOptions, TermPeriodChoice, TermPeriodRef, TermReport } from '../../api/term';
import type { termReportInput } from '../../api/term';
import type { z } from 'zod';
import { currentYearOrNull, currentYearId } from '../year';
import { gradeRanges, ownParallels, requireGrades, requireParallels } from '../auth/parallels';
import { getReportRules } from '../indicators/rules';
import { termFigures, scopeFigures, type FigInput } from './figures';
import * as q from './queries';
import { progress } from '../job';

export type Input = z.output<typeof termReportInput>;

const today = (ctx: Ctx) => ctx.now().toISOString().slice(0, 10);

export function termOptions(ctx: Ctx): TermOptions {
  const yearId = currentYearOrNull(ctx);
  if (!yearId) return { yearId: null, periods: [], classes: [], currentPeriodId: null };
  const { db } = ctx;
  const own = ownParallels(ctx);
  const classes = q.classesOfYear(db, yearId).filter((c) => !own || own.includes(c.grade));
  const grades = [...new Set(classes.map((c) => c.grade))].sort((a, b) => a - b);
  const periods = q.studyPeriods(db, yearId);
  const choices: TermPeriodChoice[] = periods.map((p) => ({
    id: p.id,
    name: p.name,
    kind: p.kind,
    startDate: p.start_date,
    endDate: p.end_date,
    grades: grades.filter((g) => g >= p.grade_from && g <= p.grade_to),
  }));
  const year = q.yearRow(db, yearId)!;
  choices.push({ id: null, name: 'Год', kind: 'year', startDate: year.start_date, endDate: year.end_date, grades });
  const t = today(ctx);
  const current = periods.find((p) => p.start_date <= t && t <= p.end_date) ?? [...periods].reverse().find((p) => p.end_date < t) ?? null;
  return { yearId, periods: choices, classes: classes.map((c) => ({ id: c.id, name: c.name, grade: c.grade })), currentPeriodId: current?.id ?? null };
}

/** A period of a report: a study period, or the year (`period` undefined). */
export interface Period {
  ref: TermPeriodRef;
  yearId: string;
  row: q.TermPeriodRow | null;
}

export const covers = (p: Period, grade: number) => !p.row || (grade >= p.row.grade_from && grade <= p.row.grade_to);

/**
 * The classes' rows and marks of a period: each class counted on the period's last day (the year:
 * the last day of the class's parallel's last study period).
 */
export function load(ctx: Ctx, period: Period, classes: readonly q.TermClassRow[]): FigInput {
  const { db } = ctx;
  let dayOf = (_grade: number) => period.ref.endDate;
  if (!period.row) {
    const periods = q.studyPeriods(db, period.yearId);
    dayOf = (grade) => periods.filter((p) => grade >= p.grade_from && grade <= p.grade_to).reduce((d, p) => (p.end_date > d ? p.end_date : d), '') || period.ref.endDate;
  }
  const roster = q.rosters(
    db,
    classes.map((c) => ({ classId: c.id, day: dayOf(c.grade) })),
  );
  const subjects = q.curriculumSubjects(
    db,
    classes.map((c) => c.id),
  );
  const marks = q.periodMarks(
    db,
    period.yearId,
    period.row?.id ?? null,
    roster.map((r) => r.student_id),
  );
  return {
    classes: classes.map((c) => ({ id: c.id, name: c.name, grade: c.grade })),
    students: roster.map((r) => ({ id: r.student_id, name: r.name, classId: r.class_id })),
    subjects: subjects.map((s) => ({ classId: s.class_id, subjectId: s.subject_id, name: s.name, sortOrder: s.sort_order, grading: s.grading, noAttestation: s.no_attestation === 1 })),
    marks: marks.map((m) => ({ studentId: m.student_id, subjectId: m.subject_id, value: m.value })),
    weights: getReportRules(ctx).souWeights,
  };
}

export const ref = (p: q.TermPeriodRow): TermPeriodRef => ({ id: p.id, name: p.name, startDate: p.start_date, endDate: p.end_date });

export function yearPeriod(year: q.YearRow): Period {
  return { ref: { id: null, name: 'Год', startDate: year.start_date, endDate: year.end_date }, yearId: year.id, row: null };
}

/** What a report is of: the period, the classes counted (a deputy: of their parallels) and the scope's name. */
export interface Resolved {
  period: Period;
  classes: q.TermClassRow[];
  scope: TermReport['scope'];
  own: number[] | null;
}

/** The period and the classes of a report's input, refusing another's parallel or a period the scope does not have. */
export function resolveScope(ctx: Ctx, input: Input): Resolved {
  const { db } = ctx;
  let period: Period;
  if (input.periodId) {
    const row = q.studyPeriod(db, input.periodId);
    if (!row) throw notFound('Период');
    period = { ref: ref(row), yearId: row.year_id, row };
  } else {
    const year = q.yearRow(db, currentYearId(ctx))!;
    period = yearPeriod(year);
  }
  const own = ownParallels(ctx);
  const all = q.classesOfYear(db, period.yearId);
  let classes: q.TermClassRow[];
  let scope: TermReport['scope'];
  if (input.scope === 'class') {
    const c = all.find((x) => x.id === input.classId);
    if (!c) throw notFound('Класс');
    requireParallels(ctx, [{ grade: c.grade, name: c.name }]);
    if (!covers(period, c.grade)) throw invalid(`Период «${period.ref.name}» не относится к классу ${c.name}: выберите период его параллели.`);
    classes = [c];
    scope = { kind: 'class', name: c.name, classId: c.id, grade: c.grade };
  } else if (input.scope === 'parallel') {
    const grade = input.grade!;
    requireGrades(ctx, [grade], 'отчёт');
    if (!covers(period, grade)) throw invalid(`Период «${period.ref.name}» не относится к параллели ${grade}: выберите период этой параллели.`);
    classes = all.filter((c) => c.grade === grade);
    scope = { kind: 'parallel', name: `Параллель ${grade}`, classId: null, grade };
  } else {
    classes = all.filter((c) => covers(period, c.grade) && (!own || own.includes(c.grade)));
    scope = { kind: 'school', name: own ? (own.length ? `Школа (параллели ${gradeRanges(own)})` : 'Школа (параллели не назначены)') : 'Школа', classId: null, grade: null };
  }
  return { period, classes, scope, own };
}

/** A job (electron/api/term.ts): its three steps told as progress, each a cancellation point. */
export function termReport(ctx: Ctx, input: Input): TermReport {
  return ctx.db.tx(() => {
    const { period, classes, scope, own } = resolveScope(ctx, input);
    progress(ctx, 0, 3, `Отчёт «${period.ref.name}»: ${scope.name}`);
    const r = termFigures(load(ctx, period, classes));
    progress(ctx, 1, 3, 'Сравнение с предыдущим периодом');
    const previous = previousPeriod(ctx, period, classes, scope);
    progress(ctx, 2, 3, 'Сравнение с прошлым годом');
    const ago = yearAgo(ctx, period, classes, scope, own);
    progress(ctx, 3, 3, 'Готово');
    return { period: period.ref, scope, ...r, previous, yearAgo: ago };
  });
}

/** The previous study period of the year with the scope's parallels (none for the first, nor for the year). */
function previousPeriod(ctx: Ctx, period: Period, classes: readonly q.TermClassRow[], scope: TermReport['scope']): TermComparison | null {
  const row = period.row;
  if (!row) return null;
  const prev = q
    .studyPeriods(ctx.db, period.yearId)
    .filter((p) => p.kind === row.kind && p.end_date < row.start_date && p.grade_from <= row.grade_to && p.grade_to >= row.grade_from)
    .sort((a, b) => b.end_date.localeCompare(a.end_date))[0];
  if (!prev) return null;
  const p: Period = { ref: ref(prev), yearId: prev.year_id, row: prev };
  const them = classes.filter((c) => covers(p, c.grade));
  if (!them.length) return null;
  return { period: p.ref, scopeName: scope.name, figures: scopeFigures(load(ctx, p, them)) };
}

/**
 * The same period a year ago: a class compared with the class of grade − 1 and the same letter, a
 * parallel with grade − 1, the school with the school (a deputy's: their parallels).
 */
function yearAgo(ctx: Ctx, period: Period, classes: readonly q.TermClassRow[], scope: TermReport['scope'], own: number[] | null): TermComparison | null {
  const { db } = ctx;
  const year = q.yearRow(db, period.yearId);
  const before = year && q.previousYear(db, year);
  if (!before) return null;
  let p: Period;
  const row = period.row;
  if (!row) p = yearPeriod(before);
  else {
    const target = scope.grade !== null ? scope.grade - 1 : null;
    const same = q.studyPeriods(db, before.id).filter((x) => x.kind === row.kind && x.number === row.number);
    const found =
      target !== null
        ? same.find((x) => target >= x.grade_from && target <= x.grade_to)
        : (same.find((x) => x.grade_from === row.grade_from && x.grade_to === row.grade_to) ?? same[0]);
    if (!found) return null;
    p = { ref: ref(found), yearId: before.id, row: found };
  }
  const old = q.classesOfYear(db, before.id);
  let them: q.TermClassRow[];
  let name: string;
  if (scope.kind === 'class') {
    const c = classes[0]!;
    them = old.filter((x) => x.grade === c.grade - 1 && x.letter === c.letter);
    name = them[0]?.name ?? '';
  } else if (scope.kind === 'parallel') {
    them = old.filter((x) => x.grade === scope.grade! - 1);
    name = `Параллель ${scope.grade! - 1}`;
  } else {
    them = old.filter((x) => covers(p, x.grade) && (!own || own.includes(x.grade)));
    name = scope.name;
  }
  if (!them.length) return null;
  return { period: p.ref, scopeName: name, figures: scopeFigures(load(ctx, p, them)) };
}
