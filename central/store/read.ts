// Reading the central store directly (the simulator, the tests, the fault test's final comparison).
import type { CentralDb } from '../db';
import type { Row } from './registry';

export interface StoredRecord {
  id: string;
  version: number;
  /** The full row; deleted_at set for a tombstone. */
  data: Row;
}

/** Every record of an entity of a school (tombstones too), ordered by id. */
export async function readRecords(db: CentralDb, schoolId: string, entity: string): Promise<StoredRecord[]> {
  return db
    .selectFrom('record')
    .select(['id', 'version', 'data'])
    .where('school_id', '=', schoolId)
    .where('entity', '=', entity)
    .orderBy('id')
    .execute();
}

/** The school's current version (its cursor). */
export async function schoolVersion(db: CentralDb, schoolId: string): Promise<number> {
  const r = await db.selectFrom('school').select('version').where('id', '=', schoolId).executeTakeFirst();
  return r?.version ?? 0;
}
