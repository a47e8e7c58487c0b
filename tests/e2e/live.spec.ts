// Issue 9, point 7 — the UI follows the data. With the students list open in one browser session,
// a change saved in a second session (another user of the same host: the secretary, in another
// browser) appears in the first within 2 s without reloading; so do changes made through the
// in-process API and by the command line (another process on the same database file).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { NEW_PASSWORD, signIn, startApp, type App } from './harness';
import { xlsx } from '../support/sheets';
import { runCliAsync } from '../support/cli';

let app: App;
beforeAll(async () => {
  app = await startApp({ demo: true });
}, 180_000);
afterAll(async () => {
  await app?.close();
});

/** Marks the document: a reload would lose the mark. */
const mark = (page: Page) => page.evaluate('window.__notReloaded = true');
const stillSameDocument = async (page: Page) => (await page.evaluate('window.__notReloaded === true')) as boolean;
/** The count above the list, without its thousands separator: «1001 ученик». */
const total = async (page: Page) => ((await page.getByTestId('students-total').textContent()) ?? '').replace(/(\d)\s(\d)/gu, '$1$2');
const rowNames = (page: Page) => page.getByTestId('students-table').locator('[data-testid="vt-row"]').allTextContents();

/** How long (ms) until `check` holds, polled every 50 ms, at most `limit` ms (then -1). */
async function msUntil(check: () => Promise<boolean>, limit: number): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 <= limit) {
    if (await check()) return Date.now() - t0;
    await new Promise((r) => setTimeout(r, 50));
  }
  return -1;
}


describe('the UI follows the data', () => {
  let secretary: Page;

  it('a student added and renamed by the secretary in another browser appears in the open list within 2 s, without a reload', async () => {
    const { page } = app;
    await signIn(page, 'admin', app.users.admin!.password);
    await page.goto(`${app.host.url}#/students`);
    await page.getByTestId('students-table').waitFor();
    await expect.poll(() => total(page)).toBe('1000 учеников');
    await mark(page);

    // The second user of the same host: another browser (its own cookie, its own session).
    const context = await app.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ru-RU' });
    secretary = await context.newPage();
    await secretary.goto(app.host.openUrl);
    await signIn(secretary, 'secretary', app.users.secretary!.password);
    await secretary.goto(`${app.host.url}#/students`);
    await secretary.getByTestId('student-add').click();
    await secretary.getByTestId('student-lastName').fill('Аавикко');
    await secretary.getByTestId('student-firstName').fill('Алиса');
    await secretary.getByTestId('student-birthDate').fill('01.09.2015');
    await secretary.getByTestId('student-save').click();
    await secretary.getByTestId('student-lastName').waitFor({ state: 'hidden' });
    // Saved (the drawer closed after the core's answer): the first browser shows it within 2 s.
    const added = await msUntil(async () => (await total(page)) === '1001 ученик', 2000);
    expect(added, 'the new student reached the open list').toBeGreaterThanOrEqual(0);
    await expect.poll(() => rowNames(page).then((r) => r[0] ?? '')).toContain('Аавикко Алиса');
    await app.screenshot('live-1-added-by-secretary');

    // A change of a row on screen: the secretary renames her; the first list shows the new name.
    await secretary.getByTestId('students-search').fill('Аавикко');
    await secretary.getByTestId('students-table').getByText('Аавикко Алиса').click();
    await secretary.getByTestId('student-firstName').fill('Алиса-Мария');
    await secretary.getByTestId('student-save').click();
    await secretary.getByTestId('student-lastName').waitFor({ state: 'hidden' });
    const renamed = await msUntil(async () => (await rowNames(page))[0]?.includes('Аавикко Алиса-Мария') ?? false, 2000);
    expect(renamed, 'the new name reached the open list').toBeGreaterThanOrEqual(0);
    expect(await stillSameDocument(page)).toBe(true);
    await app.screenshot('live-2-renamed-by-secretary');
  }, 180_000);

  it('a change through the in-process API appears too', async () => {
    const { page } = app;
    const cls = (await app.call('classes.list')).find((c) => c.name === '5А')!;
    await app.call('students.save', { lastName: 'Аабе', firstName: 'Борис', middleName: null, birthDate: '2015-02-03', gender: 'm', classId: cls.id, guardians: [] });
    const shown = await msUntil(async () => (await total(page)) === '1002 ученика', 2000);
    expect(shown).toBeGreaterThanOrEqual(0);
    await expect.poll(() => rowNames(page).then((r) => r[0] ?? '')).toContain('Аабе Борис');
    expect(await stillSameDocument(page)).toBe(true);
  }, 60_000);

  it('a change by the command line (another process on the same database file) appears too', async () => {
    const { page } = app;
    // The administrator's own password (the one-time one was changed at the first login).
    const file = join(app.dir, 'new-students.xlsx');
    writeFileSync(file, await xlsx(['Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Класс'], [['Аабрамова', 'Вера', 'Петровна', '04.05.2015', '5А']]));
    // The command line as a person runs it: a child process on the same file.
    const r = await runCliAsync(['import', 'students', file, '--db', app.dbPath, '--user', 'admin', '--json'], { password: NEW_PASSWORD });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    // The process ended: its commit is in the file; the host sees it by data_version (every 0.5 s).
    const shown = await msUntil(async () => (await total(page)) === '1003 ученика', 2000);
    expect(shown).toBeGreaterThanOrEqual(0);
    await expect.poll(() => rowNames(page).then((r) => r.slice(0, 3).join(' | '))).toContain('Аабрамова Вера Петровна');
    expect(await stillSameDocument(page)).toBe(true);
    await app.screenshot('live-3-added-by-cli');
    expect(app.pageErrors).toEqual([]);
  }, 180_000);
});
