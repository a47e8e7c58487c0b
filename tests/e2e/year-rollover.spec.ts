// «Переход на новый учебный год» (issue 15 point 4) at 1366×768 on the demo school on 20.06.2027 with
// signed promotion and graduation orders written as the promotion part signs them: the wizard's first
// step, the dry run (counts, a class's details, what is not done), the confirmation naming the year,
// the result (the backup file, «Сделать 2027/2028 текущим»); reopened, the page shows the earlier result.
// Screenshots: tests/artifacts/year-rollover-dry-run.png, year-rollover-result.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startApp, type App } from './harness';
import { signOrders } from '../yearEnd/rolloverSupport';

let app: App;

beforeAll(async () => {
  app = await startApp({ demo: true, now: () => new Date('2027-06-20T10:00:00Z') });
  const yearId = app.db.raw.prepare(`SELECT id FROM academic_year WHERE is_current = 1`).pluck().get() as string;
  signOrders(app.db.raw, yearId, (s, k) => (s.grade === 11 ? 'graduated' : s.grade === 9 ? (k % 7 ? 'continues' : 'graduated') : k % 29 ? 'promoted' : 'repeat'));
}, 240_000);

afterAll(async () => {
  await app?.close();
});

describe('переход на новый учебный год', () => {
  it('shows the dry run, runs after a confirmation, and shows the result', async () => {
    const { page } = app;
    await signIn(page, 'admin', app.users.admin!.password);
    await page.evaluate("location.hash = '/year-end/rollover'");
    await page.locator('[data-testid=rollover-page][data-loaded]').waitFor();
    expect(await page.getByTestId('rollover-to').inputValue()).toBe('2027/2028');
    await page.getByTestId('tenth-А').waitFor();
    await page.getByTestId('rollover-next').click();
    await page.getByTestId('rollover-dry-run').waitFor();
    expect(await page.getByTestId('rollover-problems').count()).toBe(0);
    const classes = await page.getByTestId('rollover-class').count();
    expect(classes).toBeGreaterThan(30);
    expect(Number(await page.getByTestId('count-classes').textContent())).toBe(classes);
    expect(await page.getByTestId('rollover-not-done').textContent()).toContain('Первые классы не создаются');
    await page.getByTestId('rollover-class-toggle').nth(4).click();
    expect(await page.getByTestId('rollover-class-details').textContent()).toMatch(/учебный план — из класса той же параллели и литеры/);
    await app.screenshot('year-rollover-dry-run');
    await page.getByTestId('rollover-search').fill('10');
    await page.waitForFunction("[...document.querySelectorAll('[data-testid=rollover-class]')].every((r) => r.textContent.startsWith('10'))");

    await page.getByTestId('rollover-to-confirm').click();
    await page.getByTestId('rollover-run').click();
    expect(await page.getByTestId('confirm-modal').textContent()).toContain('Переход на 2027/2028');
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('rollover-result').waitFor({ timeout: 120_000 });
    await page.getByTestId('confirm-modal').waitFor({ state: 'detached', timeout: 30_000 }).catch(() => undefined);
    await page.waitForFunction("!document.querySelector('.mantine-Modal-content')");
    expect(await page.getByTestId('rollover-backup').textContent()).toMatch(/перед переходом на новый год/);
    expect(await page.getByTestId('rollover-make-current').textContent()).toBe('Сделать 2027/2028 текущим');
    expect(app.db.raw.prepare(`SELECT count(*) FROM school_class c JOIN academic_year y ON y.id = c.year_id WHERE y.name = '2027/2028'`).pluck().get()).toBe(classes);
    await app.screenshot('year-rollover-result');

    // Reopened: the earlier result, nothing to run again.
    await page.evaluate("location.hash = '/'");
    await page.evaluate("location.hash = '/year-end/rollover'");
    await page.locator('[data-testid=rollover-page][data-loaded] [data-testid=rollover-result]').waitFor();
    expect(await page.getByTestId('rollover-run').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  }, 300_000);
});
