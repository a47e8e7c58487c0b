import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../db';

/** A real SQLite file in a fresh temporary folder. */
export function tempDir(prefix = 'school-office-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function tempDb(): { db: Db; path: string; dir: string; cleanup: () => void } {
  const t = tempDir();
  const path = join(t.dir, 'school.sqlite');
  const db = openDatabase(path);
  return {
    db,
    path,
    dir: t.dir,
    cleanup: () => {
      db.close();
      t.cleanup();
    },
  };
}

