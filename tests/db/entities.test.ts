// Issue 9, point 2: the entity registry (db/entities.ts) declares every table once. Its columns are
// typed by db/schema.ts (`Entity<T>` demands exactly the columns of `Database[T]`: a column missing
// from either fails `npm run typecheck`); this test compares both with the database the migrations
// build, column by column: every table and column of the database is declared, and nothing is
// declared that the database lacks; every foreign key is a declared reference and every unique index
// a natural key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Db, migrate } from '../../db';
import { entities, entityOf, tables, type Table } from '../../db/entities';
import { describe as describeAudit } from '../../electron/core/audit/labels';
import type { Ctx } from '../../electron/core/context';
import { tempDir } from '../support/tmp';

describe('the entity registry and db/schema.ts agree with the database the migrations build', () => {
  let db: Db;
  let cleanup: () => void;
  beforeAll(() => {
    const t = tempDir();
    db = new Db(join(t.dir, 'entities.sqlite'));
    migrate(db);
    cleanup = () => (db.close(), t.cleanup());
  });
  afterAll(() => cleanup());

  const dbTables = () =>
    (db.raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]);
  const columnsOf = (t: string) => (db.raw.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).pluck().all(t) as string[]);

  it('declares every table of the database, and no table the database lacks', () => {
    expect([...tables].sort()).toEqual(dbTables());
  });

  it('declares every column of every table, in the table’s order, and no column the table lacks', () => {
    for (const t of tables) expect({ table: t, columns: Object.keys(entityOf(t).columns) }).toEqual({ table: t, columns: columnsOf(t) });
  });

  /** References without a foreign key in SQLite, on purpose: the school's table is made before the staff's. */
  const NO_FOREIGN_KEY = ['school.director_id'];

  it('declares every foreign key as a reference to its table, and no reference without a foreign key', () => {
    for (const t of tables) {
      const fks = db.raw.prepare('SELECT "from" AS col, "table" AS target FROM pragma_foreign_key_list(?)').all(t) as { col: string; target: string }[];
      const inDb = Object.fromEntries(fks.map((f) => [f.col, f.target]));
      const declared = Object.fromEntries(Object.entries(entityOf(t).columns).flatMap(([c, d]) => (d.ref && !NO_FOREIGN_KEY.includes(`${t}.${c}`) ? [[c, d.ref]] : [])));
      expect({ table: t, refs: declared }).toEqual({ table: t, refs: inDb });
    }
  });

  it('has each unique index of a table among its natural keys, and keys only of its columns', () => {
    for (const t of tables) {
      const e = entityOf(t);
      const keys = e.keys.map((k) => [...k].sort().join(','));
      expect(e.keys.length, `${t} has no natural key`).toBeGreaterThan(0);
      for (const k of e.keys) for (const c of k) expect(Object.keys(e.columns), `${t}: key column ${c}`).toContain(c);
      const unique = db.raw.prepare("SELECT name FROM pragma_index_list(?) WHERE \"unique\" = 1 AND origin <> 'pk'").pluck().all(t) as string[];
      for (const ix of unique) {
        // An index over expressions (coalesce(class_id, '')) has no column names: its SQL has them.
        const sql = db.raw.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?").pluck().get(ix) as string | null;
        const named = db.raw.prepare('SELECT name FROM pragma_index_info(?)').pluck().all(ix) as (string | null)[];
        const inSql = sql ? Object.keys(e.columns).filter((c) => new RegExp(`\\b${c}\\b`).test(sql.slice(sql.indexOf('(')).split(/\sWHERE\s/i)[0]!)) : [];
        const cols = (named.every((n) => n !== null) ? (named as string[]) : inSql).sort().join(',');
        expect(keys, `${t}: unique index ${ix} (${cols})`).toContain(cols);
      }
    }
  });

  it('declares exactly the unique indexes as enforced keys, with how their empty parts count (the central server enforces them)', () => {
    for (const t of tables) {
      const e = entityOf(t);
      if (e.owner === 'local') continue;
      const indexes = (db.raw.prepare("SELECT name FROM pragma_index_list(?) WHERE \"unique\" = 1 AND origin <> 'pk'").pluck().all(t) as string[]).map((ix) => {
        const sql = db.raw.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?").pluck().get(ix) as string;
        const on = sql.slice(sql.indexOf('(')).split(/\sWHERE\s/i)[0]!;
        const cols = Object.keys(e.columns).filter((c) => new RegExp(`\\b${c}\\b`).test(on));
        const where = sql.split(/\sWHERE\s/i)[1] ?? '';
        // The rule the central server applies: live rows; open ones where the table has date_to.
        expect({ t, ix, live: /deleted_at IS NULL/i.test(where), open: 'date_to' in e.columns ? /date_to IS NULL/i.test(where) : true }).toEqual({ t, ix, live: true, open: true });
        return `${cols.join(',')}${/coalesce/i.test(on) ? ' nullsEqual' : ''}`;
      });
      const declared = (e.unique ?? []).map((u) => `${u.on.join(',')}${u.nullsEqual ? ' nullsEqual' : ''}`);
      expect({ t, unique: declared.sort() }).toEqual({ t, unique: indexes.sort() });
    }
  });

  it('gives each table a sync owner: the office’s tables carry the sync columns, the local ones do not', () => {
    const SYNC = ['id', 'created_at', 'updated_at', 'deleted_at'];
    for (const t of tables) {
      const e = entityOf(t);
      expect(['office', 'central', 'local']).toContain(e.owner);
      const synced = SYNC.every((c) => c in e.columns);
      expect({ table: t, synced }).toEqual({ table: t, synced: e.owner !== 'local' });
    }
  });

  it('names every table the office changes, and every column of it, in Russian for the audit log', () => {
    const office = tables.filter((t) => entityOf(t).owner === 'office');
    expect(office.length).toBeGreaterThan(15);
    for (const t of [...office, 'app_user', 'setting'] as Table[]) {
      const e = entityOf(t);
      expect(e.label, `${t} has no label in the audit log`).toBeDefined();
      expect(e.title).toMatch(/^[А-ЯЁ]/);
      expect(e.record).toMatch(/^[а-яё]/);
      for (const [c, d] of Object.entries(e.columns)) expect(d.label, `${t}.${c}`).toMatch(/^[А-ЯЁA-Z]/);
    }
    // Each label's SQL runs against the schema (a renamed column would fail here, not in the log).
    for (const t of tables) {
      const l = entityOf(t).label;
      if (l && 'sql' in l) expect(() => db.raw.prepare(`SELECT (${l.sql}) FROM ${t} t`).all()).not.toThrow();
    }
  });

  it('is what the audit log reads: a new column’s label and kind of value come from the registry', () => {
    const ctx = { db } as unknown as Ctx;
    const [e] = describeAudit(ctx, [
      {
        seq: 1,
        at: '2026-09-01T08:00:00.000Z',
        actor: 'admin',
        entity: 'guardian',
        entity_id: 'x',
        action: 'update',
        old_values: JSON.stringify({ pd_consent_date: '2026-08-31', e_service_refused: 0, updated_at: 'a' }),
        new_values: JSON.stringify({ pd_consent_date: '2026-09-01', e_service_refused: 1, updated_at: 'b' }),
      },
    ]);
    expect(e!.entityLabel).toBe('Представитель: запись не найдена');
    expect(e!.changes).toEqual([
      { field: entities.guardian.columns.pd_consent_date.label, old: '31.08.2026', new: '01.09.2026' },
      { field: 'Отказ от электронного дневника', old: 'нет', new: 'да' },
    ]);
  });
});
