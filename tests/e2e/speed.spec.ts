// What keeps the long screens fast (issue 8, point 8), checked for behaviour, not time (the times
// are `npm run bench -- screens`): a class table's selects are light inputs until used and still
// pick and save a value by mouse and by keyboard; a row's tooltip button works at the first click;
// moving between pages does not re-validate the whole school each time.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { signIn, startApp, type App } from './harness';
import { PAGES, openScript } from './pages';

let app: App;
beforeAll(async () => {
  app = await startApp({ demo: true });
  await signIn(app.page, 'admin', app.users.admin!.password);
}, 180_000);
afterAll(async () => {
  await app?.close();
});

const classes = PAGES.find((p) => p.name === 'classes')!;

describe('long tables stay light', () => {
  it('shows the classes without a Select per row, and a light select still picks and saves by mouse and keyboard', async () => {
    const { page } = app;
    await page.evaluate(openScript(classes.ready, { route: classes.route }));
    // 40 classes, three selects each: none is a Mantine Select until it is used.
    expect(await page.locator('[data-testid=classes-table] tbody tr').count()).toBe(40);
    expect(await page.locator('[data-testid=classes-table] .mantine-Select-input').count()).toBe(0);
    const before = (await app.call('classes.list')).find((c) => c.name === '5А')!;
    const staff = await app.call('staff.list', {});
    const other = staff.find((s) => s.id !== before.classTeacherId && !s.roles.includes('director'))!;

    // Mouse: a click opens the real select with its options; typing filters; the choice is saved.
    const teacher = page.getByTestId('class-teacher-5А');
    expect(await teacher.inputValue()).toBe(before.classTeacherName);
    await teacher.click();
    await teacher.fill(other.lastName);
    await page.getByRole('option', { name: new RegExp(`^${other.fullName}`) }).first().click();
    await expect.poll(async () => (await app.call('classes.list')).find((c) => c.name === '5А')!.classTeacherId).toBe(other.id);
    // Back to the light input once the focus leaves, showing the new name.
    await page.getByTestId('classes-search').click();
    await expect.poll(() => page.locator('[data-testid=classes-table] .mantine-Select-input').count()).toBe(0);
    expect(await teacher.inputValue()).toBe(other.fullName);

    // Keyboard: Tab brings the focus to the real select, ↓ opens it at the current shift, ↓ and
    // Enter choose the next one; the focus stays there.
    const shift = page.getByLabel('Смена 5А');
    expect(await shift.inputValue()).toBe('1 смена');
    await page.getByTestId('class-row-5А').locator('td').first().click(); // the cell «5А», then Tab
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate('document.activeElement?.getAttribute("aria-label")')).toBe('Смена 5А');
    await page.keyboard.press('ArrowDown');
    await page.getByRole('option', { name: '2 смена' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await app.call('classes.list')).find((c) => c.name === '5А')!.shift).toBe(2);
    await page.getByTestId('classes-search').click();
    await expect.poll(() => shift.inputValue()).toBe('2 смена');
    expect(app.pageErrors).toEqual([]);
  }, 120_000);

  it('a row button with a tooltip shows the tooltip on hover and acts at the first click', async () => {
    const { page } = app;
    await page.evaluate(openScript(classes.ready, { route: classes.route }));
    const names = (await app.call('classes.list')).map((c) => c.name);
    const remove = page.getByTestId(`class-row-${names.at(-1)}`).getByRole('button', { name: 'Удалить класс' });
    await remove.hover();
    await page.mouse.move(5, 5); // the pointer leaves…
    await remove.hover(); // …and comes back: the tooltip opens on the pointer resting there
    await expect.poll(() => page.getByRole('tooltip', { name: 'Удалить класс' }).count()).toBe(1);
    await page.mouse.move(5, 5);
    // A click straight away, the pointer arriving with it: the first click opens the confirmation.
    const other = page.getByTestId(`class-row-${names.at(-2)}`).getByRole('button', { name: 'Удалить класс' });
    await other.click();
    await page.getByTestId('confirm-delete-ok').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('confirm-delete-ok').waitFor({ state: 'detached' });
    expect((await app.call('classes.list')).some((c) => c.name === names.at(-2))).toBe(true);
  }, 60_000);
});

describe('moving between pages', () => {
  it('does not re-validate the whole school on every page; the problem count comes once the user stays', async () => {
    const { page } = app;
    const validations: number[] = [];
    const onRequest = (r: { url(): string }) => {
      if (r.url().endsWith('/api/setup.validate')) validations.push(Date.now());
    };
    page.on('request', onRequest);
    try {
      await page.evaluate(openScript(PAGES[0]!.ready, { route: '/' }));
      await page.waitForTimeout(2500);
      validations.length = 0;
      for (const name of ['school', 'subjects', 'rooms', 'staff', 'students', 'users', 'corrections', 'backups']) {
        const p = PAGES.find((x) => x.name === name)!;
        await page.evaluate(openScript(p.ready, { route: p.route }));
      }
      // Eight pages one after another: hardly a check meanwhile (one per page and two on the home
      // page before); a page slower than the pause on a busy machine may let one through.
      expect(validations.length).toBeLessThan(4);
      // Staying on a page: the count is refreshed once.
      await expect.poll(() => validations.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
      const n = validations.length;
      await page.waitForTimeout(2500);
      expect(validations.length).toBe(n);
      await page.getByTestId('nav-problems-count').waitFor();
    } finally {
      page.off('request', onRequest);
    }
  }, 120_000);
});
