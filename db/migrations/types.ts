import type BetterSqlite3 from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up: (db: BetterSqlite3.Database) => void;
  /**
   * The migration copies a table to change what SQLite cannot alter in place (a CHECK): it runs with
   * foreign keys off, as SQLite's documented procedure asks, and `foreign_key_check` must come back
   * empty before it commits.
   */
  rebuildsTables?: boolean;
}
