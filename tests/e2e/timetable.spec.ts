// The timetable editor (issue 11 point 2) on the 1000-student demo school at 1366×768, as the
// deputy of parallels 5–9: a version and its cards made through the API; a card placed by drag and
// drop and another by the keyboard; a clash refused with its reason on the cell and nothing saved;
// undo and redo through the API. Screenshots: tests/artifacts/timetable-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickOption, signIn, startApp, type App } from './harness';
import type { TimetableCard } from '../../electron/api/timetable';

let app: App;
let timetableId = '';
/** 5А's whole-class cards: dragged, placed by keyboard, refused. */
let dragged: TimetableCard;
let keyed: TimetableCard;
let refused: TimetableCard;
/** The card of another class whose teacher makes `refused` clash on Monday, 2nd lesson. */
let blocker: TimetableCard;
let className = '';
let blockerClass = '';

beforeAll(async () => {
  app = await startApp({ demo: true });
  const year = (await app.call('years.list')).find((y) => y.isCurrent)!;
  const v = await app.call('timetable.saveVersion', { yearId: year.id, name: 'Основное расписание', validFrom: year.startDate, days: 5, fortnight: false, copyFrom: null });
  timetableId = v.id;
  await app.call('timetable.makeCards', { timetableId });
  const board = await app.call('timetable.board', { timetableId });
  const c5 = board.classes.find((c) => c.grade === 5)!;
  className = c5.name;
  const simple = (c: TimetableCard) => c.classId === c5.id && !c.subgroupId && c.duration === 1 && c.weeks === 'every' && c.weekday === null;
  const mine = board.cards.filter(simple);
  // A teacher of 5А who also teaches another class: that class's lesson on Monday, 2nd, blocks them.
  for (const r of mine) {
    const other = board.cards.find((c) => c.teacherId === r.teacherId && c.classId && c.classId !== c5.id && c.shift === r.shift && c.duration === 1 && c.weeks === 'every');
    if (other) {
      refused = r;
      blocker = other;
      blockerClass = board.classes.find((c) => c.id === other.classId)!.name;
      break;
    }
  }
  expect(refused).toBeDefined();
  const others = mine.filter((c) => c.teacherId !== refused.teacherId && c.subjectId !== refused.subjectId);
  dragged = others[0]!;
  keyed = others.find((c) => c.subjectId !== dragged.subjectId && c.teacherId !== dragged.teacherId)!;
  expect(keyed).toBeDefined();
  await app.call('timetable.place', { cardId: blocker.id, weekday: 1, lessonNo: 2, roomId: null });
}, 300_000);
afterAll(async () => {
  await app?.close();
});

const placeInDb = (id: string) => app.db.raw.prepare('SELECT weekday, lesson_no AS lessonNo FROM timetable_card WHERE id = ?').get(id) as { weekday: number | null; lessonNo: number | null };
const cell = (weekday: number, lessonNo: number) => app.page.locator(`[data-testid="tt-grid"] [data-testid="tt-cell"][data-weekday="${weekday}"][data-lesson="${lessonNo}"]`);
const panelCard = (id: string) => app.page.locator(`[data-testid="tt-panel-card"][data-card="${id}"]`);

describe('timetable editor', () => {
  it('a deputy places a card by drag and drop', async () => {
    const { page } = app;
    await signIn(page, 'deputy', app.users.deputy!.password);
    await page.getByTestId('nav-timetable').click();
    await page.getByTestId('tt-grid').waitFor();
    await pickOption(page, 'tt-entity', className, { type: className });
    await panelCard(dragged.id).waitFor();
    // Cards of parallels 10–11 are not the deputy's: greyed, not draggable.
    await pickOption(page, 'tt-filter-class', /^11/, { type: '11' });
    expect(await page.getByTestId('tt-panel-card').first().getAttribute('data-editable')).toBe('false');
    expect(await page.getByTestId('tt-panel-card').first().getAttribute('draggable')).toBe('false');
    await pickOption(page, 'tt-filter-class', className, { type: className });

    await page.dragAndDrop(`[data-testid="tt-panel-card"][data-card="${dragged.id}"]`, `[data-testid="tt-cell"][data-weekday="1"][data-lesson="1"]`);
    await expect.poll(() => placeInDb(dragged.id)).toEqual({ weekday: 1, lessonNo: 1 });
    await cell(1, 1).locator(`[data-card="${dragged.id}"]`).waitFor();
    expect(await panelCard(dragged.id).count()).toBe(0);
    await app.screenshot('timetable-1-dragged');
  }, 240_000);

  it('places another card by the keyboard, the targets coloured by timetable.slotsFor', async () => {
    const { page } = app;
    await panelCard(keyed.id).click();
    // Taken: the cells say whether the card is free there (the grid has the focus).
    await expect.poll(() => page.locator('[data-testid="tt-cell"][data-target]').count()).toBeGreaterThan(10);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const cursor = page.locator('[data-testid="tt-cell"][data-cursor="true"]');
    const weekday = Number(await cursor.getAttribute('data-weekday'));
    const lessonNo = Number(await cursor.getAttribute('data-lesson'));
    expect(weekday).toBe(2);
    // Free, or allowed with warnings: never a clash there.
    expect(['free', 'warn']).toContain(await cursor.getAttribute('data-target'));
    await app.screenshot('timetable-2-keyboard-taken');
    await page.keyboard.press('Enter');
    await expect.poll(() => placeInDb(keyed.id)).toEqual({ weekday, lessonNo });
    await cell(weekday, lessonNo).locator(`[data-card="${keyed.id}"]`).waitFor();
    // Delete takes the card under the cursor off the timetable; Ctrl+Z puts it back.
    await page.keyboard.press('Delete');
    await expect.poll(() => placeInDb(keyed.id)).toEqual({ weekday: null, lessonNo: null });
    await page.keyboard.press('Control+z');
    await expect.poll(() => placeInDb(keyed.id)).toEqual({ weekday, lessonNo });
  }, 120_000);

  it('refuses a clash with its reason on the cell and changes nothing', async () => {
    const { page } = app;
    await panelCard(refused.id).click();
    const target = cell(1, 2);
    await expect.poll(() => target.getAttribute('data-target')).toBe('clash');
    expect(await target.getAttribute('title')).toContain(blockerClass);
    await page.dragAndDrop(`[data-testid="tt-panel-card"][data-card="${refused.id}"]`, `[data-testid="tt-cell"][data-weekday="1"][data-lesson="2"]`);
    await page.getByTestId('tt-refused').waitFor();
    expect(await page.getByTestId('tt-refused').textContent()).toContain(blockerClass);
    expect(await target.getAttribute('data-refused')).toBe('true');
    expect(placeInDb(refused.id)).toEqual({ weekday: null, lessonNo: null });
    await app.screenshot('timetable-3-clash-refused', { toasts: true });
    await page.getByTestId('tt-grid').focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid="tt-cell"][data-target]').count()).toBe(0);
  }, 120_000);

  it('undoes and redoes the edits through the API', async () => {
    const { page } = app;
    await page.getByTestId('tt-undo').click();
    await expect.poll(() => placeInDb(keyed.id)).toEqual({ weekday: null, lessonNo: null });
    await page.getByTestId('tt-grid').focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => placeInDb(dragged.id)).toEqual({ weekday: null, lessonNo: null });
    await panelCard(dragged.id).waitFor();
    await page.getByTestId('tt-redo').click();
    await expect.poll(() => placeInDb(dragged.id)).toEqual({ weekday: 1, lessonNo: 1 });
    await cell(1, 1).locator(`[data-card="${dragged.id}"]`).waitFor();
    expect(await page.getByTestId('tt-undo').isEnabled()).toBe(true);

    // The whole school at a glance: classes × the week's lessons, compact cells. The first rows
    // filled through the API (first come, first placed; a clash moves on to the next lesson):
    // other parallels, so the deputy sees them grey.
    const board = await app.call('timetable.board', { timetableId });
    const filled = board.classes.filter((c) => c.grade === 1).map((c) => c.id);
    for (const classId of filled) {
      let slot = 0;
      for (const card of board.cards.filter((c) => c.classId === classId && c.weekday === null && !c.subgroupId && c.duration === 1).slice(0, 15)) {
        for (; slot < 20; slot++) {
          try {
            await app.call('timetable.place', { cardId: card.id, weekday: 1 + Math.floor(slot / 5), lessonNo: 1 + (slot % 5), roomId: null });
            slot++;
            break;
          } catch {
            // a clash there: the next lesson
          }
        }
      }
    }
    await page.getByTestId('tt-view').getByText('Вся школа').click();
    await page.locator(`[data-testid="tt-row"][data-row="c:${blocker.classId}"] [data-card="${blocker.id}"]`).waitFor();
    await app.screenshot('timetable-4-board');
    expect(app.pageErrors).toEqual([]);
  }, 120_000);

  it('marks a teacher busy, and the editor then refuses that lesson; edits the deputy’s rules', async () => {
    const { page } = app;
    await page.getByTestId('tt-view').getByText('Класс').click();
    await page.getByTestId('tt-more').click();
    await page.getByTestId('tt-open-busy').click();
    await pickOption(page, 'tt-busy-teacher', refused.teacherName, { type: refused.teacherName.split(' ')[0] });
    await page.locator('[data-testid="tt-busy-cell"][data-weekday="3"][data-lesson="4"]').click();
    const busy = () => app.db.raw.prepare('SELECT weekday, lesson_no AS lessonNo, reason FROM teacher_unavailable WHERE staff_id = ? AND deleted_at IS NULL').all(refused.teacherId);
    await expect.poll(busy).toEqual([{ weekday: 3, lessonNo: 4, reason: 'unavailable' }]);
    await page.locator('[data-testid="tt-busy-cell"][data-weekday="3"][data-lesson="4"][data-busy="unavailable"]').waitFor();
    await app.screenshot('timetable-5-busy-times');
    await page.keyboard.press('Escape');
    await panelCard(refused.id).click();
    await expect.poll(() => cell(3, 4).getAttribute('data-target')).toBe('clash');
    await page.getByTestId('tt-grid').focus();
    await page.keyboard.press('Escape');

    // Rules: a value that is not a number is named and nothing is saved; the deputy's parallel's limit is.
    await page.getByTestId('tt-more').click();
    await page.getByTestId('tt-open-rules').click();
    const stored = () => (app.db.raw.prepare('SELECT rules FROM timetable WHERE id = ?').get(timetableId) as { rules: string }).rules;
    const before = stored();
    await page.getByTestId('tt-rule-dailyMax.5').fill('шесть');
    await page.getByTestId('tt-rules-save').click();
    await page.getByTestId('tt-rules-local').waitFor();
    expect(stored()).toBe(before);
    await page.getByTestId('tt-rule-dailyMax.5').fill('5');
    await app.screenshot('timetable-6-rules');
    await page.getByTestId('tt-rules-save').click();
    await expect.poll(() => JSON.parse(stored() || '{}').dailyMax?.['5']).toBe(5);
    expect(app.pageErrors).toEqual([]);
  }, 120_000);
});
