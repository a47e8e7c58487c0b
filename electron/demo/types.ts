// Types shared by the demo-school generator's modules.
import type { SubjectKey } from './curriculum';

export type WithId<T> = T & { id: string };

/** Hands out ids in creation order. */
export interface IdSource {
  next(): string;
}

/** A class as the generator plans it, before it becomes a row. */
export interface ClassInfo {
  id: string;
  grade: number;
  letterIndex: number;
  letter: string;
  shift: number;
  size: number;
  plan: readonly (readonly [SubjectKey, number])[];
}
