import type { Db } from './connection';
import type { NewRow, Row, SyncedTable } from './schema';
import { uuidv7 } from './ids';
import { AppError } from '../electron/api/errors';

/** What a row of each synced table is, in Russian, for «Запись не найдена (предмет)». */
const RECORD: Record<SyncedTable, string> = {
  school: 'школа',
  academic_year: 'учебный год',
  study_period: 'учебный период',
  holiday: 'каникулы',
  bell_schedule: 'расписание звонков',
  bell: 'звонок',
  subject: 'предмет',
  room: 'кабинет',
  staff: 'сотрудник',
  school_class: 'класс',
  curriculum_item: 'учебный план',
  student: 'ученик',
  guardian: 'представитель ученика',
  student_guardian: 'представитель ученика',
  correction_request: 'обращение об ошибке',
  class_division: 'деление на подгруппы',
  subgroup: 'подгруппа',
  subgroup_member: 'состав подгруппы',
  study_group: 'учебная группа',
  study_group_member: 'состав учебной группы',
  teaching_assignment: 'нагрузка учителя',
};

/** The refusal when a call names a record that is not there (an unknown id, or one removed meanwhile). */
export function recordNotFound(table: SyncedTable): AppError {
  return new AppError('not_found', `Запись не найдена (${RECORD[table]}): возможно, её уже удалили.`);
}

export type Change = 'insert' | 'update' | 'delete';

/**
 * The one write path for synced tables. Each change, in the caller's transaction, also appends a
 * mutation to the outbox (for sync) and a line to the audit log (who, when, entity, old → new).
 * People and classes are never deleted: `remove` sets the tombstone. The tables it writes are noted
 * for the transaction's change event (db/changes.ts), told when the transaction commits.
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

  insert<T extends SyncedTable>(table: T, row: NewRow<T>): Row<T> {
    return this.insertMany(table, [row])[0]!;
  }

  insertMany<T extends SyncedTable>(table: T, rows: readonly NewRow<T>[]): Row<T>[] {
    this.requireTx();
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
    this.log(table, id, 'update', oldVals, newVals, next, now);
    return next;
  }

  /** Tombstones a row; a second removal is a no-op. */
  remove<T extends SyncedTable>(table: T, id: string): void {
    this.requireTx();
    const old = this.get(table, id);
    if ((old as { deleted_at: string | null }).deleted_at) return;
    this.db.touch(table);
    const now = this.clock().toISOString();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    this.db.run(this.db.q.updateTable(table as any).set({ deleted_at: now, updated_at: now } as any).where('id', '=', id));
    this.log(table, id, 'delete', { deleted_at: null }, { deleted_at: now }, { ...old, deleted_at: now, updated_at: now }, now);
  }

  get<T extends SyncedTable>(table: T, id: string): Row<T> {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const row = this.db.first(this.db.q.selectFrom(table as any).selectAll().where('id', '=', id));
    if (!row) throw recordNotFound(table);
    return row as Row<T>;
  }

  /** Outbox and audit lines of a bulk insert, written many rows per statement (imports of thousands). */
  private logInserts(entity: string, rows: readonly { id: string }[], at: string): void {
    const CHUNK = 500;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const part = rows.slice(i, i + CHUNK);
      const outbox: unknown[] = [];
      const audit: unknown[] = [];
      for (const r of part) {
        const json = JSON.stringify(r);
        outbox.push(uuidv7(), entity, r.id, 'insert', json, at);
        audit.push(at, this.actor, entity, r.id, 'insert', null, json);
      }
      const values = (n: number) => Array.from({ length: part.length }, () => `(${Array(n).fill('?').join(', ')})`).join(', ');
      this.db.statement(`INSERT INTO outbox (mutation_id, entity, entity_id, op, payload, created_at) VALUES ${values(6)}`).run(...outbox);
      this.db
        .statement(`INSERT INTO audit_log (at, actor, entity, entity_id, action, old_values, new_values) VALUES ${values(7)}`)
        .run(...audit);
    }
  }

  private log(
    entity: string,
    entityId: string,
    op: Change,
    oldVals: unknown,
    newVals: unknown,
    payload: unknown,
    at: string,
  ): void {
    this.db
      .statement(
        'INSERT INTO outbox (mutation_id, entity, entity_id, op, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(uuidv7(), entity, entityId, op, JSON.stringify(payload), at);
    this.db
      .statement(
        'INSERT INTO audit_log (at, actor, entity, entity_id, action, old_values, new_values) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(at, this.actor, entity, entityId, op, oldVals === null ? null : JSON.stringify(oldVals), JSON.stringify(newVals));
  }
}
