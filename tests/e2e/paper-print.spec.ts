// «Печать бумажных копий» in the app (issue 14 points 3 and 6; R21), at 1366×768 on the 100-student
// demo school with «2 четверть» journal rows of a 7th class (tests/support/journal.ts): a copy printed
// earlier and then outdated by a mark changed in the journal shows «устарела: …» naming the change;
// a new copy of the class is printed from the page (the PDF downloaded, its title sheet, a marks sheet
// and the closing sheet rendered with pdftoppm into tests/artifacts/paper-print-*.png).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ARTIFACTS, pickOption, signIn, startApp, type App } from './harness';
import { seedJournal, type JournalSeed } from '../support/journal';

let app: App;
let adminPassword = '';
let cls = { id: '', name: '' };
let period = { id: '', name: '', start_date: '', end_date: '', year_id: '' };
let algebra: JournalSeed;

beforeAll(async () => {
  app = await startApp();
  const demo = await app.call('app.loadDemo', { students: 100, seed: 3 });
  adminPassword = demo.users.find((u) => u.role === 'sysadmin')!.password;
  const raw = app.db.raw;
  period = raw.prepare(`SELECT id, name, start_date, end_date, year_id FROM study_period WHERE name = '2 четверть' AND grade_from <= 7 AND grade_to >= 7`).get() as typeof period;
  cls = raw.prepare(`SELECT id, grade || letter AS name FROM school_class WHERE grade = 7 ORDER BY letter LIMIT 1`).get() as typeof cls;
  const teacher = (raw.prepare(`SELECT id FROM staff WHERE deleted_at IS NULL ORDER BY last_name LIMIT 1`).get() as { id: string }).id;
  const subject = (name: string) => (raw.prepare(`SELECT id FROM subject WHERE name = ?`).get(name) as { id: string }).id;
  const base = { classId: cls.id, teacherId: teacher, from: period.start_date, to: period.end_date, periodId: period.id, yearId: period.year_id };
  algebra = seedJournal(app.db, { ...base, subjectId: subject('Алгебра'), seed: 1 });
  seedJournal(app.db, { ...base, subjectId: subject('История'), weekdays: [2, 4], seed: 2 });
  // A copy printed before, then a mark changed in the journal.
  await app.call('paper.printCopies', { periodId: period.id, classId: cls.id });
  const m = algebra.marks.find((x) => x.value === '4')!;
  raw.prepare(`UPDATE mark SET value = '5' WHERE id = ?`).run(m.id);
  await app.page.reload();
}, 300_000);
afterAll(async () => {
  await app?.close();
});

describe('printing a class’s paper copy', () => {
  it('shows the outdated copy naming the change, prints a new copy of the class and offers its PDF', async () => {
    const { page } = app;
    await signIn(page, 'admin', adminPassword);
    await page.evaluate("window.location.hash = '#/paper/print'");
    await page.locator('[data-testid="paper-print-page"][data-loaded]').waitFor();
    await pickOption(page, 'print-period', /^2 четверть/);
    await expect.poll(() => page.getByTestId('copy-row').count()).toBe(1);
    expect(await page.getByTestId('copy-stale').textContent()).toBe('устарела: 1 отметка изменена (Алгебра)');
    await pickOption(page, 'print-class', cls.name, { type: cls.name });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('print-run').click()]);
    expect(download.suggestedFilename()).toBe(`${cls.name} — 2 четверть.pdf`);
    const path = join(app.dir, 'copy.pdf');
    await download.saveAs(path);
    execFileSync('qpdf', ['--check', path]);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(text).toContain('Классный журнал (бумажная копия электронного журнала)');
    expect(text).toContain('Алгебра: отметки и посещаемость');
    expect(text).toContain(algebra.lessons[0]!.topic);
    // The new copy, up to date, above the outdated one.
    await expect.poll(() => page.getByTestId('copy-row').count()).toBe(2);
    expect(await page.getByTestId('copy-row').first().getByTestId('copy-fresh').textContent()).toBe('соответствует журналу');
    expect(await page.getByTestId('copy-row').nth(1).textContent()).toContain('заменена более новой');
    const step = app.db.raw.prepare(`SELECT count(*) FROM paper_step WHERE class_id = ? AND period_id = ? AND step = 'printed'`).pluck().get(cls.id, period.id);
    expect(step).toBe(1);
    await app.screenshot('paper-print');
    // Search: a class with no copy shows nothing.
    await page.getByTestId('copies-search').fill('11Я');
    await expect.poll(() => page.getByTestId('copy-row').count()).toBe(0);
    await page.getByTestId('copies-search').fill('');
    // The sheets looked at: the title sheet, the first marks sheet, the closing sheet.
    const pages = text.split('\f');
    const marks = pages.findIndex((p) => p.includes('Алгебра: отметки и посещаемость')) + 1;
    const last = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))![1]);
    for (const [name, n] of [['title', 1], ['marks', marks], ['closing', last]] as const)
      execFileSync('pdftoppm', ['-r', '60', '-png', '-f', String(n), '-l', String(n), '-singlefile', path, join(ARTIFACTS, `paper-print-${name}`)]);
    expect(app.pageErrors).toEqual([]);
  }, 300_000);
});
