// Browser mode: one session per browser (issue 8, point 7). The printed address only opens the page:
// it sets an HttpOnly, SameSite=Strict cookie bound to a new session and leaves the address without
// the token; every browser must log in; API calls are authenticated by that cookie.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startWebHost, type WebHost } from '../../electron/web/server';
import { ADMIN, tempCore } from '../support/core';
import { openWebSession } from '../support/web';
import { ARTIFACTS, NEW_PASSWORD, signIn, startApp, type App } from '../e2e/harness';

type Reply = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };

async function api(host: WebHost, name: string, input: unknown, headers: Record<string, string>): Promise<{ status: number; reply?: Reply }> {
  const res = await fetch(`${host.url}api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(input) });
  return { status: res.status, reply: res.status === 200 ? ((await res.json()) as Reply) : undefined };
}

describe('browser sessions over HTTP', () => {
  let core: Awaited<ReturnType<typeof tempCore>>;
  let host: WebHost;
  beforeAll(async () => {
    core = await tempCore(undefined, { login: false });
    const dir = join(core.dir, 'static');
    mkdirSync(dir);
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    host = await startWebHost({ ctx: core.ctx, staticDir: dir });
  });
  afterAll(async () => {
    await host.close();
    core.cleanup();
  });

  it('the printed address sets a private session cookie and sends the browser on without the token', async () => {
    const res = await fetch(host.openUrl, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const [cookie, ...more] = res.headers.getSetCookie();
    expect(more).toEqual([]);
    const [pair, ...flags] = cookie!.split(';').map((p) => p.trim());
    expect(pair).toMatch(new RegExp(`^school-office-${host.port}=[\\w-]{43}$`));
    // HttpOnly: no script reads it; SameSite=Strict: no other site's request carries it; no
    // Expires/Max-Age: it ends with the browser; no Domain: this host only.
    expect(flags.sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict']);
    expect(host.sessions.get(pair!.split('=')[1]!)?.user).toBeNull();
    // The same browser opening the address again keeps its session.
    const again = await fetch(host.openUrl, { redirect: 'manual', headers: { Cookie: pair! } });
    expect([again.status, again.headers.getSetCookie()]).toEqual([303, []]);
  });

  it('without its cookie nothing is served: neither the page, nor the API, even with the token', async () => {
    const page = await fetch(host.url);
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('Откройте программу по адресу, который напечатала команда');
    expect((await fetch(`${host.url}index.html`)).status).toBe(403);
    expect((await fetch(`${host.url}?t=${host.token}x`, { redirect: 'manual' })).status).toBe(403);
    expect((await api(host, 'app.info', {}, { 'X-School-Office-Token': host.token })).status).toBe(403);
    expect((await api(host, 'app.info', {}, { Cookie: `school-office-${host.port}=${host.token}` })).status).toBe(403);
  });

  it('each browser has its own session: the second one to open the address must log in', async () => {
    const first = await openWebSession(host.openUrl);
    const second = await openWebSession(host.openUrl);
    expect(second).not.toBe(first);
    const setup = await api(host, 'auth.setupAdmin', ADMIN, { Cookie: first });
    expect(setup.reply?.ok).toBe(true);
    expect((await api(host, 'auth.status', {}, { Cookie: first })).reply).toMatchObject({ ok: true, result: { user: { login: ADMIN.login } } });
    // The second browser: nobody logged in, its calls refused until it logs in itself.
    expect((await api(host, 'auth.status', {}, { Cookie: second })).reply).toMatchObject({ ok: true, result: { user: null } });
    expect((await api(host, 'users.list', {}, { Cookie: second })).reply).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect((await api(host, 'auth.login', { login: ADMIN.login, password: ADMIN.password }, { Cookie: second })).reply?.ok).toBe(true);
    expect((await api(host, 'users.list', {}, { Cookie: second })).reply?.ok).toBe(true);
    // Logging out in one browser leaves the other logged in.
    await api(host, 'auth.logout', {}, { Cookie: first });
    expect((await api(host, 'users.list', {}, { Cookie: first })).reply).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect((await api(host, 'users.list', {}, { Cookie: second })).reply?.ok).toBe(true);
  }, 60_000);
});

describe('browser sessions in Chromium', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp({ demo: true });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  it('a second browser opening the printed address after the administrator logged in meets the login screen', async () => {
    // The first browser, as opened: the address holds no token, its history only the blank tab it
    // started from and the program (the redirect made no entry); scripts see no cookie or token.
    await app.page.getByTestId('login-screen').waitFor();
    expect(app.page.url()).toBe(app.host.url);
    expect(await app.page.evaluate('[history.length, document.cookie, sessionStorage.length, localStorage.length]')).toEqual([2, '', 0, 0]);
    await signIn(app.page, 'admin', app.users.admin!.password);
    expect(app.session.user?.login).toBe('admin');

    const other = await app.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ru-RU' });
    const page = await other.newPage();
    await page.goto(app.host.openUrl);
    await page.getByTestId('login-screen').waitFor();
    expect(await page.getByTestId('header-school').count()).toBe(0);
    expect(page.url()).toBe(app.host.url);
    expect(await page.evaluate('[history.length, document.cookie, sessionStorage.length]')).toEqual([2, '', 0]);
    await page.screenshot({ path: join(ARTIFACTS, 'web-second-browser-login.png') });
    // Two sessions on the host; the second logs in as another user while the first stays the administrator.
    const cookie = (await other.cookies(app.host.url)).find((c) => c.name === app.host.cookieName)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', expires: -1 });
    const second = app.host.sessions.get(cookie.value)!;
    expect(second).not.toBe(app.session);
    expect(second.user).toBeNull();
    await signIn(page, 'secretary', app.users.secretary!.password, NEW_PASSWORD);
    expect(await page.getByTestId('user-role').textContent()).toBe('Секретарь');
    expect(second.user?.login).toBe('secretary');
    expect(app.session.user?.login).toBe('admin');
    await app.page.reload();
    await app.page.getByTestId('header-school').waitFor();
    expect(await app.page.getByTestId('user-role').textContent()).toBe('Администратор системы');

    // A browser that did not open the printed address gets no page.
    const stranger = await app.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ru-RU' });
    const lost = await stranger.newPage();
    const res = await lost.goto(app.host.url);
    expect(res?.status()).toBe(403);
    await lost.getByText('Откройте программу по адресу, который напечатала команда').waitFor();
    await lost.screenshot({ path: join(ARTIFACTS, 'web-no-session.png') });
    // Back from the program: the blank tab, not an address with the token.
    await page.goBack();
    expect(page.url()).toBe('about:blank');
    await other.close();
    await stranger.close();
    expect(app.pageErrors).toEqual([]);
  }, 180_000);
});
