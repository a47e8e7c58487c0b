import { useEffect, useState } from 'react';
import { call } from '../api';
import type { YearDetails } from '../../../electron/api/types';

/** The current academic year (undefined while loading, null when there is none yet). */
export function useCurrentYear(): { year: YearDetails | null | undefined; error: unknown } {
  const [year, setYear] = useState<YearDetails | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    call('years.list')
      .then((ys) => setYear(ys.find((y) => y.isCurrent) ?? ys[0] ?? null))
      .catch(setError);
  }, []);
  return { year, error };
}
