// Ведомости для медальной комиссии (issue 14 point 5) at 1366×768 on the 1000-student demo school:
// the previous year 2025/2026 with a 10th grade of 11А's students and their grade-10 marks, and 11А's
// half-year and year marks, written straight into SQLite as sync would bring them. The page: the
// classes of grades 10–11, 11А's grid (sticky names, sideways scroll), status badges, «только
// претенденты», the search, and the PDF made by the job, downloaded, read back and rendered.
// Screenshots: tests/artifacts/paper-medal.png, paper-medal-candidates.png; paper-medal-pdf-1.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ARTIFACTS, pickOption, signIn, startApp, type App } from './harness';
import type { MarkValue } from '../../electron/api/enums';

let app: App;
const one = <R>(sql: string, ...p: unknown[]) => app.db.raw.prepare(sql).get(...p) as R;
const all = <R>(sql: string, ...p: unknown[]) => app.db.raw.prepare(sql).all(...p) as R[];
let roster: { id: string; name: string }[] = [];

/** Student k, subject j, column q (10: I, II, год; 11: I, II, год): a mix of candidates and not. */
function value(k: number, j: number, q: number): MarkValue | null {
  switch (k % 6) {
    case 0:
      return '5'; // I степени
    case 1:
      return j === 1 || j === 2 ? '4' : '5'; // II степени
    case 2:
      return j % 3 === 0 ? '4' : '5'; // three «4» or more
    case 3:
      return j === 2 ? '3' : '5'; // a final «3»
    case 4:
      return j === 0 && q === 4 ? null : '5'; // a missing mark
    default:
      return q < 3 ? '4' : '3';
  }
}

beforeAll(async () => {
  app = await startApp({ demo: true });
  const c11 = one<{ id: string; year_id: string }>(`SELECT id, year_id FROM school_class WHERE grade = 11 AND letter = 'А' AND deleted_at IS NULL`);
  const cur = one<{ start_date: string }>(`SELECT start_date FROM academic_year WHERE id = ?`, c11.year_id);
  const at = '2027-05-25T10:00:00.000Z';
  const prevStart = `${Number(cur.start_date.slice(0, 4)) - 1}${cur.start_date.slice(4)}`;
  const py = Number(prevStart.slice(0, 4));
  const run = (sql: string, ...p: unknown[]) => app.db.raw.prepare(sql).run(...p);
  let n = 0;
  const nid = (p: string) => `${p}-e2e-${++n}`;
  roster = all(
    `SELECT s.id, s.last_name || ' ' || s.first_name || coalesce(' ' || s.middle_name, '') AS name FROM class_membership m JOIN student s ON s.id = m.student_id
     WHERE m.class_id = ? AND m.deleted_at IS NULL AND m.date_to IS NULL ORDER BY s.last_name, s.first_name, s.middle_name, s.id`,
    c11.id,
  );
  const subjects = all<{ id: string; grading: string }>(
    `SELECT p.id, p.grading FROM curriculum_item i JOIN subject p ON p.id = i.subject_id WHERE i.class_id = ? AND i.deleted_at IS NULL AND i.hours_per_week > 0 AND p.no_attestation = 0 AND p.grading <> 'none' ORDER BY p.sort_order, p.name`,
    c11.id,
  );
  const curHalves = all<{ id: string }>(`SELECT id FROM study_period WHERE year_id = ? AND kind = 'half' AND grade_from <= 11 AND grade_to >= 11 ORDER BY number`, c11.year_id);
  app.db.raw.transaction(() => {
    // The previous year, its half-years for 10–11 and its 10А with 11А's students and curriculum.
    const prev = nid('y');
    run(`INSERT INTO academic_year (id, created_at, updated_at, name, start_date, end_date) VALUES (?, ?, ?, ?, ?, ?)`, prev, at, at, `${py}/${py + 1}`, `${py}-09-01`, `${py + 1}-08-31`);
    const halves = [nid('h'), nid('h')];
    run(`INSERT INTO study_period (id, created_at, updated_at, year_id, kind, number, name, start_date, end_date, grade_from, grade_to) VALUES (?, ?, ?, ?, 'half', 1, '1 полугодие', ?, ?, 10, 11)`, halves[0], at, at, prev, `${py}-09-01`, `${py}-12-28`);
    run(`INSERT INTO study_period (id, created_at, updated_at, year_id, kind, number, name, start_date, end_date, grade_from, grade_to) VALUES (?, ?, ?, ?, 'half', 2, '2 полугодие', ?, ?, 10, 11)`, halves[1], at, at, prev, `${py + 1}-01-09`, `${py + 1}-05-26`);
    const c10 = nid('c');
    run(`INSERT INTO school_class (id, created_at, updated_at, year_id, grade, letter) VALUES (?, ?, ?, ?, 10, 'А')`, c10, at, at, prev);
    for (const s of subjects) run(`INSERT INTO curriculum_item (id, created_at, updated_at, class_id, subject_id, hours_per_week) VALUES (?, ?, ?, ?, ?, 2)`, nid('ci'), at, at, c10, s.id);
    for (const s of roster) run(`INSERT INTO class_membership (id, created_at, updated_at, student_id, class_id, date_from, date_to) VALUES (?, ?, ?, ?, ?, ?, ?)`, nid('m'), at, at, s.id, c10, `${py}-09-01`, `${py + 1}-08-31`);
    const cols: [string, string | null][] = [[prev, halves[0]!], [prev, halves[1]!], [prev, null], [c11.year_id, curHalves[0]!.id], [c11.year_id, curHalves[1]!.id], [c11.year_id, null]];
    roster.forEach((s, k) =>
      subjects.forEach((p, j) =>
        cols.forEach(([y, pid], q) => {
          const v = p.grading === 'pass_fail' ? 'pass' : value(k, j, q);
          if (v) run(`INSERT INTO period_mark (id, created_at, updated_at, student_id, subject_id, year_id, period_id, value, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, nid('pm'), at, at, s.id, p.id, y, pid, v, at);
        }),
      ),
    );
  })();
}, 300_000);
afterAll(async () => {
  await app?.close();
});

describe('ведомости для медальной комиссии', () => {
  it('shows 11А with statuses, filters the candidates, searches, and prints the PDF', async () => {
    const { page } = app;
    await signIn(page, 'admin', app.users.admin!.password);
    await page.evaluate("location.hash = '/paper/medal'");
    await page.locator('[data-testid=medal-page][data-loaded]').waitFor();
    await pickOption(page, 'medal-class', '11А');
    await page.getByTestId('medal-row').first().waitFor();
    expect(await page.getByTestId('medal-class-block').count()).toBe(1);
    expect(await page.getByTestId('medal-row').count()).toBe(roster.length);
    expect(await page.getByTestId('medal-row').first().textContent()).toContain(roster[0]!.name);
    const statuses = await page.getByTestId('medal-status').allTextContents();
    expect(statuses.filter((s) => s === 'I степени').length).toBe(Math.ceil(roster.length / 6));
    expect(statuses).toContain('II степени');
    expect(statuses).toContain('не претендует');
    expect(statuses).toContain('нет данных');
    // The grid is wider than the page: it scrolls sideways, the names stay.
    const grid = page.getByTestId('medal-grid').locator('.mantine-ScrollArea-viewport').first();
    expect(await grid.evaluate((el) => (el as unknown as { scrollWidth: number; clientWidth: number }).scrollWidth > (el as unknown as { clientWidth: number }).clientWidth)).toBe(true);
    await app.screenshot('paper-medal');

    await page.getByTestId('medal-only').click();
    await page.waitForFunction("document.querySelectorAll('[data-testid=medal-row]').length < 20");
    const only = await page.getByTestId('medal-status').allTextContents();
    expect(only.every((s) => s === 'I степени' || s === 'II степени')).toBe(true);
    await app.screenshot('paper-medal-candidates');
    await page.getByTestId('medal-only').click();
    await page.getByTestId('medal-search').fill(roster[1]!.name.toLowerCase());
    await page.waitForFunction("document.querySelectorAll('[data-testid=medal-row]').length === 1");
    expect(await page.getByTestId('medal-row').first().textContent()).toContain(roster[1]!.name);
    await page.getByTestId('medal-search').fill('');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('medal-pdf').click()]);
    expect(download.suggestedFilename()).toMatch(/^Ведомость для медальной комиссии 11А .*\.pdf$/);
    const path = join(ARTIFACTS, 'paper-medal.pdf');
    await download.saveAs(path);
    execFileSync('qpdf', ['--check', path]);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', path, join(ARTIFACTS, 'paper-medal-pdf')]);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(text).toContain('Ведомость итоговых отметок обучающихся 11 класса для медальной комиссии');
    expect(text).toContain(roster[0]!.name);
    expect(text).toContain('М. П.');
    expect(app.pageErrors).toEqual([]);
  }, 300_000);
});
