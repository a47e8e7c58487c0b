// A backup's schema must be exactly the one this program's migrations build for its schema
// version: every table, column, index and constraint as we create them, and nothing else — no
// trigger, view or table of someone else's. A trigger planted in a backup would otherwise come
// alive with the restore (a secretary made administrator at her next login, her audit lines
// deleted): the digest cannot see it, since whoever plants it can recompute the digest too.
import type BetterSqlite3 from 'better-sqlite3';
import { Db, migrate } from '../../../db';

/** One object of sqlite_master as it is compared: what it is, its name, its table and its SQL. */
type SchemaObject = { type: string; name: string; tbl_name: string; sql: string | null };

const key = (o: SchemaObject) => JSON.stringify([o.type, o.name, o.tbl_name, o.sql]);

export function schemaObjects(raw: BetterSqlite3.Database): SchemaObject[] {
  return raw.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all() as SchemaObject[];
}

const built = new Map<number, SchemaObject[]>();

/** The schema our migrations build up to `version`, in a database in memory (cached per version). */
export function referenceSchema(version: number): SchemaObject[] {
  let objects = built.get(version);
  if (!objects) {
    const db = new Db(':memory:');
    try {
      migrate(db, version);
      objects = schemaObjects(db.raw);
    } finally {
      db.close();
    }
    built.set(version, objects);
  }
  return objects;
}

/** Each kind of object with the words that agree with it: [noun, «лишний», «изменён», «нет …» (genitive)]. */
type Words = [string, string, string, string];
const KIND: Record<string, Words> = {
  table: ['таблица', 'лишняя', 'изменена', 'таблицы'],
  index: ['индекс', 'лишний', 'изменён', 'индекса'],
  trigger: ['триггер', 'лишний', 'изменён', 'триггера'],
  view: ['представление', 'лишнее', 'изменено', 'представления'],
};
const OTHER: Words = ['объект', 'лишний', 'изменён', 'объекта'];

/**
 * What differs from our schema at `version`, in Russian words («лишний триггер «x»», «изменена
 * таблица «student»»); empty when the schema is exactly ours.
 */
export function schemaDifferences(raw: BetterSqlite3.Database, version: number): string[] {
  const expected = new Map(referenceSchema(version).map((o) => [key(o), o]));
  const found = new Map(schemaObjects(raw).map((o) => [key(o), o]));
  const expectedByName = new Map([...expected.values()].map((o) => [`${o.type}:${o.name}`, o]));
  const foundByName = new Map([...found.values()].map((o) => [`${o.type}:${o.name}`, o]));
  const out: string[] = [];
  const kind = (o: SchemaObject) => KIND[o.type] ?? OTHER;
  const name = (o: SchemaObject) => `«${o.name.length > 60 ? `${o.name.slice(0, 60)}…` : o.name}»`;
  for (const [k, o] of found) {
    if (expected.has(k)) continue;
    if (expectedByName.has(`${o.type}:${o.name}`)) out.push(`${kind(o)[2]} ${kind(o)[0]} ${name(o)}`);
    else out.push(`${kind(o)[1]} ${kind(o)[0]} ${name(o)}`);
  }
  for (const [k, o] of expected) if (!found.has(k) && !foundByName.has(`${o.type}:${o.name}`)) out.push(`нет ${kind(o)[3]} ${name(o)}`);
  return out;
}
