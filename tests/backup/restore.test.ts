import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Db, LATEST_SCHEMA_VERSION, migrate, openDatabase } from '../../db';
import { createLocalClient } from '../../electron/core/dispatch';
import { Session } from '../../electron/core/auth/session';
import { rowDigest, writeMeta } from '../../electron/core/backup/sqliteFile';
import { demoCore, rejection, snapshot, snapshotFile, withoutRestoreBookkeeping, count, type Rows } from './support';

type Core = Awaited<ReturnType<typeof demoCore>>;

/** Changes of every kind after the backup, for the restore to undo. */
async function changeEverything(t: Core): Promise<void> {
  const page = await t.call('students.list', { limit: 3 });
  await t.call('students.remove', { id: page.rows[0]!.id });
  const s = await t.call('students.get', { id: page.rows[1]!.id });
  await t.call('students.save', { ...s, lastName: 'Изменённая', guardians: s.guardians });
  await t.call('students.save', {
    lastName: 'Новиков', firstName: 'Илья', middleName: null, birthDate: '2016-05-05', gender: 'm', snils: null,
    classId: null, address: null, personalFileNo: null, guardians: [],
  });
  await t.call('classes.save', { grade: 11, letter: 'Я', shift: 2 });
  await t.call('settings.save', { ...(await t.call('settings.get')), autoLockMinutes: 42, backupKeep: 7 });
  await t.call('users.save', { login: 'newuser', displayName: 'Новый Пользователь', role: 'secretary', deputyGrades: [] });
}

describe('backup and restore', () => {
  let t: Core | undefined;
  afterEach(() => t?.cleanup());

  it('restores a database identical, row by row, to the state at backup time', async () => {
    t = await demoCore(300);
    const backup = await t.call('backup.create', {});
    expect(backup).toMatchObject({ reason: 'вручную', encrypted: false, schemaVersion: LATEST_SCHEMA_VERSION, appVersion: '0.1.0' });
    expect(backup.counts).toEqual({ students: 300, staff: expect.any(Number), classes: expect.any(Number), users: 4 });
    expect(basename(backup.file)).toMatch(/^Школьный офис \d{4}-\d\d-\d\d \d\d-\d\d-\d\d \(вручную\)\.sqlite$/);
    const atBackup = snapshot(t.db.raw);

    await changeEverything(t);
    const changed = snapshot(t.db.raw);
    expect(changed['student']!.length).toBe(301);
    expect(withoutRestoreBookkeeping(changed)).not.toEqual(withoutRestoreBookkeeping(atBackup));

    const r = await t.call('backup.restore', { file: backup.file });
    expect(r.restored.file).toBe(backup.file);
    expect(r.restored.counts.students).toBe(300);
    expect(r.safetyBackup.reason).toBe('перед восстановлением');
    expect(r.safetyBackup.counts.students).toBe(300); // one removed, one added

    const restored = snapshot(t.db.raw);
    expect(withoutRestoreBookkeeping(restored)).toEqual(withoutRestoreBookkeeping(atBackup));
    // Every table was compared, not just a few.
    expect(Object.keys(restored).length).toBeGreaterThan(15);

    // The backup bookkeeping of this computer stays as it was before the restore.
    const setting = (rows: Rows, key: string) => rows['setting']!.find((x) => x[1] === key)?.[2];
    expect(setting(restored, 'backup.keep')).toBe(setting(changed, 'backup.keep'));
    expect(setting(restored, 'backup.lastAt')).toBe(JSON.stringify(r.safetyBackup.createdAt));
    expect(setting(restored, 'backup.meta')).toBeUndefined();
    // The restore itself is in the audit log, by the administrator.
    const line = t.db.raw.prepare("SELECT actor, entity_id, new_values FROM audit_log WHERE entity = 'backup'").get() as { actor: string; entity_id: string; new_values: string };
    expect(line.actor).toBe('admin');
    expect(JSON.parse(line.new_values)).toMatchObject({ restoredFrom: backup.file });
    // Sync takes a new client identity next (issue 10): the restored data may reuse spent mutation numbers.
    expect(count(t.db.raw, 'SELECT needs_fork FROM sync_state')).toBe(1);
    expect(count(t.db.raw, "SELECT count(*) FROM pragma_table_info('sync_state') WHERE name = 'needs_fork' AND cid = 10")).toBe(1);

    // Consistent for every reader: the app's connection, a second connection, and after reopening.
    expect(withoutRestoreBookkeeping(snapshotFile(t.path))).toEqual(withoutRestoreBookkeeping(atBackup));
    const list = await t.call('students.list', { limit: 1 });
    expect(list.total).toBe(300);
    // The live file stays in WAL mode (header bytes 18–19 = 2), the backup is one self-contained file (1).
    t.db.raw.pragma('wal_checkpoint(TRUNCATE)');
    expect([...readFileSync(t.path).subarray(18, 20)]).toEqual([2, 2]);
    expect([...readFileSync(backup.file).subarray(18, 20)]).toEqual([1, 1]);
    t.db.close();
    const reopened = openDatabase(t.path);
    expect(withoutRestoreBookkeeping(snapshot(reopened.raw))).toEqual(withoutRestoreBookkeeping(atBackup));
    expect(reopened.raw.pragma('integrity_check', { simple: true })).toBe('ok');
    reopened.close();
    t.db = openDatabase(t.path); // for cleanup

    // The safety backup holds the state the restore replaced.
    expect(withoutRestoreBookkeeping(snapshotFile(r.safetyBackup.file))['student']).toEqual(changed['student']);
  }, 120_000); // the first job of the file starts the job worker (it loads the core), on a busy machine

  it('keeps working on the same connection after a restore, and writes go to the restored data', async () => {
    t = await demoCore(100);
    const backup = await t.call('backup.create', {});
    await changeEverything(t);
    // Another connection open across the restore (the CLI beside the app) sees the restored data too.
    const before = new BetterSqlite3(t.path, { readonly: true });
    expect(count(before, 'SELECT count(*) FROM student')).toBe(101);
    await t.call('backup.restore', { file: backup.file });
    expect(count(before, 'SELECT count(*) FROM student')).toBe(100);
    expect(before.pragma('integrity_check', { simple: true })).toBe('ok');
    before.close();
    await t.call('students.save', {
      lastName: 'После', firstName: 'Восстановления', middleName: null, birthDate: '2015-01-01', gender: 'f', snils: null,
      classId: null, address: null, personalFileNo: null, guardians: [],
    });
    expect((await t.call('students.list', { limit: 1 })).total).toBe(101);
    expect(count(t.db.raw, "SELECT count(*) FROM sync_change WHERE entity = 'student'")).toBe(count(t.db.raw, 'SELECT count(*) FROM student'));
    // A fresh reader sees the same.
    const other = new BetterSqlite3(t.path, { readonly: true });
    expect(count(other, 'SELECT count(*) FROM student WHERE deleted_at IS NULL')).toBe(101);
    other.close();
  }, 120_000);

  it('restores an encrypted backup with its password', async () => {
    t = await demoCore(100);
    const usb = join(t.dir, 'флешка');
    const backup = await t.call('backup.create', { dir: usb, password: 'Секрет-2026' });
    expect(backup.encrypted).toBe(true);
    expect(basename(backup.file)).toMatch(/\(вручную\)\.sqlite\.enc$/);
    expect(backup.file.startsWith(usb)).toBe(true);
    const atBackup = snapshot(t.db.raw);
    await changeEverything(t);
    const info = await t.call('backup.inspect', { file: t.chosen(backup.file), password: 'Секрет-2026' });
    expect(info).toMatchObject({ encrypted: true, counts: { students: 100 } });
    await t.call('backup.restore', { file: backup.file, password: 'Секрет-2026' });
    expect(withoutRestoreBookkeeping(snapshot(t.db.raw))).toEqual(withoutRestoreBookkeeping(atBackup));
    // A backup into a folder of the user's choice is not the schedule's: no retention there, lastAt unchanged by it.
    expect(readdirSync(usb)).toEqual([basename(backup.file)]);
  });

  it('migrates an older backup up to this version', async () => {
    t = await demoCore(100);
    const oldFile = join(t.dir, 'old.sqlite');
    const old = new Db(oldFile);
    migrate(old, 1);
    old.raw
      .prepare("INSERT INTO school (id, created_at, updated_at, full_name, short_name) VALUES ('s1', 'x', 'x', 'Старая школа', 'Старая')")
      .run();
    old.raw.pragma('journal_mode = DELETE');
    // As that version's backup wrote it: its metadata row with the digest of its rows (format 1).
    writeMeta(old.raw, {
      format: 1, createdAt: '2026-01-10T08:00:00.000Z', reason: 'вручную', appVersion: '0.0.9', schemaVersion: 1,
      counts: { students: 0, staff: 0, classes: 0, users: 0 }, digest: rowDigest(old.raw),
    });
    old.close();
    const info = await t.call('backup.inspect', { file: t.chosen(oldFile) });
    expect(info.schemaVersion).toBe(1);
    // Another school's data (no identity in it, and another school's name): only when confirmed.
    expect(info).toMatchObject({ origin: 'other', database: { id: null, school: 'Старая школа' } });
    expect((await rejection(t.call('backup.restore', { file: oldFile }))).message).toMatch(/^Копия «old\.sqlite» сделана из другой базы данных \(школа «Старая школа»\)/);
    const r = await t.call('backup.restore', { file: oldFile, otherDatabase: true });
    expect(r.restored.schemaVersion).toBe(1);
    expect(t.db.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    expect(t.db.raw.prepare('SELECT full_name FROM school').pluck().all()).toEqual(['Старая школа']);
    expect(count(t.db.raw, 'SELECT count(*) FROM student')).toBe(0);
    expect(existsSync(r.safetyBackup.file)).toBe(true);
  });

  it('lets the session follow the accounts: a missing one after a restore signs out, a new own role applies at once', async () => {
    t = await demoCore(100);
    const before = await t.call('backup.create', {});
    const signIn = async (login: string) => {
      const { password } = await t!.call('users.save', { login, displayName: 'Волкова Анна Сергеевна', role: 'sysadmin', deputyGrades: [] });
      const session = new Session(false);
      const call = createLocalClient({ ...t!.ctx, session });
      await call('auth.login', { login, password: password! });
      return { session, call };
    };
    // The restored data has no such account: her session ends; the administrator's goes on.
    const zam = await signIn('zam');
    await zam.call('backup.restore', { file: before.file });
    expect(zam.session.user).toBeNull();
    expect((await rejection(zam.call('students.list', {}))).code).toBe('unauthenticated');
    expect((await t.call('students.list', { limit: 1 })).total).toBe(100);
    // Her own card changed under her session: the new role applies to the next call.
    const other = await signIn('zam2');
    await other.call('users.save', { id: other.session.user!.id, login: 'zam2', displayName: 'Волкова Анна Сергеевна', role: 'secretary', deputyGrades: [] });
    expect(other.session.user?.role).toBe('secretary');
    expect((await rejection(other.call('backup.create', {}))).code).toBe('forbidden');
  });
});
