import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { formatSnils } from '../../electron/demo';
import { tempDir } from '../support/tmp';
import { xlsx } from '../support/sheets';
import { cliDemo, runCli } from '../support/cli';

const passwords = new Map<string, string>();

/** Runs the CLI; after `demo` it acts as the demo administrator unless another user is given. */
function cli(...args: string[]) {
  const i = args.indexOf('--user');
  const user = i >= 0 ? args[i + 1]! : 'admin';
  const withUser = i >= 0 || !passwords.size ? args : [...args, '--user', user];
  return runCli(withUser, { password: passwords.get(user) ?? '' });
}

const snils = (n: number) => formatSnils(n);

describe('command line', () => {
  const tmp = tempDir('school-office-cli-');
  const db = join(tmp.dir, 'school.sqlite');
  const count = () => (JSON.parse(cli('list', 'students', '--db', db, '--json').stdout) as unknown[]).length;
  afterAll(() => tmp.cleanup());

  beforeAll(() => {
    const demo = cliDemo(db, 1000, { seed: 1 });
    expect(demo).toMatchObject({ students: 1000, classes: 40 });
    expect(demo.users.map((u) => u.role).sort()).toEqual(['deputy', 'director', 'secretary', 'sysadmin']);
    for (const u of demo.users) passwords.set(u.login, u.password);
  }, 120_000);

  // Good rows as real files have them: extra spaces, lower case, «5 а», ё, СНИЛС without separators,
  // Excel dates and dd.mm.yyyy text, gender in words.
  const good: (string | Date | null)[][] = [
    ['  петров ', 'Артём', 'Ильич', new Date(Date.UTC(2015, 2, 14)), 'Мужской', snils(234567890).replace(/\D/g, ''), '5 а', 'Петрова Ольга Ивановна', '8 (912) 000-11-22'],
    ['Сёмина', 'алёна', 'Викторовна', '03.11.2015', 'ж', snils(234567891), '5Б', 'Сёмина Ирина Павловна', '+79120001123'],
    ['Ким', 'Александр', null, '21.07.2016', 'м', null, '4В', null, null],
    ['Шевченко', 'Дарья', 'Андреевна', '1.9.2014', 'Ж', snils(234567893), '6-А', 'Шевченко Анна Сергеевна', '9120001124'],
  ];
  const headers = ['Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Пол', 'СНИЛС', 'Класс', 'ФИО матери', 'Телефон матери'];

  it('refuses a file with bad rows, reports exactly those rows, and changes nothing', async () => {
    const existing = (JSON.parse(cli('list', 'students', '--db', db, '--json').stdout) as { fullName: string; birthDate: string; className: string }[])[0]!;
    const [last, first, middle] = existing.fullName.split(' ');
    const bad: (string | Date | null)[][] = [
      ['Орлов', 'Игорь', 'Петрович', '31.02.2015', 'м', null, '5А', null, null], // impossible date → row 6
      ['Белова', 'Нина', 'Олеговна', '10.10.2015', 'ж', '112-233-445 96', '5А', null, null], // SNILS checksum → row 7
      ['Зуев', 'Олег', 'Олегович', '10.10.2015', 'м', null, '5Я', null, null], // unknown class → row 8
      ['', 'Ольга', 'Игоревна', '10.10.2015', 'ж', null, '5А', null, null], // no surname → row 9
      // Already in the school: not an error any more, the row updates that student (here: nothing to change).
      [last!, first!, middle ?? null, existing.birthDate.split('-').reverse().join('.'), null, null, existing.className, null, null], // row 10
      // The same student twice in one file → row 11.
      [last!, first!, middle ?? null, existing.birthDate.split('-').reverse().join('.'), null, null, existing.className, null, null],
    ];
    const file = join(tmp.dir, 'with-bad-rows.xlsx');
    writeFileSync(file, await xlsx(headers, [...good, ...bad]));
    const r = cli('import', 'students', file, '--db', db, '--json');
    expect(r.code).toBe(1);
    const errors = (JSON.parse(r.stdout) as { errors: { row: number; column: string; message: string }[] }).errors;
    expect([...new Set(errors.map((e) => e.row))].sort((a, b) => a - b)).toEqual([6, 7, 8, 9, 11]);
    const byRow = (row: number) => errors.filter((e) => e.row === row).map((e) => `${e.column}: ${e.message}`).join(' | ');
    expect(byRow(6)).toMatch(/Дата рождения: .*31\.02\.2015/);
    expect(byRow(7)).toMatch(/СНИЛС: .*контрольн/i);
    expect(byRow(8)).toMatch(/Класс: .*5Я/);
    expect(byRow(9)).toMatch(/Фамилия/);
    expect(byRow(11)).toMatch(/Повторяет строку 10/);
    expect(count()).toBe(1000);
    // Without --json the refusal is readable Russian on stderr.
    const plain = cli('import', 'students', file, '--db', db);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/строка 6/);
  }, 120_000);

  it('imports the same file without the bad rows, every row normalized', async () => {
    const file = join(tmp.dir, 'good.xlsx');
    writeFileSync(file, await xlsx(headers, good));
    const r = cli('import', 'students', file, '--db', db, '--json');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ imported: 4 });
    const students = JSON.parse(cli('list', 'students', '--db', db, '--json').stdout) as { fullName: string; birthDate: string; className: string; snils: string | null; gender: string }[];
    expect(students).toHaveLength(1004);
    const find = (name: string) => students.find((s) => s.fullName === name);
    expect(find('Петров Артём Ильич')).toMatchObject({ birthDate: '2015-03-14', className: '5А', gender: 'm', snils: snils(234567890) });
    expect(find('Сёмина Алёна Викторовна')).toMatchObject({ birthDate: '2015-11-03', className: '5Б', gender: 'f' });
    expect(find('Ким Александр')).toMatchObject({ className: '4В', snils: null });
    expect(find('Шевченко Дарья Андреевна')).toMatchObject({ birthDate: '2014-09-01', className: '6А' });
  }, 120_000);

  it('exports the list to XLSX', async () => {
    const out = join(tmp.dir, 'students.xlsx');
    const r = cli('export', 'students', '--db', db, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(2).value).toBe('Фамилия');
    expect(ws.rowCount).toBe(1005);
  }, 180_000);

  it('re-imports an edited export: updates what was edited and says what it changed', async () => {
    const out = join(tmp.dir, 'students-roundtrip.xlsx');
    expect(cli('export', 'students', '--db', db, '--out', out).code).toBe(0);
    // Unchanged: nothing to do.
    const same = cli('import', 'students', out, '--db', db);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toContain('Изменено: 0 учеников; без изменений: 1\u00a0004');
    // In Excel: Ким moves to 4А, Сёмина's mother gets a new phone.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const col = (h: string) => headers.indexOf(h) + 1;
    let kim = 0;
    let semina = 0;
    ws.eachRow((row, n) => {
      const name = ['Фамилия', 'Имя', 'Отчество'].map((h) => String(row.getCell(col(h)).value ?? '')).join(' ').trim();
      if (name === 'Ким Александр') kim = n;
      if (name === 'Сёмина Алёна Викторовна') semina = n;
    });
    expect(ws.getRow(semina).getCell(col('Представитель 1 — ФИО')).value).toBe('Сёмина Ирина Павловна');
    ws.getRow(kim).getCell(col('Класс')).value = '4А';
    ws.getRow(semina).getCell(col('Представитель 1 — телефон')).value = '8 912 999-00-00';
    await wb.xlsx.writeFile(out);
    const r = cli('import', 'students', out, '--db', db);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Новых учеников: 0');
    expect(r.stdout).toContain('Изменено: 2 ученика; без изменений: 1\u00a0002');
    expect(r.stdout).toMatch(new RegExp(`строка ${kim}: Ким Александр, 4В\\n +Класс: 4В → 4А`));
    expect(r.stdout).toMatch(new RegExp(`строка ${semina}: Сёмина Алёна Викторовна, 5Б\\n +Телефон Сёминой Ирины Павловны: \\+7 \\(912\\) 000-11-23 → \\+7 \\(912\\) 999-00-00`));
    const students = JSON.parse(cli('list', 'students', '--db', db, '--json').stdout) as { fullName: string; className: string }[];
    expect(students).toHaveLength(1004);
    expect(students.find((s) => s.fullName === 'Ким Александр')?.className).toBe('4А');
  }, 240_000);

  it('acts as a named user and is refused what the role may not do', () => {
    const secretary = cli('import', 'staff', join(tmp.dir, 'good.xlsx'), '--db', db, '--user', 'secretary', '--json');
    expect(secretary.code).toBe(1);
    expect(JSON.parse(secretary.stdout).errors[0].message).toMatch(/Недостаточно прав/);
    passwords.set('intruder', 'guess-1234');
    const wrong = cli('list', 'classes', '--db', db, '--user', 'intruder');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/Неверный логин или пароль/);
    expect(cli('list', 'classes', '--db', db, '--user', 'deputy').code).toBe(0);
  }, 120_000);

  it('answers wrong usage with exit code 2', () => {
    expect(cli('frobnicate', '--db', db).code).toBe(2);
    expect(cli('import', 'teachers', 'x.xlsx', '--db', db).code).toBe(2);
    expect(cli('list', 'classes').code).toBe(2);
  }, 120_000);
});
