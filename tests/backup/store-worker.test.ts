// The store's worker thread as the hosts start it: WAL checkpoints leave the calling thread.
import { afterEach, describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { startStoreWorker } from '../../electron/core/backup/backup';
import { tempCore } from '../support/core';

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the store worker', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('copies the WAL into the database file after a commit, without the app connection checkpointing', async () => {
    const t = await tempCore();
    cleanup = t.cleanup;
    await startStoreWorker(t.ctx);
    // The app's own automatic checkpoint waits for 40 MB of WAL: far more than this commit writes.
    expect(t.db.raw.pragma('wal_autocheckpoint', { simple: true })).toBe(10000);
    const fileSize = () => statSync(t.db.path).size;
    const before = fileSize();
    await t.call('app.createSchool', { fullName: 'МБОУ «Школа № 5»', shortName: 'Школа № 5', inn: '5902123456' });
    await t.call('years.save', await t.call('years.suggest', { startYear: 2026 }));
    for (let g = 1; g <= 11; g++) for (const letter of ['А', 'Б', 'В', 'Г']) await t.call('classes.save', { grade: g, letter, shift: 1 });
    // The new pages reach the file only through a checkpoint: the worker's.
    await until(() => fileSize() > before);
    expect((await t.call('classes.list', {})).length).toBe(44);
  });
});
