// «Замены» in the app (issue 11 point 4), at 1366×768 on the 100-student demo school with 5А, 5Б,
// 6А and 7А placed (tests/substitutions/timetable.ts, the core tests' helper): a teacher's absence
// entered on the day page, one of their lessons covered with the top-ranked candidate in one click,
// a clash refused next to the action, the day sheet and the monthly «Журнал замещения уроков»
// produced (their PDF pages rendered with pdftoppm), the indicator. Screenshots:
// tests/artifacts/substitutions-*.png.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, layoutProblems, pickOption, signIn, startApp, type App } from './harness';
import { addCard, placeTimetable, type Placed } from '../substitutions/timetable';

let app: App;
let placed: Placed;
let adminPassword = '';
/** A Wednesday of the second quarter. */
const DATE = '2026-12-02';
const WEDNESDAY = 3;
let teacher: { id: string; fullName: string; lastName: string };


/** Renders a PDF's pages into tests/artifacts/<name>-<n>.png (60 dpi) and returns their paths. */
function renderPdf(path: string, name: string): string[] {
  execFileSync('pdftoppm', ['-png', '-r', '60', path, join(ARTIFACTS, name)]);
  return readdirSync(ARTIFACTS)
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
    .map((f) => join(ARTIFACTS, f));
}
const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });

beforeAll(async () => {
  app = await startApp();
  const demo = await app.call('app.loadDemo', { students: 100, seed: 3 });
  adminPassword = demo.users.find((u) => u.role === 'sysadmin')!.password;
  placed = placeTimetable(app.db, ['5А', '5Б', '6А', '7А']);
  // The teacher with the most lessons on that Wednesday.
  const counts = new Map<string, number>();
  for (const c of placed.cards) if (c.weekday === WEDNESDAY) counts.set(c.teacherId, (counts.get(c.teacherId) ?? 0) + 1);
  const id = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const staff = (await app.call('staff.list', {})).find((s) => s.id === id)!;
  teacher = { id, fullName: staff.fullName, lastName: staff.lastName };
  await app.page.reload(); // it opened on the first-run screen, before the school
}, 300_000);
afterAll(async () => {
  await app?.close();
});

describe('substitutions', () => {
  it('enters a teacher’s absence on the day page: their lessons need cover', async () => {
    const { page } = app;
    await signIn(page, 'admin', adminPassword);
    await page.getByTestId('nav-substitutions').click();
    await page.getByTestId('day-date').waitFor();
    await page.getByTestId('day-date').fill('02.12.2026');
    await page.getByTestId('day-date').press('Enter');
    await expect.poll(() => page.getByTestId('day-title').textContent()).toBe('среда, 02.12.2026');
    await page.getByTestId('absence-add').click();
    await pickOption(page, 'absence-teacher', teacher.fullName, { type: teacher.lastName });
    expect(await page.getByTestId('absence-from').inputValue()).toBe('02.12.2026');
    expect(await page.getByTestId('absence-to').inputValue()).toBe('02.12.2026');
    await page.getByTestId('absence-note').fill('Больничный лист');
    await page.getByTestId('absence-save').click();
    await page.getByTestId('absence-save').waitFor({ state: 'hidden' });
    await page.getByTestId('absence-row').waitFor();
    const expected = placed.cards.filter((c) => c.weekday === WEDNESDAY && c.teacherId === teacher.id).length;
    await expect.poll(() => page.locator('[data-testid="need-cover"] [data-testid="lesson-row"]').count()).toBe(expected);
    const stored = app.db.raw.prepare(`SELECT date_from, date_to, reason, note FROM teacher_absence WHERE staff_id = ? AND deleted_at IS NULL`).all(teacher.id);
    expect(stored).toEqual([{ date_from: DATE, date_to: DATE, reason: 'illness', note: 'Больничный лист' }]);
    // A second absence of the same teacher over the same day: refused, the reason next to the date.
    await page.getByTestId('absence-add').click();
    await pickOption(page, 'absence-teacher', teacher.fullName, { type: teacher.lastName });
    await page.getByTestId('absence-save').click();
    await page.locator('[data-testid="absence-modal"] [data-testid="error-alert"]').waitFor();
    expect(await page.locator('.mantine-Modal-content').textContent()).toContain('Пересекается с другим отсутствием');
    await page.locator('.mantine-Modal-content').getByRole('button', { name: 'Отмена' }).click();
    await page.getByTestId('unsaved-discard').click();
    await page.getByTestId('absence-save').waitFor({ state: 'hidden' });
    expect(app.db.raw.prepare(`SELECT count(*) AS n FROM teacher_absence WHERE staff_id = ? AND deleted_at IS NULL`).get(teacher.id)).toEqual({ n: 1 });
    // The first lesson needing cover is chosen, its candidates listed, the best one marked.
    await page.locator('[data-testid="candidate"][data-top]').waitFor();
    await app.screenshot('substitutions-1-day');
  }, 180_000);

  it('covers a lesson with the top-ranked candidate in one click', async () => {
    const { page } = app;
    const panel = page.getByTestId('lesson-panel');
    const cardId = (await panel.getAttribute('data-card-id'))!;
    const candidates = await app.call('substitutions.candidates', { date: DATE, cardId });
    const best = candidates.find((c) => c.refused === null)!;
    const top = page.locator('[data-testid="candidate"][data-top]');
    expect(await top.getAttribute('data-staff-id')).toBe(best.staffId);
    // Its reasons as badges; the refused ones last, each with its reason.
    for (const r of best.reasons) await expect.poll(() => top.getByTestId('candidate-reasons').textContent()).toContain(r);
    const rows = page.getByTestId('candidate');
    expect(await rows.count()).toBe(candidates.length);
    const refused = candidates.filter((c) => c.refused !== null);
    if (refused.length) {
      expect(await rows.last().getAttribute('data-refused')).toBe('true');
      expect(await rows.last().getByTestId('candidate-refused').textContent()).toBe(refused.at(-1)!.refused);
      expect(await rows.last().getByTestId('candidate-assign').isDisabled()).toBe(true);
    }
    await top.getByTestId('candidate-assign').click();
    // The lesson moves from «Нужна замена» to the day's changes, with the substitute's name.
    const row = page.locator(`[data-testid="changed"] [data-testid="lesson-row"][data-card-id="${cardId}"]`);
    await row.waitFor();
    expect(await row.getByTestId('lesson-status').textContent()).toContain(best.name);
    await expect.poll(() => page.getByTestId('lesson-change-text').textContent()).toContain(best.name);
    const change = app.db.raw.prepare(`SELECT kind, substitute_id, date FROM lesson_change WHERE card_id = ? AND deleted_at IS NULL`).get(cardId);
    expect(change).toEqual({ kind: 'substitute', substitute_id: best.staffId, date: DATE });
    await app.screenshot('substitutions-2-covered');
    expect(await layoutProblems(app.page)).toEqual([]);
  }, 120_000);

  it('refuses a room taken at that time, with the reason next to the action', async () => {
    const { page } = app;
    const next = page.locator('[data-testid="need-cover"] [data-testid="lesson-row"]').first();
    await next.click();
    const cardId = (await next.getAttribute('data-card-id'))!;
    const card = placed.cards.find((c) => c.id === cardId)!;
    // Another class's lesson at the same time, in its own room.
    const other = placed.cards.find((c) => c.weekday === WEDNESDAY && c.lessonNo === card.lessonNo && c.classId !== card.classId && c.roomId && c.roomId !== card.roomId)!;
    const room = (await app.call('rooms.list')).find((r) => r.id === other.roomId)!;
    await page.getByTestId('lesson-room').click();
    await pickOption(page, 'room-select', new RegExp(`^${room.number}( |$)`), { type: room.number });
    await page.getByTestId('lesson-action-submit').click();
    const alert = page.locator('[data-testid="lesson-action-form"] [data-testid="error-alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`Кабинет ${room.number} в это время занят`);
    expect(app.db.raw.prepare(`SELECT count(*) AS n FROM lesson_change WHERE card_id = ? AND deleted_at IS NULL`).get(cardId)).toEqual({ n: 0 });
    await app.screenshot('substitutions-3-refused');
    await page.getByTestId('lesson-room').click();
  }, 120_000);

  it('produces the day sheet (PDF) for the teachers’ room', async () => {
    const { page } = app;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('day-sheet').click()]);
    const path = join(app.dir, download.suggestedFilename());
    await download.saveAs(path);
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(path);
    expect(text).toContain('Замены на 02.12.2026');
    const best = app.db.raw.prepare(`SELECT s.last_name AS n FROM lesson_change c JOIN staff s ON s.id = c.substitute_id WHERE c.deleted_at IS NULL`).get() as { n: string };
    expect(text).toContain(best.n);
    expect(renderPdf(path, 'substitutions-4-day-sheet').length).toBeGreaterThan(0);
  }, 120_000);

  it('produces the monthly «Журнал замещения уроков» (PDF and Excel) and shows the indicator', async () => {
    const { page } = app;
    // The day sheet's «saved» notification may still cover the button at 1366×768: closed, as a user would.
    for (const close of await page.locator('.mantine-Notification-closeButton').all()) await close.click().catch(() => undefined);
    await page.getByTestId('journal-open').click();
    await page.getByTestId('journal-make').waitFor();
    await app.screenshot('substitutions-5-journal-modal');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('journal-make').click()]);
    const path = join(app.dir, download.suggestedFilename());
    await download.saveAs(path);
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(path);
    expect(text).toContain('Журнал замещения уроков');
    expect(text).toContain('02.12.2026');
    expect(renderPdf(path, 'substitutions-6-journal').length).toBeGreaterThan(0);
    await page.getByTestId('journal-make').waitFor({ state: 'hidden' });

    await page.getByTestId('journal-open').click();
    await page.getByTestId('journal-format').getByText('Excel').click();
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('journal-make').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const xpath = join(app.dir, xlsx.suggestedFilename());
    await xlsx.saveAs(xpath);
    expect(readFileSync(xpath).subarray(0, 2).toString()).toBe('PK');

    await page.getByTestId('tab-indicator').click();
    const dec = page.locator('[data-testid="indicator-row"][data-month="2026-12"]');
    await dec.waitFor();
    const ind = (await app.call('substitutions.indicator', {})).find((m) => m.month === '2026-12')!;
    expect(ind.substituted).toBe(1);
    expect(await dec.getByTestId('indicator-share').textContent()).toBe(`${Math.round(ind.share! * 100)} %`);
    await app.screenshot('substitutions-7-indicator');
    expect(await layoutProblems(app.page)).toEqual([]);
  }, 180_000);

  it('shows the absence’s period and removes the change after confirmation', async () => {
    const { page } = app;
    await page.getByTestId('tab-day').click();
    await page.getByTestId('absence-period').click();
    await page.getByTestId('absence-lessons').waitFor();
    await expect.poll(() => page.locator('[data-testid="absence-lessons"] [data-testid="lesson-row"]').count()).toBeGreaterThan(0);
    await app.screenshot('substitutions-8-period');
    expect(await layoutProblems(app.page)).toEqual([]);
    const covered = page.locator('[data-testid="absence-lessons"] [data-testid="lesson-row"]').filter({ hasText: 'Замена:' }).first();
    await covered.click();
    await page.getByTestId('change-remove').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('confirm-ok').waitFor({ state: 'hidden' });
    await expect.poll(() => app.db.raw.prepare(`SELECT count(*) AS n FROM lesson_change WHERE deleted_at IS NULL`).get()).toEqual({ n: 0 });
    await page.locator('[data-testid="candidate"][data-top]').waitFor();
    expect(app.pageErrors).toEqual([]);
  }, 120_000);

  it('goes through days and lessons with the keyboard', async () => {
    const { page } = app;
    await page.getByTestId('absence-back').click();
    await page.getByTestId('day-title').waitFor();
    await page.getByRole('heading', { name: 'Замены', exact: true }).click(); // the focus out of the date field
    await expect.poll(() => page.locator('[data-testid="lesson-row"][data-selected]').getAttribute('data-card-id')).toBeTruthy();
    const rows = page.locator('[data-testid="need-cover"] [data-testid="lesson-row"]');
    const first = await rows.nth(0).getAttribute('data-card-id');
    await expect.poll(() => page.locator('[data-testid="lesson-row"][data-selected]').getAttribute('data-card-id')).toBe(first);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('[data-testid="lesson-row"][data-selected]').getAttribute('data-card-id')).toBe(await rows.nth(1).getAttribute('data-card-id'));
    await expect.poll(() => page.getByTestId('lesson-panel').getAttribute('data-card-id')).toBe(await rows.nth(1).getAttribute('data-card-id'));
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('day-title').textContent()).toBe('четверг, 03.12.2026');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.getByTestId('day-title').textContent()).toBe('среда, 02.12.2026');
    expect(app.pageErrors).toEqual([]);
  }, 120_000);

  it('merges a subgroup’s lesson with its sibling subgroup’s at the same time', async () => {
    const { page } = app;
    const THU = '2026-12-03';
    const one = <R>(sql: string, ...p: unknown[]) => app.db.raw.prepare(sql).get(...p) as R;
    const cls = one<{ id: string }>(`SELECT id FROM school_class WHERE grade = 5 AND letter = 'А' AND deleted_at IS NULL`).id;
    const eng = one<{ id: string }>(`SELECT id FROM subject WHERE name = 'Иностранный язык (английский)'`).id;
    const [sg1, sg2] = (await app.call('subgroups.split', { classId: cls, subjectId: eng, parts: 2, by: 'alphabet' })).subgroups;
    // Two teachers with no lesson that Thursday take the two subgroups at the 7th lesson.
    const busy = new Set(placed.cards.filter((c) => c.weekday === 4).map((c) => c.teacherId));
    const [t1, t2] = (await app.call('staff.list', {})).filter((s) => s.roles.includes('teacher') && !busy.has(s.id) && s.id !== teacher.id);
    const c1 = addCard(app.db, placed.timetableId, { teacherId: t1!.id, subjectId: eng, classId: cls, subgroupId: sg1!.id, weekday: 4, lessonNo: 7, roomId: null });
    const c2 = addCard(app.db, placed.timetableId, { teacherId: t2!.id, subjectId: eng, classId: cls, subgroupId: sg2!.id, weekday: 4, lessonNo: 7, roomId: null });
    await app.call('absences.save', { id: null, staffId: t1!.id, dateFrom: THU, dateTo: THU, reason: 'course', note: null });
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('day-title').textContent()).toBe('четверг, 03.12.2026');
    const row = page.locator(`[data-testid="need-cover"] [data-testid="lesson-row"][data-card-id="${c1.id}"]`);
    await row.click();
    await page.getByTestId('lesson-merge').click();
    await expect.poll(() => page.getByTestId('merge-with').inputValue()).toContain(t2!.lastName);
    await app.screenshot('substitutions-9-merge');
    await page.getByTestId('lesson-action-submit').click();
    await page.locator(`[data-testid="changed"] [data-testid="lesson-row"][data-card-id="${c1.id}"]`).waitFor();
    expect(one(`SELECT kind, substitute_id FROM lesson_change WHERE card_id = ? AND date = ? AND deleted_at IS NULL`, c1.id, THU)).toEqual({ kind: 'merge', substitute_id: t2!.id });
    await expect.poll(() => page.getByTestId('lesson-change-text').textContent()).toMatch(new RegExp(`^Подгруппы объединены: ведёт ${t2!.lastName} `));
    expect(c2.id).not.toBe(c1.id);
    expect(app.pageErrors).toEqual([]);
  }, 120_000);
});
