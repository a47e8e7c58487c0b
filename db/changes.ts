// Change events: after each committed write transaction the store tells which entities (tables)
// changed and by whom, so that every screen showing them can follow (docs/architecture.md
// «Change events and the renderer's data layer»).
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Who made a change: a user's call, a background job, sync with the central system (jobs and sync
 * come with the next issues), or another process on the same database file (the CLI, a second
 * app instance), which is seen only as «something changed».
 */
export type ChangeBy = 'user' | 'job' | 'sync' | 'other';

/** What the code that writes says about itself (the store adds the entities). */
export interface ChangeOrigin {
  by: Exclude<ChangeBy, 'other'>;
  /** The acting login (the audit log's actor). Never sent to a renderer. */
  actor?: string;
  /** The host's session that made the change (`Session.id`, never a cookie). Never sent to a renderer. */
  sessionId?: string;
}

export interface ChangeEvent {
  /** Table names, sorted; `['*']` when anything may have changed (a restore, another process). */
  entities: string[];
  by: ChangeBy;
  actor?: string;
  sessionId?: string;
}

export type ChangeListener = (e: ChangeEvent) => void;

/** Everything may have changed: a restore replaced the data, or another connection committed. */
export const ALL_ENTITIES = '*';

const origins = new AsyncLocalStorage<ChangeOrigin>();

/**
 * Runs `fn` (and every await inside it) on behalf of `origin`: the transactions it commits are
 * reported with it. The dispatcher wraps each call; a job or sync will wrap its run.
 */
export function withChangeOrigin<T>(origin: ChangeOrigin, fn: () => T): T {
  return origins.run(origin, fn);
}

/** The origin of the code running now; a write outside any call (a host's own) counts as the user's. */
export function currentChangeOrigin(): ChangeOrigin {
  return origins.getStore() ?? { by: 'user' };
}

const WRITE = /^\s*(?:WITH\b[\s\S]*?\)\s*)?(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+["`[]?(\w+)/i;

/**
 * The table an INSERT/UPDATE/DELETE statement writes, or null for any other statement. Used by the
 * store to note the tables of statements that do not go through the Writer (local tables such as
 * accounts and settings).
 */
export function writtenTable(sql: string): string | null {
  const m = WRITE.exec(sql);
  return m ? m[1]!.toLowerCase() : null;
}

/**
 * Collects the tables touched by the open transaction and tells the listeners after it commits.
 * A rollback forgets them. A statement outside any transaction commits by itself: it is told on
 * the next microtask (after it ran).
 */
export class ChangeTracker {
  private readonly listeners = new Set<ChangeListener>();
  private touched = new Set<string>();
  private autocommit = new Set<string>();
  private autocommitScheduled = false;

  /** Subscribes to change events; returns the unsubscribe function. */
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get hasListeners(): boolean {
    return this.listeners.size > 0;
  }

  /** Notes a table written; `inTransaction` says whether a transaction is open on the connection. */
  touch(table: string, inTransaction: boolean): void {
    if (inTransaction) {
      this.touched.add(table);
      return;
    }
    this.autocommit.add(table);
    if (this.autocommitScheduled) return;
    this.autocommitScheduled = true;
    const origin = currentChangeOrigin();
    queueMicrotask(() => {
      this.autocommitScheduled = false;
      const tables = this.autocommit;
      this.autocommit = new Set();
      this.emit(tables, origin);
    });
  }

  /** The outermost transaction committed: its tables are told. */
  commit(origin: ChangeOrigin): void {
    const tables = this.touched;
    this.touched = new Set();
    this.emit(tables, origin);
  }

  /** The outermost transaction rolled back: nothing changed. */
  rollback(): void {
    this.touched = new Set();
  }

  /** Tells the listeners; a failing listener neither stops the others nor reaches the writer. */
  emit(tables: Iterable<string>, origin: ChangeOrigin | { by: 'other' }): void {
    const list = [...tables];
    if (list.length === 0 || this.listeners.size === 0) return;
    const entities = list.includes(ALL_ENTITIES) ? [ALL_ENTITIES] : list.sort();
    const event: ChangeEvent = { entities, by: origin.by };
    if ('actor' in origin && origin.actor !== undefined) event.actor = origin.actor;
    if ('sessionId' in origin && origin.sessionId !== undefined) event.sessionId = origin.sessionId;
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch (e) {
        // A host's delivery failed (a closed window, a dropped connection): the data is committed.
        console.error(`[changes] a listener failed: ${(e as Error)?.name ?? typeof e}`);
      }
    }
  }
}
