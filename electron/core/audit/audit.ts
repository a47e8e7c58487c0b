import type { Ctx } from '../context';
import type { OpParsed } from '../../api/contract';
import type { AuditEntry, ExportedFile, Page } from '../../api/types';
import { invalid } from '../../api/errors';
import { sheetFile, type Cell } from '../transfer/xlsx';
import { ACTIONS, NAMED, REFERENCES, describe, entityTitle, ruDateTime, type AuditRow } from './labels';
import { ruFold } from '../../api/text';

type Filter = OpParsed<'audit.export'>;

const fold = ruFold;
const likeOf = (word: string) => `%${word.replace(/[%_\\]/g, (m) => '\\' + m)}%`;

/** Local midnight of a 'YYYY-MM-DD' date of the school, as an ISO UTC moment comparable with `at`. */
function localMidnight(isoDate: string, plusDays = 0): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
}

/** A word as the user types it; a date dd.mm.yyyy is looked for as it is stored, 'yyyy-mm-dd'. */
function searchWord(word: string): string {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(word);
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : fold(word);
}

/** The WHERE clause of a filter, with named parameters. */
function where(f: Filter): { sql: string; params: Record<string, string> } {
  const parts: string[] = [];
  const params: Record<string, string> = {};
  if (f.actor?.trim()) {
    parts.push('a.actor = @actor');
    params.actor = f.actor.trim();
  }
  if (f.entity?.trim()) {
    parts.push('a.entity = @entity');
    params.entity = f.entity.trim();
  }
  if (f.entityId?.trim()) {
    parts.push('a.entity_id = @entityId');
    params.entityId = f.entityId.trim();
  }
  if (f.from && f.to && f.from > f.to)
    throw invalid('Начало периода позже его окончания', [{ column: 'Период', message: 'Начало периода позже его окончания' }]);
  if (f.from) {
    parts.push('a.at >= @from');
    params.from = localMidnight(f.from);
  }
  if (f.to) {
    parts.push('a.at < @to');
    params.to = localMidnight(f.to, 1);
  }
  const words = (f.text ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);
  // Records named by a word (the entity's own label), and values that are ids of such records
  // (a student moved to «5А» is found by «5А»).
  const named = (entity: string, p: string) => `(SELECT t.id FROM ${entity} t WHERE ru_fold(${NAMED[entity]!}) LIKE ${p} ESCAPE '\\')`;
  const refTargets = [...new Set(Object.values(REFERENCES))].filter((t) => NAMED[t]);
  words.forEach((word, i) => {
    const p = `@w${i}`;
    params[`w${i}`] = likeOf(searchWord(word));
    const refs = refTargets
      .map((target) => {
        const cols = Object.keys(REFERENCES).filter((c) => REFERENCES[c] === target);
        return `(j.key IN (${cols.map((c) => `'${c}'`).join(',')}) AND j.value IN ${named(target, p)})`;
      })
      .join(' OR ');
    const value = `(ru_fold(j.value) LIKE ${p} ESCAPE '\\' OR ${refs})`;
    const labels = Object.keys(NAMED)
      .map((entity) => `(a.entity = '${entity}' AND a.entity_id IN ${named(entity, p)})`)
      .join(' OR ');
    parts.push(
      `(EXISTS (SELECT 1 FROM json_each(coalesce(a.new_values, '{}')) j WHERE ${value})` +
        ` OR EXISTS (SELECT 1 FROM json_each(coalesce(a.old_values, '{}')) j WHERE ${value})` +
        ` OR ${labels})`,
    );
  });
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** Raw rows of the log matching a filter, newest first; limit -1: all of them. */
function rows(ctx: Ctx, w: ReturnType<typeof where>, offset: number, limit: number): AuditRow[] {
  return ctx.db
    .statement(
      `SELECT a.seq, a.at, a.actor, a.entity, a.entity_id, a.action, a.old_values, a.new_values FROM audit_log a ${w.sql}
       ORDER BY a.at DESC, a.seq DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ ...w.params, limit, offset }) as AuditRow[];
}

/**
 * The audit log, newest first: who changed which record when, from what to what. Filters: a user's
 * login, a kind of record (table), one record, the school's local dates (inclusive), and words
 * looked for in the changed values and in the record's name.
 */
export function searchAudit(ctx: Ctx, i: OpParsed<'audit.search'>): Page<AuditEntry> {
  const w = where(i);
  const total = (ctx.db.statement(`SELECT count(*) AS n FROM audit_log a ${w.sql}`).get(w.params) as { n: number }).n;
  return { total, rows: describe(ctx, rows(ctx, w, i.offset, i.limit)) };
}

/** The users and kinds of records found in the log, for the filters of the log's screen. */
export function auditFacets(ctx: Ctx): { actors: string[]; entities: { entity: string; title: string }[] } {
  const actors = (ctx.db.statement('SELECT DISTINCT actor FROM audit_log ORDER BY actor').all() as { actor: string }[]).map((r) => r.actor);
  const entities = (ctx.db.statement('SELECT DISTINCT entity FROM audit_log').all() as { entity: string }[])
    .map((r) => ({ entity: r.entity, title: entityTitle(r.entity) }))
    .sort((a, b) => a.title.localeCompare(b.title, 'ru'));
  return { actors, entities };
}

/** The filtered log as XLSX: one row per changed field. It names people, so it is marked as personal data. */
export async function exportAudit(ctx: Ctx, i: OpParsed<'audit.export'>): Promise<ExportedFile> {
  const all = rows(ctx, where(i), 0, -1);
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
