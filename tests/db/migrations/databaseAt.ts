// The migration tests' database at a schema version: a temp file, closed and removed after each test.
import { afterEach } from 'vitest';
import { join } from 'node:path';
import { Db, migrate } from '../../../db';
import { tempDir } from '../../support/tmp';

export function databaseAt(): (version: number) => Db {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });
  return (version) => {
    const t = tempDir();
    const db = new Db(join(t.dir, 'm.sqlite'));
    cleanups.push(() => (db.close(), t.cleanup()));
    migrate(db, version);
    return db;
  };
}
