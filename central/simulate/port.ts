// The simulator's port on the central store: the school's setup read from its records, the
// teachers' work written as central writes (writeCentral: one version per write, R15 rows of retakes).
import type { CentralDb } from '../db';
import { readRecords, writeCentral } from '../store';
import type { SimulationPort } from './run';

export function storePort(db: CentralDb, schoolId: string): SimulationPort {
  return {
    read: async (entity) => (await readRecords(db, schoolId, entity)).map((r) => r.data),
    write: async (changes) => {
      await writeCentral(db, schoolId, changes, { writer: 'central' });
    },
  };
}

/** A school named by its id or its exact name. */
export async function findSchool(db: CentralDb, idOrName: string): Promise<{ id: string; name: string } | undefined> {
  const byId = /^[0-9a-f-]{36}$/.test(idOrName);
  return db
    .selectFrom('school')
    .select(['id', 'name'])
    .where(byId ? 'id' : 'name', '=', idOrName)
    .executeTakeFirst();
}
