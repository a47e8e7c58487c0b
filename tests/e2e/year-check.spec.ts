// «Итоги учебного года» (issue 15 point 1) at 1366×768 on the 1000-student demo school on 31.05.2027,
// the year's marks written straight into SQLite as sync brings them (seedYearMarks), with 5А's cases:
// a missing year mark, a «2» and an «н/а» attestation mark, one «3», one «4», the rest «5». The page:
// the summary of every class, sorting, a click on 5А opens its lists, the search, the link to record
// the debts; 9А's certificate marks. Screenshots: tests/artifacts/year-check.png, year-check-5a.png,
// year-check-9a.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ARTIFACTS, signIn, startApp, type App } from './harness';
import { seedYearMarks, type MarkOverride } from '../support/yearMarks';

let app: App;
const all = <R>(sql: string, ...p: unknown[]) => app.db.raw.prepare(sql).all(...p) as R[];
let five: { id: string; name: string }[] = [];

beforeAll(async () => {
  app = await startApp({ demo: true, now: () => new Date('2027-05-31T09:00:00Z') });
  const c5 = all<{ id: string; year_id: string }>(`SELECT id, year_id FROM school_class WHERE grade = 5 AND letter = 'А'`)[0]!;
  five = all(
    `SELECT s.id, s.last_name || ' ' || s.first_name || coalesce(' ' || s.middle_name, '') AS name FROM class_membership m JOIN student s ON s.id = m.student_id
     WHERE m.class_id = ? ORDER BY s.last_name, s.first_name, s.middle_name, s.id`,
    c5.id,
  );
  const subjects = all<{ id: string }>(
    `SELECT p.id FROM curriculum_item i JOIN subject p ON p.id = i.subject_id WHERE i.class_id = ? AND i.hours_per_week > 0 AND p.no_attestation = 0 AND p.grading = 'five_point' ORDER BY p.sort_order, p.name`,
    c5.id,
  );
  const overrides: MarkOverride[] = [];
  five.forEach((s, k) =>
    subjects.forEach((p, j) => {
      const o: MarkOverride = { studentId: s.id, subjectId: p.id, year: '5', attestation: '5' };
      if (k === 0 && j === 0) o.year = null;
      if (k === 1 && j === 0) Object.assign(o, { year: '2', attestation: '2' });
      if (k === 2 && j === 1) Object.assign(o, { year: 'na', attestation: 'na' });
      if (k === 3 && j === 2) Object.assign(o, { year: '3', attestation: '3' });
      if (k === 4 && j === 3) Object.assign(o, { year: '4', attestation: '4' });
      overrides.push(o);
    }),
  );
  seedYearMarks(app.db, { yearId: c5.year_id, overrides });
}, 300_000);
afterAll(async () => {
  await app?.close();
});

describe('итоги учебного года', () => {
  it('shows every class, opens 5А with its lists, searches, links to the debts, shows 9А’s certificate', async () => {
    const { page } = app;
    await signIn(page, 'deputy', app.users.deputy!.password);
    await page.evaluate("location.hash = '/year-end'");
    await page.locator('[data-testid=year-check-page][data-loaded]').waitFor();
    const rows = page.getByTestId('check-class-row');
    expect(await rows.count()).toBeGreaterThan(30);
    const row5 = page.locator('[data-testid=check-class-row][data-class="5А"]');
    const cells = await row5.locator('td').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['5А', String(five.length), '1']);
    expect(cells[3]).toBe('2 (не оформл. 2)');
    expect(cells.slice(4, 7)).toEqual(['1', '1', String(five.length - 5)]);
    expect(await page.getByTestId('check-total').textContent()).toContain('Всего');
    await app.screenshot('year-check');

    // Sorted by debts, most first: 5А on top.
    await page.getByTestId('sort-debts').click();
    await page.getByTestId('sort-debts').click();
    expect(await rows.first().getAttribute('data-class')).toBe('5А');

    await row5.click();
    await page.locator('[data-testid=check-detail][data-class="5А"]').waitFor();
    await page.locator('[data-testid=year-check-page][data-loaded]').waitFor();
    expect(await page.getByTestId('check-missing-list-row').allTextContents()).toEqual([expect.stringContaining(five[0]!.name)]);
    expect(await page.getByTestId('check-missing-list-row').first().textContent()).toContain('годовая');
    const debts = await page.getByTestId('check-debts-list-row').allTextContents();
    expect(debts).toHaveLength(2);
    expect(debts[0]).toContain(five[1]!.name);
    expect(debts[0]).toContain('Неудовлетворительный результат аттестации');
    expect(debts[1]).toContain('н/а');
    expect(await page.getByTestId('check-unrecorded').count()).toBe(2);
    expect(await page.getByTestId('check-one-three-list-row').allTextContents()).toEqual([expect.stringContaining(five[3]!.name)]);
    expect(await page.getByTestId('check-one-four-list-row').allTextContents()).toEqual([expect.stringContaining(five[4]!.name)]);
    expect(await page.getByTestId('check-excellent-list-row').count()).toBe(five.length - 5);
    expect(await page.getByTestId('check-record-debts').getAttribute('href')).toMatch(/^#\/year-end\/debts\?class=/);
    await app.screenshot('year-check-5a', { fullPage: true });

    await page.getByTestId('check-search').fill(five[1]!.name.split(' ')[0]!.toLowerCase());
    await page.waitForFunction("document.querySelectorAll('[data-testid=check-debts-list-row]').length === 1");
    expect(await page.getByTestId('check-missing-list-empty').count()).toBe(1);
    await page.getByTestId('check-search').fill('');

    // The class's «Итоги учебного года» printed by the job, downloaded and read back.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('check-pdf').click()]);
    expect(download.suggestedFilename()).toMatch(/^Итоги учебного года 5А 2026-2027 .*\.pdf$/);
    const path = join(ARTIFACTS, 'year-check-5a.pdf');
    await download.saveAs(path);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', path, join(ARTIFACTS, 'year-check-pdf')]);
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Класс 5А, 2026/2027 учебный год');
    expect(text).toContain(five[1]!.name);
    expect(text).toContain('М. П.');

    await page.locator('[data-testid=check-class-row][data-class="9А"]').click();
    await page.locator('[data-testid=check-detail][data-class="9А"]').waitFor();
    await page.getByTestId('check-certificate-row').first().waitFor();
    expect(await page.getByTestId('check-certificate').textContent()).toContain('ОГЭ');
    await app.screenshot('year-check-9a', { fullPage: true });
    expect(app.pageErrors).toEqual([]);
  }, 300_000);
});
