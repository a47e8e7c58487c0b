import { useOp } from '../data/useOp';
import type { YearDetails } from '../../../electron/api/types';

/** The current academic year (undefined while loading, null when there is none yet); follows the data. */
export function useCurrentYear(): { year: YearDetails | null | undefined; error: unknown } {
  const q = useOp('years.list');
  const year = q.data ? (q.data.find((y) => y.isCurrent) ?? q.data[0] ?? null) : undefined;
  return { year, error: q.error };
}
