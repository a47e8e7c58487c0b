// `npm run cli -- substitutions list --db … --date …` (issue 11 point 6), run as a child process on
// a demo school with a placed timetable, an absent teacher and one lesson covered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from '../support/core';
import { placedDemo } from './timetable';
import { runCli } from '../support/cli';

const WED = '2026-12-02';
let t: Awaited<ReturnType<typeof placedDemo>>;
let login = '';

const cli = (...args: string[]) => runCli([...args, '--db', t.path, '--user', login], { password: ADMIN.password });

beforeAll(async () => {
  t = await placedDemo();
  login = t.demo.users.find((u) => u.role === 'sysadmin')!.login;
  const lessons = (await t.call('substitutions.day', { date: WED })).lessons;
  const l = lessons.find((x) => x.targetName === '7А' && x.lessonNo === 1)!;
  await t.call('absences.save', { staffId: l.teacherId, dateFrom: WED, dateTo: WED, reason: 'illness', note: null });
  const top = (await t.call('substitutions.candidates', { date: WED, cardId: l.cardId }))[0]!;
  await t.call('substitutions.assign', { date: WED, cardId: l.cardId, substituteId: top.staffId, roomId: null, note: null });
}, 300_000);
afterAll(() => t?.cleanup());

describe('command line: substitutions list', () => {
  it('prints the absences, the lessons needing cover and the changes of the day', async () => {
    const day = await t.call('substitutions.day', { date: WED });
    const r = cli('substitutions', 'list', '--date', WED);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('Замены на 02.12.2026, расписание «Основное»');
    const absent = day.absences[0]!;
    expect(lines[1]).toBe(`Отсутствуют: ${absent.teacherName} (болезнь, 02.12.2026–02.12.2026)`);
    const need = day.lessons.filter((l) => l.needsCover);
    expect(lines).toContain(`Нужна замена: ${need.length}`);
    for (const l of need) expect(lines).toContain(`  ${l.lessonNo} урок ${l.startsAt}–${l.endsAt}  ${l.targetName}  ${l.subjectName}  ${l.teacherName}`);
    const changed = day.lessons.find((l) => l.change)!;
    expect(lines).toContain('Изменения: 1');
    expect(lines.at(-1)).toBe(
      `  1 урок 08:30–09:15  7А  ${changed.subjectName}  ${changed.teacherName} → замена: ${changed.change!.substituteName}${changed.change!.sameSubject ? ' (по своему предмету)' : ''}`,
    );
    const json = cli('substitutions', 'list', '--date', WED, '--json');
    expect(JSON.parse(json.stdout).changes).toHaveLength(1);
  }, 240_000);

  it('refuses a wrong date as a wrong call', () => {
    const r = cli('substitutions', 'list', '--date', '02.12.2026');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--date: дата указывается как ГГГГ-ММ-ДД, получено «02.12.2026»');
  }, 120_000);
});
