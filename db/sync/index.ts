// The client's sync store (issue 10; docs/sync.md): identity, the mutations waiting to be sent
// (the Writer records them, db/write.ts), applying a pulled page with the rebase of pending
// mutations, refusals. The interface the sync feature (electron/core/sync) uses. Every function runs
// its own transaction (outside any other: a page and a push answer with foreign keys off).
import { crashPoint } from './testHook';
import type { Db } from '../connection';
import type { SyncStateTable } from '../schema';
import { createHash } from 'node:crypto';
import type { Change, Mutation, PullBlock, PullResponse, PushResponse } from '../../central/protocol';
import { entityOf, isTable, tables, type Table } from '../entities';

/** Who this installation is to the central system: kept in the database, never taken over by a restored copy. */
export interface SyncIdentity {
  serverUrl: string;
  schoolId: string;
  schoolName: string;
  clientId: string;
  secret: string;
}

export interface SyncState {
  identity: SyncIdentity | null;
  /** The server cursor: every version up to it has been applied here. */
  cursor: number;
  /** The last mutation the server has processed, as the last complete pull said. */
  ackedMutation: number;
  /** The last mutation the server answered a push for. */
  pushedThrough: number;
  /** The highest mutation ever taken for a push: up to it a mutation may have reached the server, only its answer decides it. */
  sentThrough: number;
  /** Set by a restore from a backup: the next sync takes a new client identity first. */
  needsFork: boolean;
  lastSyncAt: string | null;
  lastError: string | null;
  /** Mutations not yet confirmed by a pull (waiting to be sent or to come back). */
  pending: number;
  /** Mutations the server (or the app itself) refused, kept for the «Синхронизация» screen. */
  refused: number;
}

/** A refused mutation as the «Синхронизация» screen shows it: what was undone and why. */
export interface Refusal {
  no: number;
  at: string;
  actor: string;
  reason: string;
  refusedAt: string;
  /** Each changed record: its kind («Класс»), its name as the audit log names it, the fields changed. */
  changes: { entity: string; title: string; record: string; op: 'insert' | 'update' | 'delete'; fields: string[] }[];
}

// ── Implementation ──────────────────────────────────────────────────────────────────────────────
//
// The table of an office row holds its view: the shadow (the last server state, sync_shadow) with
// the overlays of its pending mutations applied in order. A row without a shadow has no pending
// changes: the table holds the server's state. Overlays: the changes of mutations not refused and
// not yet acknowledged by a complete pull (no > acked_mutation).

type Json = Record<string, string | number | null>;

/** A mutation's states (sync_mutation.state): waiting to be sent (or answered), accepted by the server, refused. */
export const MUTATION_STATES = ['pending', 'pushed', 'refused'] as const;

interface Ctx {
  db: Db;
  at: string;
  acked: number;
  /** sync_state.sent_through: a mutation up to it may have reached the server (never refused here). */
  sent: number;
  /** Tables whose rows changed (change events). */
  touched: Set<string>;
  /** Mutations left with a change on a row that is not there (its insert was refused). */
  orphans: Set<number>;
  refused: number;
}

/** The one row of sync_state as read (db/schema.ts SyncStateTable, without its key). */
type StateRow = Omit<SyncStateTable, 'id'>;

const OFFICE: ReadonlySet<string> = new Set(tables.filter((t) => entityOf(t).owner === 'office'));
const CENTRAL: ReadonlySet<string> = new Set(tables.filter((t) => entityOf(t).owner === 'central'));
const COLUMNS = new Map<string, string[]>(tables.map((t) => [t, Object.keys(entityOf(t).columns)]));
const columnsOf = (t: string): string[] => COLUMNS.get(t) ?? [];
const OFFICE_ORDER = tables.filter((t) => OFFICE.has(t));

/** Why a mutation is refused when one it depends on was refused. */
export const DEPENDS_ON_REFUSED = 'Изменение зависит от отменённого изменения.';

function stateRow(db: Db): StateRow {
  return db.quiet('SELECT * FROM sync_state WHERE id = 1').get() as StateRow;
}

function log(db: Db, kind: string, detail: Record<string, unknown>): void {
  db.quiet('INSERT INTO sync_log (at, kind, detail) VALUES (?, ?, ?)').run(new Date().toISOString(), kind, JSON.stringify(detail));
}

/** Runs `fn` in one IMMEDIATE transaction with foreign keys off (they can change only outside a transaction). */
function withoutForeignKeys<T>(db: Db, fn: () => T): T {
  if (db.raw.inTransaction) throw new Error('sync store: called inside a transaction');
  db.raw.pragma('foreign_keys = OFF');
  try {
    return db.tx(fn, { immediate: true });
  } finally {
    db.raw.pragma('foreign_keys = ON');
  }
}

function newCtx(db: Db): Ctx {
  const s = stateRow(db);
  return { db, at: new Date().toISOString(), acked: s.acked_mutation, sent: s.sent_through, touched: new Set(), orphans: new Set(), refused: 0 };
}

function finish(ctx: Ctx): void {
  for (const t of ctx.touched) ctx.db.touch(t);
}

function upsertSql(t: string, rows = 1): string {
  const cols = columnsOf(t);
  const one = `(${cols.map(() => '?').join(', ')})`;
  return `INSERT INTO ${t} (${cols.join(', ')}) VALUES ${Array(rows).fill(one).join(', ')} ON CONFLICT(id) DO UPDATE SET ${cols
    .filter((c) => c !== 'id')
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`;
}
const UPSERT = new Map<string, string>(tables.filter((t) => entityOf(t).owner !== 'local').map((t) => [t, upsertSql(t)]));

/**
 * Central rows go in many per statement (a year of the journal is hundreds of thousands): up to
 * MAX_ROWS a statement, within SQLite’s 32 766 parameters; the sizes are powers of two (64, 32, … 1)
 * so a table has at most seven statements, each prepared once (db.quiet keeps them). Bigger ones
 * (128, 512) measured no faster: the time is SQLite maintaining the indexes, ≈ 15 µs a row.
 */
const MAX_ROWS = 64;
const MAX_PARAMS = 32_766;
const CENTRAL_SIZES = new Map<string, number[]>(
  [...CENTRAL].map((t) => {
    const fit = Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / Math.max(1, columnsOf(t).length)));
    const sizes: number[] = [];
    for (let n = 2 ** Math.floor(Math.log2(fit)); n >= 1; n >>= 1) sizes.push(n);
    return [t, sizes];
  }),
);
const upsertSqls = new Map<string, string>();
function upsertManySql(t: string, rows: number): string {
  const key = `${t}\0${rows}`;
  let q = upsertSqls.get(key);
  if (q === undefined) upsertSqls.set(key, (q = upsertSql(t, rows)));
  return q;
}

/**
 * Where each of the app's columns of table `t` is in a pulled block's rows (`[id, version, ...values]`):
 * its index in the row, -1 for a column the block does not carry (null). Only the app's own registry
 * columns are ever looked for, so only they reach SQL; a column of the block the app does not know
 * (a newer server's) is left out.
 */
function columnIndex(t: string, block: PullBlock): number[] {
  const at = new Map<string, number>();
  block.columns.forEach((c, i) => at.set(c, i + 2));
  return columnsOf(t).map((c) => (c === 'id' ? 0 : (at.get(c) ?? -1)));
}

/**
 * Upserts pulled central rows straight from a block's arrays (rows `from` on): the largest statement
 * that fits the rows left, then smaller ones. Central rows are the server's alone (no shadow, no
 * overlay, no parked copy): nothing per row but its values.
 */
function upsertCentral(db: Db, t: string, block: PullBlock, from: number): void {
  const rows = block.rows;
  const index = columnIndex(t, block);
  const absent = defaultsOf(db, t);
  const width = index.length;
  let i = from;
  for (const size of CENTRAL_SIZES.get(t) ?? [1]) {
    if (rows.length - i < size) continue;
    const stmt = db.quiet(upsertManySql(t, size));
    const params: unknown[] = new Array(size * width);
    for (; rows.length - i >= size; i += size) {
      let k = 0;
      for (let j = i; j < i + size; j++) {
        const r = rows[j]!;
        for (let c = 0; c < width; c++) {
          const at = index[c]!;
          params[k++] = at < 0 ? absent.absent[c] : (r[at] ?? absent.notNull[c]);
        }
      }
      stmt.run(params);
    }
  }
}

/**
 * Each column's SQL default, for a row that does not carry the column at all: a row written before a
 * migration added it (the central keeps rows as they were pushed or generated), which the column's
 * default describes — `period_mark.attestation` 0 (migration 0014). Null where there is none.
 */
const DEFAULTS = new Map<string, { absent: unknown[]; notNull: unknown[] }>();
function defaultsOf(db: Db, t: string): { absent: unknown[]; notNull: unknown[] } {
  let d = DEFAULTS.get(t);
  if (!d) {
    const info = db.raw.pragma(`table_info(${t})`) as { name: string; dflt_value: string | null; notnull: number }[];
    const literal = (v: string | null): unknown =>
      v === null ? null : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : /^'.*'$/s.test(v) ? v.slice(1, -1).replace(/''/g, "'") : null;
    const by = new Map(info.map((i) => [i.name, i]));
    const absent = columnsOf(t).map((c) => literal(by.get(c)?.dflt_value ?? null));
    // A null where the column may not hold one (a block's slot for a row that lacked the column) is that default too.
    const notNull = columnsOf(t).map((c, i) => (by.get(c)?.notnull ? absent[i] : null));
    d = { absent, notNull };
    DEFAULTS.set(t, d);
  }
  return d;
}

function values(t: string, row: Json, db?: Db): unknown[] {
  const d = db ? defaultsOf(db, t) : null;
  return columnsOf(t).map((c, i) => (c in row ? (row[c] ?? d?.notNull[i] ?? null) : (d?.absent[i] ?? null)));
}

function readRow(db: Db, t: string, id: string): Json | undefined {
  return db.quiet(`SELECT * FROM ${t} WHERE id = ?`).get(id) as Json | undefined;
}

/** Mutations with an overlay on the row, in order: [no, state, op, fields]. */
function overlays(ctx: Ctx, t: string, id: string): { no: number; state: string; op: string; fields: string }[] {
  return ctx.db
    .quiet(
      "SELECT c.mutation_no AS no, m.state, c.op, c.fields FROM sync_change c JOIN sync_mutation m ON m.no = c.mutation_no WHERE c.entity = ? AND c.entity_id = ? AND m.state <> 'refused' AND m.no > ? ORDER BY c.mutation_no, c.seq",
    )
    .all(t, id, ctx.acked) as { no: number; state: string; op: string; fields: string }[];
}

/**
 * The mutations overlaying the row, each with whether it may have reached the server: accepted by it
 * ('pushed') or taken for a push (no ≤ sent_through) — then only the server's answer decides it and
 * the app never refuses it here. Only mutations never sent may be refused locally.
 */
function mutationsOf(ctx: Ctx, t: string, id: string): { nos: number[]; sent: boolean } {
  const list = overlays(ctx, t, id);
  return { nos: [...new Set(list.map((o) => o.no))], sent: list.some((o) => o.state === 'pushed' || o.no <= ctx.sent) };
}

/** The live rows other than `row` holding one of its enforced unique keys. */
function clashing(ctx: Ctx, t: string, row: Json): string[] {
  const e = entityOf(t as Table);
  if (row.deleted_at != null) return [];
  const cols = columnsOf(t);
  if (cols.includes('date_to') && row.date_to != null) return [];
  const out = new Set<string>();
  for (const u of e.unique ?? []) {
    if (!u.nullsEqual && u.on.some((c) => row[c] == null)) continue;
    const where = u.on.map((c) => `${c} IS ?`).join(' AND ');
    const open = cols.includes('date_to') ? ' AND date_to IS NULL' : '';
    const ids = ctx.db.quiet(`SELECT id FROM ${t} WHERE id <> ? AND deleted_at IS NULL${open} AND ${where}`).pluck().all(row.id, ...u.on.map((c) => row[c] ?? null)) as string[];
    for (const id of ids) out.add(id);
  }
  return [...out];
}

/** A record's name as the audit log names it (over the given values, or the row as it is). */
function nameOf(db: Db, t: string, row: Json | undefined, id: string): string {
  const label = isTable(t) ? entityOf(t).label : undefined;
  if (!label) return '';
  if ('of' in label) return label.of(id);
  if (!row) return '';
  const cols = columnsOf(t);
  try {
    const name = db.quiet(`SELECT ${label.sql} AS name FROM (SELECT ${cols.map((c) => `? AS ${c}`).join(', ')}) t`).pluck().get(...values(t, row).map((v) => (typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : v))) as string | null;
    return name ?? '';
  } catch {
    return '';
  }
}

const kindOf = (t: string): string => {
  const r = isTable(t) ? entityOf(t).record : t;
  return r.charAt(0).toUpperCase() + r.slice(1);
};

/**
 * Sets a row (its view: `row`, else as the table has it) aside while another row holds its unique
 * key: out of its table into sync_parked. It comes back when it no longer clashes — its own newer
 * version arrives, or the server's answer to its sent mutations settles it (restoreParked).
 */
function park(ctx: Ctx, t: string, id: string, row: Json | undefined = readRow(ctx.db, t, id)): void {
  if (!row) return;
  ctx.db.quiet('INSERT OR REPLACE INTO sync_parked (entity, id, data) VALUES (?, ?, ?)').run(t, id, JSON.stringify(row));
  ctx.db.quiet(`DELETE FROM ${t} WHERE id = ?`).run(id);
  ctx.touched.add(t);
}

/**
 * Why a never-sent mutation is refused here: a row the server has (pulled, or here without pending
 * changes) holds its unique key. Who wrote that row — the centre or another office computer — a
 * pulled row does not say, so the reason names only the central system.
 */
function clashReason(ctx: Ctx, t: string, row: Json): string {
  const name = nameOf(ctx.db, t, row, String(row.id));
  return `${kindOf(t)}${name ? ` ${name}` : ''} уже есть в центральной системе: изменение, сделанное здесь, отменено.`;
}

/**
 * Writes a row into its table. A unique key held by another row: a row with pending changes none of
 * which was ever sent loses (its mutations refused here, undone: the server would refuse them); a row
 * with a mutation that may have reached the server is parked instead (the server's answer and its
 * later rows settle it), as is a row without pending changes (its own newer version is in the same
 * pull). `view`: the row is its own view (shadow + overlays): it loses first. `restore`: a parked row
 * coming back stays parked on a clash instead.
 */
function put(ctx: Ctx, t: string, row: Json, mode: 'pull' | 'view' | 'restore'): boolean {
  const sql = UPSERT.get(t)!;
  for (let attempt = 0; ; attempt++) {
    try {
      ctx.db.quiet(sql).run(...values(t, row, ctx.db));
      ctx.touched.add(t);
      return true;
    } catch (e) {
      if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE' || attempt > 3) throw e;
    }
    const others = clashing(ctx, t, row);
    if (others.length === 0) throw new Error(`sync store: a unique key of ${t} clashes with no live row`);
    if (mode === 'restore') return false;
    const reason = clashReason(ctx, t, row);
    const own = mode === 'view' ? mutationsOf(ctx, t, String(row.id)) : { nos: [], sent: false };
    if (own.sent) {
      // Its changes take a key the server gave to another row, but may have reached the server: set aside.
      park(ctx, t, String(row.id), row);
      return true;
    }
    if (own.nos.length > 0) {
      // This row's own changes, never sent, take a key the server gave to another row: refused here.
      refuse(ctx, own.nos, reason);
      return true;
    }
    for (const other of others) {
      const theirs = mutationsOf(ctx, t, other);
      if (theirs.nos.length > 0 && !theirs.sent) refuse(ctx, theirs.nos, reason);
      else park(ctx, t, other);
    }
  }
}

/** Recomputes a row's view from its shadow and its overlays; no overlays left: the shadow goes. */
function recompute(ctx: Ctx, t: string, id: string): void {
  const shadow = ctx.db.quiet('SELECT version, data FROM sync_shadow WHERE entity = ? AND id = ?').get(t, id) as { version: number | null; data: string | null } | undefined;
  if (!shadow) return;
  const list = overlays(ctx, t, id);
  let row: Json | null = shadow.data === null ? null : (JSON.parse(shadow.data) as Json);
  for (const o of list) {
    const fields = JSON.parse(o.fields) as Json;
    if (o.op === 'insert') row ??= fields;
    else if (row === null) ctx.orphans.add(o.no);
    else row = { ...row, ...fields };
  }
  if (list.length === 0) ctx.db.quiet('DELETE FROM sync_shadow WHERE entity = ? AND id = ?').run(t, id);
  if (row === null) {
    if (ctx.db.quiet(`DELETE FROM ${t} WHERE id = ?`).run(id).changes > 0) ctx.touched.add(t);
    ctx.db.quiet('DELETE FROM sync_parked WHERE entity = ? AND id = ?').run(t, id);
    return;
  }
  if (ctx.db.quiet('SELECT 1 FROM sync_parked WHERE entity = ? AND id = ?').get(t, id)) {
    // Parked: its view waits outside the table until the pull ends.
    ctx.db.quiet('UPDATE sync_parked SET data = ? WHERE entity = ? AND id = ?').run(JSON.stringify(row), t, id);
    return;
  }
  put(ctx, t, row, 'view');
}

/** Marks mutations refused with the reason and undoes them (their rows recomputed without them). */
function refuse(ctx: Ctx, nos: readonly number[], reason: string): void {
  const mark = ctx.db.quiet("UPDATE sync_mutation SET state = 'refused', reason = ?, refused_at = ? WHERE no = ? AND state <> 'refused'");
  const fresh = nos.filter((no) => mark.run(reason, ctx.at, no).changes > 0);
  if (fresh.length === 0) return;
  ctx.refused += fresh.length;
  ctx.touched.add('sync_mutation');
  log(ctx.db, 'refusal', { mutations: fresh, dependent: reason === DEPENDS_ON_REFUSED });
  const rows = ctx.db
    .quiet(`SELECT DISTINCT entity, entity_id FROM sync_change WHERE mutation_no IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(fresh)) as { entity: string; entity_id: string }[];
  for (const r of rows) recompute(ctx, r.entity, r.entity_id);
}

/** Whether a row is here (or parked, coming back at the end of the pull). */
function present(ctx: Ctx, t: string, id: string): boolean {
  return (
    ctx.db.quiet(`SELECT 1 FROM ${t} WHERE id = ?`).get(id) !== undefined ||
    ctx.db.quiet('SELECT 1 FROM sync_parked WHERE entity = ? AND id = ?').get(t, id) !== undefined
  );
}

/**
 * After refusals: a remaining pending mutation changing a row that is gone, or pointing a reference
 * at a row that is gone, is refused too («зависит от отменённого изменения»), until none is left.
 * Returns the number of rows of the office's tables whose references fail (foreign_key_check).
 */
function settle(ctx: Ctx): number {
  for (;;) {
    const dependent = new Set(ctx.orphans);
    ctx.orphans.clear();
    let violations = 0;
    for (const t of OFFICE_ORDER) {
      const bad = ctx.db.quiet(`PRAGMA foreign_key_check(${t})`).all() as { rowid: number }[];
      violations += bad.length;
      for (const b of bad) {
        const id = ctx.db.quiet(`SELECT id FROM ${t} WHERE rowid = ?`).pluck().get(b.rowid) as string | undefined;
        if (!id) continue;
        for (const o of overlays(ctx, t, id)) {
          if (o.state !== 'pending') continue;
          const fields = JSON.parse(o.fields) as Json;
          const cols = entityOf(t as Table).columns;
          for (const [c, v] of Object.entries(fields)) {
            const target = cols[c]?.ref;
            if (target && typeof v === 'string' && !present(ctx, target, v)) dependent.add(o.no);
          }
        }
      }
    }
    if (dependent.size === 0) return violations;
    const before = ctx.refused;
    refuse(ctx, [...dependent], DEPENDS_ON_REFUSED);
    if (ctx.refused === before && ctx.orphans.size === 0) return violations;
  }
}

// ── The interface ─────────────────────────────────────────────────────────────────────────────

export function syncState(db: Db): SyncState {
  const s = stateRow(db);
  const c = db.quiet("SELECT coalesce(sum(state <> 'refused'), 0) AS pending, coalesce(sum(state = 'refused'), 0) AS refused FROM sync_mutation").get() as { pending: number; refused: number };
  return {
    identity:
      s.client_id && s.secret && s.school_id && s.server_url
        ? { serverUrl: s.server_url, schoolId: s.school_id, schoolName: s.school_name ?? '', clientId: s.client_id, secret: s.secret }
        : null,
    cursor: s.cursor,
    ackedMutation: s.acked_mutation,
    pushedThrough: s.pushed_through,
    sentThrough: s.sent_through,
    needsFork: s.needs_fork === 1,
    lastSyncAt: s.last_sync_at,
    lastError: s.last_error,
    pending: c.pending,
    refused: c.refused,
  };
}

/**
 * Renumbers the mutations still to be sent from 1 (a new client identity); those ≤ `dropThrough`
 * were processed by the server under the old identity and are dropped (their rows recomputed).
 * Refused ones already answered keep their place on the «Синхронизация» screen under negative numbers.
 */
function renumber(ctx: Ctx, dropThrough: number): void {
  const { db } = ctx;
  const dropped = db.quiet("SELECT no FROM sync_mutation WHERE no > 0 AND no <= ? AND state <> 'refused'").pluck().all(dropThrough) as number[];
  const rows = db
    .quiet(`SELECT DISTINCT entity, entity_id FROM sync_change WHERE mutation_no IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(dropped)) as { entity: string; entity_id: string }[];
  const drop = JSON.stringify(dropped);
  db.quiet('DELETE FROM sync_change WHERE mutation_no IN (SELECT value FROM json_each(?))').run(drop);
  db.quiet('DELETE FROM sync_mutation WHERE no IN (SELECT value FROM json_each(?))').run(drop);
  // Refused and answered (or ≤ dropThrough): kept for the screen, out of the way of the new numbers.
  const keep = db.quiet("SELECT no FROM sync_mutation WHERE no > 0 AND state = 'refused' AND no <= max(?, (SELECT pushed_through FROM sync_state))").pluck().all(dropThrough) as number[];
  const minNeg = (db.quiet('SELECT coalesce(min(no), 0) FROM sync_mutation').pluck().get() as number) - 1;
  keep.forEach((no, i) => {
    db.quiet('UPDATE sync_change SET mutation_no = ? WHERE mutation_no = ?').run(Math.min(minNeg, 0) - i - 1, no);
    db.quiet('UPDATE sync_mutation SET no = ? WHERE no = ?').run(Math.min(minNeg, 0) - i - 1, no);
  });
  const rest = db.quiet('SELECT no FROM sync_mutation WHERE no > 0 ORDER BY no').pluck().all() as number[];
  const OFF = 1_000_000_000;
  for (const no of rest) {
    db.quiet('UPDATE sync_change SET mutation_no = ? WHERE mutation_no = ?').run(no + OFF, no);
    db.quiet('UPDATE sync_mutation SET no = ? WHERE no = ?').run(no + OFF, no);
  }
  rest.forEach((no, i) => {
    db.quiet('UPDATE sync_change SET mutation_no = ? WHERE mutation_no = ?').run(i + 1, no + OFF);
    db.quiet("UPDATE sync_mutation SET no = ?, state = CASE state WHEN 'refused' THEN 'refused' ELSE 'pending' END, version = NULL WHERE no = ?").run(i + 1, no + OFF);
  });
  db.quiet('UPDATE sync_state SET next_mutation = ?, pushed_through = 0, sent_through = 0, acked_mutation = 0 WHERE id = 1').run(rest.length + 1);
  ctx.acked = 0;
  ctx.sent = 0;
  for (const r of rows) recompute(ctx, r.entity, r.entity_id);
  ctx.touched.add('sync_mutation');
}

/** After registration: this installation becomes that client of that school (cursor 0). */
export function setIdentity(db: Db, identity: SyncIdentity): void {
  withoutForeignKeys(db, () => {
    const ctx = newCtx(db);
    db.quiet(
      'UPDATE sync_state SET server_url = ?, school_id = ?, school_name = ?, client_id = ?, secret = ?, cursor = 0, needs_fork = 0, last_error = NULL WHERE id = 1',
    ).run(identity.serverUrl, identity.schoolId, identity.schoolName, identity.clientId, identity.secret);
    // A new client: its mutations are numbered from 1 (a fresh installation's already are).
    renumber(ctx, 0);
    log(db, 'register', { pending: syncStateCounts(db) });
    settle(ctx);
    finish(ctx);
  });
}

function syncStateCounts(db: Db): number {
  return db.quiet("SELECT count(*) FROM sync_mutation WHERE state <> 'refused'").pluck().get() as number;
}

/** After a restore (or a reused identity): the new client's credentials; mutations ≤ serverLast are dropped, the rest renumbered from 1. */
export function forkIdentity(db: Db, next: { clientId: string; secret: string }, serverLast: number): void {
  withoutForeignKeys(db, () => {
    const ctx = newCtx(db);
    db.quiet('UPDATE sync_state SET client_id = ?, secret = ?, needs_fork = 0 WHERE id = 1').run(next.clientId, next.secret);
    renumber(ctx, serverLast);
    log(db, 'fork', { serverLast, pending: syncStateCounts(db) });
    settle(ctx);
    finish(ctx);
  });
}

/** Whether the server has the row (it came with a pull). */
export function isServerRow(db: Db, t: Table, id: string): boolean {
  return db.quiet('SELECT 1 FROM sync_row WHERE entity = ? AND id = ?').get(t, id) !== undefined;
}

/**
 * Whether the row was made here and nothing of it was ever sent: no server version, its insert in a
 * mutation waiting, and none of its changes taken for a push (sync_state.sent_through) or answered.
 */
export function isUnsentInsert(db: Db, t: Table, id: string): boolean {
  if (isServerRow(db, t, id)) return false;
  const own = db
    .quiet('SELECT c.op, m.no, m.state FROM sync_change c JOIN sync_mutation m ON m.no = c.mutation_no WHERE c.entity = ? AND c.entity_id = ?')
    .all(t, id) as { op: string; no: number; state: string }[];
  const sent = stateRow(db).sent_through;
  return own.some((c) => c.op === 'insert') && own.every((c) => c.state === 'pending' && c.no > sent);
}

/**
 * A row made here and never sent (`localId`) turns out to be one the server already has (`serverId`:
 * the newcomer's first administrator's staff card, when the school's staff came with the first pull;
 * docs/sync.md «A newcomer»). In one transaction: the local row's insert leaves the outbox, its later
 * edits become edits of the server's row (on its version); every reference to it — in the pending
 * changes, the views, parked rows and the local tables (an account's card) — moves to the server's
 * row; the local row goes; mutations left empty are dropped and the unsent ones after them
 * renumbered without a gap (as a fork renumbers). `after` runs inside the same transaction, once the
 * server's row shows the moved edits (the core makes the account agree with its card there).
 */
export function mergeInto(db: Db, t: Table, localId: string, serverId: string, after?: () => void): { dropped: number; moved: number } {
  return withoutForeignKeys(db, () => {
    if (!isUnsentInsert(db, t, localId)) throw new Error('sync store: only a row made here and never sent merges into another');
    const version = db.quiet('SELECT version FROM sync_row WHERE entity = ? AND id = ?').pluck().get(t, serverId) as number | undefined;
    const server = readRow(db, t, serverId);
    if (version === undefined || !server) throw new Error('sync store: a row merges only into one the server has');
    const ctx = newCtx(db);
    const touchedMutations = new Set<number>();
    const views = new Map<string, Set<string>>();
    const view = (e: string, id: string) => (views.get(e) ?? views.set(e, new Set()).get(e)!).add(id);

    // The local row's own changes: its insert (and a removal) go; its edits become the server row's.
    const own = db.quiet('SELECT mutation_no AS no, seq, op FROM sync_change WHERE entity = ? AND entity_id = ? ORDER BY mutation_no, seq').all(t, localId) as {
      no: number;
      seq: number;
      op: string;
    }[];
    for (const c of own) {
      touchedMutations.add(c.no);
      if (c.op === 'update') {
        db.quiet('INSERT OR IGNORE INTO sync_shadow (entity, id, version, data) VALUES (?, ?, ?, ?)').run(t, serverId, version, JSON.stringify(server));
        db.quiet('UPDATE sync_change SET entity_id = ?, base = ? WHERE mutation_no = ? AND seq = ?').run(serverId, version, c.no, c.seq);
        view(t, serverId);
      } else db.quiet('DELETE FROM sync_change WHERE mutation_no = ? AND seq = ?').run(c.no, c.seq);
    }

    // References to it move to the server's row.
    let moved = 0;
    for (const r of tables) {
      const e = entityOf(r);
      const cols = Object.entries(e.columns)
        .filter(([, c]) => c.ref === t)
        .map(([k]) => k);
      if (cols.length === 0 || e.owner === 'central') continue; // the journal is the server's: it never refers to a row made here
      if (e.owner === 'local') {
        for (const c of cols) moved += db.quiet(`UPDATE ${r} SET ${c} = ? WHERE ${c} = ?`).run(serverId, localId).changes;
        continue;
      }
      const swap = (json: string): string | null => {
        const o = JSON.parse(json) as Json;
        let hit = false;
        for (const c of cols)
          if (o[c] === localId) {
            o[c] = serverId;
            hit = true;
          }
        return hit ? JSON.stringify(o) : null;
      };
      const changes = db.quiet('SELECT mutation_no AS no, seq, entity_id AS id, fields FROM sync_change WHERE entity = ? AND instr(fields, ?) > 0').all(r, localId) as {
        no: number;
        seq: number;
        id: string;
        fields: string;
      }[];
      for (const c of changes) {
        const next = swap(c.fields);
        if (next === null) continue;
        db.quiet('UPDATE sync_change SET fields = ? WHERE mutation_no = ? AND seq = ?').run(next, c.no, c.seq);
        view(r, c.id);
        moved++;
      }
      const parked = db.quiet('SELECT id, data FROM sync_parked WHERE entity = ? AND instr(data, ?) > 0').all(r, localId) as { id: string; data: string }[];
      for (const p of parked) {
        const next = swap(p.data);
        if (next !== null) db.quiet('UPDATE sync_parked SET data = ? WHERE entity = ? AND id = ?').run(next, r, p.id);
      }
    }

    // The local row goes.
    db.quiet(`DELETE FROM ${t} WHERE id = ?`).run(localId);
    db.quiet('DELETE FROM sync_shadow WHERE entity = ? AND id = ?').run(t, localId);
    db.quiet('DELETE FROM sync_parked WHERE entity = ? AND id = ?').run(t, localId);
    ctx.touched.add(t);

    // Mutations left without changes go; the unsent ones are numbered again without a gap.
    const empty = [...touchedMutations].filter((no) => db.quiet('SELECT 1 FROM sync_change WHERE mutation_no = ?').get(no) === undefined);
    dropMutations(db, empty);
    const sent = stateRow(db).sent_through;
    const rest = db.quiet('SELECT no FROM sync_mutation WHERE no > ? ORDER BY no').pluck().all(sent) as number[];
    const OFF = 1_000_000_000;
    const move = (from: number, to: number) => {
      db.quiet('UPDATE sync_change SET mutation_no = ? WHERE mutation_no = ?').run(to, from);
      db.quiet('UPDATE sync_mutation SET no = ? WHERE no = ?').run(to, from);
    };
    for (const no of rest) move(no, no + OFF);
    rest.forEach((no, i) => move(no + OFF, sent + i + 1));
    db.quiet('UPDATE sync_state SET next_mutation = ? WHERE id = 1').run(sent + rest.length + 1);
    ctx.touched.add('sync_mutation');

    for (const [e, ids] of views) for (const id of ids) recompute(ctx, e, id);
    after?.();
    settle(ctx);
    log(db, 'merge', { entity: t, dropped: empty.length, moved, pending: syncStateCounts(db) });
    finish(ctx);
    return { dropped: empty.length, moved };
  });
}

/** JSON with the keys of every object sorted: the same changes always hash the same. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/**
 * The mutations to send next, in order, after `pushedThrough` (at most `limit`). Taking them records
 * that they may reach the server (sent_through): from now on only the server's answer decides them.
 */
export function mutationsToPush(db: Db, limit: number): Mutation[] {
  return db.tx(() => {
    const out = nextMutations(db, limit);
    const last = out.at(-1)?.id;
    if (last !== undefined) db.quiet('UPDATE sync_state SET sent_through = max(sent_through, ?) WHERE id = 1').run(last);
    return out;
  });
}

function nextMutations(db: Db, limit: number): Mutation[] {
  const s = stateRow(db);
  const rows = db.quiet('SELECT no, at, state, reason FROM sync_mutation WHERE no > ? ORDER BY no LIMIT ?').all(s.pushed_through, limit) as {
    no: number;
    at: string;
    state: string;
    reason: string | null;
  }[];
  const out: Mutation[] = [];
  let expect = s.pushed_through + 1;
  for (const r of rows) {
    if (r.no !== expect) break; // never skip a number: the server refuses a gap
    expect++;
    const changes: Change[] = (
      db.quiet('SELECT entity, entity_id, op, fields, base FROM sync_change WHERE mutation_no = ? ORDER BY seq').all(r.no) as {
        entity: string;
        entity_id: string;
        op: Change['op'];
        fields: string;
        base: number | null;
      }[]
    ).map((c) => ({ entity: c.entity, id: c.entity_id, op: c.op, fields: JSON.parse(c.fields) as Change['fields'], base: c.base }));
    const m: Mutation = { id: r.no, hash: createHash('sha256').update(canonical(changes)).digest('hex'), at: r.at, changes };
    if (r.state === 'refused') m.refusedLocally = (r.reason ?? DEPENDS_ON_REFUSED).slice(0, 1000);
    out.push(m);
  }
  return out;
}

/** A push's answer, in one transaction: accepted ones noted, refused ones undone (with those that depend on them). */
export function recordPush(db: Db, res: PushResponse): { accepted: number; refused: number } {
  return withoutForeignKeys(db, () => {
    const ctx = newCtx(db);
    let accepted = 0;
    let refused = 0;
    let through = stateRow(db).pushed_through;
    const results = [...res.results].sort((a, b) => a.id - b.id);
    // Accepted ones first: a refusal's cascade then never takes back one the server applied.
    for (const r of results) {
      if (!r.ok) continue;
      const changed = db.quiet("UPDATE sync_mutation SET state = 'pushed', version = ? WHERE no = ? AND state = 'pending'").run(r.version, r.id).changes;
      if (changed > 0) accepted++;
      if (r.id <= ctx.acked) dropMutations(db, [r.id]);
    }
    for (const r of results) {
      through = Math.max(through, r.id);
      if (r.ok) continue;
      const before = ctx.refused;
      refuse(ctx, [r.id], r.reason.slice(0, 2000));
      if (ctx.refused > before) refused++;
    }
    db.quiet('UPDATE sync_state SET pushed_through = ? WHERE id = 1').run(through);
    // A row set aside for its sent mutations comes back once the answer has settled them.
    restoreParked(ctx);
    const fk = settle(ctx);
    log(db, 'push', { accepted, refused, dependent: ctx.refused - refused, through, lastMutationId: res.lastMutationId, foreignKeyProblems: fk });
    ctx.touched.add('sync_mutation');
    finish(ctx);
    return { accepted, refused: ctx.refused };
  });
}

function dropMutations(db: Db, nos: readonly number[]): void {
  const list = JSON.stringify(nos);
  db.quiet('DELETE FROM sync_change WHERE mutation_no IN (SELECT value FROM json_each(?))').run(list);
  db.quiet('DELETE FROM sync_mutation WHERE no IN (SELECT value FROM json_each(?))').run(list);
}

/** A 409 gap: the server has processed through `serverLast`; the next push starts after it. */
export function notePushGap(db: Db, serverLast: number): void {
  db.tx(() => {
    db.quiet('UPDATE sync_state SET pushed_through = ? WHERE id = 1').run(serverLast);
    log(db, 'gap', { serverLast });
  });
}

/**
 * The first pull into an empty database — no office row (no school yet: nothing a user could be
 * editing), no journal row, nothing waiting to be sent — goes the bulk way: all its pages in one
 * transaction held by the sync job (Db.beginHeld), with the journal tables' (central-owned) plain
 * indexes dropped at its start and made again, each by one sort, before it commits (a row at a time
 * into a growing index cost more than the rows themselves). The indexes are gone only inside that
 * transaction: no other connection, no backup, no crash ever sees the database without them — a
 * crash or a failed round rolls the whole pull back (the cursor with it) and the next round starts
 * it again. What it holds up: another connection's write waits for it (there is nothing to edit).
 */
const bulk = new WeakMap<Db, { indexes: { name: string; sql: string }[] }>();

/** Whether a pull starting now may go the bulk way (see `bulk`). */
export function canBulkPull(db: Db): boolean {
  if (db.raw.inTransaction || bulk.has(db)) return false;
  if (stateRow(db).cursor !== 0) return false;
  if (db.quiet('SELECT 1 FROM sync_mutation LIMIT 1').get() !== undefined) return false;
  for (const t of [...OFFICE, ...CENTRAL]) if (db.quiet(`SELECT 1 FROM ${t} LIMIT 1`).get() !== undefined) return false;
  return true;
}

/** Opens the bulk pull's transaction (foreign keys off for it) and drops the journal tables' plain indexes inside it. */
export function beginBulkPull(db: Db): void {
  if (!canBulkPull(db)) throw new Error('sync store: a bulk pull needs an empty database');
  db.raw.pragma('foreign_keys = OFF');
  try {
    db.beginHeld();
  } catch (e) {
    db.raw.pragma('foreign_keys = ON');
    throw e;
  }
  const journal = [...CENTRAL];
  const indexes = (
    db.quiet(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${journal.map(() => '?').join(', ')}) ORDER BY name`).all(...journal) as {
      name: string;
      sql: string;
    }[]
  ).filter((i) => !/^\s*CREATE\s+UNIQUE\b/i.test(i.sql));
  for (const i of indexes) db.raw.exec(`DROP INDEX "${i.name.replaceAll('"', '""')}"`);
  bulk.set(db, { indexes });
  log(db, 'bulk', { indexes: indexes.length });
}

/** Makes the dropped indexes again (the very same SQL) and commits the bulk pull. */
export function endBulkPull(db: Db): void {
  const b = bulk.get(db);
  if (!b) return;
  bulk.delete(db);
  try {
    for (const i of b.indexes) db.raw.exec(i.sql);
    db.commitHeld();
  } catch (e) {
    db.rollbackHeld();
    throw e;
  } finally {
    db.raw.pragma('foreign_keys = ON');
  }
}

/** A bulk pull that failed or was cancelled: everything it applied is rolled back, the indexes with it. */
export function abortBulkPull(db: Db): void {
  if (!bulk.has(db)) return;
  bulk.delete(db);
  try {
    db.rollbackHeld();
  } finally {
    db.raw.pragma('foreign_keys = ON');
  }
}

/** A page's transaction: its own, or a savepoint in the bulk pull's. */
function pageTx<T>(db: Db, fn: () => T): T {
  return bulk.has(db) ? db.tx(fn) : withoutForeignKeys(db, fn);
}

/**
 * One pulled page, in one transaction: rows applied without echo, pending mutations rebased; on the
 * last page the acknowledged ones dropped. The page is columnar (central/protocol.ts): office rows
 * are applied one by one in version order across the blocks (then entity, then id — the order the
 * server made them in, so a row that takes another's unique key meets the clash rules as it did
 * row by row), journal rows block by block after them (they refer to office rows, never the other
 * way; with foreign keys off their order among themselves is free).
 */
export function applyPullPage(db: Db, page: PullResponse): { rows: number; refused: number } {
  return pageTx(db, () => {
    const ctx = newCtx(db);
    const s = stateRow(db);
    const counts: Record<string, number> = {};
    const central: { t: string; block: PullBlock; from: number }[] = [];
    const office: { version: number; t: string; id: string; index: number[]; row: readonly (string | number | null)[] }[] = [];
    let rows = 0;
    let skipped = 0;
    for (const block of page.entities) {
      const t = block.entity;
      const isCentral = CENTRAL.has(t);
      if (!isCentral && !OFFICE.has(t)) {
        skipped += block.rows.length;
        continue;
      }
      // A stale page (an answer that arrived late) never takes a row back to an older version: the
      // rows ascend, so the stale ones are a prefix.
      let from = 0;
      while (from < block.rows.length && (block.rows[from]![1] as number) <= s.cursor) from++;
      skipped += from;
      const n = block.rows.length - from;
      if (n === 0) continue;
      counts[t] = (counts[t] ?? 0) + n;
      rows += n;
      if (isCentral) {
        central.push({ t, block, from });
        continue;
      }
      const index = columnIndex(t, block);
      for (let i = from; i < block.rows.length; i++) {
        const row = block.rows[i]!;
        office.push({ version: row[1] as number, t, id: row[0] as string, index, row });
      }
    }
    office.sort((a, b) => a.version - b.version || (a.t < b.t ? -1 : a.t > b.t ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const o of office) {
      const cols = columnsOf(o.t);
      const data: Json = {};
      for (let c = 0; c < cols.length; c++) {
        const at = o.index[c]!;
        if (at > 0) data[cols[c]!] = o.row[at]!;
      }
      data.id = o.id;
      applyOffice(ctx, o.t, data, o.version);
    }
    for (const c of central) {
      upsertCentral(db, c.t, c.block, c.from);
      ctx.touched.add(c.t);
    }
    const cursor = Math.max(s.cursor, page.cursor);
    db.quiet('UPDATE sync_state SET cursor = ? WHERE id = 1').run(cursor);
    let fk: number | null = null;
    let acked = 0;
    if (!page.more) {
      acked = acknowledge(ctx, page.lastMutationId);
      fk = settle(ctx);
    } else if (ctx.refused > 0) settle(ctx);
    log(db, 'pull', { rows, skipped, counts, from: s.cursor, cursor, more: page.more, lastMutationId: page.lastMutationId, acked, refused: ctx.refused, foreignKeyProblems: fk });
    finish(ctx);
    crashPoint('pull:apply'); // the fault test's hook (testHook.ts): killed before the page commits
    return { rows, refused: ctx.refused };
  });
}

function applyOffice(ctx: Ctx, t: string, data: Json, version: number): void {
  const { db } = ctx;
  const id = String(data.id);
  db.quiet('INSERT INTO sync_row (entity, id, version) VALUES (?, ?, ?) ON CONFLICT(entity, id) DO UPDATE SET version = excluded.version').run(t, id, version);
  // Its own newer version arrived: a parked row is no longer set aside.
  db.quiet('DELETE FROM sync_parked WHERE entity = ? AND id = ?').run(t, id);
  const shadowed = db.quiet('UPDATE sync_shadow SET version = ?, data = ? WHERE entity = ? AND id = ?').run(version, JSON.stringify(data), t, id).changes > 0;
  if (shadowed) recompute(ctx, t, id);
  else put(ctx, t, data, 'pull');
}

/**
 * The last page: mutations ≤ lastMutationId are processed by the server, their effect is in the
 * pulled rows. Accepted ones are dropped, refused ones stay (the screen), unanswered ones stay until
 * a push tells their outcome (not overlaying any more). Every shadowed row is rebased, parked rows
 * come back.
 */
function acknowledge(ctx: Ctx, last: number): number {
  const { db } = ctx;
  const s = stateRow(db);
  const target = Math.max(s.acked_mutation, last);
  const accepted = db.quiet("SELECT no FROM sync_mutation WHERE no > 0 AND no <= ? AND (state = 'pushed' OR (state = 'pending' AND no <= ?))").pluck().all(target, s.pushed_through) as number[];
  dropMutations(db, accepted);
  db.quiet('UPDATE sync_state SET acked_mutation = ? WHERE id = 1').run(target);
  ctx.acked = target;
  if (accepted.length > 0 || target !== s.acked_mutation) ctx.touched.add('sync_mutation');
  const shadows = db.quiet('SELECT entity, id FROM sync_shadow').all() as { entity: string; id: string }[];
  for (const r of shadows) recompute(ctx, r.entity, r.id);
  restoreParked(ctx);
  return accepted.length;
}

/**
 * Parked rows come back into their tables where they no longer clash. One still clashing whose view
 * holds only mutations never sent has them refused here (the server would refuse them), then comes
 * back; the others wait (for their own newer version, or for the server's answer to what was sent).
 */
function restoreParked(ctx: Ctx): void {
  const { db } = ctx;
  const parked = db.quiet('SELECT entity, id FROM sync_parked').all() as { entity: string; id: string }[];
  for (const p of parked) {
    for (let attempt = 0; attempt < 2; attempt++) {
      const data = db.quiet('SELECT data FROM sync_parked WHERE entity = ? AND id = ?').pluck().get(p.entity, p.id) as string | undefined;
      if (data === undefined) break; // gone with a refusal (an undone insert)
      const row = JSON.parse(data) as Json;
      if (put(ctx, p.entity, row, 'restore')) {
        db.quiet('DELETE FROM sync_parked WHERE entity = ? AND id = ?').run(p.entity, p.id);
        break;
      }
      const own = mutationsOf(ctx, p.entity, p.id);
      if (attempt > 0 || own.nos.length === 0 || own.sent) break;
      const holder = clashing(ctx, p.entity, row)[0];
      refuse(ctx, own.nos, clashReason(ctx, p.entity, (holder && readRow(db, p.entity, holder)) || row));
    }
  }
}

export function noteSyncResult(db: Db, at: string, error: string | null): void {
  db.tx(() => {
    if (error === null) db.quiet('UPDATE sync_state SET last_sync_at = ?, last_error = NULL WHERE id = 1').run(at);
    else db.quiet('UPDATE sync_state SET last_error = ? WHERE id = 1').run(error.slice(0, 1000));
    db.touch('sync_state');
  });
}

export function refusals(db: Db, limit: number): Refusal[] {
  const rows = db
    .quiet("SELECT no, at, actor, reason, refused_at FROM sync_mutation WHERE state = 'refused' ORDER BY refused_at DESC, no DESC LIMIT ?")
    .all(limit) as { no: number; at: string; actor: string; reason: string | null; refused_at: string | null }[];
  return rows.map((r) => {
    const changes = db.quiet('SELECT entity, entity_id, op, fields FROM sync_change WHERE mutation_no = ? ORDER BY seq').all(r.no) as {
      entity: string;
      entity_id: string;
      op: 'insert' | 'update' | 'delete';
      fields: string;
    }[];
    return {
      no: r.no,
      at: r.at,
      actor: r.actor,
      reason: r.reason ?? '',
      refusedAt: r.refused_at ?? r.at,
      changes: changes.map((c) => {
        const fields = JSON.parse(c.fields) as Json;
        const cols = isTable(c.entity) ? entityOf(c.entity).columns : {};
        const current = isTable(c.entity) ? readRow(db, c.entity, c.entity_id) : undefined;
        // Named as it is now (an undone insert: by its own values).
        const row = current ?? (c.op === 'insert' ? fields : undefined);
        return {
          entity: c.entity,
          title: kindOf(c.entity),
          record: nameOf(db, c.entity, row, c.entity_id),
          op: c.op,
          fields: Object.entries(fields)
            .filter(([k, v]) => cols[k] && cols[k]!.audit === undefined && (c.op !== 'insert' || v !== null))
            .map(([k]) => cols[k]!.label),
        };
      }),
    };
  });
}
