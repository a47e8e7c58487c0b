// `enroll import FILE` (issue 12): the export loaded from the command line, all or nothing, and a
// later export adding only its new applications.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/tmp';
import { cliDemo, runCli } from '../support/cli';
import { applications, COL, csvBytes, sheetRows, xlsxBytes } from './exportFile';

const today = new Date().toISOString().slice(0, 10);
let password = '';
let login = '';

const cli = (...args: string[]) => runCli([...args, '--user', login], { password, timeout: 180_000 });

describe('enroll import', () => {
  const tmp = tempDir('school-office-enroll-cli-');
  const db = join(tmp.dir, 'school.sqlite');
  afterAll(() => tmp.cleanup());
  beforeAll(() => {
    const secretary = cliDemo(db, 100, { seed: 2, timeout: 180_000 }).users.find((u) => u.role === 'secretary')!;
    [login, password] = [secretary.login, secretary.password];
  }, 180_000);

  it('refuses a file with a bad row and names it; loads the export; a later one adds only the new', async () => {
    const apps = applications({ count: 120, today });
    const enrollable = apps.filter((a) => a.enrollable).length;
    const bad = apps.map((a) => ({ ...a, cells: [...a.cells] }));
    bad[6]!.cells[COL['Дата  рождения']] = '2020-13-01';
    const badFile = join(tmp.dir, 'bad.csv');
    writeFileSync(badFile, csvBytes(sheetRows(bad, today)));
    const refused = cli('enroll', 'import', badFile, '--db', db, '--json');
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toEqual({ errors: [{ row: 11, column: 'Дата рождения', message: 'Неверная дата «2020-13-01»: такой даты нет в календаре' }] });
    const plain = cli('enroll', 'import', badFile, '--db', db);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('строка 11');

    const file = join(tmp.dir, 'заявления.xlsx');
    writeFileSync(file, await xlsxBytes(sheetRows(apps, today)));
    const ok = cli('enroll', 'import', file, '--db', db);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`Новых заявлений: 120 (можно зачислить: ${enrollable}, не по статусу: ${120 - enrollable})`);

    const later = applications({ count: 130, today });
    later[1]!.cells[COL['Статус заявления']] = 'Отказано в зачислении';
    writeFileSync(file, await xlsxBytes(sheetRows(later, today)));
    const again = cli('enroll', 'import', file, '--db', db, '--json');
    expect(again.code, again.stderr).toBe(0);
    const r = JSON.parse(again.stdout) as { imported: number; updated: number; unchanged: number; changes: { regNumber: string; changes: { field: string; new: string }[] }[] };
    expect(r).toMatchObject({ imported: 10, updated: 1, unchanged: 119 });
    expect(r.changes[0]).toMatchObject({ regNumber: later[1]!.regNumber, changes: expect.arrayContaining([{ field: 'Статус', old: 'ПРИНЯТО К РАССМОТРЕНИЮ', new: 'Отказано в зачислении' }]) });
  }, 300_000);
});
