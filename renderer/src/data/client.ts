// The renderer's one data layer (issue 9 point 7): TanStack Query, keyed by operation and input,
// invalidated by the core's change events. See docs/architecture.md «Change events and the
// renderer's data layer».
import { QueryClient, type Query } from '@tanstack/react-query';
import type { OpInput, OpName } from '../../../electron/api/contract';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // The core is on this computer: never wait for "the network" (Electron offline, 127.0.0.1).
      networkMode: 'always',
      // A refusal is shown at once (a Russian message), not tried again.
      retry: false,
      // Data changes only through calls and change events, which invalidate what they touch; a
      // page that mounts again shows what is cached and reloads it behind (staleTime 0).
      staleTime: 0,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    },
    mutations: { networkMode: 'always', retry: false },
  },
});

/** The query key of one operation with its input: `['students.list', {…}]`. */
export function opKey<N extends OpName>(name: N, input?: OpInput<N>): readonly [N, unknown] {
  return [name, input ?? null] as const;
}

/**
 * Which tables an operation's result is read from, where that is known for certain; any other
 * operation is refetched after any change. A refinement only: a missing entry costs a refetch,
 * a wrong one a stale screen — so only operations whose core code reads just these tables.
 */
export const READS: Partial<Record<OpName, readonly string[]>> = {
  'audit.search': ['audit_log'],
  'audit.facets': ['audit_log', 'app_user'],
  'users.list': ['app_user', 'staff'],
};

/** Whether a query may show data of one of `entities` (`*`: anything changed). */
export function mayRead(query: Pick<Query, 'queryKey'>, entities: readonly string[]): boolean {
  if (entities.includes('*')) return true;
  const reads = READS[query.queryKey[0] as OpName];
  return !reads || entities.some((e) => reads.includes(e));
}

/**
 * Marks the queries that may show `entities` stale; those on screen are fetched again at once
 * (a request still running for them is cancelled: it may have read the data before the change).
 */
export function invalidateEntities(entities: readonly string[]): Promise<void> {
  return queryClient.invalidateQueries({ predicate: (q) => mayRead(q, entities) });
}

/** After a change made here: everything on screen is fetched again (a simple, correct rule). */
export function invalidateAll(): Promise<void> {
  return queryClient.invalidateQueries();
}
