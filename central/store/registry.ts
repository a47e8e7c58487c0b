// What the central store knows of the app's tables: the entity registry (db/entities.ts) read for
// sync — who owns a table, its columns and references, the unique keys it enforces, and how a
// record is named in a refusal («Класс 5Д», «Ученик Иванов Иван Иванович»).
import { createHash } from 'node:crypto';
import { entityOf, isTable, type AnyEntity, type Table } from '../../db/entities';
import type { Value } from '../schema';

export type Row = Record<string, Value>;

export interface UniqueKey {
  readonly on: readonly string[];
  readonly nullsEqual?: true;
}

export interface EntityInfo {
  readonly table: Table;
  readonly entity: AnyEntity;
  readonly columns: readonly string[];
  readonly unique: readonly UniqueKey[];
  readonly hasDateTo: boolean;
}

const cache = new Map<string, EntityInfo | null>();

/** The registry's view of an entity name; undefined for a name that is no table. */
export function entityInfo(name: string): EntityInfo | undefined {
  let info = cache.get(name);
  if (info === undefined) {
    if (!isTable(name)) info = null;
    else {
      const entity = entityOf(name);
      const columns = Object.keys(entity.columns);
      // `unique`: the keys the app's database enforces (db/entities.ts, issue 10).
      const unique = entity.unique ?? [];
      info = { table: name, entity, columns, unique, hasDateTo: columns.includes('date_to') };
    }
    cache.set(name, info);
  }
  return info ?? undefined;
}

/** A row takes part in its unique keys while live (not deleted) and open (no date_to, where the table has it). */
export function isLive(info: EntityInfo, row: Row): boolean {
  return row.deleted_at == null && (!info.hasDateTo || row.date_to == null);
}

/** The text of one unique key of a row, or null when the row holds no such key (not live, or a null part). */
export function keyText(info: EntityInfo, key: UniqueKey, row: Row | undefined): string | null {
  if (!row || !isLive(info, row)) return null;
  const values = key.on.map((c) => row[c] ?? null);
  if (!key.nullsEqual && values.some((v) => v === null)) return null;
  const text = JSON.stringify(values);
  // A btree entry holds about 2.7 KB: a long key is kept as its hash (the same values, the same hash).
  return text.length > 512 ? `sha256:${createHash('sha256').update(text).digest('hex')}` : text;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The pronoun that stands for a record of this kind: «его» (класс), «её» (подгруппа), «их» (каникулы). */
export function pronoun(record: string): string {
  const head = record.split(/[ ,]/)[0]!;
  if (/(а|я)$/.test(head) || head === 'учебная') return 'её';
  if (/ы$|и$/.test(head)) return 'их';
  return 'его';
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** One value as the user knows it: a date dd.mm.yyyy, an enum's Russian. */
export function showValue(info: EntityInfo, column: string, v: Value): string {
  if (v === null) return '';
  const col = info.entity.columns[column];
  const s = String(v);
  const m = isoDate.exec(s);
  if (m && col?.shows === 'date') return `${m[3]}.${m[2]}.${m[1]}`;
  return col?.names?.[s] ?? s;
}

/** Looks up a referenced record's data (for names); undefined when it is not there. */
export type Lookup = (entity: string, id: string) => Promise<Row | undefined>;

/** A record's name without its kind: «5Д», «Иванов Иван Иванович», «5Д, Математика». */
export async function nameOf(info: EntityInfo, row: Row, lookup: Lookup, depth = 2): Promise<string> {
  if (info.table === 'school_class') return `${row.grade ?? ''}${row.letter ?? ''}`;
  if ('last_name' in info.entity.columns) return [row.last_name, row.first_name, row.middle_name].filter((x) => x != null && x !== '').join(' ');
  if ('name' in info.entity.columns && row.name != null) return String(row.name);
  const key = info.entity.keys[0] ?? [];
  const parts: string[] = [];
  for (const c of key) {
    const v = row[c] ?? null;
    if (v === null) continue;
    const ref = info.entity.columns[c]?.ref;
    if (ref && depth > 0 && typeof v === 'string') {
      const target = entityInfo(ref);
      const data = target ? await lookup(ref, v) : undefined;
      if (target && data) parts.push(await nameOf(target, data, lookup, depth - 1));
    } else if (!ref) parts.push(showValue(info, c, v));
  }
  return parts.filter(Boolean).join(', ');
}

/** «Класс 5Д», «Учебный план 5Д, Математика». */
export async function recordTitle(info: EntityInfo, row: Row, lookup: Lookup): Promise<string> {
  const name = await nameOf(info, row, lookup);
  return name ? `${cap(info.entity.record)} ${name}` : cap(info.entity.record);
}

export { cap };
