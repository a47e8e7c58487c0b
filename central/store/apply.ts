// One row change applied to the central store, with every check of docs/sync.md: the entity is the
// office's (pushes) or any synced one (central writes); fields are columns; inserts carry every
// column; the row is there (or not, for an insert); a field changed since `base` by another writer
// refuses the change (pushes only; created_at/updated_at never conflict); references name records of
// this school; the registry's unique keys hold. A refusal is a Russian sentence naming the record
// kind and the field by the registry's labels.
import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Change } from '../protocol';
import type { CentralDatabase, FieldVersions, Value } from '../schema';
import { entityInfo, keyText, pronoun, recordTitle, type EntityInfo, type Row } from './registry';

export type Tx = Transaction<CentralDatabase>;

/** Who writes: a client (push: owner must be office, base checked) or the centre (no base check). */
export interface Writer {
  schoolId: string;
  /** A client id, or 'central'. */
  writer: string;
  mode: 'client' | 'central';
}

export interface Stored {
  data: Row;
  fv: FieldVersions;
  version: number;
}

/** Fields that never conflict: bookkeeping of the moment. */
const NO_CONFLICT = new Set(['id', 'created_at', 'updated_at']);
/** What PostgreSQL's jsonb cannot hold: the NUL character and a lone half of a surrogate pair. */
const BAD_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A change refused: the reason, in Russian. */
export class Refusal extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

function ownerCheck(w: Writer, name: string): EntityInfo {
  const info = entityInfo(name);
  if (!info) throw new Refusal(`Неизвестный вид записи «${name}»: центральная система такого не знает.`);
  const owner = info.entity.owner;
  if (owner === 'local') throw new Refusal(`${info.entity.title} не передаются в центральную систему.`);
  if (w.mode === 'client' && owner !== 'office')
    throw new Refusal(`${info.entity.title} ведутся в центральной системе: изменить их из школьного офиса нельзя.`);
  return info;
}

const label = (info: EntityInfo, f: string) => info.entity.columns[f]?.label ?? f;

const keyOf = (entity: string, id: string) => `${entity}:${id}`;

/** A row write waiting for the flush. */
interface Pending {
  entity: string;
  id: string;
  data: Row;
  fv: FieldVersions;
  version: number;
}

/**
 * Applies changes within one transaction, in batches: the rows a batch touches and the rows its
 * references name are read in one query (prefetch); row writes are kept and written at flush() in
 * multi-row upserts. A group of changes (one mutation) is begun, then committed or rolled back:
 * the kept state is restored from an undo log, and the unique-key rows (written at once, under a
 * savepoint taken when the group first writes one) are rolled back with the savepoint.
 */
export class Applier {
  private readonly cache = new Map<string, Stored | null>();
  private readonly pending = new Map<string, Pending>();
  private undo: [string, Stored | null | undefined, Pending | undefined][] | null = null;
  private savepoint = false;

  constructor(
    private readonly tx: Tx,
    private readonly w: Writer,
  ) {}

  /** Reads into the cache the rows these changes touch and the records their references name. */
  async prefetch(changes: readonly Change[]): Promise<void> {
    const want = new Map<string, { entity: string; id: string }>();
    const add = (entity: string, id: unknown) => {
      if (typeof id !== 'string' || !UUID.test(id)) return;
      const k = keyOf(entity, id);
      if (!this.cache.has(k) && !want.has(k)) want.set(k, { entity, id });
    };
    for (const c of changes) {
      const info = entityInfo(c.entity);
      if (!info) continue;
      add(c.entity, c.id);
      for (const [f, v] of Object.entries(c.fields)) {
        const ref = info.entity.columns[f]?.ref;
        if (ref) add(ref, v);
      }
    }
    await this.load([...want.values()]);
  }

  private async load(keys: { entity: string; id: string }[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 2000) {
      const part = keys.slice(i, i + 2000);
      const rows = await sql<{ entity: string; id: string; data: Row; fv: FieldVersions; version: number }>`
        SELECT r.entity, r.id::text AS id, r.data, r.fv, r.version FROM record r
        JOIN (VALUES ${sql.join(part.map((k) => sql`(${k.entity}, ${k.id}::uuid)`))}) AS v(entity, id)
          ON r.school_id = ${this.w.schoolId}::uuid AND r.entity = v.entity AND r.id = v.id`.execute(this.tx);
      for (const k of part) this.cache.set(keyOf(k.entity, k.id), null);
      for (const r of rows.rows) this.cache.set(keyOf(r.entity, r.id), { data: r.data, fv: r.fv, version: Number(r.version) });
    }
  }

  /** The row as this transaction has it (kept writes included); undefined when it is not there. */
  async get(entity: string, id: string): Promise<Stored | undefined> {
    const k = keyOf(entity, id);
    if (!this.cache.has(k)) {
      if (!UUID.test(id)) return undefined;
      await this.load([{ entity, id }]);
    }
    return this.cache.get(k) ?? undefined;
  }

  begin(): void {
    this.undo = [];
    this.savepoint = false;
  }

  async commit(): Promise<void> {
    if (this.savepoint) await sql`RELEASE SAVEPOINT m`.execute(this.tx);
    this.undo = null;
    this.savepoint = false;
  }

  async rollback(): Promise<void> {
    for (const [k, stored, pend] of (this.undo ?? []).reverse()) {
      if (stored === undefined) this.cache.delete(k);
      else this.cache.set(k, stored);
      if (pend === undefined) this.pending.delete(k);
      else this.pending.set(k, pend);
    }
    if (this.savepoint) await sql`ROLLBACK TO SAVEPOINT m`.execute(this.tx);
    this.undo = null;
    this.savepoint = false;
  }

  private put(p: Pending): void {
    const k = keyOf(p.entity, p.id);
    this.undo?.push([k, this.cache.get(k), this.pending.get(k)]);
    this.cache.set(k, { data: p.data, fv: p.fv, version: p.version });
    this.pending.set(k, p);
  }

  private async beforeKeyWrite(): Promise<void> {
    if (this.undo && !this.savepoint) {
      await sql`SAVEPOINT m`.execute(this.tx);
      this.savepoint = true;
    }
  }

  /** Writes the kept rows (multi-row upserts). */
  async flush(): Promise<void> {
    const rows = [...this.pending.values()];
    this.pending.clear();
    for (let i = 0; i < rows.length; i += 1000) {
      await this.tx
        .insertInto('record')
        .values(
          rows.slice(i, i + 1000).map((p) => ({ school_id: this.w.schoolId, entity: p.entity, id: p.id, data: JSON.stringify(p.data), fv: JSON.stringify(p.fv), version: p.version })),
        )
        .onConflict((oc) =>
          oc.columns(['school_id', 'entity', 'id']).doUpdateSet((eb) => ({ data: eb.ref('excluded.data'), fv: eb.ref('excluded.fv'), version: eb.ref('excluded.version') })),
        )
        .execute();
    }
  }

  /**
   * Applies one change as version `version`. Throws Refusal when a check fails (the caller rolls
   * back the whole group). Returns the row before and after (for central side effects).
   */
  async apply(version: number, c: Change): Promise<{ before?: Stored; after: Row; info: EntityInfo }> {
    const { tx, w } = this;
    const info = ownerCheck(w, c.entity);
    const rec = info.entity.record;
    for (const f of Object.keys(c.fields)) {
      if (!info.columns.includes(f)) throw new Refusal(`Поля «${f}» нет у записи (${rec}): центральная система его не знает.`);
    }
    for (const [f, v] of Object.entries(c.fields)) {
      if (typeof v === 'string' && BAD_TEXT.test(v)) throw new Refusal(`Поле «${label(info, f)}» (${rec}) содержит недопустимый символ.`);
    }
    if ('id' in c.fields && c.fields.id !== c.id) throw new Refusal(`Идентификатор записи (${rec}) не совпадает с изменяемой записью.`);
    if (!UUID.test(c.id)) throw new Refusal(`Идентификатор записи (${rec}) не UUID.`);

    const before = await this.get(c.entity, c.id);
    let after: Row;
    if (c.op === 'insert') {
      if (before) throw new Refusal(`Запись (${rec}) уже есть в центральной системе.`);
      if (w.mode === 'client') {
        const missing = info.columns.filter((col) => col !== 'id' && !(col in c.fields));
        if (missing.length) throw new Refusal(`Не хватает поля «${label(info, missing[0]!)}» (${rec}).`);
      }
      after = Object.fromEntries(info.columns.map((col) => [col, col === 'id' ? c.id : (c.fields[col] ?? null)]));
    } else {
      if (!before) throw new Refusal(`Запись (${rec}) не найдена в центральной системе.`);
      if (c.op === 'delete' && Object.keys(c.fields).some((f) => f !== 'deleted_at' && f !== 'updated_at' && f !== 'id'))
        throw new Refusal(`Удаление записи (${rec}) меняет другие поля.`);
      if (c.op === 'delete' && c.fields.deleted_at == null) throw new Refusal(`Удаление записи (${rec}) без даты удаления.`);
      if (w.mode === 'client') {
        const base = c.base ?? 0;
        for (const [f, v] of Object.entries(c.fields)) {
          if (NO_CONFLICT.has(f)) continue;
          const fv = before.fv[f];
          // The same value written twice is no conflict: both sides agree.
          if (!fv || fv[0] <= base || fv[1] === w.writer || before.data[f] === v) continue;
          const where = fv[1] === 'central' ? 'в центральной системе' : 'на другом компьютере школы';
          const kept = fv[1] === 'central' ? 'действует значение из центральной системы' : 'действует значение, сохранённое там';
          throw new Refusal(`Поле «${label(info, f)}» (${rec}) изменено ${where} после того, как его начали менять здесь: изменение не принято, ${kept}.`);
        }
      }
      after = { ...before.data, ...c.fields, id: c.id };
    }

    // References: every id a changed field names is a record of this school (of the referenced kind).
    for (const [f, v] of Object.entries(c.fields)) {
      const ref = info.entity.columns[f]?.ref;
      if (!ref || v === null || (before && before.data[f] === v)) continue;
      if (typeof v !== 'string' || !(await this.get(ref, v)))
        throw new Refusal(`Поле «${label(info, f)}» (${rec}) ссылается на запись, которой нет в центральной системе.`);
    }

    // Unique keys: release the keys the row no longer holds, take the new ones; a taken key refuses.
    for (let k = 0; k < info.unique.length; k++) {
      const key = info.unique[k]!;
      const oldKey = keyText(info, key, before?.data);
      const newKey = keyText(info, key, after);
      if (oldKey === newKey) continue;
      await this.beforeKeyWrite();
      if (oldKey !== null)
        await tx
          .deleteFrom('unique_key')
          .where('school_id', '=', w.schoolId)
          .where('entity', '=', c.entity)
          .where('key_no', '=', k)
          .where('key', '=', oldKey)
          .where('record_id', '=', c.id)
          .execute();
      if (newKey !== null) {
        const took = await tx
          .insertInto('unique_key')
          .values({ school_id: w.schoolId, entity: c.entity, key_no: k, key: newKey, record_id: c.id })
          .onConflict((oc) => oc.doNothing())
          .returning('record_id')
          .executeTakeFirst();
        if (!took) throw new Refusal(await this.clashReason(info, k, newKey, after));
      }
    }

    const fv: FieldVersions = { ...(before?.fv ?? {}) };
    for (const f of c.op === 'insert' ? info.columns : Object.keys(c.fields)) fv[f] = [version, w.writer];
    this.put({ entity: c.entity, id: c.id, data: after, fv, version });
    return { before, after, info };
  }

  /** «Класс 5Д уже есть в центральной системе: его создали на другом компьютере школы.» */
  private async clashReason(info: EntityInfo, k: number, key: string, row: Row): Promise<string> {
    const holderId = await this.tx
      .selectFrom('unique_key')
      .select('record_id')
      .where('school_id', '=', this.w.schoolId)
      .where('entity', '=', info.table)
      .where('key_no', '=', k)
      .where('key', '=', key)
      .executeTakeFirst();
    const holder = holderId ? await this.get(info.table, holderId.record_id) : undefined;
    return clashText(this.w, info, k, row, holder, (entity, id) => this.get(entity, id).then((s) => s?.data));
  }
}

async function clashText(w: Writer, info: EntityInfo, k: number, row: Row, holder: Stored | undefined, lookup: (entity: string, id: string) => Promise<Row | undefined>): Promise<string> {
  const title = await recordTitle(info, row, lookup);
  const cols = info.unique[k]!.on;
  // Who wrote the key's fields last on the holder: another office computer, or the centre.
  let last: [number, string] | undefined;
  for (const c of cols) {
    const fv = holder?.fv[c];
    if (fv && (!last || fv[0] > last[0])) last = fv;
  }
  const by =
    !last || last[1] === w.writer
      ? ''
      : last[1] === 'central'
        ? `: ${pronoun(info.entity.record)} внесли учителя или администраторы центрального журнала`
        : `: ${pronoun(info.entity.record)} создали на другом компьютере школы`;
  // A key the name does not show (СНИЛС) is named.
  const named = cols.length === 1 && !['name', 'grade', 'letter', 'last_name'].includes(cols[0]!) && !info.entity.columns[cols[0]!]?.ref;
  const what = named ? ` (совпадает «${label(info, cols[0]!)}»)` : '';
  return `${title}${what} уже есть в центральной системе${by}.`;
}

/** R15: a change of a mark's value written by the centre is logged as a mark_change record. */
export async function logMarkChange(applier: Applier, version: number, entity: string, id: string, before: Stored | undefined, after: Row, at: string): Promise<void> {
  if ((entity !== 'mark' && entity !== 'period_mark') || !before) return;
  const wasLive = before.data.deleted_at == null;
  if (!wasLive) return;
  const oldValue = (before.data.value ?? null) as Value;
  const newValue = (after.deleted_at == null ? (after.value ?? null) : null) as Value;
  if (oldValue === newValue) return;
  const changedAt = (typeof after.updated_at === 'string' && after.updated_at) || at;
  await applier.apply(version, {
    entity: 'mark_change',
    id: randomUUID(),
    op: 'insert',
    base: null,
    fields: {
      created_at: changedAt,
      updated_at: changedAt,
      deleted_at: null,
      mark_id: id,
      mark_table: entity,
      student_id: after.student_id ?? null,
      subject_id: after.subject_id ?? null,
      lesson_date: entity === 'mark' ? (after.date ?? null) : null,
      teacher_id: after.entered_by ?? null,
      changed_at: changedAt,
      old_value: oldValue,
      new_value: newValue,
    },
  });
}

