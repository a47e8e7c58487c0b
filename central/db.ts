// The central store's connection: Kysely over a pg Pool (PostgresDialect). int8 (versions, mutation
// numbers) is read as a JS number: versions of one school stay far below 2^53.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { CentralDatabase } from './schema';

export type CentralDb = Kysely<CentralDatabase>;

const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export interface OpenOptions {
  /** Connections in the pool (default 10). */
  max?: number;
}

/** Opens the store at a postgres:// URL. Close it with `db.destroy()`. */
export function openCentralDb(databaseUrl: string, options: OpenOptions = {}): CentralDb {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.max ?? 10, types });
  // An idle connection's error (the server restarted) must not crash the process: the pool drops it.
  pool.on('error', () => {});
  return new Kysely<CentralDatabase>({ dialect: new PostgresDialect({ pool }) });
}
