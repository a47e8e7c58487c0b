// «Ход сдачи бумажных копий» in the app (issue 14 points 1–2) at 1366×768, the app's today 31.12.2026:
// day 3 of the winter holidays after «2 четверть» (ended 28.12). 36 classes (1–9 А–Г), a few steps
// already done, the rest late; a late step marked done from the board (the out-of-order warning, the
// date prefilled), undone and brought back, a sheet signed in the class's drawer, the day-1 check per
// teacher, the ББЖ switch. Screenshots: tests/artifacts/paper-board-day3.png, paper-board-drawer.png,
// paper-board-check.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startApp, type App } from './harness';
import { uuidv7 } from '../../db/ids';

let app: App;
const id: Record<string, string> = {};
let q2 = '';
const teachers: string[] = [];

beforeAll(async () => {
  app = await startApp({ admin: true, now: () => new Date('2026-12-31T09:00:00Z') });
  const { call } = app;
  await call('app.createSchool', { fullName: 'МБОУ «Средняя общеобразовательная школа № 5»', shortName: 'Школа № 5' });
  await call('years.save', await call('years.suggest', { startYear: 2026 }));
  await call('subjects.addStandard');
  await call('classes.createMany', { gradeFrom: 1, gradeTo: 9, letters: ['А', 'Б', 'В', 'Г'], shift: 1 });
  for (const c of await call('classes.list')) id[c.name] = c.id;
  for (const s of await call('subjects.list')) id[s.name] = s.id;
  const people = [
    ['Иванова', 'Мария', 'Петровна'],
    ['Петров', 'Олег', 'Сергеевич'],
    ['Сидорова', 'Анна', 'Ильинична'],
    ['Кузьмин', 'Павел', 'Андреевич'],
    ['Орлова', 'Нина', 'Васильевна'],
    ['Белова', 'Ольга', 'Романовна'],
  ];
  for (const [lastName, firstName, middleName] of people)
    teachers.push(
      (
        await call('staff.save', {
          lastName: lastName!, firstName: firstName!, middleName: middleName!, birthDate: null, gender: null, snils: null, phone: null, email: null,
          position: 'Учитель', roles: ['teacher'], deputyGrades: [], subjects: [], rateHours: 18,
        })
      ).id,
    );
  for (const [lastName, grades] of [['Соколова', [5, 6, 7, 8, 9]], ['Лебедева', [1, 2, 3, 4]]] as const)
    await call('staff.save', {
      lastName, firstName: 'Елена', middleName: 'Ивановна', birthDate: null, gender: 'f', snils: null, phone: null, email: null,
      position: 'Заместитель директора по УВР', roles: ['deputy'], deputyGrades: [...grades], subjects: [], rateHours: 0,
    });
  q2 = (app.db.raw.prepare(`SELECT id FROM study_period WHERE name = '2 четверть'`).get() as { id: string }).id;
  const names = Object.keys(id).filter((n) => /^\d[А-Г]$/.test(n));
  const at = '2026-12-20T10:00:00.000Z';
  const lesson = app.db.raw.prepare(
    `INSERT INTO lesson (id, created_at, updated_at, date, lesson_no, class_id, subject_id, teacher_id, topic, homework, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 'held')`,
  );
  names.forEach((n, k) => {
    app.db.raw.prepare(`UPDATE school_class SET class_teacher_id = ? WHERE id = ?`).run(teachers[k % teachers.length], id[n]);
    lesson.run(uuidv7(), at, at, '2026-12-01', 1, id[n], id['Русский язык'], teachers[k % 6], 'Повторение');
    lesson.run(uuidv7(), at, at, '2026-12-02', 2, id[n], id['Математика'], teachers[(k + 1) % 6], k % 5 === 0 ? null : 'Дроби');
    lesson.run(uuidv7(), at, at, '2026-12-03', 3, id[n], id['Физическая культура'], teachers[(k + 2) % 6], 'Эстафета');
  });
  // Done already: 1А–4Г checked on day 1 and printed on day 2; 1А–2Г signed on day 3.
  for (const n of names.filter((x) => Number(x[0]) <= 4)) {
    await call('paper.doStep', { classId: id[n]!, periodId: q2, step: 'checked', date: '2026-12-29' });
    await call('paper.doStep', { classId: id[n]!, periodId: q2, step: 'printed', date: '2026-12-30' });
    if (Number(n[0]) <= 2) await call('paper.doStep', { classId: id[n]!, periodId: q2, step: 'signed', date: '2026-12-31' });
  }
  await call('paper.doStep', { classId: id['5А']!, periodId: q2, step: 'checked', date: '2026-12-30' }); // a day late
}, 300_000);
afterAll(async () => {
  await app?.close();
});

const row = (cls: string) => app.page.locator(`[data-testid=board-row][data-class="${cls}"]`);

describe('the board of paper copies, day 3 of the winter holidays', () => {
  it('shows every class of the quarter with its steps: done, due, late in red', async () => {
    const { page } = app;
    await signIn(page, 'admin', app.users.admin!.password);
    await page.evaluate("location.hash = '/paper'");
    await page.locator('[data-testid=board-table][data-loaded]').waitFor();
    expect(await page.getByTestId('board-period').inputValue()).toBe('2 четверть (1–9 кл.), до 28.12.2026');
    await expect.poll(() => page.getByTestId('board-row').count()).toBe(36);
    // 7Б: checked (due 29.12) and printed (due 30.12) late; signed due today; 1А: three steps done.
    expect(await row('7Б').getByTestId('step-checked').getAttribute('data-state')).toBe('late');
    expect(await row('7Б').getByTestId('step-printed').getAttribute('data-state')).toBe('late');
    expect(await row('7Б').getByTestId('step-signed').getAttribute('data-state')).toBe('due');
    expect(await row('1А').getByTestId('step-signed').getAttribute('data-state')).toBe('done');
    expect(await row('5А').getByTestId('step-checked').getAttribute('data-state')).toBe('done');
    // Late: 5–9 (20 classes) × 2 but 5А's checked; 3–4 (8 classes) none (signed is due today).
    expect(await page.getByTestId('board-late-total').textContent()).toContain('просрочено шагов: 39');
    // The late parallels in view (the table scrolls inside the page).
    await row('7Б').scrollIntoViewIfNeeded();
    await app.screenshot('paper-board-day3');
  }, 180_000);

  it('marks a late step done with today prefilled, warning that an earlier step is not done; undoes it and brings it back', async () => {
    const { page } = app;
    await row('7Б').getByTestId('step-printed').click();
    await page.getByRole('dialog').waitFor();
    expect(await page.getByTestId('out-of-order').textContent()).toContain('«Отметки проверены»');
    expect(await page.getByTestId('step-date').inputValue()).toBe('31.12.2026');
    await page.getByTestId('step-save').click();
    await expect.poll(() => row('7Б').getByTestId('step-printed').getAttribute('data-state')).toBe('done');
    const step = app.db.raw.prepare(`SELECT done_at, done_by FROM paper_step WHERE class_id = ? AND step = 'printed' AND deleted_at IS NULL`).get(id['7Б']) as { done_at: string; done_by: string };
    expect(step).toEqual({ done_at: '2026-12-31', done_by: 'Орлова Марина Викторовна' });
    // Undo (confirmed in the dialog), then «Вернуть».
    await row('7Б').getByTestId('step-printed').click();
    await page.getByTestId('step-undo').click();
    await page.getByTestId('undo-notice').waitFor();
    await expect.poll(() => row('7Б').getByTestId('step-printed').getAttribute('data-state')).toBe('late');
    await page.getByTestId('undo-redo').click();
    await expect.poll(() => row('7Б').getByTestId('step-printed').getAttribute('data-state')).toBe('done');
  }, 120_000);

  it('finds a class by its name and records a teacher’s signature in the class’s drawer', async () => {
    const { page } = app;
    await page.getByTestId('board-search').fill('3в');
    await expect.poll(() => page.getByTestId('board-row').count()).toBe(1);
    await row('3В').getByTestId('board-class').click();
    await page.getByTestId('sheets-table').waitFor();
    expect(await page.getByTestId('sheet-row').count()).toBe(3);
    await page.getByTestId('sheet-row').first().getByTestId('sheet-sign').click();
    await expect.poll(() => page.getByTestId('sheet-row').first().textContent()).toContain('✓ 31.12.2026');
    await app.screenshot('paper-board-drawer');
    await page.keyboard.press('Escape');
    await page.getByTestId('board-search').fill('');
  }, 120_000);

  it('lists the day-1 check per teacher', async () => {
    const { page } = app;
    await page.getByTestId('tab-check').click();
    await page.getByTestId('check-panel').waitFor();
    // Математика without a topic in every fifth class (1А, 2Б, 3В, 4Г, 6А, 7Б, 8В, 9Г).
    expect(await page.getByTestId('check-panel').textContent()).toContain('урок без темы — 8');
    expect(await page.getByTestId('check-teacher').count()).toBeGreaterThan(1);
    await app.screenshot('paper-board-check');
  }, 120_000);

  it('switches the board off for a school without a paper journal (ББЖ), after a confirmation', async () => {
    const { page } = app;
    await page.getByTestId('paper-journal-switch').click();
    await page.getByTestId('bbzh-confirm').click();
    await page.getByTestId('bbzh-off').waitFor();
    expect(await page.getByTestId('board-table').count()).toBe(0);
    expect((app.db.raw.prepare(`SELECT paper_journal FROM school`).get() as { paper_journal: number }).paper_journal).toBe(0);
    expect(app.pageErrors).toEqual([]);
  }, 120_000);
});
