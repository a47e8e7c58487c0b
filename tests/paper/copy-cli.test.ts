// `npm run cli -- paper-copies print …` (issue 14 point 7; R21) as a child process on a real database
// file: the demo school with «2 четверть» journal rows of two 7th classes written straight into
// SQLite; one class, then every class of the period, each a PDF in the folder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../db';
import { tempDir } from '../support/tmp';
import { cliDemo, runCli } from '../support/cli';
import { seedJournal } from '../support/journal';

let password = '';
const cli = (...args: string[]) => runCli([...args, '--user', 'admin'], { password, timeout: 240_000 });

describe('command line: paper-copies print', { timeout: 240_000 }, () => {
  const tmp = tempDir('school-office-cli-paper-');
  const db = join(tmp.dir, 'school.sqlite');
  afterAll(() => tmp.cleanup());
  let classes: string[] = [];
  let all: string[] = [];
  let student = '';

  beforeAll(() => {
    password = cliDemo(db, 120, { seed: 4 }).users.find((u) => u.login === 'admin')!.password;
    const d = openDatabase(db);
    try {
      const p = d.raw.prepare(`SELECT id, year_id, start_date, end_date FROM study_period WHERE name = '2 четверть' AND grade_from <= 7 AND grade_to >= 7`).get() as {
        id: string; year_id: string; start_date: string; end_date: string;
      };
      const cls = d.raw.prepare(`SELECT id, grade || letter AS name FROM school_class WHERE grade = 7 ORDER BY letter LIMIT 2`).all() as { id: string; name: string }[];
      classes = cls.map((c) => c.name);
      all = d.raw.prepare(`SELECT grade || letter FROM school_class c JOIN study_period p ON p.id = ? AND c.grade BETWEEN p.grade_from AND p.grade_to ORDER BY grade, letter`).pluck().all(p.id) as string[];
      const algebra = (d.raw.prepare(`SELECT id FROM subject WHERE name = 'Алгебра'`).get() as { id: string }).id;
      const teacher = (d.raw.prepare(`SELECT id FROM staff ORDER BY last_name LIMIT 1`).get() as { id: string }).id;
      for (const [i, c] of cls.entries()) {
        const s = seedJournal(d, { classId: c.id, subjectId: algebra, teacherId: teacher, from: p.start_date, to: p.end_date, periodId: p.id, yearId: p.year_id, seed: i });
        if (i === 0) student = (d.raw.prepare(`SELECT last_name || ' ' || first_name FROM student WHERE id = ?`).pluck().get(s.rosterOn(p.end_date)[0]) as string);
      }
    } finally {
      d.close();
    }
  }, 300_000);

  it('writes one class’s copy into the folder and records it', () => {
    const out = join(tmp.dir, 'one');
    const r = cli('paper-copies', 'print', '--db', db, '--period', '2 четверть', '--class', classes[0]!.toLowerCase(), '--out', out, '--json');
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(r.stdout) as { copies: { file: string; className: string; code: string; sheets: number }[] };
    expect(readdirSync(out)).toEqual([`${classes[0]} — 2 четверть.pdf`]);
    expect(res.copies).toHaveLength(1);
    const text = execFileSync('pdftotext', ['-layout', join(out, `${classes[0]} — 2 четверть.pdf`), '-'], { encoding: 'utf8' });
    expect(text).toContain(student);
    expect(text).toContain(`Лист 1 из ${res.copies[0]!.sheets}`);
    expect(text).toContain(res.copies[0]!.code);
  }, 300_000);

  it('writes every class of the period as one PDF each (no ZIP left)', () => {
    const out = join(tmp.dir, 'all');
    const r = cli('paper-copies', 'print', '--db', db, '--period', '2 четверть', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Бумажные копии журнала за «2 четверть»: \d+ \(листов: \d+\)/);
    expect(readdirSync(out).sort()).toEqual(all.map((c) => `${c} — 2 четверть.pdf`).sort());
    const d = openDatabase(db);
    try {
      expect(d.raw.prepare(`SELECT count(DISTINCT class_id) FROM paper_step WHERE step = 'printed'`).pluck().get()).toBe(all.length);
    } finally {
      d.close();
    }
  }, 300_000);

  it('refuses an unknown period or class with exit 2, naming what there is', () => {
    const r = cli('paper-copies', 'print', '--db', db, '--period', '5 четверть', '--out', join(tmp.dir, 'x'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/периода «5 четверть» в учебном году нет \(есть: 1 четверть/);
    const r2 = cli('paper-copies', 'print', '--db', db, '--period', '2 четверть', '--class', '12Я', '--out', join(tmp.dir, 'x'));
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/класса «12Я» нет/);
  }, 300_000);
});
