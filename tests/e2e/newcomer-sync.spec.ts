// Issue 10's acceptance «a Playwright spec, as a newcomer would», at 1366×768 in real Chromium:
// `npm run central -- --demo --students 300 --until …` as a child process on a real PostgreSQL
// (the demo school pushed by a first office computer, its journal simulated to 8 days past the 1st
// quarter); an app on a fresh database with only its first administrator, background sync on with a
// short period: «Получить школу из центральной системы» → «Синхронизация», the address and the code,
// «Подключить», the first sync with its progress; the class journal of 7Б, «Алгебра», «1 четверть»
// with marks and quarter marks. The central stopped: a student's address changed in the card, the
// header says «Нет связи…» and «Ждут отправки: 1»; `npm run central -- serve` on the same port: the
// change reaches the central's store. A «5Д» made here while offline after another computer of the
// school (registered with a code of `npm run central -- register-school`) made its own: refused,
// shown with its reason. Screenshots: tests/artifacts/newcomer-*.png.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCentralDb, type CentralDb } from '../../central/db';
import { startCentral, type CentralServer } from '../../central/server';
import { planCalendar } from '../../electron/demo/calendar';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { tempCore } from '../support/core';
import { NEW_PASSWORD, pickOption, ROOT, startApp, type App } from './harness';
import { bundled } from '../support/cli';

const SCHOOL = 'Демо-школа';
/** The demo year's 1st quarter and the last simulated day: 8 days after it (its quarter marks are given within 7). */
const Q1 = planCalendar(2026).periods[0]!;
const UNTIL = new Date(Date.parse(`${Q1.end_date}T00:00:00Z`) + 8 * 86_400_000).toISOString().slice(0, 10);
const SYNC_INTERVAL_MS = '4000';

/** `npm run central -- …` as a child process; `ready` resolves when its output matches `until`. */
function central(args: string[], env: Record<string, string>, until: RegExp) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [bundled('central'), ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (until.test(out)) resolve(out);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    void exited.then((code) => reject(new Error(`npm run central -- ${args.join(' ')} exited ${code}:\n${out}\n${err}`)));
  });
  return {
    child,
    ready,
    exited,
    /** SIGTERM (the central closes its server and pool), then waits for the exit. */
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(t);
    },
  };
}
type Central = ReturnType<typeof central>;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

let pgs: TestPostgres;
let port = 0;
let server: Central | undefined;
let url = '';
let code = '';
let app: App;
const saved = process.env.SCHOOL_OFFICE_SYNC_INTERVAL_MS;

beforeAll(async () => {
  pgs = await startPostgres();
  port = await freePort();
  server = central(['--demo', '--students', '300', '--until', UNTIL, '--port', String(port)], { DATABASE_URL: pgs.url }, /Код подключения: ([A-Z0-9-]+) \(/);
  const out = await server.ready;
  code = out.match(/Код подключения: ([A-Z0-9-]+) \(/)![1]!;
  url = out.match(/Центральная система работает: (http:\/\/\S+)/)![1]!;
  process.env.SCHOOL_OFFICE_SYNC_INTERVAL_MS = SYNC_INTERVAL_MS;
  app = await startApp({ admin: true, sync: true });
}, 900_000);

afterAll(async () => {
  await app?.close();
  if (saved === undefined) delete process.env.SCHOOL_OFFICE_SYNC_INTERVAL_MS;
  else process.env.SCHOOL_OFFICE_SYNC_INTERVAL_MS = saved;
  await server?.stop();
  await pgs?.stop();
});

/** The central's own copy of a record (its `record` table), read with `pg`. */
async function centralRecord(entity: string, id: string): Promise<Record<string, unknown> | undefined> {
  const c = new pg.Client({ connectionString: pgs.url });
  await c.connect();
  try {
    const r = await c.query<{ data: Record<string, unknown> }>('SELECT data FROM record WHERE entity = $1 AND id = $2', [entity, id]);
    return r.rows[0]?.data;
  } finally {
    await c.end();
  }
}

describe('a newcomer connects the app to the demo central system', () => {
  it('logs in on a fresh database, connects with the code; the first sync brings the school and its journal', async () => {
    const { page } = app;
    expect(url).toBe(`http://127.0.0.1:${port}`);
    // The first-run administrator's one-time password, then the screen of a database without a school.
    await page.getByTestId('login-login').fill('admin');
    await page.getByTestId('login-password').fill(app.users.admin!.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('pw-old').fill(app.users.admin!.password);
    await page.getByTestId('pw-new').fill(NEW_PASSWORD);
    await page.getByTestId('pw-repeat').fill(NEW_PASSWORD);
    await page.getByTestId('pw-submit').click();
    await page.getByTestId('firstrun-sync').waitFor();
    await app.screenshot('newcomer-0-no-school');
    await page.getByTestId('firstrun-sync').click();
    await page.getByTestId('sync-register').waitFor();
    expect(await page.getByTestId('header-school').textContent()).toBe('Школа ещё не создана');

    await page.getByTestId('sync-server').fill(url);
    await page.getByTestId('sync-code').fill(code);
    await page.getByTestId('sync-register-submit').click();
    // The status card shows as soon as the identity is kept; the first round runs on with its progress.
    await page.getByTestId('sync-status').waitFor({ timeout: 180_000 });
    const running = await page
      .getByTestId('sync-running')
      .waitFor({ timeout: 60_000 })
      .then(() => true)
      .catch(() => false);
    if (running) {
      expect(await page.getByTestId('sync-phrase').textContent()).not.toBe('');
      // Page by page, the count of rows received so far (when the round is still on by then).
      await expect
        .poll(() => page.getByTestId('sync-phrase').textContent({ timeout: 1000 }).catch(() => null), { timeout: 60_000 })
        .toMatch(/^Получено/)
        .catch(() => undefined);
      await app.screenshot('newcomer-1-first-sync-running');
    }
    await expect.poll(() => page.getByTestId('header-sync-state').textContent(), { timeout: 600_000, interval: 1000 }).toBe('В сети');
    await expect.poll(() => page.getByTestId('sync-running').count(), { timeout: 60_000 }).toBe(0);
    // The school came: its name in the header, its students and journal in the database.
    await expect.poll(() => page.getByTestId('header-school').textContent(), { timeout: 60_000 }).not.toBe('Школа ещё не создана');
    expect(await page.getByTestId('sync-school').textContent()).toBe(SCHOOL);
    expect(await page.getByTestId('sync-pending').textContent()).toContain('ничего, всё отправлено');
    const count = (t: string) => (app.db.raw.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    expect(count('student')).toBeGreaterThanOrEqual(290);
    expect(count('lesson')).toBeGreaterThan(1000);
    expect(count('mark')).toBeGreaterThan(1000);
    // The log tells what came, page by page.
    await expect.poll(() => page.getByTestId('sync-log').textContent(), { timeout: 30_000 }).toMatch(/Получено|получено/);
    await app.screenshot('newcomer-2-synced');
  }, 900_000);

  it('opens the class journal of 7Б, «Алгебра», «1 четверть»: marks in the grid, quarter marks for most students', async () => {
    const { page } = app;
    await page.getByTestId('nav-class').click();
    await pickOption(page, 'journal-class', '7Б', { type: '7Б' });
    await pickOption(page, 'journal-subject', 'Алгебра', { type: 'Алгебра' });
    await pickOption(page, 'journal-period', '1 четверть');
    await page.getByTestId('journal-row').first().waitFor({ timeout: 60_000 });
    const marks = (await page.getByTestId('journal-cell').allTextContents()).filter((t) => /[1-5]/.test(t)).length;
    expect(marks).toBeGreaterThan(0);
    const periodMarks = (await page.getByTestId('journal-period-mark').allTextContents()).map((t) => t.trim());
    expect(periodMarks.length).toBeGreaterThan(3);
    expect(periodMarks.filter((t) => t !== '').length / periodMarks.length).toBeGreaterThan(0.5);
    await app.screenshot('newcomer-3-journal-7b-algebra-q1');
  }, 180_000);

  it('with the central stopped, a student’s address changed in the card waits; the central back, it arrives', async () => {
    const { page } = app;
    const student = app.db.raw
      .prepare(`SELECT s.id, s.last_name AS last, s.first_name AS first FROM student s JOIN class_membership m ON m.student_id = s.id JOIN school_class c ON c.id = m.class_id WHERE c.grade = 7 AND c.letter = 'Б' ORDER BY s.last_name LIMIT 1`)
      .get() as { id: string; last: string; first: string };
    await server!.stop();
    await page.getByTestId('nav-students').click();
    await page.getByTestId('students-search').fill(student.last);
    await page.getByTestId('students-table').getByTestId('vt-row').filter({ hasText: `${student.last} ${student.first}` }).first().click();
    await page.getByTestId('student-drawer').getByTestId('student-lastName').waitFor();
    const address = 'г. Энск, ул. Садовая, д. 12, кв. 7';
    await page.getByTestId('student-address').fill(address);
    await page.getByTestId('student-save').click();
    await page.getByTestId('student-lastName').waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('header-sync-state').textContent(), { timeout: 120_000, interval: 500 }).toBe('Нет связи с центральной системой');
    await expect.poll(() => page.getByTestId('header-sync-pending').textContent(), { timeout: 60_000 }).toBe('Ждут отправки: 1');
    await expect.poll(() => page.getByTestId('jobs-panel').count(), { timeout: 30_000 }).toBe(0);
    await app.screenshot('newcomer-4-offline-waiting');
    expect((await centralRecord('student', student.id))?.address).not.toBe(address);

    server = central(['serve', '--port', String(port)], { DATABASE_URL: pgs.url }, /Центральная система работает: (http:\S+)/);
    await server.ready;
    // The background round after its backoff (at most 10 periods) sends it.
    await expect.poll(async () => (await centralRecord('student', student.id))?.address, { timeout: 180_000, interval: 1000 }).toBe(address);
    await expect.poll(() => page.getByTestId('header-sync-pending').count(), { timeout: 60_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('header-sync-state').textContent(), { timeout: 60_000 }).toBe('В сети');
    await app.screenshot('newcomer-5-back-online');
  }, 600_000);

  it('a «5Д» made here offline, after another computer of the school made its own, is refused with the reason', async () => {
    const { page } = app;
    expect(app.db.raw.prepare(`SELECT count(*) AS n FROM school_class WHERE grade = 5 AND letter = 'Д'`).get()).toEqual({ n: 0 });
    // A second code for the school, as the central's administrator would issue it.
    const reg = central(['register-school', '--name', SCHOOL], { DATABASE_URL: pgs.url }, /Код подключения: ([A-Z0-9-]+) \(/);
    const secondCode = (await reg.ready).match(/Код подключения: ([A-Z0-9-]+) \(/)![1]!;
    expect(await reg.exited).toBe(0);

    // This computer goes offline and makes its «5Д».
    await server!.stop();
    await page.getByTestId('nav-classes').click();
    await pickOption(page, 'classes-from', /^5$/);
    await pickOption(page, 'classes-to', /^5$/);
    await page.getByTestId('classes-letters').fill('Д');
    await page.getByTestId('classes-create').click();
    await page.getByTestId('class-row-5Д').waitFor();
    await expect.poll(() => page.getByTestId('header-sync-pending').textContent(), { timeout: 60_000 }).toBe('Ждут отправки: 1');
    // Meanwhile the secretary's computer, through another node of the central on the same database, joins and makes «5Д» first.
    let cdb: CentralDb | undefined;
    let node: CentralServer | undefined;
    const other = await tempCore();
    try {
      cdb = openCentralDb(pgs.url);
      node = await startCentral({ db: cdb, log: null });
      await other.call('sync.register', { serverUrl: node.url, code: secondCode, name: null });
      await other.call('classes.save', { id: null, grade: 5, letter: 'Д', shift: 1, classTeacherId: null, roomId: null });
      const r = await other.call('sync.now');
      expect(r).toMatchObject({ accepted: 1, refused: 0 });
    } finally {
      await node?.close();
      await cdb?.destroy();
      other.cleanup();
    }

    // The central back on its address: this computer's round sends its «5Д», which is refused and undone.
    server = central(['serve', '--port', String(port)], { DATABASE_URL: pgs.url }, /Центральная система работает: (http:\S+)/);
    await server.ready;
    await page.getByTestId('nav-sync').click();
    await page.getByTestId('sync-refusal').waitFor({ timeout: 180_000 });
    expect(await page.getByTestId('sync-refusal-reason').textContent()).toMatch(/^Класс 5Д уже есть в центральной системе/);
    expect(await page.getByTestId('sync-refusal').textContent()).toMatch(/Добавление: Класс/);
    // Undone here: the «5Д» here is now the other computer's, pulled in the same round.
    await expect.poll(() => page.getByTestId('header-sync-pending').count(), { timeout: 60_000 }).toBe(0);
    expect(app.db.raw.prepare(`SELECT count(*) AS n FROM school_class WHERE grade = 5 AND letter = 'Д'`).get()).toEqual({ n: 1 });
    await app.screenshot('newcomer-6-refused');
    expect(app.pageErrors).toEqual([]);
  }, 600_000);
});
