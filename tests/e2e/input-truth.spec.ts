// Issue 8, point 1 and 2, through the UI at 1366×768 on the demo school: nothing is saved but what the
// field shows. Each finding is repeated — a value out of range, a text too long, a wrong letter, a huge
// number, an empty required field — and after each the field still shows what was typed, a Russian
// message stands next to it, nothing reached the core (checked through the API), and after a reload
// the old value is still there. A date typed key by key with its dots is saved. Then: unsaved changes
// are never lost silently (the curriculum grid and a modal ask before they are left).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Locator } from 'playwright-core';
import { pickOption, signIn, startApp, messageOf, type App } from './harness';

let app: App;
/** Dialogs the browser showed (a reload with unsaved edits asks «beforeunload»). */
const dialogs: string[] = [];

beforeAll(async () => {
  app = await startApp({ demo: true, viewport: { width: 1366, height: 768 } });
  app.page.on('dialog', (d) => {
    dialogs.push(d.type());
    void d.accept();
  });
  await signIn(app.page, 'admin', app.users.admin!.password);
}, 240_000);
afterAll(async () => {
  await app?.close();
});

/** The browser's own validation bubble text for the field ('' when the page never asks the browser to check). */
const nativeMessage = (field: Locator) => field.evaluate((el: { validationMessage: string }) => el.validationMessage);

/** Types into a field key by key, as a person does, replacing what it holds. */
async function typeInto(field: Locator, text: string) {
  await field.click();
  await field.press('Control+A');
  await field.press('Delete');
  await app.page.keyboard.type(text);
}

/** Each test starts on a freshly loaded page: what one test leaves open does not hide the next one's result. */
async function fresh() {
  await reload();
}

async function reload() {
  const { page } = app;
  await page.reload();
  await page.getByTestId('header-school').waitFor({ timeout: 60_000 });
}
const go = async (nav: string) => {
  await app.page.getByTestId(`nav-${nav}`).click();
};
const fmt = (n: number) => String(n).replace('.', ',');

describe('nothing is saved but what is shown', () => {
  it('curriculum cells keep 99, 45 and −2, name the range and refuse the save; after a reload the old hours are there', async () => {
    const { page } = app;
    await fresh();
    const grid = await app.call('curriculum.grid');
    const cell = grid.cells.find((c) => c.hours > 0)!;
    const cls = grid.classes.find((c) => c.id === cell.classId)!;
    const subject = grid.subjects.find((s) => s.id === cell.subjectId)!;
    await go('curriculum');
    const input = page.getByLabel(`${subject.name}, ${cls.name}`, { exact: true });
    await input.waitFor();
    expect(await input.inputValue()).toBe(fmt(cell.hours));

    for (const [typed, message] of [
      ['99', 'Не больше 40 часов'],
      ['45', 'Не больше 40 часов'],
      ['-2', 'Не меньше 0 часов'],
    ] as const) {
      await typeInto(input, typed);
      expect(await input.inputValue()).toBe(typed);
      expect(await input.getAttribute('aria-invalid')).toBe('true');
      // Next to the cell while it has the cursor, and in the list above the grid.
      await expect.poll(() => page.getByTestId('cell-error').textContent()).toBe(message);
      await expect.poll(() => page.getByTestId('curriculum-invalid').textContent()).toContain(`${subject.name}, ${cls.name}: ${message}`);
      if (typed === '99') await app.screenshot('input-1-curriculum-99');
      await page.getByTestId('curriculum-save').click();
      expect(await input.inputValue()).toBe(typed);
      const stored = (await app.call('curriculum.grid')).cells.find((c) => c.classId === cell.classId && c.subjectId === cell.subjectId);
      expect(stored?.hours).toBe(cell.hours);
    }
    // The page holds unsaved edits: the reload asks (beforeunload), then the stored hours are shown.
    dialogs.length = 0;
    await reload();
    expect(dialogs).toContain('beforeunload');
    await go('curriculum');
    await input.waitFor();
    expect(await input.inputValue()).toBe(fmt(cell.hours));
  }, 180_000);

  it('«Назначить нагрузку» keeps −3 h with «Не меньше 0,5 часа» and saves nothing; Escape after the edit asks first', async () => {
    const { page } = app;
    await fresh();
    const before = await app.call('assignments.list', {});
    const staff = (await app.call('staff.list', {})).find((s) => s.roles.includes('teacher'))!;
    const grid = await app.call('curriculum.grid');
    const cls = grid.classes[0]!;
    const subject = grid.subjects[0]!;
    await go('workload');
    await page.getByTestId('assignment-add').click();
    const modal = page.getByTestId('assignment-modal');
    await pickOption(page, 'as-teacher', staff.fullName, { type: staff.lastName });
    await pickOption(page, 'as-class', new RegExp(`^${cls.name}$`), { type: cls.name });
    await pickOption(page, 'as-subject', subject.name, { type: subject.name });
    const hours = modal.getByTestId('as-hours');
    await typeInto(hours, '-3');
    expect(await hours.inputValue()).toBe('-3');
    await expect.poll(() => messageOf(hours)).toContain('Не меньше 0,5 часа');
    await modal.getByTestId('as-save').click();
    await app.screenshot('input-2-assignment-minus-3');
    expect(await hours.inputValue()).toBe('-3');
    expect((await app.call('assignments.list', {})).length).toBe(before.length);

    // Escape with an edit: the question; «Остаться» keeps the form as it was.
    await page.keyboard.press('Escape');
    await page.getByTestId('unsaved-dialog').getByText('Есть несохранённые изменения').waitFor();
    await app.screenshot('input-13-modal-escape-asks');
    await page.getByTestId('unsaved-stay').click();
    await page.getByTestId('unsaved-stay').waitFor({ state: 'hidden' });
    expect(await hours.inputValue()).toBe('-3');
    // «Не сохранять» closes it; nothing was saved.
    await page.keyboard.press('Escape');
    await page.getByTestId('unsaved-discard').click();
    await modal.waitFor({ state: 'hidden' });
    expect((await app.call('assignments.list', {})).length).toBe(before.length);
    await reload();
    expect((await app.call('assignments.list', {})).length).toBe(before.length);
  }, 180_000);

  it('staff «Ставка» keeps −5 and 1e400 with their messages; nothing is saved; the card shows the old rate after a reload', async () => {
    const { page } = app;
    await fresh();
    const person = (await app.call('staff.list', {})).find((s) => s.roles.includes('teacher') && s.rateHours > 0)!;
    await go('staff');
    await page.getByTestId('staff-search').fill(person.lastName);
    await page.getByTestId('staff-table').getByTestId('vt-row').filter({ hasText: person.fullName }).first().click();
    const rate = page.getByTestId('staff-rate');
    await rate.waitFor();
    expect(await rate.inputValue()).toBe(fmt(person.rateHours));
    await typeInto(rate, '-5');
    await expect.poll(() => messageOf(rate)).toContain('Не меньше 0 часов');
    await page.getByTestId('staff-save').click();
    await app.screenshot('input-3-staff-rate-minus-5');
    expect(await rate.inputValue()).toBe('-5');
    expect((await app.call('staff.list', {})).find((s) => s.id === person.id)!.rateHours).toBe(person.rateHours);

    // A huge number is named, never turned into another one.
    await typeInto(rate, '1e400');
    expect(await rate.inputValue()).toBe('1e400');
    await expect.poll(() => messageOf(rate)).toContain('Введите число цифрами');
    // Pasted, not typed: 401 keystrokes would re-check the form 401 times for the same end.
    await rate.fill('1' + '0'.repeat(400));
    await expect.poll(() => messageOf(rate)).toContain('Не больше 60 часов');
    await app.screenshot('input-9-huge-number');
    await page.getByTestId('staff-save').click();
    expect((await app.call('staff.list', {})).find((s) => s.id === person.id)!.rateHours).toBe(person.rateHours);

    // A refusal of the core (a wrong СНИЛС) stands next to its field too, not only in the banner.
    await typeInto(rate, '18');
    const snils = page.getByTestId('staff-snils');
    await snils.fill('123');
    await page.getByTestId('staff-save').click();
    await expect.poll(() => messageOf(snils)).toContain('СНИЛС «123» должен содержать 11 цифр');
    expect((await app.call('staff.list', {})).find((s) => s.id === person.id)!.snils).toBe(person.snils);

    // «Отмена» with an edit asks; «Не сохранять» closes.
    await page.getByTestId('staff-cancel').click();
    await page.getByTestId('unsaved-discard').click();
    await page.getByTestId('staff-modal').waitFor({ state: 'hidden' });
    await reload();
    await go('staff');
    await page.getByTestId('staff-search').fill(person.lastName);
    await page.getByTestId('staff-table').getByTestId('vt-row').filter({ hasText: person.fullName }).first().click();
    expect(await page.getByTestId('staff-rate').inputValue()).toBe(fmt(person.rateHours));
    await page.keyboard.press('Escape');
    await page.getByTestId('staff-modal').waitFor({ state: 'hidden' });
  }, 180_000);

  it('room seats −10 stay −10 with «Не меньше 1 места»; the room is not created', async () => {
    const { page } = app;
    await fresh();
    const before = await app.call('rooms.list');
    await go('rooms');
    await page.getByTestId('rooms-add').click();
    await page.getByTestId('room-number').fill('777');
    const seats = page.getByTestId('room-capacity');
    await typeInto(seats, '-10');
    await expect.poll(() => messageOf(seats)).toContain('Не меньше 1 места');
    await page.getByTestId('room-save').click();
    await app.screenshot('input-4-room-seats-minus-10');
    expect(await seats.inputValue()).toBe('-10');
    expect((await app.call('rooms.list')).length).toBe(before.length);
    await page.keyboard.press('Escape');
    await page.getByTestId('unsaved-discard').click();
    await reload();
    expect((await app.call('rooms.list')).some((r) => r.number === '777')).toBe(false);
  }, 180_000);

  it('a 5000-character school name is kept whole, named too long, and not saved', async () => {
    const { page } = app;
    await fresh();
    const school = (await app.call('school.get'))!;
    const long = 'Школа'.repeat(1000);
    await go('school');
    const name = page.getByTestId('school-fullName');
    await name.waitFor();
    await name.fill(long);
    expect((await name.inputValue()).length).toBe(5000);
    await expect.poll(() => messageOf(name)).toContain('не более 500 символов');
    await page.getByTestId('school-savebar').getByTestId('unsaved-state').waitFor();
    await page.getByTestId('school-save').click();
    await app.screenshot('input-5-school-name-5000');
    expect((await app.call('school.get'))!.fullName).toBe(school.fullName);
    // «Отменить изменения» brings back the stored name.
    await page.getByTestId('school-discard').click();
    expect(await name.inputValue()).toBe(school.fullName);
    await reload();
    await go('school');
    expect(await page.getByTestId('school-fullName').inputValue()).toBe(school.fullName);
    expect(await page.getByTestId('header-school').textContent()).toBe(school.shortName);
  }, 180_000);

  it('a 5000-character subject name, and an empty one: messages next to the field, never the browser bubble', async () => {
    const { page } = app;
    await fresh();
    const before = await app.call('subjects.list');
    await go('subjects');
    await page.getByTestId('subjects-add').click();
    const name = page.getByTestId('subject-name');
    await name.fill('Предмет'.repeat(715).slice(0, 5000));
    expect((await name.inputValue()).length).toBe(5000);
    await expect.poll(() => messageOf(name)).toContain('не более 150 символов');
    await page.getByTestId('subject-save').click();
    await app.screenshot('input-6-subject-name-5000');
    expect((await app.call('subjects.list')).length).toBe(before.length);

    // The required name left empty: our Russian message, no native validation at all.
    await name.fill('');
    await page.getByTestId('subject-save').click();
    await expect.poll(() => messageOf(name)).toContain('Заполните поле «Название»');
    expect(await nativeMessage(name)).toBe('');
    expect(await name.getAttribute('required')).toBe(null);
    await app.screenshot('input-10-required-empty');
    expect((await app.call('subjects.list')).length).toBe(before.length);
    await page.keyboard.press('Escape');
    await page.getByTestId('subject-modal').waitFor({ state: 'hidden' });
    await reload();
    expect((await app.call('subjects.list')).length).toBe(before.length);
  }, 180_000);

  it('a 5000-character surname on the student card is refused; a date typed key by key with dots is saved', async () => {
    const { page } = app;
    await fresh();
    const { id, fullName } = (await app.call('students.list', { limit: 1 })).rows[0]!;
    await go('students');
    await page.getByTestId('students-search').fill(fullName);
    const row = page.getByTestId('students-table').getByTestId('vt-row').filter({ hasText: fullName }).first();
    await row.waitFor();
    await row.click();
    const last = page.getByTestId('student-lastName');
    await last.waitFor();
    const student = await app.call('students.get', { id });
    await last.fill('Ф'.repeat(5000));
    expect((await last.inputValue()).length).toBe(5000);
    await expect.poll(() => messageOf(last)).toContain('не более 60 символов');
    await page.getByTestId('student-save').click();
    await app.screenshot('input-7-student-surname-5000');
    expect((await app.call('students.get', { id })).lastName).toBe(student.lastName);

    // The surname back; the birth date typed as everyone types it: 1, 2, ., 0, 5, ., 2, 0, 1, 9.
    await last.fill(student.lastName);
    const birth = page.getByTestId('student-birthDate');
    await typeInto(birth, '12.05.2019');
    expect(await birth.inputValue()).toBe('12.05.2019');
    // Digits only still get their dots.
    await typeInto(birth, '12052019');
    expect(await birth.inputValue()).toBe('12.05.2019');
    await app.screenshot('input-11-date-typed');
    await page.getByTestId('student-save').click();
    await last.waitFor({ state: 'hidden' });
    expect((await app.call('students.get', { id })).birthDate).toBe('2019-05-12');
    await reload();
    expect((await app.call('students.get', { id })).birthDate).toBe('2019-05-12');
    expect((await app.call('students.get', { id })).lastName).toBe(student.lastName);
  }, 180_000);

  it('a 40-letter class letter and a Latin one are named; no class is created', async () => {
    const { page } = app;
    await fresh();
    const before = await app.call('classes.list');
    await go('classes');
    const letters = page.getByTestId('classes-letters');
    await letters.waitFor();
    const forty = 'АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯАБВГДЕЖЗИЙК';
    expect(forty.length).toBe(40);
    await letters.fill(forty);
    expect(await letters.inputValue()).toBe(forty);
    await expect.poll(() => messageOf(letters)).toContain('не больше 2 букв');
    expect(await page.getByTestId('classes-create').isDisabled()).toBe(true);
    await letters.press('Enter');
    await app.screenshot('input-8-class-letter-40');
    await letters.fill('D');
    await expect.poll(() => messageOf(letters)).toContain('латинскими буквами');
    await letters.press('Enter');
    expect((await app.call('classes.list')).length).toBe(before.length);
    await reload();
    expect((await app.call('classes.list')).length).toBe(before.length);
  }, 180_000);
});

describe('unsaved changes are never lost silently', () => {
  it('the curriculum grid asks before another menu item; «Остаться» keeps the edits; «Не сохранять» leaves the old values', async () => {
    const { page } = app;
    await fresh();
    const grid = await app.call('curriculum.grid');
    const cell = grid.cells.find((c) => c.hours > 0 && c.hours < 40)!;
    const label = `${grid.subjects.find((s) => s.id === cell.subjectId)!.name}, ${grid.classes.find((c) => c.id === cell.classId)!.name}`;
    const stored = async () => (await app.call('curriculum.grid')).cells.find((c) => c.classId === cell.classId && c.subjectId === cell.subjectId)?.hours;
    // Two pages in this document's history, for the back button below.
    await go('school');
    await page.getByTestId('school-form').waitFor();
    await go('curriculum');
    const input = page.getByLabel(label, { exact: true });
    await input.waitFor();
    const edited = fmt(cell.hours + 1);
    await typeInto(input, edited);
    await page.getByTestId('curriculum-savebar').getByTestId('unsaved-state').waitFor();

    // Another menu item: the question, and the page stays until it is answered.
    await go('school');
    await page.getByTestId('unsaved-dialog').getByText('Есть несохранённые изменения').waitFor();
    await app.screenshot('input-12-unsaved-dialog');
    await page.getByTestId('unsaved-stay').click();
    expect(new URL(page.url()).hash).toBe('#/setup/curriculum');
    expect(await input.inputValue()).toBe(edited);

    // The browser's back button asks too.
    await page.goBack({ waitUntil: 'commit' });
    await page.getByTestId('unsaved-stay').waitFor();
    await page.getByTestId('unsaved-stay').click();
    expect(new URL(page.url()).hash).toBe('#/setup/curriculum');
    expect(await input.inputValue()).toBe(edited);

    // Leaving without saving: the school page, and the grid shows the stored hours again.
    await go('school');
    await page.getByTestId('unsaved-discard').click();
    await page.getByTestId('school-form').waitFor();
    expect(await stored()).toBe(cell.hours);
    await go('curriculum');
    await input.waitFor();
    expect(await input.inputValue()).toBe(fmt(cell.hours));

    // «Сохранить» in the question saves and goes on.
    await typeInto(input, edited);
    await go('school');
    await page.getByTestId('unsaved-save').click();
    await page.getByTestId('school-form').waitFor();
    expect(await stored()).toBe(cell.hours + 1);
    // And a page without edits is left without a question.
    await go('curriculum');
    await input.waitFor();
    await go('school');
    await page.getByTestId('school-form').waitFor();
    expect(await page.getByTestId('unsaved-stay').count()).toBe(0);
  }, 180_000);

  it('a half-corrected period on the year page asks before the page is left', async () => {
    const { page } = app;
    await fresh();
    const year = (await app.call('years.list')).find((y) => y.isCurrent)!;
    await go('year');
    const end = page.getByTestId('period-row-0').getByLabel('Окончание периода');
    await end.waitFor();
    await typeInto(end, '15.0');
    await go('bells');
    await page.getByTestId('unsaved-stay').waitFor();
    await page.getByTestId('unsaved-stay').click();
    expect(await end.inputValue()).toBe('15.0');
    await go('bells');
    await page.getByTestId('unsaved-discard').click();
    await page.getByTestId('bells-form').waitFor();
    expect((await app.call('years.list')).find((y) => y.id === year.id)!.periods[0]!.endDate).toBe(year.periods[0]!.endDate);
    expect(app.pageErrors).toEqual([]);
  }, 180_000);
});
