// The secretary's round trip with Excel at the usual school laptop's 1366×768 (issue 8, point 5):
// the list filtered to 7Б and sorted is exported with its parents, edited in Excel (a phone, a class,
// a surname), and loaded back: the preview shows exactly those changes, the commit writes them.
import { readFileSync } from 'node:fs';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { pickOption, signIn, startApp, type App } from './harness';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let app: App;
beforeAll(async () => {
  app = await startApp({ demo: true, viewport: { width: 1366, height: 768 } });
  await signIn(app.page, 'secretary', app.users.secretary!.password);
}, 180_000);
afterAll(async () => {
  await app?.close();
});

describe('students: export to Excel and back', () => {
  it('exports the filtered, sorted list with parents, and re-imports the edited file after a preview of every change', async () => {
    const { page } = app;
    await page.getByTestId('nav-students').click();
    await pickOption(page, 'students-class', /^7Б/, { type: '7Б' });
    const c7b = (await app.call('classes.list')).find((c) => c.name === '7Б')!;
    await page.getByTestId('sort-name').click(); // descending by name
    const shown = await app.call('students.list', { classId: c7b.id, sort: 'name', desc: true, limit: 1000 });
    await expect.poll(() => page.getByTestId('students-total').textContent()).toBe(`Найдено: ${shown.total}`);
    await expect.poll(() => page.getByTestId('students-table').getByTestId('vt-row').first().locator('[role=cell]').nth(1).textContent()).toBe(shown.rows[0]!.fullName);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-students').click()]);
    expect(download.suggestedFilename()).toMatch(/^Ученики 7Б .*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const col = (h: string) => headers.indexOf(h) + 1;
    const at = (r: number, h: string) => String(ws.getRow(r).getCell(col(h)).value ?? '');
    // Exactly the students on screen, in the screen's order, with their parents.
    expect(ws.rowCount - 1).toBe(shown.total);
    for (let i = 0; i < shown.total; i++) expect([at(i + 2, 'Фамилия'), at(i + 2, 'Имя'), at(i + 2, 'Отчество')].filter(Boolean).join(' ')).toBe(shown.rows[i]!.fullName);
    expect(col('Представитель 1 — телефон')).toBeGreaterThan(0);

    // In Excel: a mother's phone, a class, a surname (of a student with СНИЛС: found by it).
    const rPhone = [...Array(shown.total).keys()].map((i) => i + 2).find((r) => at(r, 'Представитель 1 — телефон') !== '')!;
    const rClass = [...Array(shown.total).keys()].map((i) => i + 2).find((r) => r !== rPhone)!;
    const rName = [...Array(shown.total).keys()].map((i) => i + 2).find((r) => r !== rPhone && r !== rClass && at(r, 'СНИЛС') !== '')!;
    const guardian = at(rPhone, 'Представитель 1 — ФИО');
    const oldPhone = at(rPhone, 'Представитель 1 — телефон');
    const oldSurname = at(rName, 'Фамилия');
    const newSurname = `${oldSurname}-Новикова`;
    ws.getRow(rPhone).getCell(col('Представитель 1 — телефон')).value = '8 916 700-00-07';
    ws.getRow(rClass).getCell(col('Класс')).value = '7А';
    ws.getRow(rName).getCell(col('Фамилия')).value = newSurname;
    const edited = Buffer.from(await wb.xlsx.writeBuffer());

    await page.getByTestId('nav-import').click();
    await page.getByTestId('import-file-input').setInputFiles({ name: 'Ученики 7Б (исправлено).xlsx', mimeType: XLSX_MIME, buffer: edited });
    await page.getByTestId('mapping-table').waitFor();
    expect(await page.getByTestId('mapping-select-guardian1Phone').inputValue()).toBe(`${colLetter(col('Представитель 1 — телефон'))}: Представитель 1 — телефон`);
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-ok').waitFor();
    expect(await page.getByTestId('count-added').textContent()).toBe('0');
    expect(await page.getByTestId('count-updated').textContent()).toBe('3');
    expect(await page.getByTestId('count-unchanged').textContent()).toBe(String(shown.total - 3));
    const lines = await page
      .getByTestId('import-changes')
      .getByTestId('vt-row')
      .evaluateAll((rows: { querySelectorAll(sel: string): ArrayLike<{ textContent: string | null }> }[]) =>
        rows.map((r) => Array.from(r.querySelectorAll('[role=cell]'), (c) => (c.textContent ?? '').trim())),
      );
    const byField = lines.map((l) => [l[2], l[3], l[4]]);
    expect(byField).toHaveLength(3);
    expect(byField).toContainEqual(['Класс', '7Б', '7А']);
    expect(byField).toContainEqual(['Фамилия', oldSurname, newSurname]);
    const phoneLine = byField.find((l) => l[0]!.startsWith('Телефон '))!;
    expect(phoneLine.slice(1)).toEqual([oldPhone, '+7 (916) 700-00-07']);
    expect(phoneLine[0]).not.toContain(guardian); // the mother named in the genitive: «Телефон Ивановой Анны …»
    await app.screenshot('students-roundtrip-preview', { fullPage: true });

    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-done').waitFor();
    await page.getByText('Изменены данные 3 учеников').first().waitFor();
    await app.screenshot('students-roundtrip-done');
    const after = await app.call('students.list', { classId: c7b.id, sort: 'name', desc: true, limit: 1000 });
    expect(after.total).toBe(shown.total - 1);
    expect(after.rows.map((r) => r.fullName)).toContain([newSurname, at(rName, 'Имя'), at(rName, 'Отчество')].filter(Boolean).join(' '));
    const moved = (await app.call('students.list', { search: [at(rClass, 'Фамилия'), at(rClass, 'Имя')].join(' '), limit: 50 })).rows;
    expect(moved.some((r) => r.className === '7А')).toBe(true);
    expect(app.pageErrors).toEqual([]);
  }, 240_000);
});

function colLetter(n: number): string {
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
