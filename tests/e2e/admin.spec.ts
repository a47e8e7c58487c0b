// The administrator's screens on the demo school: users and one-time passwords, the audit log with
// its filters and export, the register of correction requests with its deadlines, backups and a
// restore that undoes a change — in real Chromium through the browser host.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { NEW_PASSWORD, pickOption, signIn, signOut, startApp, type App } from './harness';

let app: App;
beforeAll(async () => {
  app = await startApp({ demo: true });
  await signIn(app.page, 'admin', app.users.admin!.password);
}, 120_000);
afterAll(async () => {
  await app?.close();
});

const pad = (n: number) => String(n).padStart(2, '0');
const ruDay = (d: Date) => `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()}`;

describe('administration', () => {
  it('creates a user and shows the one-time password once; resets a password; disables a user', async () => {
    const { page } = app;
    await page.getByTestId('nav-users').click();
    await expect.poll(() => page.getByTestId('user-row').count()).toBe(4);
    await page.getByTestId('permission-matrix').waitFor();
    expect(await page.getByTestId('perm-secretary-backups').textContent()).toBe('—');
    expect(await page.getByTestId('perm-director-audit').textContent()).toBe('Просмотр');
    expect(await page.getByTestId('perm-sysadmin-users').textContent()).toBe('Изменение');
    await app.screenshot('admin-0-users');

    // An account for a staff member: the person is picked, the name comes from the card.
    const teacher = (await app.call('staff.list', {})).find((s) => !s.account && s.roles.join() === 'teacher')!;
    await page.getByTestId('users-add').click();
    await pickOption(page, 'user-staff-input', new RegExp(`^${teacher.fullName} — `), { type: teacher.lastName });
    await page.getByTestId('user-login-input').fill('kuznetsova');
    await pickOption(page, 'user-role-input', 'Заместитель директора');
    await page.getByTestId('user-grades').getByText('10', { exact: true }).click();
    await page.getByTestId('user-grades').getByText('11', { exact: true }).click();
    await app.screenshot('admin-1-user-form');
    await page.getByTestId('user-save').click();
    await page.getByTestId('otp-content').waitFor();
    const password = (await page.getByTestId('issued-password-value').textContent())!;
    expect(password).toMatch(/^[a-z]{4}-\d{4}$/);
    expect(await page.getByTestId('otp-login').textContent()).toBe('kuznetsova');
    await app.screenshot('admin-2-one-time-password');
    await page.getByTestId('otp-done').click();
    await page.getByTestId('otp-content').waitFor({ state: 'detached' });
    const created = (await app.call('users.list')).find((u) => u.login === 'kuznetsova')!;
    expect(created).toMatchObject({ role: 'deputy', deputyGrades: [10, 11], mustChangePassword: true, disabled: false, staffId: teacher.id, displayName: teacher.fullName });

    // Search and sort.
    await page.getByTestId('users-search').fill(teacher.fullName.toLowerCase());
    await expect.poll(() => page.getByTestId('user-row').count()).toBe(1);
    await page.getByTestId('users-search').fill('');
    await page.getByTestId('sort-login').click();
    await expect
      .poll(async () => Promise.all((await page.getByTestId('user-row').all()).map((r) => r.getAttribute('data-login'))))
      .toEqual(['admin', 'deputy', 'director', 'kuznetsova', 'secretary']);

    // The password works once: the new user must replace it at the first login.
    await signOut(page);
    await page.getByTestId('login-login').fill('kuznetsova');
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('forced-password-change').waitFor();
    await page.getByTestId('forced-logout').click();
    await signIn(page, 'admin', NEW_PASSWORD);

    // Reset: a new one-time password, the old one stops working.
    await page.getByTestId('nav-users').click();
    const row = page.locator('[data-testid="user-row"][data-login="director"]');
    await row.getByTestId('user-actions').click();
    await page.getByTestId('user-reset-password').click();
    await page.getByText('Прежний пароль перестанет действовать').waitFor();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('otp-content').waitFor();
    const reset = (await page.getByTestId('issued-password-value').textContent())!;
    expect(reset).not.toBe(app.users.director!.password);
    await app.screenshot('admin-3-password-reset');
    await page.getByTestId('otp-done').click();

    // Disable, with a confirmation.
    await page.locator('[data-testid="user-row"][data-login="kuznetsova"]').getByTestId('user-actions').click();
    await page.getByTestId('user-disable').click();
    await page.getByText('Пользователь не сможет войти в программу').waitFor();
    await page.getByTestId('confirm-ok').click();
    await expect.poll(() => page.locator('[data-testid="user-row"][data-login="kuznetsova"] [data-testid="user-state"]').textContent()).toBe('Отключён');
    expect((await app.call('users.list')).find((u) => u.login === 'kuznetsova')?.disabled).toBe(true);
    await app.screenshot('admin-4-users-after');
  }, 150_000);

  it('filters the audit log by person and text, and exports it', async () => {
    const { page } = app;
    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-table').getByTestId('vt-row').first().waitFor();
    const all = await app.call('audit.search', {});
    await expect.poll(() => page.getByTestId('audit-total').textContent()).toMatch(new RegExp(`^${all.total.toLocaleString('ru-RU')} запис`));

    // By person: the administrator.
    await pickOption(page, 'audit-actor', /\(admin\)$/);
    const byAdmin = await app.call('audit.search', { actor: 'admin' });
    await expect.poll(() => page.getByTestId('audit-total').textContent()).toBe(`Найдено: ${byAdmin.total}`);
    const rows = await page.getByTestId('audit-table').getByTestId('vt-row').all();
    const actors = await Promise.all(rows.map(async (r) => (await r.locator('[role=cell]').nth(1).textContent()) ?? ''));
    expect(actors.length).toBe(Math.min(byAdmin.total, actors.length));
    for (const a of actors) expect(a).toContain('admin');

    // And a word: the new user's login.
    await page.getByTestId('audit-search').fill('kuznetsova');
    const found = await app.call('audit.search', { actor: 'admin', text: 'kuznetsova' });
    expect(found.total).toBeGreaterThanOrEqual(1);
    await expect.poll(() => page.getByTestId('audit-total').textContent()).toBe(`Найдено: ${found.total}`);
    const first = page.getByTestId('audit-table').getByTestId('vt-row').first();
    expect(await first.textContent()).toContain('kuznetsova');
    await app.screenshot('admin-5-audit-filtered');

    // The details of an entry: every field before and after.
    await first.click();
    await page.getByTestId('audit-record-history').waitFor();
    await app.screenshot('admin-6-audit-entry');
    await page.keyboard.press('Escape');

    // The export takes the same filters.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^Журнал изменений.*\.xlsx$/);
    const path = await download.path();
    expect(path).toBeTruthy();
    await page.getByText(/^Выгружено: \d+ строк/).first().waitFor();

    // A period in the past: nothing.
    await page.getByTestId('audit-reset').click();
    await page.getByTestId('audit-from').fill('01.01.2020');
    await page.getByTestId('audit-to').fill('31.12.2020');
    await expect.poll(() => page.getByTestId('audit-total').textContent()).toBe('Найдено: 0');
  }, 120_000);

  it('keeps the register of correction requests: one-day deadline, overdue in red, corrected, reporter told', async () => {
    const { page } = app;
    await page.getByTestId('nav-corrections').click();
    await page.getByTestId('corrections-add').waitFor();

    // Reported two days ago: overdue at once.
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    await page.getByTestId('corrections-add').click();
    await page.getByTestId('correction-date').fill(ruDay(twoDaysAgo));
    await page.getByTestId('correction-time').fill('10:30');
    await page.getByTestId('correction-reporter').fill('Петрова Анна Сергеевна, мать ученика 5А');
    await page.getByTestId('correction-contact').fill('+7 (916) 123-45-67');
    await page.getByTestId('correction-description').fill('Неверна дата рождения ученика 5А Петрова Ивана: указано 12.03.2015, верно 21.03.2015.');
    const due = new Date(twoDaysAgo.getTime() + 86_400_000);
    expect(await page.getByTestId('correction-due-preview').textContent()).toContain(`${ruDay(due)} 10:30`);
    await app.screenshot('admin-7-correction-form');
    await page.getByTestId('correction-save').click();
    await page.getByTestId('correction-row').first().waitFor();

    // Reported now (the default date and time).
    await page.getByTestId('corrections-add').click();
    await page.getByTestId('correction-reporter').fill('Иванов Пётр Ильич, учитель физики');
    await page.getByTestId('correction-description').fill('В списке 7Б нет ученицы Соколовой Марии, переведённой из 7В.');
    await page.getByTestId('correction-save').click();
    await expect.poll(() => page.getByTestId('correction-row').count()).toBe(2);

    const overdue = page.locator('[data-testid="correction-row"][data-state="overdue"]');
    expect(await overdue.count()).toBe(1);
    expect(await overdue.getByTestId('correction-state').textContent()).toBe('Просрочено');
    expect(await overdue.getByTestId('correction-due').textContent()).toBe(`до ${ruDay(due)} 10:30`);
    const bg = await overdue
      .locator('td')
      .first()
      .evaluate((td) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(td).backgroundColor);
    expect(bg).toBe('rgb(255, 245, 245)'); // --mantine-color-red-0
    expect(await page.getByTestId('corrections-open').textContent()).toBe('2');
    expect(await page.getByTestId('corrections-overdue').textContent()).toBe('1');

    // The fresh one: corrected in time, then the reporter told.
    const fresh = page.locator('[data-testid="correction-row"][data-state="open"]');
    await fresh.getByTestId('correction-mark-corrected').click();
    await page.getByTestId('correction-resolution').fill('Соколова Мария переведена в 7Б приказом от сегодняшнего дня.');
    await app.screenshot('admin-8-correction-mark');
    await page.getByTestId('correction-corrected-save').click();
    const corrected = page.locator('[data-testid="correction-row"][data-state="corrected"]');
    await corrected.waitFor();
    expect(await corrected.getByTestId('correction-state').textContent()).toBe('Исправлено');
    await corrected.getByTestId('correction-mark-notified').click();
    await page.getByTestId('confirm-ok').click();
    await page.locator('[data-testid="correction-row"][data-state="done"]').waitFor();
    expect(await page.getByTestId('corrections-open').textContent()).toBe('1');
    await app.screenshot('admin-9-corrections');

    // «Только открытые» leaves the overdue one.
    await page.getByTestId('corrections-only-open').click();
    await expect.poll(() => page.getByTestId('correction-row').count()).toBe(1);
    const list = await app.call('corrections.list', { onlyOpen: false });
    expect(list.map((r) => [r.overdue, !!r.correctedAt, !!r.reporterNotifiedAt]).sort()).toEqual([
      [false, true, true],
      [true, false, false],
    ]);
    expect(list.find((r) => r.correctedAt)?.correctedBy).toBe('admin');

    // The home screen lists the overdue request in red, and the missing backup.
    await page.getByTestId('nav-home').click();
    const item = page.locator('[data-testid="due-item"][data-red]').filter({ hasText: 'Петрова Ивана' });
    await item.waitFor();
    expect(await item.textContent()).toContain(`просрочено, срок был до ${ruDay(due)} 10:30`);
    await page.getByTestId('due-item').filter({ hasText: 'Резервная копия ещё не создавалась' }).waitFor();
    await app.screenshot('admin-10-home-due');
  }, 120_000);

  it('creates a backup and restores it: a later change is undone; refusals are explained', async () => {
    const { page } = app;
    await page.getByTestId('nav-backups').click();
    await page.getByTestId('backup-status').waitFor();
    expect(await page.getByTestId('backup-last').textContent()).toBe('ещё не создавалась');
    await page.getByTestId('backup-late').waitFor();

    await page.getByTestId('backup-create').click();
    await page.getByTestId('backup-create-ok').click();
    await page.getByTestId('backup-row').first().waitFor();
    expect(await page.getByTestId('backup-row').count()).toBe(1);
    expect(await page.getByTestId('backup-late').count()).toBe(0);
    const status = await app.call('backup.status');
    expect(status.backups[0]).toMatchObject({ reason: 'вручную', encrypted: false, counts: { students: 1000 } });

    // An encrypted copy «на флешку»: a folder typed by hand.
    const usb = join(app.dir, 'usb');
    await page.getByTestId('backup-usb').click();
    await page.getByTestId('backup-dir').fill(usb);
    expect(await page.getByTestId('backup-encrypt').isChecked()).toBe(true);
    await page.getByTestId('backup-password').fill('Флешка2026');
    await page.getByTestId('backup-repeat').fill('Флешка2026');
    await app.screenshot('admin-11-backup-usb');
    await page.getByTestId('backup-create-ok').click();
    await page.getByText('Зашифрованная копия создана').first().waitFor();
    await app.screenshot('admin-12-backups');

    // A change after the backup: a room and a renamed school.
    await app.call('rooms.save', { number: '999', name: 'Кабинет после копии', capacity: null });
    expect((await app.call('rooms.list')).some((r) => r.number === '999')).toBe(true);

    // Refusals: a damaged file and a wrong password, each with its reason. In the browser only the
    // backup folder's copies can be restored: the junk file lies there under a backup's name.
    const junk = join(status.dir, 'Школьный офис 2099-01-01 10-00-00 (вручную).sqlite');
    writeFileSync(junk, 'это не база данных');
    await app.call('backup.create', { password: 'Флешка2026' });
    await page.getByTestId('nav-home').click(); // the page lists the folder anew when opened
    await page.getByTestId('nav-backups').click();
    await expect.poll(() => page.getByTestId('backup-row').count()).toBe(3);
    await page.getByTestId('backup-restore').click();
    await page.getByTestId('restore-choice').filter({ hasText: '01.01.2099' }).click();
    await page.getByTestId('restore-inspect').click();
    await page.getByText('«Школьный офис 2099-01-01 10-00-00 (вручную).sqlite» повреждён или не является резервной копией Школьного офиса').waitFor();
    await page.getByTestId('restore-choice').filter({ hasText: 'зашифрована паролем' }).click();
    await page.getByTestId('restore-password').fill('неверный-1');
    await page.getByTestId('restore-inspect').click();
    await page.getByText(/^Неверный пароль резервной копии/).waitFor();
    await app.screenshot('admin-13-restore-refused');
    await page.getByRole('button', { name: 'Отмена' }).click();

    // The restore of the first copy: checked, previewed, confirmed.
    await page.getByTestId('backup-row-restore').last().click();
    await page.getByTestId('restore-inspect').click();
    await page.getByTestId('restore-preview').waitFor();
    expect(await page.getByTestId('restore-students').textContent()).toBe('1\u00a0000');
    expect(await page.getByTestId('restore-ok').isDisabled()).toBe(true);
    await page.getByTestId('restore-agree').check();
    await app.screenshot('admin-14-restore-confirm');
    await page.getByTestId('restore-ok').click();
    await page.getByTestId('restore-done').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('restore-safety').textContent()).toMatch(/\(перед восстановлением\)\.sqlite$/);
    await app.screenshot('admin-15-restore-done');
    await page.getByTestId('restore-close').click();

    // The room made after the backup is gone; the state before the restore is kept in its own copy.
    expect((await app.call('rooms.list')).some((r) => r.number === '999')).toBe(false);
    const after = await app.call('backup.status');
    expect(after.backups.map((b) => b.reason)).toContain('перед восстановлением');
    await page.getByTestId('nav-rooms').click();
    await page.getByTestId('rooms-table').waitFor();
    expect(await page.getByTestId('rooms-table').textContent()).not.toContain('Кабинет после копии');
    expect(app.pageErrors).toEqual([]);
  }, 120_000);
});
