// `npm run cli -- timetable generate` as a child process on a real database file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../db';
import type { GenerateResult } from '../../electron/api/timetable';
import { makeDemoCards } from '../timetable/support/demoModel';
import { verifyClashes } from '../timetable/support/verify';
import { loadModel } from '../../electron/core/timetable/queries';
import { tempDir } from '../support/tmp';
import { cliDemo, runCli } from '../support/cli';

let password = '';
const cli = (...args: string[]) => runCli([...args, '--user', 'admin'], { password, timeout: 240_000 });

describe('command line: timetable generate', () => {
  const tmp = tempDir('school-office-cli-timetable-');
  const db = join(tmp.dir, 'school.sqlite');
  let timetableId = '';
  afterAll(() => tmp.cleanup());

  beforeAll(() => {
    password = cliDemo(db, 300, { seed: 1, timeout: 240_000 }).users.find((u) => u.login === 'admin')!.password;
    const d = openDatabase(db);
    try {
      timetableId = makeDemoCards(d);
    } finally {
      d.close();
    }
  }, 300_000);

  it('places one parallel, then the rest, with no clash', () => {
    const r = cli('timetable', 'generate', '--db', db, '--timetable', timetableId, '--scope', 'grade:5', '--seed', '3');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Размещено уроков: \d+ за \d+,\d с\nОкон у учителей: \d+; предупреждений: \d+\n$/);
    const d = openDatabase(db);
    try {
      const m = loadModel(d, timetableId);
      const placed = m.cards.filter((c) => c.weekday !== null);
      expect(placed.length).toBe(m.cards.filter((c) => c.grade === 5).length);
      expect(placed.every((c) => c.grade === 5)).toBe(true);
    } finally {
      d.close();
    }
    const all = cli('timetable', 'generate', '--db', db, '--timetable', timetableId, '--json');
    expect(all.code, all.stderr).toBe(0);
    const res = JSON.parse(all.stdout) as GenerateResult;
    expect(res.unplaced).toEqual([]);
    const d2 = openDatabase(db);
    try {
      const m = loadModel(d2, timetableId);
      expect(res.placed).toBe(m.cards.filter((c) => c.grade !== 5).length);
      expect(m.cards.every((c) => c.weekday !== null)).toBe(true);
      expect(verifyClashes(m)).toEqual([]);
    } finally {
      d2.close();
    }
  }, 300_000);

  it('refuses a wrong scope or a missing version, changing nothing', () => {
    const bad = cli('timetable', 'generate', '--db', db, '--timetable', timetableId, '--scope', 'grade:12');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--scope: unplaced, all, grade:N \(параллель\) или teacher:ID \(учитель\); параллель — от 1 до 11, получено 12/);
    const none = cli('timetable', 'generate', '--db', db, '--scope', 'all');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/укажите расписание: --timetable ID или название/);
    const gone = cli('timetable', 'generate', '--db', db, '--timetable', '01900000-0000-7000-8000-000000000000', '--scope', 'all');
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/Расписание «.+» не найдено/);
  }, 300_000);
});
