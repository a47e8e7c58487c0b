// The office's calendar on the home screen (issue 15 point 5) at 1366×768, on the demo school in the
// last week of May 2027 (the core's clock at 25.05.2027): the administrator's and the deputy's home
// screens, «Сейчас и просрочено» in red with the days late, the year by month with today marked, an
// item opened by a click and by the keyboard. Written into SQLite as the features would: the year's
// marks (as sync brings them), the earlier periods' paper steps done, two academic debts (one retake
// ahead, one passed without a result).
// Screenshots: tests/artifacts/home-calendar-admin.png, home-calendar-admin-year.png, home-calendar-deputy.png,
// home-calendar-secretary.png, home-calendar-director.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ARTIFACTS, signIn, signOut, startApp, type App } from './harness';
import { uuidv7 } from '../../db/ids';
import { paperSteps } from '../../electron/api/enums';
import { seedYearMarks } from '../support/yearMarks';

let app: App;

beforeAll(async () => {
  app = await startApp({ demo: true, now: () => new Date('2027-05-25T09:00:00Z') });
  const db = app.db.raw;
  const year = db.prepare(`SELECT id FROM academic_year WHERE is_current = 1 AND deleted_at IS NULL`).get() as { id: string };
  const pupils = db.prepare(`SELECT s.id FROM student s JOIN school_class c ON c.id = s.class_id WHERE c.grade = 7 ORDER BY s.id LIMIT 2`).all() as { id: string }[];
  const subject = db.prepare(`SELECT id FROM subject WHERE deleted_at IS NULL ORDER BY name LIMIT 1`).get() as { id: string };
  const stamp = '2027-05-21T09:00:00.000Z';
  const insert = db.prepare(
    `INSERT INTO academic_debt (id, created_at, updated_at, student_id, subject_id, year_id, reason, recorded_on, first_retake_on, status) VALUES (?, ?, ?, ?, ?, ?, 'unsatisfactory', '2027-05-20', ?, 'open')`,
  );
  insert.run(uuidv7(), stamp, stamp, pupils[0]!.id, subject.id, year.id, '2027-05-28');
  insert.run(uuidv7(), stamp, stamp, pupils[1]!.id, subject.id, year.id, '2027-05-21');
  // The school's year as it would be by now: the marks synced, the earlier periods' paper copies done.
  seedYearMarks(app.db, { yearId: year.id });
  const step = db.prepare(`INSERT INTO paper_step (id, created_at, updated_at, class_id, period_id, step, done_at, done_by) VALUES (?, ?, ?, ?, ?, ?, ?, 'Гордиенко С. П.')`);
  const periods = db.prepare(`SELECT id, end_date, grade_from, grade_to FROM study_period WHERE year_id = ? AND end_date < '2027-05-01'`).all(year.id) as { id: string; end_date: string; grade_from: number; grade_to: number }[];
  for (const p of periods)
    for (const c of db.prepare(`SELECT id FROM school_class WHERE year_id = ? AND grade BETWEEN ? AND ?`).all(year.id, p.grade_from, p.grade_to) as { id: string }[])
      for (const s of paperSteps.values) step.run(uuidv7(), stamp, stamp, c.id, p.id, s, `${p.end_date}T12:00:00.000Z`);
}, 300_000);
afterAll(async () => {
  await app?.close();
});

const login = (role: string) => Object.entries(app.users).find(([, u]) => u.role === role)!;
const loaded = () => app.page.locator('[data-testid=home][data-loaded]').waitFor();

describe('the office calendar on the home screen', () => {
  it('the administrator: the promotion orders late in red, the attestation now, the year by month', async () => {
    const { page } = app;
    const [name, u] = login('sysadmin');
    await signIn(page, name, u.password);
    await loaded();
    const now = page.getByTestId('due-items');
    const orders = now.locator('[data-testid=due-item][data-key=orders]');
    await orders.waitFor();
    expect(await orders.getAttribute('data-red')).toBe('true');
    expect(await orders.getByTestId('due-item-state').textContent()).toBe('просрочено на 1 день');
    expect(await now.locator('[data-key=attestation]').getByTestId('due-item-state').textContent()).toBe('до 26.05.2027');
    // Late first: the first row is red.
    expect(await now.getByTestId('due-item').first().getAttribute('data-state')).toBe('late');
    // The year: September to the summer, today marked in May; the rollover in June.
    const year = page.getByTestId('home-year');
    expect(await year.getByTestId('home-month').first().textContent()).toContain('Сентябрь 2026');
    expect(await year.locator('[data-testid=home-month][data-current]').textContent()).toContain('Сегодня, 25.05.2027');
    expect(await year.locator('[data-key=rollover]').textContent()).toContain('Переход на новый учебный год');
    // The administrator sees the backups; no monthly control (the deputy's and the director's).
    expect(await now.locator('[data-key=backups]').count()).toBe(1);
    expect(await page.locator('[data-testid=due-item][data-key^="monitoring:"]').count()).toBe(0);
    await app.screenshot('home-calendar-admin');
    await year.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'home-calendar-admin-year.png'), fullPage: true, style: '.mantine-Notifications-root { display: none !important; }' });
    expect(app.pageErrors).toEqual([]);
  }, 180_000);

  it('a click opens the page where the item is done', async () => {
    const { page } = app;
    await page.getByTestId('due-items').locator('[data-key=orders]').getByTestId('due-item-link').click();
    await expect.poll(() => page.evaluate('location.hash')).toBe('#/year-end/promotion');
    await page.getByTestId('nav-home').click();
    await loaded();
    // By the keyboard: the link takes the focus, Enter opens it.
    const rollover = page.getByTestId('home-year').locator('[data-key=rollover]').getByTestId('due-item-link');
    await rollover.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate('location.hash')).toBe('#/year-end/rollover');
    await signOut(page);
  }, 120_000);

  it('the deputy: the debts, the monthly control, no backups; the contingent for information', async () => {
    const { page } = app;
    const [name, u] = login('deputy');
    await signIn(page, name, u.password);
    await loaded();
    const now = page.getByTestId('due-items');
    const results = now.locator('[data-key="debts:results"]');
    await results.waitFor();
    expect(await results.getByTestId('due-item-state').textContent()).toBe('просрочено на 4 дня');
    expect(await now.locator('[data-key="monitoring:2027-05"]').getByTestId('due-item-state').textContent()).toBe('до 31.05.2027');
    expect(await page.locator('[data-testid=due-item][data-key=backups]').count()).toBe(0);
    expect(await now.locator('[data-key=orders]').textContent()).toContain('для сведения');
    expect(await page.getByTestId('home-year').locator('[data-key="debts:2027-05-28"]').textContent()).toContain('28.05.2027');
    await app.screenshot('home-calendar-deputy');
    await results.getByTestId('due-item-link').click();
    await expect.poll(() => page.evaluate('location.hash')).toBe('#/year-end/debts');
    expect(app.pageErrors).toEqual([]);
    await signOut(page);
  }, 180_000);

  it('the secretary: no backups, no monthly control; the director: everything «для сведения» but the monthly control', async () => {
    const { page } = app;
    const [sec, su] = login('secretary');
    await signIn(page, sec, su.password);
    await loaded();
    await page.getByTestId('due-items').locator('[data-key=orders]').waitFor();
    expect(await page.locator('[data-key=backups]').count()).toBe(0);
    expect(await page.locator('[data-key^="monitoring:"]').count()).toBe(0);
    await app.screenshot('home-calendar-secretary');
    await signOut(page);
    const [dir, du] = login('director');
    await signIn(page, dir, du.password);
    await loaded();
    const now = page.getByTestId('due-items');
    await now.locator('[data-key=backups]').waitFor();
    expect(await now.locator('[data-key=backups]').textContent()).toContain('для сведения');
    expect(await now.locator('[data-key="monitoring:2027-05"]').textContent()).not.toContain('для сведения');
    await app.screenshot('home-calendar-director');
    expect(app.pageErrors).toEqual([]);
  }, 180_000);
});
