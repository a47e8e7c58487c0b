// The content digest a backup carries (format 2: pages, format 1: rows, by earlier versions), and
// the two ways a copy is made (worker thread, or this thread) giving the same backup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { readMeta, rowDigest, writeMeta, type BackupMeta } from '../../electron/core/backup/sqliteFile';
import { inWorker } from '../../electron/core/backup/snapshot';
import { demoCore, rejection } from './support';

type Core = Awaited<ReturnType<typeof demoCore>>;
const CORRUPT = /^Файл «.+» повреждён или не является резервной копией Школьного офиса\.$/;

function metaOf(file: string): BackupMeta {
  const raw = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return readMeta(raw)!;
  } finally {
    raw.close();
  }
}

/** A copy of `file`, changed through SQLite itself: a valid database whose content differs. */
function edited(t: Core, file: string, name: string, sql: string, after?: (raw: BetterSqlite3.Database) => void): string {
  const path = join(t.dir, name);
  copyFileSync(file, path);
  t.chosen(path);
  const raw = new BetterSqlite3(path, { fileMustExist: true });
  try {
    raw.exec(sql);
    after?.(raw);
  } finally {
    raw.close();
  }
  return path;
}

describe('the content digest of a backup', () => {
  let t: Core;
  let file: string;
  beforeAll(async () => {
    t = await demoCore(150);
    file = (await t.call('backup.create', {})).file;
  });
  afterAll(() => t.cleanup());

  it('is of the pages (format 2), and holds after the metadata row was written', async () => {
    const meta = metaOf(file);
    expect(meta.format).toBe(2);
    expect(meta.digest).toMatch(/^[0-9a-f]{64}$/);
    expect((await t.call('backup.inspect', { file })).counts.students).toBe(150);
  });

  it('notices a value changed inside a record, in a setting, or a row added or removed', async () => {
    const cases = [
      ['имя.sqlite', "UPDATE student SET last_name = 'Подменённая' WHERE rowid = (SELECT min(rowid) FROM student)"],
      ['настройка.sqlite', "INSERT INTO setting (key, value) VALUES ('added.by.hand', '1')"],
      ['лишний.sqlite', "INSERT INTO audit_log (at, actor, entity, entity_id, action, old_values, new_values) VALUES ('2026-01-01', 'x', 'student', 'x', 'update', NULL, '{}')"],
      ['удалён.sqlite', 'DELETE FROM student_guardian WHERE rowid = (SELECT max(rowid) FROM student_guardian)'],
    ] as const;
    for (const [name, sql] of cases) {
      const changed = edited(t, file, name, sql);
      expect((await rejection(t.call('backup.inspect', { file: changed }))).message, name).toMatch(CORRUPT);
    }
  });

  it('does not depend on the metadata row: a changed reason keeps the backup valid', async () => {
    const renamed = edited(t, file, 'причина.sqlite', 'SELECT 1', (raw) => writeMeta(raw, { ...readMeta(raw)!, reason: 'вручную, перед экзаменом' }));
    expect((await t.call('backup.inspect', { file: renamed })).reason).toBe('вручную, перед экзаменом');
  });

  it('of format 1 (rows, written by earlier versions) is still verified', async () => {
    const old = edited(t, file, 'формат-1.sqlite', 'SELECT 1', (raw) => writeMeta(raw, { ...readMeta(raw)!, format: 1, digest: rowDigest(raw) }));
    expect((await t.call('backup.inspect', { file: old })).counts.students).toBe(150);
    const oldChanged = edited(t, old, 'формат-1-изменён.sqlite', "UPDATE student SET first_name = 'Подмена' WHERE rowid = (SELECT max(rowid) FROM student)");
    expect((await rejection(t.call('backup.inspect', { file: oldChanged }))).message).toMatch(CORRUPT);
  });

  it('is made by the worker thread itself, not by the fallback', async () => {
    const copy = join(t.dir, 'из-потока.sqlite');
    const outcome = await inWorker({ live: t.db.path, copy, base: { createdAt: new Date().toISOString(), reason: 'проверка' } }).outcome;
    expect(outcome).toMatchObject({ ok: true, meta: { format: 2, counts: { students: 150 } } });
  });

  it('is the same whether the copy was made in the worker thread or in this thread', async () => {
    // Into another folder: no 'backup.lastAt' is written between the two copies.
    const usb = join(t.dir, 'usb');
    const inWorker = (await t.call('backup.create', { dir: usb })).file;
    process.env.SCHOOL_OFFICE_BACKUP_IN_THREAD = '1';
    let inThread: string;
    try {
      inThread = (await t.call('backup.create', { dir: usb })).file;
    } finally {
      delete process.env.SCHOOL_OFFICE_BACKUP_IN_THREAD;
    }
    expect(inThread).not.toBe(inWorker);
    expect(metaOf(inThread).digest).toBe(metaOf(inWorker).digest);
    expect((await t.call('backup.inspect', { file: t.chosen(inThread) })).counts.students).toBe(150);
  });
});
