import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { abandonAfterLogout, call, onSessionLoss, resumeAfterUnlock } from '../api';
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
  /** Reloads app.info, the login state, the school and the setup checklist. */
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
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [auth, setAuth] = useState<AuthStatus | null>(null);
  const [school, setSchool] = useState<School | null>(null);
  const [checklist, setChecklist] = useState<ChecklistItem[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [signedOutReason, setSignedOutReason] = useState<string | null>(null);
  const authRef = useRef<AuthStatus | null>(null);
  authRef.current = auth;
  // Counts the locks: a status read before a later lock must not take the lock screen away.
  const lockSeq = useRef(0);
  const applyStatus = useCallback((a: AuthStatus, seqAtRead: number) => {
    setAuth(lockSeq.current !== seqAtRead && a.user ? { ...a, locked: true } : a);
  }, []);

  /** The school and the checklist: only for a user who may work (the core refuses the rest). */
  const loadSchool = useCallback(async (user: SessionUser | null) => {
    if (!user || user.mustChangePassword) {
      setSchool(null);
      setChecklist([]);
      return;
    }
    const [s, c] = await Promise.all([call('school.get'), user.access.setup !== 'none' ? call('setup.checklist') : Promise.resolve([])]);
    setSchool(s);
    setChecklist(c);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const seq = lockSeq.current;
      const [i, a] = await Promise.all([call('app.info'), call('auth.status')]);
      setInfo(i);
      applyStatus(a, seq);
      if (!a.locked) await loadSchool(a.user);
      setLoadError(null);
    } catch (e) {
      setLoadError(e);
    }
  }, [loadSchool, applyStatus]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const signedIn = useCallback(
    async (user: SessionUser) => {
      setSignedOutReason(null);
      setAuth((a) => (a ? { ...a, hasUsers: true, user, locked: false } : a));
      const seq = lockSeq.current;
      // All at once: the school and the checklist need only the user the core just returned.
      const [i, a] = await Promise.all([call('app.info'), call('auth.status'), loadSchool(user).catch(() => undefined)]);
      setInfo(i);
      applyStatus(a, seq);
      resumeAfterUnlock();
    },
    [loadSchool, applyStatus],
  );

  const signedOut = useCallback((reason: string | null) => {
    abandonAfterLogout();
    setSignedOutReason(reason);
    setAuth((a) => (a ? { ...a, user: null, locked: false } : a));
    setSchool(null);
    setChecklist([]);
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
    await call('auth.lock').catch(() => undefined);
  }, []);

  // A call refused as 'locked' shows the lock screen; 'unauthenticated' goes back to the login.
  useEffect(
    () =>
      onSessionLoss((why, message) => {
        if (why === 'locked') {
          lockSeq.current++;
          setAuth((a) => (a && a.user ? { ...a, locked: true } : a));
        } else if (authRef.current?.user) signedOut(message);
      }),
    [signedOut],
  );

  const user = auth?.user && !auth.user.mustChangePassword ? auth.user : null;
  const access = useCallback((area: Area): Access => (user?.access[area] as Access | undefined) ?? 'none', [user]);

  const value = useMemo(
    () => ({ info, auth, user, school, checklist, loadError, signedOutReason, refresh, signedIn, logout, signedOut, lock, access }),
    [info, auth, user, school, checklist, loadError, signedOutReason, refresh, signedIn, logout, signedOut, lock, access],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAppState(): AppState {
  const v = useContext(Ctx);
  if (!v) throw new Error('AppStateProvider is missing');
  return v;
}
