// The progress panel (issue 9, point 7; acceptance): long jobs of the browser's session show in the
// corner of every screen with their progress, and one is cancelled from the panel: its call ends as
// cancelled and it leaves no file. The real renderer in Chromium, the browser host, the real core
// and its job worker threads.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readdirSync } from 'node:fs';
import { signIn, startApp, type App } from './harness';
import { jobRunner } from '../../electron/core/jobs/runner';
import { filesDir } from '../../electron/core/files';
import { seedParallel } from './termSeed';

let app: App;
let period = '';

beforeAll(async () => {
  app = await startApp({ demo: true });
  // A quarter of journal data for grades 5–9: the paper copies of the whole school then take a while
  // (the PDFs alone have become too quick to watch and cancel).
  for (const grade of [5, 6, 7, 8, 9]) seedParallel(app, grade, ['1 четверть']);
  period = (app.db.raw.prepare(`SELECT id FROM study_period WHERE name = '1 четверть' AND grade_from <= 5 AND grade_to >= 9`).get() as { id: string }).id;
}, 240_000);
afterAll(async () => {
  await app?.close();
});

describe('the progress panel', () => {
  it('shows the running jobs with their progress and cancels one of them', async () => {
    const { page } = app;
    await signIn(page, 'admin', app.users.admin!.password);
    await page.getByTestId('nav-subgroups').click();
    expect(await page.getByTestId('jobs-panel').count()).toBe(0); // nothing runs: no panel

    // Four prints of the whole school's paper copies, as the page asks for them (its session, its
    // cookie): two run (two job workers), the others wait for their turn.
    await page.evaluate((body) => {
      const w = globalThis as unknown as { jobReplies: unknown[] };
      w.jobReplies = [];
      for (let i = 0; i < 4; i++)
        void fetch('/api/paper.printCopies', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })
          .then((r) => r.json())
          .then((r) => w.jobReplies.push(r));
    }, JSON.stringify({ periodId: period }));
    const panel = page.getByTestId('jobs-panel');
    await panel.waitFor();
    const running = panel.locator('[data-testid="job"][data-state="running"]');
    await expect.poll(() => running.count(), { timeout: 60_000 }).toBeGreaterThan(0);
    // Progress told: «Класс 5А: 12 из 36 классов — 33 %».
    await expect.poll(() => running.first().getByTestId('job-phrase').textContent(), { timeout: 60_000 }).toMatch(/^Класс \S+: \d+ из \d+ класс(а|ов) — \d+ %$/);
    await app.screenshot('jobs-panel-running');

    const id = (await running.first().getAttribute('data-job-id'))!;
    // What the panel showed for that job, recorded as it changes: an ended job leaves the panel after
    // a few seconds, which a busy machine's polling could miss.
    await page.evaluate(`(() => {
      const jobId = ${JSON.stringify(id)};
      globalThis.jobSeen = [];
      const note = () => {
        const el = document.querySelector('[data-job-id="' + jobId + '"]');
        if (el) globalThis.jobSeen.push(el.getAttribute('data-state') + '|' + (el.querySelector('[data-testid="job-phrase"]')?.textContent ?? ''));
      };
      new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    })()`);
    await panel.locator(`[data-job-id="${id}"]`).getByTestId('job-cancel').click();
    const seen = async () => (await page.evaluate(() => (globalThis as unknown as { jobSeen: string[] }).jobSeen)) ?? [];
    await expect.poll(seen, { timeout: 60_000 }).toContain('cancelled|Отменено, ничего не изменено');
    await app.screenshot('jobs-panel-cancelled');

    // In the core: that job ended cancelled, and left nothing in the files folder.
    expect(jobRunner().list(app.session).find((j) => j.id === id)).toMatchObject({ state: 'cancelled', title: 'Бумажные копии журнала' });
    expect(readdirSync(filesDir()).filter((n) => n.startsWith(`${id}-`))).toEqual([]);
    // Its caller was told so: one reply is the cancellation; the others make their files.
    const replies = async () => (await page.evaluate(() => (globalThis as unknown as { jobReplies: { ok: boolean; error?: { code: string } }[] }).jobReplies)) ?? [];
    await expect.poll(async () => (await replies()).length, { timeout: 180_000 }).toBe(4);
    const codes = (await replies()).map((r) => (r.ok ? 'ok' : r.error!.code)).sort();
    expect(codes).toEqual(['cancelled', 'ok', 'ok', 'ok']);
    // Ended jobs leave the panel after a few seconds.
    await expect.poll(() => page.getByTestId('jobs-panel').count(), { timeout: 30_000 }).toBe(0);
    expect(app.pageErrors).toEqual([]);
  }, 300_000);
});

