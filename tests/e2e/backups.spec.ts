// Backups at a school laptop's 1366×768, in real Chromium through the browser host: a copy to a USB
// stick is encrypted unless the administrator declines after a warning; a folder must be a full
// path; the restore list shows this database's copies and, apart and marked, another database's,
// whose restore needs a second confirmation; in the browser only the backup folder's copies can be
// restored. The desktop app's system dialogs are stood in for by a page script (the test grants the
// chosen file in the core, as the Electron main process does after dialog.showOpenDialog).
import { copyFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db';
import { createLocalClient } from '../../electron/core/dispatch';
import { Session } from '../../electron/core/auth/session';
import { grantBackupFile } from '../../electron/core/backup/grants';
import { tempDir } from '../support/tmp';
import { signIn, startApp, type App } from './harness';

const LAPTOP = { width: 1366, height: 768 };

let app: App;
const stick = tempDir('school-office-e2e-stick-');
beforeAll(async () => {
  app = await startApp({ demo: true, viewport: LAPTOP });
  await signIn(app.page, 'admin', app.users.admin!.password);
}, 180_000);
afterAll(async () => {
  await app?.close();
  stick.cleanup();
});

/** A backup of another database (another installation's demo school), put into this backup folder. */
async function foreignBackup(into: string): Promise<string> {
  const t = tempDir('school-office-e2e-other-');
  const db = openDatabase(join(t.dir, 'другая.sqlite'));
  try {
    const call = createLocalClient({ db, actor: 'system', host: 'test', now: () => new Date(), session: new Session(false), dataDir: t.dir });
    const demo = await call('app.loadDemo', { students: 100, seed: 5 });
    await call('auth.login', { login: 'admin', password: demo.users.find((u) => u.login === 'admin')!.password });
    const made = await call('backup.create', {});
    const target = join(into, basename(made.file).replace('(вручную)', '(вручную) 9'));
    copyFileSync(made.file, target);
    return target;
  } finally {
    db.close();
    t.cleanup();
  }
}

describe('backups at 1366×768', () => {
  it('saves a copy to a USB stick encrypted, or plain only after a warning; a folder must be a full path', async () => {
    const { page } = app;
    await page.getByTestId('nav-backups').click();
    await page.getByTestId('backup-status').waitFor();
    expect(await page.getByTestId('backup-key-encryption').textContent()).toMatch(/^нет: копии лежат в папке данных программы/);
    await app.screenshot('backups-0-page');

    await page.getByTestId('backup-usb').click();
    expect(await page.getByTestId('backup-encrypt').isChecked()).toBe(true);
    expect(await page.getByTestId('backup-dir-pick').count()).toBe(0); // no system dialog in the browser
    await page.getByTestId('backup-dir').fill('E:\\Резервные копии');
    await page.getByTestId('backup-encrypt').uncheck();
    await page.getByTestId('backup-plain-warning').waitFor();
    await page.getByTestId('backup-create-ok').click();
    await page.getByText('Задайте пароль копии или подтвердите, что сохраняете её без шифрования').waitFor();
    await app.screenshot('backups-1-usb-plain-warning');
    await page.getByTestId('backup-plain-ok').check();
    await page.getByTestId('backup-create-ok').click();
    // Typed on Linux, «E:\…» is no full path: refused next to the field, no folder made anywhere.
    await page.getByText(/^«E:\\Резервные копии» — не полный путь к папке на этом компьютере\. Укажите полный путь/).waitFor();
    expect(existsSync(resolve('E:\\Резервные копии'))).toBe(false);
    await app.screenshot('backups-2-usb-relative-refused');

    const plainDir = join(stick.dir, 'Без пароля');
    await page.getByTestId('backup-dir').fill(plainDir);
    await page.getByTestId('backup-create-ok').click();
    await page.getByText('Резервная копия создана').first().waitFor();
    const [plain] = readdirSync(plainDir);
    expect(plain).toMatch(/\(вручную\)\.sqlite$/);
    if (process.platform !== 'win32') expect(statSync(join(plainDir, plain!)).mode & 0o777).toBe(0o600);

    await page.getByTestId('backup-usb').click();
    await page.getByTestId('backup-dir').fill(join(stick.dir, 'С паролем'));
    await page.getByTestId('backup-password').fill('Флешка2026');
    await page.getByTestId('backup-repeat').fill('Флешка2026');
    await page.getByTestId('backup-create-ok').click();
    await page.getByText('Зашифрованная копия создана').first().waitFor();
    expect(readdirSync(join(stick.dir, 'С паролем'))[0]).toMatch(/\(вручную\)\.sqlite\.enc$/);
    expect(app.pageErrors).toEqual([]);
  }, 180_000);

  it('lists another database’s copies apart and asks twice before restoring one; in the browser only the backup folder', async () => {
    const { page } = app;
    const ours = await app.call('backup.create', {});
    const status = await app.call('backup.status');
    const theirs = await foreignBackup(status.dir);
    await page.getByTestId('nav-home').click();
    await page.getByTestId('nav-backups').click();
    await expect.poll(() => page.getByTestId('backup-row').count()).toBe(2);
    expect(await page.getByTestId('backup-row-foreign').count()).toBe(1);
    await app.screenshot('backups-3-list-with-foreign', { fullPage: true });

    await page.getByTestId('backup-restore').click();
    expect(await page.getByTestId('restore-choice').count()).toBe(1);
    expect(await page.getByTestId('restore-choice-foreign').count()).toBe(1);
    await page.getByTestId('restore-foreign-heading').waitFor();
    expect(await page.getByTestId('restore-choice-other').count()).toBe(0);
    expect(await page.getByTestId('restore-browser-note').textContent()).toContain(status.dir);
    expect(await page.getByTestId('restore-choice').isVisible()).toBe(true);
    await app.screenshot('backups-4-restore-list');

    await page.getByTestId('restore-choice-foreign').click();
    await page.getByTestId('restore-inspect').click();
    await page.getByTestId('restore-foreign').waitFor();
    expect(await page.getByTestId('restore-students').textContent()).toBe('100');
    await page.getByTestId('restore-agree').check();
    expect(await page.getByTestId('restore-ok').isDisabled()).toBe(true);
    await page.getByTestId('restore-other-ok').check();
    expect(await page.getByTestId('restore-ok').isDisabled()).toBe(false);
    await app.screenshot('backups-5-restore-foreign-confirm');
    await page.getByRole('button', { name: 'Отмена' }).click();
    // Nothing restored: the demo school's 1000 students are there.
    expect((await app.call('students.list', { limit: 1 })).total).toBe(1000);
    expect(existsSync(theirs) && existsSync(ours.file)).toBe(true);
    expect(app.pageErrors).toEqual([]);
  }, 180_000);

  it('in the desktop app, takes the folder and the file from the system’s dialogs', async () => {
    const { page } = app;
    const folder = join(stick.dir, 'Выбранная папка');
    const usbCopy = await app.call('backup.create', { dir: join(stick.dir, 'Флешка'), password: 'Флешка2026' });
    // The Electron preload's dialogs, stood in for: the main process would open the system dialog.
    await page.addInitScript(
      ([f, file]) => {
        (globalThis as unknown as { schoolOfficeDialogs: unknown }).schoolOfficeDialogs = {
          pickBackupFolder: async () => f,
          pickBackupFile: async () => file,
        };
      },
      [folder, usbCopy.file],
    );
    await page.reload();
    await page.getByTestId('header-school').waitFor();
    await page.getByTestId('nav-backups').click();
    await page.getByTestId('backup-status').waitFor();

    await page.getByTestId('set-dir-pick').click();
    expect(await page.getByTestId('set-dir').inputValue()).toBe(folder);

    await page.getByTestId('backup-usb').click();
    await page.getByTestId('backup-dir-pick').click();
    expect(await page.getByTestId('backup-dir').inputValue()).toBe(folder);
    await app.screenshot('backups-6-usb-picked');
    await page.getByRole('button', { name: 'Отмена' }).click();

    await page.getByTestId('backup-restore').click();
    await page.getByTestId('restore-choice-other').click();
    // What the main process does with the file the dialog returned: grants it to this session.
    grantBackupFile({ session: app.session, now: () => new Date() }, usbCopy.file);
    await page.getByTestId('restore-pick').click();
    expect(await page.getByTestId('restore-path').textContent()).toBe(usbCopy.file);
    await page.getByTestId('restore-password').fill('Флешка2026');
    await app.screenshot('backups-7-restore-picked');
    await page.getByTestId('restore-inspect').click();
    await page.getByTestId('restore-preview').waitFor();
    expect(await page.getByTestId('restore-foreign').count()).toBe(0);
    await page.getByTestId('restore-agree').check();
    await page.getByTestId('restore-ok').click();
    await page.getByTestId('restore-done').waitFor({ timeout: 90_000 });
    await app.screenshot('backups-8-restore-done');
    await page.getByTestId('restore-close').click();
    expect(app.pageErrors).toEqual([]);
  }, 180_000);
});
