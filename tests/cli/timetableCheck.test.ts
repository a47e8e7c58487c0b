// Issue 11: `timetable check` on the command line prints a version's clashes and its warnings by
// kind; the version is found by name (case ignored) or id; an unknown one is refused (exit 1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, demoCore } from '../support/core';
import { runCli } from '../support/cli';

let t: Awaited<ReturnType<typeof demoCore>>;
let id: string;

const cli = (...args: string[]) => runCli([...args, '--db', t.path, '--user', 'admin'], { password: ADMIN.password });

beforeAll(async () => {
  t = await demoCore(100);
  const y = (await t.call('years.list')).find((x) => x.isCurrent)!;
  const v = await t.call('timetable.saveVersion', { yearId: y.id, name: 'Основное', validFrom: y.startDate, days: 5, fortnight: false });
  id = v.id;
  await t.call('timetable.makeCards', { timetableId: id });
  const all = (await t.call('timetable.board', { timetableId: id })).cards;
  const five = all.find((c) => c.classId && c.grade === 5)!.classId;
  const cls = all.filter((c) => c.classId === five && !c.subgroupId);
  let placed = 0;
  for (const c of cls) {
    if (placed === 7) break;
    try {
      await t.call('timetable.place', { cardId: c.id, weekday: 1, lessonNo: placed + 1, roomId: null });
      placed++;
    } catch {
      /* the teacher is busy: the next card */
    }
  }
}, 300_000);
afterAll(() => t?.cleanup());

describe('timetable check on the command line', () => {
  it('prints the clashes and the warnings by kind, as the API counts them', async () => {
    const r = cli('timetable', 'check', '--timetable', 'основное');
    expect(r.code, r.stderr).toBe(0);
    const check = await t.call('timetable.check', { timetableId: id });
    expect(r.stdout).toContain('Расписание «Основное» с 01.09.2026');
    expect(r.stdout).toContain('Конфликтов: 0');
    expect(r.stdout).toContain(`уроков в день больше нормы: ${check.counts.day_load}`);
    expect(check.counts.day_load).toBeGreaterThanOrEqual(1);
    expect(r.stdout).toContain(`окна у учителей: ${check.counts.teacher_window}`);
    const json = JSON.parse(cli('timetable', 'check', '--timetable', id, '--json').stdout) as { counts: Record<string, number>; clashes: unknown[] };
    expect(json.counts).toEqual(check.counts);
    expect(json.clashes).toEqual([]);
  }, 300_000);

  it('refuses an unknown version by name', () => {
    const r = cli('timetable', 'check', '--timetable', 'Нет такого');
    expect(r.code).toBe(1);
    expect(r.stderr + r.stdout).toContain('Расписание «Нет такого» не найдено; есть: «Основное»');
  }, 120_000);
});
