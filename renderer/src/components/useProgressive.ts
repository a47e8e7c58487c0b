import { startTransition, useEffect, useState } from 'react';

/**
 * The first `first` items at once, all of them a moment later: a table of 200 classes or rooms
 * shows its first screens without waiting for the rows below the fold, which React then renders
 * in the background (a transition: interrupted by anything the user does). Issue 8: every page
 * opens in ≤ 300 ms at the 5000-student school.
 */
export function useProgressive<T>(items: readonly T[], first = 40): readonly T[] {
  const [all, setAll] = useState(false);
  const needed = !all && items.length > first;
  useEffect(() => {
    if (!needed) return;
    // After the first rows are painted.
    const t = setTimeout(() => startTransition(() => setAll(true)), 0);
    return () => clearTimeout(t);
  }, [needed]);
  return needed ? items.slice(0, first) : items;
}
