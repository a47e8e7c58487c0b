// `npm run cli -- year check …` (issue 15 point 7) as a child process on the demo school's file, the
// year's marks written straight into SQLite as sync brings them (seedYearMarks) with one «2» attestation
// mark in 5А: one line per class, the lists with --class, --json, the refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from '../../db';
import type { YearCheck } from '../../electron/api/yearCheck';
import { tempDir } from '../support/tmp';
import { runCli } from '../support/cli';
import { seedYearMarks } from '../support/yearMarks';

let password = '';
const cli = (...args: string[]) => runCli(args[0] === 'demo' ? args : [...args, '--user', 'admin'], { password, timeout: 240_000 });

describe('command line: year check', { timeout: 240_000 }, () => {
  const tmp = tempDir('school-office-cli-year-check-');
  const db = join(tmp.dir, 'school.sqlite');
  afterAll(() => tmp.cleanup());
  const who = { student: '', subject: '' };

  beforeAll(() => {
    const r = cli('demo', '--db', db, '--students', '120', '--seed', '2', '--json');
    expect(r.code, r.stderr).toBe(0);
    password = (JSON.parse(r.stdout) as { users: { login: string; password: string }[] }).users.find((u) => u.login === 'admin')!.password;
    const sql = new Database(db);
    try {
      const yearId = (sql.prepare(`SELECT id FROM academic_year`).get() as { id: string }).id;
      const s = sql
        .prepare(
          `SELECT st.id, st.last_name || ' ' || st.first_name || coalesce(' ' || st.middle_name, '') AS name FROM student st JOIN school_class c ON c.id = st.class_id
           WHERE c.grade = 5 AND c.letter = 'А' ORDER BY st.last_name LIMIT 1`,
        )
        .get() as { id: string; name: string };
      const subject = sql.prepare(`SELECT id, name FROM subject WHERE name = 'Русский язык'`).get() as { id: string; name: string };
      Object.assign(who, { student: s.name, subject: subject.name });
      seedYearMarks({ raw: sql } as unknown as Db, { yearId, overrides: [{ studentId: s.id, subjectId: subject.id, year: '2', attestation: '2' }] });
    } finally {
      sql.close();
    }
  }, 300_000);

  it('prints one line per class and the school total, exit 0', () => {
    const r = cli('year', 'check', '--db', db);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Итоги учебного года 2026\/2027 \(списки классов на \d\d\.\d\d\.\d{4}\)/);
    expect(r.stdout).toMatch(/\n5А {5}учеников \d+; нет отметок 0; задолженностей 1 \(не оформлено 1\); одна «3» \d+; одна «4» \d+; отличников \d+\n/);
    expect(r.stdout).toMatch(/\n1А {5}учеников \d+; нет отметок 0; задолженностей 0; одна «3» 0; одна «4» 0; отличников 0\n/);
    expect(r.stdout).toMatch(/\nВсего {2}учеников 120; нет отметок 0; задолженностей 1 \(не оформлено 1\);/);
  });

  it('with --class (any case) prints the lists; --json gives the data', () => {
    const r = cli('year', 'check', '--db', db, '--class', '5а', '--year', '2026/2027');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Задолженности: 1\n  ${who.student} — ${who.subject} («2»): Неудовлетворительный результат аттестации; не оформлена`);
    expect(r.stdout).toContain('Нет отметок: нет');
    const json = cli('year', 'check', '--db', db, '--class', '9А', '--json');
    expect(json.code, json.stderr).toBe(0);
    const data = JSON.parse(json.stdout) as YearCheck;
    expect(data.detail?.className).toBe('9А');
    expect(data.detail?.certificate?.examColumn).toBe('ОГЭ');
  });

  it('refuses an unknown class or year with exit 2, naming what there is', () => {
    const c = cli('year', 'check', '--db', db, '--class', '12Я');
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('--class: класса «12Я» в 2026/2027 нет (есть: 1А');
    const y = cli('year', 'check', '--db', db, '--year', '2030/2031');
    expect(y.code).toBe(2);
    expect(y.stderr).toContain('--year: учебного года «2030/2031» нет (есть: 2026/2027)');
  });
});
