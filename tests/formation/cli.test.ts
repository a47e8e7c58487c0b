// `enroll form-classes` (issue 12 point 6), run as a child process on a school with 120 enrollable
// applications: shown without --apply (nothing written), written with it (1А–1Д made).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, tempCore } from '../support/core';
import { runCli } from '../support/cli';
import { cohortOf, insertApplications } from './cohort';

let t: Awaited<ReturnType<typeof tempCore>>;

const cli = (...args: string[]) => runCli([...args, '--db', t.path, '--user', ADMIN.login], { password: ADMIN.password });
const planned = () => (t.db.raw.prepare('SELECT count(*) AS n FROM enrollment_application WHERE planned_class_id IS NOT NULL').get() as { n: number }).n;

beforeAll(async () => {
  t = await tempCore(() => new Date('2026-06-15T09:00:00Z'));
  await t.call('app.createSchool', { fullName: 'МБОУ «Школа № 5»', shortName: 'Школа № 5' });
  const year = await t.call('years.save', await t.call('years.suggest', { startYear: 2026 }));
  insertApplications(t.db, year.id, cohortOf(120));
}, 120_000);
afterAll(() => t?.cleanup());

describe('command line: enroll form-classes', () => {
  it('shows a distribution without writing it, then writes it with --apply', () => {
    const shown = cli('enroll', 'form-classes', '--classes', '5');
    expect(shown.code, shown.stderr).toBe(0);
    const lines = shown.stdout.trim().split('\n');
    expect(lines[0]).toBe('Распределение 120 детей по 5 классам (вариант 1):');
    for (const [i, name] of ['1А', '1Б', '1В', '1Г', '1Д'].entries())
      expect(lines[i + 1]).toMatch(new RegExp(`^  ${name}  24 ребёнка \\(мальчиков 1[1-3], девочек 1[1-3]\\), средний возраст \\d,\\d\\d — класс будет создан$`));
    expect(lines.at(-1)).toBe('Чтобы записать распределение, повторите команду с --apply.');
    expect(planned()).toBe(0);

    const applied = cli('enroll', 'form-classes', '--classes', '5', '--apply');
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout.split('\n')[0]).toBe('Классы сформированы:');
    expect(planned()).toBe(120);
    const json = cli('enroll', 'form-classes', '--classes', '5', '--json');
    const p = JSON.parse(json.stdout) as { classes: { name: string; classId: string | null }[] };
    expect(p.classes.every((c) => c.classId)).toBe(true);
  }, 300_000);

  it('refuses a wrong call', () => {
    const r = cli('enroll', 'form-classes');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('укажите число классов');
    const bad = cli('enroll', 'form-classes', '--classes', '2', '--sizes', '20,x');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--sizes: нужны целые числа через запятую');
  }, 120_000);
});
