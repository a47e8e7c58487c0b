// `npm run cli -- statements print …` (issue 13 point 8; R12) as a child process on a real database
// file: the demo school, with a lesson of the last full week and a double mark written straight into
// SQLite for a child whose parent refused the electronic diary, as sync would bring them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../support/tmp';
import { runCli } from '../support/cli';
import type { StatementsPreview } from '../../electron/api/statements';
import { addDays, lastFullWeek } from '../../electron/core/statements/figures';

let password = '';
const cli = (...args: string[]) => runCli(args[0] === 'demo' ? args : [...args, '--user', 'admin'], { password, timeout: 240_000 });
const ru = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

describe('command line: statements print', () => {
  const tmp = tempDir('school-office-cli-statements-');
  const db = join(tmp.dir, 'school.sqlite');
  afterAll(() => tmp.cleanup());
  const week = lastFullWeek(new Date().toISOString().slice(0, 10));
  let child = { id: '', name: '', class_name: '', class_id: '' };
  let children = 0;

  beforeAll(() => {
    const r = cli('demo', '--db', db, '--students', '120', '--seed', '2', '--json');
    expect(r.code, r.stderr).toBe(0);
    password = (JSON.parse(r.stdout) as { users: { login: string; password: string }[] }).users.find((u) => u.login === 'admin')!.password;
    const sql = new Database(db);
    try {
      const kids = sql
        .prepare(
          `SELECT DISTINCT s.id, s.last_name || ' ' || s.first_name || coalesce(' ' || s.middle_name, '') AS name, c.grade || c.letter AS class_name, c.id AS class_id
           FROM student s JOIN school_class c ON c.id = s.class_id JOIN student_guardian sg ON sg.student_id = s.id AND sg.deleted_at IS NULL
           JOIN guardian g ON g.id = sg.guardian_id AND g.e_service_refused = 1 ORDER BY c.grade, c.letter, s.last_name, s.first_name, s.id`,
        )
        .all() as typeof child[];
      expect(kids.length).toBeGreaterThan(0);
      child = kids[0]!;
      children = kids.filter((k) => k.class_id === child.class_id).length;
      const subject = sql.prepare(`SELECT id FROM subject WHERE name = 'Русский язык'`).get() as { id: string };
      const teacher = sql.prepare(`SELECT id FROM staff WHERE deleted_at IS NULL LIMIT 1`).get() as { id: string };
      const at = `${week.from}T12:00:00.000Z`;
      const day = addDays(week.from, 1); // Tuesday of that week
      sql.prepare(`INSERT INTO lesson (id, created_at, updated_at, date, lesson_no, class_id, subject_id, teacher_id, status) VALUES ('l-1', ?, ?, ?, 1, ?, ?, ?, 'held')`).run(at, at, day, child.class_id, subject.id, teacher.id);
      const mark = sql.prepare(
        `INSERT INTO mark (id, created_at, updated_at, student_id, lesson_id, date, subject_id, value, work_kind, weight, entered_at) VALUES (?, ?, ?, ?, 'l-1', ?, ?, ?, ?, ?, ?)`,
      );
      mark.run('m-1', at, at, child.id, day, subject.id, '5', 'answer', 1, at);
      mark.run('m-2', at, at, child.id, day, subject.id, '4', 'dictation', 2, at);
    } finally {
      sql.close();
    }
  }, 300_000);

  it('prints the class’s batch to the file, records it in the register, and gives the figures as JSON', () => {
    const out = join(tmp.dir, 'выписки.pdf');
    const r = cli('statements', 'print', '--db', db, '--from', ru(week.from), '--to', ru(week.to), '--class', child.class_name.toLowerCase(), '--out', out, '--json');
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as StatementsPreview & { file: string; rows: number };
    expect(j).toMatchObject({ file: out, rows: children, from: week.from, to: week.to, className: child.class_name });
    const mine = j.children.find((c) => c.studentId === child.id)!;
    expect(mine.studentName).toBe(child.name);
    // One lesson with a double mark: 5 (weight 1) and 4 (dictation, weight 2) — average 4.5, weighted 13 / 3 = 4.33.
    expect(mine.subjects).toEqual([
      expect.objectContaining({ subject: 'Русский язык', lessonsHeld: 1, average: 4.5, weightedAverage: 4.33, late: 0, missed: { sick: 0, excused: 0, unexcused: 0 } }),
    ]);
    expect(existsSync(out)).toBe(true);
    expect(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [out], { encoding: 'utf8' }))![1])).toBe(children);
    const sql = new Database(db, { readonly: true });
    try {
      expect(sql.prepare(`SELECT date_from, date_to, class_id FROM statement_batch`).all()).toEqual([{ date_from: week.from, date_to: week.to, class_id: child.class_id }]);
      expect((sql.prepare(`SELECT count(*) AS n FROM statement_copy`).get() as { n: number }).n).toBe(children);
    } finally {
      sql.close();
    }
    const words = cli('statements', 'print', '--db', db, '--class', child.class_name, '--out', join(tmp.dir, 'again.pdf'));
    expect(words.code, words.stderr).toBe(0);
    expect(words.stdout).toContain(`${child.name} —`);
    expect(words.stdout).toMatch(/Русский язык: уроков 1; отметки 5 4; средний 4,50, средневзвешенный 4,33/);
  }, 240_000);

  it('refuses a date that does not exist (1) and a wrong call (2), writing nothing', () => {
    const bad = cli('statements', 'print', '--db', db, '--from', '31.02.2026', '--out', join(tmp.dir, 'x.pdf'), '--json');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/Период с.*31\.02\.2026 не существует/);
    expect(existsSync(join(tmp.dir, 'x.pdf'))).toBe(false);
    expect(cli('statements', 'print', '--db', db).code).toBe(2);
    expect(cli('statements', 'print', '--db', db, '--out', 'a.xlsx').code).toBe(2);
  }, 240_000);
});
