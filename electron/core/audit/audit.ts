import type { Ctx } from '../context';
import type { OpParsed } from '../../api/contract';
import type { AuditEntry, ExportedFile, Page } from '../../api/types';
import { sheetFile, type Cell } from '../transfer/xlsx';
import { ACTIONS, describe, entityTitle, ruDateTime } from './labels';
import { auditActors, auditCount, auditEntities, auditRows, auditWhere } from './queries';

/**
 * The audit log, newest first: who changed which record when, from what to what. Filters: a user's
 * login, a kind of record (table), one record, the school's local dates (inclusive), and words
 * looked for in the changed values and in the record's name.
 */
export function searchAudit(ctx: Ctx, i: OpParsed<'audit.search'>): Page<AuditEntry> {
  const w = auditWhere(i);
  return { total: auditCount(ctx.db, w), rows: describe(ctx, auditRows(ctx.db, w, i.offset, i.limit)) };
}

/** The users and kinds of records found in the log, for the filters of the log's screen. */
export function auditFacets(ctx: Ctx): { actors: string[]; entities: { entity: string; title: string }[] } {
  const actors = auditActors(ctx.db);
  const entities = auditEntities(ctx.db)
    .map((entity) => ({ entity, title: entityTitle(entity) }))
    .sort((a, b) => a.title.localeCompare(b.title, 'ru'));
  return { actors, entities };
}

/** The filtered log as XLSX: one row per changed field. It names people, so it is marked as personal data. */
export async function exportAudit(ctx: Ctx, i: OpParsed<'audit.export'>): Promise<ExportedFile> {
  const all = auditRows(ctx.db, auditWhere(i), 0, -1);
  const cells: Cell[][] = [];
  // Labeled a chunk at a time, so the lookups stay batched.
  for (let at = 0; at < all.length; at += 500) {
    for (const e of describe(ctx, all.slice(at, at + 500))) {
      const head: Cell[] = [ruDateTime(e.at), e.actor, e.event && e.action !== 'delete' ? 'Событие' : ACTIONS[e.action], e.entityLabel];
      if (e.changes.length === 0) cells.push([...head, e.event ?? null, null, null]);
      for (const c of e.changes) cells.push([...head, c.field, cell(c.old), cell(c.new)]);
    }
  }
  return sheetFile(ctx, {
    title: 'Журнал изменений',
    file: 'Журнал изменений',
    personal: true,
    columns: [
      { header: 'Дата и время', width: 17 },
      { header: 'Пользователь', width: 14 },
      { header: 'Действие', width: 12 },
      { header: 'Запись', width: 44 },
      { header: 'Что изменено', width: 26 },
      { header: 'Было', width: 30 },
      { header: 'Стало', width: 30 },
    ],
    rows: cells,
  });
}

function cell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number') return v;
  return String(v);
}
