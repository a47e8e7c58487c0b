// Issue 8, roles as a school works, on the demo school at 1366×768: the deputy director for 5–9
// sees the curriculum of the other parallels read-only and changes their own; the administrator
// creates an account for a staff member (the person picked, the name from the card); the staff
// card shows the person's account and its role.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { pickOption, signIn, signOut, startApp, type App } from './harness';

let app: App;
/** The few DOM members the specs touch (the specs' tsconfig has no DOM library). */
interface HTMLElementLike {
  querySelectorAll(s: string): ArrayLike<HTMLElementLike>;
  getBoundingClientRect(): { left: number };
  textContent: string | null;
  scrollLeft: number;
}
beforeAll(async () => {
  app = await startApp({ demo: true, viewport: { width: 1366, height: 768 } });
}, 180_000);
afterAll(async () => {
  await app?.close();
});

describe('roles as a school works', () => {
  it('shows the deputy for 5–9 the other parallels of the curriculum read-only, with the reason; their own are saved', async () => {
    const { page } = app;
    await signIn(page, 'deputy', app.users.deputy!.password);
    await page.getByTestId('nav-curriculum').click();
    await page.getByTestId('curriculum-grid').waitFor();
    const grid = await app.call('curriculum.grid');
    const foreign = grid.classes.find((c) => c.grade === 10)!;
    const own = grid.classes.find((c) => c.grade === 7)!;
    const subject = grid.subjects.find((s) => grid.cells.some((c) => c.classId === own.id && c.subjectId === s.id))!;
    const cell = (cls: { name: string }) => page.getByLabel(`${subject.name}, ${cls.name}`, { exact: true });

    await page.getByTestId('curriculum-foreign').waitFor();
    expect(await page.getByTestId('curriculum-foreign').textContent()).toBe('Вы отвечаете за параллели 5–9: классы параллелей 1–4, 10–11 показаны только для просмотра.');
    expect(await cell(foreign).isDisabled()).toBe(true);
    expect(await cell(foreign).getAttribute('title')).toBe(`Вы отвечаете за параллели 5–9, класс ${foreign.name} к ним не относится`);
    expect(await page.locator('th[data-foreign]').filter({ hasText: foreign.name }).getAttribute('title')).toBe(
      `Вы отвечаете за параллели 5–9, класс ${foreign.name} к ним не относится`,
    );
    expect(await cell(own).isDisabled()).toBe(false);
    // The boundary of the parallels in view: 4-th grade classes locked, 5-th editable.
    await page.getByTestId('curriculum-grid').evaluate((el: HTMLElementLike) => {
      const th = Array.from(el.querySelectorAll('thead th')).find((t) => /^5/.test(t.textContent ?? ''));
      // Past the sticky subject column (320 px), with four columns of the 4th grade before it.
      if (th) el.scrollLeft += th.getBoundingClientRect().left - el.getBoundingClientRect().left - 320 - 4 * 58;
    });
    await app.screenshot('roles-1-deputy-curriculum');

    // Their own class: typed and saved.
    const before = grid.cells.find((c) => c.classId === own.id && c.subjectId === subject.id)!.hours;
    await cell(own).fill(String(before + 1));
    await page.getByTestId('curriculum-save').click();
    await expect
      .poll(async () => (await app.call('curriculum.grid')).cells.find((c) => c.classId === own.id && c.subjectId === subject.id)?.hours)
      .toBe(before + 1);
    // The parallels filter shows 10–11 only read-only too.
    await page.getByTestId('curriculum-level').getByText('10–11').click();
    expect(await cell(foreign).isDisabled()).toBe(true);
    await app.screenshot('roles-2-deputy-curriculum-10-11');
    expect(app.pageErrors).toEqual([]);
    await signOut(page);
  }, 180_000);

  it('creates an account for a staff member from the users page: the person picked, the name from the card', async () => {
    const { page } = app;
    await signIn(page, 'admin', app.users.admin!.password);
    await page.getByTestId('nav-users').click();
    await expect.poll(() => page.getByTestId('user-row').count()).toBe(4);
    // Each of the demo's users belongs to a staff member: the position is shown under the name.
    expect(await page.getByTestId('user-position').count()).toBe(4);
    expect(await page.getByTestId('users-unlinked').count()).toBe(0);
    // The matrix: only today's areas; the deputy's changes are of their parallels.
    expect(await page.getByTestId('permission-matrix').textContent()).toMatch(/Расписание и замены/);
    // The year end (R24): deputies and the office work, the director looks.
    expect(await page.getByTestId('permission-matrix').textContent()).toMatch(/Конец учебного года/);
    expect(await page.getByTestId('perm-deputy-yearEnd').textContent()).toBe('Изменение');
    expect(await page.getByTestId('perm-director-yearEnd').textContent()).toBe('Просмотр');
    // Paper copies and the archive (R21–R22): the office and the deputies work, the director looks.
    expect(await page.getByTestId('permission-matrix').textContent()).toMatch(/Бумажные копии и архив/);
    expect(await page.getByTestId('perm-deputy-paper').textContent()).toBe('Изменение');
    expect(await page.getByTestId('perm-director-paper').textContent()).toBe('Просмотр');
    // Reports: the deputy sees their parallels' figures only (and sets the thresholds).
    expect(await page.getByTestId('perm-deputy-reports').textContent()).toBe('Изменениесвоих параллелей');
    expect(await page.getByTestId('perm-director-reports').textContent()).toBe('Просмотр');
    // Statements for parents without e-access (R12): the office prints them, the deputy and the director look.
    expect(await page.getByTestId('perm-secretary-statements').textContent()).toBe('Изменение');
    expect(await page.getByTestId('perm-deputy-statements').textContent()).toBe('Просмотр');
    expect(await page.getByTestId('perm-deputy-curriculum').textContent()).toBe('Изменениесвоих параллелей');
    expect(await page.getByTestId('perm-secretary-corrections').textContent()).toBe('Изменение');
    expect(await page.getByTestId('perm-secretary-fixes').textContent()).toBe('—');

    const teacher = (await app.call('staff.list', {})).find((s) => !s.account && s.roles.join() === 'teacher' && s.position.startsWith('Учитель математики'))
      ?? (await app.call('staff.list', {})).find((s) => !s.account && s.roles.join() === 'teacher')!;
    await page.getByTestId('users-add').click();
    await pickOption(page, 'user-staff-input', new RegExp(`^${teacher.fullName} — `), { type: teacher.lastName });
    await page.getByTestId('user-login-input').fill('zam10');
    await pickOption(page, 'user-role-input', 'Заместитель директора');
    await page.getByTestId('user-new-duty').waitFor();
    expect(await page.getByTestId('user-new-duty').textContent()).toBe('В карточке сотрудника появится обязанность «Заместитель директора».');
    await page.getByTestId('user-grades').getByText('10', { exact: true }).click();
    await page.getByTestId('user-grades').getByText('11', { exact: true }).click();
    await app.screenshot('roles-3-users-create-for-staff');
    await page.getByTestId('user-save').click();
    await page.getByTestId('otp-content').waitFor();
    expect(await page.getByTestId('otp-login').textContent()).toBe('zam10');
    await page.getByTestId('otp-done').click();
    const created = (await app.call('users.list')).find((u) => u.login === 'zam10')!;
    expect(created).toMatchObject({ staffId: teacher.id, displayName: teacher.fullName, role: 'deputy', deputyGrades: [10, 11] });
    const row = page.locator('[data-testid="user-row"][data-login="zam10"]');
    expect(await row.getByTestId('user-position').textContent()).toBe(teacher.position);
    // The card took the duty and the parallels.
    expect((await app.call('staff.list', {})).find((s) => s.id === teacher.id)).toMatchObject({ roles: ['deputy', 'teacher'], deputyGrades: [10, 11] });
    await app.screenshot('roles-7-users-and-matrix', { fullPage: true });
    expect(app.pageErrors).toEqual([]);
  }, 180_000);

  it('shows on the staff card whether the person has an account, its role, and offers to create one', async () => {
    const { page } = app;
    const teacher = (await app.call('users.list')).find((u) => u.login === 'zam10')!;
    await page.getByTestId('nav-staff').click();
    await page.getByTestId('staff-search').fill(teacher.displayName);
    await page.getByTestId('staff-table').getByTestId('vt-row').first().click();
    const account = page.getByTestId('staff-account');
    await account.waitFor();
    expect(await page.getByTestId('staff-account-role').textContent()).toBe('Заместитель директора');
    expect(await account.textContent()).toContain('параллели 10–11');
    expect(await account.textContent()).toContain('Учётная запись «zam10» — активна');
    // The duty that is the account's role is changed with the account.
    expect(await page.getByTestId('staff-role-deputy').isDisabled()).toBe(true);
    expect(await page.getByTestId('staff-role-teacher').isDisabled()).toBe(false);
    await app.screenshot('roles-4-staff-card-account');
    await page.keyboard.press('Escape');
    await page.getByTestId('staff-modal').waitFor({ state: 'hidden' });

    // A person without an account: «Создать учётную запись» opens the users page with them picked.
    const other = (await app.call('staff.list', {})).find((s) => !s.account && s.roles.join() === 'teacher')!;
    await page.getByTestId('staff-search').fill(other.fullName);
    await page.getByTestId('staff-table').getByTestId('vt-row').first().click();
    await page.getByTestId('staff-account-none').waitFor();
    expect(await page.getByTestId('staff-account-none').textContent()).toBe('Нет учётной записи: сотрудник не входит в программу.');
    await app.screenshot('roles-5-staff-card-no-account');
    await page.getByTestId('staff-account-create').click();
    await page.getByTestId('user-staff-input').waitFor();
    await expect.poll(() => page.getByTestId('user-staff-input').inputValue()).toBe(`${other.fullName} — ${other.position}`);
    await app.screenshot('roles-6-users-create-from-card');
    await page.keyboard.press('Escape');
    expect(app.pageErrors).toEqual([]);
    await signOut(page);
  }, 180_000);

  it('lets the secretary give a pupil a second parent and register a correction request, which the administrator corrects', async () => {
    const { page } = app;
    await signIn(page, 'secretary', app.users.secretary!.password);
    // A pupil with one parent.
    let pupil = null;
    for (const r of (await app.call('students.list', { limit: 40 })).rows) {
      const d = await app.call('students.get', { id: r.id });
      if (d.guardians.length === 1) {
        pupil = d;
        break;
      }
    }
    expect(pupil).not.toBeNull();
    await page.getByTestId('nav-students').click();
    await page.getByTestId('students-search').fill(`${pupil!.lastName} ${pupil!.firstName} ${pupil!.middleName ?? ''}`.trim());
    await expect.poll(() => page.getByTestId('students-total').textContent()).toBe('Найдено: 1');
    await page.getByTestId('students-table').getByTestId('vt-row').first().click();
    await page.getByTestId('guardian-add').click();
    const second = page.getByTestId('guardian-1');
    // Nothing is guessed for a new parent: the secretary types the relation and the surname.
    await page.getByTestId('guardian-1-relation').fill('мать');
    await page.getByTestId('guardian-1-lastName').fill('Сидорова');
    await second.getByRole('textbox', { name: /^Имя/ }).fill('Ирина');
    await second.getByRole('textbox', { name: /^Отчество/ }).fill('Олеговна');
    await page.getByTestId('guardian-1-phone').fill('8 916 555-44-33');
    await page.getByTestId('student-save').click();
    await page.getByTestId('student-lastName').waitFor({ state: 'hidden' });
    const after = await app.call('students.get', { id: pupil!.id });
    expect(after.guardians.map((g) => g.firstName)).toEqual([pupil!.guardians[0]!.firstName, 'Ирина']);
    expect(after.guardians[1]).toMatchObject({ lastName: 'Сидорова', relation: 'мать', middleName: 'Олеговна', phone: '+7 (916) 555-44-33' });

    // The register: she records the request; correcting it is the administrator's.
    await page.getByTestId('nav-corrections').click();
    await page.getByTestId('corrections-add').click();
    await page.getByTestId('correction-reporter').fill('Классный руководитель 7Б');
    await page.getByTestId('correction-description').fill(`Неверный номер личного дела: ${pupil!.lastName} ${pupil!.firstName}`);
    await page.getByTestId('correction-save').click();
    const row = page.getByTestId('correction-row').first();
    await row.getByTestId('correction-awaits-admin').waitFor();
    expect(await row.getByTestId('correction-mark-corrected').count()).toBe(0);
    await app.screenshot('roles-8-secretary-corrections');
    const [request] = await app.call('corrections.list', { onlyOpen: true });
    expect(request).toMatchObject({ reporter: 'Классный руководитель 7Б', correctedAt: null });
    expect(app.pageErrors).toEqual([]);
  }, 180_000);
});
