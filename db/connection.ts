import BetterSqlite3 from 'better-sqlite3';
import {
  Kysely,
  DummyDriver,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type InferResult,
} from 'kysely';
import type { Database } from './schema';
import { migrations, LATEST_SCHEMA_VERSION } from './migrations';
import { privateDatabaseFiles } from './private';
import { ruFold } from '../electron/api/text';

/**
 * The local store. Kysely is used only to build typed SQL; statements run synchronously on
 * better-sqlite3, so a user action is one plain SQLite transaction (`tx`) with no awaits inside.
 */
export class Db {
  readonly raw: BetterSqlite3.Database;
  readonly q: Kysely<Database>;
  private readonly cache = new Map<string, BetterSqlite3.Statement>();

  constructor(readonly path: string, options: { readonly?: boolean } = {}) {
    this.raw = new BetterSqlite3(path, { readonly: options.readonly ?? false });
    this.raw.pragma('journal_mode = WAL');
    this.raw.pragma('foreign_keys = ON');
    this.raw.pragma('synchronous = NORMAL');
    this.raw.pragma('busy_timeout = 5000');
    // 64 MB of page cache (SQLite's default is 2 MB): a 5000-student school's file is about 50 MB.
    this.raw.pragma('cache_size = -65536');
    // SQLite's lower() folds only ASCII; search and sort of Russian names need Cyrillic and ё.
    this.raw.function('ru_fold', { deterministic: true }, (v: unknown) =>
      typeof v === 'string' ? ruFold(v) : v,
    );
    this.q = new Kysely<Database>({
      dialect: {
        createAdapter: () => new SqliteAdapter(),
        createDriver: () => new DummyDriver(),
        createIntrospector: (db) => new SqliteIntrospector(db),
        createQueryCompiler: () => new SqliteQueryCompiler(),
      },
    });
  }

  statement(sql: string): BetterSqlite3.Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.raw.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }

  /**
   * Forgets the prepared statements. Needed after the file's content was replaced underneath this
   * connection (restore from a backup): the next call prepares against the new schema.
   */
  resetStatements(): void {
    this.cache.clear();
  }

  all<Q extends Compilable<unknown>>(query: Q): InferResult<Q> {
    const c = query.compile();
    return this.statement(c.sql).all(...toParams(c.parameters)) as InferResult<Q>;
  }

  first<Q extends Compilable<unknown>>(query: Q): InferResult<Q>[number] | undefined {
    const c = query.compile();
    return this.statement(c.sql).get(...toParams(c.parameters)) as InferResult<Q>[number] | undefined;
  }

  run(query: Compilable<unknown>): BetterSqlite3.RunResult {
    const c = query.compile();
    const s = this.statement(c.sql);
    return s.reader ? (s.all(...toParams(c.parameters)), { changes: 0, lastInsertRowid: 0 }) : s.run(...toParams(c.parameters));
  }

  /** Called after each outermost transaction commits (see checkpointElsewhere). */
  private onCommit: (() => void) | null = null;

  /** Runs fn in one transaction; nested calls join the outer one (savepoints). */
  tx<T>(fn: () => T): T {
    const outermost = !this.raw.inTransaction;
    const result = this.raw.transaction(fn)();
    if (outermost) this.onCommit?.();
    return result;
  }

  /**
   * WAL checkpoints are run by another thread (`request`, called after each commit), so that a
   * commit never waits for the WAL to be copied into the file (SQLite's advice for latency). The
   * connection's own automatic checkpoint stays as a safety net, at 40 MB of WAL.
   */
  checkpointElsewhere(request: () => void): void {
    this.raw.pragma('wal_autocheckpoint = 10000');
    this.onCommit = request;
  }

  schemaVersion(): number {
    const row = this.raw
      .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name='schema_migration'")
      .get();
    if (!row) return 0;
    const v = this.raw.prepare('SELECT MAX(version) AS v FROM schema_migration').get() as { v: number | null };
    return v.v ?? 0;
  }

  close(): void {
    this.cache.clear();
    this.raw.close();
  }
}

function toParams(params: readonly unknown[]): unknown[] {
  return params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
}

export class NewerSchemaError extends Error {
  constructor(readonly found: number) {
    super(
      `База данных создана более новой версией программы (схема ${found}, эта версия знает до ${LATEST_SCHEMA_VERSION}). Обновите программу.`,
    );
  }
}

/** Applies pending migrations, each in its own transaction. */
export function migrate(db: Db, upTo: number = LATEST_SCHEMA_VERSION): number[] {
  db.raw.exec(
    'CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const current = db.schemaVersion();
  if (current > LATEST_SCHEMA_VERSION) throw new NewerSchemaError(current);
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= current || m.version > upTo) continue;
    db.tx(() => {
      m.up(db.raw);
      db.raw
        .prepare('INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)')
        .run(m.version, m.name, new Date().toISOString());
    });
    applied.push(m.version);
  }
  return applied;
}

/** Opens (creating if needed) a database file and brings its schema up to date. */
export function openDatabase(path: string): Db {
  privateDatabaseFiles(path); // personal data: 0600, and its -wal/-shm with it
  const db = new Db(path);
  try {
    migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}
