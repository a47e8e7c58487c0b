// A model of the central server's record store for the sync store's tests (tests/db/sync-*.test.ts):
// the school's rows with versions, a mutation applied whole or refused whole (a reference to a
// missing record, a unique key clash, or a refusal the test asks for), pull pages in version order
// from one snapshot. The real server is central/; this model only produces protocol input.
import type { Mutation, PullResponse, PushResponse } from '../../central/protocol';
import { entityOf, type Table } from '../../db/entities';
import type { Db } from '../../db';
import { applyPullPage, mutationsToPush, recordPush } from '../../db/sync';

type Json = Record<string, string | number | null>;

export class CentralModel {
  version = 0;
  last = 0;
  readonly rows = new Map<string, { entity: string; id: string; version: number; data: Json }>();
  /** Outcomes by mutation number (a replay answers the same). */
  readonly outcomes = new Map<number, { ok: true; version: number } | { ok: false; reason: string }>();

  get(entity: string, id: string): Json | undefined {
    return this.rows.get(`${entity}:${id}`)?.data;
  }

  private clash(entity: string, data: Json): boolean {
    if (data.deleted_at != null || data.date_to != null) return false;
    for (const u of entityOf(entity as Table).unique ?? []) {
      if (!u.nullsEqual && u.on.some((c) => data[c] == null)) continue;
      for (const r of this.rows.values())
        if (r.entity === entity && r.id !== data.id && r.data.deleted_at == null && r.data.date_to == null && u.on.every((c) => (r.data[c] ?? null) === (data[c] ?? null)))
          return true;
    }
    return false;
  }

  /** Applies one mutation whole, or returns why not. */
  private apply(m: Mutation, refuse?: (m: Mutation) => string | null): string | null {
    if (m.refusedLocally) return m.refusedLocally;
    const asked = refuse?.(m);
    if (asked) return asked;
    const next = new Map(this.rows);
    const v = this.version + 1;
    for (const c of m.changes) {
      const key = `${c.entity}:${c.id}`;
      const old = next.get(key);
      if (c.op === 'insert' && old) return 'Запись уже есть.';
      if (c.op !== 'insert' && !old) return 'Записи нет в центральной системе.';
      const data = { ...(old?.data ?? {}), ...c.fields, id: c.id } as Json;
      next.set(key, { entity: c.entity, id: c.id, version: v, data });
    }
    for (const c of m.changes) {
      const data = next.get(`${c.entity}:${c.id}`)!.data;
      const cols = entityOf(c.entity as Table).columns;
      for (const [k, val] of Object.entries(data)) {
        const ref = cols[k]?.ref;
        if (ref && typeof val === 'string' && !next.has(`${ref}:${val}`)) return 'Ссылка на запись, которой нет в центральной системе.';
      }
      const saved = this.rows;
      (this as { rows: Map<string, unknown> }).rows = next;
      const clash = this.clash(c.entity, data);
      (this as { rows: Map<string, unknown> }).rows = saved;
      if (clash) return 'Такая запись уже есть в центральной системе.';
    }
    this.rows.clear();
    for (const [k, r] of next) this.rows.set(k, r);
    this.version = v;
    return null;
  }

  push(mutations: Mutation[], refuse?: (m: Mutation) => string | null): PushResponse {
    const results: PushResponse['results'] = [];
    for (const m of mutations) {
      if (m.id <= this.last) {
        const o = this.outcomes.get(m.id)!;
        results.push({ id: m.id, ...o } as PushResponse['results'][number]);
        continue;
      }
      if (m.id !== this.last + 1) throw new Error(`gap: ${m.id} after ${this.last}`);
      const reason = this.apply(m, refuse);
      const o = reason === null ? ({ ok: true, version: this.version } as const) : ({ ok: false, reason } as const);
      this.outcomes.set(m.id, o);
      this.last = m.id;
      results.push({ id: m.id, ...o } as PushResponse['results'][number]);
    }
    return { results, lastMutationId: this.last };
  }

  /** A central write (a teacher, the simulator): one new version, no checks but the unique keys (the caller keeps them). */
  central(rows: { entity: string; id: string; data: Json }[]): number {
    const v = ++this.version;
    for (const r of rows) {
      const old = this.get(r.entity, r.id);
      this.rows.set(`${r.entity}:${r.id}`, { entity: r.entity, id: r.id, version: v, data: { ...(old ?? {}), ...r.data, id: r.id } });
    }
    return v;
  }

  /** Every page from `cursor`, from one snapshot (whole versions; a page may exceed the limit to finish one). */
  pages(cursor: number, limit: number): PullResponse[] {
    const rows = [...this.rows.values()].filter((r) => r.version > cursor).sort((a, b) => a.version - b.version || (a.id < b.id ? -1 : 1));
    const pages: PullResponse[] = [];
    let i = 0;
    do {
      const changes: PullResponse['changes'] = [];
      while (i < rows.length && (changes.length < limit || rows[i]!.version === changes[changes.length - 1]!.version)) {
        const r = rows[i++]!;
        changes.push({ entity: r.entity, id: r.id, version: r.version, data: { ...r.data } });
      }
      const more = i < rows.length;
      pages.push({ changes, cursor: more ? changes[changes.length - 1]!.version : this.version, more, lastMutationId: this.last });
    } while (i < rows.length);
    return pages;
  }
}

/** One round as the sync feature does it: push everything waiting, then pull every page. */
export function syncRound(db: Db, model: CentralModel, opts: { refuse?: (m: Mutation) => string | null; limit?: number } = {}): void {
  for (;;) {
    const batch = mutationsToPush(db, 100);
    if (batch.length === 0) break;
    recordPush(db, model.push(batch, opts.refuse));
  }
  const cursor = (db.raw.prepare('SELECT cursor FROM sync_state').pluck().get() as number);
  for (const page of model.pages(cursor, opts.limit ?? 5000)) applyPullPage(db, page);
}

/** The office rows of a table as the server has them (live and tombstoned), sorted by id. */
export function serverRows(model: CentralModel, entity: string): Json[] {
  return [...model.rows.values()].filter((r) => r.entity === entity).map((r) => r.data).sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
}

export function localRows(db: Db, entity: string): Json[] {
  return db.raw.prepare(`SELECT * FROM ${entity} ORDER BY id`).all() as Json[];
}
