import { useCallback, useMemo, useState } from 'react';
import { useQueries, type UseQueryResult } from '@tanstack/react-query';
import { call } from '../api';
import { opKey } from '../data/client';
import type { OpOutput } from '../../../electron/api/contract';
import type { StudentRow } from '../../../electron/api/types';

export const PAGE = 200;
const FIRST = [0];

export interface StudentQuery {
  search: string;
  classId: string | null;
  grade: number | null;
  sort: 'name' | 'class' | 'birthDate';
  desc: boolean;
}

type Page = UseQueryResult<OpOutput<'students.list'>, unknown>;

/** The loaded pages (numbers `numbers`) as one list: the total, the rows by position, the first error. */
function combined(numbers: readonly number[]) {
  return (pages: Page[]) => {
    const rows = new Map<number, StudentRow>();
    let total = null as number | null;
    pages.forEach((p, k) => {
      if (!p.data) return;
      total ??= p.data.total;
      const n = numbers[k]!;
      p.data.rows.forEach((row, i) => rows.set(n * PAGE + i, row));
    });
    return { total, rows, error: pages.find((p) => p.error)?.error ?? null };
  };
}

/**
 * Server-side search and sort with paged loading: pages of 200 rows are fetched as the visible
 * range of the virtual list reaches them. Each page is a query (students.list with its offset):
 * when the core tells that students changed, the pages on screen are fetched again in place.
 */
export function useStudentPages(q: StudentQuery) {
  const key = JSON.stringify(q);
  const [wanted, setWanted] = useState<{ key: string; pages: number[] }>({ key, pages: [0] });
  const numbers = wanted.key === key ? wanted.pages : FIRST;
  const input = { search: q.search || undefined, classId: q.classId, grade: q.grade ?? undefined, sort: q.sort, desc: q.desc, limit: PAGE };
  const combine = useMemo(() => combined(numbers), [numbers]);
  const pages = useQueries({
    queries: numbers.map((n) => {
      const i = { ...input, offset: n * PAGE };
      return { queryKey: opKey('students.list', i), queryFn: ({ signal }: { signal: AbortSignal }) => call('students.list', i, { signal }) };
    }),
    combine,
  });

  // The pages the visible range reaches are added (those seen before stay, and follow changes too).
  const onRange = useCallback(
    (start: number, end: number) => {
      setWanted((w) => {
        const have = new Set(w.key === key ? w.pages : FIRST);
        const before = have.size;
        for (let p = Math.floor(start / PAGE); p <= Math.floor(end / PAGE); p++) have.add(p);
        if (w.key === key && have.size === before) return w;
        return { key, pages: [...have].sort((a, b) => a - b) };
      });
    },
    [key],
  );

  return { total: pages.total, rows: pages.rows, error: pages.error, onRange, loadedCount: pages.rows.size };
}
