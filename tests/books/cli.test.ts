// `npm run cli -- books print …` (issue 12 point 6) as a child process on a real database file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/tmp';
import { cliDemo, runCli } from '../support/cli';

let password = '';
const cli = (...args: string[]) => runCli([...args, '--user', 'admin'], { password, timeout: 240_000 });

describe('command line: books print', () => {
  const tmp = tempDir('school-office-cli-books-');
  const db = join(tmp.dir, 'school.sqlite');
  afterAll(() => tmp.cleanup());

  beforeAll(() => {
    password = cliDemo(db, 200, { seed: 2, timeout: 240_000 }).users.find((u) => u.login === 'admin')!.password;
  }, 300_000);

  it('prints the alphabetical book as PDF and the movement summary as XLSX', () => {
    const pdf = join(tmp.dir, 'alphabet.pdf');
    const a = cli('books', 'print', 'alphabet', '--db', db, '--out', pdf);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toBe(`Алфавитная книга записи обучающихся: 200 (записей); сохранено в файле ${pdf}\n`);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Записей: 200, из них выбыли: 0');
    expect(text).toContain('Буква «А»');

    const xlsx = join(tmp.dir, 'summary.xlsx');
    const s = cli('books', 'print', 'summary', '--db', db, '--out', xlsx, '--from', '01.09.2026', '--to', '30.11.2026', '--json');
    expect(s.code, s.stderr).toBe(0);
    expect(JSON.parse(s.stdout)).toMatchObject({ file: xlsx, book: 'summary' });
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');

    const mv = join(tmp.dir, 'movement.pdf');
    const m = cli('books', 'print', 'movement', '--db', db, '--out', mv, '--from', '2026-11-01', '--to', '2026-11-30');
    expect(m.code, m.stderr).toBe(0);
    expect(execFileSync('pdftotext', ['-layout', mv, '-'], { encoding: 'utf8' })).toContain('Движения не было (на начало и на конец периода): 1А');
  }, 240_000);

  it('refuses a wrong call with code 2 and a period that ends before it begins with code 1', () => {
    const out = join(tmp.dir, 'x.pdf');
    const noPeriod = cli('books', 'print', 'movement', '--db', db, '--out', out);
    expect(noPeriod.code).toBe(2);
    expect(noPeriod.stderr).toContain('books print movement: укажите период: --from ДД.ММ.ГГГГ --to ДД.ММ.ГГГГ');
    expect(cli('books', 'print', 'ledger', '--db', db, '--out', out).code).toBe(2);
    const back = cli('books', 'print', 'arrivals', '--db', db, '--out', out, '--from', '30.11.2026', '--to', '01.11.2026');
    expect(back.code).toBe(1);
    expect(back.stderr).toContain('Конец периода 01.11.2026 раньше его начала 30.11.2026');
    expect(existsSync(out)).toBe(false);
  }, 240_000);
});
