// «Отчёт за период» on screen (issue 13 points 1, 6, 7) at 1366×768: the 1000-student demo school
// with «1 четверть» and «2 четверть» of every five-point subject of parallel 7 written into the
// journal tables as sync would bring them (tests/support/journal.ts); the deputy director for 5–9
// opens the report of parallel 7: the figures equal term.report's, the comparison with the previous
// period, the charts, the list behind a figure, by class and by subject.
// Screenshots: tests/artifacts/term-report-parallel7.png, term-report-list.png, term-report-classes.png and term-report-subjects.png (the whole page).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickOption, signIn, startApp, type App } from './harness';
import { seedParallel } from './termSeed';
import type { TermFigures, TermReport } from '../../electron/api/term';

let app: App;
let q2 = '';
let report: TermReport;

const all = <R>(sql: string, ...p: unknown[]) => app.db.raw.prepare(sql).all(...p) as R[];
const one = <R>(sql: string, ...p: unknown[]) => app.db.raw.prepare(sql).get(...p) as R;

const COUNTS = ['counted', 'n', 'excellent', 'good', 'oneFour', 'satisfactory', 'oneThree', 'failing', 'notAttested', 'exempt'] as const;
const VALUES = ['progress', 'quality', 'sou', 'average'] as const;
const ru = (v: number | null) => (v === null ? '—' : v.toLocaleString('ru-RU', { maximumFractionDigits: 2 }));

beforeAll(async () => {
  app = await startApp({ demo: true });
  const { yearId: year, periods, seeded } = seedParallel(app, 7, ['1 четверть', '2 четверть']);
  q2 = periods[1]!.id;
  expect(seeded).toBeGreaterThan(20);
  const classes = all<{ id: string }>(`SELECT id FROM school_class WHERE year_id = ? AND grade = 7 AND deleted_at IS NULL ORDER BY letter`, year);
  // The seed's period marks are rounded averages of even «2»–«5» marks, nearly all «3» and «4»: as the
  // teachers' corrections that sync brings, each student's are set by a rule of their place in the
  // class list (k), the subject (j) and the quarter (p), so that every category has students.
  const update = app.db.raw.prepare(`UPDATE period_mark SET value = ? WHERE id = ?`);
  app.db.raw.transaction(() =>
    classes.forEach((c, ci) => {
      periods.forEach((p, pi) => {
        const marks = all<{ id: string; student_id: string }>(
          `SELECT pm.id, pm.student_id FROM period_mark pm JOIN student s ON s.id = pm.student_id JOIN subject u ON u.id = pm.subject_id
           JOIN class_membership m ON m.student_id = s.id AND m.class_id = ? AND m.deleted_at IS NULL
           WHERE pm.period_id = ? ORDER BY s.last_name, s.first_name, s.middle_name, s.id, u.sort_order`,
          c.id,
          p.id,
        );
        const students = [...new Set(marks.map((m) => m.student_id))];
        students.forEach((sid, k) => {
          const level = (k * 7 + ci * 3 + (k % 3 === 0 ? pi : 0)) % 20;
          marks
            .filter((m) => m.student_id === sid)
            .forEach((m, j) => {
              let v: string;
              if (level < 3) v = '5'; // отличники
              else if (level < 5) v = j === k % 5 ? '4' : '5'; // с одной «4»
              else if (level < 10) v = (j + k + pi) % 3 === 0 ? '4' : '5'; // хорошисты
              else if (level < 12) v = j === (k + 1) % 5 ? '3' : '4'; // с одной «3»
              else if (level < 17) v = ['4', '3', '5', '4'][(j + k + pi) % 4]!; // на «3»
              else if (level === 17) v = j === 1 + pi ? 'na' : '4'; // н/а
              else if (level === 18 && j === 2) v = 'exempt'; // осв. (and «4», «3» elsewhere)
              else v = j === k % 4 + pi ? '2' : ['3', '4'][(j + k) % 2]!; // неуспевающие
              update.run(v, m.id);
            });
        });
      });
    }),
  )();
  report = await app.call('term.report', { periodId: q2, scope: 'parallel', grade: 7 });
}, 600_000);
afterAll(async () => {
  await app?.close();
});

/** The figures the page shows in a column (`term-fig`, `term-prev`). */
async function shown(prefix: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const k of [...COUNTS, ...VALUES]) out[k] = (await app.page.getByTestId(`${prefix}-${k}`).textContent())!.trim();
  return out;
}
const expected = (f: TermFigures) => ({ ...Object.fromEntries(COUNTS.map((k) => [k, f[k].count.toLocaleString('ru-RU')])), ...Object.fromEntries(VALUES.map((k) => [k, ru(f[k])])) });

describe('term report on screen', () => {
  it('shows the deputy the report of parallel 7 for «2 четверть»: the figures of term.report, compared with «1 четверть», with the charts', async () => {
    const { page } = app;
    // The seeded marks make every category (the figures below are compared with the core's, not with constants).
    expect(report.figures.n.count).toBeGreaterThan(50);
    expect(report.figures.failing.count).toBeGreaterThan(0);
    expect(report.previous?.period.name).toBe('1 четверть');

    await signIn(page, 'deputy', app.users.deputy!.password);
    await page.getByTestId('nav-term').click();
    await page.locator('[data-testid=term-report][data-loaded]').waitFor({ timeout: 120_000 });
    await page.getByTestId('term-scope').getByText('параллели').click();
    await pickOption(page, 'term-grade', '7 классы');
    await pickOption(page, 'term-period', '2 четверть');
    await page.locator('[data-testid=term-figures] th', { hasText: 'Параллель 7' }).waitFor({ timeout: 120_000 });
    await page.locator('[data-testid=term-report][data-loaded]').waitFor({ timeout: 120_000 });

    expect(await shown('term-fig')).toEqual(expected(report.figures));
    expect(await shown('term-prev')).toEqual(expected(report.previous!.figures));
    // The change beside the previous period: now − then.
    const dq = Math.round((report.figures.quality! - report.previous!.figures.quality!) * 10) / 10;
    expect((await page.getByTestId('term-prev-delta-quality').textContent())!.replace('−', '-').replace(',', '.')).toBe(dq > 0 ? `+${dq}` : String(dq));

    // The deputy is offered their parallels only.
    await page.getByTestId('term-grade').click();
    expect(await page.getByRole('option').allTextContents()).toEqual(['5 классы', '6 классы', '7 классы', '8 классы', '9 классы']);
    await page.keyboard.press('Escape');

    // The charts: the period marks (this period and the previous) and the dynamics «1 четверть» → «2 четверть».
    await page.locator('[data-testid=term-chart-marks] path.recharts-rectangle').first().waitFor();
    // Five marks × two periods (a zero draws no bar).
    expect(await page.locator('[data-testid=term-chart-marks] path.recharts-rectangle').count()).toBe(
      (['5', '4', '3', '2', 'na'] as const).flatMap((m) => [report.figures.marks[m], report.previous!.figures.marks[m]]).filter(Boolean).length,
    );
    // attached: a line of equal values has no height, which Playwright calls hidden.
    await page.locator('[data-testid=term-chart-dynamics][data-loaded] path.recharts-line-curve').first().waitFor({ state: 'attached', timeout: 120_000 });
    expect(await page.locator('[data-testid=term-chart-dynamics] path.recharts-line-curve').count()).toBe(3);
    const dynamics = await app.call('term.dynamics', { periodId: q2, scope: 'parallel', grade: 7 });
    expect(dynamics.points.map((p) => p.period.name)).toEqual(['1 четверть', '2 четверть']);
    expect(dynamics.points[1]!.figures.progress).toBe(report.figures.progress);
    expect(await page.locator('[data-testid=term-chart-dynamics] .recharts-cartesian-axis-tick-value').allTextContents()).toEqual(
      expect.arrayContaining(['1 четверть', '2 четверть']),
    );
    await page.waitForTimeout(600); // the charts' entry animation
    await page.getByTestId('jobs-panel').waitFor({ state: 'hidden', timeout: 30_000 }).catch(() => undefined);
    await app.screenshot('term-report-parallel7');

    // By class: the classes of parallel 7, each with its figures; sorted by успеваемость on a click.
    const rows = page.getByTestId('term-class-row');
    const classNames: (string | null)[] = [];
    for (let i = 0; i < (await rows.count()); i++) classNames.push(await rows.nth(i).getAttribute('data-class'));
    expect(classNames).toEqual(report.classes.map((c) => c.className));
    await page.getByTestId('sort-progress').click();
    await page.getByTestId('sort-progress').click();
    const best = [...report.classes].sort((a, b) => (b.figures.progress ?? -1) - (a.figures.progress ?? -1))[0]!;
    expect(await rows.first().getAttribute('data-class')).toBe(best.className);
    await app.screenshot('term-report-classes', { fullPage: true });
    // By subject: the subjects of the report, each «2» a list.
    await page.getByTestId('term-tab-subjects').click();
    expect(await page.getByTestId('term-subject-row').count()).toBe(report.subjects.length);
    await app.screenshot('term-report-subjects', { fullPage: true });
    expect(app.pageErrors).toEqual([]);
  }, 300_000);

  it('opens the students behind «Неуспевающие»: ФИО, класс and the subjects of their «2»', async () => {
    const { page } = app;
    await page.getByTestId('term-fig-failing').click();
    const drawer = page.getByTestId('term-list');
    await drawer.getByTestId('term-list-row').first().waitFor();
    const failing = report.figures.failing.students;
    expect(await drawer.getByTestId('term-list-row').count()).toBe(failing.length);
    const texts: string[][] = [];
    for (let i = 0; i < failing.length; i++) texts.push(await drawer.getByTestId('term-list-row').nth(i).locator('td').allTextContents());
    expect(texts).toEqual(failing.map((s, i) => [String(i + 1), s.name, s.className, s.subjects!.join(', ')]));
    expect(await drawer.getByTestId('term-list-count').textContent()).toMatch(new RegExp(`^${failing.length} учени`));
    await page.waitForTimeout(400); // the drawer's transition
    await app.screenshot('term-report-list');
    await page.keyboard.press('Escape');
    await drawer.getByTestId('term-list-row').first().waitFor({ state: 'hidden' });
    expect(app.pageErrors).toEqual([]);
  }, 120_000);
});
