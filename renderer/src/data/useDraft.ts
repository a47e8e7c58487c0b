import { useCallback, useEffect, useRef, useState, type SetStateAction } from 'react';
import { sameData } from '../lib/checks';

export interface DraftState<D> {
  /** The stored values, as the form shows them. */
  stored: D;
  /** What the form shows: the stored values and what the user typed. */
  draft: D;
  loaded: boolean;
  /** The stored record changed (another user, sync) while the form held unsaved edits. */
  changedBehind: boolean;
}

/**
 * The rule of a draft when the stored record arrives or changes: the first data is copied; a form
 * without edits follows a change; one with unsaved edits keeps them and is told (`changedBehind`);
 * data equal to what the form shows (its own save coming back) settles it.
 */
export function followData<D>(s: DraftState<D>, next: D, same: (a: D, b: D) => boolean): DraftState<D> {
  if (!s.loaded) return { stored: next, draft: next, loaded: true, changedBehind: false };
  if (same(next, s.stored)) return s;
  const dirty = !same(s.draft, s.stored);
  if (!dirty || same(next, s.draft)) return { stored: next, draft: next, loaded: true, changedBehind: false };
  return { ...s, stored: next, changedBehind: true };
}

/**
 * A form's draft of a record that a query reads (issue 9 point 7). The query's data is copied into
 * the draft when it first arrives. When it changes later (the core's change events refetch it):
 * a form without edits follows it; a form with unsaved edits keeps them — never silently replaced —
 * and `changedBehind` says that the stored record changed meanwhile (DraftChangedNotice): «Сохранить»
 * writes what the form shows, «Отменить изменения» (`discard`) shows what is stored now.
 */
export function useDraft<T, D>(
  data: T | undefined,
  toDraft: (data: T) => D,
  empty: D,
  opts: {
    /** Another record: the draft starts anew from its data. */
    resetKey?: unknown;
    /** Whether two drafts show the same (by default: the same JSON, list keys aside). */
    same?: (a: D, b: D) => boolean;
  } = {},
) {
  const resetKey = opts.resetKey ?? null;
  const sameRef = useRef(opts.same ?? sameData);
  sameRef.current = opts.same ?? sameData;
  const same = (a: D, b: D) => sameRef.current(a, b);
  const [s, setS] = useState<DraftState<D>>({ stored: empty, draft: empty, loaded: false, changedBehind: false });
  const seen = useRef<{ data: T | undefined; key: unknown }>({ data: undefined, key: resetKey });
  const convert = useRef(toDraft);
  convert.current = toDraft;

  useEffect(() => {
    // Another record (`resetKey`): its data is copied anew when it arrives.
    const fresh = seen.current.key !== resetKey;
    if (fresh) {
      seen.current = { data: undefined, key: resetKey };
      setS({ stored: empty, draft: empty, loaded: false, changedBehind: false });
    }
    if (data === undefined || data === seen.current.data) return;
    seen.current.data = data;
    const next = convert.current(data);
    setS((s) => (fresh ? { stored: next, draft: next, loaded: true, changedBehind: false } : followData(s, next, same)));
    // `empty` is a constant of the form: not a dependency.
  }, [data, resetKey]);

  const setDraft = useCallback((v: SetStateAction<D>) => {
    setS((s) => ({ ...s, draft: typeof v === 'function' ? (v as (d: D) => D)(s.draft) : v }));
  }, []);
  /** Back to the stored values. */
  const discard = useCallback(() => setS((s) => ({ ...s, draft: s.stored, changedBehind: false })), []);
  /**
   * After a successful save: what was saved is what is stored (until the refetch says more); the
   * draft becomes `draft` (by default the saved values: a form that saves a part keeps the rest).
   */
  const saved = useCallback((values: D, draft: D = values) => setS((s) => ({ ...s, stored: values, draft, loaded: true, changedBehind: false })), []);

  return {
    draft: s.draft,
    setDraft,
    stored: s.stored,
    loaded: s.loaded,
    dirty: s.loaded && !same(s.draft, s.stored),
    changedBehind: s.changedBehind,
    discard,
    saved,
  };
}
