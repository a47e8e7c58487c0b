// Drives the real renderer in Chromium through the browser host, against a real temporary SQLite file.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openDatabase, type Db } from '../../db';
import type { Ctx } from '../../electron/core/context';
import { createLocalClient, type LocalClient } from '../../electron/core/dispatch';
import { Session } from '../../electron/core/auth/session';
import { startWebHost, type WebHost } from '../../electron/web/server';
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

export interface App {
  dir: string;
  dbPath: string;
  db: Db;
  host: WebHost;
  browser: Browser;
  page: Page;
  /** The same API in-process, to prepare data and to check what reached the database. */
  call: LocalClient;
  /** Errors the page printed to its console or threw (React warnings included). */
  pageErrors: string[];
  /** A PNG in tests/artifacts; notifications are hidden unless `toasts` (they would cover the header). */
  screenshot: (name: string, opts?: { fullPage?: boolean; toasts?: boolean }) => Promise<void>;
  close: () => Promise<void>;
}

/** A temp dir with a fresh database, the browser host on 127.0.0.1, Chromium with the app open. */
export async function startApp(): Promise<App> {
  if (!existsSync(join(STATIC, 'index.html'))) throw new Error('out/web is missing: run `npm run build:web` before the e2e specs');
  mkdirSync(ARTIFACTS, { recursive: true });
  const tmp = tempDir('school-office-e2e-');
  const dbPath = join(tmp.dir, 'school.sqlite');
  const db = openDatabase(dbPath);
  const ctx: Ctx = { db, actor: 'system', host: 'web', now: () => new Date(), session: new Session(true), dataDir: tmp.dir };
  const host = await startWebHost({ ctx, staticDir: STATIC });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ru-RU', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // The CSP meta tag's frame-ancestors notice is the browser's, not the app's.
    if (m.type() === 'error' && !m.text().includes('frame-ancestors')) pageErrors.push(m.text());
  });
  await page.goto(host.openUrl);

  return {
    dir: tmp.dir,
    dbPath,
    db,
    host,
    browser,
    page,
    call: createLocalClient(ctx),
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
