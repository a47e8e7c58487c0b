import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { call } from '../api';
import type { AppInfo, ChecklistItem, School } from '../../../electron/api/types';

interface AppState {
  info: AppInfo | null;
  school: School | null;
  checklist: ChecklistItem[];
  /** The error that prevented the first load, if any. */
  loadError: unknown;
  /** Reloads app.info, the school and the setup checklist (after any change that may affect them). */
  refresh: () => Promise<void>;
}

const Ctx = createContext<AppState | null>(null);

export function AppStateProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [school, setSchool] = useState<School | null>(null);
  const [checklist, setChecklist] = useState<ChecklistItem[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);

  const refresh = useCallback(async () => {
    try {
      const [i, s, c] = await Promise.all([call('app.info'), call('school.get'), call('setup.checklist')]);
      setInfo(i);
      setSchool(s);
      setChecklist(c);
      setLoadError(null);
    } catch (e) {
      setLoadError(e);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const value = useMemo(() => ({ info, school, checklist, loadError, refresh }), [info, school, checklist, loadError, refresh]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAppState(): AppState {
  const v = useContext(Ctx);
  if (!v) throw new Error('AppStateProvider is missing');
  return v;
}
