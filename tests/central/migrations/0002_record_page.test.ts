// Central migration 0002 on a real PostgreSQL: the page index replaces record_version, records kept,
// and a page's query is an index scan in page order (no sort).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { openCentralDb, type CentralDb } from '../../../central/db';
import { centralSchemaVersion, migrateCentral } from '../../../central/migrations/index';
import { startPostgres, type TestPostgres } from '../../support/postgres';

let pg: TestPostgres;
let db: CentralDb;
beforeAll(async () => {
  pg = await startPostgres();
  db = openCentralDb(pg.url);
});
afterAll(async () => {
  await db?.destroy();
  await pg?.stop();
});

const indexes = async () =>
  Object.fromEntries(
    (await sql<{ indexname: string; indexdef: string }>`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'record'`.execute(db)).rows.map((r) => [r.indexname, r.indexdef]),
  );

describe('central migration 0002: the record page index', () => {
  it('replaces record_version by (school_id, version, entity, id), keeping the records', async () => {
    expect(await migrateCentral(db, 1)).toEqual([1]);
    const school = randomUUID();
    await db.insertInto('school').values({ id: school, name: 'Школа' }).execute();
    const ids = Array.from({ length: 3 }, () => randomUUID());
    for (const [i, id] of ids.entries())
      await db.insertInto('record').values({ school_id: school, entity: 'mark', id, data: JSON.stringify({ id, value: '5' }), fv: '{}', version: 3 - i }).execute();
    expect(Object.keys(await indexes()).sort()).toEqual(['record_pkey', 'record_version']);

    expect(await migrateCentral(db)).toEqual([2]);
    expect(await migrateCentral(db)).toEqual([]);
    expect(await centralSchemaVersion(db)).toBe(2);
    const after = await indexes();
    expect(Object.keys(after).sort()).toEqual(['record_page', 'record_pkey']);
    expect(after.record_page).toContain('(school_id, version, entity, id)');
    expect((await db.selectFrom('record').select('id').where('school_id', '=', school).orderBy('version').execute()).map((r) => r.id)).toEqual([...ids].reverse());

    // The page's rows in page order come from the index, no sort (the planner told to avoid a seq scan on so few rows).
    const plan = await db.transaction().execute(async (tx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(tx);
      return (await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT entity, id, version, data FROM record WHERE school_id = ${school}::uuid AND version > 0 AND version <= 10 ORDER BY version, entity, id`.execute(tx)).rows
        .map((r) => r['QUERY PLAN'])
        .join('\n');
    });
    expect(plan).toContain('record_page');
    expect(plan).not.toMatch(/Sort/);
  });
});
