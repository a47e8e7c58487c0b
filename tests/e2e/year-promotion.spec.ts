// «Перевод и выпуск» (issue 15 point 3) at 1366×768 on the demo school on 31.05.2027, with two
// academic debts written as the debts page would (an open one in 5А: conditional; an open one in 9А:
// no decision). The page: the classes with their counts, a class's students, a 9th grader marked as
// leaving, «Подготовить приказы», the choice changed back in the draft, «Открыть приказы» showing the
// drafts, a graduation draft with its decisions in the orders page.
// Screenshots: tests/artifacts/year-promotion*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startApp, type App } from './harness';

let app: App;
const one = <R>(sql: string, ...p: unknown[]) => app.db.raw.prepare(sql).get(...p) as R;
let debtor: { id: string; name: string };
let leaver: { id: string; name: string };

beforeAll(async () => {
  app = await startApp({ demo: true, now: () => new Date('2027-05-31T09:00:00Z') });
  const firstOf = (cls: string) =>
    one<{ id: string; name: string; class_id: string; year_id: string }>(
      `SELECT s.id, s.last_name || ' ' || s.first_name || coalesce(' ' || s.middle_name, '') AS name, c.id AS class_id, c.year_id FROM class_membership m
       JOIN student s ON s.id = m.student_id JOIN school_class c ON c.id = m.class_id
       WHERE c.grade || c.letter = ? AND m.deleted_at IS NULL AND m.date_to IS NULL ORDER BY s.last_name, s.first_name, s.id LIMIT 1`,
      cls,
    );
  const subjectOf = (classId: string) =>
    one<{ id: string }>(`SELECT p.id FROM curriculum_item i JOIN subject p ON p.id = i.subject_id WHERE i.class_id = ? AND i.deleted_at IS NULL AND i.hours_per_week > 0 AND p.grading = 'five_point' ORDER BY p.sort_order LIMIT 1`, classId).id;
  const at = '2027-05-31T08:00:00.000Z';
  let n = 0;
  const debt = (s: { id: string; class_id: string; year_id: string }) =>
    app.db.raw
      .prepare(`INSERT INTO academic_debt (id, created_at, updated_at, student_id, subject_id, year_id, reason, recorded_on, status) VALUES (?, ?, ?, ?, ?, ?, 'unsatisfactory', '2027-05-25', 'open')`)
      .run(`debt-e2e-${++n}`, at, at, s.id, subjectOf(s.class_id), s.year_id);
  const s5 = firstOf('5А');
  debt(s5);
  debt(firstOf('9А'));
  debtor = s5;
  leaver = firstOf('9Б');
}, 300_000);
afterAll(async () => {
  await app?.close();
});

const decisionOf = (studentId: string) =>
  one<{ decision: string; status: string } | undefined>(
    `SELECT it.decision, o.status FROM order_item it JOIN school_order o ON o.id = it.order_id WHERE it.student_id = ? AND it.deleted_at IS NULL AND o.deleted_at IS NULL AND o.kind IN ('promotion','graduation')`,
    studentId,
  );

describe('перевод и выпуск', () => {
  it('shows the classes, takes the 9th graders’ choice, prepares the drafts and opens them', async () => {
    const { page } = app;
    await signIn(page, 'admin', app.users.admin!.password);
    await page.evaluate("location.hash = '/year-end/promotion'");
    await page.locator('[data-testid=promotion-page][data-loaded]').waitFor();
    const row5 = page.getByTestId('promotion-class').filter({ hasText: '5А' }).first();
    expect(await row5.textContent()).toContain('нет');
    await row5.click();
    await page.getByTestId('promotion-class-students').first().waitFor();
    expect(await page.getByTestId('promotion-class-students').first().textContent()).toContain(`${debtor.name}условно`);
    expect(await page.getByTestId('promotion-class').filter({ hasText: '9А' }).first().textContent()).toContain('без решения: 1');
    await app.screenshot('year-promotion');

    // Sort: the classes with debts first.
    await page.getByTestId('promotion-sort').click();
    await page.getByRole('option', { name: 'Сначала с задолженностями' }).click();
    await page.waitForFunction("document.querySelector('[data-testid=promotion-class]')?.textContent?.startsWith('5А') || document.querySelector('[data-testid=promotion-class]')?.textContent?.startsWith('9А')");

    // A 9th grader leaves; the choice waits for the drafts.
    await page.getByTestId('promotion-search').fill(leaver.name.split(' ')[0]!);
    const mine = page.getByTestId('promotion-ninth-row').filter({ hasText: leaver.name });
    await mine.getByText('Уходит').click();
    await page.getByTestId('promotion-leaving-note').waitFor();
    await page.getByTestId('promotion-search').fill('');
    await page.getByTestId('promotion-date').fill('31.05.2027');
    await page.getByTestId('promotion-basis').fill('Решение педагогического совета (протокол от 28.05.2027 № 9)');
    await page.getByTestId('promotion-make').click();
    await page.getByTestId('promotion-made').waitFor();
    expect(await page.getByTestId('promotion-made').textContent()).toContain('9А: нет решения для 1 обуч.');
    expect(decisionOf(leaver.id)).toEqual({ decision: 'graduated', status: 'draft' });
    expect(decisionOf(debtor.id)).toEqual({ decision: 'conditional', status: 'draft' });
    expect(await page.getByTestId('promotion-make').isDisabled()).toBe(true);
    await page.waitForFunction("[...document.querySelectorAll('[data-testid=promotion-class]')].every((r) => !r.textContent.includes('нет'))");
    await app.screenshot('year-promotion-drafts');

    // Changed back: the draft's item is edited.
    await page.getByTestId('promotion-search').fill(leaver.name.split(' ')[0]!);
    await page.getByTestId('promotion-ninth-row').filter({ hasText: leaver.name }).getByText('Продолжает в 10').click();
    await expect.poll(() => decisionOf(leaver.id)?.decision, { timeout: 10_000 }).toBe('continues');
    await page.getByTestId('promotion-search').fill('');

    // «Открыть приказы»: the register filtered by the year-end kinds.
    await page.getByTestId('promotion-made-open').click();
    await page.locator('[data-testid=orders-table][data-loaded]').waitFor();
    const drafts = one<{ n: number }>(`SELECT count(*) AS n FROM school_order WHERE kind IN ('promotion','graduation') AND deleted_at IS NULL`).n;
    await page.waitForFunction(`document.querySelectorAll('[data-testid=orders-row]').length === ${drafts}`);
    await page.getByTestId('orders-row').filter({ hasText: 'Об отчислении обучающихся 9Б класса' }).click();
    await page.getByTestId('order-items').waitFor();
    await page.getByTestId('order-item-decision').first().waitFor();
    const decisions = await page.getByTestId('order-item-decision').evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value));
    expect(decisions.every((d) => d === 'Продолжает обучение в 10 классе')).toBe(true);
    await app.screenshot('year-promotion-order');
    expect(app.pageErrors).toEqual([]);
  }, 300_000);
});
