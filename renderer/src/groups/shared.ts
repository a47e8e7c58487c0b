import { useMemo } from 'react';
import type { SchoolClass, Staff, Subject } from '../../../electron/api/types';
import { divisionMethods, ruleSplitMethods, splitMethods, studyGroupKinds } from '../../../electron/api/enums';
import { useOp } from '../data/useOp';

export { WEEKLY_HOURS } from '../lib/checks';

export const PDF = 'application/pdf';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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

const NONE: never[] = [];

/**
 * Classes, staff and subjects for the selects of the groups screens (queries: they follow the
 * data); `error` is the first that could not be loaded.
 */
export function useRefs(): Refs & { error: unknown } {
  const classes = useOp('classes.list');
  const staff = useOp('staff.list', {});
  const subjects = useOp('subjects.list');
  return useMemo(
    () => ({ classes: classes.data ?? NONE, staff: staff.data ?? NONE, subjects: subjects.data ?? NONE, error: classes.error ?? staff.error ?? subjects.error }),
    [classes.data, staff.data, subjects.data, classes.error, staff.error, subjects.error],
  );
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
