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
import { ALL_ENTITIES, ChangeTracker, currentChangeOrigin, writtenTable, type ChangeListener } from './changes';
import { ruFold } from '../electron/api/text';

/**
 * The local store. Kysely is used only to build typed SQL; statements run synchronously on
 * better-sqlite3, so a user action is one plain SQLite transaction (`tx`) with no awaits inside.
 */
export class Db {
  readonly raw: BetterSqlite3.Database;
  readonly q: Kysely<Database>;
  private readonly cache = new Map<string, { s: BetterSqlite3.Statement; writes: string | null }>();
  /** Change events: which tables each committed transaction wrote (db/changes.ts). */
  readonly changes = new ChangeTracker();
  /**
   * The sync mutation of the open transaction (db/sync): opened by the Writer at the transaction's
   * first change of an office row, forgotten when it commits or rolls back (its number goes with it).
   */
  mutation: { no: number; seq: number } | null = null;

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
    let c = this.cache.get(sql);
    if (!c) {
      c = { s: this.raw.prepare(sql), writes: writtenTable(sql) };
      this.cache.set(sql, c);
    }
    // Every write through the store is noted for the change event of its transaction.
    if (c.writes) this.touch(c.writes);
    return c.s;
  }

  /** A cached statement not noted for change events: the sync store's bookkeeping (db/sync). */
  quiet(sql: string): BetterSqlite3.Statement {
    let c = this.cache.get(sql);
    if (!c) {
      c = { s: this.raw.prepare(sql), writes: writtenTable(sql) };
      this.cache.set(sql, c);
    }
    return c.s;
  }

  /**
   * Notes that the open transaction (or, outside one, the statement about to run) writes `table`.
   * Statements through `statement`/`run` and the Writer are noted by themselves; code that writes
   * through `raw` must call this.
   */
  touch(table: string): void {
    this.changes.touch(table, this.raw.inTransaction);
  }

  /** Tells every listener that anything may have changed (after a restore replaced the data). */
  changedEverything(): void {
    this.changes.emit([ALL_ENTITIES], currentChangeOrigin());
  }

  /** Subscribes to the change events of this connection's commits (and, with watchOthers, others'). */
  onChange(listener: ChangeListener): () => void {
    return this.changes.subscribe(listener);
  }

  /**
   * Watches for commits by other connections to the same file (the CLI, a second app, a restore's
   * copy): SQLite's `PRAGMA data_version` changes exactly then, and reading it costs a look at
   * shared memory. Checked every `intervalMs`; a change is told as `{entities: ['*'], by: 'other'}`
   * (which tables another process wrote is not known here). The timer keeps no process alive.
   */
  watchOthers(intervalMs = 500): () => void {
    const read = () => this.raw.pragma('data_version', { simple: true }) as number;
    let seen = read();
    const timer = setInterval(() => {
      if (!this.raw.open) return stop();
      let now: number;
      try {
        now = read();
      } catch {
        return; // busy or closing: the next tick looks again
      }
      if (now === seen) return;
      seen = now;
      this.changes.emit([ALL_ENTITIES], { by: 'other' });
    }, intervalMs);
    timer.unref?.();
    const stop = () => clearInterval(timer);
    return stop;
  }

  /**
   * Forgets the prepared statements. Needed after the file's content was replaced underneath this
   * connection (restore from a backup): the next call prepares against the new schema.
   */
  resetStatements(): void {
    this.cache.clear();
    this.mutation = null;
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

  /**
   * Runs fn in one transaction; nested calls join the outer one (savepoints). After the outermost
   * commits, the tables it wrote are told to the change listeners (a rollback tells nothing).
   */
  tx<T>(fn: () => T, opts: { immediate?: boolean } = {}): T {
    const outermost = !this.raw.inTransaction;
    const mutationBefore = this.mutation;
    let result: T;
    try {
      const t = this.raw.transaction(fn);
      result = opts.immediate && outermost ? t.immediate() : t();
    } catch (e) {
      // A rolled-back transaction (or savepoint) leaves no mutation: the one it opened is gone with it.
      if (outermost) {
        this.mutation = null;
        this.changes.rollback();
      } else if (mutationBefore === null) this.mutation = null;
      throw e;
    }
    if (outermost) {
      this.mutation = null;
      this.onCommit?.();
      this.changes.commit(currentChangeOrigin());
    }
    return result;
  }

  /**
   * A write transaction held across awaits, for the sync job's first pull into an empty database
   * (db/sync beginBulkPull): `begin`, then `db.tx` calls join it (savepoints), then `commitHeld` or
   * `rollbackHeld`. Change events as for `tx`: told after the commit, forgotten on a rollback.
   */
  beginHeld(): void {
    if (this.raw.inTransaction) throw new Error('Db.beginHeld: a transaction is open');
    this.raw.exec('BEGIN IMMEDIATE');
  }

  commitHeld(): void {
    this.raw.exec('COMMIT');
    this.mutation = null;
    this.onCommit?.();
    this.changes.commit(currentChangeOrigin());
  }

  rollbackHeld(): void {
    if (this.raw.inTransaction) this.raw.exec('ROLLBACK');
    this.mutation = null;
    this.changes.rollback();
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
    if (m.rebuildsTables) db.raw.pragma('foreign_keys = OFF');
    try {
      db.tx(() => {
        m.up(db.raw);
        if (m.rebuildsTables) {
          const broken = db.raw.pragma('foreign_key_check') as unknown[];
          if (broken.length) throw new Error(`migration ${m.version}: ${broken.length} foreign keys broken`);
        }
        db.raw
          .prepare('INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)')
          .run(m.version, m.name, new Date().toISOString());
      });
    } finally {
      if (m.rebuildsTables) db.raw.pragma('foreign_keys = ON');
    }
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
