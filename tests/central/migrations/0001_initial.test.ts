// Central migration 0001 on a real PostgreSQL: the tables of the design, every school table keyed by
// school_id first, recorded once, idempotent, and the constraints that keep the store honest.
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

describe('central migration 0001: the initial store', () => {
  it('creates the tables, each school table keyed by school_id first; recorded once', async () => {
    expect(await centralSchemaVersion(db)).toBe(0);
    // Two migrators at once (two servers starting): one applies, the other waits and finds it done.
    const [x, y] = await Promise.all([migrateCentral(db, 1), migrateCentral(db, 1)]);
    expect([...x, ...y]).toEqual([1]);
    expect(await migrateCentral(db, 1)).toEqual([]);
    expect(await centralSchemaVersion(db)).toBe(1);
    const rows = await db.selectFrom('schema_migration').select(['version', 'name']).execute();
    expect(rows).toEqual([{ version: 1, name: 'initial' }]);

    const pk = await sql<{ table: string; cols: string[] }>`
      SELECT c.relname AS table, array_agg(a.attname ORDER BY k.ord)::text[] AS cols
      FROM pg_constraint x JOIN pg_class c ON c.oid = x.conrelid
      CROSS JOIN LATERAL unnest(x.conkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
      WHERE x.contype = 'p' AND c.relnamespace = 'public'::regnamespace
      GROUP BY c.relname ORDER BY c.relname`.execute(db);
    expect(Object.fromEntries(pk.rows.map((r) => [r.table, r.cols]))).toEqual({
      school: ['id'],
      enrollment_code: ['school_id', 'code_hash'],
      client: ['school_id', 'id'],
      record: ['school_id', 'entity', 'id'],
      unique_key: ['school_id', 'entity', 'key_no', 'key'],
      mutation: ['school_id', 'client_id', 'id'],
      server_setting: ['key'],
      schema_migration: ['version'],
    });
    const idx = await sql<{ indexname: string; indexdef: string }>`SELECT indexname, indexdef FROM pg_indexes WHERE indexname = 'record_version'`.execute(db);
    expect(idx.rows[0]?.indexdef).toContain('(school_id, version)');
  });

  it('keeps records per school, a mutation either applied or refused, one unique key holder', async () => {
    const s1 = randomUUID();
    await db.insertInto('school').values({ id: s1, name: 'Школа 1' }).execute();
    expect((await db.selectFrom('school').select('version').where('id', '=', s1).executeTakeFirstOrThrow()).version).toBe(0);
    // A second school of the same name: refused (register-school finds it instead).
    await expect(db.insertInto('school').values({ id: randomUUID(), name: 'Школа 1' }).execute()).rejects.toThrow(/school_name/);
    // A record of a school that is not there.
    await expect(
      db.insertInto('record').values({ school_id: randomUUID(), entity: 'subject', id: randomUUID(), data: '{}', fv: '{}', version: 1 }).execute(),
    ).rejects.toThrow(/foreign key/);
    const m = { school_id: s1, client_id: randomUUID(), id: 1, hash: 'h' };
    await expect(db.insertInto('mutation').values({ ...m, version: null, refused: null }).execute()).rejects.toThrow(/check/);
    await expect(db.insertInto('mutation').values({ ...m, version: 3, refused: 'нет' }).execute()).rejects.toThrow(/check/);
    await db.insertInto('mutation').values({ ...m, version: 3, refused: null }).execute();
    const key = { school_id: s1, entity: 'school_class', key_no: 0, key: '["y",5,"А"]' };
    await db.insertInto('unique_key').values({ ...key, record_id: randomUUID() }).execute();
    await expect(db.insertInto('unique_key').values({ ...key, record_id: randomUUID() }).execute()).rejects.toThrow(/duplicate key/);
    // jsonb round trip and int8 as a number.
    const id = randomUUID();
    await db.insertInto('record').values({ school_id: s1, entity: 'subject', id, data: JSON.stringify({ name: 'Математика', sort_order: 2 }), fv: JSON.stringify({ name: [7, 'central'] }), version: 7 }).execute();
    expect(await db.selectFrom('record').select(['data', 'fv', 'version']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({
      data: { name: 'Математика', sort_order: 2 },
      fv: { name: [7, 'central'] },
      version: 7,
    });
  });
});
