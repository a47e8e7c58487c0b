import { useCallback, useEffect, useState } from 'react';
import type { SchoolClass, Staff, Subject } from '../../../electron/api/types';
import { divisionMethods, ruleSplitMethods, splitMethods, studyGroupKinds } from '../../../electron/api/enums';
import { call } from '../api';

export { WEEKLY_HOURS } from '../lib/checks';

export const PDF = 'application/pdf';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Fired after anything that may change the result of setup.validate (the navbar badge reloads). */
export const GROUPS_CHANGED = 'school-office:groups-changed';
export function groupsChanged(): void {
  window.dispatchEvent(new Event(GROUPS_CHANGED));
}

// Labels of the enums: electron/api/enums.ts (one wording for the screens, the documents and the log).
export const METHOD_LABELS: Readonly<Record<string, string>> = divisionMethods.texts;
export const RULE_BY_LABELS = ruleSplitMethods.labels;
export const SPLIT_OPTIONS = splitMethods.options;
export const KIND_LABELS = studyGroupKinds.labels;
export const KIND_OPTIONS = studyGroupKinds.options;

export interface Refs {
  classes: SchoolClass[];
  staff: Staff[];
  subjects: Subject[];
}

/** Classes, staff and subjects for the selects of the groups screens. */
export function useRefs(): Refs & { reload: () => void } {
  const [refs, setRefs] = useState<Refs>({ classes: [], staff: [], subjects: [] });
  const load = useCallback(() => {
    void Promise.all([call('classes.list'), call('staff.list', {}), call('subjects.list')])
      .then(([classes, staff, subjects]) => setRefs({ classes, staff, subjects }))
      .catch(() => undefined);
  }, []);
  useEffect(load, [load]);
  return { ...refs, reload: load };
}

/** Teacher options; those who list the subject come first. */
export function teacherOptions(staff: Staff[], subjectName?: string): { group: string; items: { value: string; label: string }[] }[] {
  const opt = (s: Staff) => ({ value: s.id, label: s.fullName });
  if (!subjectName) return [{ group: 'Сотрудники', items: staff.map(opt) }];
  const ok = staff.filter((s) => s.subjects.includes(subjectName));
  const rest = staff.filter((s) => !s.subjects.includes(subjectName));
  return [
    { group: 'Ведут предмет', items: ok.map(opt) },
    { group: 'Другие сотрудники', items: rest.map(opt) },
  ].filter((g) => g.items.length);
}

export function hoursLabel(h: number): string {
  return h.toLocaleString('ru-RU', { maximumFractionDigits: 2 });
}
