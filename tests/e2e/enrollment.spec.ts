// «Приём в 1 класс» (issue 12): the secretary loads the enrollment module's export: the columns are
// recognized (one mapped by hand), a file with bad rows shows each row, column and reason and loads
// nothing; the corrected file's preview counts the applications (enrollable, not by status, already
// in school, siblings); the commit loads them; the list finds them.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { pickOption, signIn, startApp, type App } from './harness';
import { applications, COL, HEADERS, sheetRows, xlsxBytes, type Application } from '../enrollment/exportFile';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const today = new Date().toISOString().slice(0, 10);

let app: App;
let secretary: string;
beforeAll(async () => {
  app = await startApp({ demo: true });
  secretary = Object.entries(app.users).find(([, u]) => u.role === 'secretary')![0];
  await signIn(app.page, secretary, app.users[secretary]!.password);
}, 240_000);
afterAll(async () => {
  await app?.close();
});

/** The export with the birth certificate's column under a header the program does not know. */
async function file(apps: Application[]): Promise<Buffer> {
  const rows = sheetRows(apps, today);
  rows[3] = [...HEADERS];
  rows[3][COL['Свидетельство о рождении']] = 'Серия, номер документа';
  return xlsxBytes(rows);
}

describe('enrollment import', () => {
  it('recognizes the columns, refuses a file with bad rows, previews and loads the corrected one', async () => {
    const { page } = app;
    // A child already in the school and a younger brother or sister of a student, by a known parent.
    const s = app.db.raw
      .prepare(
        `SELECT s.last_name, s.first_name, s.middle_name, s.birth_date, g.last_name AS gl, g.first_name AS gf, g.middle_name AS gm, g.phone
           FROM student s JOIN student_guardian sg ON sg.student_id = s.id JOIN guardian g ON g.id = sg.guardian_id
          WHERE s.class_id IS NOT NULL AND g.phone IS NOT NULL LIMIT 1`,
      )
      .get() as Record<string, string>;
    const good = applications({ count: 120, today });
    const extra = applications({ from: 121, count: 2, today });
    extra[0]!.cells[COL['ФИО ребёнка']] = [s.last_name, s.first_name, s.middle_name].filter(Boolean).join(' ');
    extra[0]!.cells[COL['Дата  рождения']] = s.birth_date!.split('-').reverse().join('.');
    extra[1]!.cells[COL['ФИО заявителя']] = [s.gl, s.gf, s.gm].filter(Boolean).join(' ');
    extra[1]!.cells[COL['Телефон заявителя']] = s.phone!;
    const all = [...good, ...extra];
    const bad = all.map((a) => ({ ...a, cells: [...a.cells] }));
    bad[4]!.cells[COL['Дата  рождения']] = '31.02.2020';
    bad[8]!.cells[COL['СНИЛС ребёнка']] = '112-233-445 00';
    bad[13]!.cells[COL['Статус заявления']] = null;

    await page.getByTestId('nav-enrollment').click();
    await page.getByTestId('enrollment-tab-import').click();
    await page.getByTestId('import-drop').waitFor();
    await page.getByTestId('import-file-input').setInputFiles({ name: 'Реестр заявлений.xlsx', mimeType: XLSX_MIME, buffer: await file(bad) });
    await page.getByTestId('mapping-table').waitFor();
    expect(await page.getByTestId('mapping-select-regNumber').inputValue()).toBe('B: Рег. номер заявления');
    expect(await page.getByTestId('mapping-select-status').inputValue()).toBe('D: Статус заявления');
    expect(await page.getByTestId('mapping-select-fullName').inputValue()).toBe('G: ФИО ребёнка');
    expect(await page.getByTestId('mapping-select-guardian1Name').inputValue()).toBe('O: ФИО заявителя');
    expect(await page.getByTestId('mapping-select-guardian2Name').inputValue()).toBe('S: ФИО второго родителя');
    expect(await page.getByTestId('mapping-select-birthCertificate').inputValue()).toBe('— не загружать —');
    await pickOption(page, 'mapping-select-birthCertificate', 'K: Серия, номер документа');
    await app.screenshot('enrollment-1-mapping', { fullPage: true });

    await page.getByTestId('enrollment-check').click();
    await page.getByTestId('enrollment-blocked').waitFor();
    expect(await page.getByTestId('count-errors').textContent()).toBe('3');
    expect(await page.getByTestId('enrollment-commit').isDisabled()).toBe(true);
    const shown = await page
      .getByTestId('import-errors')
      .getByTestId('vt-row')
      .evaluateAll((rows: { querySelectorAll(sel: string): ArrayLike<{ textContent: string | null }> }[]) =>
        rows.map((r) => Array.from(r.querySelectorAll('[role=cell]'), (c) => (c.textContent ?? '').trim())),
      );
    expect(shown).toEqual([
      ['9', 'Дата рождения', 'Неверная дата «31.02.2020»: такой даты нет в календаре'],
      ['13', 'СНИЛС', 'Неверная контрольная сумма СНИЛС «112-233-445 00»'],
      ['18', 'Статус заявления', 'Не заполнено обязательное поле «Статус заявления»'],
    ]);
    await app.screenshot('enrollment-2-errors', { fullPage: true });
    expect(app.db.raw.prepare('SELECT count(*) AS n FROM enrollment_application').get()).toEqual({ n: 0 });

    // The corrected file keeps the mapping chosen by hand and is checked at once.
    await page.getByRole('button', { name: 'Выбрать исправленный файл' }).waitFor();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Выбрать исправленный файл' }).click();
    await (await chooser).setFiles({ name: 'Реестр заявлений (исправлено).xlsx', mimeType: XLSX_MIME, buffer: await file(all) });
    await page.getByTestId('enrollment-ok').waitFor();
    const enrollable = all.filter((a) => a.enrollable).length;
    const counts = { 'count-to-import': 121, 'count-errors': 0, 'count-in-school': 1 };
    for (const [id, n] of Object.entries(counts)) expect(await page.getByTestId(id).textContent(), id).toBe(String(n));
    const inSchoolEnrollable = extra[0]!.enrollable ? 1 : 0;
    expect(await page.getByTestId('count-enrollable').textContent()).toBe(String(enrollable - inSchoolEnrollable));
    expect(Number(await page.getByTestId('count-siblings').textContent())).toBeGreaterThanOrEqual(1);
    await app.screenshot('enrollment-3-preview', { fullPage: true });
    await pickSegment(page, 'enrollment-row-filter', 'Уже в школе');
    await page.getByTestId('enrollment-preview-rows').getByText('Не загружается: уже учится').waitFor();
    await app.screenshot('enrollment-4-in-school');
    await pickSegment(page, 'enrollment-row-filter', 'Братья и сёстры');
    await page.getByTestId('enrollment-preview-rows').getByText('Родитель уже известен школе').first().waitFor();
    await app.screenshot('enrollment-5-siblings');

    await page.getByTestId('enrollment-commit').click();
    await page.getByTestId('enrollment-done').waitFor();
    expect(app.db.raw.prepare('SELECT count(*) AS n FROM enrollment_application').get()).toEqual({ n: 121 });
    expect(app.db.raw.prepare("SELECT birth_certificate FROM enrollment_application WHERE reg_number = ?").get(good[0]!.regNumber)).toEqual({ birth_certificate: good[0]!.cells[COL['Свидетельство о рождении']] });
    await page.getByTestId('enrollment-open-list').click();
    await page.getByTestId('enrollment-table').waitFor();
    expect(await page.getByTestId('enrollment-total').textContent()).toBe('121 заявление');
    await page.getByTestId('enrollment-search').fill('семён');
    await page.getByTestId('enrollment-total').filter({ hasNotText: '121' }).waitFor();
    await app.screenshot('enrollment-6-list');
    expect(app.pageErrors).toEqual([]);
  }, 300_000);
});

async function pickSegment(page: App['page'], testId: string, label: string) {
  await page.getByTestId(testId).getByText(label, { exact: false }).click();
}
