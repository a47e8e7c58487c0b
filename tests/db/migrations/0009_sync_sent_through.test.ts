import { describe, expect, it } from 'vitest';
import { migrate } from '../../../db';
import { syncState } from '../../../db/sync';
import { databaseAt } from './databaseAt';

describe('migration 0009: the sync store remembers how far it has sent', () => {
  const at = databaseAt();
  const now = '2026-10-01T09:00:00.000Z';

  it('counts every mutation a version-8 database numbered as possibly sent', () => {
    const db = at(8);
    const run = (sql: string, ...args: unknown[]) => db.raw.prepare(sql).run(...args);
    for (const no of [4, 5, 6]) run("INSERT INTO sync_mutation (no, at, actor, state) VALUES (?, ?, 'admin', 'pending')", no, now);
    run('UPDATE sync_state SET pushed_through = 3, acked_mutation = 3, next_mutation = 7');
    expect(migrate(db, 9)).toEqual([9]);
    expect(db.raw.prepare('SELECT sent_through, pushed_through, next_mutation FROM sync_state').get()).toEqual({ sent_through: 6, pushed_through: 3, next_mutation: 7 });
    expect(syncState(db)).toMatchObject({ pending: 3, pushedThrough: 3, sentThrough: 6 });
  });

  it('starts an empty database at 0', () => {
    const db = at(8);
    expect(migrate(db, 9)).toEqual([9]);
    expect(db.raw.prepare('SELECT sent_through FROM sync_state').pluck().get()).toBe(0);
  });
});
