// STUB (issue 14 foundation): the copy engineer replaces it. Whether a printed paper copy still
// matches the journal, and if not, what changed since it was printed.
import type { Ctx } from '../../context';

export interface CopyFreshness {
  upToDate: boolean;
  /** What changed, in Russian, one line per kind: «3 отметки изменены (Алгебра, Физика)». Empty when up to date. */
  changes: string[];
}

export function copyFreshness(_ctx: Ctx, _copyId: string): CopyFreshness {
  return { upToDate: true, changes: [] };
}
