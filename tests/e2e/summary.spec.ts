// The сводная ведомость (issue 13 point 2) and the mark-change report's window flag (point 4) at
// 1366×768 on the 1000-student demo school, with 7Б's period and year marks and a few mark changes
// inserted as sync would bring them: the grid of periods, the year's statement, its PDF downloaded
// and rendered with pdftoppm; the mark-change page with «Только после срока».
// Screenshots: tests/artifacts/summary-*.png, mark-changes-window.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ARTIFACTS, pickOption, signIn, startApp, type App } from './harness';
import type { MarkValue } from '../../electron/api/enums';

let app: App;
const one = <R>(sql: string, ...p: unknown[]) => app.db.raw.prepare(sql).get(...p) as R;
const all = <R>(sql: string, ...p: unknown[]) => app.db.raw.prepare(sql).all(...p) as R[];
let roster: { id: string; name: string }[] = [];

beforeAll(async () => {
  app = await startApp({ demo: true });
  const c7b = one<{ id: string; year_id: string }>(`SELECT id, year_id FROM school_class WHERE grade = 7 AND letter = 'Б'`);
  const periods = all<{ id: string }>(`SELECT id FROM study_period WHERE grade_from <= 7 AND grade_to >= 7 AND deleted_at IS NULL ORDER BY start_date`);
  const last = one<{ d: string }>(`SELECT max(end_date) AS d FROM study_period WHERE grade_from <= 7 AND grade_to >= 7`).d;
  roster = all(
    `SELECT s.id, s.last_name || ' ' || s.first_name || coalesce(' ' || s.middle_name, '') AS name FROM class_membership m JOIN student s ON s.id = m.student_id
     WHERE m.class_id = ? AND m.deleted_at IS NULL AND m.date_from <= ? AND (m.date_to IS NULL OR m.date_to > ?) ORDER BY s.last_name, s.first_name, s.middle_name, s.id`,
    c7b.id,
    last,
    last,
  );
  const subjects = all<{ id: string; grading: string }>(
    `SELECT p.id, p.grading FROM curriculum_item i JOIN subject p ON p.id = i.subject_id WHERE i.class_id = ? AND i.deleted_at IS NULL AND i.hours_per_week > 0 AND p.no_attestation = 0 AND p.grading <> 'none'`,
    c7b.id,
  );
  const ins = app.db.raw.prepare(
    `INSERT INTO period_mark (id, created_at, updated_at, student_id, subject_id, year_id, period_id, value, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const FIVE: MarkValue[] = ['5', '4', '4', '3', '5', '4', '3', '2', '5', '4', 'na', '4', 'exempt'];
  let n = 0;
  const at = '2027-05-25T10:00:00.000Z';
  app.db.raw.transaction(() => {
    roster.forEach((s, k) =>
      subjects.forEach((p, j) =>
        [...periods.map((x) => x.id), null].forEach((pid, q) => {
          const v: MarkValue = p.grading === 'pass_fail' ? ((k + q) % 9 === 4 ? 'fail' : 'pass') : FIVE[(k * 3 + j * 5 + q) % FIVE.length]!;
          ins.run(`pm-e2e-${++n}`, at, at, s.id, p.id, c7b.year_id, pid, v, at);
        }),
      ),
    );
  })();
  // Mark changes: lessons on 1.10 (window «2 недели»: until 15.10), two in time, two after.
  const algebra = one<{ id: string }>(`SELECT id FROM subject WHERE name = 'Алгебра'`).id;
  const teacher = one<{ id: string }>(`SELECT teacher_id AS id FROM teaching_assignment WHERE class_id = ? AND subject_id = ?`, c7b.id, algebra).id;
  // The lesson of 1.10 (the journal's pages show its data once a lesson has come).
  app.db.raw
    .prepare(`INSERT INTO lesson (id, created_at, updated_at, date, lesson_no, class_id, subject_id, teacher_id, status) VALUES ('l-e2e', ?, ?, '2026-10-01', 2, ?, ?, ?, 'held')`)
    .run(at, at, c7b.id, algebra, teacher);
  const chg = app.db.raw.prepare(
    `INSERT INTO mark_change (id, created_at, updated_at, mark_id, mark_table, student_id, subject_id, lesson_date, teacher_id, changed_at, old_value, new_value)
     VALUES (?, ?, ?, ?, 'mark', ?, ?, '2026-10-01', ?, ?, ?, ?)`,
  );
  [
    [2, '3', '4'],
    [15, '4', '5'],
    [16, '2', '3'],
    [28, '3', '5'],
  ].forEach(([day, o, v], i) => chg.run(`mc-e2e-${i}`, at, at, `m-e2e-${i}`, roster[i]!.id, algebra, teacher, new Date(2026, 9, day as number, 14).toISOString(), o, v));
}, 300_000);
afterAll(async () => {
  await app?.close();
});

describe('сводная ведомость and the mark-change report', () => {
  it('shows 7Б students × subjects × periods, then the year statement, and prints it', async () => {
    const { page } = app;
    await signIn(page, 'admin', app.users.admin!.password);
    await page.evaluate("location.hash = '/reports/summary'");
    await pickOption(page, 'summary-class', '7Б', { type: '7Б' });
    await page.getByTestId('summary-ready').waitFor();
    await page.getByTestId('summary-row').first().waitFor();
    expect(await page.getByTestId('summary-row').count()).toBeGreaterThanOrEqual(roster.length);
    expect(await page.getByTestId('summary-row').first().textContent()).toContain(roster[0]!.name);
    expect(await page.getByTestId('summary-grid').locator('thead').textContent()).toContain('IV');
    await app.screenshot('summary-periods');

    await page.getByTestId('summary-kind').getByText('Итоги года').click();
    await page.getByTestId('summary-grid').locator('thead th[title="4 четверть"]').first().waitFor({ state: 'detached' });
    expect(await page.getByTestId('summary-row').count()).toBe(roster.length);
    await app.screenshot('summary-year');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('summary-pdf').click()]);
    expect(download.suggestedFilename()).toMatch(/^Сводная ведомость за год 7Б .*\.pdf$/);
    const path = join(ARTIFACTS, 'summary-year.pdf');
    await download.saveAs(path);
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', path, join(ARTIFACTS, 'summary-year-pdf')]);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(text).toContain(roster[0]!.name);
    expect(text).toContain('М. П.');
    expect(app.pageErrors).toEqual([]);
  }, 300_000);

  it('flags the changes after the grade-edit window and filters them', async () => {
    const { page } = app;
    await page.evaluate("location.hash = '/journal/changes'");
    await page.getByTestId('changes-table').waitFor();
    await page.getByTestId('changes-total').filter({ hasText: '4 изменения' }).waitFor();
    expect(await page.getByTestId('changes-late').count()).toBe(2);
    await page.getByTestId('changes-outside').click();
    await page.getByTestId('changes-total').filter({ hasText: 'Найдено: 2' }).waitFor();
    await app.screenshot('mark-changes-window');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('changes-pdf').click()]);
    const path = join(ARTIFACTS, 'mark-changes-window.pdf');
    await download.saveAs(path);
    expect(execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' })).toContain('только изменения после срока исправления отметок');
    expect(app.pageErrors).toEqual([]);
  }, 300_000);
});
