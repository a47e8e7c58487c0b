// All SQL of the audit feature (issue 9): the audit log's search, its facets, the names of the
// records it mentions (by the entity registry's SQL), and the correction register's reads.
// The services (audit.ts, labels.ts, corrections.ts) decide and shape; they hold no SQL.
import type { Db, Row } from '../../../db';
import type { OpParsed } from '../../api/contract';
import { invalid } from '../../api/errors';
import type { AuditAction } from '../../api/enums';
import { ruFold } from '../../api/text';
import { entityOf, tables, type Table } from '../../../db';

type Filter = OpParsed<'audit.export'>;

/** Columns that hold the id of another record, over every table of the registry: shown by that record's name. */
export const REFERENCES: Readonly<Record<string, Table>> = (() => {
  const out: Record<string, Table> = {};
  for (const t of tables)
    for (const [col, c] of Object.entries(entityOf(t).columns))
      if (c.ref) {
        if (out[col] && out[col] !== c.ref) throw new Error(`entities: ${t}.${col} refers to ${c.ref}, elsewhere to ${out[col]}`);
        out[col] = c.ref;
      }
  return out;
})();

/** The kinds of record whose names are SQL (searchable by words): table → SQL over the row `t`. */
export const NAMED: Readonly<Record<string, string>> = Object.fromEntries(
  tables.flatMap((t) => {
    const l = entityOf(t).label;
    return l && 'sql' in l ? [[t, l.sql]] : [];
  }),
);

export type Where = { sql: string; params: Record<string, string> };

export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  entity: string;
  entity_id: string;
  action: AuditAction;
  old_values: string | null;
  new_values: string | null;
}

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
export function auditWhere(f: Filter): { sql: string; params: Record<string, string> } {
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
export function auditRows(db: Db, w: Where, offset: number, limit: number): AuditRow[] {
  return db
    .statement(
      `SELECT a.seq, a.at, a.actor, a.entity, a.entity_id, a.action, a.old_values, a.new_values FROM audit_log a ${w.sql}
       ORDER BY a.at DESC, a.seq DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ ...w.params, limit, offset }) as AuditRow[];
}


export function auditCount(db: Db, w: Where): number {
  return (db.statement(`SELECT count(*) AS n FROM audit_log a ${w.sql}`).get(w.params) as { n: number }).n;
}

/** The users found in the log. */
export function auditActors(db: Db): string[] {
  return (db.statement('SELECT DISTINCT actor FROM audit_log ORDER BY actor').all() as { actor: string }[]).map((r) => r.actor);
}

/** The kinds of record (tables, events) found in the log. */
export function auditEntities(db: Db): string[] {
  return (db.statement('SELECT DISTINCT entity FROM audit_log').all() as { entity: string }[]).map((r) => r.entity);
}

/** id → name of records of one table, by the registry's SQL of its name (`nameSql` over the row `t`); one query per 500 ids. */
export function namesByIds(db: Db, table: string, nameSql: string, ids: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = db.raw
      .prepare(`SELECT t.id AS id, (${nameSql}) AS name FROM ${table} t WHERE t.id IN (${chunk.map(() => '?').join(',')})`)
      .all(...chunk) as { id: string; name: string | null }[];
    for (const r of rows) if (r.name !== null) out.set(r.id, r.name);
  }
  return out;
}

// ── The correction register ──────────────────────────────────────────────────────────────────

export function correctionById(db: Db, id: string): Row<'correction_request'> | undefined {
  return db.first(db.q.selectFrom('correction_request').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
}

/** Newest report first; `onlyOpen`: not corrected yet, or the reporter not told yet. */
export function correctionRows(db: Db, onlyOpen: boolean): Row<'correction_request'>[] {
  let q = db.q.selectFrom('correction_request').selectAll().where('deleted_at', 'is', null);
  if (onlyOpen) q = q.where((eb) => eb.or([eb('corrected_at', 'is', null), eb('reporter_notified_at', 'is', null)]));
  return db.all(q.orderBy('reported_at', 'desc').orderBy('id', 'desc'));
}
