// Logging in, the forced change of a one-time password, wrong passwords and the lockout, the
// automatic lock after inactivity, the password change from the user menu, and what a secretary
// may see — in real Chromium through the browser host, on the demo school.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { NEW_PASSWORD, signIn, signOut, startApp, type App } from './harness';

let app: App;
beforeAll(async () => {
  app = await startApp({ demo: true, clock: true });
}, 120_000);
afterAll(async () => {
  await app?.close();
});

const error = () => app.page.getByTestId('login-error').textContent();
/** The login's one answer to a wrong password, an unknown login, a disabled or a locked account. */
const REFUSED = 'Неверный логин или пароль, либо вход заблокирован: после 5\u00a0неверных попыток подряд — на 15\u00a0мин.';
/** The administrator's password after the change from the user menu. */
const PASSWORD = 'НовыйПароль7';

describe('login and sessions', () => {
  it('logs in with a one-time password and makes the user choose a new one first', async () => {
    const { page } = app;
    await page.getByTestId('login-screen').waitFor();
    expect(await page.getByTestId('auth-school').textContent()).toBe('МБОУ СОШ № 17');
    await app.screenshot('auth-0-login');

    // A wrong password: the core's message, the password field emptied for the next try.
    await page.getByTestId('login-login').fill('admin');
    await page.getByTestId('login-password').fill('неверный-1');
    await page.getByTestId('login-password').press('Enter');
    await expect.poll(error).toBe(REFUSED);
    expect(await page.getByTestId('login-password').inputValue()).toBe('');
    // An unknown login gets the same answer: logins are not revealed.
    await page.getByTestId('login-login').fill('nobody');
    await page.getByTestId('login-password').fill('неверный-1');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').filter({ hasText: REFUSED }).waitFor();
    await app.screenshot('auth-1-wrong-password');

    // The one-time password opens only the change screen; the core refuses everything else meanwhile.
    await page.getByTestId('login-login').fill('admin');
    await page.getByTestId('login-password').fill(app.users.admin!.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('forced-password-change').waitFor();
    expect(app.session.user?.mustChangePassword).toBe(true);
    expect(await page.getByTestId('header-school').count()).toBe(0);
    await page.getByTestId('pw-old').fill(app.users.admin!.password);
    await page.getByTestId('pw-new').fill('короткий');
    await page.getByTestId('pw-repeat').fill('короткий');
    await page.getByTestId('pw-submit').click();
    await page.getByText('Пароль должен содержать буквы и цифры').first().waitFor();
    await page.getByTestId('pw-new').fill(NEW_PASSWORD);
    await page.getByTestId('pw-repeat').fill(NEW_PASSWORD + '!');
    await page.getByTestId('pw-submit').click();
    await page.getByText('Пароли не совпадают').first().waitFor();
    await page.getByTestId('pw-repeat').fill(NEW_PASSWORD);
    await app.screenshot('auth-2-forced-change');
    await page.getByTestId('pw-submit').click();

    await page.getByTestId('header-school').waitFor();
    expect(await page.getByTestId('user-name').textContent()).toBe('Гордиенко С. П.');
    expect(await page.getByTestId('user-role').textContent()).toBe('Администратор системы');
    expect(app.session.user).toMatchObject({ login: 'admin', mustChangePassword: false });
    await page.getByTestId('checklist-progress').waitFor();
    await app.screenshot('auth-3-home');
    expect((await app.call('users.list')).find((u) => u.login === 'admin')?.mustChangePassword).toBe(false);
  }, 120_000);

  it('blocks the login after five wrong passwords, answering alike before and after', async () => {
    const { page } = app;
    await signOut(page);
    await page.getByTestId('login-login').fill('director');
    for (let i = 1; i <= 4; i++) {
      await page.getByTestId('login-password').fill(`неверный-${i}`);
      await page.getByTestId('login-submit').click();
      await expect.poll(async () => (await page.getByTestId('login-password').inputValue()) === '' && (await error())).toBe(REFUSED);
    }
    await page.getByTestId('login-password').fill('неверный-5');
    await page.getByTestId('login-submit').click();
    await expect.poll(async () => (await page.getByTestId('login-password').inputValue()) === '' && (await error())).toBe(REFUSED);
    await expect.poll(async () => (await app.call('users.list')).find((u) => u.login === 'director')?.lockedUntil ?? null).not.toBeNull();
    // Even the right password is refused now, with the same words (a lock tells nobody which logins exist).
    await page.getByTestId('login-password').fill(app.users.director!.password);
    await page.getByTestId('login-submit').click();
    await expect.poll(async () => (await page.getByTestId('login-password').inputValue()) === '' && (await error())).toBe(REFUSED);
    await app.screenshot('auth-4-lockout');
    expect(app.session.user).toBeNull();
    const director = (await app.call('users.list')).find((u) => u.login === 'director')!;
    expect(Date.parse(director.lockedUntil!)).toBeGreaterThan(Date.now() + 14 * 60_000);

    // The administrator sees the lockout in the list of users.
    await signIn(page, 'admin', NEW_PASSWORD);
    await page.getByTestId('nav-users').click();
    await expect.poll(() => page.locator('[data-testid="user-row"][data-login="director"] [data-testid="user-state"]').textContent()).toMatch(/^Заблокирован до \d\d:\d\d$/);
  }, 120_000);

  it('changes the password from the user menu', async () => {
    const { page } = app;
    await page.getByTestId('user-menu').click();
    await app.screenshot('auth-5-user-menu');
    await page.getByTestId('menu-change-password').click();
    await page.getByTestId('pw-old').fill('неверный-1');
    await page.getByTestId('pw-new').fill(PASSWORD);
    await page.getByTestId('pw-repeat').fill(PASSWORD);
    await page.getByTestId('pw-submit').click();
    await page.getByText('Текущий пароль введён неверно').first().waitFor();
    await app.screenshot('auth-6-change-password');
    await page.getByTestId('pw-old').fill(NEW_PASSWORD);
    await page.getByTestId('pw-submit').click();
    // The dialog closes (a notice says so); the proof is the next login.
    await page.getByTestId('pw-old').waitFor({ state: 'detached' });

    // The old password no longer opens the program; the new one does.
    await signOut(page);
    await page.getByTestId('login-login').fill('admin');
    await page.getByTestId('login-password').fill(NEW_PASSWORD);
    await page.getByTestId('login-submit').click();
    await expect.poll(error).toBe(REFUSED);
    await signIn(page, 'admin', PASSWORD);
    expect(app.session.user?.login).toBe('admin');

    // A session ended in the core (here: by hand) sends the next call back to the login screen, with the reason.
    app.session.signOut();
    await page.getByTestId('nav-rooms').click();
    await page.getByTestId('login-screen').waitFor();
    expect(await page.getByTestId('login-info').textContent()).toBe('Войдите в программу под своей учётной записью.');
    await signIn(page, 'admin', PASSWORD);
  }, 120_000);

  it('shows a secretary only what the role may see: no backups or users, setup read-only', async () => {
    const { page } = app;
    await signOut(page);
    await signIn(page, 'secretary', app.users.secretary!.password);
    expect(await page.getByTestId('user-role').textContent()).toBe('Секретарь');
    for (const hidden of ['nav-backups', 'nav-users', 'nav-audit', 'nav-wizard']) expect(await page.getByTestId(hidden).count(), hidden).toBe(0);
    // The register of correction requests is the secretary's too (issue 8).
    for (const shown of ['nav-home', 'nav-school', 'nav-classes', 'nav-students', 'nav-import', 'nav-corrections']) expect(await page.getByTestId(shown).count(), shown).toBe(1);

    // Setup screens: read-only, no buttons that change anything.
    await page.getByTestId('nav-classes').click();
    await page.getByTestId('classes-table').waitFor();
    await page.getByTestId('read-only').waitFor();
    expect(await page.getByTestId('classes-create').count()).toBe(0);
    expect(await page.getByTestId('classes-add-rooms').count()).toBe(0);
    expect(await page.getByTestId('class-teacher-5А').getAttribute('readonly')).not.toBeNull();
    await app.screenshot('auth-7-secretary-classes');
    await page.getByTestId('nav-staff').click();
    await page.getByTestId('staff-table').getByTestId('vt-row').first().waitFor();
    expect(await page.getByTestId('staff-add').count()).toBe(0);
    await page.getByTestId('staff-table').getByTestId('vt-row').first().click();
    expect(await page.getByTestId('staff-lastName').isDisabled()).toBe(true);
    expect(await page.getByTestId('staff-save').count()).toBe(0);
    await app.screenshot('auth-8-secretary-staff-card');
    await page.keyboard.press('Escape');
    await page.getByTestId('nav-school').click();
    await page.getByTestId('school-form').waitFor();
    expect(await page.getByTestId('school-fullName').isDisabled()).toBe(true);
    expect(await page.getByTestId('school-save').count()).toBe(0);

    // Students are the secretary's own work: the list is editable.
    await page.getByTestId('nav-students').click();
    await page.getByTestId('student-add').waitFor();
    expect(await page.getByTestId('read-only').count()).toBe(0);

    // A screen of another role, opened by its address.
    await page.evaluate("location.hash = '/admin/backups'");
    await page.getByTestId('no-access').waitFor();
    expect(await page.getByTestId('no-access').textContent()).toContain('Раздел «Резервные копии» недоступен');
    await app.screenshot('auth-9-secretary-no-access');
  }, 120_000);
  it('locks itself after the set minutes without mouse or keyboard, and unlocks with the password', async () => {
    const { page } = app;
    // One minute, set through the API; the app reads it at login.
    await app.call('settings.save', { ...(await app.call('settings.get')), autoLockMinutes: 1 });
    await signOut(page);
    await signIn(page, 'admin', PASSWORD);
    await page.getByTestId('nav-students').click();
    await page.getByTestId('students-table').getByTestId('vt-row').first().waitFor();
    expect(await page.getByTestId('lock-screen').count()).toBe(0);

    // Half a minute of inactivity: nothing happens; after a minute the program locks.
    await page.clock.fastForward('00:30');
    await page.waitForTimeout(300);
    expect(await page.getByTestId('lock-screen').count()).toBe(0);
    await page.clock.fastForward('00:45');
    await page.getByTestId('lock-screen').waitFor();
    await expect.poll(() => app.session.locked).toBe(true);
    expect(await page.getByTestId('lock-user').textContent()).toBe('Гордиенко Станислав Петрович');
    await app.screenshot('auth-10-locked');

    // A wrong password keeps it locked (it does not log out); the right one returns to the same screen.
    await page.getByTestId('unlock-password').fill('неверный-1');
    await page.getByTestId('unlock-submit').click();
    await expect.poll(() => page.getByTestId('unlock-error').textContent()).toBe('Неверный пароль.');
    expect(app.session.user?.login).toBe('admin');
    await app.screenshot('auth-11-unlock-wrong');
    await page.getByTestId('unlock-password').fill(PASSWORD);
    await page.getByTestId('unlock-password').press('Enter');
    await page.getByTestId('lock-screen').waitFor({ state: 'detached' });
    expect(app.session.locked).toBe(false);
    expect(await page.getByTestId('students-table').count()).toBe(1);

    // Ctrl+L locks at once.
    await page.keyboard.press('Control+L');
    await page.getByTestId('lock-screen').waitFor();
    await expect.poll(() => app.session.locked).toBe(true);
    await page.getByTestId('unlock-password').fill(PASSWORD);
    await page.getByTestId('unlock-submit').click();
    await page.getByTestId('lock-screen').waitFor({ state: 'detached' });

    // A lock while the unlock's reload is still on its way stays: the status the core gave before
    // the lock arrives late and does not take the lock screen away (found under load in CI).
    await page.keyboard.press('Control+L');
    await page.getByTestId('lock-screen').waitFor();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let heldAnswers = 0;
    await page.route('**/api/auth.status', async (route) => {
      const response = await route.fetch();
      await held;
      await route.fulfill({ response });
      heldAnswers++;
    });
    await page.getByTestId('unlock-password').fill(PASSWORD);
    await page.getByTestId('unlock-submit').click();
    await page.getByTestId('lock-screen').waitFor({ state: 'detached' });
    await expect.poll(() => app.session.locked).toBe(false);
    await page.keyboard.press('Control+L');
    await page.getByTestId('lock-screen').waitFor();
    await expect.poll(() => app.session.locked).toBe(true);
    release();
    await expect.poll(() => heldAnswers).toBe(1);
    await page.waitForTimeout(300);
    expect(await page.getByTestId('lock-screen').count()).toBe(1);
    await page.unroute('**/api/auth.status');
    await page.getByTestId('unlock-password').fill(PASSWORD);
    await page.getByTestId('unlock-submit').click();
    await page.getByTestId('lock-screen').waitFor({ state: 'detached' });

    // When the core locked by its own clock (no call for longer than the limit), the refused call
    // shows the lock screen, waits for the unlock and is then made again: the screen loads as usual.
    // The core serves no data while locked: every data call in between is refused. (The screen
    // beneath may show what this user loaded before the lock — the classes were read for the
    // students list's filter — covered by the lock screen, as the screen one was on is.)
    // Only requests sent after the core's clock ran out count (a refetch already on its way is not the screen's).
    const asked: import('playwright-core').Request[] = [];
    const onRequest = (r: import('playwright-core').Request) => {
      const url = new URL(r.url());
      const name = decodeURIComponent(url.pathname.replace(/^\/api\//, ''));
      // What the classes screen asks for (the shell's own queries may still be finishing the unlock before).
      if (url.pathname.startsWith('/api/') && /^(classes|staff|rooms)\./.test(name)) asked.push(r);
    };
    app.session.lastActivity -= 2 * 60_000;
    page.on('request', onRequest);
    await page.evaluate("location.hash = '/setup/classes'");
    await page.getByTestId('lock-screen').waitFor();
    expect(app.session.locked).toBe(true);
    await page.waitForTimeout(500);
    page.off('request', onRequest);
    expect(asked.length, 'the classes screen asked the core').toBeGreaterThan(0);
    const served = await Promise.all(
      asked.map(async (r) => {
        const res = await r.response();
        const body = res ? ((await res.json().catch(() => null)) as { ok?: boolean } | null) : null;
        return body?.ok ? new URL(r.url()).pathname : null;
      }),
    );
    expect(served.filter(Boolean), 'data served while locked').toEqual([]);
    await page.getByTestId('unlock-password').fill(PASSWORD);
    await page.getByTestId('unlock-submit').click();
    await page.getByTestId('lock-screen').waitFor({ state: 'detached' });
    await page.getByTestId('classes-table').waitFor();
    expect(await page.getByTestId('error-alert').count()).toBe(0);

    await app.call('settings.save', { ...(await app.call('settings.get')), autoLockMinutes: 15 });

    // Wrong passwords at the lock screen count as at the login: the fifth locks the account and
    // ends the session; the login screen says why. (Last: the account stays locked.)
    await page.keyboard.press('Control+L');
    await page.getByTestId('lock-screen').waitFor();
    for (let i = 1; i <= 4; i++) {
      await page.getByTestId('unlock-password').fill(`неверный-${i}`);
      await page.getByTestId('unlock-submit').click();
      await expect.poll(() => page.getByTestId('unlock-error').textContent()).toBe('Неверный пароль.');
      await page.getByTestId('unlock-password').fill('');
    }
    await page.getByTestId('unlock-password').fill('неверный-5');
    await page.getByTestId('unlock-submit').click();
    await page.getByTestId('login-info').waitFor();
    expect(await page.getByTestId('login-info').textContent()).toBe('Слишком много неверных попыток: вход заблокирован на 15 мин.');
    expect(await page.getByTestId('lock-screen').count()).toBe(0);
    expect(app.session.user).toBeNull();
    await app.screenshot('auth-12-locked-out');
    expect(app.pageErrors).toEqual([]);
  }, 120_000);
});
