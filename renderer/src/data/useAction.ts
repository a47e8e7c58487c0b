import { useCallback, useEffect, useRef, useState } from 'react';
import { notifyError, notifyOk } from '../lib/notify';
import { invalidateAll } from './client';

type Notice = string | { title: string; message: string };

export interface ActionOptions<A extends unknown[], R> {
  /** The success notification (or a function of the result; null: none), with a title if wanted. */
  success?: Notice | ((result: R, ...args: A) => Notice | null);
  /**
   * Runs after a success, before the data on screen is fetched again (a form takes what it saved as
   * stored, so the refetch that follows finds nothing changed behind it; a modal closes).
   */
  onSuccess?: (result: R, ...args: A) => void | Promise<void>;
  /** Runs after a refusal (besides keeping it in `error`). */
  onError?: (error: unknown, ...args: A) => void;
  /**
   * A refusal is kept in `error` for the form to show next to its fields; with `notify` it is also
   * (or, for a button in a list, only) shown as a notification titled so.
   */
  notify?: string;
  /** False for actions that change no data (an export, a PDF, a check of a file). */
  invalidates?: boolean;
}

export interface Action<A extends unknown[]> {
  /** Runs the action; resolves true on success, false when refused (never rejects). */
  run: (...args: A) => Promise<boolean>;
  busy: boolean;
  /** The last refusal, until the next attempt starts (or `setError(null)`). */
  error: unknown;
  setError: (e: unknown | ((prev: unknown) => unknown)) => void;
}

/**
 * The one action pattern of the renderer: busy while running, the refusal kept (and notified when
 * asked), the success notified, `onSuccess`, then everything on screen fetched again. Replaces
 * the hand-written busy/try/notify copies; nothing is swallowed.
 */
export function useAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>, opts: ActionOptions<A, R> = {}): Action<A> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const latest = useRef({ fn, opts });
  latest.current = { fn, opts };
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async (...args: A): Promise<boolean> => {
    const { fn, opts } = latest.current;
    setBusy(true);
    // A new attempt: the last refusal is no longer what the screen says (a message left from the
    // previous attempt would pass for this one's answer, which is still to come).
    if (mounted.current) setError(null);
    try {
      let result: R;
      try {
        result = await fn(...args);
      } catch (e) {
        if (mounted.current) setError(e);
        if (opts.notify) notifyError(e, opts.notify);
        opts.onError?.(e, ...args);
        return false;
      }
      if (mounted.current) setError(null);
      const message = typeof opts.success === 'function' ? opts.success(result, ...args) : opts.success;
      if (typeof message === 'string') notifyOk(message);
      else if (message) notifyOk(message.message, message.title);
      let ok = true;
      try {
        await opts.onSuccess?.(result, ...args);
      } catch (e) {
        // What follows the success failed (a second call, a download): shown, never swallowed.
        if (mounted.current) setError(e);
        notifyError(e, opts.notify);
        ok = false;
      }
      if (opts.invalidates !== false) await invalidateAll();
      return ok;
    } finally {
      if (mounted.current) setBusy(false);
    }
  }, []);

  return { run, busy, error, setError };
}
