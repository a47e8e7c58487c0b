// Import of students from Excel: column mapping (one header mapped by hand), every error shown, nothing
// imported while the file has errors, then the corrected file imported whole.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { snilsControl } from '../../electron/import/snils';
import { pickOption, signIn, startApp, type App } from './harness';
import { createLocalClient } from '../../electron/core/dispatch';
import { upload } from '../support/files';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A valid СНИЛС from 9 digits: 'XXX-XXX-XXX YY'. */
function snils(nine: string): string {
  const c = String(snilsControl(nine)).padStart(2, '0');
  return `${nine.slice(0, 3)}-${nine.slice(3, 6)}-${nine.slice(6, 9)} ${c}`;
}
function badSnils(nine: string): string {
  const c = String((snilsControl(nine) + 1) % 100).padStart(2, '0');
  return `${nine.slice(0, 3)}-${nine.slice(3, 6)}-${nine.slice(6, 9)} ${c}`;
}

// Russian headers in an order no template has; «Страховое свидетельство» is not recognized
// automatically and must be mapped to СНИЛС by hand; «Примечание» is not loaded.
const HEADERS = ['Класс', 'Отчество', 'Имя', 'Фамилия', 'Дата рождения', 'Пол', 'Страховое свидетельство', 'ФИО матери', 'Телефон матери', 'Примечание'];
type Row = [string, string, string, string, string, string, string, string, string, string];
const GOOD: Row[] = [
  ['5А', 'Сергеевич', 'Пётр', 'Иванов', '12.03.2015', 'м', snils('123456789'), 'Иванова Анна Викторовна', '8 (916) 111-22-33', ''],
  ['5А', 'Андреевна', 'Мария', 'Смирнова', '02.07.2015', 'ж', snils('234567891'), 'Смирнова Ольга Петровна', '+7 916 222-33-44', 'перевод из СОШ № 3'],
  ['5Б', 'Олегович', 'Илья', 'Кузнецов', '28.02.2015', 'м', snils('345678912'), 'Кузнецова Елена Игоревна', '89163334455', ''],
  ['5Б', 'Дмитриевна', 'Алина', 'Попова', '15.11.2014', 'ж', '', 'Попова Наталья Сергеевна', '8-916-444-55-66', ''],
  ['6А', 'Ильич', 'Денис', 'Волков', '09.01.2014', 'м', snils('456789123'), '', '', ''],
  ['6Б', 'Романовна', 'Ева', 'Лебедева', '21.05.2014', 'ж', '', 'Лебедева Ирина Олеговна', '8 916 555 66 77', ''],
  ['6Б', 'Андреевна', 'Анна', 'Соловьёва', '30.06.2014', 'ж', snils('567891234'), 'Соловьёва Татьяна Ивановна', '+79166667788', ''],
  ['6Б', 'Павлович', 'Кирилл', 'Морозов', '17.10.2013', 'м', '', '', '', 'ОВЗ'],
];
// The same students with four mistakes, on spreadsheet rows 4, 5, 6 and 7.
const BAD: Row[] = GOOD.map((r) => [...r] as Row);
BAD[2]![4] = '31.02.2015'; // row 4: no such date
BAD[3]![2] = ''; // row 5: no first name
BAD[4]![6] = badSnils('456789123'); // row 6: wrong СНИЛС control number (only found when the column is mapped)
BAD[5]![0] = '7В'; // row 7: no such class

async function workbook(rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Ученики');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

let app: App;
beforeAll(async () => {
  app = await startApp({ admin: true });
  const c = app.call;
  await c('app.createSchool', { fullName: 'МБОУ «Средняя общеобразовательная школа № 7»', shortName: 'МБОУ СОШ № 7' });
  await c('years.save', await c('years.suggest', { startYear: 2026 }));
  await c('classes.createMany', { gradeFrom: 5, gradeTo: 6, letters: ['А', 'Б'], shift: 1 });
  await app.page.reload();
  // The administrator logs in with the one-time password and replaces it.
  await signIn(app.page, 'admin', app.users.admin!.password);
}, 120_000);
afterAll(async () => {
  await app?.close();
});

describe('import of students', () => {
  it('maps the columns, shows every error, imports nothing, then imports the corrected file', async () => {
    const { page } = app;
    await page.getByTestId('nav-import').click();
    await page.getByTestId('import-drop').waitFor();
    await app.screenshot('import-0-choose');

    // The file with mistakes; the automatic recognition fills the mapping.
    const bad = await workbook(BAD);
    await page.getByTestId('import-file-input').setInputFiles({ name: 'Ученики 5-6 классов.xlsx', mimeType: XLSX_MIME, buffer: bad });
    await page.getByTestId('mapping-table').waitFor();
    expect(await page.getByTestId('mapping-select-lastName').inputValue()).toBe('D: Фамилия');
    expect(await page.getByTestId('mapping-select-firstName').inputValue()).toBe('C: Имя');
    expect(await page.getByTestId('mapping-select-middleName').inputValue()).toBe('B: Отчество');
    expect(await page.getByTestId('mapping-select-className').inputValue()).toBe('A: Класс');
    expect(await page.getByTestId('mapping-select-birthDate').inputValue()).toBe('E: Дата рождения');
    expect(await page.getByTestId('mapping-select-motherName').inputValue()).toBe('H: ФИО матери');
    expect(await page.getByTestId('mapping-select-motherPhone').inputValue()).toBe('I: Телефон матери');
    expect(await page.getByTestId('mapping-select-snils').inputValue()).toBe('— не загружать —');
    expect(await page.getByTestId('mapping-unused').textContent()).toContain('Страховое свидетельство');
    expect(await page.getByTestId('mapping-sample').locator('tbody tr').count()).toBe(5);
    await app.screenshot('import-1-mapping-recognized', { fullPage: true });

    // The unrecognized header is mapped by hand.
    await pickOption(page, 'mapping-select-snils', 'G: Страховое свидетельство');
    expect(await page.getByTestId('mapping-select-snils').inputValue()).toBe('G: Страховое свидетельство');
    expect(await page.getByTestId('mapping-unused').textContent()).not.toContain('Страховое свидетельство');
    await app.screenshot('import-2-mapping-manual');

    // The check: counts and every error with its row, column and reason; the commit is refused.
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-preview').waitFor();
    expect(await page.getByTestId('count-total').textContent()).toBe('8');
    expect(await page.getByTestId('count-valid').textContent()).toBe('4');
    expect(await page.getByTestId('count-errors').textContent()).toBe('4');
    await page.getByTestId('import-blocked').waitFor();
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);

    const mapping = { className: 0, middleName: 1, firstName: 2, lastName: 3, birthDate: 4, gender: 5, snils: 6, motherName: 7, motherPhone: 8 };
    // The same file given to the core by the browser's session (files are the session's own).
    const asBrowser = createLocalClient({ db: app.db, actor: 'e2e', host: 'web', now: () => new Date(), session: app.session, dataDir: app.dir });
    const expected = await asBrowser('import.preview', { kind: 'students', file: upload(app.session, 'Ученики 5-6 классов.xlsx', bad), mapping });
    expect(expected.errors.length).toBeGreaterThanOrEqual(4);
    const shown = await page
      .getByTestId('import-errors')
      .getByTestId('vt-row')
      .evaluateAll((rows: { querySelectorAll(sel: string): ArrayLike<{ textContent: string | null }> }[]) =>
        rows.map((r) => Array.from(r.querySelectorAll('[role=cell]'), (c) => (c.textContent ?? '').trim())),
      );
    expect(shown).toHaveLength(expected.errors.length);
    for (const e of expected.errors) expect(shown, `${e.row} ${e.column} ${e.message}`).toContainEqual([String(e.row), e.column, e.message]);
    const where = shown.map((cells) => `${cells[0]} ${cells[1]}`);
    expect(where).toEqual(expect.arrayContaining(['4 Дата рождения', '5 Имя', '6 СНИЛС', '7 Класс']));
    await app.screenshot('import-3-errors', { fullPage: true });

    // Nothing reached the database, and the core refuses the file as a whole too.
    expect((await app.call('students.list', {})).total).toBe(0);
    await expect(asBrowser('import.commit', { kind: 'students', file: upload(app.session, 'x.xlsx', bad), mapping })).rejects.toThrow(/ничего не изменено/);
    expect((await app.call('students.list', {})).total).toBe(0);

    // The corrected file (same columns): the chosen mapping is kept and the file is checked at once.
    const good = await workbook(GOOD);
    await page.getByTestId('import-refile-input').setInputFiles({ name: 'Ученики 5-6 классов (исправлено).xlsx', mimeType: XLSX_MIME, buffer: good });
    await page.getByTestId('import-ok').waitFor();
    expect(await page.getByTestId('count-total').textContent()).toBe('8');
    expect(await page.getByTestId('count-valid').textContent()).toBe('8');
    expect(await page.getByTestId('count-errors').textContent()).toBe('0');
    expect(await page.getByTestId('import-commit').isEnabled()).toBe(true);
    await app.screenshot('import-4-ready');
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-done').waitFor();
    await page.getByText('Загружено 8 учеников').first().waitFor();
    await app.screenshot('import-5-done', { toasts: true });

    // Everything is in the database, СНИЛС from the hand-mapped column included.
    const list = await app.call('students.list', { sort: 'class' });
    expect(list.total).toBe(8);
    const ivanov = list.rows.find((r) => r.fullName === 'Иванов Пётр Сергеевич')!;
    expect(ivanov).toMatchObject({ className: '5А', birthDate: '2015-03-12', snils: snils('123456789') });
    expect(ivanov.guardians).toBe('Иванова Анна Викторовна (мать)');
    expect((await app.call('setup.checklist')).find((i) => i.key === 'students')?.done).toBe(true);

    // The link leads to the list with the new students.
    await page.getByTestId('import-open-list').click();
    await expect.poll(() => page.getByTestId('students-total').textContent()).toBe('8 учеников');
    await expect.poll(() => page.getByTestId('students-table').getByTestId('vt-row').count()).toBe(8);
    await app.screenshot('import-6-students');
    expect(app.pageErrors).toEqual([]);
  }, 180_000);

  it('imports staff from a CSV file', async () => {
    const { page } = app;
    await page.evaluate("location.hash = '/setup/staff'");
    await page.getByTestId('staff-import-link').click();
    await page.getByTestId('import-drop').waitFor();
    expect(await page.getByTestId('import-kind').locator('input:checked').getAttribute('value')).toBe('staff');
    const csv = ['ФИО;Должность;Предметы;Телефон', 'Петрова Ирина Сергеевна;Директор;;+7 916 100-00-01', 'Соколов Андрей Викторович;Учитель математики;Математика, Алгебра;8 916 100-00-02'].join('\r\n');
    // Issue 9: a teacher's subjects are kept by id: the school's subjects must be there first.
    await app.call('subjects.addStandard');
    await page.getByTestId('import-file-input').setInputFiles({ name: 'Сотрудники.csv', mimeType: 'text/csv', buffer: Buffer.from('\ufeff' + csv, 'utf8') });
    await page.getByTestId('mapping-table').waitFor();
    expect(await page.getByTestId('mapping-select-fullName').inputValue()).toBe('A: ФИО');
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-ok').waitFor();
    await page.getByTestId('import-commit').click();
    await page.getByText('Загружено 2 сотрудника').first().waitFor();
    const staff = await app.call('staff.list', {});
    // Beside the administrator's own card (every account belongs to a staff member).
    expect(staff.map((s) => s.fullName).sort()).toEqual(['Орлова Марина Викторовна', 'Петрова Ирина Сергеевна', 'Соколов Андрей Викторович']);
    expect(staff.find((s) => s.lastName === 'Соколов')?.subjects).toEqual(['Математика', 'Алгебра']);
    expect(app.pageErrors).toEqual([]);
  }, 120_000);
});
