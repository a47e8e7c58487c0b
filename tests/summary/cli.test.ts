// `npm run cli -- reports summary …` and `reports marks-changes …` (issue 13 point 8) as child
// processes on a real database file: the demo school (grade-edit window «2 недели»), with period marks
// of 7Б and two mark changes written straight into SQLite as sync would bring them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../support/tmp';
import { CLI, ROOT } from '../support/cli';
import type { SummaryStatement } from '../../electron/api/summary';
import type { MarkChangeRow } from '../../electron/api/journal';

let password = '';

function cli(...args: string[]) {
  const withUser = args[0] === 'demo' ? args : [...args, '--user', 'admin'];
  const r = spawnSync(CLI[0], [CLI[1], ...withUser], { cwd: ROOT, encoding: 'utf8', timeout: 240_000, env: { ...process.env, SCHOOL_OFFICE_PASSWORD: password } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('command line: reports summary, reports marks-changes', () => {
  const tmp = tempDir('school-office-cli-summary-');
  const db = join(tmp.dir, 'school.sqlite');
  afterAll(() => tmp.cleanup());
  let first = { id: '', name: '' };
  let algebra = '';

  beforeAll(() => {
    const r = cli('demo', '--db', db, '--students', '120', '--seed', '3', '--json');
    expect(r.code, r.stderr).toBe(0);
    password = (JSON.parse(r.stdout) as { users: { login: string; password: string }[] }).users.find((u) => u.login === 'admin')!.password;
    const sql = new Database(db);
    try {
      const q1 = sql.prepare(`SELECT id, year_id, end_date FROM study_period WHERE name = '1 четверть' AND grade_from <= 7 AND grade_to >= 7`).get() as { id: string; year_id: string; end_date: string };
      const cls = sql.prepare(`SELECT id FROM school_class WHERE grade = 7 AND letter = 'Б' AND year_id = ?`).get(q1.year_id) as { id: string };
      first = sql
        .prepare(
          `SELECT s.id, s.last_name || ' ' || s.first_name || coalesce(' ' || s.middle_name, '') AS name FROM class_membership m JOIN student s ON s.id = m.student_id
           WHERE m.class_id = ? AND m.deleted_at IS NULL AND m.date_from <= ? AND (m.date_to IS NULL OR m.date_to > ?) ORDER BY s.last_name, s.first_name, s.middle_name, s.id LIMIT 1`,
        )
        .get(cls.id, q1.end_date, q1.end_date) as { id: string; name: string };
      algebra = (sql.prepare(`SELECT id FROM subject WHERE name = 'Алгебра'`).get() as { id: string }).id;
      const at = '2026-10-30T10:00:00.000Z';
      sql.prepare(`INSERT INTO period_mark (id, created_at, updated_at, student_id, subject_id, year_id, period_id, value, entered_at) VALUES ('pm-1', ?, ?, ?, ?, ?, ?, '4', ?)`).run(at, at, first.id, algebra, q1.year_id, q1.id, at);
      const teacher = (sql.prepare(`SELECT id FROM staff ORDER BY last_name LIMIT 1`).get() as { id: string }).id;
      const ins = sql.prepare(
        `INSERT INTO mark_change (id, created_at, updated_at, mark_id, mark_table, student_id, subject_id, lesson_date, teacher_id, changed_at, old_value, new_value)
         VALUES (?, ?, ?, ?, 'mark', ?, ?, '2026-10-01', ?, ?, '3', '4')`,
      );
      // Two weeks after 01.10: the 15th is the last day inside; the 16th (noon, any time zone) is after.
      ins.run('mc-in', at, at, 'm-1', first.id, algebra, teacher, new Date(2026, 9, 15, 12).toISOString());
      ins.run('mc-out', at, at, 'm-2', first.id, algebra, teacher, new Date(2026, 9, 16, 12).toISOString());
    } finally {
      sql.close();
    }
  }, 300_000);

  it('reports summary: the statement as JSON and in words, and saved as PDF and XLSX', () => {
    const r = cli('reports', 'summary', '--db', db, '--class', '7б', '--json');
    expect(r.code, r.stderr).toBe(0);
    const st = JSON.parse(r.stdout) as SummaryStatement;
    expect(st).toMatchObject({ kind: 'periods', className: '7Б' });
    const row = st.students.find((s) => s.id === first.id)!;
    expect(row.no).toBe(1);
    expect(row.marks[algebra]![st.periods[0]!.key]).toBe('4');
    const words = cli('reports', 'summary', '--db', db, '--class', '7Б');
    expect(words.code, words.stderr).toBe(0);
    expect(words.stdout).toContain(`1. ${first.name}`);
    expect(words.stdout).toContain('Алгебра: 4 · · · ·');
    const year = cli('reports', 'summary', '--db', db, '--class', '7Б', '--year', '--json');
    expect((JSON.parse(year.stdout) as SummaryStatement).kind).toBe('year');
    for (const ext of ['pdf', 'xlsx']) {
      const out = join(tmp.dir, `summary.${ext}`);
      const f = cli('reports', 'summary', '--db', db, '--class', '7Б', '--year', '--out', out);
      expect(f.code, f.stderr).toBe(0);
      expect(f.stdout).toContain(`сохранено в файле ${out}`);
      expect(existsSync(out)).toBe(true);
    }
    expect(execFileSync('pdftotext', [join(tmp.dir, 'summary.pdf'), '-'], { encoding: 'utf8' })).toContain('Сводная ведомость итогов промежуточной аттестации');
    const bad = cli('reports', 'summary', '--db', db, '--class', '7Я');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--class: класса «7Я» нет');
  }, 240_000);

  it('reports marks-changes: the window flag as JSON, --outside, saved as PDF', () => {
    const r = cli('reports', 'marks-changes', '--db', db, '--from', '01.10.2026', '--to', '31.10.2026', '--json');
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { total: number; outside: number; rows: MarkChangeRow[] };
    expect(j.total).toBe(2);
    expect(j.outside).toBe(1);
    expect(j.rows.map((x) => [x.id, x.inWindow, x.deadline])).toEqual([
      ['mc-in', true, '2026-10-15'],
      ['mc-out', false, '2026-10-15'],
    ]);
    const o = cli('reports', 'marks-changes', '--db', db, '--from', '01.10.2026', '--to', '31.10.2026', '--outside');
    expect(o.code, o.stderr).toBe(0);
    expect(o.stdout).toContain('Изменения отметок с 01.10.2026 по 31.10.2026: 1, после срока исправления: 1');
    expect(o.stdout).toContain('после срока (до 15.10.2026)');
    const out = join(tmp.dir, 'changes.pdf');
    const p = cli('reports', 'marks-changes', '--db', db, '--from', '01.10.2026', '--to', '31.10.2026', '--out', out);
    expect(p.code, p.stderr).toBe(0);
    expect(execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' })).toContain('нет (срок до 15.10.2026)');
    const bad = cli('reports', 'marks-changes', '--db', db, '--from', '2026/10/01', '--to', '31.10.2026');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--from: дата указывается как ДД.ММ.ГГГГ');
  }, 240_000);
});
