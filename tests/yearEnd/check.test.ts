// The year-end check (issue 15 point 1) on the demo school (200 students, 6 in a class) on 31.05.2027,
// the year's marks as sync brings them (seedYearMarks) with overrides making each case once:
// 5А: a missing year mark, a missing attestation mark (an отличник all the same: the year mark decides),
// a «2» attestation (a candidate debt), an «н/а» (reason absent), a recorded debt, one «3», one «4»;
// 9А: a certificate mark; 11А: a medal candidate (grade 10 in the previous year 2025/2026, written as
// the earlier years' data is: straight into SQLite). The seeded marks elsewhere are «3»–«5» only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { YearCheck, YearCheckClass } from '../../electron/api/yearCheck';
import type { MarkValue } from '../../electron/api/enums';
import { uuidv7 } from '../../db/ids';
import { debtCandidates } from '../../electron/core/yearEnd/check/check';
import { demoCore } from '../support/core';
import { seedYearMarks, type MarkOverride } from '../support/yearMarks';
import { resultBytes } from '../support/files';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

let t: Awaited<ReturnType<typeof demoCore>>;
let yearId = '';
let prevId = '';
const cls: Record<string, YearCheckClass> = {};
const pupils: Record<string, { id: string; name: string }[]> = {};
let R = '';
let M = '';
let P = '';
let check: YearCheck;
const sql = <T>(q: string, ...p: unknown[]) => t.db.raw.prepare(q).all(...p) as T[];

let n = 0;
const AT = '2026-05-25T10:00:00.000Z';
const insert = (table: string, row: Record<string, unknown>) => {
  const full = { id: uuidv7(Date.parse(AT) + ++n), created_at: AT, updated_at: AT, ...row };
  t.db.raw.prepare(`INSERT INTO ${table} (${Object.keys(full).join(', ')}) VALUES (${Object.keys(full).map(() => '?').join(', ')})`).run(...Object.values(full));
  return full.id;
};

beforeAll(async () => {
  t = await demoCore(200, () => new Date('2027-05-31T09:00:00Z'));
  yearId = sql<{ id: string }>(`SELECT id FROM academic_year`)[0]!.id;
  const first = await t.call('year.check', {});
  for (const c of first.classes) if (['5А', '9А', '11А'].includes(c.className)) cls[c.className] = (await t.call('year.check', { classId: c.classId })).detail!;
  for (const [name, c] of Object.entries(cls)) {
    pupils[name] = sql<{ id: string; name: string }>(
      `SELECT s.id, s.last_name || ' ' || s.first_name || coalesce(' ' || s.middle_name, '') AS name FROM student s JOIN class_membership m ON m.student_id = s.id
       WHERE m.class_id = ? ORDER BY s.last_name, s.first_name, s.middle_name, s.id`,
      c.classId,
    );
  }
  const five = new Set(sql<{ id: string }>(`SELECT id FROM subject WHERE grading = 'five_point'`).map((s) => s.id));
  [R, M, P] = cls['5А']!.subjects.map((s) => s.id) as [string, string, string];
  const s5 = pupils['5А']!.map((p) => p.id);
  const overrides: MarkOverride[] = [];
  const set = (studentId: string, subjectId: string, o: Omit<MarkOverride, 'studentId' | 'subjectId'>) => {
    const i = overrides.findIndex((x) => x.studentId === studentId && x.subjectId === subjectId);
    if (i >= 0) overrides.splice(i, 1);
    overrides.push({ studentId, subjectId, ...o });
  };
  // 5А: every mark «5», then the cases.
  for (const st of s5) for (const s of cls['5А']!.subjects) if (five.has(s.id)) set(st, s.id, { year: '5', attestation: '5', periods: '5' });
  set(s5[0]!, R, { year: null, attestation: '5', periods: '5' });
  set(s5[1]!, M, { year: '5', attestation: null, periods: '5' });
  set(s5[2]!, R, { year: '2', attestation: '2', periods: '2' });
  set(s5[3]!, M, { year: 'na', attestation: 'na', periods: 'na' });
  set(s5[3]!, P, { year: '2', attestation: '2', periods: '2' });
  set(s5[4]!, R, { year: '3', attestation: '3', periods: '3' });
  set(s5[5]!, M, { year: '4', attestation: '4', periods: '4' });
  // 9А: the first student's year mark in the first subject «4» (the certificate's).
  set(pupils['9А']![0]!.id, cls['9А']!.subjects[0]!.id, { year: '4', attestation: '4', periods: '4' });
  // 11А: the first student all «5» in grades 10 and 11.
  const m0 = pupils['11А']![0]!.id;
  for (const s of cls['11А']!.subjects) if (five.has(s.id)) set(m0, s.id, { year: '5', attestation: '5', periods: '5' });
  seedYearMarks(t.db, { yearId, overrides });

  // The recorded debt: 5А's s3 in P (as the debts register would hold it).
  insert('academic_debt', { student_id: s5[3], subject_id: P, year_id: yearId, reason: 'unsatisfactory', recorded_on: '2027-05-31', status: 'open' });
  // The previous year: 10А with m0 and 11А's curriculum, m0's half-year and year marks «5» («зач» for pass/fail).
  const suggested = await t.call('years.suggest', { startYear: 2025 });
  await t.call('years.save', { ...suggested, isCurrent: false });
  prevId = sql<{ id: string }>(`SELECT id FROM academic_year WHERE name = '2025/2026'`)[0]!.id;
  const ten = insert('school_class', { year_id: prevId, grade: 10, letter: 'А' });
  for (const c of sql<{ subject_id: string; hours_per_week: number }>(`SELECT subject_id, hours_per_week FROM curriculum_item WHERE class_id = ? AND deleted_at IS NULL`, cls['11А']!.classId))
    insert('curriculum_item', { class_id: ten, subject_id: c.subject_id, hours_per_week: c.hours_per_week });
  insert('class_membership', { student_id: m0, class_id: ten, date_from: '2025-09-01', date_to: '2026-09-01' });
  const halves = sql<{ id: string }>(`SELECT id FROM study_period WHERE year_id = ? AND kind = 'half' ORDER BY number`, prevId).map((p) => p.id);
  for (const s of cls['11А']!.subjects)
    for (const p of [...halves, null])
      insert('period_mark', { student_id: m0, subject_id: s.id, year_id: prevId, period_id: p, value: five.has(s.id) ? '5' : 'pass', entered_at: AT });

  check = await t.call('year.check', { classId: cls['5А']!.classId });
  for (const name of Object.keys(cls)) cls[name] = (await t.call('year.check', { classId: cls[name]!.classId })).detail!;
}, 240_000);
afterAll(() => t?.cleanup());

const who = (c: string, i: number) => pupils[c]![i]!;
const subj = (id: string) => cls['5А']!.subjects.find((s) => s.id === id)!.name;

describe('year.check: 5А case by case', () => {
  it('names the missing year and attestation marks', () => {
    expect(cls['5А']!.missing.map((m) => [m.student, m.subject, m.whichText])).toEqual([
      [who('5А', 0).name, subj(R), 'годовая'],
      [who('5А', 1).name, subj(M), 'ПА'],
    ]);
  });

  it('lists the debts: the «2» and the «н/а» as candidates (not recorded), the recorded one with its status', () => {
    expect(cls['5А']!.debts.map((d) => [d.student, d.subject, d.mark, d.reason, d.recorded, d.statusText])).toEqual([
      [who('5А', 2).name, subj(R), '2', 'unsatisfactory', false, null],
      [who('5А', 3).name, subj(M), 'н/а', 'absent', false, null],
      [who('5А', 3).name, subj(P), '2', 'unsatisfactory', true, 'Не ликвидирована'],
    ]);
  });

  it('one «3», one «4» and the отличники by the year marks (a missing ПА does not spoil one)', () => {
    expect(cls['5А']!.oneThree.map((x) => [x.student, x.subject])).toEqual([[who('5А', 4).name, subj(R)]]);
    expect(cls['5А']!.oneFour.map((x) => [x.student, x.subject])).toEqual([[who('5А', 5).name, subj(M)]]);
    expect(cls['5А']!.excellent.map((x) => x.student)).toEqual([who('5А', 1).name]);
    expect(cls['5А']!.medal).toBeNull();
    expect(cls['5А']!.certificate).toBeNull();
  });

  it('counts them in the class and school totals', () => {
    expect(cls['5А']!.totals).toEqual({ students: 6, missing: 2, debts: 3, unrecorded: 2, debtors: 2, oneThree: 1, oneFour: 1, excellent: 1, medal: 0 });
    expect(check.total.students).toBe(200);
    expect(check.total.missing).toBe(2);
    expect(check.total.debts).toBe(3);
    expect(check.total.medal).toBe(1);
    expect(check.classes).toHaveLength(33);
    expect(check.day).toBe('2027-05-31');
    expect(check.detail?.className).toBe('5А');
  });

  it('debtCandidates gives the two unrecorded ones of the whole year', () => {
    const list = debtCandidates(t.ctx, yearId).map((c) => [c.studentId, c.subjectId, c.value, c.reason]);
    expect(list).toEqual([
      [who('5А', 2).id, R, '2', 'unsatisfactory'],
      [who('5А', 3).id, M, 'na', 'absent'],
    ]);
  });
});

describe('year.check: grades 9 and 11', () => {
  it('9А: the certificate holds the year marks of grade 9 and an «ОГЭ» column for hand entry', () => {
    const c = cls['9А']!.certificate!;
    expect(c.title).toBe('Аттестат об основном общем образовании');
    expect(c.examColumn).toBe('ОГЭ');
    expect(c.rows.map((r) => r.student)).toEqual(pupils['9А']!.map((p) => p.name));
    expect(c.rows[0]!.marks[cls['9А']!.subjects[0]!.id]).toBe('4');
    expect(cls['9А']!.medal).toBeNull();
  });

  it('11А: the student with «5» in grades 10 and 11 is a candidate for the medal of the I degree; the rest lack grade 10', () => {
    const medal = cls['11А']!.medal!;
    expect(medal.map((m) => [m.student, m.kind])).toEqual(pupils['11А']!.map((p, i) => [p.name, i === 0 ? 'first' : 'incomplete']));
    expect(medal[1]!.text).toContain('нет данных за 10 класс');
    expect(cls['11А']!.totals.medal).toBe(1);
    const c = cls['11А']!.certificate!;
    expect(c.examColumn).toBeNull();
    const mine = c.rows.find((r) => r.studentId === who('11А', 0).id)!;
    expect(new Set(Object.values(mine.marks))).toEqual(new Set(['5']));
    expect(Object.values(c.rows[1]!.marks).every((v) => v === null)).toBe(true);
  });

  it('the year picker and the refusals', async () => {
    expect(check.years.map((y) => y.name)).toEqual(['2026/2027', '2025/2026']);
    const prev = await t.call('year.check', { yearId: prevId });
    expect(prev.classes.map((c) => c.className)).toEqual(['10А']);
    await expect(t.call('year.check', { yearId, classId: '01a03781-0000-7000-8000-000000000000' })).rejects.toThrow(/Класс/);
  });
});

describe('year.checkPdf: «Итоги учебного года» printed', () => {
  const ART = join(import.meta.dirname, '../artifacts/year-check');
  it('5А: the figures, the lists with the names, the signature lines; the whole school a class a sheet', async () => {
    mkdirSync(ART, { recursive: true });
    const f = await t.call('year.checkPdf', { classId: cls['5А']!.classId });
    expect(f.fileName).toMatch(/^Итоги учебного года 5А 2026-2027 31\.05\.2027\.pdf$/);
    const path = join(ART, '5a.pdf');
    writeFileSync(path, resultBytes(t.ctx.session, f));
    execFileSync('qpdf', ['--check', path]);
    execFileSync('pdftoppm', ['-png', '-r', '60', path, join(ART, '5a')]);
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Итоги учебного года');
    expect(text).toContain('Класс 5А, 2026/2027 учебный год');
    expect(text).toContain('Академических задолженностей: 3 (не оформлено: 2)');
    expect(text).toContain(who('5А', 2).name);
    expect(text).toContain('не оформлена');
    expect(text).toContain('М. П.');
    expect(text).toMatch(/Лист 1 из \d/);
    const all = await t.call('year.checkPdf', {});
    const whole = join(ART, 'school.pdf');
    writeFileSync(whole, resultBytes(t.ctx.session, all));
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [whole], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThanOrEqual(33);
    expect(execFileSync('pdftotext', ['-layout', whole, '-'], { encoding: 'utf8' })).toContain('Класс 11В, 2026/2027 учебный год');
  }, 120_000);
});
