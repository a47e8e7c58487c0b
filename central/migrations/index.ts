// The central store's migrations, one per file (each with its test in tests/central/migrations/),
// applied in order, each in its own transaction, recorded in schema_migration. Concurrent migrators
// (two servers starting at once) wait for each other on an advisory lock.
import { sql, type Kysely } from 'kysely';
import type { CentralMigration } from './types';
import { migration as m0001 } from './0001_initial';
import { migration as m0002 } from './0002_record_page';

export const centralMigrations: readonly CentralMigration[] = [m0001, m0002];
export const LATEST_CENTRAL_VERSION = centralMigrations[centralMigrations.length - 1]!.version;
export type { CentralMigration };

/** A lock id of our own (any constant): «school-office central migrate». */
const LOCK = 7_310_010;

/** Applies the pending migrations up to `upTo`; returns the versions applied now. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateCentral(db: Kysely<any>, upTo: number = LATEST_CENTRAL_VERSION): Promise<number[]> {
  await db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(${LOCK})`.execute(tx);
    await sql`CREATE TABLE IF NOT EXISTS schema_migration (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`.execute(tx);
  });
  const applied: number[] = [];
  for (const m of centralMigrations) {
    if (m.version > upTo) break;
    const done = await db.transaction().execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(${LOCK})`.execute(tx);
      const row = await tx.selectFrom('schema_migration').select('version').where('version', '=', m.version).executeTakeFirst();
      if (row) return false;
      await m.up(tx);
      await tx.insertInto('schema_migration').values({ version: m.version, name: m.name }).execute();
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}

/** The store's schema version (0: empty). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function centralSchemaVersion(db: Kysely<any>): Promise<number> {
  const exists = await sql<{ t: string | null }>`SELECT to_regclass('schema_migration')::text AS t`.execute(db);
  if (!exists.rows[0]?.t) return 0;
  const r = await sql<{ v: number | null }>`SELECT max(version) AS v FROM schema_migration`.execute(db);
  return Number(r.rows[0]?.v ?? 0);
}
