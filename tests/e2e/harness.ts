// Drives the real renderer in Chromium through the browser host, against a real temporary SQLite file.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterEach, vi } from 'vitest';
import { openDatabase, type Db } from '../../db';
import type { Ctx } from '../../electron/core/context';
import { createLocalClient, type LocalClient } from '../../electron/core/dispatch';
import { Session } from '../../electron/core/auth/session';
import { createUser } from '../../electron/core/auth/users';
import { AREAS } from '../../electron/core/auth/permissions';
import type { AppRole } from '../../electron/api/types';
import { startWebHost, type WebHost } from '../../electron/web/server';
import { scheduleSync } from '../../electron/core/sync/background';
import { tempDir } from '../support/tmp';

export const ROOT = join(import.meta.dirname, '../..');
export const ARTIFACTS = join(ROOT, 'tests/artifacts');
const STATIC = join(ROOT, 'out/web');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// Two spec files run at once, each with its Chromium and its core: a screen may take longer than
// vitest's default second to show what expect.poll waits for.
vi.setConfig({ expect: { poll: { timeout: 10_000, interval: 50 } } });

/** The page of the running spec, for a screenshot when a test fails (tests/artifacts/failed-*.png). */
let current: Page | null = null;
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail' || !current) return;
  const name = ctx.task.name.replace(/[^\p{L}\d]+/gu, '-').slice(0, 60);
  await current.screenshot({ path: join(ARTIFACTS, `failed-${name}.png`) }).catch(() => undefined);
});

export interface App {
  dir: string;
  dbPath: string;
  db: Db;
  host: WebHost;
  browser: Browser;
  page: Page;
  /**
   * The same API in-process, to prepare data and to check what reached the database. It has its
   * own session (a test administrator, actor «e2e»): logging in, out or locking in the browser does
   * not change what it may do.
   */
  call: LocalClient;
  /** The browser's session in the web host (who is logged in, locked): the one its cookie names. */
  session: Session;
  /** Users created by startApp (the demo school's four, or the administrator), with one-time passwords. */
  users: Record<string, { role: AppRole; password: string }>;
  /** Errors the page printed to its console or threw (React warnings included). */
  pageErrors: string[];
  /** A PNG in tests/artifacts; notifications are hidden unless `toasts` (they would cover the header). */
  screenshot: (name: string, opts?: { fullPage?: boolean; toasts?: boolean }) => Promise<void>;
  close: () => Promise<void>;
}

export interface StartOptions {
  /** Opens the demo school first (app.loadDemo): its four users get one-time passwords. */
  demo?: boolean;
  /** Creates the system administrator «admin» with a one-time password (no demo). */
  admin?: boolean;
  /** Installs Playwright's fake clock before the app opens (to fast-forward the inactivity timer). */
  clock?: boolean;
  /** The core's clock (the app's «today»: deadlines, late steps); the real time by default. */
  now?: () => Date;
  /** The window's size; by default 1366×768, the usual school laptop (issue 8). */
  viewport?: { width: number; height: number };
  /** Runs the host's background sync as `npm run web` does (its period: SCHOOL_OFFICE_SYNC_INTERVAL_MS). */
  sync?: boolean;
}

/** A temp dir with a fresh database, the browser host on 127.0.0.1, Chromium with the app open. */
export async function startApp(opts: StartOptions = {}): Promise<App> {
  if (!existsSync(join(STATIC, 'index.html'))) throw new Error('out/web is missing: run `npm run build:web` before the e2e specs');
  mkdirSync(ARTIFACTS, { recursive: true });
  const tmp = tempDir('school-office-e2e-');
  const dbPath = join(tmp.dir, 'school.sqlite');
  const db = openDatabase(dbPath);
  const ctx: Ctx = { db, actor: 'system', host: 'web', now: opts.now ?? (() => new Date()), session: new Session(true), dataDir: tmp.dir };
  const host = await startWebHost({ ctx, staticDir: STATIC });
  const sync = opts.sync ? scheduleSync(ctx) : null;
  const probe: Ctx = { ...ctx, actor: 'e2e', session: new Session(false) };
  probe.session.signIn(
    { id: 'e2e', login: 'e2e', displayName: 'Проверка e2e', role: 'sysadmin', deputyGrades: [], mustChangePassword: false, access: Object.fromEntries(AREAS.map((a) => [a, 'change'])) },
    new Date(),
    { service: true },
  );
  const call = createLocalClient(probe);
  const users: App['users'] = {};
  if (opts.demo) for (const u of (await call('app.loadDemo', { students: 1000, seed: 1 })).users) users[u.login] = { role: u.role, password: u.password };
  if (opts.admin) {
    const { password } = await createUser(probe, { login: 'admin', displayName: 'Орлова Марина Викторовна', role: 'sysadmin', deputyGrades: [] });
    users.admin = { role: 'sysadmin', password };
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1366, height: 768 }, locale: 'ru-RU', acceptDownloads: true });
  const page = await context.newPage();
  current = page;
  page.setDefaultTimeout(45_000); // generous: the specs run two at a time, on a machine that may be busy
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // The CSP meta tag's frame-ancestors notice is the browser's, not the app's.
    if (m.type() === 'error' && !m.text().includes('frame-ancestors')) pageErrors.push(m.text());
  });
  if (opts.clock) await page.clock.install();
  await page.goto(host.openUrl);
  // The host gave this browser its own session, behind the cookie the printed address set.
  const cookie = (await context.cookies(host.url)).find((c) => c.name === host.cookieName);
  const session = cookie && host.sessions.get(cookie.value);
  if (!session) throw new Error('the web host opened no session for the browser');

  return {
    dir: tmp.dir,
    dbPath,
    db,
    host,
    browser,
    page,
    call,
    session,
    users,
    pageErrors,
    async screenshot(name, opts = {}) {
      await page.evaluate('window.scrollTo(0, 0)');
      await page.waitForTimeout(150);
      await page.screenshot({
        path: join(ARTIFACTS, `${name}.png`),
        fullPage: opts.fullPage ?? false,
        style: opts.toasts ? undefined : '.mantine-Notifications-root { display: none !important; }',
      });
    },
    async close() {
      sync?.stop();
      await browser.close().catch(() => undefined);
      await host.close().catch(() => undefined);
      db.close();
      tmp.cleanup();
    },
  };
}

/** Picks an option of a Mantine Select (opens it, types to filter when searchable, clicks the option). */
export async function pickOption(page: Page, testId: string, option: string | RegExp, opts: { type?: string } = {}) {
  const input = page.getByTestId(testId);
  await input.click();
  if (opts.type !== undefined) await input.fill(opts.type);
  await page.getByRole('option', { name: option }).first().click();
}

/** The password every e2e user chooses instead of the one-time password. */
export const NEW_PASSWORD = 'Школа2026';

/**
 * Logs in through the login screen; a one-time password is replaced on the forced-change screen by
 * `newPassword`. Ends in the app (the header shows the school).
 */
export async function signIn(page: Page, login: string, password: string, newPassword = NEW_PASSWORD): Promise<void> {
  await page.getByTestId('login-screen').waitFor();
  await page.getByTestId('login-login').fill(login);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  const forced = page.getByTestId('forced-password-change');
  await page.locator('[data-testid="forced-password-change"], [data-testid="header-school"], [data-testid="login-error"]').first().waitFor();
  if (await forced.count()) {
    await page.getByTestId('pw-old').fill(password);
    await page.getByTestId('pw-new').fill(newPassword);
    await page.getByTestId('pw-repeat').fill(newPassword);
    await page.getByTestId('pw-submit').click();
  }
  await page.getByTestId('header-school').waitFor();
}

/** Logs out through the user menu. */
export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-logout').click();
  await page.getByTestId('login-screen').waitFor();
}

// The layout checker of tests/e2e/layout.spec.ts: nothing cut, hidden or sticking out.
const LAYOUT_CHECK = readFileSync(join(import.meta.dirname, 'layout-check.browser.js'), 'utf8');

/** What the layout checker finds wrong on the page as it is (asked again once after a moment, for a page still settling). */
export async function layoutProblems(page: Page): Promise<string[]> {
  await page.waitForTimeout(350);
  let problems = (await page.evaluate(LAYOUT_CHECK)) as string[];
  if (problems.length) {
    await page.waitForTimeout(800);
    problems = (await page.evaluate(LAYOUT_CHECK)) as string[];
  }
  return problems;
}

/** The message Mantine shows under a field (linked by aria-describedby). */
export async function messageOf(field: Locator): Promise<string> {
  return field.evaluate((el: { getAttribute(n: string): string | null; ownerDocument: { getElementById(id: string): { textContent: string | null } | null } }) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => (id ? (el.ownerDocument.getElementById(id)?.textContent ?? '') : ''))
      .join(' ')
      .trim(),
  );
}
