import { useEffect } from 'react';
import { subscribeChanges } from '../api';
import { invalidateEntities } from './client';

/** Change events arriving within this time are taken together: one refetch per burst. */
export const CHANGES_DEBOUNCE_MS = 150;

/**
 * While `enabled` (a user is logged in and the program not locked), follows the core's change
 * events: the queries that may show the changed entities are fetched again. A dropped and renewed
 * stream may have missed events: everything is then fetched again.
 * (Jobs, issue 9 point 6: their progress panel will follow `by: 'job'` here too.)
 */
export function useFollowChanges(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    let pending = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      const entities = [...pending];
      pending = new Set();
      void invalidateEntities(entities);
    };
    const unsubscribe = subscribeChanges(
      (m) => {
        for (const e of m.entities) pending.add(e);
        timer ??= setTimeout(flush, CHANGES_DEBOUNCE_MS);
      },
      () => {
        pending.add('*');
        timer ??= setTimeout(flush, CHANGES_DEBOUNCE_MS);
      },
    );
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [enabled]);
}
