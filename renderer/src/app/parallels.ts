// R8 in the renderer: a deputy director sees the classes of other parallels read-only, with the
// reason. The core (electron/core/auth/parallels.ts) is what enforces it; this spares the deputy
// controls that cannot work.
import { useAppState } from './AppState';
import { gradeRanges } from '../lib/labels';

export interface OwnParallels {
  /** The deputy's parallels, or null: every class may be changed (as far as the role allows). */
  grades: number[] | null;
  /** Is this parallel the user's to change? */
  mine: (grade: number) => boolean;
  /** Why a class of another parallel is read-only: the core's words. */
  reason: (className: string) => string;
  /** «Вы отвечаете за параллели 5–9»: the header of a page with read-only classes. */
  summary: string;
}

function yours(grades: number[]): string {
  if (!grades.length) return 'Вам не назначены параллели';
  return `Вы отвечаете за ${grades.length === 1 ? `параллель ${grades[0]}` : `параллели ${gradeRanges(grades)}`}`;
}

export function ownParallels(user: { role: string; deputyGrades: number[] } | null): OwnParallels {
  const grades = user?.role === 'deputy' ? [...user.deputyGrades].sort((a, b) => a - b) : null;
  if (!grades) return { grades: null, mine: () => true, reason: () => '', summary: '' };
  const set = new Set(grades);
  const them = grades.length === 1 ? 'к ней' : 'к ним';
  return {
    grades,
    mine: (g) => set.has(g),
    reason: (name) => (grades.length ? `${yours(grades)}, класс ${name} ${them} не относится` : `${yours(grades)}: класс ${name} доступен только для просмотра`),
    summary: yours(grades),
  };
}

export function useOwnParallels(): OwnParallels {
  const { user } = useAppState();
  return ownParallels(user);
}

/** The grade of a class named «10А». */
export const gradeOfName = (name: string): number => Number(/^\d+/.exec(name)?.[0] ?? 0);
