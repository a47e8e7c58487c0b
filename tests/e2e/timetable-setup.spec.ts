// Issue 11, setup for the timetable: a room's kind on the rooms page and in its form, a subject's
// needed room kind in its form; each saved as chosen (and not reset by a later save).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { pickOption, signIn, startApp, type App } from './harness';

let app: App;
beforeAll(async () => {
  app = await startApp({ admin: true });
  await app.call('app.createSchool', { fullName: 'МБОУ «Школа № 5»', shortName: 'Школа № 5' });
  await app.call('subjects.addStandard');
  await app.call('rooms.save', { number: '101', name: null, capacity: 30, kind: 'regular' });
  await app.call('rooms.save', { number: 'Спортзал', name: 'Спортивный зал', capacity: 60, kind: 'gym' });
  await app.call('rooms.save', { number: '205', name: 'Кабинет химии', capacity: 28, kind: 'lab' });
}, 180_000);
afterAll(async () => {
  await app?.close();
});

describe('room kinds for the timetable', () => {
  it('shows and changes a room’s kind', async () => {
    const { page } = app;
    await signIn(page, 'admin', app.users.admin!.password);
    await page.goto(`${new URL(page.url()).origin}/#/setup/rooms`);
    await page.locator('[data-testid=rooms-table] tbody tr').first().waitFor();
    await expect.poll(() => page.getByTestId('rooms-table').innerText()).toContain('Спортивный зал');
    await app.screenshot('timetable-setup-1-rooms');
    await page.locator('[data-testid=rooms-table] tbody tr', { hasText: '101' }).click();
    await pickOption(page, 'room-kind', 'Компьютерный класс');
    await app.screenshot('timetable-setup-2-room-form');
    await page.getByTestId('room-save').click();
    await expect.poll(async () => (await app.call('rooms.list')).find((r) => r.number === '101')?.kind).toBe('computer');
    expect(app.pageErrors).toEqual([]);
  }, 180_000);

  it('sets the room kind a subject needs, and keeps it on a later save', async () => {
    const { page } = app;
    await page.goto(`${new URL(page.url()).origin}/#/setup/subjects`);
    const row = page.locator('[data-testid=subject-row]', { hasText: 'Физическая культура' });
    await row.getByRole('button', { name: 'Изменить' }).click();
    await pickOption(page, 'subject-room-kind', 'Спортивный зал');
    await app.screenshot('timetable-setup-3-subject-form');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await expect.poll(async () => (await app.call('subjects.list')).find((s) => s.name === 'Физическая культура')?.roomKind).toBe('gym');
    // Saved again without touching the field: it stays.
    await row.getByRole('button', { name: 'Изменить' }).click();
    await expect.poll(() => page.getByTestId('subject-room-kind').inputValue()).toBe('Спортивный зал');
    await page.getByTestId('subject-name').fill('Физическая культура');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    expect((await app.call('subjects.list')).find((s) => s.name === 'Физическая культура')?.roomKind).toBe('gym');
    expect(app.pageErrors).toEqual([]);
  }, 180_000);
});
