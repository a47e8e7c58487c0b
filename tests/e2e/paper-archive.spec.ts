// «Архив журналов» (issue 14 point 5) at 1366×768 on a small school made by hand (7А, 7Б, a quarter
// of journal rows written straight into SQLite) with an archive of an old year whose storage period
// runs out this month: the reminder, the archive of «1 четверть» built from the page (a job; the file
// downloaded) and listed with its size, digest and storage dates, the downloaded file checked whole,
// and a copy with one byte changed checked — the damaged file named.
// and the reminder on the home page.
// Screenshots: tests/artifacts/paper-archive.png, paper-archive-list.png, paper-archive-damaged.png, paper-archive-home.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { pickOption, signIn, startApp, type App } from './harness';
import { seedJournal } from '../support/journal';

let app: App;
const one = <R>(sql: string, ...p: unknown[]) => app.db.raw.prepare(sql).get(...p) as R;

beforeAll(async () => {
  app = await startApp({ admin: true });
  const { call } = app;
  await call('app.createSchool', { fullName: 'МБОУ «Средняя общеобразовательная школа № 5»', shortName: 'Школа № 5' });
  await call('years.save', await call('years.suggest', { startYear: 2026 }));
  await call('subjects.addStandard');
  await call('classes.createMany', { gradeFrom: 7, gradeTo: 7, letters: ['А', 'Б'], shift: 1 });
  const id: Record<string, string> = {};
  for (const c of await call('classes.list')) id[c.name] = c.id;
  for (const s of await call('subjects.list')) id[s.name] = s.id;
  await call('curriculum.set', { cells: ['7А', '7Б'].flatMap((cls) => ['Русский язык', 'Алгебра'].map((s) => ({ classId: id[cls]!, subjectId: id[s]!, hours: 2 }))) });
  const teacher = await call('staff.save', {
    lastName: 'Иванова', firstName: 'Мария', middleName: 'Петровна', birthDate: null, gender: 'f', snils: null, phone: null, email: null,
    position: 'Учитель', roles: ['teacher'], deputyGrades: [], subjects: [], rateHours: 0,
  });
  let n = 0;
  for (const cls of ['7А', '7Б'])
    for (const name of ['Алексеев', 'Борисова', 'Васильев', 'Григорьева'])
      await call('students.save', {
        lastName: name, firstName: name.endsWith('а') ? 'Анна' : 'Иван', middleName: ++n % 2 ? 'Петрович' : null, birthDate: '2013-03-01', gender: name.endsWith('а') ? 'f' : 'm', snils: null,
        classId: id[cls], classFrom: '2026-09-01', address: null, personalFileNo: null, guardians: [],
      });
  const yearId = one<{ id: string }>(`SELECT id FROM academic_year`).id;
  const q1 = one<{ id: string; start_date: string; end_date: string }>(`SELECT id, start_date, end_date FROM study_period WHERE name = '1 четверть'`);
  for (const [k, cls] of ['7А', '7Б'].entries())
    seedJournal(app.db, { classId: id[cls]!, subjectId: id['Алгебра']!, teacherId: teacher.id, from: q1.start_date, to: q1.end_date, weekdays: [2, 4], periodId: q1.id, yearId, seed: k });
  // An archive of 2020/2021 built back then: its class journals are kept until 31.12.2026.
  const at = '2021-06-30T10:00:00.000Z';
  app.db.raw.prepare(`INSERT INTO academic_year (id, created_at, updated_at, name, start_date, end_date) VALUES ('y-2020', ?, ?, '2020/2021', '2020-09-01', '2021-05-31')`).run(at, at);
  app.db.raw
    .prepare(`INSERT INTO paper_archive (id, created_at, updated_at, kind, year_id, period_id, file_name, size, digest, built_at, built_by) VALUES ('a-2020', ?, ?, 'year', 'y-2020', NULL, 'Архив журналов 2020-2021 — год.zip', 48213456, ?, ?, 'Орлова Марина Викторовна')`)
    .run(at, at, 'ab'.repeat(32), at);
  await signIn(app.page, 'admin', app.users.admin!.password);
}, 240_000);
afterAll(() => app?.close());

describe('paper archive page', () => {
  it('builds the archive of «1 четверть», lists it with its storage dates, and checks the file', async () => {
    const { page } = app;
    await page.evaluate("location.hash = '/paper/archive'");
    await page.locator('[data-testid=archive-page][data-loaded]').waitFor();
    await expect(page.getByTestId('archive-reminders').textContent()).resolves.toContain('срок хранения истекает 31.12.2026');

    await pickOption(page, 'archive-period', /^1 четверть/);
    const download = page.waitForEvent('download', { timeout: 300_000 });
    await page.getByTestId('archive-build').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('Архив журналов 2026-2027 — 1 четверть.zip');
    const path = join(app.dir, 'архив.zip');
    await file.saveAs(path);
    const entries = unzipSync(readFileSync(path));
    expect(Object.keys(entries).filter((n) => n.startsWith('copies/')).sort()).toEqual(['copies/7А — 1 четверть.pdf', 'copies/7Б — 1 четверть.pdf']);

    await page.getByTestId('archive-row').filter({ hasText: '1 четверть' }).waitFor();
    const row = await page.getByTestId('archive-row').filter({ hasText: '1 четверть' }).textContent();
    expect(row).toContain('31.12.2032');
    expect(row).toContain('31.12.2052');

    await page.getByTestId('archive-verify-input').setInputFiles(path);
    await expect(page.getByTestId('archive-verify-ok').textContent()).resolves.toMatch(/Архив цел: 5 файлов/);
    await app.screenshot('paper-archive');

    await page.getByTestId('archives-table').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(import.meta.dirname, '../artifacts/paper-archive-list.png'), style: '.mantine-Notifications-root { display: none !important; }' });

    entries['copies/7Б — 1 четверть.pdf']![200]! ^= 0x04;
    const bad = join(app.dir, 'повреждённый.zip');
    writeFileSync(bad, zipSync(entries as Zippable, { os: 3 }));
    await page.getByTestId('archive-verify-input').setInputFiles(bad);
    await expect(page.getByTestId('archive-verify-problems').textContent()).resolves.toContain('copies/7Б — 1 четверть.pdf: содержимое изменено');
    await page.getByTestId('archive-verify-problems').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(import.meta.dirname, '../artifacts/paper-archive-damaged.png'), style: '.mantine-Notifications-root { display: none !important; }' });

    // The home page's «Требует внимания» names the kind of document whose storage runs out.
    await page.evaluate("location.hash = '/'");
    await page.getByTestId('due-item').filter({ hasText: 'Истекает срок хранения: Классные журналы' }).waitFor();
    expect(await page.getByTestId('due-items').textContent()).toContain('до 31.12.2026');
    await app.screenshot('paper-archive-home');
    expect(app.pageErrors).toEqual([]);
  }, 400_000);
});
