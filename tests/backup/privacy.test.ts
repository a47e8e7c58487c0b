// Children's personal data at rest (found: the database, its WAL and the backups were created
// 0644 and their folders 0755; a backup to a USB stick was plain unless one thought of a password):
// files private to the user (0600), folders 0700, earlier files tightened; a plain backup outside
// the data folder only when the administrator declines encryption; automatic backups encrypted
// with a key the operating system keeps, where the host has one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../../db';
import { createLocalClient } from '../../electron/core/dispatch';
import { Session } from '../../electron/core/auth/session';
import { maybeScheduledBackup, scheduleBackups } from '../../electron/core/backup/backup';
import { KEY_FILE, loadBackupKey, type Keychain } from '../../electron/core/backup/keyFile';
import { MAGIC } from '../../electron/core/backup/crypto';
import { tempDir } from '../support/tmp';
import { demoCore, rejection, snapshot } from './support';

type Core = Awaited<ReturnType<typeof demoCore>>;
const posix = process.platform !== 'win32';
const mode = (p: string) => statSync(p).mode & 0o777;

/**
 * A stand-in for the operating system's keychain (Electron's safeStorage): it seals with a secret
 * of its own, which the key file does not hold. A test double of the OS, not of our code.
 */
function fakeKeychain(secret = randomBytes(32)): Keychain {
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', secret, iv);
      const body = Buffer.concat([c.update(plain), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    open(sealed) {
      const d = createDecipheriv('aes-256-gcm', secret, sealed.subarray(0, 12));
      d.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([d.update(sealed.subarray(28)), d.final()]);
    },
  };
}

describe.runIf(posix)('files private to the user', () => {
  const t = tempDir('school-office-modes-');
  afterAll(() => t.cleanup());

  it('creates the database 0600, and SQLite gives its -wal and -shm the same mode', () => {
    const path = join(t.dir, 'новая.sqlite');
    const db = openDatabase(path);
    db.raw.exec("INSERT INTO setting (key, value) VALUES ('x', '1')");
    expect(existsSync(`${path}-wal`)).toBe(true);
    for (const p of [path, `${path}-wal`, `${path}-shm`]) expect(mode(p), p).toBe(0o600);
    db.close();
  });

  it('tightens a database an earlier version made 0644, with its -wal and -shm, when it is opened', () => {
    const path = join(t.dir, 'старая.sqlite');
    const old = new BetterSqlite3(path);
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE x (a); INSERT INTO x VALUES (1)');
    for (const p of [path, `${path}-wal`, `${path}-shm`]) chmodSync(p, 0o644);
    const db = openDatabase(path);
    for (const p of [path, `${path}-wal`, `${path}-shm`]) expect(mode(p), p).toBe(0o600);
    db.close();
    old.close();
  });
});

describe('backups private to the user, and encrypted outside the data folder', () => {
  let t: Core;
  const usb = tempDir('school-office-usb-');
  beforeAll(async () => {
    t = await demoCore(100);
  });
  afterAll(() => {
    t.cleanup();
    usb.cleanup();
  });

  it('refuses a plain backup outside the data folder unless encryption is declined', async () => {
    const dir = join(usb.dir, 'Флешка');
    const before = snapshot(t.db.raw);
    const e = await rejection(t.call('backup.create', { dir }));
    expect(e.code).toBe('validation');
    expect(e.message).toMatch(/^Копия сохраняется вне папки данных программы — в «.+Флешка»\. .*задайте пароль копии или явно откажитесь от шифрования/);
    expect(e.problems.map((p) => p.column)).toEqual(['password']);
    expect(existsSync(dir)).toBe(false); // nothing made, nothing changed
    expect(snapshot(t.db.raw)).toEqual(before);
    // With a password: encrypted.
    const locked = await t.call('backup.create', { dir, password: 'Пароль-копии-1' });
    expect(locked).toMatchObject({ encrypted: true, encryptedBy: 'password' });
    expect(readFileSync(locked.file).subarray(0, MAGIC.length).equals(MAGIC)).toBe(true);
    // Declined, after the warning: a plain copy.
    const plain = await t.call('backup.create', { dir, unencrypted: true });
    expect(plain).toMatchObject({ encrypted: false });
    expect(readFileSync(plain.file).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    // Inside the private data folder a plain copy needs no confirmation.
    expect(await t.call('backup.create', { dir: join(t.dir, 'Вложенная') })).toMatchObject({ encrypted: false });
  });

  it.runIf(posix)('makes the backup folder 0700 and every backup 0600, plain or encrypted', async () => {
    const plain = await t.call('backup.create', {});
    const locked = await t.call('backup.create', { password: 'Пароль-копии-1' });
    expect(mode(t.backupDir)).toBe(0o700);
    expect(mode(plain.file)).toBe(0o600);
    expect(mode(locked.file)).toBe(0o600);
    const stick = await t.call('backup.create', { dir: join(usb.dir, 'Копии'), password: 'Пароль-копии-1' });
    expect(mode(join(usb.dir, 'Копии'))).toBe(0o700);
    expect(mode(stick.file)).toBe(0o600);
  });

  it.runIf(posix)('tightens the backups and the backup folder an earlier version left readable, when the host starts', async () => {
    const made = await t.call('backup.create', {});
    chmodSync(made.file, 0o644);
    chmodSync(t.backupDir, 0o755);
    const notOurs = join(t.backupDir, 'заметки.txt');
    writeFileSync(notOurs, 'не копия', { mode: 0o644 });
    chmodSync(notOurs, 0o644);
    const stop = scheduleBackups({ ...t.ctx, session: new Session(false) }, () => undefined);
    stop();
    expect(mode(made.file)).toBe(0o600);
    expect(mode(t.backupDir)).toBe(0o700);
    expect(mode(notOurs)).toBe(0o644); // not ours: left alone
  });
});

describe('the key the operating system keeps for automatic backups', () => {
  const t = tempDir('school-office-key-');
  afterAll(() => t.cleanup());

  it('is made once, kept only sealed by the keychain, private, and the same next time', () => {
    const keychain = fakeKeychain();
    const key = loadBackupKey(t.dir, keychain)!;
    expect(key).toHaveLength(32);
    const file = join(t.dir, KEY_FILE);
    const stored = readFileSync(file);
    expect(stored.includes(key)).toBe(false);
    if (posix) expect(mode(file)).toBe(0o600);
    expect(loadBackupKey(t.dir, keychain)!.equals(key)).toBe(true);
    // Another user's or system's keychain cannot open it: no key, and the file is left as it is.
    expect(loadBackupKey(t.dir, fakeKeychain())).toBeNull();
    expect(readFileSync(file).equals(stored)).toBe(true);
  });

  it('leaves no key file when the keychain refuses to seal', () => {
    const dir = join(t.dir, 'отказ');
    mkdirSync(dir);
    const refusing: Keychain = { seal: () => { throw new Error('no keyring'); }, open: () => Buffer.alloc(0) };
    expect(loadBackupKey(dir, refusing)).toBeNull();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('automatic backups encrypted with this computer’s key', () => {
  let t: Core;
  let key: Buffer;
  beforeAll(async () => {
    t = await demoCore(100);
    key = loadBackupKey(t.dir, fakeKeychain())!;
  });
  afterAll(() => t.cleanup());

  it('are encrypted (no password asked), listed as such, checked and restored with the same key only', async () => {
    let now = new Date();
    const desktop = { ...t.ctx, backupKey: () => key, now: () => now };
    const auto = (await maybeScheduledBackup(desktop))!;
    expect(auto).toMatchObject({ reason: 'автоматически', encrypted: true, encryptedBy: 'key' });
    expect(auto.file).toMatch(/\(автоматически\)\.sqlite\.enc$/);
    const bytes = readFileSync(auto.file);
    expect(bytes.subarray(0, MAGIC.length).equals(MAGIC)).toBe(true);
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    // A manual backup into the backup folder without a password: the same key.
    now = new Date(now.getTime() + 1000);
    const call = createLocalClient(desktop);
    const manual = await call('backup.create', {});
    expect(manual).toMatchObject({ encrypted: true, encryptedBy: 'key' });

    const status = await call('backup.status');
    expect(status.keyEncryption).toBe(true);
    expect(status.backups.find((b) => b.file === auto.file)).toMatchObject({ encryptedBy: 'key', origin: 'this' });
    expect((await call('backup.inspect', { file: auto.file })).counts.students).toBe(100);

    // The browser host, the CLI (no key) or another computer (another key): refused, nothing changed.
    const before = snapshot(t.db.raw);
    const KEY_NEEDED = /^Резервная копия «.+\(автоматически\)\.sqlite\.enc» зашифрована ключом того компьютера, на котором её сделала программа/;
    expect((await rejection(t.call('backup.inspect', { file: auto.file }))).message).toMatch(KEY_NEEDED);
    expect((await rejection(t.call('backup.restore', { file: auto.file }))).message).toMatch(KEY_NEEDED);
    const elsewhere = createLocalClient({ ...desktop, backupKey: () => randomBytes(32) });
    expect((await rejection(elsewhere('backup.restore', { file: auto.file }))).message).toMatch(KEY_NEEDED);
    expect(snapshot(t.db.raw)).toEqual(before);

    // With the key: restored; the safety backup before it is sealed with the key too.
    await call('students.remove', { id: (await call('students.list', { limit: 1 })).rows[0]!.id });
    const r = await call('backup.restore', { file: auto.file });
    expect(r.safetyBackup).toMatchObject({ encryptedBy: 'key', reason: 'перед восстановлением' });
    expect((await call('students.list', { limit: 1 })).total).toBe(100);
  });

  it('stay plain inside the private data folder where the host has no key', async () => {
    const plain = await t.call('backup.create', {});
    expect(plain).toMatchObject({ encrypted: false });
    expect((await t.call('backup.status')).keyEncryption).toBe(false);
  });
});
