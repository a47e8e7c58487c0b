import type { Migration } from './types';

/**
 * Issue 10: the sync store remembers how far it has sent (`sync_state.sent_through`: the highest
 * mutation number ever taken for a push). A mutation up to it may have reached the server, so only
 * the server's answer decides it: the app never refuses it locally (db/sync, docs/sync.md). A
 * database from before may have sent any mutation it numbered: all of them count as sent.
 */
export const migration: Migration = {
  version: 9,
  name: 'sync store: how far mutations were sent',
  up: (db) => {
    db.exec(`
ALTER TABLE sync_state ADD COLUMN sent_through INTEGER NOT NULL DEFAULT 0;
UPDATE sync_state SET sent_through = max(pushed_through, next_mutation - 1);
`);
  },
};
