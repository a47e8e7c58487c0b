// POST /v2/pull (docs/sync.md): the rows of a school changed since a cursor, whole versions only,
// with the caller's lastMutationId — all read in one REPEATABLE READ snapshot, so the rows and
// lastMutationId agree. The page is columnar (central/protocol.ts pullBlock): per entity its columns
// once and its rows as arrays in version order, each block's rows built as JSON text by PostgreSQL
// in one query (thousands of rows are one string per entity, sent on as they are).
import { sql } from 'kysely';
import type { CentralDb } from '../db';
import { unauthorized } from '../errors';
import { PULL_LIMIT, type PullResponse } from '../protocol';
import type { Auth } from '../auth';
import { entityOf, tables, type Table } from '../../db/entities';

export interface RawPage {
  /** The JSON array of the page's blocks ({entity, columns, rows}), the rows as PostgreSQL wrote them. */
  entitiesJson: string;
  count: number;
  cursor: number;
  more: boolean;
  lastMutationId: number;
}

export async function pullRaw(db: CentralDb, auth: Auth, cursor: number, limit: number = PULL_LIMIT): Promise<RawPage> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => {
      const head = await tx
        .selectFrom('client')
        .innerJoin('school', 'school.id', 'client.school_id')
        .select(['school.version', 'client.last_mutation_id', 'client.revoked_at'])
        .where('client.school_id', '=', auth.schoolId)
        .where('client.id', '=', auth.clientId)
        .executeTakeFirst();
      if (!head || head.revoked_at) throw unauthorized('Этот компьютер отключён от центральной системы.');
      // The version of the limit-th row: the page ends with the whole of that version.
      const edge = await tx
        .selectFrom('record')
        .select('version')
        .where('school_id', '=', auth.schoolId)
        .where('version', '>', cursor)
        .orderBy('version')
        .offset(limit - 1)
        .limit(1)
        .executeTakeFirst();
      const upTo = edge ? edge.version : head.version;
      // The entities of the page (an index-only scan of record_page), then per entity one aggregate over
      // its rows read in page order from that index — (version, id) for one entity, no sort: an ORDER
      // BY inside a grouped aggregate sorted the rows with their jsonb, spilling to disk.
      const present = await sql<{ entity: string }>`
        SELECT DISTINCT entity FROM record
        WHERE school_id = ${auth.schoolId}::uuid AND version > ${cursor} AND version <= ${upTo}`.execute(tx);
      const branches = present.rows.map(
        ({ entity }) => sql`
        SELECT ${entity}::text AS entity, string_agg(${rowJson(entity)}, ',') AS j, count(*)::int AS n, min(version) AS first
        FROM (SELECT id, version, data FROM record
              WHERE school_id = ${auth.schoolId}::uuid AND version > ${cursor} AND version <= ${upTo} AND entity = ${entity}
              ORDER BY version, id) r`,
      );
      const blocks = branches.length ? await sql<{ entity: string; j: string | null; n: number; first: number }>`${sql.join(branches, sql` UNION ALL `)}`.execute(tx) : { rows: [] };
      let count = 0;
      const parts: string[] = [];
      for (const b of blocks.rows.sort((x, y) => Number(x.first) - Number(y.first) || (x.entity < y.entity ? -1 : 1))) {
        const columns = COLUMNS_JSON.get(b.entity);
        // A record of a kind this server does not know cannot be sent as a block: an internal error, not a silent gap.
        if (columns === undefined || b.j === null) throw new Error('pull: a record of an unknown entity');
        parts.push(`{"entity":${JSON.stringify(b.entity)},"columns":${columns},"rows":[${b.j}]}`);
        count += b.n;
      }
      let more = false;
      if (edge) {
        const next = await tx.selectFrom('record').select('version').where('school_id', '=', auth.schoolId).where('version', '>', upTo).limit(1).executeTakeFirst();
        more = !!next;
      }
      return {
        entitiesJson: `[${parts.join(',')}]`,
        count,
        // The end of the page; at the end of the data the school's version (a cursor never goes back).
        cursor: more ? upTo : Math.max(cursor, head.version),
        more,
        lastMutationId: head.last_mutation_id,
      };
    });
}

/** The same page, parsed. */
export async function pull(db: CentralDb, auth: Auth, cursor: number, limit: number = PULL_LIMIT): Promise<PullResponse> {
  const p = await pullRaw(db, auth, cursor, limit);
  return { entities: JSON.parse(p.entitiesJson) as PullResponse['entities'], cursor: p.cursor, more: p.more, lastMutationId: p.lastMutationId };
}

/** The response body of a page as JSON text, without parsing and re-serializing its rows. */
export function pageJson(p: RawPage): string {
  return `{"entities":${p.entitiesJson},"cursor":${p.cursor},"more":${p.more},"lastMutationId":${p.lastMutationId}}`;
}

// ── The rows' JSON, built by PostgreSQL ──────────────────────────────────────────────────────────
//
// A row of a block is `["<id>",<version>,<value>,…]`, its values in the order of the entity's
// registry columns (db/entities.ts, without id). Each value is the stored jsonb's field written out
// as JSON text (`(data->'col')::text`: a string quoted and escaped, a number as it is), a field the
// record lacks (a column added later) written as null. The column names are the registry's own,
// checked against the protocol's name rule before they go into the query text.

/** The pulled tables: every table the central stores (office and central owners). */
const PULLED = tables.filter((t) => entityOf(t).owner !== 'local');
const SAFE = /^[a-z_]+$/;
const pageColumns = (t: string): string[] => Object.keys(entityOf(t as Table).columns).filter((c) => c !== 'id');
/** Per entity the JSON text of its block's `columns`. */
const COLUMNS_JSON = new Map<string, string>(PULLED.map((t) => [t, JSON.stringify(pageColumns(t))]));

/** The SQL of one row's JSON array for a table of the registry; an unknown entity cannot be sent (an internal error). */
const ROW_JSON = new Map(
  PULLED.map((t) => {
    for (const n of [t, ...pageColumns(t)]) if (!SAFE.test(n)) throw new Error(`pull: the registry name ${JSON.stringify(n)} is not a plain name`);
    const values = pageColumns(t).map((c) => ` || ',' || coalesce((data->'${c}')::text, 'null')`).join('');
    return [t, sql.raw(`'["' || id::text || '",' || version::text${values} || ']'`)];
  }),
);
function rowJson(entity: string) {
  const q = ROW_JSON.get(entity as Table);
  if (!q) throw new Error('pull: a record of an unknown entity');
  return q;
}
