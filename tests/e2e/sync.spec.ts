// «Синхронизация» at 1366×768 in real Chromium, against the real central server on a real
// PostgreSQL: the connect form checks its fields before sending and shows the server's refusal next
// to the code; connected, the header says «В сети» and the page shows the school, the status and
// «Синхронизировать сейчас»; a class «5Д» made on another computer of the school first is refused
// here and listed with its reason; with the central stopped the header says «Нет связи…» with the
// change waiting. Screenshots: tests/artifacts/sync-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCentralDb, type CentralDb } from '../../central/db';
import { migrateCentral } from '../../central/migrations/index';
import { startCentral, type CentralServer } from '../../central/server';
import { ensureSchool, issueEnrollmentCode } from '../../central/auth';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { tempCore } from '../support/core';
import { signIn, startApp, type App } from './harness';

let app: App;
let pg: TestPostgres;
let cdb: CentralDb;
let server: CentralServer;
let schoolId = '';
let other: Awaited<ReturnType<typeof tempCore>>;

beforeAll(async () => {
  pg = await startPostgres();
  cdb = openCentralDb(pg.url);
  await migrateCentral(cdb);
  server = await startCentral({ db: cdb, log: null });
  schoolId = (await ensureSchool(cdb, 'МБОУ СОШ № 7 г. Энска')).id;
  app = await startApp({ demo: true });
  await signIn(app.page, 'admin', app.users.admin!.password);
}, 240_000);

afterAll(async () => {
  await app?.close();
  other?.cleanup();
  await server?.close().catch(() => undefined);
  await cdb?.destroy();
  await pg?.stop();
});

describe('sync at 1366×768', () => {
  it('connects with an enrollment code: the fields are checked first, a wrong code is shown next to its field', async () => {
    const { page } = app;
    // No sync line in the header before the program is connected.
    expect(await page.getByTestId('header-sync').count()).toBe(0);
    await page.getByTestId('nav-sync').click();
    await page.getByTestId('sync-register').waitFor();
    await app.screenshot('sync-0-connect');

    await page.getByTestId('sync-register-submit').click();
    await expect.poll(() => page.getByText('Укажите адрес центральной системы').count()).toBe(1);
    expect(await page.getByText('Введите код подключения').count()).toBe(1);
    await page.getByTestId('sync-server').fill('journal.region.ru');
    await page.getByTestId('sync-code').fill('ABC');
    await page.getByTestId('sync-register-submit').click();
    await expect.poll(() => page.getByText(/Адрес должен начинаться с http:\/\/ или https:\/\//).count()).toBe(1);
    expect(await page.getByText(/не менее 6 символов/).count()).toBe(1);
    await app.screenshot('sync-1-checks');

    await page.getByTestId('sync-server').fill(server.url);
    await page.getByTestId('sync-code').fill('AAAA-BBBB-CCCC');
    await page.getByTestId('sync-register-submit').click();
    await expect.poll(() => page.getByText('Код подключения неверен или уже использован. Попросите в центральной системе новый код.').count()).toBe(1);
    await app.screenshot('sync-2-wrong-code');

    const { code } = await issueEnrollmentCode(cdb, schoolId);
    await page.getByTestId('sync-code').fill(code);
    await page.getByTestId('sync-register-submit').click();
    await page.getByTestId('sync-status').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('sync-school').textContent()).toBe('МБОУ СОШ № 7 г. Энска');
    // The status shows once the identity is set; the first round (the whole school sent) goes on meanwhile.
    await expect.poll(() => page.getByTestId('header-sync-state').textContent(), { timeout: 120_000 }).toBe('В сети');
    expect(await page.getByTestId('header-sync-time').textContent()).toMatch(/^сегодня \d\d:\d\d$/);
    expect(await page.getByTestId('sync-pending').textContent()).toContain('ничего, всё отправлено');
    await app.screenshot('sync-3-connected');
  }, 240_000);

  it('lists a «5Д» refused because another computer of the school made it first, with the reason', async () => {
    const { page } = app;
    // The secretary's computer joins the school, gets its data and makes «5Д» first.
    other = await tempCore();
    await other.call('sync.register', { serverUrl: server.url, code: (await issueEnrollmentCode(cdb, schoolId)).code });
    await other.call('classes.save', { id: null, grade: 5, letter: 'Д', shift: 1, classTeacherId: null, roomId: null });
    await other.call('sync.now');
    await app.call('classes.save', { id: null, grade: 5, letter: 'Д', shift: 1, classTeacherId: null, roomId: null });
    await page.getByTestId('sync-now').click();
    await page.getByTestId('sync-refusal').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('sync-refusal-reason').textContent()).toMatch(/Класс 5Д уже есть в центральной системе/);
    expect(await page.getByTestId('sync-refusal').textContent()).toMatch(/Добавление: Класс/);
    await app.screenshot('sync-4-refused', { fullPage: true });
  }, 180_000);

  it('says offline in the header with the change waiting, and sends it when the central is back', async () => {
    const { page } = app;
    const port = server.port;
    await server.close();
    try {
      await app.call('rooms.save', { id: null, number: '999', name: null, capacity: null });
      await page.getByTestId('sync-now').click();
      await expect.poll(() => page.getByTestId('header-sync-state').textContent(), { timeout: 30_000 }).toBe('Нет связи с центральной системой');
      await expect.poll(() => page.getByTestId('header-sync-pending').textContent()).toBe('Ждут отправки: 1');
      expect(await page.getByTestId('sync-last-error').textContent()).toMatch(/^Центральная система не отвечает \(адрес http:\/\/127\.0\.0\.1:\d+\)/);
      await app.screenshot('sync-5-offline');
    } finally {
      server = await startCentral({ db: cdb, log: null, port });
    }
    await page.getByTestId('sync-now').click();
    await expect.poll(() => page.getByTestId('header-sync-state').textContent(), { timeout: 30_000 }).toBe('В сети');
    expect(await page.getByTestId('header-sync-pending').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  }, 180_000);
});
