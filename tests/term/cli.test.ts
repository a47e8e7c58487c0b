// `npm run cli -- reports term …` (issue 13 point 8) as a child process on a real database file: the
// demo school, with «2 четверть» marks of 7Б written straight into SQLite as sync would bring them;
// the report saved as XLSX (read back with exceljs) and PDF (pdftotext).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tempDir } from '../support/tmp';
import { CLI, ROOT } from '../support/cli';
import type { TermReport } from '../../electron/api/term';

let password = '';

function cli(...args: string[]) {
  const withUser = args[0] === 'demo' ? args : [...args, '--user', 'admin'];
  const r = spawnSync(CLI[0], [CLI[1], ...withUser], { cwd: ROOT, encoding: 'utf8', timeout: 240_000, env: { ...process.env, SCHOOL_OFFICE_PASSWORD: password } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('command line: reports term', () => {
  const tmp = tempDir('school-office-cli-term-');
  const db = join(tmp.dir, 'school.sqlite');
  afterAll(() => tmp.cleanup());
  /** 7Б's students on «2 четверть»'s last day, by name; the first gets a «2» in Алгебра, everyone else «5» everywhere. */
  let roster: { id: string; name: string }[] = [];

  beforeAll(() => {
    const r = cli('demo', '--db', db, '--students', '120', '--seed', '2', '--json');
    expect(r.code, r.stderr).toBe(0);
    password = (JSON.parse(r.stdout) as { users: { login: string; password: string }[] }).users.find((u) => u.login === 'admin')!.password;
    const sql = new Database(db);
    try {
      const q2 = sql.prepare(`SELECT id, year_id, end_date FROM study_period WHERE name = '2 четверть'`).get() as { id: string; year_id: string; end_date: string };
      const cls = sql.prepare(`SELECT id FROM school_class WHERE grade = 7 AND letter = 'Б' AND year_id = ?`).get(q2.year_id) as { id: string };
      roster = sql
        .prepare(
          `SELECT s.id, s.last_name || ' ' || s.first_name || coalesce(' ' || s.middle_name, '') AS name FROM class_membership m JOIN student s ON s.id = m.student_id
           WHERE m.class_id = ? AND m.deleted_at IS NULL AND m.date_from <= ? AND (m.date_to IS NULL OR m.date_to > ?) ORDER BY s.last_name, s.first_name, s.middle_name, s.id`,
        )
        .all(cls.id, q2.end_date, q2.end_date) as { id: string; name: string }[];
      const subjects = sql
        .prepare(
          `SELECT p.id, p.name FROM curriculum_item i JOIN subject p ON p.id = i.subject_id
           WHERE i.class_id = ? AND i.deleted_at IS NULL AND i.hours_per_week > 0 AND p.no_attestation = 0 AND p.grading = 'five_point'`,
        )
        .all(cls.id) as { id: string; name: string }[];
      expect(roster.length).toBeGreaterThan(2);
      const ins = sql.prepare(
        `INSERT INTO period_mark (id, created_at, updated_at, student_id, subject_id, year_id, period_id, value, entered_at)
         VALUES (?, '2026-12-25T10:00:00.000Z', '2026-12-25T10:00:00.000Z', ?, ?, ?, ?, ?, '2026-12-25T10:00:00.000Z')`,
      );
      let n = 0;
      sql.transaction(() => {
        roster.forEach((s, k) =>
          subjects.forEach((p) => ins.run(`pm-${++n}`, s.id, p.id, q2.year_id, q2.id, k === 0 && p.name === 'Алгебра' ? '2' : '5')),
        );
        // «1 четверть» (the dynamics): the same students, «4» everywhere but the second's «3» in Алгебра.
        const q1 = sql.prepare(`SELECT id FROM study_period WHERE name = '1 четверть' AND year_id = ?`).get(q2.year_id) as { id: string };
        roster.forEach((s, k) =>
          subjects.forEach((p) => ins.run(`pm-${++n}`, s.id, p.id, q2.year_id, q1.id, k === 1 && p.name === 'Алгебра' ? '3' : '4')),
        );
      })();
    } finally {
      sql.close();
    }
  }, 300_000);

  it('prints the figures of a class and of a parallel as JSON, and in words', () => {
    const r = cli('reports', 'term', '--db', db, '--period', '2 четверть', '--class', '7б', '--json');
    expect(r.code, r.stderr).toBe(0);
    const rep = JSON.parse(r.stdout) as TermReport;
    const n = roster.length;
    expect(rep.period.name).toBe('2 четверть');
    expect(rep.scope).toMatchObject({ kind: 'class', name: '7Б' });
    expect(rep.figures.counted.students.map((s) => s.name)).toEqual(roster.map((s) => s.name));
    expect(rep.figures.n.count).toBe(n);
    expect(rep.figures.failing.students).toEqual([{ id: roster[0]!.id, name: roster[0]!.name, className: '7Б', subjects: ['Алгебра'] }]);
    expect(rep.figures.excellent.count).toBe(n - 1);
    expect(rep.figures.progress).toBe(Math.round(((n - 1) * 1000) / n) / 10);
    expect(rep.figures.quality).toBe(rep.figures.progress);
    expect(rep.previous?.period.name).toBe('1 четверть');

    const p = cli('reports', 'term', '--db', db, '--period', '2 четверть', '--parallel', '7', '--json');
    expect(p.code, p.stderr).toBe(0);
    const par = JSON.parse(p.stdout) as TermReport;
    expect(par.scope).toMatchObject({ kind: 'parallel', grade: 7 });
    expect(par.classes.find((c) => c.className === '7Б')!.figures).toEqual(rep.figures);
    expect(par.figures.failing.count).toBe(1);

    const words = cli('reports', 'term', '--db', db, '--period', '2 четверть', '--class', '7Б');
    expect(words.code, words.stderr).toBe(0);
    expect(words.stdout).toContain(`Отчёт за период «2 четверть», 7Б: учеников ${n}, N ${n}; отличники ${n - 1}`);
    expect(words.stdout).toContain(`Неуспевающие: ${roster[0]!.name} (7Б: Алгебра)`);
  }, 240_000);

  it('saves the report as XLSX and PDF with --out, the extension deciding, --json still giving the figures', async () => {
    const x = join(tmp.dir, 'отчёт 7Б.xlsx');
    const r = cli('reports', 'term', '--db', db, '--period', '2 четверть', '--class', '7Б', '--out', x, '--json');
    expect(r.code, r.stderr).toBe(0);
    const rep = JSON.parse(r.stdout) as TermReport & { file: string };
    expect(rep.file).toBe(x);
    expect(rep.figures.failing.count).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(x);
    const ws = wb.worksheets[0]!;
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(String(rows[1]![0])).toBe('Отчёт об успеваемости обучающихся 7Б класса за 2 четверть 2026/2027 учебного года');
    // The class's row: counts and percentages as numbers, as term.report computed them.
    const f = rep.figures;
    expect(rows.find((row) => row[0] === '7Б')).toEqual(['7Б', f.counted.count, f.n.count, f.excellent.count, f.good.count, f.oneFour.count, f.satisfactory.count, f.oneThree.count, f.failing.count, f.notAttested.count, f.exempt.count, f.progress, f.quality, f.sou, f.average]);
    expect(rows.some((row) => row[1] === roster[0]!.name && row[3] === 'Алгебра')).toBe(true); // the list of неуспевающие

    const p = join(tmp.dir, 'отчёт 7.pdf');
    const words = cli('reports', 'term', '--db', db, '--period', '2 четверть', '--parallel', '7', '--out', p);
    expect(words.code, words.stderr).toBe(0);
    expect(words.stdout).toContain(`Сохранено в файле ${p}`);
    const text = execFileSync('pdftotext', ['-layout', p, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Отчёт об успеваемости обучающихся 7-х классов за 2 четверть 2026/2027 учебного года');
    expect(text).toContain('Заместитель директора по УВР');
    expect(text).toContain(roster[0]!.name);
  }, 240_000);

  it('draws the dynamics across the periods in the PDF as a line chart; the first quarter says it comes later', () => {
    const p = join(tmp.dir, 'динамика 7Б.pdf');
    const r = cli('reports', 'term', '--db', db, '--period', '2 четверть', '--class', '7Б', '--out', p, '--json');
    expect(r.code, r.stderr).toBe(0);
    const q2 = (JSON.parse(r.stdout) as TermReport).figures;
    const pages = execFileSync('pdftotext', ['-layout', p, '-'], { encoding: 'utf8' }).split('\f');
    const k = pages.findIndex((t) => t.includes('Динамика по периодам'));
    expect(k).toBeGreaterThanOrEqual(0);
    const page = pages[k]!.replace(/\s+/g, ' ');
    expect(page).toContain('7Б: успеваемость, качество знаний и СОУ по периодам, %');
    for (const legend of ['Успеваемость, %', 'Качество знаний, %', 'СОУ, %', '1 четверть', '2 четверть']) expect(page).toContain(legend);
    // The values at the points: «1 четверть» everyone succeeds (100,0), «2 четверть» all but one.
    const pct = (v: number | null) => v!.toLocaleString('ru-RU', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    expect(page).toContain('100,0');
    expect(page).toContain(pct(q2.progress));
    expect(page).toContain(pct(q2.sou));
    mkdirSync(join(ROOT, 'tests/artifacts'), { recursive: true });
    execFileSync('pdftoppm', ['-r', '70', '-png', '-f', String(k + 1), '-l', String(k + 1), '-singlefile', p, join(ROOT, 'tests/artifacts/term-report-pdf-dynamics')]);

    const q1 = join(tmp.dir, 'динамика 7Б 1.pdf');
    const one = cli('reports', 'term', '--db', db, '--period', '1 четверть', '--class', '7Б', '--out', q1);
    expect(one.code, one.stderr).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', q1, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Динамика по периодам Динамика появится со второго периода.');
    expect(text).not.toContain('успеваемость, качество знаний и СОУ по периодам');
  }, 240_000);

  it('refuses an unknown period or class, and a file other than .xlsx or .pdf, with code 2', () => {
    const a = cli('reports', 'term', '--db', db, '--period', '5 четверть');
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('--period: периода «5 четверть» нет');
    const b = cli('reports', 'term', '--db', db, '--period', '2 четверть', '--class', '7Я');
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('--class: класса «7Я» нет');
    const c = cli('reports', 'term', '--db', db, '--period', '2 четверть', '--out', join(tmp.dir, 'r.docx'));
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('файл --out должен оканчиваться на .xlsx или .pdf');
  }, 240_000);
});
