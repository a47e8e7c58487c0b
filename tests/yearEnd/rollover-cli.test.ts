// `npm run cli -- year rollover …` (issue 15 point 4) as a child process on the demo school's file:
// refused with the problems (exit 1) while no order decides; the dry run changes nothing; the run,
// then «Нечего делать» (exit 0) the second time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../support/tmp';
import { runCli } from '../support/cli';
import { signOrders, tablesFingerprint } from './rolloverSupport';
import type { RolloverPlan, RolloverResult } from '../../electron/api/rollover';

let password = '';
const cli = (...args: string[]) => runCli(args[0] === 'demo' ? args : [...args, '--user', 'admin'], { password, timeout: 240_000 });

describe('command line: year rollover', { timeout: 300_000 }, () => {
  const tmp = tempDir('school-office-cli-rollover-');
  const db = join(tmp.dir, 'school.sqlite');
  afterAll(() => tmp.cleanup());
  const fingerprint = () => {
    const sql = new Database(db);
    try {
      // Signing in writes the account's last login and its audit line: every other table must stay.
      const { app_user: _user, audit_log: _audit, ...rest } = tablesFingerprint(sql);
      const changes = sql.prepare(`SELECT count(*) FROM audit_log WHERE entity <> 'app_user'`).pluck().get() as number;
      return { ...rest, changes };
    } finally {
      sql.close();
    }
  };

  beforeAll(() => {
    const r = cli('demo', '--db', db, '--students', '120', '--seed', '2', '--json');
    expect(r.code, r.stderr).toBe(0);
    password = (JSON.parse(r.stdout) as { users: { login: string; password: string }[] }).users.find((u) => u.login === 'admin')!.password;
  }, 300_000);

  it('refuses without decisions (exit 1, naming the classes) and a year that is not the next one', () => {
    const before = fingerprint();
    const r = cli('year', 'rollover', '--db', db, '--to', '2027/2028');
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('Переход не выполнен.');
    expect(r.stdout).toMatch(/Препятствия:\n {2}1А: у \d+ учени\S+ нет решения о переводе или выпуске/);
    const wrong = cli('year', 'rollover', '--db', db, '--to', '2030/2031', '--json');
    expect(wrong.code).toBe(1);
    expect((JSON.parse(wrong.stdout) as RolloverPlan).problems[0]!.message).toContain('только на следующий учебный год 2027/2028');
    expect(fingerprint()).toEqual(before);
  });

  it('dry run, run, and «nothing to do» the second time', () => {
    const sql = new Database(db);
    try {
      const yearId = sql.prepare(`SELECT id FROM academic_year WHERE is_current = 1`).pluck().get() as string;
      signOrders(sql, yearId, (s) => (s.grade === 11 ? 'graduated' : s.grade === 9 ? 'continues' : 'promoted'));
    } finally {
      sql.close();
    }
    const before = fingerprint();
    const dry = cli('year', 'rollover', '--db', db, '--to', '2027/2028', '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('Пробный прогон: ничего не изменено.');
    expect(dry.stdout).toContain('Переход 2026/2027 → 2027/2028 (с 01.09.2027 по 31.05.2028)');
    expect(dry.stdout).toMatch(/ {2}6А: \d+ уч\. \(5А → \d+\); кл\. рук\. \S+ \S\.( \S\.)?; план из 6А/);
    expect(dry.stdout).toContain('11А не переходит: 11 класс не переходит: выпуск');
    expect(dry.stdout).toContain('Первые классы не создаются');
    expect(fingerprint()).toEqual(before);

    const run = cli('year', 'rollover', '--db', db, '--to', '2027/2028', '--json');
    expect(run.code, run.stderr).toBe(0);
    const r = JSON.parse(run.stdout) as RolloverResult;
    expect(r).toMatchObject({ nothingToDo: false, done: { fromYear: '2026/2027', toYear: '2027/2028' } });
    expect(r.done.backupFile).toMatch(/перед переходом на новый год/);
    const after = fingerprint();
    const again = cli('year', 'rollover', '--db', db, '--to', '2027/2028');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^Нечего делать: переход на 2027\/2028 уже выполнен \d\d\.\d\d\.\d{4}/);
    expect(fingerprint()).toEqual(after);
  });
});
