// «Реестр бумажных копий» in the app (issue 14 point 4), at 1366×768 on the demo school, signed in
// as the secretary: a printed copy of a class (as the copy's printing leaves it) is recorded from
// the select (its class, period and sheets filled in), a bad entry is refused with the message next
// to its field, a second entry is corrected by a new one, a small PDF scan is attached to the entry
// (its digest stored), the register is checked and printed. Screenshot: tests/artifacts/paper-register.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { messageOf, pickOption, signIn, startApp, type App } from './harness';
import { uuidv7 } from '../../db/ids';

let app: App;
let copy = { code: '', className: '', sheets: 0 };
const SCAN = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

beforeAll(async () => {
  app = await startApp({ demo: true });
  const cls = app.db.raw.prepare(`SELECT id, grade || letter AS name, grade FROM school_class WHERE deleted_at IS NULL AND grade = 7 ORDER BY letter LIMIT 1`).get() as {
    id: string;
    name: string;
    grade: number;
  };
  const period = app.db.raw
    .prepare(`SELECT p.id FROM study_period p JOIN academic_year y ON y.id = p.year_id AND y.is_current = 1 WHERE p.name = '1 четверть' AND ? BETWEEN p.grade_from AND p.grade_to`)
    .get(cls.grade) as { id: string };
  const at = new Date().toISOString();
  copy = { code: 'К-2026-07А', className: cls.name, sheets: 36 };
  app.db.raw
    .prepare(
      `INSERT INTO paper_copy (id, created_at, updated_at, class_id, period_id, code, digest, fingerprint, sheets, printed_at, printed_by) VALUES (?, ?, ?, ?, ?, ?, 'd', '{}', ?, ?, 'Заместитель')`,
    )
    .run(uuidv7(), at, at, cls.id, period.id, copy.code, copy.sheets, at);
  const secretary = Object.entries(app.users).find(([, u]) => u.role === 'secretary')![0];
  await signIn(app.page, secretary, app.users[secretary]!.password);
}, 240_000);
afterAll(async () => {
  await app?.close();
});

describe('the register of paper copies', () => {
  it('records a printed copy, refuses a bad entry next to its field, and corrects an entry by a new one', async () => {
    const { page } = app;
    await page.goto(`${new URL(page.url()).origin}/#/paper/register`);
    await page.locator('[data-testid="register-page"][data-loaded]').waitFor();
    await page.getByTestId('register-add').click();
    await pickOption(page, 'register-copy', new RegExp(`^${copy.code}:`));
    expect(await page.getByTestId('register-sheets').inputValue()).toBe(String(copy.sheets));
    await page.getByTestId('register-handed-by').fill('Ковалёва Н. С.');
    await page.getByTestId('register-save').click();
    await expect.poll(() => page.getByTestId('register-entry').count()).toBe(1);
    const row = page.getByTestId('register-entry').first();
    expect(await row.textContent()).toContain(copy.className);
    expect(await row.textContent()).toContain('Ковалёва Н. С.');

    // A second entry by hand, with a date in the future: refused next to the field, nothing saved.
    await page.getByTestId('register-add').click();
    await pickOption(page, 'register-class', copy.className, { type: copy.className });
    await pickOption(page, 'register-period', /^1 четверть/);
    await page.getByTestId('register-sheets').fill('30');
    await page.getByTestId('register-handed-by').fill('Ковалёва Н. С.');
    await page.getByTestId('register-date').fill('01.01.2099');
    await page.getByTestId('register-save').click();
    await expect.poll(() => messageOf(page.getByTestId('register-date'))).toBe('Дата 01.01.2099 ещё не наступила');
    expect(await app.db.raw.prepare(`SELECT count(*) AS n FROM paper_register_entry`).pluck().get()).toBe(1);
    await page.getByTestId('register-date').fill(new Date().toLocaleDateString('ru-RU', { timeZone: 'UTC' }));
    await page.getByTestId('register-save').click();
    await expect.poll(() => page.getByTestId('register-entry').count()).toBe(2);

    // «Исправить» the second: a new entry naming it, with the reason.
    await page.locator('[data-testid="register-entry"][data-number="2"]').getByTestId('register-correct').click();
    await page.getByTestId('register-sheets').fill('32');
    await page.getByTestId('register-save').click();
    await expect.poll(() => messageOf(page.getByTestId('register-note'))).toBe('Поле «Причина исправления» не заполнено');
    await page.getByTestId('register-note').fill('Листов 32, а не 30: пересчитано при прошивке');
    await page.getByTestId('register-save').click();
    await expect.poll(() => page.getByTestId('register-entry').count()).toBe(3);
    expect(await page.locator('[data-testid="register-entry"][data-number="2"]').getByTestId('register-corrected').textContent()).toBe('исправлена записью № 3');
    expect(await page.locator('[data-testid="register-entry"][data-number="3"]').getByTestId('register-corrects').textContent()).toBe('исправляет запись № 2');
  }, 180_000);

  it('attaches a scan to the entry and checks the register', async () => {
    const { page } = app;
    await page.locator('[data-testid="register-entry"][data-number="1"]').getByTestId('register-scan-input').setInputFiles({ name: 'Копия 7А, 1 четверть.pdf', mimeType: 'application/pdf', buffer: SCAN });
    await page.locator('[data-testid="register-entry"][data-number="1"]').getByTestId('register-scan').waitFor();
    expect(await page.locator('[data-testid="register-entry"][data-number="1"]').getByTestId('register-scan').textContent()).toBe('Копия 7А, 1 четверть.pdf, 1 КБ');
    const stored = app.db.raw.prepare(`SELECT digest, size FROM paper_scan`).all();
    expect(stored).toEqual([{ digest: createHash('sha256').update(SCAN).digest('hex'), size: SCAN.byteLength }]);
    // Not a scan: refused, nothing stored.
    await page.locator('[data-testid="register-entry"][data-number="2"]').getByTestId('register-scan-input').setInputFiles({ name: 'заметки.pdf', mimeType: 'application/pdf', buffer: Buffer.from('просто текст') });
    await page.getByText('Нужен файл PDF, JPEG или PNG').or(page.getByText(/не PDF, не JPEG и не PNG/)).first().waitFor();
    expect(app.db.raw.prepare(`SELECT count(*) FROM paper_scan`).pluck().get()).toBe(1);

    await page.getByTestId('register-verify').click();
    await page.locator('[data-testid="register-check"][data-ok="true"]').waitFor();
    expect(await page.getByTestId('register-check').textContent()).toContain('Реестр в порядке: записей 3, сканов 1');
    await page.mouse.move(0, 0);
    await app.screenshot('paper-register');
  }, 120_000);

  it('prints the register for signatures', async () => {
    const { page } = app;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('register-print').click()]);
    expect(download.suggestedFilename()).toBe('Реестр бумажных копий.pdf');
    const path = join(app.dir, 'register.pdf');
    await download.saveAs(path);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Ковалёва Н. С.');
    expect(text).toContain('Исправляет запись № 2.');
    expect(text).toContain('Листов 32');
    expect(text).toMatch(/Контрольная сумма реестра: [0-9a-f]{64}/);
  }, 120_000);
});
