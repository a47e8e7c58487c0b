import { afterEach, describe, expect, it } from 'vitest';
import { Writer, UUID_RE, NewerSchemaError, openDatabase } from '../../db';
import { tempDb } from '../support/tmp';
import { tempCore } from '../support/core';
import { AppError } from '../../electron/api/errors';

describe('the write path', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('stamps rows with UUIDv7 and timestamps, and records one sync mutation per transaction and the audit in it', () => {
    const t = tempDb();
    cleanup = t.cleanup;
    const { db } = t;
    const room = db.tx(() => new Writer(db, 'завуч').insert('room', { number: '101', name: null, capacity: 30, kind: 'regular' }));
    expect(room.id).toMatch(UUID_RE);
    expect(room.deleted_at).toBeNull();
    db.tx(() => new Writer(db, 'завуч').update('room', room.id, { capacity: 28 }));
    db.tx(() => new Writer(db, 'завуч').remove('room', room.id));
    const changes = db.raw.prepare('SELECT mutation_no, op, entity, entity_id FROM sync_change ORDER BY mutation_no, seq').all();
    expect(changes).toEqual([
      { mutation_no: 1, op: 'insert', entity: 'room', entity_id: room.id },
      { mutation_no: 2, op: 'update', entity: 'room', entity_id: room.id },
      { mutation_no: 3, op: 'delete', entity: 'room', entity_id: room.id },
    ]);
    const audit = db.raw.prepare('SELECT actor, action, old_values, new_values FROM audit_log ORDER BY seq').all() as { actor: string; action: string; old_values: string; new_values: string }[];
    expect(audit.map((a) => a.actor)).toEqual(['завуч', 'завуч', 'завуч']);
    expect(JSON.parse(audit[1]!.old_values)).toEqual({ capacity: 30 });
    expect(JSON.parse(audit[1]!.new_values)).toEqual({ capacity: 28 });
    // No hard delete: the row is still there with its tombstone.
    const row = db.raw.prepare('SELECT deleted_at FROM room WHERE id = ?').get(room.id) as { deleted_at: string };
    expect(row.deleted_at).toBeTruthy();
  });

  it('rolls back the change, the sync mutation and the audit together', () => {
    const t = tempDb();
    cleanup = t.cleanup;
    const { db } = t;
    expect(() =>
      db.tx(() => {
        new Writer(db, 'x').insert('room', { number: '1', name: null, capacity: null, kind: 'regular' });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    for (const table of ['room', 'sync_mutation', 'sync_change', 'sync_shadow', 'audit_log'])
      expect((db.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n, table).toBe(0);
  });

  it('refuses a missing record with a Russian message naming its kind, directly and through a call', async () => {
    const t = await tempCore();
    cleanup = t.cleanup;
    const { db } = t;
    const missing = '01900000-0000-7000-8000-000000000000';
    const direct = (() => {
      try {
        db.tx(() => new Writer(db, 'x').get('room', missing));
      } catch (e) {
        return e;
      }
    })();
    expect(direct).toBeInstanceOf(AppError);
    expect(direct).toMatchObject({ code: 'not_found', message: 'Запись не найдена (кабинет): возможно, её уже удалили.' });
    // A call naming a record removed meanwhile gets that refusal, not «внутренняя ошибка».
    await expect(t.call('rooms.remove', { id: missing })).rejects.toMatchObject({ code: 'not_found', message: 'Запись не найдена (кабинет): возможно, её уже удалили.' });
    await expect(t.call('students.remove', { id: missing })).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/^Ученик: запись не найдена/) });
  });

  it('refuses to write outside a transaction', () => {
    const t = tempDb();
    cleanup = t.cleanup;
    expect(() => new Writer(t.db, 'x').insert('room', { number: '1', name: null, capacity: null, kind: 'regular' })).toThrow(/outside a transaction/);
  });

  it('skips updates that change nothing', () => {
    const t = tempDb();
    cleanup = t.cleanup;
    const { db } = t;
    const r = db.tx(() => new Writer(db, 'x').insert('room', { number: '1', name: null, capacity: 10, kind: 'regular' }));
    db.tx(() => new Writer(db, 'x').update('room', r.id, { capacity: 10 }));
    expect((db.raw.prepare('SELECT count(*) AS n FROM sync_change').get() as { n: number }).n).toBe(1);
    expect((db.raw.prepare('SELECT count(*) AS n FROM sync_mutation').get() as { n: number }).n).toBe(1);
  });

  it('opens with WAL and foreign keys on, and refuses a database from a newer version', () => {
    const t = tempDb();
    cleanup = t.cleanup;
    expect(t.db.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(t.db.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    t.db.raw.prepare("INSERT INTO schema_migration VALUES (999, 'future', 'x')").run();
    t.db.close();
    expect(() => openDatabase(t.path)).toThrow(NewerSchemaError);
    cleanup = () => t.cleanup.call(null);
  });
});
