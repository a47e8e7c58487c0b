// The dynamics of the term report across the year (issue 13 point 6; docs/indicators.md «Dynamics»):
// the scope's figures in every study period of the chosen one's kind up to it, each counting the
// scope's classes that have that period; for the year, every study period of the kind most of the
// scope's classes have, then the year itself. The numbers only: the lists are the report's.
import type { Ctx } from '../context';
import type { TermCounts, TermDynamics, TermFigures } from '../../api/term';
import { scopeFigures } from './figures';
import { covers, load, ref, resolveScope, type Input, type Period } from './report';
import * as q from './queries';
import { progress } from '../job';

export function counts(f: TermFigures): TermCounts {
  return {
    counted: f.counted.count,
    n: f.n.count,
    excellent: f.excellent.count,
    good: f.good.count,
    oneFour: f.oneFour.count,
    satisfactory: f.satisfactory.count,
    oneThree: f.oneThree.count,
    failing: f.failing.count,
    notAttested: f.notAttested.count,
    exempt: f.exempt.count,
    progress: f.progress,
    quality: f.quality,
    sou: f.sou,
    average: f.average,
    marks: f.marks,
  };
}

export function termDynamics(ctx: Ctx, input: Input): TermDynamics {
  return ctx.db.tx(() => {
    const { period, classes, scope } = resolveScope(ctx, input);
    const all = q.studyPeriods(ctx.db, period.yearId);
    const row = period.row;
    const covering = (p: q.TermPeriodRow) => classes.filter((c) => c.grade >= p.grade_from && c.grade <= p.grade_to).length;
    let kind: q.TermPeriodRow['kind'];
    if (row) kind = row.kind;
    else {
      const of = (k: q.TermPeriodRow['kind']) => classes.filter((c) => all.some((p) => p.kind === k && c.grade >= p.grade_from && c.grade <= p.grade_to)).length;
      kind = of('half') > of('quarter') ? 'half' : 'quarter';
    }
    // One period of each number: of the kind, up to the chosen one's end, the one that most of the scope's classes have.
    const byNumber = new Map<number, q.TermPeriodRow>();
    for (const p of all) {
      if (p.kind !== kind || (row && p.end_date > row.end_date) || !covering(p)) continue;
      const had = byNumber.get(p.number);
      if (!had || covering(p) > covering(had)) byNumber.set(p.number, p);
    }
    const periods: Period[] = [...byNumber.values()]
      .sort((a, b) => a.start_date.localeCompare(b.start_date))
      .map((p) => ({ ref: ref(p), yearId: p.year_id, row: p }));
    if (!row) periods.push(period);
    const points = periods.map((p, k) => {
      progress(ctx, k, periods.length, `Динамика: ${p.ref.name}`);
      return { period: p.ref, figures: counts(scopeFigures(load(ctx, p, classes.filter((c) => covers(p, c.grade))))) };
    });
    progress(ctx, periods.length, periods.length, 'Готово');
    return { scope, points };
  });
}
