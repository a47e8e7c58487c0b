// Change events (issue 9 point 7): which entities a committed transaction changed, and by whom.
import { afterEach, describe, expect, it } from 'vitest';
import { Db, Writer, withChangeOrigin, type ChangeEvent } from '../../db';
import { writtenTable } from '../../db/changes';
import { tempCore } from '../support/core';
import { tempDb } from '../support/tmp';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('change events', () => {
  let cleanup: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanup.reverse()) c();
    cleanup = [];
  });
  function db(): { db: Db; path: string; events: ChangeEvent[] } {
    const t = tempDb();
    cleanup.push(t.cleanup);
    const events: ChangeEvent[] = [];
    t.db.onChange((e) => events.push(e));
    return { db: t.db, path: t.path, events };
  }

  it('a committed transaction tells the tables it wrote, once, after the commit', () => {
    const { db: d, events } = db();
    let seenInside = -1;
    d.tx(() => {
      const w = new Writer(d, 'завуч');
      const room = w.insert('room', { number: '101', name: null, capacity: 30, kind: 'regular' });
      w.update('room', room.id, { capacity: 28 });
      w.insert('subject', { name: 'Физика', short_name: 'Физ', no_attestation: 0, grading: 'five_point', sort_order: 1, room_kind: null });
      seenInside = events.length;
    });
    expect(seenInside).toBe(0); // nothing is told before the commit
    expect(events).toEqual([{ entities: ['audit_log', 'room', 'subject', 'sync_mutation'], by: 'user' }]);
  });

  it('a rolled back transaction tells nothing, and the next one tells only its own tables', () => {
    const { db: d, events } = db();
    expect(() =>
      d.tx(() => {
        new Writer(d, 'x').insert('room', { number: '1', name: null, capacity: null, kind: 'regular' });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(events).toEqual([]);
    d.tx(() => new Writer(d, 'x').insert('subject', { name: 'Химия', short_name: 'Хим', no_attestation: 0, grading: 'five_point', sort_order: 2, room_kind: null }));
    expect(events.map((e) => e.entities)).toEqual([['audit_log', 'subject', 'sync_mutation']]);
  });

  it('a nested transaction joins the outer one: one event at the outermost commit', () => {
    const { db: d, events } = db();
    d.tx(() => {
      d.tx(() => new Writer(d, 'x').insert('room', { number: '1', name: null, capacity: null, kind: 'regular' }));
      expect(events).toEqual([]);
      d.tx(() => new Writer(d, 'x').insert('room', { number: '2', name: null, capacity: null, kind: 'regular' }));
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.entities).toContain('room');
  });

  it('a transaction that writes nothing tells nothing; a Writer update that changes nothing neither', () => {
    const { db: d, events } = db();
    d.tx(() => d.raw.prepare('SELECT 1').get());
    const room = d.tx(() => new Writer(d, 'x').insert('room', { number: '1', name: null, capacity: 3, kind: 'regular' }));
    events.length = 0;
    d.tx(() => new Writer(d, 'x').update('room', room.id, { capacity: 3, kind: 'regular' }));
    expect(events).toEqual([]);
  });

  it('statements outside the Writer are noted by the table they write (accounts, settings), also outside a transaction', async () => {
    const { db: d, events } = db();
    d.tx(() => d.statement("INSERT INTO setting (key, value) VALUES ('x', '1') ON CONFLICT(key) DO UPDATE SET value = excluded.value").run());
    expect(events.map((e) => e.entities)).toEqual([['setting']]);
    events.length = 0;
    // An autocommit statement is its own transaction: told right after it ran.
    d.statement("UPDATE setting SET value = '2' WHERE key = 'x'").run();
    expect(events).toEqual([]);
    await tick();
    expect(events.map((e) => e.entities)).toEqual([['setting']]);
  });

  it('reads which table a statement writes', () => {
    expect(writtenTable('INSERT INTO audit_log (at) VALUES (?)')).toBe('audit_log');
    expect(writtenTable('insert or replace into "setting" (key) values (?)')).toBe('setting');
    expect(writtenTable('UPDATE app_user SET x = 1')).toBe('app_user');
    expect(writtenTable('update "app_user" set "x" = ?')).toBe('app_user');
    expect(writtenTable('DELETE FROM subgroup_member WHERE id = ?')).toBe('subgroup_member');
    expect(writtenTable('REPLACE INTO room VALUES (1)')).toBe('room');
    expect(writtenTable('select * from "student" where "id" = ?')).toBeNull();
    expect(writtenTable('SELECT 1 FROM x WHERE name = "UPDATE y"')).toBeNull();
  });

  it('tells who changed: the origin of the running code, kept across awaits', async () => {
    const { db: d, events } = db();
    await withChangeOrigin({ by: 'job', actor: 'admin' }, async () => {
      await tick();
      d.tx(() => new Writer(d, 'admin').insert('room', { number: '7', name: null, capacity: null, kind: 'regular' }));
    });
    withChangeOrigin({ by: 'sync' }, () => d.tx(() => new Writer(d, 'sync').insert('room', { number: '8', name: null, capacity: null, kind: 'regular' })));
    expect(events.map((e) => [e.by, e.actor])).toEqual([
      ['job', 'admin'],
      ['sync', undefined],
    ]);
  });

  it('a failing listener does not undo the commit nor silence the others', () => {
    const { db: d, events } = db();
    d.onChange(() => {
      throw new Error('window closed');
    });
    const more: ChangeEvent[] = [];
    d.onChange((e) => more.push(e));
    d.tx(() => new Writer(d, 'x').insert('room', { number: '1', name: null, capacity: null, kind: 'regular' }));
    expect(events).toHaveLength(1);
    expect(more).toHaveLength(1);
    expect(d.raw.prepare('SELECT COUNT(*) AS n FROM room').get()).toEqual({ n: 1 });
  });

  it("another connection's commit is seen by data_version as «anything, by another process»", async () => {
    const { db: d, path, events } = db();
    const stop = d.watchOthers(20);
    cleanup.push(stop);
    const other = new Db(path);
    cleanup.push(() => other.close());
    // Our own commits are told by the transaction, not a second time by the watcher.
    d.tx(() => new Writer(d, 'x').insert('room', { number: '1', name: null, capacity: null, kind: 'regular' }));
    await new Promise((r) => setTimeout(r, 100));
    expect(events.map((e) => e.by)).toEqual(['user']);
    other.tx(() => new Writer(other, 'cli').insert('room', { number: '2', name: null, capacity: null, kind: 'regular' }));
    await expect.poll(() => events.map((e) => e.by), { timeout: 5000 }).toEqual(['user', 'other']);
    expect(events[1]).toEqual({ entities: ['*'], by: 'other' });
    // The store worker's checkpoints (PASSIVE, on its own connection) are no change of data.
    d.tx(() => new Writer(d, 'x').insert('room', { number: '3', name: null, capacity: null, kind: 'regular' }));
    other.raw.pragma('wal_checkpoint(PASSIVE)');
    await new Promise((r) => setTimeout(r, 100));
    expect(events.map((e) => e.by)).toEqual(['user', 'other', 'user']);
  });

  it('a call through the dispatcher tells the acting user and session; a refused call tells nothing', async () => {
    const core = await tempCore();
    cleanup.push(core.cleanup);
    const events: ChangeEvent[] = [];
    core.db.onChange((e) => events.push(e));
    await core.call('rooms.save', { number: '204', name: 'Кабинет физики', capacity: 30, kind: 'regular' });
    expect(events).toEqual([{ entities: ['audit_log', 'room', 'sync_mutation'], by: 'user', actor: 'admin', sessionId: core.ctx.session.id }]);
    events.length = 0;
    await expect(core.call('rooms.save', { number: '204', name: null, capacity: 30, kind: 'regular' })).rejects.toThrow();
    expect(events).toEqual([]);
  });
});
