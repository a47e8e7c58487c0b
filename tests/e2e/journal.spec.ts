// The journal read-only in the app (issue 10 point 5), at 1366×768 on the 1000-student demo school
// with a quarter and a half of algebra in 7Б (and 7А) inserted as sync would bring it: the class
// journal (marks and letters in their cells, keyboard, search, sort), the student's marks card,
// the mark-change log filtered by teacher. Screenshots: tests/artifacts/journal-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickOption, signIn, startApp, type App } from './harness';
import { seedJournal, type JournalSeed } from '../support/journal';
import { absenceKinds, markValues } from '../../electron/api/enums';

let app: App;
let seed: JournalSeed;
let algebraTeacher: { id: string; name: string };
/** Mark changes seeded for the algebra teacher of 7Б (the log's filter by teacher finds exactly these). */
let teacherChanges = 0;
const ids = {} as Record<'c7b' | 'c7a' | 'algebra' | 'year' | 'q1' | 'q2', string>;

const one = <R>(sql: string, ...p: unknown[]) => app.db.raw.prepare(sql).get(...p) as R;

beforeAll(async () => {
  app = await startApp({ demo: true });
}, 300_000);
afterAll(async () => {
  await app?.close();
});

/** The cell of a student and a lesson, once its row and column are rendered. */
const cell = (studentId: string, lessonId: string) => app.page.locator(`[data-testid="journal-row"][data-student="${studentId}"] [data-testid="journal-cell"][data-lesson="${lessonId}"]`);

describe('journal', () => {
  it('says there is no journal data before sync, pointing to «Синхронизация»', async () => {
    const { page } = app;
    await signIn(page, 'admin', app.users.admin!.password);
    await page.getByTestId('nav-class').click();
    await page.getByTestId('journal-empty').waitFor();
    expect(await page.getByTestId('journal-go-sync').getAttribute('href')).toBe('#/sync');
    await app.screenshot('journal-0-no-data');
  }, 120_000);

  it('shows the class journal of 7Б, algebra, 1st quarter: marks and letters in their cells', async () => {
    const { page } = app;
    ids.c7b = one<{ id: string }>(`SELECT id FROM school_class WHERE grade = 7 AND letter = 'Б'`).id;
    ids.c7a = one<{ id: string }>(`SELECT id FROM school_class WHERE grade = 7 AND letter = 'А'`).id;
    ids.algebra = one<{ id: string }>(`SELECT id FROM subject WHERE name = 'Алгебра'`).id;
    ids.year = one<{ id: string }>(`SELECT id FROM academic_year WHERE is_current = 1`).id;
    ids.q1 = one<{ id: string }>(`SELECT id FROM study_period WHERE name = '1 четверть'`).id;
    ids.q2 = one<{ id: string }>(`SELECT id FROM study_period WHERE name = '2 четверть'`).id;
    algebraTeacher = one<{ id: string; name: string }>(
      `SELECT s.id, s.last_name || ' ' || s.first_name || coalesce(' ' || s.middle_name, '') AS name FROM teaching_assignment a JOIN staff s ON s.id = a.teacher_id WHERE a.class_id = ? AND a.subject_id = ?`,
      ids.c7b,
      ids.algebra,
    );
    const other = one<{ id: string }>(`SELECT id FROM staff WHERE id <> ? AND deleted_at IS NULL ORDER BY last_name LIMIT 1`, algebraTeacher.id).id;
    seed = seedJournal(app.db, { classId: ids.c7b, subjectId: ids.algebra, teacherId: algebraTeacher.id, substituteId: other, from: '2026-09-01', to: '2026-10-24', periodId: ids.q1, yearId: ids.year });
    teacherChanges += seed.changes.length;
    teacherChanges += seedJournal(app.db, { classId: ids.c7b, subjectId: ids.algebra, teacherId: algebraTeacher.id, from: '2026-11-05', to: '2026-11-30', seed: 1 }).changes.length;
    // 7А: the same subject by another teacher, whose changes the log's filter leaves out.
    seedJournal(app.db, { classId: ids.c7a, subjectId: ids.algebra, teacherId: other, from: '2026-09-01', to: '2026-10-24', seed: 2, periodId: ids.q1, yearId: ids.year });
    await page.reload();
    await page.getByTestId('header-school').waitFor();

    await pickOption(page, 'journal-class', '7Б', { type: '7Б' });
    await pickOption(page, 'journal-subject', 'Алгебра', { type: 'Алгебра' });
    await pickOption(page, 'journal-period', '1 четверть');
    await page.getByTestId('journal-row').first().waitFor();
    const first = seed.lessons[0]!;
    await page.locator(`[data-testid="journal-grid"] [role="columnheader"][data-lesson="${first.id}"]`).waitFor();
    expect(await page.locator(`[role="columnheader"][data-lesson="${first.id}"]`).textContent()).toBe('02.09ср'); // Wednesday, 2.09.2026

    // Marks of the first lessons for the students in view (the grid's first rows and columns).
    const shownRows = await page.getByTestId('journal-row').evaluateAll((rs) => rs.map((r) => (r as unknown as { dataset: { student: string } }).dataset.student));
    const early = new Set(seed.lessons.slice(0, 6).map((l) => l.id));
    const marks = seed.marks.filter((m) => early.has(m.lessonId!) && shownRows.slice(0, 10).includes(m.studentId));
    expect(marks.length).toBeGreaterThan(3);
    for (const m of marks) expect(await cell(m.studentId, m.lessonId!).textContent()).toContain(markValues.labels[m.value]);
    // A test (weight 2) is marked as heavier, its kind in the title.
    const heavy = seed.marks.find((m) => m.weight > 1 && early.has(m.lessonId!) && shownRows.slice(0, 10).includes(m.studentId));
    if (heavy) expect(await cell(heavy.studentId, heavy.lessonId!).locator('[data-weight="2"]').getAttribute('title')).toMatch(/Контрольная работа, вес 2/);
    const absences = seed.absences.filter((a) => early.has(a.lessonId) && shownRows.slice(0, 10).includes(a.studentId));
    expect(absences.length).toBeGreaterThan(0);
    for (const a of absences) expect(await cell(a.studentId, a.lessonId).textContent()).toContain(absenceKinds.labels[a.kind]);
    // A cell with no mark and no absence is empty.
    const blank = seed.lessons.slice(0, 6).find((l) => l.status === 'held' && !seed.marks.some((m) => m.lessonId === l.id && m.studentId === shownRows[0]) && !seed.absences.some((a) => a.lessonId === l.id && a.studentId === shownRows[0]));
    if (blank) expect(((await cell(shownRows[0]!, blank.id).textContent()) ?? '').trim()).toBe('');
    // Virtualized both ways: not every student and lesson is in the DOM.
    expect(await page.getByTestId('journal-row').count()).toBeLessThan(seed.rosterOn('2026-10-23').length + 1);
    expect(await page.locator('[data-testid="journal-grid"] [role="columnheader"][data-lesson]').count()).toBeLessThan(seed.lessons.length);
    await app.screenshot('journal-1-class-7b-algebra-q1');
  }, 180_000);

  it('moves the focused cell with the arrow keys and shows the lesson’s topic and homework', async () => {
    const { page } = app;
    // A click focuses that cell (here the third row's fourth), the keys move from there.
    await page.getByTestId('journal-row').nth(2).getByTestId('journal-cell').nth(3).click();
    await expect.poll(() => page.locator('[data-testid="journal-cell"][data-focused="true"]').getAttribute('data-c')).toBe('3');
    expect(await page.locator('[data-testid="journal-cell"][data-focused="true"]').getAttribute('data-r')).toBe('2');
    const firstRow = page.getByTestId('journal-row').first();
    await firstRow.getByTestId('journal-cell').first().click();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    const focused = page.locator('[data-testid="journal-cell"][data-focused="true"]');
    await expect.poll(() => focused.getAttribute('data-c')).toBe('2');
    expect(await focused.getAttribute('data-r')).toBe('1');
    expect(await focused.getAttribute('data-lesson')).toBe(seed.lessons[2]!.id);
    // The strip above the grid tells the focused lesson (the pointer is moved away from the grid first).
    await page.mouse.move(5, 5);
    await expect.poll(() => page.getByTestId('journal-lesson-topic').textContent()).toBe(seed.lessons[2]!.topic);
    expect(await page.getByTestId('journal-lesson-homework').textContent()).toBe(seed.lessons[2]!.homework);
    // End: the last lesson, scrolled into view.
    await page.keyboard.press('End');
    const last = seed.lessons.at(-1)!;
    await expect.poll(() => page.locator('[data-testid="journal-cell"][data-focused="true"]').getAttribute('data-lesson')).toBe(last.id);
    await page.locator(`[role="columnheader"][data-lesson="${last.id}"]`).waitFor();
    const box = await page.locator('[data-testid="journal-cell"][data-focused="true"]').boundingBox();
    const grid = await page.getByTestId('journal-grid').boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(grid!.x + grid!.width);
    await page.keyboard.press('Home');
    await expect.poll(() => page.locator('[data-testid="journal-cell"][data-focused="true"]').getAttribute('data-c')).toBe('0');
    await app.screenshot('journal-2-keyboard');
  }, 120_000);

  it('finds a student with Ctrl+F and sorts by the average', async () => {
    const { page } = app;
    const names = await page.getByTestId('journal-name').allTextContents();
    const target = names[3]!;
    await page.getByTestId('journal-grid').focus();
    await page.keyboard.press('Control+f');
    await expect.poll(() => page.evaluate("document.activeElement?.getAttribute('data-testid')")).toBe('journal-search');
    await page.keyboard.type(target.split(' ').slice(0, 2).join(' '));
    await expect.poll(() => page.getByTestId('journal-name').allTextContents()).toEqual([target]);
    await page.getByTestId('journal-search').fill('');
    await page.getByTestId('journal-sort').getByText('По среднему').click();
    await expect.poll(async () => {
      const w = await page.getByTestId('journal-wavg').allTextContents();
      const nums = w.map((x) => (x === '—' ? -1 : Number(x.replace(',', '.'))));
      return nums.length > 3 && nums.every((x, i) => i === 0 || nums[i - 1]! >= x);
    }).toBe(true);
    await app.screenshot('journal-3-sorted');
    await page.getByTestId('journal-sort').getByText('По ФИО').click();
    await page.getByTestId('journal-tab-topics').click();
    await page.getByTestId('journal-topics').waitFor();
    expect(await page.getByTestId('journal-topics').textContent()).toContain(seed.lessons[0]!.topic);
    await app.screenshot('journal-4-topics');
    await page.getByTestId('journal-tab-grid').click();
  }, 120_000);

  it("shows a student's marks card from the student's card", async () => {
    const { page } = app;
    const student = seed.rosterOn('2026-10-23')[0]!;
    const name = one<{ n: string }>(`SELECT last_name || ' ' || first_name || coalesce(' ' || middle_name, '') AS n FROM student WHERE id = ?`, student).n;
    await page.getByTestId('nav-students').click();
    await page.getByTestId('students-search').fill(name);
    await page.getByTestId('students-table').getByTestId('vt-row').filter({ hasText: name }).first().click();
    await page.getByTestId('student-drawer').getByTestId('student-lastName').waitFor();
    await page.getByTestId('student-marks-open').click();
    await page.getByTestId('student-marks-period').waitFor();
    // The current period first (2 четверть), then the 1st quarter.
    await pickOption(page, 'student-marks-period', '1 четверть');
    const row = page.locator('[data-testid="student-marks-row"][data-subject="Алгебра"]');
    await row.waitFor();
    const mine = seed.marks.filter((m) => m.studentId === student);
    await expect.poll(() => row.getByTestId('student-mark').count()).toBe(mine.length);
    expect(await row.getByTestId('student-mark').first().textContent()).toContain(markValues.labels[mine[0]!.value]);
    expect(await row.getByTestId('student-mark').first().textContent()).toContain(`${mine[0]!.date.slice(8, 10)}.${mine[0]!.date.slice(5, 7)}`);
    await app.screenshot('journal-5-student-marks');
    await page.keyboard.press('Escape');
    await page.getByTestId('student-marks-period').waitFor({ state: 'detached' });
  }, 120_000);

  it('keeps a whole year of a class light: virtualized both ways, the last lesson reached by the keyboard', async () => {
    const { page } = app;
    // 7В: algebra every school day of the year (≈ 185 lessons), the year's view.
    const c7v = one<{ id: string }>(`SELECT id FROM school_class WHERE grade = 7 AND letter = 'В'`).id;
    const year = seedJournal(app.db, { classId: c7v, subjectId: ids.algebra, teacherId: algebraTeacher.id, from: '2026-09-01', to: '2027-05-26', weekdays: [1, 2, 3, 4, 5], seed: 3, periodId: ids.q1, yearId: ids.year });
    expect(year.lessons.length).toBeGreaterThan(140);
    teacherChanges += year.changes.length;
    await page.getByTestId('nav-class').click();
    await pickOption(page, 'journal-class', '7В', { type: '7В' });
    await pickOption(page, 'journal-subject', 'Алгебра', { type: 'Алгебра' });
    const started = Date.now();
    await pickOption(page, 'journal-period', 'Весь год');
    await page.locator(`[role="columnheader"][data-lesson="${year.lessons[0]!.id}"]`).waitFor();
    console.log(`journal: a year of 7В algebra (${year.lessons.length} lessons × ${year.rosterOn('2026-09-01').length} students, ${year.marks.length} marks) shown in ${Date.now() - started} ms`);
    const cells = await page.getByTestId('journal-cell').count();
    expect(cells).toBeGreaterThan(50);
    expect(cells).toBeLessThan(900); // of ≈ 5500
    await page.getByTestId('journal-row').first().getByTestId('journal-cell').first().click();
    await page.keyboard.press('Control+End');
    const last = year.lessons.at(-1)!;
    await expect.poll(() => page.locator('[data-testid="journal-cell"][data-focused="true"]').getAttribute('data-lesson')).toBe(last.id);
    await page.mouse.move(5, 5);
    await expect.poll(() => page.getByTestId('journal-lesson-topic').textContent()).toBe(last.topic);
    await app.screenshot('journal-7-year-end');
  }, 180_000);

  it('lists the mark changes filtered by teacher', async () => {
    const { page } = app;
    await page.keyboard.press('Escape');
    await page.getByTestId('nav-changes').click();
    await page.getByTestId('changes-table').getByTestId('vt-row').first().waitFor();
    const all = await app.call('journal.changes', { limit: 1 });
    await expect.poll(() => page.getByTestId('changes-total').textContent()).toMatch(new RegExp(`^${all.total}`));
    await pickOption(page, 'changes-teacher', algebraTeacher.name, { type: algebraTeacher.name.split(' ')[0] });
    await expect.poll(() => page.getByTestId('changes-total').textContent()).toBe(`Найдено: ${teacherChanges}`);
    const shown = await page
      .getByTestId('changes-table')
      .getByTestId('vt-row')
      .evaluateAll((rows: { querySelectorAll(sel: string): ArrayLike<{ textContent: string | null }> }[]) =>
        rows.map((r) => Array.from(r.querySelectorAll('[role=cell]'), (c) => (c.textContent ?? '').trim())),
      );
    expect(shown.length).toBeGreaterThan(5);
    const [last, ...rest] = algebraTeacher.name.split(' ');
    expect(shown.every((cells) => cells[1] === `${last} ${rest.map((w) => `${w[0]}.`).join(' ')}`)).toBe(true);
    expect(shown.every((cells) => cells[3] === '7Б' || cells[3] === '7В')).toBe(true);
    const latest = seed.changes.length ? (await app.call('journal.changes', { teacherId: algebraTeacher.id, limit: 1 })).rows[0]! : null;
    expect(shown[0]![6]).toBe(`${markValues.labels[latest!.oldValue!]}${markValues.labels[latest!.newValue!]}`);
    await app.screenshot('journal-6-changes-by-teacher');
    expect(app.pageErrors).toEqual([]);
  }, 120_000);
});
