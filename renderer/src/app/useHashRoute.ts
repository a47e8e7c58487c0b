import { useCallback, useSyncExternalStore } from 'react';

function subscribe(cb: () => void) {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}
const snapshot = () => window.location.hash;

export interface HashRoute {
  /** '/setup/staff' — the hash without '#' and without the query. */
  path: string;
  /** Path segments: ['setup', 'staff']. */
  parts: string[];
  query: URLSearchParams;
  navigate: (to: string) => void;
}

/** Hash-based routing: '#/students?class=…'. No router dependency. */
export function useHashRoute(): HashRoute {
  const hash = useSyncExternalStore(subscribe, snapshot);
  const raw = hash.replace(/^#/, '') || '/';
  const [path = '/', q = ''] = raw.split('?');
  const navigate = useCallback((to: string) => {
    window.location.hash = to.startsWith('#') ? to : `#${to}`;
  }, []);
  return { path, parts: path.split('/').filter(Boolean), query: new URLSearchParams(q), navigate };
}

export function go(to: string) {
  window.location.hash = to.startsWith('#') ? to : `#${to}`;
}
