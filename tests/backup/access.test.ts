// Which files backup.inspect and backup.restore may open (electron/core/backup/grants.ts): a
// backup of the backup folder, or a file the administrator chose in the file dialog — never any
// path a caller names (found: with view rights, inspect told whether any file exists and copied any
// SQLite file). And folders typed by hand must be full paths of this system (found: «E:\…» typed on
// Linux made a folder inside the program's folder).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createLocalClient } from '../../electron/core/dispatch';
import { Session } from '../../electron/core/auth/session';
import { grantBackupFile } from '../../electron/core/backup/grants';
import { isAbsoluteFolder, isInside } from '../../electron/core/folders';
import { tempDir } from '../support/tmp';
import { demoCore, rejection, snapshot } from './support';

type Core = Awaited<ReturnType<typeof demoCore>>;

const NOT_ALLOWED = 'Эту копию нельзя открыть: выберите её в списке копий папки резервных копий или в окне выбора файла («Выбрать файл…»).';

describe('the files backup.inspect and backup.restore may open', () => {
  let t: Core;
  let listed: string;
  let elsewhere: string;
  const outside = tempDir('school-office-outside-');

  beforeAll(async () => {
    t = await demoCore(100);
    listed = (await t.call('backup.create', {})).file;
    // The same backup, copied elsewhere (a USB stick), not chosen in the dialog.
    elsewhere = join(outside.dir, basename(listed));
    copyFileSync(listed, elsewhere);
  });
  afterAll(() => {
    t.cleanup();
    outside.cleanup();
  });

  it('opens a backup of the backup folder, as backup.status lists it', async () => {
    const status = await t.call('backup.status');
    expect(status.backups.map((b) => b.file)).toEqual([listed]);
    expect((await t.call('backup.inspect', { file: listed })).counts.students).toBe(100);
  });

  it('refuses any other path alike, whether the file exists or not, and copies nothing', async () => {
    const before = snapshot(t.db.raw);
    const text = join(outside.dir, 'заметки.txt');
    writeFileSync(text, 'не копия');
    const paths = [elsewhere, text, join(outside.dir, 'нет-такого.sqlite'), t.path, '/etc/passwd', '/etc/нет-такого', 'Резервные копии/x.sqlite'];
    for (const file of paths) {
      const inspect = await rejection(t.call('backup.inspect', { file }));
      expect([inspect.code, inspect.message], file).toEqual(['forbidden', NOT_ALLOWED]);
      const restore = await rejection(t.call('backup.restore', { file }));
      expect([restore.code, restore.message], file).toEqual(['forbidden', NOT_ALLOWED]);
    }
    expect(snapshot(t.db.raw)).toEqual(before);
    expect(readdirSync(t.backupDir)).toEqual([basename(listed)]); // not even a safety backup
  });

  it('refuses a file in the backup folder without a backup’s name, or a link to a file elsewhere', async () => {
    const renamed = join(t.backupDir, 'копия.sqlite');
    copyFileSync(listed, renamed);
    expect((await rejection(t.call('backup.inspect', { file: renamed }))).message).toBe(NOT_ALLOWED);
    if (process.platform !== 'win32') {
      const link = join(t.backupDir, 'Школьный офис 2026-01-01 10-00-00 (вручную).sqlite');
      symlinkSync(elsewhere, link);
      expect((await rejection(t.call('backup.inspect', { file: link }))).message).toBe(NOT_ALLOWED);
    }
  });

  it('opens a file chosen in the dialog, for this session only, until another is chosen or an hour passes', async () => {
    t.chosen(elsewhere);
    expect((await t.call('backup.inspect', { file: elsewhere })).counts.students).toBe(100);
    // Another window or browser (another session) was given nothing.
    const other = { ...t.ctx, session: new Session(false) };
    const otherCall = createLocalClient(other);
    await otherCall('auth.login', { login: 'admin', password: t.password('admin') });
    expect((await rejection(otherCall('backup.inspect', { file: elsewhere }))).message).toBe(NOT_ALLOWED);
    // Choosing another file replaces the grant.
    const second = join(outside.dir, 'вторая.sqlite');
    copyFileSync(listed, second);
    t.chosen(second);
    expect((await t.call('backup.inspect', { file: second })).counts.students).toBe(100);
    expect((await rejection(t.call('backup.inspect', { file: elsewhere }))).message).toBe(NOT_ALLOWED);
    // An hour later the choice has lapsed.
    let now = new Date();
    const later = { ...t.ctx, now: () => now };
    grantBackupFile(later, elsewhere);
    const laterCall = createLocalClient(later);
    expect((await laterCall('backup.inspect', { file: elsewhere })).counts.students).toBe(100);
    now = new Date(now.getTime() + 3600_000 + 1000);
    expect((await rejection(laterCall('backup.inspect', { file: elsewhere }))).message).toBe(NOT_ALLOWED);
  });

  it('lets the chosen file be restored once: the grant ends with the restore', async () => {
    t.chosen(elsewhere);
    await t.call('backup.restore', { file: elsewhere });
    expect((await rejection(t.call('backup.inspect', { file: elsewhere }))).message).toBe(NOT_ALLOWED);
  });

  it('lets only whoever may restore open a backup: the director may list them, not inspect', async () => {
    const director = createLocalClient({ ...t.ctx, session: new Session(false) });
    await director('auth.login', { login: 'director', password: t.password('director') });
    expect((await director('backup.status')).backups.length).toBeGreaterThan(0);
    const e = await rejection(director('backup.inspect', { file: listed }));
    expect([e.code, e.message]).toEqual(['forbidden', expect.stringMatching(/^Недостаточно прав.*Резервные копии/)]);
  });
});

describe('folders typed by hand', () => {
  let t: Core;
  beforeAll(async () => {
    t = await demoCore(100);
  });
  afterAll(() => t.cleanup());

  it('are full paths of this system', () => {
    expect(isAbsoluteFolder('/media/usb', 'linux')).toBe(true);
    expect(isAbsoluteFolder('E:\\Резервные копии', 'linux')).toBe(false);
    expect(isAbsoluteFolder('Резервные копии', 'linux')).toBe(false);
    expect(isAbsoluteFolder('./копии', 'darwin')).toBe(false);
    expect(isAbsoluteFolder('E:\\Резервные копии', 'win32')).toBe(true);
    expect(isAbsoluteFolder('e:/копии', 'win32')).toBe(true);
    expect(isAbsoluteFolder('\\\\server\\share\\копии', 'win32')).toBe(true);
    expect(isAbsoluteFolder('\\копии', 'win32')).toBe(false); // the current drive's root: not a full path
    expect(isAbsoluteFolder('E:копии', 'win32')).toBe(false);
    expect(isAbsoluteFolder('/media/usb', 'win32')).toBe(false);
    expect(isInside('/home/u/.config/Школьный офис/Резервные копии', '/home/u/.config/Школьный офис', 'linux')).toBe(true);
    expect(isInside('/home/u/.config/Школьный офис 2', '/home/u/.config/Школьный офис', 'linux')).toBe(false);
    expect(isInside('C:\\Users\\U\\AppData\\Roaming\\школьный офис\\Копии', 'c:\\users\\u\\appdata\\roaming\\Школьный офис', 'win32')).toBe(true);
    expect(isInside('E:\\Копии', 'C:\\Users\\U\\AppData\\Roaming\\Школьный офис', 'win32')).toBe(false);
  });

  it('refuses a backup into a folder that is not a full path, and makes no folder', async () => {
    const typed = process.platform === 'win32' ? 'Резервные копии' : 'E:\\Резервные копии';
    const e = await rejection(t.call('backup.create', { dir: typed }));
    expect(e.code).toBe('validation');
    expect(e.message).toMatch(/^«.+» — не полный путь к папке на этом компьютере\. Укажите полный путь, например «.+»\.$/);
    expect(e.problems.map((p) => p.column)).toEqual(['dir']);
    expect(existsSync(resolve(typed))).toBe(false);
    expect(existsSync(t.backupDir)).toBe(false);
  });

  it('refuses such a backup folder in the settings, and keeps the one set', async () => {
    const settings = await t.call('settings.get');
    const e = await rejection(t.call('settings.save', { ...settings, backupDir: 'Копии на флешке' }));
    expect(e.problems.map((p) => p.column)).toEqual(['backupDir']);
    expect(e.message).toMatch(/не полный путь к папке/);
    expect(await t.call('settings.get')).toEqual(settings);
    // A full path is taken.
    const dir = join(t.dir, 'Копии на флешке');
    expect((await t.call('settings.save', { ...settings, backupDir: dir })).backupDir).toBe(dir);
  });
});
