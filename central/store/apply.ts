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
import { cap, entityInfo, keyText, pronoun, recordTitle, type EntityInfo, type Row } from './registry';

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
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loadRecord(tx: Tx, schoolId: string, entity: string, id: string): Promise<Stored | undefined> {
  if (!UUID.test(id)) return undefined;
  return tx
    .selectFrom('record')
    .select(['data', 'fv', 'version'])
    .where('school_id', '=', schoolId)
    .where('entity', '=', entity)
    .where('id', '=', id)
    .executeTakeFirst();
}

const lookupIn = (tx: Tx, schoolId: string) => async (entity: string, id: string) => (await loadRecord(tx, schoolId, entity, id))?.data;

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

/**
 * Applies one change as version `version`. Throws Refusal when a check fails (the caller rolls back
 * the whole mutation). Returns the row as stored before and after (for central side effects).
 */
export async function applyChange(tx: Tx, w: Writer, version: number, c: Change): Promise<{ before?: Stored; after: Row; info: EntityInfo }> {
  const info = ownerCheck(w, c.entity);
  const rec = info.entity.record;
  for (const f of Object.keys(c.fields)) {
    if (!info.columns.includes(f)) throw new Refusal(`Поля «${f}» нет у записи (${rec}): центральная система его не знает.`);
  }
  if ('id' in c.fields && c.fields.id !== c.id) throw new Refusal(`Идентификатор записи (${rec}) не совпадает с изменяемой записью.`);
  if (!UUID.test(c.id)) throw new Refusal(`Идентификатор записи (${rec}) не UUID.`);

  const before = await loadRecord(tx, w.schoolId, c.entity, c.id);
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
  const refs: { f: string; entity: string; id: string }[] = [];
  for (const [f, v] of Object.entries(c.fields)) {
    const ref = info.entity.columns[f]?.ref;
    if (!ref || v === null || (before && before.data[f] === v)) continue;
    if (typeof v !== 'string' || !UUID.test(v)) throw new Refusal(`Поле «${label(info, f)}» (${rec}) ссылается на запись, которой нет в центральной системе.`);
    refs.push({ f, entity: ref, id: v });
  }
  if (refs.length) {
    const found = await sql<{ entity: string; id: string }>`
      SELECT r.entity, r.id::text AS id FROM record r
      JOIN (VALUES ${sql.join(refs.map((r) => sql`(${r.entity}, ${r.id}::uuid)`))}) AS v(entity, id)
        ON r.school_id = ${w.schoolId}::uuid AND r.entity = v.entity AND r.id = v.id`.execute(tx);
    const have = new Set(found.rows.map((r) => `${r.entity}:${r.id}`));
    const miss = refs.find((r) => !have.has(`${r.entity}:${r.id}`));
    if (miss) throw new Refusal(`Поле «${label(info, miss.f)}» (${rec}) ссылается на запись, которой нет в центральной системе.`);
  }

  // Unique keys: release the keys the row no longer holds, take the new ones; a taken key refuses.
  for (let k = 0; k < info.unique.length; k++) {
    const key = info.unique[k]!;
    const oldKey = keyText(info, key, before?.data);
    const newKey = keyText(info, key, after);
    if (oldKey === newKey) continue;
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
      if (!took) throw new Refusal(await clashReason(tx, w, info, k, newKey, after));
    }
  }

  const fv: FieldVersions = { ...(before?.fv ?? {}) };
  for (const f of c.op === 'insert' ? info.columns : Object.keys(c.fields)) fv[f] = [version, w.writer];
  if (before) {
    await tx
      .updateTable('record')
      .set({ data: JSON.stringify(after), fv: JSON.stringify(fv), version })
      .where('school_id', '=', w.schoolId)
      .where('entity', '=', c.entity)
      .where('id', '=', c.id)
      .execute();
  } else {
    await tx
      .insertInto('record')
      .values({ school_id: w.schoolId, entity: c.entity, id: c.id, data: JSON.stringify(after), fv: JSON.stringify(fv), version })
      .execute();
  }
  return { before, after, info };
}

/** «Класс 5Д уже есть в центральной системе: его создали на другом компьютере школы.» */
async function clashReason(tx: Tx, w: Writer, info: EntityInfo, k: number, key: string, row: Row): Promise<string> {
  const holder = await tx
    .selectFrom('unique_key')
    .innerJoin('record', (j) => j.onRef('record.school_id', '=', 'unique_key.school_id').onRef('record.entity', '=', 'unique_key.entity').onRef('record.id', '=', 'unique_key.record_id'))
    .select(['record.fv'])
    .where('unique_key.school_id', '=', w.schoolId)
    .where('unique_key.entity', '=', info.table)
    .where('unique_key.key_no', '=', k)
    .where('unique_key.key', '=', key)
    .executeTakeFirst();
  const title = await recordTitle(info, row, lookupIn(tx, w.schoolId));
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
        ? `: ${pronoun(info.entity.record)} внесли в центральной системе`
        : `: ${pronoun(info.entity.record)} создали на другом компьютере школы`;
  // A key the name does not show (СНИЛС) is named.
  const named = cols.length === 1 && !['name', 'grade', 'letter', 'last_name'].includes(cols[0]!) && !info.entity.columns[cols[0]!]?.ref;
  const what = named ? ` (совпадает «${label(info, cols[0]!)}»)` : '';
  return `${title}${what} уже есть в центральной системе${by}.`;
}

/** R15: a change of a mark's value written by the centre is logged as a mark_change record. */
export async function logMarkChange(tx: Tx, w: Writer, version: number, entity: string, id: string, before: Stored | undefined, after: Row, at: string): Promise<void> {
  if ((entity !== 'mark' && entity !== 'period_mark') || !before) return;
  const wasLive = before.data.deleted_at == null;
  if (!wasLive) return;
  const oldValue = (before.data.value ?? null) as Value;
  const newValue = (after.deleted_at == null ? (after.value ?? null) : null) as Value;
  if (oldValue === newValue) return;
  const changedAt = (typeof after.updated_at === 'string' && after.updated_at) || at;
  await applyChange(tx, w, version, {
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

export { cap };
