import { useMemo } from 'react';
import type { SchoolClass, Staff, StudyGroupKind, Subject } from '../../../electron/api/types';
import { useOp } from '../data/useOp';

export { WEEKLY_HOURS } from '../lib/checks';

export const PDF = 'application/pdf';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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
