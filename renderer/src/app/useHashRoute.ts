import { useCallback, useSyncExternalStore } from 'react';
import { askUnsaved, hasUnsaved } from './unsaved';

// The route is the hash the app has accepted. Every way of leaving a page goes through the
// unsaved-changes guard (issue 8, point 2): a click on a link ('#/…', the menu), go()/navigate(),
// and the browser's back and forward or a typed address (hashchange, reverted until answered).
let committed = window.location.hash;
/** A hash the user agreed to leave for: its hashchange is accepted without asking again. */
let allowed: string | null = null;
const listeners = new Set<() => void>();

const norm = (to: string) => (to.startsWith('#') ? to : `#${to}`);
function commit(hash: string) {
  committed = hash;
  listeners.forEach((l) => l());
}
function setHash(hash: string) {
  allowed = hash;
  if (window.location.hash === hash) {
    allowed = null;
    commit(hash);
  } else window.location.hash = hash;
}

window.addEventListener('hashchange', () => {
  const next = window.location.hash;
  if (next === committed) return;
  if (next === allowed || !hasUnsaved()) {
    allowed = null;
    commit(next);
    return;
  }
  // Back, forward or a typed address: show the old address again and ask.
  history.replaceState(history.state, '', `${window.location.pathname}${window.location.search}${committed || '#/'}`);
  void askUnsaved().then((ok) => ok && setHash(next));
});

// Links are checked before the browser follows them, so a refused click leaves no history entry.
document.addEventListener(
  'click',
  (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || !hasUnsaved()) return;
    const a = (e.target as Element | null)?.closest?.('a[href^="#"]');
    const href = a?.getAttribute('href');
    if (!href || href === '#' || href === committed || a?.getAttribute('target')) return;
    e.preventDefault();
    void askUnsaved().then((ok) => ok && setHash(href));
  },
  true,
);

function subscribe(cb: () => void) {
  listeners.add(cb);
  return () => listeners.delete(cb);
}
const snapshot = () => committed;

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
  const navigate = useCallback((to: string) => go(to), []);
  return { path, parts: path.split('/').filter(Boolean), query: new URLSearchParams(q), navigate };
}

/**
 * Goes to another page; with unsaved changes it asks first. `force` skips the question: after the
 * page's own successful save, or when the session ended.
 */
export function go(to: string, opts: { force?: boolean } = {}): void {
  const hash = norm(to);
  if (opts.force || !hasUnsaved()) {
    setHash(hash);
    return;
  }
  void askUnsaved().then((ok) => ok && setHash(hash));
}
