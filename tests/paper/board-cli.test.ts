// `npm run cli -- paper-copies check …` (issue 14 points 2 and 7) as a child process on the demo
// school's file, with a lesson without a topic written straight into SQLite as sync would bring it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../support/tmp';
import { runCli } from '../support/cli';
import type { PaperCheck } from '../../electron/api/paperBoard';

let password = '';
const cli = (...args: string[]) => runCli(args[0] === 'demo' ? args : [...args, '--user', 'admin'], { password, timeout: 240_000 });

describe('command line: paper-copies check', { timeout: 240_000 }, () => {
  const tmp = tempDir('school-office-cli-paper-check-');
  const db = join(tmp.dir, 'school.sqlite');
  afterAll(() => tmp.cleanup());
  let cls = { id: '', name: '' };

  beforeAll(() => {
    const r = cli('demo', '--db', db, '--students', '120', '--seed', '2', '--json');
    expect(r.code, r.stderr).toBe(0);
    password = (JSON.parse(r.stdout) as { users: { login: string; password: string }[] }).users.find((u) => u.login === 'admin')!.password;
    const sql = new Database(db);
    try {
      cls = sql.prepare(`SELECT id, grade || letter AS name FROM school_class WHERE grade = 7 ORDER BY letter LIMIT 1`).get() as typeof cls;
      const p = sql.prepare(`SELECT start_date FROM study_period WHERE name = '2 четверть'`).get() as { start_date: string };
      const subject = sql.prepare(`SELECT id FROM subject WHERE name = 'Русский язык'`).get() as { id: string };
      const teacher = sql.prepare(`SELECT id, last_name || ' ' || first_name || coalesce(' ' || middle_name, '') AS name FROM staff WHERE deleted_at IS NULL ORDER BY last_name LIMIT 1`).get() as { id: string; name: string };
      (globalThis as { teacher?: string }).teacher = teacher.name;
      const at = `${p.start_date}T10:00:00.000Z`;
      sql.prepare(`INSERT INTO lesson (id, created_at, updated_at, date, lesson_no, class_id, subject_id, teacher_id, topic, status) VALUES ('l-1', ?, ?, ?, 3, ?, ?, ?, NULL, 'held')`).run(at, at, p.start_date, cls.id, subject.id, teacher.id);
    } finally {
      sql.close();
    }
  }, 300_000);

  it('prints the findings per teacher, exit 0; --json gives them as data', () => {
    const text = cli('paper-copies', 'check', '--db', db, '--period', '2 четверть', '--class', cls.name.toLowerCase());
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`Проверка перед печатью бумажных копий: 2 четверть`);
    expect(text.stdout).toContain(`${(globalThis as { teacher?: string }).teacher} — замечаний:`);
    expect(text.stdout).toMatch(new RegExp(`  ${cls.name}, Русский язык: урок \\d\\d\\.\\d\\d\\.\\d{4}, 3-й: нет темы`));
    const json = cli('paper-copies', 'check', '--db', db, '--period', '2 четверть', '--class', cls.name, '--json');
    expect(json.code, json.stderr).toBe(0);
    const data = JSON.parse(json.stdout) as PaperCheck;
    expect(data.classes).toBe(1);
    expect(data.byKind.noTopic).toBe(1);
    expect(data.teachers.flatMap((t) => t.findings).find((f) => f.kind === 'noTopic')).toMatchObject({ className: cls.name, subject: 'Русский язык' });
  });

  it('refuses an unknown period with exit 2, naming the periods there are', () => {
    const r = cli('paper-copies', 'check', '--db', db, '--period', '5 четверть');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--period: периода «5 четверть» нет (есть: 1 четверть');
  });
});
