import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { abandonAfterLogout, call, onSessionLoss, resumeAfterUnlock } from '../api';
import { useOp } from '../data/useOp';
import { invalidateAll, queryClient } from '../data/client';
import { useFollowChanges } from '../data/useFollowChanges';
import { notifyError } from '../lib/notify';
import { go } from './useHashRoute';
import type { AppInfo, AuthStatus, ChecklistItem, School, SessionUser } from '../../../electron/api/types';
import type { Access, Area } from '../../../electron/api/roles';

interface AppState {
  info: AppInfo | null;
  /** Who is logged in, whether the program is locked; null until the first load. */
  auth: AuthStatus | null;
  /** The logged-in user once the one-time password is changed (also while locked), else null. */
  user: SessionUser | null;
  school: School | null;
  checklist: ChecklistItem[];
  /** The error that prevented the first load, if any. */
  loadError: unknown;
  /** Why the session ended, shown on the login screen («Сеанс завершён…»). */
  signedOutReason: string | null;
  /** Reloads the login state and every query on screen (app.info, the school, the checklist…). */
  refresh: () => Promise<void>;
  /** After login, setup of the administrator, unlock or a password change: the core's user. */
  signedIn: (user: SessionUser) => Promise<void>;
  /** Ends the session (auth.logout) and shows the login screen. */
  logout: () => Promise<void>;
  /** The session was ended by the core (a lockout): the login screen shows why. */
  signedOut: (reason: string | null) => void;
  /** Locks the program (auth.lock) and shows the lock screen. */
  lock: () => Promise<void>;
  /** What the logged-in user may do in an area. */
  access: (area: Area) => Access;
}

const Ctx = createContext<AppState | null>(null);

export function AppStateProvider({ children }: { children: ReactNode }) {
  const [auth, setAuth] = useState<AuthStatus | null>(null);
  const [authError, setAuthError] = useState<unknown>(null);
  const [signedOutReason, setSignedOutReason] = useState<string | null>(null);
  const authRef = useRef<AuthStatus | null>(null);
  authRef.current = auth;
  // Counts the locks and the session changes made here: a status read before a later lock must not
  // take the lock screen away, and one read before a logout or a login must not bring back the old
  // session (answers arrive late on a busy machine).
  const lockSeq = useRef(0);
  const sessionSeq = useRef(0);
  // Set when the session ends here: a call of the ended session refused afterwards (a refetch that
  // was on its way) must not replace the reason the login screen shows with «Войдите в программу».
  const ended = useRef(false);
  const readSeq = () => ({ lock: lockSeq.current, session: sessionSeq.current });
  const applyStatus = useCallback((a: AuthStatus, at: { lock: number; session: number }) => {
    if (sessionSeq.current !== at.session) return;
    setAuth(lockSeq.current !== at.lock && a.user ? { ...a, locked: true } : a);
  }, []);

  const user = auth?.user && !auth.user.mustChangePassword ? auth.user : null;
  const working = !!user && !auth?.locked;
  // What the header, the navigation and the wizard show follows the data (the core's change
  // events refetch them): app.info for anyone, the school and the checklist for a user who may work.
  const infoQ = useOp('app.info');
  const schoolQ = useOp('school.get', undefined, { enabled: working });
  const checklistQ = useOp('setup.checklist', undefined, { enabled: working && user?.access.setup !== 'none' });
  // Every screen follows the core's change events while a user works (locked: after the unlock).
  useFollowChanges(working);

  const loadAuth = useCallback(async () => {
    try {
      const seq = readSeq();
      applyStatus(await call('auth.status'), seq);
      setAuthError(null);
    } catch (e) {
      setAuthError(e);
    }
  }, [applyStatus]);

  const refresh = useCallback(async () => {
    await Promise.all([loadAuth(), invalidateAll()]);
  }, [loadAuth]);

  useEffect(() => {
    void loadAuth();
  }, [loadAuth]);

  const signedIn = useCallback(async (user: SessionUser) => {
    ended.current = false;
    sessionSeq.current++;
    setSignedOutReason(null);
    setAuth((a) => (a ? { ...a, hasUsers: true, user, locked: false } : a));
    const seq = readSeq();
    // After a login or an unlock nothing cached may be trusted: changes were not followed meanwhile.
    const [a] = await Promise.all([call('auth.status'), invalidateAll()]);
    applyStatus(a, seq);
    resumeAfterUnlock();
  }, [applyStatus]);

  const signedOut = useCallback((reason: string | null) => {
    ended.current = true;
    sessionSeq.current++;
    abandonAfterLogout();
    setSignedOutReason(reason);
    setAuth((a) => (a ? { ...a, user: null, locked: false } : a));
    // Nothing of this user's data stays in memory for the next one.
    queryClient.clear();
    go('/', { force: true });
  }, []);

  const logout = useCallback(async () => {
    try {
      await call('auth.logout');
    } finally {
      signedOut(null);
    }
  }, [signedOut]);

  const lock = useCallback(async () => {
    lockSeq.current++;
    setAuth((a) => (a && a.user ? { ...a, locked: true } : a));
    try {
      await call('auth.lock');
    } catch (e) {
      // The screen is locked either way; the core did not hear it (it locks by itself when idle).
      notifyError(e, 'Программа не заблокирована в ядре');
    }
  }, []);

  // A call refused as 'locked' shows the lock screen; 'unauthenticated' goes back to the login.
  useEffect(
    () =>
      onSessionLoss((why, message) => {
        if (why === 'locked') {
          lockSeq.current++;
          setAuth((a) => (a && a.user ? { ...a, locked: true } : a));
        } else if (authRef.current?.user && !ended.current) signedOut(message);
      }),
    [signedOut],
  );

  const access = useCallback((area: Area): Access => (user?.access[area] as Access | undefined) ?? 'none', [user]);
  const info = infoQ.data ?? null;
  const school = working ? (schoolQ.data ?? null) : null;
  const checklist = working ? checklistQ.data : undefined;
  const loadError = authError ?? infoQ.error;

  const value = useMemo(
    () => ({ info, auth, user, school, checklist: checklist ?? NO_ITEMS, loadError, signedOutReason, refresh, signedIn, logout, signedOut, lock, access }),
    [info, auth, user, school, checklist, loadError, signedOutReason, refresh, signedIn, logout, signedOut, lock, access],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

const NO_ITEMS: ChecklistItem[] = [];

export function useAppState(): AppState {
  const v = useContext(Ctx);
  if (!v) throw new Error('AppStateProvider is missing');
  return v;
}
