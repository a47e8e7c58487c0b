import { useCallback, useEffect, useState } from 'react';
import type { SchoolClass, Staff, StudyGroupKind, Subject } from '../../../electron/api/types';
import { call } from '../api';

export { WEEKLY_HOURS } from '../lib/checks';

export const PDF = 'application/pdf';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Fired after anything that may change the result of setup.validate (the navbar badge reloads). */
export const GROUPS_CHANGED = 'school-office:groups-changed';
export function groupsChanged(): void {
  window.dispatchEvent(new Event(GROUPS_CHANGED));
}

export const METHOD_LABELS: Record<string, string> = {
  balanced: 'поровну',
  alphabet: 'по алфавиту',
  gender: 'по полу',
  copy: 'как в другом предмете',
  manual: 'вручную',
};
export const RULE_BY_LABELS: Record<'balanced' | 'alphabet' | 'gender', string> = {
  balanced: 'Поровну',
  alphabet: 'По алфавиту',
  gender: 'По полу (мальчики/девочки)',
};
export const KIND_LABELS: Record<StudyGroupKind, string> = {
  elective: 'Элективный курс',
  profile: 'Профильная группа',
  remedial: 'Коррекционная группа',
  other: 'Другая',
};
export const KIND_OPTIONS = (Object.keys(KIND_LABELS) as StudyGroupKind[]).map((value) => ({ value, label: KIND_LABELS[value] }));

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
