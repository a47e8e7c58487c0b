import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../api';
import type { StudentRow } from '../../../electron/api/types';

export const PAGE = 200;

export interface StudentQuery {
  search: string;
  classId: string | null;
  grade: number | null;
  sort: 'name' | 'class' | 'birthDate';
  desc: boolean;
}

/**
 * Server-side search and sort with paged loading: pages of 200 rows are fetched as the visible
 * range of the virtual list reaches them.
 */
export function useStudentPages(q: StudentQuery, reloadToken: number) {
  const [total, setTotal] = useState<number | null>(null);
  const [rows, setRows] = useState<Map<number, StudentRow>>(new Map());
  const [error, setError] = useState<unknown>(null);
  const gen = useRef(0);
  const requested = useRef(new Set<number>());
  const key = JSON.stringify(q);

  const fetchPage = useCallback(
    async (page: number, g: number) => {
      if (requested.current.has(page)) return;
      requested.current.add(page);
      try {
        const input = JSON.parse(key) as StudentQuery;
        const r = await call('students.list', {
          search: input.search || undefined,
          classId: input.classId,
          grade: input.grade ?? undefined,
          sort: input.sort,
          desc: input.desc,
          offset: page * PAGE,
          limit: PAGE,
        });
        if (g !== gen.current) return;
        setTotal(r.total);
        setRows((prev) => {
          const next = new Map(prev);
          r.rows.forEach((row, i) => next.set(page * PAGE + i, row));
          return next;
        });
        setError(null);
      } catch (e) {
        if (g !== gen.current) return;
        requested.current.delete(page);
        setError(e);
      }
    },
    [key],
  );

  useEffect(() => {
    const g = ++gen.current;
    requested.current = new Set();
    setRows(new Map());
    void fetchPage(0, g);
  }, [fetchPage, reloadToken]);

  const onRange = useCallback(
    (start: number, end: number) => {
      const g = gen.current;
      for (let p = Math.floor(start / PAGE); p <= Math.floor(end / PAGE); p++) void fetchPage(p, g);
    },
    [fetchPage],
  );

  return { total, rows, error, onRange, loadedCount: rows.size };
}
