// Issue 12's most-used fields in the app at 1366×768, with bad values typed as a person types them:
// an order's date «31.02.2026», an item's date that does not exist, an order's title too long, the
// first grades' letters with a Latin letter, sizes that are not numbers or out of range, the
// production calendar's date and note. After each: the Russian message naming the field stands next
// to that field, the field still shows what was typed, and no table of the database changed.
// Screenshots: tests/artifacts/contingent-inputs-*.png.
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickOption, signIn, startApp, messageOf, type App } from './harness';
import { cohortOf, insertApplications } from '../formation/cohort';

let app: App;

/** Every table's rows in a stable order, but the sessions' own bookkeeping (logins, the audit of reads). */
function snapshot(): string {
  const skip = new Set(['app_user', 'audit_log', 'app_session', 'setting', 'job']);
  const tables = (app.db.raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[])
    .map((x) => x.name)
    .filter((n) => !skip.has(n));
  return JSON.stringify(tables.map((tb) => [tb, app.db.raw.prepare(`SELECT * FROM "${tb}" ORDER BY rowid`).all()]));
}

/**
 * Types into a field key by key, replacing what it holds, and leaves it (Tab) as a person does before
 * reaching for the button: a date field names a wrong date on leaving it, and the line of its
 * message would move the button from under a click that left it at the same time.
 */
async function typeInto(field: Locator, text: string) {
  await field.click();
  await field.press('Control+A');
  await field.press('Delete');
  await app.page.keyboard.type(text);
  await field.press('Tab');
}

beforeAll(async () => {
  app = await startApp({ admin: true });
  await app.call('app.createSchool', { fullName: 'МБОУ «Средняя общеобразовательная школа № 5»', shortName: 'Школа № 5' });
  const yearId = (await app.call('years.save', await app.call('years.suggest', { startYear: 2026 }))).id;
  await app.call('classes.createMany', { gradeFrom: 1, gradeTo: 1, letters: ['А', 'Б'], shift: 1 });
  const c7 = await app.call('classes.save', { grade: 7, letter: 'Б', shift: 1 });
  await app.call('students.save', { lastName: 'Сидоров', firstName: 'Иван', middleName: 'Петрович', birthDate: '2013-04-05', gender: 'm', guardians: [], classId: c7.id, classFrom: '2026-09-01' });
  insertApplications(app.db, yearId, cohortOf(24));
  await app.page.reload();
  await signIn(app.page, 'admin', app.users.admin!.password);
}, 300_000);
afterAll(async () => {
  await app?.close();
});

describe('bad input in the contingent’s fields: a message next to the field, nothing saved', () => {
  it('an order: the date 31.02.2026, an item’s date, a title too long', async () => {
    const { page } = app;
    await page.getByTestId('nav-orders').click();
    await page.getByTestId('orders-new').click();
    await page.getByTestId('order-items').waitFor();
    const before = snapshot();

    const date = page.getByTestId('order-date');
    await typeInto(date, '31.02.2026');
    await page.getByTestId('order-save').click();
    await expect.poll(() => messageOf(date)).toBe('Поле «Дата приказа»: такой даты нет: 31.02.2026');
    expect(await date.inputValue()).toBe('31.02.2026');
    await app.screenshot('contingent-inputs-1-order-date');

    // A good order date, the item's date impossible.
    await typeInto(date, '16.11.2026');
    const itemDate = page.getByTestId('order-item-date');
    await typeInto(itemDate, '30.02.2026');
    await page.getByTestId('order-save').click();
    await expect.poll(() => messageOf(itemDate)).toBe('Поле «С даты (строка 1)»: такой даты нет: 30.02.2026');
    expect(await messageOf(date)).toBe('');

    // The title too long: the core's refusal, next to the title.
    await typeInto(itemDate, '16.11.2026');
    await pickOption(page, 'order-item-student', /Сидоров Иван/, { type: 'Сидоров' });
    await pickOption(page, 'order-item-class', /^1Б$/);
    const title = page.getByTestId('order-title');
    await title.fill('О переводе в другой класс '.repeat(12)); // 312 characters
    await page.getByTestId('order-save').click();
    await expect.poll(() => messageOf(title)).toBe('Поле «Заголовок» — не более 300 символов');
    expect((await title.inputValue()).length).toBe(312);
    await app.screenshot('contingent-inputs-2-order-title');
    expect(snapshot() === before, 'the database changed').toBe(true);
    expect(await app.call('orders.list', {})).toEqual([]);
    await page.keyboard.press('Escape');
  }, 240_000);

  it('forming the first grades: a Latin letter, sizes that are not whole numbers or out of range', async () => {
    const { page } = app;
    await page.getByTestId('nav-formation').click();
    await page.getByTestId('formation-propose').waitFor();
    const before = snapshot();
    await page.getByTestId('formation-count').fill('2');
    const letters = page.getByTestId('formation-letters');
    await letters.fill('А, Q');
    await page.getByTestId('formation-propose').click();
    await expect.poll(() => messageOf(letters)).toBe('Литера класса — одна или две русские буквы, например «А» или «ИТ»; указано «Q»');
    expect(await letters.inputValue()).toBe('А, Q');
    expect(await page.getByTestId('formation-preview').count()).toBe(0);
    await app.screenshot('contingent-inputs-3-formation-letters');

    await letters.fill('А, Б');
    const sizes = page.getByTestId('formation-sizes');
    await sizes.fill('12, двенадцать');
    await page.getByTestId('formation-propose').click();
    await expect.poll(() => messageOf(sizes)).toBe('Поле «Размеры классов»: «двенадцать» — не целое число');
    await sizes.fill('12, 0');
    await page.getByTestId('formation-propose').click();
    await expect.poll(() => messageOf(sizes)).toBe('Число детей в классе — от 1 до 60');
    expect(await messageOf(letters)).toBe('');
    await app.screenshot('contingent-inputs-4-formation-sizes');
    expect(await page.getByTestId('formation-preview').count()).toBe(0);
    expect(snapshot() === before, 'the database changed').toBe(true);
  }, 240_000);

  it('the production calendar: the date 31.02.2026, a note too long', async () => {
    const { page } = app;
    await page.evaluate("location.hash = '/setup/calendar'");
    await page.locator('[data-testid="calendar-page"][data-loaded]').waitFor();
    const before = snapshot();
    const date = page.getByTestId('calendar-date');
    await typeInto(date, '31.02.2026');
    await page.getByTestId('calendar-save').click();
    await expect.poll(() => messageOf(date)).toBe('Поле «Дата»: такой даты нет: 31.02.2026');
    await app.screenshot('contingent-inputs-5-calendar-date');
    await typeInto(date, '28.12.2026');
    const note = page.getByTestId('calendar-note');
    await note.fill('Постановление Правительства РФ '.repeat(6)); // 186 characters
    await page.getByTestId('calendar-save').click();
    await expect.poll(() => messageOf(note)).toBe('Поле «Основание» — не более 150 символов');
    expect(await messageOf(date)).toBe('');
    await app.screenshot('contingent-inputs-6-calendar-note');
    expect(snapshot() === before, 'the database changed').toBe(true);
    expect(app.pageErrors).toEqual([]);
  }, 240_000);
});
