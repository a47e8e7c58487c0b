// Issue 10: whatever local edits and pulled pages come, in any order, after the pushes are answered
// and a complete pull, the local tables hold exactly the server's rows (fast-check, seeded).
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Writer, type Db } from '../../db';
import { applyPullPage, mutationsToPush, recordPush, setIdentity, syncState } from '../../db/sync';
import { tempDb } from '../support/tmp';
import { CentralModel, localRows, serverRows, syncRound } from '../support/central-model';

const LETTERS = ['А', 'Б', 'В'];
type Cmd =
  | { k: 'localInsert'; letter: number; shift: number }
  | { k: 'localEdit'; pick: number; letter: number; shift: number }
  | { k: 'localRemove'; pick: number }
  | { k: 'centralInsert'; letter: number; shift: number }
  | { k: 'centralEdit'; pick: number; shift: number; letter: number }
  | { k: 'centralRemove'; pick: number }
  | { k: 'push'; refuseEvery: number }
  | { k: 'pull'; limit: number; stopAfter: number };

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({ k: fc.constant('localInsert' as const), letter: fc.nat(2), shift: fc.integer({ min: 1, max: 2 }) }),
  fc.record({ k: fc.constant('localEdit' as const), pick: fc.nat(20), letter: fc.nat(2), shift: fc.integer({ min: 1, max: 2 }) }),
  fc.record({ k: fc.constant('localRemove' as const), pick: fc.nat(20) }),
  fc.record({ k: fc.constant('centralInsert' as const), letter: fc.nat(2), shift: fc.integer({ min: 1, max: 2 }) }),
  fc.record({ k: fc.constant('centralEdit' as const), pick: fc.nat(20), shift: fc.integer({ min: 1, max: 2 }), letter: fc.nat(2) }),
  fc.record({ k: fc.constant('centralRemove' as const), pick: fc.nat(20) }),
  fc.record({ k: fc.constant('push' as const), refuseEvery: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ k: fc.constant('pull' as const), limit: fc.integer({ min: 1, max: 4 }), stopAfter: fc.integer({ min: 1, max: 3 }) }),
);

describe('the sync store converges', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('to the server rows after any sequence of local edits, central edits, pushes and (partial) pulls', () => {
    let idn = 0;
    const uuid = () => `01900000-0000-7000-8000-${String(++idn).padStart(12, '0')}`;
    fc.assert(
      fc.property(fc.array(cmd, { minLength: 1, maxLength: 25 }), (cmds) => {
        const t = tempDb();
        cleanups.push(t.cleanup);
        const db: Db = t.db;
        const yearId = db.tx(() => new Writer(db, 'x').insert('academic_year', { name: '2026/2027', start_date: '2026-09-01', end_date: '2027-05-31', grade_edit_window: '2w', is_current: 1 }).id);
        setIdentity(db, { serverUrl: 'http://127.0.0.1:1', schoolId: uuid(), schoolName: 'Школа', clientId: uuid(), secret: 'x'.repeat(40) });
        const model = new CentralModel();
        syncRound(db, model);
        const live = (rows: Record<string, unknown>[]) => rows.filter((r) => r.deleted_at == null);
        const serverLive = () => live(serverRows(model, 'school_class'));
        const keyFree = (letter: string, except?: unknown) => !serverLive().some((r) => r.letter === letter && r.id !== except);
        const at = '2026-12-01T10:00:00.000Z';
        for (const c of cmds) {
          const local = live(localRows(db, 'school_class'));
          const w = () => new Writer(db, 'x');
          try {
            if (c.k === 'localInsert') db.tx(() => w().insert('school_class', { year_id: yearId, grade: 5, letter: LETTERS[c.letter]!, shift: c.shift, class_teacher_id: null, room_id: null }));
            else if (c.k === 'localEdit' && local.length) db.tx(() => w().update('school_class', String(local[c.pick % local.length]!.id), { letter: LETTERS[c.letter]!, shift: c.shift }));
            else if (c.k === 'localRemove' && local.length) db.tx(() => w().remove('school_class', String(local[c.pick % local.length]!.id)));
          } catch (e) {
            if (!/UNIQUE/.test(String(e))) throw e; // the app refuses a second «5А» here: nothing written
          }
          const server = serverLive();
          if (c.k === 'centralInsert' && keyFree(LETTERS[c.letter]!)) {
            const id = uuid();
            model.central([{ entity: 'school_class', id, data: { id, created_at: at, updated_at: at, deleted_at: null, year_id: yearId, grade: 5, letter: LETTERS[c.letter]!, shift: c.shift, class_teacher_id: null, room_id: null } }]);
          } else if (c.k === 'centralEdit' && server.length) {
            const r = server[c.pick % server.length]!;
            const letter = keyFree(LETTERS[c.letter]!, r.id) ? LETTERS[c.letter]! : (r.letter as string);
            model.central([{ entity: 'school_class', id: String(r.id), data: { shift: c.shift, letter, updated_at: at } }]);
          } else if (c.k === 'centralRemove' && server.length) {
            const r = server[c.pick % server.length]!;
            model.central([{ entity: 'school_class', id: String(r.id), data: { deleted_at: at, updated_at: at } }]);
          } else if (c.k === 'push') {
            const batch = mutationsToPush(db, 5);
            if (batch.length) recordPush(db, model.push(batch, (m) => (c.refuseEvery > 0 && m.id % (c.refuseEvery + 1) === 0 ? 'Отказ центральной системы.' : null)));
          } else if (c.k === 'pull') {
            // A pull interrupted after some pages: the next one continues from the cursor.
            const pages = model.pages(syncState(db).cursor, c.limit);
            for (const p of pages.slice(0, c.stopAfter)) applyPullPage(db, p);
          }
          expect(db.raw.pragma('foreign_key_check')).toEqual([]);
        }
        syncRound(db, model);
        syncRound(db, model);
        expect(localRows(db, 'school_class')).toEqual(serverRows(model, 'school_class'));
        expect(syncState(db).pending).toBe(0);
        expect(db.raw.prepare('SELECT count(*) FROM sync_shadow').pluck().get()).toBe(0);
        expect(db.raw.prepare('SELECT count(*) FROM sync_parked').pluck().get()).toBe(0);
        t.cleanup();
        cleanups.pop();
      }),
      { numRuns: 60, seed: 20261201 },
    );
  }, 300_000);
});
