// Issue 9: a student's class is a dated history; «who was in 5А on 12.11.2026» is a query.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tempCore } from '../support/core';
import { classOfStudentOn, classRosterOn, whoWasIn } from '../../electron/core/students/queries';
import { overlaps } from '../../electron/core/students/membership';
import { AppError } from '../../electron/api/errors';

const student = { lastName: 'Петров', firstName: 'Пётр', middleName: 'Сергеевич', birthDate: '2015-03-04', gender: 'm' as const, guardians: [] };

describe('dated class memberships', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  /** A 2026/2027 school with 5А and 5Б, on the day `today`. */
  async function school(today = '2026-12-01') {
    const t = await tempCore(() => new Date(`${today}T09:00:00Z`));
    cleanup = t.cleanup;
    await t.call('years.save', await t.call('years.suggest', { startYear: 2026 }));
    const a = await t.call('classes.save', { grade: 5, letter: 'А', shift: 1 });
    const b = await t.call('classes.save', { grade: 5, letter: 'Б', shift: 1 });
    return { ...t, a, b };
  }
  const rejection = (p: Promise<unknown>) => p.then(() => { throw new Error('not refused'); }, (e: unknown) => e as AppError);
  const names = (r: { fullName: string }[]) => r.map((x) => x.fullName);

  it('who was in 5А on 12.11.2026: a student who moved from 5А to 5Б on 20.11.2026', async () => {
    const t = await school();
    const petrov = await t.call('students.save', { ...student, classId: t.a.id, classFrom: '2026-09-01' });
    const other = await t.call('students.save', { ...student, lastName: 'Сидоров', classId: t.b.id, classFrom: '2026-09-01' });
    const moved = await t.call('students.save', { ...student, id: petrov.id, classId: t.b.id, classFrom: '2026-11-20' });
    expect(moved.className).toBe('5Б');

    expect(names(whoWasIn(t.ctx, '5А', '2026-11-12'))).toEqual(['Петров Пётр Сергеевич']);
    expect(names(whoWasIn(t.ctx, '5Б', '2026-11-12'))).toEqual(['Сидоров Пётр Сергеевич']);
    expect(names(whoWasIn(t.ctx, '5а', '2026-11-20'))).toEqual([]); // the day of the move is the first day in 5Б
    expect(names(whoWasIn(t.ctx, '5Б', '2026-11-20'))).toEqual(['Петров Пётр Сергеевич', 'Сидоров Пётр Сергеевич']);
    // Today: in 5Б, as the student's card, the list and the class filter say.
    expect(names(classRosterOn(t.ctx, t.b.id, '2026-12-01'))).toEqual(['Петров Пётр Сергеевич', 'Сидоров Пётр Сергеевич']);
    expect(names(classRosterOn(t.ctx, t.a.id, '2026-12-01'))).toEqual([]);
    expect((await t.call('students.get', { id: petrov.id })).classId).toBe(t.b.id);
    expect((await t.call('students.list', { classId: t.b.id })).rows.map((r) => r.id).sort()).toEqual([petrov.id, other.id].sort());
    expect(classOfStudentOn(t.ctx, petrov.id, '2026-08-31')).toBeNull();
    expect(classOfStudentOn(t.ctx, petrov.id, '2026-09-01')).toBe(t.a.id);
    expect(classOfStudentOn(t.ctx, petrov.id, '2026-11-19')).toBe(t.a.id);
    expect(classOfStudentOn(t.ctx, petrov.id, '2026-11-20')).toBe(t.b.id);

    // The same question through the API (students.rosterOn), as the screens and documents will ask it.
    const onNov12 = await t.call('students.rosterOn', { classId: t.a.id, date: '2026-11-12' });
    expect(onNov12).toEqual([{ studentId: petrov.id, fullName: 'Петров Пётр Сергеевич', dateFrom: '2026-09-01', dateTo: '2026-11-20' }]);
    expect(names(await t.call('students.rosterOn', { classId: t.b.id, date: '2026-11-12' }))).toEqual(['Сидоров Пётр Сергеевич']);
    expect((await rejection(t.call('students.rosterOn', { classId: 'нет-такого', date: '2026-11-12' }))).code).toBe('not_found');

    // The history as stored: the old membership closed on the day of the move, the new one open.
    const rows = t.db.raw.prepare('SELECT class_id, date_from, date_to FROM class_membership WHERE student_id = ? AND deleted_at IS NULL ORDER BY date_from').all(petrov.id);
    expect(rows).toEqual([
      { class_id: t.a.id, date_from: '2026-09-01', date_to: '2026-11-20' },
      { class_id: t.b.id, date_from: '2026-11-20', date_to: null },
    ]);
    // Saving the card again without a change of class changes no membership.
    await t.call('students.save', { ...student, id: petrov.id, classId: t.b.id, address: 'ул. Мира, 1' });
    expect(t.db.raw.prepare('SELECT count(*) AS n FROM class_membership WHERE student_id = ?').get(petrov.id)).toEqual({ n: 2 });
  });

  it('refuses a move that would overlap the history, or a date still to come; changes nothing', async () => {
    const t = await school();
    const s = await t.call('students.save', { ...student, classId: t.a.id, classFrom: '2026-09-01' });
    await t.call('students.save', { ...student, id: s.id, classId: t.b.id, classFrom: '2026-11-20' });
    const before = t.db.raw.prepare('SELECT * FROM class_membership ORDER BY id').all();
    // Back to 5А on a day before the move into 5Б began.
    let e = await rejection(t.call('students.save', { ...student, id: s.id, classId: t.a.id, classFrom: '2026-11-10' }));
    expect(e.message).toBe('Дата перевода 10.11.2026 раньше, чем ученик пришёл в 5Б (20.11.2026)');
    expect(e.problems?.[0]?.column).toBe('classFrom');
    // A day still to come.
    e = await rejection(t.call('students.save', { ...student, id: s.id, classId: t.a.id, classFrom: '2026-12-02' }));
    expect(e.message).toMatch(/^Дата перевода 02\.12\.2026 ещё не наступила/);
    expect(t.db.raw.prepare('SELECT * FROM class_membership ORDER BY id').all()).toEqual(before);
    expect((await t.call('students.get', { id: s.id })).classId).toBe(t.b.id);
    // A second move on the same day corrects the first: no membership that lasted no day.
    await t.call('students.save', { ...student, id: s.id, classId: t.a.id, classFrom: '2026-11-20' });
    expect(t.db.raw.prepare('SELECT class_id, date_from, date_to FROM class_membership WHERE student_id = ? AND deleted_at IS NULL ORDER BY date_from, created_at').all(s.id)).toEqual([
      { class_id: t.a.id, date_from: '2026-09-01', date_to: '2026-11-20' },
      { class_id: t.a.id, date_from: '2026-11-20', date_to: null },
    ]);
  });

  it('a student who leaves the school is in the roster of the days they were there', async () => {
    const t = await school('2026-10-15');
    const s = await t.call('students.save', { ...student, classId: t.a.id, classFrom: '2026-09-01' });
    await t.call('students.remove', { id: s.id });
    expect(names(whoWasIn(t.ctx, '5А', '2026-10-14'))).toEqual(['Петров Пётр Сергеевич']);
    expect(names(whoWasIn(t.ctx, '5А', '2026-10-15'))).toEqual([]);
  });

  it('the database refuses a membership that ends before it begins, and two open ones of one student', async () => {
    const t = await school();
    const s = await t.call('students.save', { ...student, classId: t.a.id });
    const now = new Date().toISOString();
    const ins = t.db.raw.prepare('INSERT INTO class_membership (id, created_at, updated_at, student_id, class_id, date_from, date_to) VALUES (?, ?, ?, ?, ?, ?, ?)');
    expect(() => ins.run('x1', now, now, s.id, t.b.id, '2026-10-02', '2026-10-01')).toThrow(/CHECK/);
    expect(() => ins.run('x2', now, now, s.id, t.b.id, '2026-10-02', null)).toThrow(/UNIQUE/);
  });

  it('overlaps: [from, to) intervals, an open end reaches forever', () => {
    const i = (date_from: string, date_to: string | null) => ({ date_from, date_to });
    expect(overlaps(i('2026-09-01', '2026-11-20'), i('2026-11-20', null))).toBe(false);
    expect(overlaps(i('2026-09-01', '2026-11-21'), i('2026-11-20', null))).toBe(true);
    expect(overlaps(i('2026-09-01', null), i('2027-01-01', '2027-02-01'))).toBe(true);
    expect(overlaps(i('2026-09-01', '2026-09-01'), i('2026-09-01', null))).toBe(false);
  });

  it('no module but the membership one writes a student row with its class', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(f)) files.push(p);
      }
    };
    walk(join(__dirname, '../../electron'));
    walk(join(__dirname, '../../db/sync'));
    const writers = files.filter((f) => /\.(insert|insertMany|update)\(\s*'student'/.test(readFileSync(f, 'utf8')));
    expect(writers.map((f) => f.slice(f.indexOf('electron')))).toEqual(['electron/core/students/membership.ts']);
    // The sync store writes pulled student rows as the server has them (any table, by the registry):
    // the only raw write of an office table besides the Writer (tests/lint/one-definition.test.ts).
  });
});
