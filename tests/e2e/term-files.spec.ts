// The term report's files and the report by teacher on screen (issue 13 points 1, 6; R19) at
// 1366×768: the 1000-student demo school with «1 четверть» and «2 четверть» of every five-point
// subject of parallel 7 written into the journal tables as sync would bring them
// (tests/support/journal.ts; the seeding of tests/e2e/term-report.spec.ts, minimal). The deputy
// director for 5–9 prints parallel 7's report for «2 четверть» (a PDF with its title), opens
// «По учителям» (the teachers of term.byTeacher, sorted on a click), and for class 7А prints the
// preliminary class teacher's report. Screenshots: tests/artifacts/term-by-teacher.png, term-class-teacher.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, pickOption, signIn, startApp, type App } from './harness';
import { seedParallel } from './termSeed';
import type { TermByTeacher } from '../../electron/api/termFiles';

let app: App;
let q2 = '';
let byTeacher: TermByTeacher;

const all = <R>(sql: string, ...p: unknown[]) => app.db.raw.prepare(sql).all(...p) as R[];
const one = <R>(sql: string, ...p: unknown[]) => app.db.raw.prepare(sql).get(...p) as R;
const flat = (t: string) => t.replace(/\s+/g, ' ');

beforeAll(async () => {
  app = await startApp({ demo: true });
  const { yearId: year, periods, seeded } = seedParallel(app, 7, ['1 четверть', '2 четверть']);
  q2 = periods[1]!.id;
  expect(seeded).toBeGreaterThan(20);
  byTeacher = await app.call('term.byTeacher', { periodId: q2, scope: 'parallel', grade: 7 });
}, 600_000);
afterAll(async () => {
  await app?.close();
});

describe('term report files and by teacher on screen', () => {
  it('prints the report of parallel 7 for «2 четверть» as PDF and shows it by teacher, sortable', async () => {
    const { page } = app;
    expect(byTeacher.teachers.length).toBeGreaterThan(3);
    await signIn(page, 'deputy', app.users.deputy!.password);
    await page.getByTestId('nav-term').click();
    await page.locator('[data-testid=term-report][data-loaded]').waitFor({ timeout: 120_000 });
    await page.getByTestId('term-scope').getByText('параллели').click();
    await pickOption(page, 'term-grade', '7 классы');
    await pickOption(page, 'term-period', '2 четверть');
    await page.locator('[data-testid=term-figures] th', { hasText: 'Параллель 7' }).waitFor({ timeout: 120_000 });
    await page.locator('[data-testid=term-report][data-loaded]').waitFor({ timeout: 120_000 });
    // Not a class: no class teacher's report.
    expect(await page.getByTestId('term-class-teacher').count()).toBe(0);

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), page.getByTestId('term-file-pdf').click()]);
    expect(download.suggestedFilename()).toMatch(/^Отчёт об успеваемости .*2 четверть.*\.pdf$/);
    const path = join(ARTIFACTS, 'term-parallel7.pdf');
    await download.saveAs(path);
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = flat(execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }));
    expect(text).toContain('Отчёт об успеваемости обучающихся 7-х классов за 2 четверть');

    // «По учителям»: the teachers of term.byTeacher, by name; a click on «Кач., %» sorts by quality.
    await page.getByTestId('term-tab-teachers').click();
    const rows = page.getByTestId('term-teacher-row');
    await rows.first().waitFor({ timeout: 120_000 });
    const names = async () => {
      const out: (string | null)[] = [];
      for (let i = 0; i < (await rows.count()); i++) out.push(await rows.nth(i).getAttribute('data-teacher'));
      return out;
    };
    const ru = new Intl.Collator('ru', { numeric: true, sensitivity: 'base' });
    expect(await names()).toEqual(byTeacher.teachers.map((t) => t.teacher).sort(ru.compare));
    await page.getByTestId('sort-quality').click();
    await page.getByTestId('sort-quality').click();
    const best = Math.max(...byTeacher.teachers.map((t) => t.quality ?? -1));
    const top = (await names())[0]!;
    expect(byTeacher.teachers.find((t) => t.teacher === top)!.quality).toBe(best);
    expect(await rows.first().getByTestId('term-teacher-quality').textContent()).toBe(best.toLocaleString('ru-RU', { maximumFractionDigits: 2 }));
    await page.getByTestId('jobs-panel').waitFor({ state: 'hidden', timeout: 30_000 }).catch(() => undefined);
    // The tab is below the figures: the whole page, 1366 wide.
    await app.screenshot('term-by-teacher', { fullPage: true });
    expect(app.pageErrors).toEqual([]);
  }, 400_000);

  it('for class 7А offers the class teacher’s report and the preliminary one; the preliminary PDF has its title', async () => {
    const { page } = app;
    await page.getByTestId('term-scope').getByText('классу').click();
    await pickOption(page, 'term-class', '7А', { type: '7А' });
    await page.locator('[data-testid=term-figures] th', { hasText: '7А' }).waitFor({ timeout: 120_000 });
    await page.getByTestId('term-class-teacher').waitFor();
    await page.getByTestId('term-pre-pdf').waitFor();
    await app.screenshot('term-class-teacher');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), page.getByTestId('term-pre-pdf').click()]);
    expect(download.suggestedFilename()).toMatch(/^Предварительный отчёт классного руководителя 7А 2 четверть.*\.pdf$/);
    const path = join(ARTIFACTS, 'term-class-teacher-preliminary.pdf');
    await download.saveAs(path);
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(flat(execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }))).toContain('Предварительный отчёт классного руководителя 7А класса за 2 четверть');

    // The year has no preliminary report (R19: before a quarter's or a half-year's end).
    await pickOption(page, 'term-period', /Год/);
    await page.getByTestId('term-ct-pdf').waitFor();
    await page.getByTestId('term-pre-pdf').waitFor({ state: 'detached' });
    expect(app.pageErrors).toEqual([]);
  }, 400_000);
});
