import type { Db } from './connection';
import type { NewRow, Row, SyncedTable } from './schema';
import { uuidv7 } from './ids';
import { entities, entityOf, tables, type Table } from './entities';
import { AppError } from '../electron/api/errors';

/** The refusal when a call names a record that is not there (an unknown id, or one removed meanwhile). */
export function recordNotFound(table: Table): AppError {
  return new AppError('not_found', `Запись не найдена (${entities[table].record}): возможно, её уже удалили.`);
}

export type Change = 'insert' | 'update' | 'delete';

/** The columns never written to the audit log, per table (a password hash). */
const SECRET = new Map(
  tables.map((t) => [t as string, new Set(Object.entries(entityOf(t).columns).filter(([, c]) => c.audit === 'secret').map(([k]) => k))]),
);

const AUDIT_SQL = 'INSERT INTO audit_log (at, actor, entity, entity_id, action, old_values, new_values) VALUES';

/**
 * The one write path. A change to a synced table (owner `office` in the entity registry), in the
 * caller's transaction, is also a change of the transaction's sync mutation (db/sync: one user
 * action = one transaction = one mutation, opened at its first change with the installation's next
 * number) and a line of the audit log (who, when, entity, old → new). Before a row's first pending
 * change its server state is kept as its shadow (a pull rebases the pending changes on it).
 * People and classes are never deleted: `remove` sets the tombstone.
 * Every other audit line is written here too: changes of local tables (`local`: accounts, settings)
 * and events (`event`: logins, a restore); no other code inserts into audit_log. The tables it
 * writes are noted for the transaction's change event (db/changes.ts), told when it commits.
 */
export class Writer {
  constructor(
    private readonly db: Db,
    readonly actor: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private requireTx(): void {
    if (!this.db.raw.inTransaction) throw new Error('Writer used outside a transaction');
  }

  /** Only the office's tables are written here: a central one is read-only (sync brings it), a local one is not synced. */
  private requireOffice(table: SyncedTable): void {
    if (entities[table].owner !== 'office') throw new Error(`Writer: ${table} is not the office's to change (owner ${entities[table].owner})`);
  }

  insert<T extends SyncedTable>(table: T, row: NewRow<T>): Row<T> {
    return this.insertMany(table, [row])[0]!;
  }

  insertMany<T extends SyncedTable>(table: T, rows: readonly NewRow<T>[]): Row<T>[] {
    this.requireTx();
    this.requireOffice(table);
    if (rows.length === 0) return [];
    this.db.touch(table);
    const now = this.clock().toISOString();
    const full = rows.map(
      (r) => ({ ...r, id: r.id ?? uuidv7(), created_at: now, updated_at: now, deleted_at: null }) as unknown as Row<T>,
    );
    // Plain multi-row INSERTs: Kysely's compile of thousands of rows costs more than SQLite's work.
    const columns = Object.keys(full[0]!);
    const chunk = Math.max(1, Math.floor(30000 / columns.length));
    const placeholders = `(${columns.map(() => '?').join(', ')})`;
    for (let i = 0; i < full.length; i += chunk) {
      const part = full.slice(i, i + chunk) as unknown as Record<string, unknown>[];
      const params: unknown[] = [];
      for (const r of part) for (const c of columns) params.push(r[c] ?? null);
      this.db
        .statement(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array(part.length).fill(placeholders).join(', ')}`)
        .run(...params);
    }
    this.logInserts(table, full as unknown as { id: string }[], now);
    return full;
  }

  update<T extends SyncedTable>(table: T, id: string, patch: Partial<NewRow<T>>): Row<T> {
    this.requireTx();
    this.requireOffice(table);
    const old = this.get(table, id);
    const oldVals: Record<string, unknown> = {};
    const newVals: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(patch)) {
      if (k === 'id' || v === undefined) continue;
      const before = (old as unknown as Record<string, unknown>)[k];
      if (before !== v) {
        oldVals[k] = before;
        newVals[k] = v;
      }
    }
    if (Object.keys(newVals).length === 0) return old;
    this.db.touch(table);
    const now = this.clock().toISOString();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const q = this.db.q.updateTable(table as any).set({ ...newVals, updated_at: now } as any).where('id', '=', id);
    this.db.run(q);
    const next = { ...old, ...newVals, updated_at: now } as Row<T>;
    this.log(table, id, 'update', oldVals, newVals, { ...newVals, updated_at: now }, old, now);
    return next;
  }

  /** Tombstones a row; a second removal is a no-op. */
  remove<T extends SyncedTable>(table: T, id: string): void {
    this.requireTx();
    this.requireOffice(table);
    const old = this.get(table, id);
    if ((old as { deleted_at: string | null }).deleted_at) return;
    this.db.touch(table);
    const now = this.clock().toISOString();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    this.db.run(this.db.q.updateTable(table as any).set({ deleted_at: now, updated_at: now } as any).where('id', '=', id));
    this.log(table, id, 'delete', { deleted_at: null }, { deleted_at: now }, { deleted_at: now, updated_at: now }, old, now);
  }

  get<T extends SyncedTable>(table: T, id: string): Row<T> {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const row = this.db.first(this.db.q.selectFrom(table as any).selectAll().where('id', '=', id));
    if (!row) throw recordNotFound(table);
    return row as Row<T>;
  }

  /**
   * The sync mutation of this transaction: opened at its first change, numbered from
   * sync_state.next_mutation inside the transaction (a rollback takes the number back with it).
   */
  private mutation(at: string): { no: number; seq: number } {
    if (this.db.mutation) return this.db.mutation;
    const { no } = this.db.quiet('UPDATE sync_state SET next_mutation = next_mutation + 1 WHERE id = 1 RETURNING next_mutation - 1 AS no').get() as { no: number };
    this.db.quiet("INSERT INTO sync_mutation (no, at, actor, state) VALUES (?, ?, ?, 'pending')").run(no, at, this.actor);
    this.db.touch('sync_mutation');
    this.db.mutation = { no, seq: 0 };
    return this.db.mutation;
  }

  /** Sync changes and audit lines of a bulk insert, written many rows per statement (imports of thousands). */
  private logInserts(entity: string, rows: readonly { id: string }[], at: string): void {
    const m = this.mutation(at);
    const CHUNK = 500;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const part = rows.slice(i, i + CHUNK);
      const changes: unknown[] = [];
      const shadows: unknown[] = [];
      const audit: unknown[] = [];
      for (const r of part) {
        const json = JSON.stringify(r);
        changes.push(m.no, ++m.seq, entity, r.id, json);
        shadows.push(entity, r.id);
        audit.push(at, this.actor, entity, r.id, 'insert', null, json);
      }
      const values = (row: string) => Array.from({ length: part.length }, () => row).join(', ');
      this.db.quiet(`INSERT INTO sync_change (mutation_no, seq, entity, entity_id, op, fields, base) VALUES ${values("(?, ?, ?, ?, 'insert', ?, NULL)")}`).run(...changes);
      // A new row is not on the server: its shadow says so (data null).
      this.db.quiet(`INSERT OR IGNORE INTO sync_shadow (entity, id, version, data) VALUES ${values('(?, ?, NULL, NULL)')}`).run(...shadows);
      this.db.statement(`${AUDIT_SQL} ${values('(?, ?, ?, ?, ?, ?, ?)')}`).run(...audit);
    }
  }

  /** The sync change of an update or a tombstone (fields: the changed columns and updated_at), and its audit line. */
  private log(
    entity: string,
    entityId: string,
    op: Change,
    oldVals: unknown,
    newVals: unknown,
    fields: Record<string, unknown>,
    before: unknown,
    at: string,
  ): void {
    const m = this.mutation(at);
    const base = (this.db.quiet('SELECT version FROM sync_row WHERE entity = ? AND id = ?').pluck().get(entity, entityId) as number | undefined) ?? null;
    // The row's first pending change: its server state (the row as it is now) becomes its shadow.
    this.db.quiet('INSERT OR IGNORE INTO sync_shadow (entity, id, version, data) VALUES (?, ?, ?, ?)').run(entity, entityId, base, JSON.stringify(before));
    this.db
      .quiet('INSERT INTO sync_change (mutation_no, seq, entity, entity_id, op, fields, base) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(m.no, ++m.seq, entity, entityId, op, JSON.stringify(fields), base);
    this.auditLine(at, this.actor, entity, entityId, op, oldVals, newVals);
  }

  /**
   * The audit line of a change to a local table (the registry's `local` owner: an account, the
   * settings), which its feature's queries module made in this transaction: no sync mutation, the
   * row never leaves this computer. `oldValues`/`newValues`: the changed fields as the log shows
   * them (a password only as «***»).
   */
  local(table: 'app_user' | 'setting' | 'paper_scan', entityId: string, action: 'insert' | 'update', oldValues: Record<string, unknown> | null, newValues: Record<string, unknown>): void {
    this.requireTx();
    if (entities[table].owner !== 'local') throw new Error(`Writer.local: ${table} is not a local table`);
    this.auditLine(this.clock().toISOString(), this.actor, table, entityId, action, oldValues, newValues);
  }

  /**
   * The audit line of an event on a record, which changes none of its logged fields: a login, a
   * logout, a wrong password (actor: the account's login, before anyone is signed in), a restore
   * from a backup (entity `backup`, written into the restored data).
   */
  event(entity: 'app_user' | 'backup', entityId: string, values: Record<string, unknown>, opts: { old?: Record<string, unknown>; actor?: string } = {}): void {
    this.requireTx();
    this.auditLine(this.clock().toISOString(), opts.actor ?? this.actor, entity, entityId, 'update', opts.old ?? null, values);
  }

  /** One line of the audit log. A secret column (a password hash) is never written to it. */
  private auditLine(at: string, actor: string, entity: string, entityId: string, action: Change, oldVals: unknown, newVals: unknown): void {
    const secret = SECRET.get(entity);
    if (secret?.size)
      for (const vals of [oldVals, newVals])
        for (const k of Object.keys((vals ?? {}) as object))
          if (secret.has(k)) throw new Error(`Writer: ${entity}.${k} is secret and never goes to the audit log`);
    this.db
      .statement(`${AUDIT_SQL} (?, ?, ?, ?, ?, ?, ?)`)
      .run(at, actor, entity, entityId, action, oldVals === null ? null : JSON.stringify(oldVals), JSON.stringify(newVals));
  }
}
