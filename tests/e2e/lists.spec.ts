// The lists on the demo school (1000 students): virtualization, server-side search and sorting,
// filters, the student card saved and a deletion confirmed; then every screen is rendered once.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { pickOption, signIn, startApp, type App } from './harness';
import { declineFullName } from '../../electron/api/declension';

let app: App;
beforeAll(async () => {
  app = await startApp();
}, 120_000);
afterAll(async () => {
  await app?.close();
});

type Cells = string[];
const rowsOf = (app: App, testId: string) =>
  app.page
    .getByTestId(testId)
    .getByTestId('vt-row')
    .evaluateAll((rows: { querySelectorAll(sel: string): ArrayLike<{ textContent: string | null }> }[]) =>
      rows.map((r) => Array.from(r.querySelectorAll('[role=cell]'), (c) => (c.textContent ?? '').trim())),
    ) as Promise<Cells[]>;

describe('lists', () => {
  it('opens the demo school from the first-run screen and logs in as its administrator', async () => {
    const { page } = app;
    await page.getByTestId('firstrun-demo').click();
    // The four demo users with their one-time passwords, shown once.
    await page.getByTestId('demo-passwords').waitFor({ timeout: 60_000 });
    const issued = await page
      .getByTestId('issued-password')
      .evaluateAll((rows: { querySelectorAll(sel: string): ArrayLike<{ textContent: string | null }> }[]) =>
        rows.map((r) => Array.from(r.querySelectorAll('td'), (c) => (c.textContent ?? '').trim())),
      );
    expect(issued.map((r) => r[1])).toEqual(['admin', 'secretary', 'deputy', 'director']);
    const admin = issued[0]![2]!;
    expect(admin).toMatch(/^[a-z]{4}-\d{4}$/);
    await page.getByTestId('demo-continue').click();
    await signIn(page, 'admin', admin);
    await page.getByTestId('header-school').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('checklist-progress').textContent(), { timeout: 20_000 }).toBe('8 из 8');
    await app.screenshot('lists-0-home');
  }, 120_000);

  it('shows 1000 students as a virtualized list with paged loading', async () => {
    const { page } = app;
    await page.getByTestId('nav-students').click();
    await expect.poll(() => page.getByTestId('students-total').textContent()).toBe('1\u00a0000 учеников');
    await page.getByTestId('students-table').getByTestId('vt-row').first().waitFor();
    const inDom = await page.getByTestId('students-table').getByTestId('vt-row').count();
    expect(inDom).toBeGreaterThan(10);
    expect(inDom).toBeLessThan(80); // only the visible rows (and a few around them) are in the DOM
    await app.screenshot('lists-1-students');

    // Scrolling to the end loads the last page (rows 801–1000).
    await page.getByTestId('students-table').evaluate((el: { scrollTop: number; scrollHeight: number }) => {
      el.scrollTop = el.scrollHeight;
    });
    await page.locator('[data-testid="students-table"] [aria-rowindex="1001"][data-testid="vt-row"]').waitFor();
    const last = await rowsOf(app, 'students-table');
    expect(last.at(-1)?.[0]).toBe('1000');
    const api = await app.call('students.list', { offset: 999, limit: 1 });
    expect(last.at(-1)?.[1]).toBe(api.rows[0]!.fullName);
  }, 180_000);

  it('exports the list to Excel', async () => {
    const { page } = app;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-students').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await page.getByText(/Выгружено: 1\s000 строк/).first().waitFor();
  }, 180_000);

  it('searches by surname on the server', async () => {
    const { page } = app;
    const first = (await app.call('students.list', { limit: 1 })).rows[0]!;
    const surname = first.fullName.split(' ')[0]!;
    const expected = await app.call('students.list', { search: surname, limit: 1000 });
    expect(expected.total).toBeLessThan(1000);
    await page.getByTestId('students-search').fill(surname);
    await expect.poll(() => page.getByTestId('students-total').textContent()).toBe(`Найдено: ${expected.total}`);
    const rows = await rowsOf(app, 'students-table');
    expect(rows.map((r) => r[1])).toEqual(expected.rows.map((r) => r.fullName).slice(0, rows.length));
    for (const r of rows) expect(r[1]!.toLowerCase()).toContain(surname.toLowerCase().slice(0, -1));
    await app.screenshot('lists-2-search');
    await page.getByTestId('students-search').fill('');
    await expect.poll(() => page.getByTestId('students-total').textContent()).toBe('1\u00a0000 учеников');
  }, 180_000);

  it('sorts by class both ways and filters by parallel', async () => {
    const { page } = app;
    await page.getByTestId('sort-class').click();
    const asc = await app.call('students.list', { sort: 'class', limit: 5 });
    await expect.poll(async () => (await rowsOf(app, 'students-table'))[0]?.[1]).toBe(asc.rows[0]!.fullName);
    expect((await rowsOf(app, 'students-table')).slice(0, 5).map((r) => r[2])).toEqual(asc.rows.map((r) => r.className));
    expect(asc.rows[0]!.className).toBe('1А');
    await page.getByTestId('sort-class').click();
    const desc = await app.call('students.list', { sort: 'class', desc: true, limit: 5 });
    await expect.poll(async () => (await rowsOf(app, 'students-table'))[0]?.[1]).toBe(desc.rows[0]!.fullName);
    expect((await rowsOf(app, 'students-table'))[0]?.[2]).toMatch(/^11/);
    await app.screenshot('lists-3-sorted-by-class');

    await pickOption(page, 'students-grade', '5 класс');
    const fifth = await app.call('students.list', { grade: 5 });
    await expect.poll(() => page.getByTestId('students-total').textContent()).toBe(`Найдено: ${fifth.total}`);
    for (const r of await rowsOf(app, 'students-table')) expect(r[2]).toMatch(/^5[А-Я]$/);
    await app.screenshot('lists-4-parallel-5');
  }, 180_000);

  it('edits a student in the card and saves it', async () => {
    const { page } = app;
    const row = page.getByTestId('students-table').getByTestId('vt-row').first();
    const name = (await rowsOf(app, 'students-table'))[0]![1]!;
    const before = (await app.call('students.list', { search: name, limit: 1 })).rows[0]!;
    await row.click();
    await page.getByTestId('student-drawer').getByTestId('student-lastName').waitFor();
    expect(await page.getByTestId('student-lastName').inputValue()).toBe(name.split(' ')[0]);
    await page.getByTestId('student-lastName').fill('Тестова-Изменённая');
    await page.getByTestId('student-birthDate').fill('31.02.2015');
    await page.getByTestId('student-save').click();
    await page.getByText('Такой даты нет: 31.02.2015').first().waitFor();
    await page.getByTestId('student-birthDate').fill('01.02.2015');
    const refused = page.getByTestId('guardian-0-refused');
    if (await refused.count()) await refused.check();
    await app.screenshot('lists-5-student-card');
    await page.getByTestId('student-save').click();
    await page.getByTestId('student-lastName').waitFor({ state: 'hidden' });
    const after = await app.call('students.get', { id: before.id });
    expect(after.lastName).toBe('Тестова-Изменённая');
    expect(after.birthDate).toBe('2015-02-01');
    if (after.guardians.length) expect(after.guardians[0]!.eServiceRefused).toBe(true);
  }, 180_000);

  it('deletes a student after the confirmation', async () => {
    const { page } = app;
    const total = (await app.call('students.list', { grade: 5 })).total;
    const name = (await rowsOf(app, 'students-table'))[1]![1]!;
    const pupil = (await app.call('students.list', { search: name, limit: 1 })).rows[0]!;
    // By the name read: the list follows the changes of the test before (a row may move meanwhile).
    await page.getByTestId('students-table').getByTestId('vt-row').filter({ hasText: name }).first().click();
    await page.getByTestId('student-delete').click();
    // «Удалить ученика Абрамова Николая Алексеевича?», «ученицу Абрамову Анну…»: the name declined, no programmer's words.
    const whom = `${pupil.gender === 'f' ? 'ученицу' : 'ученика'} ${declineFullName(pupil.fullName, 'accusative', pupil.gender)}`;
    expect(declineFullName(pupil.fullName, 'accusative', pupil.gender)).not.toBe(pupil.fullName);
    await page.getByText(`Удалить ${whom}?`).waitFor();
    expect(await page.getByTestId('confirm-delete').textContent()).not.toMatch(/помечена|удалённой/);
    await app.screenshot('lists-6-delete-confirm');
    await page.getByTestId('confirm-delete-ok').click();
    await expect.poll(() => page.getByTestId('students-total').textContent()).toBe(`Найдено: ${total - 1}`);
    expect((await app.call('students.list', { grade: 5 })).total).toBe(total - 1);
  }, 180_000);

  it('lists the staff virtualized, with search and a role filter', async () => {
    const { page } = app;
    await page.getByTestId('nav-staff').click();
    const staff = await app.call('staff.list', {});
    await expect.poll(() => page.getByTestId('staff-count').textContent()).toMatch(new RegExp(`^${staff.length} сотрудник`));
    await app.screenshot('lists-7-staff');
    const someone = staff.find((s) => s.roles.includes('teacher'))!;
    await page.keyboard.press('Control+K');
    await page.keyboard.type(someone.lastName);
    await expect.poll(async () => (await rowsOf(app, 'staff-table')).some((r) => r[0] === someone.fullName)).toBe(true);
    for (const r of await rowsOf(app, 'staff-table')) expect(r[0]!.toLowerCase() + r[1]!.toLowerCase() + r[3]!.toLowerCase()).toContain(someone.lastName.toLowerCase());
    await page.getByTestId('staff-search').fill('');
    await pickOption(page, 'staff-role-filter', 'Заместитель директора');
    const deputies = staff.filter((s) => s.roles.includes('deputy'));
    await expect.poll(() => page.getByTestId('staff-count').textContent()).toBe(`Найдено ${deputies.length} из ${staff.length}`);
  }, 180_000);

  it('renders every screen with the demo data', async () => {
    const { page } = app;
    const screens: [string, string, string][] = [
      ['school', '/setup/school', 'school-form'],
      ['year', '/setup/year', 'periods-table'],
      ['bells', '/setup/bells', 'bells-table-1'],
      ['subjects', '/setup/subjects', 'subjects-table'],
      ['rooms', '/setup/rooms', 'rooms-table'],
      ['classes', '/setup/classes', 'classes-table'],
      ['curriculum', '/setup/curriculum', 'curriculum-grid'],
      ['import', '/import', 'import-drop'],
      ['home', '/', 'checklist'],
    ];
    for (const [name, hash, testId] of screens) {
      await page.evaluate(`location.hash = '${hash}'`);
      await page.getByTestId(testId).first().waitFor();
      await page.waitForTimeout(300);
      await app.screenshot(`screen-${name}`);
    }
    expect(app.pageErrors).toEqual([]);
  }, 120_000);

  it('moves a student to another class on the date typed (issue 9: dated memberships)', async () => {
    const { page } = app;
    await page.evaluate("location.hash = '/students'");
    await page.locator('[data-testid=students-table] [data-testid=vt-row]').nth(2).waitFor();
    const name = (await rowsOf(app, 'students-table'))[2]![1]!;
    const pupil = (await app.call('students.list', { search: name, limit: 1 })).rows[0]!;
    const classes = await app.call('classes.list');
    const target = classes.find((c) => c.grade === 5 && c.id !== pupil.classId)!;
    // By the name read: the list follows the changes of the test before (a row may move meanwhile).
    await page.getByTestId('students-table').getByTestId('vt-row').filter({ hasText: name }).first().click();
    await page.getByTestId('student-drawer').getByTestId('student-lastName').waitFor();
    // The card says since when the student is in the class; no date is asked while the class stays.
    await page.getByText('В классе с 01.09.2026').waitFor();
    expect(await page.getByTestId('student-classFrom').count()).toBe(0);
    await pickOption(page, 'student-class', target.name);
    const date = page.getByTestId('student-classFrom');
    const now = new Date();
    const today = `${String(now.getDate()).padStart(2, '0')}.${String(now.getMonth() + 1).padStart(2, '0')}.${now.getFullYear()}`;
    expect(await date.inputValue()).toBe(today); // today unless changed
    await date.fill('31.11.2026');
    await page.getByTestId('student-save').click();
    await page.getByText('Такой даты нет: 31.11.2026').first().waitFor();
    await date.fill('01.01.2100');
    await page.getByTestId('student-save').click();
    await page.getByText('Дата перевода ещё не наступила').first().waitFor();
    expect((await app.call('students.get', { id: pupil.id })).classId).toBe(pupil.classId);
    const yesterday = new Date(now.getTime() - 86_400_000);
    const iso = `${yesterday.getFullYear()}-${String(yesterday.getMonth() + 1).padStart(2, '0')}-${String(yesterday.getDate()).padStart(2, '0')}`;
    await date.fill(`${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`);
    await app.screenshot('lists-5b-student-moved-on-a-date');
    await page.getByTestId('student-save').click();
    await page.getByTestId('student-lastName').waitFor({ state: 'hidden' });
    expect((await app.call('students.get', { id: pupil.id })).classId).toBe(target.id);
    expect(app.db.raw.prepare('SELECT class_id, date_from, date_to FROM class_membership WHERE student_id = ? AND deleted_at IS NULL ORDER BY date_from').all(pupil.id)).toEqual([
      { class_id: pupil.classId, date_from: '2026-09-01', date_to: iso },
      { class_id: target.id, date_from: iso, date_to: null },
    ]);
  }, 180_000);
});
