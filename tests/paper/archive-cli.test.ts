// `npm run cli -- archive build|verify` (issue 14 point 7) as child processes on a real database
// file (the demo school): the archive built for a finished period is whole (exit 0, «Архив цел»);
// with one byte changed in one class's copy it is refused naming that file (exit 1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { tempDir } from '../support/tmp';
import { runCli } from '../support/cli';

let password = '';
const cli = (...args: string[]) => runCli(args[0] === 'demo' ? args : [...args, '--user', 'admin'], { password, timeout: 240_000 });

describe('command line: archive build, archive verify', { timeout: 240_000 }, () => {
  const tmp = tempDir('school-office-cli-archive-');
  const db = join(tmp.dir, 'school.sqlite');
  const out = join(tmp.dir, 'архив.zip');
  afterAll(() => tmp.cleanup());
  let period = '';

  beforeAll(() => {
    const r = cli('demo', '--db', db, '--students', '120', '--seed', '2', '--json');
    expect(r.code, r.stderr).toBe(0);
    password = (JSON.parse(r.stdout) as { users: { login: string; password: string }[] }).users.find((u) => u.login === 'admin')!.password;
    const sql = new Database(db);
    try {
      // A quarter over by today (the demo's year is the current one).
      const today = new Date().toISOString().slice(0, 10);
      const p = sql.prepare(`SELECT name FROM study_period WHERE end_date < ? AND kind = 'quarter' ORDER BY end_date DESC LIMIT 1`).get(today) as { name: string } | undefined;
      period = p?.name ?? '';
    } finally {
      sql.close();
    }
  }, 300_000);

  it('builds the archive of a period, and verifies it whole', () => {
    if (!period) return; // the first quarter of the demo year is not over yet
    const b = cli('archive', 'build', '--db', db, '--period', period, '--out', out);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toMatch(/^Архив собран: \d+ файл/);
    const v = cli('archive', 'verify', out, '--db', db);
    expect(v.code, v.stderr).toBe(0);
    const files = (JSON.parse(new TextDecoder().decode(unzipSync(readFileSync(out))['manifest.json'])) as { files: unknown[] }).files.length;
    expect(v.stdout).toContain(`Архив цел: ${files} файл`);
    expect(v.stdout).toContain('Собран программой');
  }, 300_000);

  it('refuses an archive with one byte changed, naming the file (exit 1)', () => {
    if (!period) return;
    const entries = unzipSync(readFileSync(out));
    const name = Object.keys(entries).find((n) => n.startsWith('copies/'))!;
    entries[name]![100]! ^= 0x20;
    const bad = join(tmp.dir, 'повреждённый.zip');
    writeFileSync(bad, zipSync(entries as Zippable, { os: 3 }));
    const v = cli('archive', 'verify', bad, '--db', db);
    expect(v.code).toBe(1);
    expect(v.stdout).toContain(`${name}: содержимое изменено`);
  }, 300_000);

  it('tells how to call it', () => {
    const r = cli('archive', 'build', '--db', db, '--out', join(tmp.dir, 'x.zip'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('archive build: укажите --period "2 четверть" или --year');
  }, 120_000);
});
