// R26: the register of reported errors in the data. The administrator corrects a reported error
// within one calendar day (24 hours from the report) and tells the reporter.
import type { Ctx } from '../context';
import type { OpParsed } from '../../api/contract';
import type { CorrectionRequest } from '../../api/types';
import type { Row } from '../../../db';
import { invalid, notFound, type Problem } from '../../api/errors';
import { act } from '../tx';
import { correctionById, correctionRows } from './queries';

const DAY_MS = 24 * 60 * 60 * 1000;

function toCorrection(r: Row<'correction_request'>, now: Date): CorrectionRequest {
  const overdue = r.corrected_at ? r.corrected_at > r.due_at : now.toISOString() > r.due_at;
  return {
    id: r.id,
    reportedAt: r.reported_at,
    reporter: r.reporter,
    reporterContact: r.reporter_contact,
    description: r.description,
    dueAt: r.due_at,
    correctedAt: r.corrected_at,
    correctedBy: r.corrected_by,
    resolution: r.resolution,
    reporterNotifiedAt: r.reporter_notified_at,
    overdue,
  };
}

function row(ctx: Ctx, id: string): Row<'correction_request'> {
  const r = correctionById(ctx.db, id);
  if (!r) throw notFound('Обращение об ошибке');
  return r;
}

/**
 * The register, newest report first. `onlyOpen`: what still needs doing — not corrected yet, or
 * corrected but the reporter not told yet. `overdue`: not corrected and the day has passed, or
 * corrected after the deadline (`correctedAt` tells which).
 */
export function listCorrections(ctx: Ctx, onlyOpen: boolean): CorrectionRequest[] {
  const now = ctx.now();
  return correctionRows(ctx.db, onlyOpen).map((r) => toCorrection(r, now));
}

/** Registers a reported error, or edits one; the deadline is the report's time plus one day. */
export function saveCorrection(ctx: Ctx, i: OpParsed<'corrections.save'>): CorrectionRequest {
  const problems: Problem[] = [];
  const reported = new Date(i.reportedAt);
  const now = ctx.now();
  if (Number.isNaN(reported.getTime())) problems.push({ column: 'Дата и время обращения', message: 'Укажите дату и время обращения' });
  else if (reported.getTime() > now.getTime())
    problems.push({ column: 'Дата и время обращения', message: 'Дата и время обращения не могут быть в будущем' });
  if (!i.reporter.trim()) problems.push({ column: 'Кто сообщил', message: 'Поле «Кто сообщил» не заполнено' });
  if (!i.description.trim()) problems.push({ column: 'Суть ошибки', message: 'Поле «Суть ошибки» не заполнено' });
  if (problems.length) throw invalid(problems[0]!.message, problems);
  const values = {
    reported_at: reported.toISOString(),
    reporter: i.reporter.trim(),
    reporter_contact: i.reporterContact ?? null,
    description: i.description.trim(),
    due_at: new Date(reported.getTime() + DAY_MS).toISOString(),
  };
  const saved = act(ctx, (w) => {
    // Read in the transaction: the correction may have been marked meanwhile.
    const old = i.id ? row(ctx, i.id) : undefined;
    if (old?.corrected_at && reported.toISOString() > old.corrected_at) {
      const message = 'Дата и время обращения позже отметки об исправлении';
      throw invalid(message, [{ column: 'Дата и время обращения', message }]);
    }
    return old
      ? w.update('correction_request', old.id, values)
      : w.insert('correction_request', { ...values, corrected_at: null, corrected_by: null, resolution: null, reporter_notified_at: null });
  });
  return toCorrection(saved, now);
}

/**
 * Marks the error as corrected by the acting user, now. Marking it again only changes the
 * description of what was corrected: the time and the person of the correction stay.
 */
export function markCorrected(ctx: Ctx, id: string, resolution: string): CorrectionRequest {
  const text = resolution.trim();
  if (!text) throw invalid('Поле «Что исправлено» не заполнено', [{ column: 'Что исправлено', message: 'Поле «Что исправлено» не заполнено' }]);
  const now = ctx.now();
  const saved = act(ctx, (w) => {
    // Decided in the transaction: of two marks at once, only the first sets the time and the person.
    const r = row(ctx, id);
    return w.update('correction_request', r.id, r.corrected_at ? { resolution: text } : { corrected_at: now.toISOString(), corrected_by: ctx.actor, resolution: text });
  });
  return toCorrection(saved, now);
}

/** Records that the reporter was told about the correction; only after the correction, once. */
export function markNotified(ctx: Ctx, id: string): CorrectionRequest {
  const now = ctx.now();
  return act(ctx, (w) => {
    const r = row(ctx, id);
    if (!r.corrected_at) throw invalid('Сначала отметьте исправление', [{ column: 'Заявитель уведомлён', message: 'Сначала отметьте исправление' }]);
    if (r.reporter_notified_at) return toCorrection(r, now);
    return toCorrection(w.update('correction_request', r.id, { reporter_notified_at: now.toISOString() }), now);
  });
}
