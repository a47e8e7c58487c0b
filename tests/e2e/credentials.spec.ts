// «Выдача учётных данных» in the app (issue 12 point 5; R7), at 1366×768 on the 100-student demo
// school: credentials requested for newcomers of 5А (one arrived long ago: late), the central's
// answer (credential_issue) written as a pull writes it, the deadlines per class teacher on the home
// screen with the link to the register, the handing marked in the register's dialog, the production
// calendar page. Screenshots: tests/artifacts/credentials-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { signIn, startApp, type App } from './harness';

let app: App;
let adminPassword = '';
let classId = '';
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  app = await startApp();
  const demo = await app.call('app.loadDemo', { students: 100, seed: 3 });
  adminPassword = demo.users.find((u) => u.role === 'sysadmin')!.password;
  const c = (await app.call('classes.list')).find((x) => x.name === '5А')!;
  classId = c.id;
  const students = app.db.raw.prepare(`SELECT id FROM student WHERE class_id = ? ORDER BY last_name, first_name LIMIT 3`).all(classId) as { id: string }[];
  await app.call('credentials.request', { studentId: students[0]!.id, arrivedOn: '2026-11-02' });
  await app.call('credentials.request', { studentId: students[1]!.id, arrivedOn: '2026-11-25' });
  await app.call('credentials.request', { studentId: students[2]!.id, arrivedOn: today });
  // The central's answer, as the sync's pull writes it (the central itself: tests/credentials).
  const requests = app.db.raw.prepare(`SELECT r.id, coalesce(g.last_name, s.last_name) AS name FROM credential_request r JOIN student s ON s.id = r.student_id LEFT JOIN guardian g ON g.id = r.guardian_id WHERE s.id IN (?, ?)`).all(students[0]!.id, students[1]!.id) as { id: string; name: string }[];
  const now = new Date().toISOString();
  const ins = app.db.raw.prepare(`INSERT INTO credential_issue (id, created_at, updated_at, deleted_at, request_id, login, one_time_password, issued_at) VALUES (?, ?, ?, NULL, ?, ?, ?, ?)`);
  requests.forEach((r, i) => ins.run(randomUUID(), now, now, r.id, `user${i + 1}.login`, `Ab${i}c-Xy7z-Qp3r`, now));
  await app.page.reload();
}, 300_000);
afterAll(async () => {
  await app?.close();
});

describe('credentials', () => {
  it('shows the deadlines per class teacher on the home screen, linking to the register', async () => {
    const { page } = app;
    await signIn(page, 'admin', adminPassword);
    // The office's calendar (issue 15): one item per class teacher in «Сейчас и просрочено».
    await page.getByTestId('due-items').waitFor();
    const due = await app.call('credentials.due');
    const teacher = due.teachers.find((t) => t.classes.includes('5А'))!;
    expect(teacher.late).toBeGreaterThan(0);
    const row = page.getByTestId('due-item').filter({ hasText: teacher.teacherName! });
    await expect.poll(() => row.textContent()).toContain(`просрочено: ${teacher.late}`);
    await app.screenshot('credentials-1-home');
    await row.getByTestId('due-item-link').click();
    await page.locator('[data-testid="credentials-page"][data-loaded]').waitFor();
  }, 180_000);

  it('marks a handing in the register', async () => {
    const { page } = app;
    const open = await app.call('credentials.list', { classId: null, state: 'open' });
    await expect.poll(() => page.getByTestId('credential-row').count()).toBe(open.length);
    expect(await page.locator('[data-testid="credential-row"][data-late]').count()).toBe(open.filter((r) => r.late).length);
    const first = page.locator('[data-testid="credential-row"][data-state="issued"]').first();
    const name = (await first.locator('td').nth(1).textContent())!;
    await first.getByTestId('credential-hand').click();
    await page.getByTestId('hand-to').fill('Иванова М. П.');
    await page.getByTestId('hand-save').click();
    await page.getByTestId('hand-save').waitFor({ state: 'hidden' });
    const handed = (await app.call('credentials.list', { classId: null, state: 'handed' }))[0]!;
    expect(handed).toMatchObject({ studentName: name, handedOn: today, handedTo: 'Иванова М. П.', handedHow: 'in_person' });
    await page.getByTestId('credentials-state').getByText('Все').click();
    await expect.poll(() => page.locator('[data-testid="credential-row"][data-state="handed"]').count()).toBe(1);
    await app.screenshot('credentials-2-register');
  }, 180_000);

  it('the production calendar page: a correction entered moves the deadlines', async () => {
    const { page } = app;
    await page.evaluate("location.hash = '/setup/calendar'");
    await page.locator('[data-testid="calendar-page"][data-loaded]').waitFor();
    await page.getByTestId('calendar-date').fill('14.12.2026');
    await page.getByTestId('calendar-save').click();
    await expect.poll(() => app.db.raw.prepare(`SELECT kind FROM calendar_day WHERE date = '2026-12-14' AND deleted_at IS NULL`).get()).toEqual({ kind: 'holiday' });
    await expect.poll(() => page.getByTestId('calendar-day').filter({ hasText: '14.12.2026' }).count()).toBe(1);
    await app.screenshot('credentials-3-calendar');
  }, 180_000);
});
