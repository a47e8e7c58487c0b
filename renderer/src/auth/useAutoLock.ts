import { useEffect, useRef } from 'react';
import { AppError, call } from '../api';
import { notifyError } from '../lib/notify';

const EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;
const CHECK_MS = 10_000;
/** How often the core hears that the user is still working (it locks by its own clock too). */
const KEEPALIVE_MS = 60_000;

/**
 * Locks the program after `minutes` without mouse or keyboard. While the user works without
 * calling the core (filling a long form), a light call now and then tells the core so: it counts
 * inactivity from the last call and would otherwise lock in the middle of typing.
 */
export function useAutoLock(opts: { enabled: boolean; minutes: number; onIdle: () => void }) {
  const { enabled, minutes, onIdle } = opts;
  const idleRef = useRef(onIdle);
  idleRef.current = onIdle;

  useEffect(() => {
    if (!enabled || minutes <= 0) return;
    let last = Date.now();
    let told = Date.now();
    const active = () => {
      last = Date.now();
    };
    for (const e of EVENTS) window.addEventListener(e, active, { capture: true, passive: true });
    const timer = window.setInterval(() => {
      const now = Date.now();
      if (now - last >= minutes * 60_000) {
        idleRef.current();
        return;
      }
      if (last > told && now - told >= KEEPALIVE_MS) {
        told = now;
        // A refusal as locked or signed out is handled by call() itself (the lock or the login
        // screen); anything else (the core is gone) is shown.
        void call('settings.get').catch((e: unknown) => {
          if (!(e instanceof AppError && (e.code === 'locked' || e.code === 'unauthenticated'))) notifyError(e, 'Нет связи с программой');
        });
      }
    }, CHECK_MS);
    return () => {
      for (const e of EVENTS) window.removeEventListener(e, active, { capture: true });
      window.clearInterval(timer);
    };
  }, [enabled, minutes]);
}
