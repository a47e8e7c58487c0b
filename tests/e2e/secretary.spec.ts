// The secretary's autumn, in one walk through the app at 1366×768 (issue 12, the acceptance of the
// Playwright part): signed in through the login screen as a user with the secretary's role, the
// enrollment module's export loaded through «Приём в 1 класс» (160 applications, 120 of them in a
// status that allows enrollment) → «1-е классы»: the 120 children formed into 1А–1Д and saved →
// «Подготовить приказы» → «Приказы»: «О зачислении» and «О формировании классов» opened, signed
// and printed (PDF pages rendered with pdftoppm) → «Книги и сведения»: the alphabetical book with
// the 120 children and their entry numbers («И-1») → «Учётные данные»: the register with the
// newcomers and their parents waiting for the central's logins, then (the central's answer written
// as the sync's pull writes it) issued and printed for signatures. Setup through app.call (the
// school, its director, the year, the secretary's account). Screenshots: tests/artifacts/secretary-*.png.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, signIn, startApp, type App } from './harness';
import { applications, sheetRows, xlsxBytes, type Application } from '../enrollment/exportFile';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const today = new Date().toISOString().slice(0, 10);
const ruToday = today.split('-').reverse().join('.');
const LETTERS = ['А', 'Б', 'В', 'Г', 'Д'];

let app: App;
let secretaryPassword = '';
let apps: Application[] = [];
const count = (sql: string, ...args: unknown[]) => (app.db.raw.prepare(sql).get(...args) as { n: number }).n;

/** Saves the PDF the page downloads on `click`, renders its pages (or the first `pages`) into tests/artifacts; returns its text. */
async function printed(click: () => Promise<void>, name: string, pages?: number): Promise<{ file: string; text: string }> {
  const [download] = await Promise.all([app.page.waitForEvent('download'), click()]);
  const path = join(app.dir, download.suggestedFilename());
  await download.saveAs(path);
  execFileSync('pdftoppm', ['-png', '-r', '60', ...(pages ? ['-l', String(pages)] : []), path, join(ARTIFACTS, name)]);
  const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
  return { file: download.suggestedFilename(), text };
}

beforeAll(async () => {
  app = await startApp({ admin: true });
  const school = await app.call('app.createSchool', { fullName: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 5»', shortName: 'МБОУ «СОШ № 5»', address: '160000, г. Вологда, ул. Ленина, д. 10' });
  const director = await app.call('staff.save', {
    lastName: 'Белова', firstName: 'Ирина', middleName: 'Николаевна', birthDate: null, gender: 'f', snils: null, phone: null, email: null,
    position: 'Директор', roles: ['director'], deputyGrades: [], subjects: [], rateHours: 0,
  });
  await app.call('school.save', { fullName: school.fullName, shortName: school.shortName, address: school.address, directorId: director.id });
  const startYear = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) < 8 ? 1 : 0);
  await app.call('years.save', await app.call('years.suggest', { startYear }));
  const saved = await app.call('users.save', { login: 'sekretar', displayName: 'Комарова Галина Петровна', role: 'secretary', deputyGrades: [] });
  secretaryPassword = saved.password!;
  // The module's export: 160 applications, every fourth in a status that does not allow enrollment.
  apps = applications({ count: 160, today });
  await app.page.reload();
}, 300_000);
afterAll(async () => {
  await app?.close();
});

describe('the secretary: from the enrollment export to the credentials register', () => {
  it('signs in and loads the enrollment export: 120 enrollable applications', async () => {
    const { page } = app;
    await signIn(page, 'sekretar', secretaryPassword);
    expect(app.session.user?.role).toBe('secretary');
    expect(apps.filter((a) => a.enrollable)).toHaveLength(120);

    await page.getByTestId('nav-enrollment').click();
    await page.getByTestId('enrollment-tab-import').click();
    await page.getByTestId('import-drop').waitFor();
    await page.getByTestId('import-file-input').setInputFiles({ name: 'Реестр заявлений.xlsx', mimeType: XLSX_MIME, buffer: await xlsxBytes(sheetRows(apps, today)) });
    await page.getByTestId('mapping-table').waitFor();
    await page.getByTestId('enrollment-check').click();
    await page.getByTestId('enrollment-ok').waitFor();
    expect(await page.getByTestId('count-to-import').textContent()).toBe('160');
    expect(await page.getByTestId('count-enrollable').textContent()).toBe('120');
    expect(await page.getByTestId('count-errors').textContent()).toBe('0');
    await app.screenshot('secretary-1-import-preview');
    expect(count('SELECT count(*) AS n FROM enrollment_application')).toBe(0);

    await page.getByTestId('enrollment-commit').click();
    await page.getByTestId('enrollment-done').waitFor();
    expect(count('SELECT count(*) AS n FROM enrollment_application WHERE deleted_at IS NULL')).toBe(160);
    expect(count('SELECT count(*) AS n FROM enrollment_application WHERE enrollable = 1 AND deleted_at IS NULL')).toBe(120);
    await page.getByTestId('enrollment-open-list').click();
    await expect.poll(() => page.getByTestId('enrollment-total').textContent()).toBe('160 заявлений');
    await app.screenshot('secretary-2-applications');
  }, 300_000);

  it('forms 1А–1Д from the 120 children and saves the distribution', async () => {
    const { page } = app;
    await page.getByTestId('nav-formation').click();
    const column = (name: string) => page.locator(`[data-testid="formation-column"][data-column="${name}"]`);
    await expect.poll(() => column('Не распределены').locator('[data-testid="child-card"]').count()).toBe(120);
    await page.getByTestId('formation-count').fill('5');
    await page.getByTestId('formation-propose').click();
    await page.getByTestId('formation-preview').waitFor();
    for (const l of LETTERS) expect(await column(`1${l}`).locator('[data-testid="child-card"]').count()).toBe(24);
    await page.getByTestId('formation-apply').click();
    await page.getByTestId('formation-preview').waitFor({ state: 'hidden' });
    await expect.poll(() => count('SELECT count(*) AS n FROM enrollment_application WHERE planned_class_id IS NOT NULL')).toBe(120);
    const sizes = app.db.raw
      .prepare(
        `SELECT c.letter, count(*) AS n, sum(a.gender = 'm') AS boys, sum(a.gender = 'f') AS girls
           FROM enrollment_application a JOIN school_class c ON c.id = a.planned_class_id GROUP BY c.letter ORDER BY c.letter`,
      )
      .all() as { letter: string; n: number; boys: number; girls: number }[];
    expect(sizes.map((s) => s.letter)).toEqual(LETTERS);
    // Sizes within 1 (here equal), the gender split within 2: each gender's count differs by at most 2 between classes.
    for (const s of sizes) expect(s.n).toBe(24);
    const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
    expect(spread(sizes.map((s) => s.boys)), JSON.stringify(sizes)).toBeLessThanOrEqual(2);
    expect(spread(sizes.map((s) => s.girls)), JSON.stringify(sizes)).toBeLessThanOrEqual(2);
    for (const l of LETTERS) await expect.poll(() => column(`1${l}`).getByTestId('column-counts').textContent()).toMatch(/^24м \d+д \d+ср\. \d,\d$/);
    await app.screenshot('secretary-3-formation');
  }, 300_000);

  it('prepares the orders: the register opens with the two drafts', async () => {
    const { page } = app;
    await page.getByTestId('formation-orders').click();
    // The drafts are made and «Приказы» opens with them.
    await page.locator('[data-testid="orders-table"][data-loaded]').waitFor();
    await expect.poll(() => page.getByTestId('orders-row').count()).toBe(2);
    const rows = await page.getByTestId('orders-row').allTextContents();
    expect(rows.some((r) => r.includes('О зачислении') && r.includes('Проект'))).toBe(true);
    expect(rows.some((r) => r.includes('О формировании классов') && r.includes('Проект'))).toBe(true);
    expect(count(`SELECT count(*) AS n FROM school_order WHERE status = 'draft'`)).toBe(2);
    await app.screenshot('secretary-4-orders');
  }, 300_000);

  it('signs and prints «О зачислении»: 120 students with entry numbers', async () => {
    const { page } = app;
    await page.getByTestId('orders-row').filter({ hasText: 'О зачислении' }).click();
    await expect.poll(() => page.getByTestId('order-item').count()).toBe(120);
    await page.getByTestId('order-sign').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('confirm-ok').waitFor({ state: 'hidden', timeout: 120_000 });
    await expect.poll(() => page.getByTestId('order-drawer').locator('h3').textContent(), { timeout: 30_000 }).toBe(`Приказ № 1-з от ${ruToday}`);
    expect(count('SELECT count(*) AS n FROM student WHERE deleted_at IS NULL')).toBe(120);
    expect(count(`SELECT count(*) AS n FROM student WHERE deleted_at IS NULL AND personal_file_no IS NOT NULL`)).toBe(120);
    expect(count('SELECT count(*) AS n FROM enrollment_application WHERE student_id IS NOT NULL')).toBe(120);
    await app.screenshot('secretary-5-enrollment-signed');
    const pdf = await printed(() => page.getByTestId('order-print').click(), 'secretary-order-enrollment');
    expect(pdf.file).toBe(`Приказ № 1-з от ${ruToday}.pdf`);
    for (const s of ['Муниципальное бюджетное общеобразовательное учреждение', 'ПРИКАЗ', ruToday, '№ 1-з', 'ПРИКАЗЫВАЮ:', 'Директор', 'И. Н. Белова', 'С приказом ознакомлены:']) expect(pdf.text).toContain(s);
    const first = apps.find((a) => a.enrollable)!;
    expect(pdf.text).toContain(`${first.lastName} ${first.firstName} ${first.middleName}`);
    await page.keyboard.press('Escape');
    await page.getByTestId('order-drawer').waitFor({ state: 'hidden' });
  }, 300_000);

  it('signs and prints «О формировании классов»: the children are in 1А–1Д', async () => {
    const { page } = app;
    await page.getByTestId('orders-row').filter({ hasText: 'О формировании классов' }).click();
    await expect.poll(() => page.getByTestId('order-item').count()).toBe(120);
    await page.getByTestId('order-sign').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('confirm-ok').waitFor({ state: 'hidden', timeout: 120_000 });
    await expect.poll(() => page.getByTestId('order-drawer').locator('h3').textContent(), { timeout: 30_000 }).toBe(`Приказ № 1-ф от ${ruToday}`);
    const members = app.db.raw
      .prepare(
        `SELECT c.letter, count(*) AS n FROM class_membership m JOIN school_class c ON c.id = m.class_id
          WHERE m.deleted_at IS NULL AND m.date_to IS NULL AND m.opened_order_id IS NOT NULL GROUP BY c.letter ORDER BY c.letter`,
      )
      .all();
    expect(members).toEqual(LETTERS.map((letter) => ({ letter, n: 24 })));
    await app.screenshot('secretary-6-forming-signed');
    const pdf = await printed(() => page.getByTestId('order-print').click(), 'secretary-order-forming');
    expect(pdf.file).toBe(`Приказ № 1-ф от ${ruToday}.pdf`);
    for (const s of ['ПРИКАЗ', '№ 1-ф', 'О формировании 1-х классов', 'ПРИКАЗЫВАЮ:', '1А', '1Д', 'Директор', 'И. Н. Белова']) expect(pdf.text).toContain(s);
    await page.keyboard.press('Escape');
    await page.getByTestId('order-drawer').waitFor({ state: 'hidden' });
    const statuses = await page.getByTestId('orders-row').allTextContents();
    expect(statuses.filter((r) => r.includes('Подписан'))).toHaveLength(2);
  }, 300_000);

  it('the alphabetical book shows the 120 children with their entry numbers', async () => {
    const { page } = app;
    await page.getByTestId('nav-books').click();
    await expect.poll(() => page.getByTestId('book-count').textContent()).toBe('Записей: 120, выбыли: 0; показано: 120');
    const numbers = await page.getByTestId('book-row').evaluateAll((rows) => rows.map((r) => ((r as unknown as { cells: ArrayLike<{ textContent: string | null }> }).cells[0]!.textContent ?? '').trim()));
    expect(numbers).toHaveLength(120);
    for (const n of numbers) expect(n).toMatch(/^[А-ЯЁ]-\d+$/);
    // One numbering per letter: 1, 2, … without gaps, in the book's order.
    const byLetter = new Map<string, number[]>();
    for (const n of numbers) byLetter.set(n.split('-')[0]!, [...(byLetter.get(n.split('-')[0]!) ?? []), Number(n.split('-')[1])]);
    for (const [, ns] of byLetter) expect(ns).toEqual(ns.map((_, i) => i + 1));
    expect(numbers).toContain('И-1');
    const i1 = page.getByTestId('book-row').filter({ hasText: 'И-1' }).first();
    const row = (await i1.textContent())!;
    expect(row).toMatch(/Иванов/);
    expect(row).toContain(`приказ от ${ruToday} № 1-з`);
    await app.screenshot('secretary-7-alphabet');
  }, 300_000);

  it('the credentials register shows the newcomers and their parents; once issued, it prints for signatures', async () => {
    const { page } = app;
    await page.getByTestId('nav-credentials').click();
    await page.locator('[data-testid="credentials-page"][data-loaded]').waitFor();
    const requests = count('SELECT count(*) AS n FROM credential_request WHERE deleted_at IS NULL');
    expect(count('SELECT count(*) AS n FROM credential_request WHERE deleted_at IS NULL AND guardian_id IS NULL')).toBe(120);
    expect(requests).toBeGreaterThan(120); // and the parents
    await expect.poll(() => page.getByTestId('credential-row').count()).toBe(requests);
    // Offline, every request waits for the central's login (10 working days from the enrollment).
    expect(await page.locator('[data-testid="credential-row"][data-state="waiting"]').count()).toBe(requests);
    const first = apps.find((a) => a.enrollable)!;
    const mine = page.getByTestId('credential-row').filter({ hasText: `${first.lastName} ${first.firstName}` });
    expect(await mine.count()).toBeGreaterThanOrEqual(2); // the child and a parent
    await app.screenshot('secretary-8-credentials-waiting');

    // The central's answer, as the sync's pull writes it (the central itself: tests/credentials).
    const now = new Date().toISOString();
    const rows = app.db.raw.prepare('SELECT id FROM credential_request WHERE deleted_at IS NULL ORDER BY created_at').all() as { id: string }[];
    const ins = app.db.raw.prepare('INSERT INTO credential_issue (id, created_at, updated_at, deleted_at, request_id, login, one_time_password, issued_at) VALUES (?, ?, ?, NULL, ?, ?, ?, ?)');
    app.db.raw.transaction(() => rows.forEach((r, i) => ins.run(randomUUID(), now, now, r.id, `user${i + 1}.school5`, `Ab${i % 10}c-Xy7z-Qp3r`, now)))();
    await page.getByTestId('nav-books').click();
    await page.getByTestId('book-count').waitFor();
    await page.getByTestId('nav-credentials').click();
    await page.locator('[data-testid="credentials-page"][data-loaded]').waitFor();
    await expect.poll(() => page.locator('[data-testid="credential-row"][data-state="issued"]').count()).toBe(requests);
    await app.screenshot('secretary-9-credentials-issued');
    const pdf = await printed(() => page.getByTestId('credentials-register-pdf').click(), 'secretary-credentials-register', 2);
    expect(pdf.text).toContain('Журнал выдачи учётных данных');
    expect(pdf.text).toContain(`${first.lastName} ${first.firstName}`);
    expect(pdf.text).toContain('user1.school5');
    expect(app.pageErrors).toEqual([]);
  }, 300_000);
});
