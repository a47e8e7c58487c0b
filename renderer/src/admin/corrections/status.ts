import type { CorrectionRequest } from '../../../../electron/api/types';

export type CorrectionState = 'open' | 'overdue' | 'corrected' | 'correctedLate' | 'done' | 'doneLate';

/** Where a request stands: open, overdue, corrected (in time or late), and whether the reporter was told. */
export function stateOf(r: CorrectionRequest): CorrectionState {
  if (!r.correctedAt) return r.overdue ? 'overdue' : 'open';
  if (!r.reporterNotifiedAt) return r.overdue ? 'correctedLate' : 'corrected';
  return r.overdue ? 'doneLate' : 'done';
}

/** «осталось 5 ч 20 мин», «просрочено на 1 д 3 ч». */
export function timeLeft(dueAt: string, now = Date.now()): { text: string; late: boolean } {
  const ms = Date.parse(dueAt) - now;
  const abs = Math.abs(ms);
  const d = Math.floor(abs / 86_400_000);
  const h = Math.floor((abs % 86_400_000) / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const span = d ? `${d} д ${h} ч` : h ? `${h} ч ${m} мин` : `${m} мин`;
  return ms >= 0 ? { text: `осталось ${span}`, late: false } : { text: `просрочено на ${span}`, late: true };
}

/** Fired after the register was (re)loaded: the navbar's counter follows. */
