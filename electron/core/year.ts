// The current academic year, defined once (issue 9): the year marked current, or else the latest
// one. Every feature that works «in the current year» (classes, subgroups, workload, imports) asks here.
import type { Db } from '../../db';
import { invalid } from '../api/errors';

/** The current academic year's id; null before setup has made a year. */
export function currentYearOrNull(ctx: { db: Db }): string | null {
  const { db } = ctx;
  return db.first(db.q.selectFrom('academic_year').select('id').where('deleted_at', 'is', null).orderBy('is_current', 'desc').orderBy('start_date', 'desc').limit(1))?.id ?? null;
}

/** The current academic year's id, or a clear refusal when setup has not reached it yet. */
export function currentYearId(ctx: { db: Db }): string {
  const id = currentYearOrNull(ctx);
  if (!id) throw invalid('Сначала создайте учебный год (Настройка → Учебный год).');
  return id;
}
