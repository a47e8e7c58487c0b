// The board of the first grades as the page shows it: columns of children, their counts, a child's
// move between columns (pure, for the proposal not yet saved and for the keyboard).
import type { FormationBoard, FormationChild, FormationProposal } from '../../../electron/api/formation';

export { formationCounts as counts } from '../../../electron/api/formation';

export interface Column {
  /** The class id (saved board), the letter (proposal), or UNPLANNED. */
  key: string;
  title: string;
  /** The class a saved board's column is (null: the unplanned children). */
  classId: string | null;
  letter: string | null;
  children: FormationChild[];
}

export const UNPLANNED = '—';

const byName = (a: FormationChild, b: FormationChild) => a.fullName.localeCompare(b.fullName, 'ru') || a.id.localeCompare(b.id);

/** «7,3» (years, one decimal). */
export function ageText(age: number | null): string {
  return age === null ? '—' : age.toFixed(1).replace('.', ',');
}

export function boardColumns(b: FormationBoard): Column[] {
  const cols: Column[] = b.classes.map((c) => ({ key: c.id, title: c.name, classId: c.id, letter: c.letter, children: c.children }));
  if (b.unplanned.length || !cols.length) cols.unshift({ key: UNPLANNED, title: 'Не распределены', classId: null, letter: null, children: b.unplanned });
  return cols;
}

export function proposalColumns(p: FormationProposal, all: readonly FormationChild[]): Column[] {
  const placed = new Set(p.classes.flatMap((c) => c.children.map((k) => k.id)));
  const left = all.filter((c) => !placed.has(c.id));
  const cols: Column[] = p.classes.map((c) => ({ key: c.letter, title: c.name, classId: c.classId, letter: c.letter, children: c.children }));
  if (left.length) cols.unshift({ key: UNPLANNED, title: 'Не распределены', classId: null, letter: null, children: left });
  return cols;
}

/** The columns with one child moved into another column (kept sorted by name). */
export function moveChild(cols: readonly Column[], childId: string, toKey: string): Column[] {
  const child = cols.flatMap((c) => c.children).find((k) => k.id === childId);
  if (!child) return [...cols];
  return cols.map((c) => {
    const rest = c.children.filter((k) => k.id !== childId);
    return { ...c, children: c.key === toKey ? [...rest, child].sort(byName) : rest };
  });
}
