// `timetable export-fet` / `timetable import-fet` as a child process on a real database file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../db';
import { Session } from '../../electron/core/auth/session';
import type { Ctx } from '../../electron/core/context';
import { parseFet } from '../../electron/core/timetable/fet';
import { tempDir } from '../support/tmp';
import { makeDemoTimetable } from '../timetable/support/fetModel';
import { cliDemo, runCli } from '../support/cli';

describe('timetable export-fet / import-fet (CLI)', () => {
  const tmp = tempDir('school-office-cli-fet-');
  const db = join(tmp.dir, 'school.sqlite');
  let password = '';
  let timetableId = '';
  let cards = 0;
  let start = '';
  const cli = (...args: string[]) => runCli([...args, '--user', 'admin'], { password, timeout: 180_000 });
  afterAll(() => tmp.cleanup());

  beforeAll(() => {
    password = cliDemo(db, 100, { timeout: 180_000 }).users.find((u) => u.login === 'admin')!.password;
    // The version and its cards (until timetable.makeCards lands): written in-process on the same file.
    const d = openDatabase(db);
    const ctx: Ctx = { db: d, actor: 'test', host: 'test', now: () => new Date(), session: new Session(false), dataDir: tmp.dir };
    timetableId = makeDemoTimetable(ctx);
    cards = (d.raw.prepare('SELECT count(*) AS n FROM timetable_card WHERE timetable_id = ?').get(timetableId) as { n: number }).n;
    start = (d.raw.prepare('SELECT start_date FROM academic_year ORDER BY start_date DESC LIMIT 1').get() as { start_date: string }).start_date;
    d.close();
  }, 240_000);

  it('exports a version to a .fet file and imports it back as a new version', () => {
    const out = join(tmp.dir, 'task.fet');
    const e = cli('timetable', 'export-fet', '--db', db, '--timetable', timetableId, '--out', out);
    expect(e.code, e.stderr).toBe(0);
    expect(e.stdout).toContain(`Сохранено для FET: занятий ${cards}, файл ${out}`);
    expect(parseFet(readFileSync(out, 'utf8')).activities).toHaveLength(cards);

    const from = `01.10.${start.slice(0, 4)}`;
    const i = cli('timetable', 'import-fet', '--db', db, '--file', out, '--name', 'Из FET', '--from', from);
    expect(i.code, i.stderr).toBe(0);
    expect(i.stdout.trim()).toBe(`Загружено расписание «Из FET» (с ${from}): занятий ${cards}, расставлено 0`);
    // The same date again: refused (code 1), with the reason.
    const again = cli('timetable', 'import-fet', '--db', db, '--file', out, '--name', 'Ещё', '--from', from);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('С этой даты уже действует расписание «Из FET».');
  }, 300_000);

  it('refuses a call without what it needs (code 2)', () => {
    const r = cli('timetable', 'export-fet', '--db', db, '--timetable', timetableId);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('укажите --out ФАЙЛ.fet');
    const n = cli('timetable', 'import-fet', '--db', db, '--file', 'x.fet', '--name', 'X', '--from', '01.01.1990');
    expect(n.code).toBe(1);
    expect(n.stderr).toContain('не попадает ни в один учебный год');
  }, 120_000);
});
