// «Выписки для родителей» in the app (issue 13 point 5; R12), at 1366×768 on the 100-student demo
// school with a week of journal rows (tests/support/journal.ts) for the class of a child whose parent
// refused the electronic diary: the home screen says none was printed yet, the page lists who gets
// one for the last full week, the batch is printed (the PDF downloaded and rendered with pdftoppm:
// tests/artifacts/statements-batch-1.png), the handing is marked in the register (a date before the
// printing refused next to the field), and the home screen then says when the next batch is due.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ARTIFACTS, messageOf, signIn, startApp, type App } from './harness';
import { seedJournal } from '../support/journal';
import { lastFullWeek } from '../../electron/core/statements/figures';
import { ruDate } from '../../electron/core/format';

let app: App;
let adminPassword = '';
const today = new Date().toISOString().slice(0, 10);
const week = lastFullWeek(today);
let expected = 0;

beforeAll(async () => {
  app = await startApp();
  const demo = await app.call('app.loadDemo', { students: 100, seed: 3 });
  adminPassword = demo.users.find((u) => u.role === 'sysadmin')!.password;
  const p = await app.call('statements.preview', {});
  expected = p.children.length;
  expect(expected).toBeGreaterThan(0);
  // A week of lessons, marks and absences for the classes of those children.
  const classes = [...new Set(p.children.map((c) => c.classId))];
  const teacher = app.db.raw.prepare(`SELECT id FROM staff WHERE deleted_at IS NULL LIMIT 1`).get() as { id: string };
  const subjects = app.db.raw.prepare(`SELECT id FROM subject WHERE name IN ('Русский язык', 'Литература', 'Алгебра', 'Математика', 'История', 'Окружающий мир') ORDER BY sort_order`).all() as { id: string }[];
  let seed = 0;
  for (const classId of classes)
    for (const s of subjects) seedJournal(app.db, { classId, subjectId: s.id, teacherId: teacher.id, from: week.from, to: week.to, weekdays: [1, 2, 3, 4, 5], seed: seed++ });
  await app.page.reload();
}, 300_000);
afterAll(async () => {
  await app?.close();
});

describe('statements for parents without e-access', () => {
  it('says on the home screen that no batch was printed yet', async () => {
    const { page } = app;
    await signIn(page, 'admin', adminPassword);
    // The office's calendar (issue 15): the statements late in «Сейчас и просрочено».
    const panel = page.locator('[data-testid=due-item][data-key=statements]');
    await panel.waitFor();
    await expect.poll(() => panel.getAttribute('data-red')).toBe('true');
    expect(await panel.textContent()).toContain('выписки ещё не печатались');
    await app.screenshot('statements-1-home');
  }, 180_000);

  it('lists who gets a statement for the last full week, and prints the batch', async () => {
    const { page } = app;
    await page.locator('[data-testid=due-item][data-key=statements]').getByTestId('due-item-link').click();
    await page.locator('[data-testid="statements-page"][data-loaded]').waitFor();
    expect(await page.getByTestId('statements-from').inputValue()).toBe(ruDate(week.from));
    expect(await page.getByTestId('statements-to').inputValue()).toBe(ruDate(week.to));
    await expect.poll(() => page.getByTestId('statement-child').count()).toBe(expected);
    const preview = await app.call('statements.preview', {});
    const first = preview.children[0]!;
    const row = page.getByTestId('statement-child').first();
    expect(await row.textContent()).toContain(first.studentName);
    expect(await row.locator('td').nth(3).textContent()).toBe(String(first.totals.lessonsHeld));
    expect(await row.locator('td').nth(4).textContent()).toBe(String(first.totals.marks));
    await app.screenshot('statements-2-page');
    // A date that does not exist: the message next to the field, nothing asked.
    await page.getByTestId('statements-from').fill('31.02.2026');
    await page.getByTestId('statements-from').blur();
    expect(await messageOf(page.getByTestId('statements-from'))).toBe('Такой даты нет: 31.02.2026');
    await page.getByRole('button', { name: 'Прошлая неделя' }).click();
    await expect.poll(() => page.getByTestId('statements-from').inputValue()).toBe(ruDate(week.from));

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('statements-print').click()]);
    expect(download.suggestedFilename()).toBe(`Выписки для родителей ${ruDate(week.from)}–${ruDate(week.to)}.pdf`);
    const path = join(app.dir, 'statements.pdf');
    await download.saveAs(path);
    expect(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))![1])).toBe(expected);
    const text = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', path, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    expect(text).toContain('Выписка из электронного журнала');
    expect(text).toContain(first.studentName);
    expect(text).toMatch(/Уважаем(ый|ая|ый\(ая\)|ые) /);
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', path, join(ARTIFACTS, 'statements-batch')]);
  }, 240_000);

  it('marks the copies handed in the register, refusing a date before the printing next to the field', async () => {
    const { page } = app;
    const batch = page.getByTestId('statement-batch').first();
    await expect.poll(() => batch.getByTestId('statement-batch-handed').textContent()).toBe(`0 из ${expected}`);
    await batch.getByTestId('statement-batch-hand').click();
    await expect.poll(() => page.getByTestId('statement-copy').count()).toBe(expected);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('handed-date').fill(ruDate(yesterday));
    await page.getByTestId('handed-save').click();
    await expect.poll(() => messageOf(page.getByTestId('handed-date'))).toBe(`Раньше печати выписок (${ruDate(today)})`);
    expect((await app.call('statements.register', {}))[0]!.handed).toBe(0);
    await app.screenshot('statements-3-handed-refused');
    await page.getByTestId('handed-date').fill(ruDate(today));
    await page.getByTestId('handed-save').click();
    await expect.poll(() => batch.getByTestId('statement-batch-handed').textContent()).toBe(`${expected} из ${expected}`);
    await app.screenshot('statements-4-register');
  }, 180_000);

  it('shows on the home screen when the next batch is due', async () => {
    const { page } = app;
    await page.goto(page.url().replace(/#.*$/, '#/'));
    // No longer late: the item leaves «Сейчас и просрочено» and stays in the year's list at its day.
    const item = page.locator('[data-testid=year-item][data-key=statements]');
    const due = await app.call('statements.due');
    expect(due.overdue).toBe(false);
    await expect.poll(() => item.textContent()).toContain(`следующая партия — до ${ruDate(due.dueOn)}`);
    expect(await page.locator('[data-testid=due-item][data-key=statements]').count()).toBe(0);
    await item.scrollIntoViewIfNeeded();
    await app.screenshot('statements-5-home-next');
  }, 180_000);
});
