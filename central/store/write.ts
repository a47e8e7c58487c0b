// Central-side writes (docs/sync.md): what teachers enter in the central journal, the simulator, the
// tests. One call = one new school version for all its changes; no base check (the centre is
// authoritative), writer 'central'; the other checks hold (a bad change throws, nothing written).
// A change of a mark's value also writes a mark_change record (R15).
import type { CentralDb } from '../db';
import { CentralError } from '../errors';
import type { Change } from '../protocol';
import { Applier, logMarkChange, Refusal, type Tx, type Writer } from './apply';

export interface WriteOptions {
  /** Who writes (kept per field): 'central' unless said. */
  writer?: string;
  /** The moment of a mark change when the change carries no updated_at (ISO). */
  at?: string;
}

/** Applies central changes as one version; returns it. Throws CentralError(422) with the Russian reason when a check fails. */
export async function writeCentral(db: CentralDb | Tx, schoolId: string, changes: readonly Change[], options: WriteOptions = {}): Promise<{ version: number }> {
  const run = async (tx: Tx) => {
    const s = await tx.selectFrom('school').select('version').where('id', '=', schoolId).forUpdate().executeTakeFirst();
    if (!s) throw new CentralError(404, 'no_school', 'Школа не найдена в центральной системе.');
    const version = s.version + 1;
    const w: Writer = { schoolId, writer: options.writer ?? 'central', mode: 'central' };
    const at = options.at ?? new Date().toISOString();
    const applier = new Applier(tx, w);
    try {
      await applier.prefetch(changes);
      for (const c of changes) {
        const r = await applier.apply(version, c);
        await logMarkChange(applier, version, c.entity, c.id, r.before, r.after, at);
      }
      await applier.flush();
    } catch (e) {
      if (e instanceof Refusal) throw new CentralError(422, 'refused', e.reason);
      throw e;
    }
    await tx.updateTable('school').set({ version }).where('id', '=', schoolId).execute();
    return { version };
  };
  return db.isTransaction ? run(db as Tx) : (db as CentralDb).transaction().execute(run);
}
