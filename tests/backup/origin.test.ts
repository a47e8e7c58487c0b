// Whose data a backup holds: each database has its own identity, carried by its backups with the
// school's name. The restore list tells this database's backups from others' (another school, an
// earlier installation), and restoring another's needs an explicit confirmation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { DATABASE_ID_KEY, readIdentity } from '../../electron/core/backup/identity';
import { contentDigest, readMeta, writeMeta } from '../../electron/core/backup/sqliteFile';
import { demoCore, rejection, snapshot } from './support';

type Core = Awaited<ReturnType<typeof demoCore>>;

describe('backups of this database and of others', () => {
  let here: Core;
  let there: Core;
  let ours: string;
  let theirs: string;
  let older: string;

  beforeAll(async () => {
    here = await demoCore(100);
    there = await demoCore(120);
    ours = (await here.call('backup.create', {})).file;
    // Another database's backup lands in this backup folder (copied by hand, a shared folder).
    const made = (await there.call('backup.create', {})).file;
    theirs = join(here.backupDir, basename(made).replace('(вручную)', '(вручную) 7'));
    copyFileSync(made, theirs);
    // A backup of an earlier version: no identity, of this same school.
    older = join(here.backupDir, 'Школьный офис 2025-05-01 10-00-00 (вручную).sqlite');
    copyFileSync(ours, older);
    const raw = new BetterSqlite3(older);
    raw.prepare('DELETE FROM setting WHERE key = ?').run(DATABASE_ID_KEY);
    const { database: _, ...meta } = readMeta(raw)!;
    writeMeta(raw, { ...meta, digest: contentDigest(raw, older, meta.format) });
    raw.close();
  }, 120_000);
  afterAll(() => {
    here?.cleanup();
    there?.cleanup();
  });

  it('gives each database its own identity, and each backup the identity and the school it is of', async () => {
    const a = readIdentity(here.db.raw);
    const b = readIdentity(there.db.raw);
    expect(a.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.id).not.toBe(a.id);
    expect(a.school).toBe(b.school); // the same demo school's name: the identity tells them apart
    expect(await here.call('backup.inspect', { file: ours })).toMatchObject({ origin: 'this', database: a });
  });

  it('lists another database’s backup marked as such, with its school', async () => {
    const status = await here.call('backup.status');
    const by = (file: string) => status.backups.find((b) => b.file === file);
    expect(by(ours)).toMatchObject({ origin: 'this' });
    expect(by(theirs)).toMatchObject({ origin: 'other', database: { id: readIdentity(there.db.raw).id, school: readIdentity(there.db.raw).school } });
    // An earlier version's backup carries no identity: it counts as this school's by the school's name.
    expect(by(older)).toMatchObject({ origin: 'this', database: { id: null, school: readIdentity(here.db.raw).school } });
  });

  it('restores another database’s backup only when that is confirmed', async () => {
    const before = snapshot(here.db.raw);
    const e = await rejection(here.call('backup.restore', { file: theirs }));
    expect(e.code).toBe('conflict');
    expect(e.message).toMatch(/^Копия «.+» сделана из другой базы данных \(школа «.+»\), а не из той, что открыта сейчас\. .*подтвердите.*Ничего не изменено\.$/);
    expect(snapshot(here.db.raw)).toEqual(before);
    expect(await here.call('backup.inspect', { file: theirs })).toMatchObject({ origin: 'other', counts: { students: 120 } });

    const r = await here.call('backup.restore', { file: theirs, otherDatabase: true });
    expect(r.restored.counts.students).toBe(120);
    // The other database's accounts came with it: this administrator's session ended; theirs logs in.
    await here.call('auth.login', { login: 'admin', password: there.password('admin') });
    expect((await here.call('students.list', { limit: 1 })).total).toBe(120);
    // The data are now that database's: its identity came with them.
    expect(readIdentity(here.db.raw).id).toBe(readIdentity(there.db.raw).id);
  });

  it('gives an earlier version’s backup, restored, the identity of the database it is restored into', async () => {
    const id = readIdentity(here.db.raw).id;
    // No identity in it, the same school's name: restored as this school's, without a confirmation.
    const r = await here.call('backup.restore', { file: older });
    expect(r.restored.counts.students).toBe(100);
    expect(readIdentity(here.db.raw).id).toBe(id);
  });
});
