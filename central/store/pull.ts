// POST /v1/pull (docs/sync.md): the rows of a school changed since a cursor, in version order, whole
// versions only, with the caller's lastMutationId — all read in one REPEATABLE READ snapshot, so the
// rows and lastMutationId agree. The rows are built as JSON by PostgreSQL in one query (a page of
// thousands of rows is one string, sent on as it is).
import { sql } from 'kysely';
import type { CentralDb } from '../db';
import { unauthorized } from '../errors';
import { PULL_LIMIT, type PullResponse, type PulledRow } from '../protocol';
import type { Auth } from '../auth';

export interface RawPage {
  /** The JSON array of the page's rows ({entity, id, version, data}), as PostgreSQL wrote it. */
  changesJson: string;
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
      // The page's JSON text built by PostgreSQL as plain text: each row's `data` (jsonb) written out
      // once and pasted between the envelope's keys — no json_build_object/json_agg over it (half the
      // time a row). The rows come in page order from the index record_page (no sort; an ORDER BY in
      // the subquery keeps it, the aggregate takes them as they come); the entity written as JSON,
      // id a uuid and version a number need no escaping. The app checks the versions ascend.
      const page = await sql<{ j: string; n: number }>`
        SELECT coalesce('[' || string_agg('{"entity":' || to_json(entity)::text || ',"id":"' || id::text || '","version":' || version::text || ',"data":' || data::text || '}', ',') || ']', '[]') AS j,
               count(*)::int AS n
        FROM (SELECT entity, id, version, data FROM record
              WHERE school_id = ${auth.schoolId}::uuid AND version > ${cursor} AND version <= ${upTo}
              ORDER BY version, entity, id) r`.execute(tx);
      let more = false;
      if (edge) {
        const next = await tx.selectFrom('record').select('version').where('school_id', '=', auth.schoolId).where('version', '>', upTo).limit(1).executeTakeFirst();
        more = !!next;
      }
      return {
        changesJson: page.rows[0]!.j,
        count: page.rows[0]!.n,
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
  return { changes: JSON.parse(p.changesJson) as PulledRow[], cursor: p.cursor, more: p.more, lastMutationId: p.lastMutationId };
}

/** The response body of a page as JSON text, without parsing and re-serializing its rows. */
export function pageJson(p: RawPage): string {
  return `{"changes":${p.changesJson},"cursor":${p.cursor},"more":${p.more},"lastMutationId":${p.lastMutationId}}`;
}
