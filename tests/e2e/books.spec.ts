// «Книги и сведения» in the app (issue 12 point 4), at 1366×768 on the 400-student demo school with
// a transfer out of 7Б on 10.11.2026 and an arrival into 8А on 20.11.2026, written as signing leaves
// them (tests/books/signing.ts): the alphabetical book searched and filtered, the arrivals and
// departures of November, the summary, a period that ends before it begins refused next to its
// field, the alphabetical book's PDF downloaded and its pages rendered with pdftoppm.
// Screenshots: tests/artifacts/books-*.png.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, pickOption, signIn, startApp, type App } from './harness';
import { Session } from '../../electron/core/auth/session';
import type { Ctx } from '../../electron/core/context';
import { newcomer, signOrderAsSigningWould } from '../books/signing';

let app: App;
let adminPassword = '';
let leaver = '';

beforeAll(async () => {
  app = await startApp();
  const demo = await app.call('app.loadDemo', { students: 400, seed: 3 });
  adminPassword = demo.users.find((u) => u.role === 'sysadmin')!.password;
  const ctx: Ctx = { db: app.db, actor: 'e2e', host: 'web', now: () => new Date(), session: new Session(false) };
  const classes = await app.call('classes.list');
  const c7b = classes.find((c) => c.name === '7Б')!;
  const c8a = classes.find((c) => c.name === '8А')!;
  const first = (await app.call('students.list', { classId: c7b.id, sort: 'name', limit: 100 })).rows[0]!;
  leaver = first.fullName;
  signOrderAsSigningWould(ctx, {
    kind: 'transfer_out',
    number: 3,
    date: '2026-11-09',
    items: [{ studentId: first.id, classFromId: c7b.id, effectiveDate: '2026-11-10', schoolTo: 'МБОУ «СОШ № 12», г. Тверь', reason: 'перевод в другую образовательную организацию' }],
  });
  const id = newcomer(ctx, { last: 'Иванов', first: 'Пётр', middle: 'Сергеевич', birth: '2012-05-14', address: 'г. Тверь, ул. Советская, д. 5, кв. 12' });
  signOrderAsSigningWould(ctx, { kind: 'transfer_in', number: 4, date: '2026-11-19', items: [{ studentId: id, classToId: c8a.id, effectiveDate: '2026-11-20', schoolFrom: 'МБОУ «Гимназия № 2», г. Курск' }] });
  await app.page.reload();
}, 300_000);
afterAll(async () => {
  await app?.close();
});

describe('books', () => {
  it('shows the alphabetical book: everyone, searched, filtered to those who left', async () => {
    const { page } = app;
    await signIn(page, 'admin', adminPassword);
    await page.getByTestId('nav-books').click();
    await page.getByTestId('book-table').waitFor();
    await expect.poll(() => page.getByTestId('book-count').textContent()).toBe('Записей: 401, выбыли: 1; показано: 401');
    await app.screenshot('books-alphabet');
    await page.getByTestId('book-search').fill('иванов пётр');
    await expect.poll(() => page.getByTestId('book-row').count()).toBe(1);
    const row = await page.getByTestId('book-row').first().textContent();
    expect(row).toContain('8А, 20.11.2026');
    expect(row).toContain('приказ от 19.11.2026 № 4-зп');
    expect(row).toContain('МБОУ «Гимназия № 2», г. Курск');
    await app.screenshot('books-alphabet-search');
    await page.getByTestId('book-search').fill('');
    await page.getByTestId('book-only-left').check();
    await expect.poll(() => page.getByTestId('book-row').count()).toBe(1);
    const gone = (await page.getByTestId('book-row').first().textContent())!;
    expect(gone).toContain(leaver);
    expect(gone).toContain('10.11.2026');
    expect(gone).toContain('МБОУ «СОШ № 12», г. Тверь');
    expect(gone).toContain('выбыл');
    await app.screenshot('books-alphabet-left');
    // The pages of one letter: the newcomer is the last entry of «И».
    await page.getByTestId('book-only-left').uncheck();
    await pickOption(page, 'book-letter', /^И \(/);
    const letterI = (await app.call('books.alphabet')).letters.find((l) => l.letter === 'И')!;
    await expect.poll(() => page.getByTestId('book-row').count()).toBe(letterI.entries.length);
    expect(await page.getByTestId('book-row').last().textContent()).toContain('Иванов Пётр Сергеевич');
  });

  it('prints the alphabetical book: the PDF downloaded, its pages rendered', async () => {
    const { page } = app;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('book-pdf').click()]);
    expect(download.suggestedFilename()).toMatch(/^Алфавитная книга записи обучающихся \d\d\.\d\d\.\d{4}\.pdf$/);
    const path = join(app.dir, download.suggestedFilename());
    await download.saveAs(path);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-l', '3', path, join(ARTIFACTS, 'books-alphabet-pdf')]);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(text).toContain('Алфавитная книга записи обучающихся');
    expect(text).toContain('Записей: 401, из них выбыли: 1');
    expect(text).toContain(leaver.split(' ')[0]);
  }, 120_000);

  it('shows the arrivals and departures of November; a backwards period is refused next to its end', async () => {
    const { page } = app;
    await page.getByTestId('book-kind').getByText('Прибывшие и выбывшие').click();
    await page.getByTestId('book-from').fill('01.11.2026');
    await page.getByTestId('book-to').fill('30.11.2026');
    await expect.poll(() => page.getByTestId('book-row').count()).toBe(2);
    expect(await page.getByTestId('book-count').textContent()).toContain('Прибыло: 1, выбыло: 1');
    const rows = await page.getByTestId('book-row').allTextContents();
    expect(rows[0]).toContain(leaver);
    expect(rows[0]).toContain('7Б');
    expect(rows[1]).toContain('Иванов Пётр Сергеевич');
    expect(rows[1]).toContain('г. Тверь, ул. Советская, д. 5, кв. 12');
    await app.screenshot('books-arrivals');

    await page.getByTestId('book-to').fill('01.10.2026');
    await page.getByTestId('book-to').blur();
    await expect.poll(() => page.getByText('Конец периода раньше его начала (01.11.2026)').count()).toBe(1);
    await expect.poll(() => page.getByTestId('book-table').count()).toBe(0);
    expect(await page.getByTestId('book-pdf').isDisabled()).toBe(true);
    await app.screenshot('books-period-refused');
    await page.getByTestId('book-to').fill('30.11.2026');
  });

  it('shows the movement summary: the school’s totals add up', async () => {
    const { page } = app;
    await page.getByTestId('book-kind').getByText('Движение по классам').click();
    await page.getByTestId('summary-total').last().waitFor();
    const total = (await page.getByTestId('summary-total').last().textContent())!;
    expect(total).toBe('Всего по школе4001100400');
    await app.screenshot('books-summary');
    expect(app.pageErrors).toEqual([]);
  });
});
