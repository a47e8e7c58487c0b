import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { ClassSubgroups, Division, TeacherWorkload, ValidationResult } from '../../electron/api/types';
import { byName } from '../../electron/core/groups/split';
import { tempDir } from '../support/tmp';
import { cliDemo, runCli } from '../support/cli';

const passwords = new Map<string, string>();

/** Runs the CLI as a demo user (the administrator unless --user is given). */
function cli(...args: string[]) {
  const i = args.indexOf('--user');
  const user = i >= 0 ? args[i + 1]! : 'admin';
  return runCli(i >= 0 ? args : [...args, '--user', user], { password: passwords.get(user) ?? '' });
}

describe('command line: subgroups, workload, validation (R3, R4)', () => {
  const tmp = tempDir('school-office-cli-groups-');
  const db = join(tmp.dir, 'school.sqlite');
  const show = (cls: string) => {
    const r = cli('subgroups', 'show', '--db', db, '--class', cls, '--json');
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as ClassSubgroups;
  };
  afterAll(() => tmp.cleanup());

  beforeAll(() => {
    for (const u of cliDemo(db, 1000, { seed: 1 }).users) passwords.set(u.login, u.password);
  }, 300_000);

  it('divides by the alphabet: every pupil in exactly one subgroup, sizes differing by at most one', () => {
    const r = cli('subgroups', 'split', '--db', db, '--class', '5а', '--subject', 'Иностранный язык', '--parts', '2', '--by', 'alphabet');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^5А, «Иностранный язык \(английский\)» разделён \(по алфавиту\): 1 подгруппа — \d+, 2 подгруппа — \d+/);
    const c = show('5 А');
    const d = c.subjects.find((s) => s.subjectName === 'Иностранный язык (английский)')!.division!;
    expect(d.method).toBe('alphabet');
    const ids = d.subgroups.flatMap((g) => g.members.map((m) => m.id));
    expect(ids).toHaveLength(c.studentCount);
    expect(new Set(ids).size).toBe(c.studentCount);
    expect(d.unplaced).toEqual([]);
    const sizes = d.subgroups.map((g) => g.members.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    // Consecutive in the alphabet: the last of the first subgroup comes before the first of the second.
    const split = (name: string) => {
      const [last_name = '', first_name = '', middle_name = null] = name.split(' ');
      return { id: name, last_name, first_name, middle_name };
    };
    expect(byName(split(d.subgroups[0]!.members.at(-1)!.fullName), split(d.subgroups[1]!.members[0]!.fullName))).toBeLessThan(0);
  }, 180_000);

  it('divides balanced into three: sizes differing by at most one', () => {
    const r = cli('subgroups', 'split', '--db', db, '--class', '6Б', '--subject', 'математика', '--parts', '3', '--by', 'balanced', '--json');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const d = JSON.parse(r.stdout) as Division;
    const c = show('6Б');
    expect(d.subgroups.flatMap((g) => g.members).length).toBe(c.studentCount);
    const sizes = d.subgroups.map((g) => g.members.length);
    expect(sizes).toHaveLength(3);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  }, 180_000);

  it('refuses in Russian what cannot be done, and wrong usage with exit code 2', () => {
    const gender = cli('subgroups', 'split', '--db', db, '--class', '5А', '--subject', 'Труд', '--parts', '3', '--by', 'gender', '--json');
    expect(gender.code).toBe(1);
    expect(JSON.parse(gender.stdout).errors[0].message).toBe('По полу класс делится только на две подгруппы: мальчики и девочки.');
    const ambiguous = cli('subgroups', 'split', '--db', db, '--class', '5А', '--subject', 'ин', '--json');
    expect(ambiguous.code).toBe(1);
    expect(JSON.parse(ambiguous.stdout).errors[0].message).toMatch(/^Под «ин» подходят несколько предметов: .*«Иностранный язык \(английский\)».*Уточните название\.$/);
    expect(JSON.parse(cli('subgroups', 'show', '--db', db, '--class', '5Я', '--json').stdout).errors[0].message).toBe('Класс 5Я не найден');
    expect(cli('subgroups', 'split', '--db', db, '--class', 'пятый', '--subject', 'Музыка').code).toBe(2);
    expect(cli('subgroups', 'split', '--db', db, '--class', '5А', '--subject', 'Музыка', '--by', 'random').code).toBe(2);
    expect(cli('subgroups', 'merge', '--db', db, '--class', '5А').code).toBe(2);
  }, 300_000);

  it('shows the workload of every teacher', () => {
    const r = cli('workload', '--db', db, '--json');
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as TeacherWorkload[];
    expect(rows.length).toBeGreaterThan(40);
    for (const t of rows) expect(t.totalHours).toBeLessThanOrEqual(t.maxHours);
    expect(rows.reduce((s, t) => s + t.totalHours, 0)).toBeGreaterThan(1000);
    expect(cli('workload', '--db', db).stdout).toMatch(/\t\d+(,\d+)? ч\t\d+(,\d+)? ст\./);
  }, 180_000);

  it('validates with exit code 0 and lists the problems: codes in --json, words in the plain output', () => {
    const r = cli('validate', '--db', db, '--json');
    expect(r.code, r.stderr).toBe(0);
    const v = JSON.parse(r.stdout) as ValidationResult;
    // 6Б's mathematics was divided into three above: its subgroups have no teacher yet.
    expect(v.errors).toBeGreaterThan(0);
    expect(v.problems.map((p) => p.code)).toContain('subgroup_no_teacher');
    expect(v.problems.find((p) => p.code === 'subgroup_no_teacher')!.message).toMatch(/^6Б, «Математика», подгруппа «\d подгруппа»: не назначен учитель \(5 ч в неделю по учебному плану\)$/);
    const plain = cli('validate', '--db', db);
    expect(plain.code).toBe(0);
    // In words only: the codes are for scripts, in --json (issue 8: no programmer's words).
    expect(plain.stdout).toMatch(/Ошибка: 6Б, «Математика», подгруппа «\d подгруппа»: не назначен учитель/);
    expect(plain.stdout).not.toMatch(/subgroup_no_teacher|\[[a-z_]+\]/);
    expect(plain.stdout).toMatch(/Ошибок: \d+, предупреждений: \d+/);
  }, 180_000);

  it('lets the secretary look but not divide', () => {
    expect(cli('subgroups', 'show', '--db', db, '--class', '5А', '--user', 'secretary').code).toBe(0);
    const r = cli('subgroups', 'split', '--db', db, '--class', '5А', '--subject', 'Музыка', '--user', 'secretary', '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).errors[0].message).toMatch(/Недостаточно прав: раздел «Группы и нагрузка» нельзя изменять/);
  }, 180_000);
});
