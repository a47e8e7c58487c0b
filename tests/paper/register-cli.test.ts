// `npm run cli -- register show|verify` (issue 14 point 7) as a child process on a real database
// file: the demo school with three register entries chained as the program chains them
// (electron/core/paper/register/chain.ts); `verify` passes, then an entry changed straight in the
// database makes it exit 1 naming the entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../support/tmp';
import { runCli } from '../support/cli';
import { uuidv7 } from '../../db/ids';
import { entryDigest } from '../../electron/core/paper/register/chain';

let password = '';
const cli = (...args: string[]) => runCli(args[0] === 'demo' ? args : [...args, '--user', 'admin'], { password, timeout: 240_000 });

describe('command line: register show|verify', { timeout: 240_000 }, () => {
  const tmp = tempDir('school-office-cli-register-');
  const db = join(tmp.dir, 'school.sqlite');
  afterAll(() => tmp.cleanup());

  beforeAll(() => {
    const r = cli('demo', '--db', db, '--students', '100', '--seed', '2', '--json');
    expect(r.code, r.stderr).toBe(0);
    password = (JSON.parse(r.stdout) as { users: { login: string; password: string }[] }).users.find((u) => u.login === 'admin')!.password;
    const sql = new Database(db);
    try {
      const cls = sql.prepare(`SELECT id, grade FROM school_class WHERE deleted_at IS NULL AND grade = 5 ORDER BY letter LIMIT 1`).get() as { id: string; grade: number };
      const period = sql.prepare(`SELECT id, start_date FROM study_period WHERE name = '1 четверть' AND ? BETWEEN grade_from AND grade_to ORDER BY start_date DESC LIMIT 1`).get(cls.grade) as {
        id: string;
        start_date: string;
      };
      let prev = '';
      const at = '2026-11-02T10:00:00.000Z';
      for (let n = 1; n <= 3; n++) {
        const f = {
          id: uuidv7(), number: n, received_on: period.start_date, class_id: cls.id, period_id: period.id, copy_id: null, sheets: 20 + n,
          handed_by: `Завучева ${n}. И.`, received_by: 'Секретарёва О. В.', corrects_id: null, note: null, recorded_at: at, recorded_by: 'Секретарёва О. В.', prev_digest: prev,
        };
        const digest = entryDigest(f);
        sql
          .prepare(
            `INSERT INTO paper_register_entry (id, created_at, updated_at, number, received_on, class_id, period_id, copy_id, sheets, handed_by, received_by, corrects_id, note, prev_digest, digest, recorded_at, recorded_by)
             VALUES (@id, @recorded_at, @recorded_at, @number, @received_on, @class_id, @period_id, @copy_id, @sheets, @handed_by, @received_by, @corrects_id, @note, @prev_digest, @digest, @recorded_at, @recorded_by)`,
          )
          .run({ ...f, digest });
        prev = digest;
      }
    } finally {
      sql.close();
    }
  }, 300_000);

  it('shows the register, by period, in words and as JSON', () => {
    const r = cli('register', 'show', '--db', db, '--period', '1 четверть');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^№ 1\t\d\d\.\d\d\.\d{4}\t5\S+\t1 четверть \S+\tлистов 21\tсдал Завучева 1\. И\.\tпринял Секретарёва О\. В\./);
    expect(r.stdout).toContain('Контрольная сумма реестра: ');
    const none = cli('register', 'show', '--db', db, '--period', '2 четверть');
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toMatch(/^В реестре записей нет\./);
    const j = cli('register', 'show', '--db', db, '--json');
    expect((JSON.parse(j.stdout) as { entries: { number: number }[] }).entries.map((e) => e.number)).toEqual([1, 2, 3]);
    const bad = cli('register', 'show', '--db', db, '--period', '7 четверть');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--period: периода «7 четверть» нет');
  }, 120_000);

  it('verifies the chain; after an entry is changed in the database it exits 1 naming it', () => {
    const ok = cli('register', 'verify', '--db', db);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Реестр в порядке: записей 3, сканов 0');
    const sql = new Database(db);
    try {
      sql.prepare(`UPDATE paper_register_entry SET sheets = 99 WHERE number = 2`).run();
    } finally {
      sql.close();
    }
    const broken = cli('register', 'verify', '--db', db);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('Реестр нарушен:\n  запись № 2 изменена после внесения');
    const j = cli('register', 'verify', '--db', db, '--json');
    expect(j.code).toBe(1);
    expect(JSON.parse(j.stdout)).toMatchObject({ ok: false, brokenNumber: 2 });
  }, 120_000);
});
