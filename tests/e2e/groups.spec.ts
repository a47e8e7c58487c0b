// «Группы и нагрузка» on the demo school: subgroups (split, drag and drop, keyboard), validation,
// newcomers, тарификация with the Excel export, and a study group from two classes.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { pickOption, signIn, signOut, startApp, type App } from './harness';

let app: App;
const HIDE_TOASTS = '.mantine-Notifications-root { display: none !important; }';
let classId = '';
let className = '';
let subjectId = '';
let subjectName = '';

beforeAll(async () => {
  app = await startApp({ demo: true });
}, 180_000);
afterAll(async () => {
  await app?.close();
});

const sizesInUi = (card: ReturnType<App['page']['getByTestId']>) =>
  card.getByTestId('subgroup-size').evaluateAll((els: { textContent: string | null }[]) => els.map((e) => Number(e.textContent)));

async function division() {
  const d = await app.call('subgroups.forClass', { classId });
  return d.subjects.find((s) => s.subjectId === subjectId)!.division!;
}
const groupOf = async (studentId: string) => (await division()).subgroups.find((g) => g.members.some((m) => m.id === studentId))?.number;

describe('groups and workload', () => {
  it('logs in and shows the problem count on the home screen', async () => {
    const { page } = app;
    await signIn(page, 'admin', app.users.admin!.password);
    await page.getByTestId('home-problems-count').waitFor();
    await page.getByTestId('nav-problems-count').waitFor();
    await app.screenshot('groups-0-home');
  }, 180_000);

  it('divides a class by the alphabet and shows the sizes', async () => {
    const { page } = app;
    // A class with a divided subject in the demo school.
    for (const c of await app.call('classes.list')) {
      const d = await app.call('subgroups.forClass', { classId: c.id });
      const s = d.subjects.find((x) => x.division && x.division.subgroups.length === 2);
      if (s && c.studentCount >= 20) {
        classId = c.id;
        className = c.name;
        subjectId = s.subjectId;
        subjectName = s.subjectName;
        break;
      }
    }
    expect(classId).not.toBe('');
    await page.getByTestId('nav-subgroups').click();
    await pickOption(page, 'sg-class', new RegExp(`^${className} `), { type: className });
    const card = page.getByTestId(`subject-${subjectName}`);
    await card.waitFor();
    await card.getByTestId('split-open').click();
    const modal = page.getByTestId('split-modal');
    await modal.getByText('По алфавиту').click();
    await modal.getByTestId('split-parts').fill('2');
    await app.screenshot('groups-1-split-modal');
    await modal.getByTestId('split-run').click();
    await page.getByTestId('split-run').waitFor({ state: 'hidden' });
    await expect.poll(() => card.getByTestId('division-badge').textContent()).toContain('по алфавиту');
    const d = await division();
    expect(d.method).toBe('alphabet');
    const api = d.subgroups.map((g) => g.members.length);
    await expect.poll(() => sizesInUi(card)).toEqual(api);
    const total = api.reduce((a, b) => a + b, 0);
    expect(total).toBe((await app.call('subgroups.forClass', { classId })).studentCount);
    expect(Math.abs(api[0]! - api[1]!)).toBeLessThanOrEqual(1);
    // By the alphabet: the first subgroup's last surname comes before the second's first.
    const last1 = d.subgroups[0]!.members.at(-1)!.fullName;
    const first2 = d.subgroups[1]!.members[0]!.fullName;
    expect(last1.localeCompare(first2, 'ru')).toBeLessThanOrEqual(0);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'tests/artifacts/groups-2-split-alphabet.png', style: HIDE_TOASTS });
  }, 180_000);

  it('moves a student by drag and drop and by the keyboard', async () => {
    const { page } = app;
    const card = page.getByTestId(`subject-${subjectName}`);
    const col1 = card.getByTestId('subgroup-col-1');
    const col2 = card.getByTestId('subgroup-col-2');
    const dragged = col1.getByTestId('student-card').first();
    const draggedId = (await dragged.getAttribute('data-student-id'))!;
    expect(await groupOf(draggedId)).toBe(1);
    // HTML5 drag and drop: the events the browser fires, with one DataTransfer.
    const dataTransfer = await page.evaluateHandle('new DataTransfer()');
    await dragged.dispatchEvent('dragstart', { dataTransfer });
    await col2.dispatchEvent('dragenter', { dataTransfer });
    await col2.dispatchEvent('dragover', { dataTransfer });
    await col2.dispatchEvent('drop', { dataTransfer });
    await dragged.dispatchEvent('dragend', { dataTransfer });
    await expect.poll(() => groupOf(draggedId)).toBe(2);
    await col2.locator(`[data-student-id="${draggedId}"]`).waitFor();
    expect((await division()).method).toBe('manual');

    // Keyboard: focus a card of the second subgroup and press «1».
    const other = col2.getByTestId('student-card').first();
    const otherId = (await other.getAttribute('data-student-id'))!;
    await other.focus();
    await page.keyboard.press('1');
    await expect.poll(() => groupOf(otherId)).toBe(1);
    await col1.locator(`[data-student-id="${otherId}"]`).waitFor();
    await page.getByText(/ученик перемещён/).first().waitFor();
    // ← / → as well: back to the second subgroup.
    await col1.locator(`[data-student-id="${otherId}"]`).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => groupOf(otherId)).toBe(2);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'tests/artifacts/groups-3-moved.png', style: HIDE_TOASTS });
  }, 180_000);

  it('shows a problem when a subgroup has no teacher and drops it when one is set', async () => {
    const { page } = app;
    const d = await division();
    const sg = d.subgroups[1]!;
    const teacher = sg.teacherId;
    await app.call('subgroups.setTeacher', { subgroupId: sg.id, teacherId: null });
    await page.getByTestId('nav-validation').click();
    const group = page.getByTestId('problem-group-subgroup_no_teacher');
    await group.waitFor();
    const message = group.getByTestId('problem').filter({ hasText: className }).filter({ hasText: subjectName });
    await message.first().waitFor();
    await app.screenshot('groups-4-validation');

    // Fix it on the subgroups page through the teacher select.
    await message.first().getByRole('link').click();
    const col2 = page.getByTestId(`subject-${subjectName}`).getByTestId('subgroup-col-2');
    await col2.getByTestId('subgroup-teacher').click();
    const name = teacher ? (await app.call('staff.list', {})).find((s) => s.id === teacher)!.fullName : undefined;
    if (name) await page.getByRole('option', { name }).first().click();
    else await page.getByRole('option').first().click();
    await expect.poll(async () => (await division()).subgroups[1]!.teachers.length).toBeGreaterThan(0);
    await page.getByTestId('nav-validation').click();
    await page.getByTestId('validation-summary').or(page.getByTestId('validation-ok')).first().waitFor();
    await expect
      .poll(async () => (await app.call('setup.validate')).problems.filter((p) => p.code === 'subgroup_no_teacher' && p.subgroupId === sg.id).length)
      .toBe(0);
    expect(await page.getByTestId('problem').filter({ hasText: `${className}` }).filter({ hasText: subjectName }).count()).toBe(0);
  }, 180_000);

  it('offers a subgroup to a newcomer and places him', async () => {
    const { page } = app;
    const st = await app.call('students.save', {
      lastName: 'Новиков',
      firstName: 'Пётр',
      middleName: 'Ильич',
      birthDate: '2013-03-04',
      gender: 'm',
      classId,
      guardians: [],
    });
    await page.goto(`${new URL(page.url()).origin}/#/subgroups/${classId}`);
    const panel = page.getByTestId('pending-panel');
    const row = panel.getByTestId('pending-row').filter({ hasText: 'Новиков Пётр' }).filter({ hasText: subjectName });
    await row.waitFor();
    const pending = (await app.call('subgroups.pending', { studentId: st.id })).find((p) => p.subjectId === subjectId)!;
    expect(await row.getByTestId('pending-subgroup').inputValue()).toContain(pending.suggestedSubgroupName);
    await app.screenshot('groups-5-pending');
    await row.getByTestId('pending-place').click();
    await expect.poll(() => groupOf(st.id)).toBe(pending.subgroups.find((g) => g.id === pending.suggestedSubgroupId)!.number);
    expect((await app.call('subgroups.pending', { studentId: st.id })).some((p) => p.subjectId === subjectId)).toBe(false);
  }, 180_000);

  it('shows the тарификация with a teacher’s hours and exports it', async () => {
    const { page } = app;
    await page.getByTestId('nav-workload').click();
    const w = (await app.call('workload.byTeacher', {})).find((t) => t.totalHours > 0)!;
    const row = page.locator(`[data-testid="teacher-row"][data-teacher-id="${w.teacherId}"]`);
    await row.waitFor();
    expect((await row.getByTestId('teacher-hours').textContent())!.startsWith(w.totalHours.toLocaleString('ru-RU', { maximumFractionDigits: 2 }))).toBe(true);
    await row.click();
    await page.getByTestId('assignment-row').first().waitFor();
    expect(await page.getByTestId('assignment-row').count()).toBe(w.assignments.length);
    await app.screenshot('groups-6-workload');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('workload-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await page.getByTestId('tab-classes').click();
    await page.getByTestId('coverage-table').waitFor();
    await app.screenshot('groups-7-coverage');
  }, 180_000);

  it('creates a study group with members from two classes', async () => {
    const { page } = app;
    await page.getByTestId('nav-study-groups').click();
    await page.getByTestId('group-add').click();
    const modal = page.getByTestId('group-modal');
    await modal.getByTestId('group-name').fill('Робототехника (e2e)');
    await pickOption(page, 'group-subject', /^Информатика$/, { type: 'Информ' });
    await page.getByTestId('group-hours').fill('2');
    await modal.getByTestId('group-save').click();
    const members = page.locator('.mantine-Modal-content').filter({ has: page.getByTestId('members-save') });
    await page.getByTestId('members-save').waitFor();
    const classes = (await app.call('classes.list')).filter((c) => c.grade === 9 && c.studentCount > 0).slice(0, 2);
    expect(classes.length).toBe(2);
    for (const c of classes) {
      await pickOption(page, 'members-class', new RegExp(`^${c.name}$`), { type: c.name });
      await expect.poll(async () => (await members.getByTestId('member-option').allTextContents()).every((t) => t.endsWith(c.name))).toBe(true);
      const opts = members.getByTestId('member-option');
      await opts.nth(0).locator('input').check();
      await opts.nth(1).locator('input').check();
    }
    await expect.poll(() => members.getByTestId('members-count').textContent()).toBe('Выбрано: 4');
    await app.screenshot('groups-8-members');
    await members.getByTestId('members-save').click();
    await members.waitFor({ state: 'hidden' });
    const g = (await app.call('studyGroups.list')).find((x) => x.name === 'Робототехника (e2e)')!;
    const details = await app.call('studyGroups.get', { id: g.id });
    expect(details.members.length).toBe(4);
    expect([...details.classNames].sort()).toEqual(classes.map((c) => c.name).sort());
    await page.getByTestId('group-row').filter({ hasText: 'Робототехника (e2e)' }).waitFor();
    await app.screenshot('groups-9-study-groups');
    expect(app.pageErrors).toEqual([]);
  }, 180_000);

  it('shows the division rule and the read-only view to the secretary', async () => {
    const { page } = app;
    await page.getByTestId('nav-subgroups').click();
    await page.getByTestId('tab-rule').click();
    await page.getByTestId('rule-row').first().waitFor();
    await app.screenshot('groups-10-rule');
    await signOut(page);
    await signIn(page, 'secretary', app.users.secretary!.password);
    await page.goto(`${new URL(page.url()).origin}/#/subgroups/${classId}`);
    await page.getByTestId(`subject-${subjectName}`).getByTestId('student-card').first().waitFor();
    await page.getByTestId('read-only').waitFor();
    expect(await page.getByTestId('split-open').count()).toBe(0);
    expect(await page.getByTestId('split-all').count()).toBe(0);
    expect(await page.getByTestId('student-card').first().getAttribute('draggable')).toBe('false');
    await app.screenshot('groups-11-secretary');
    expect(app.pageErrors).toEqual([]);
  }, 180_000);
});
