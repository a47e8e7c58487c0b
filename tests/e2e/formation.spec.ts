// «Формирование 1-х классов» in the app (issue 12 point 2), at 1366×768: 120 enrollable children
// (written as application rows, as the enrollment import leaves them) distributed into 1А–1Д
// («Распределить»: a proposal, nothing saved; «Сохранить распределение»: the planned classes, 1В–1Д
// made), a child dragged from one class into another, another moved by the keyboard, a child
// found by the search, a pair added. Screenshots: tests/artifacts/formation-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutProblems, pickOption, signIn, startApp, type App } from './harness';
import { cohortOf, insertApplications } from '../formation/cohort';

/** What the checks read of an element (the tests have no DOM types). */
type Attrs = { getAttribute(name: string): string | null; style: { opacity: string } };

let app: App;
let yearId: string;
const plannedOf = (id: string) => (app.db.raw.prepare('SELECT c.letter FROM enrollment_application a JOIN school_class c ON c.id = a.planned_class_id WHERE a.id = ?').get(id) as { letter: string } | undefined)?.letter ?? null;
const column = (name: string) => app.page.locator(`[data-testid="formation-column"][data-column="${name}"]`);

beforeAll(async () => {
  app = await startApp({ admin: true });
  await app.call('app.createSchool', { fullName: 'МБОУ «Средняя общеобразовательная школа № 5»', shortName: 'Школа № 5' });
  yearId = (await app.call('years.save', await app.call('years.suggest', { startYear: 2026 }))).id;
  await app.call('classes.createMany', { gradeFrom: 1, gradeTo: 1, letters: ['А', 'Б'], shift: 1 });
  insertApplications(app.db, yearId, cohortOf(120));
  await app.page.reload();
}, 300_000);
afterAll(async () => {
  await app?.close();
});

describe('forming the first grades', () => {
  it('distributes 120 children into 1А–1Д: a proposal first, saved on request', async () => {
    const { page } = app;
    await signIn(page, 'admin', app.users.admin!.password);
    await page.getByTestId('nav-formation').click();
    await page.getByTestId('formation-propose').waitFor();
    expect(await column('Не распределены').locator('[data-testid="child-card"]').count()).toBe(120);
    await page.getByTestId('formation-count').fill('5');
    await page.getByTestId('formation-letters').fill('');
    await page.getByTestId('formation-propose').click();
    await page.getByTestId('formation-preview').waitFor();
    await expect.poll(() => page.locator('[data-testid="formation-column"]').evaluateAll((els) => els.map((e) => (e as unknown as Attrs).getAttribute('data-column')))).toEqual(['1А', '1Б', '1В', '1Г', '1Д']);
    for (const name of ['1А', '1Б', '1В', '1Г', '1Д']) expect(await column(name).locator('[data-testid="child-card"]').count()).toBe(24);
    // Nothing saved yet.
    expect(app.db.raw.prepare('SELECT count(*) AS n FROM enrollment_application WHERE planned_class_id IS NOT NULL').get()).toEqual({ n: 0 });
    expect(await layoutProblems(app.page)).toEqual([]);
    await app.screenshot('formation-proposal');
    await page.getByTestId('formation-apply').click();
    await page.getByTestId('formation-preview').waitFor({ state: 'hidden' });
    await expect.poll(() => (app.db.raw.prepare('SELECT count(*) AS n FROM enrollment_application WHERE planned_class_id IS NOT NULL').get() as { n: number }).n).toBe(120);
    const classes = app.db.raw.prepare('SELECT letter FROM school_class WHERE grade = 1 AND deleted_at IS NULL ORDER BY letter').all();
    expect(classes).toEqual(['А', 'Б', 'В', 'Г', 'Д'].map((letter) => ({ letter })));
    for (const name of ['1А', '1Б', '1В', '1Г', '1Д']) {
      await expect.poll(() => column(name).getByTestId("column-counts").textContent(), { timeout: 15000 }).toMatch(/^24м 1[1-3]д 1[1-3]ср\. \d,\d$/);
    }
  }, 180_000);

  it('moves a child by drag and drop, and another by the keyboard', async () => {
    const { page } = app;
    const card = column('1А').locator('[data-testid="child-card"]').first();
    const id = (await card.getAttribute('data-child-id'))!;
    expect(plannedOf(id)).toBe('А');
    await card.dragTo(column('1Б'));
    await expect.poll(() => plannedOf(id)).toBe('Б');
    await column('1Б').locator(`[data-child-id="${id}"]`).waitFor();
    expect(await column('1А').locator('[data-testid="child-card"]').count()).toBe(23);
    expect(await column('1Б').getByTestId('column-counts').textContent()).toMatch(/^25/);
    expect(await layoutProblems(app.page)).toEqual([]);
    await app.screenshot('formation-board');

    // Keyboard: Enter takes the card, → → chooses 1Г, Enter puts it there.
    const other = column('1В').locator('[data-testid="child-card"]').first();
    const otherId = (await other.getAttribute('data-child-id'))!;
    await other.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => other.getAttribute('data-held')).toBe('true');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect.poll(() => plannedOf(otherId)).toBe('Г');
    await column('1Г').locator(`[data-child-id="${otherId}"]`).waitFor();
  }, 120_000);

  it('finds a child by the search, and adds a pair', async () => {
    const { page } = app;
    const target = app.db.raw.prepare(`SELECT id, last_name || ' ' || first_name || ' ' || middle_name AS name FROM enrollment_application ORDER BY reg_number LIMIT 1 OFFSET 7`).get() as { id: string; name: string };
    await page.getByTestId('formation-search').fill(target.name);
    await expect.poll(() => page.locator(`[data-child-id="${target.id}"]`).evaluate((e) => (e as unknown as Attrs).style.opacity)).toBe('1');
    const dimmed = await page.locator('[data-testid="child-card"]').evaluateAll((els) => els.filter((e) => (e as unknown as Attrs).style.opacity !== '1').length);
    expect(dimmed).toBe(119);
    await app.screenshot('formation-search');
    await page.getByTestId('formation-search').fill('');
    const second = app.db.raw.prepare(`SELECT id, last_name || ' ' || first_name || ' ' || middle_name AS name FROM enrollment_application ORDER BY reg_number LIMIT 1 OFFSET 8`).get() as { id: string; name: string };
    await pickOption(page, 'pair-first', new RegExp(`^${target.name}`), { type: target.name });
    await pickOption(page, 'pair-second', new RegExp(`^${second.name}`), { type: second.name });
    await page.getByTestId('pair-save').click();
    await page.getByTestId('pair-row').waitFor();
    expect(await page.getByTestId('pair-row').textContent()).toContain(`${target.name} и ${second.name}`);
    expect(app.db.raw.prepare('SELECT first_id, second_id, together FROM enrollment_pair WHERE deleted_at IS NULL').all()).toEqual([{ first_id: target.id, second_id: second.id, together: 1 }]);
    await app.screenshot('formation-pairs', { fullPage: true });
    expect(app.pageErrors).toEqual([]);
  }, 120_000);
});
