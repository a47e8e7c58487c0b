// The mark-change report's grade-edit window flag (issue 13 point 4; R15, R5; docs/indicators.md
// «The mark-change report»), computed by hand: a week after the lesson (the last moment of its last
// day inside, the first moment of the next day outside), a period mark after its period's end, a year
// mark, «Никогда» (the year's end), a month from 31.01 (28.02), no lesson date (not known); the
// «only outside» filter, the PDF's column and counts (pdftotext) and the XLSX's column.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { MarkValue } from '../../electron/api/enums';
import { uuidv7 } from '../../db/ids';
import { tempCore } from '../support/core';
import { resultBytes } from '../support/files';

const ART = join(import.meta.dirname, '../artifacts/summary');
let t: Awaited<ReturnType<typeof tempCore>>;
const id: Record<string, string> = {};
let yearId = '';
let q1 = { id: '', end: '' };
let yearEnd = '';
let n = 0;

/** A moment of the school's local day (the process's time zone, as the user reads the log). */
const local = (y: number, m: number, d: number, h = 12, min = 0, s = 0, ms = 0) => new Date(y, m - 1, d, h, min, s, ms).toISOString();

function change(key: string, table: 'mark' | 'period_mark', markId: string, lessonDate: string | null, at: string, oldV: MarkValue, newV: MarkValue) {
  id[key] = uuidv7(Date.parse('2026-09-01T00:00:00Z') + ++n);
  t.db.raw
    .prepare(
      `INSERT INTO mark_change (id, created_at, updated_at, mark_id, mark_table, student_id, subject_id, lesson_date, teacher_id, changed_at, old_value, new_value)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(id[key], at, at, markId, table, id.student, id.subject, lessonDate, id.teacher, at, oldV, newV);
}

function periodMark(periodId: string | null): string {
  const pm = uuidv7(Date.parse('2026-12-01T00:00:00Z') + ++n);
  t.db.raw
    .prepare(`INSERT INTO period_mark (id, created_at, updated_at, student_id, subject_id, year_id, period_id, value, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, '4', ?)`)
    .run(pm, '2026-10-30T10:00:00Z', '2026-10-30T10:00:00Z', id.student, id.subject, yearId, periodId, '2026-10-30T10:00:00Z');
  return pm;
}
const plus = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const ymd = (iso: string) => iso.split('-').map(Number) as [number, number, number];

beforeAll(async () => {
  t = await tempCore(() => new Date('2027-06-10T09:00:00Z'));
  const { call } = t;
  await call('app.createSchool', { fullName: 'МБОУ «Школа № 5»', shortName: 'Школа № 5' });
  await call('years.save', { ...(await call('years.suggest', { startYear: 2026 })), gradeEditWindow: '1w' });
  await call('subjects.addStandard');
  await call('classes.createMany', { gradeFrom: 7, gradeTo: 7, letters: ['Б'], shift: 1 });
  id.class = (await call('classes.list'))[0]!.id;
  id.subject = (await call('subjects.list')).find((s) => s.name === 'Алгебра')!.id;
  const y = t.db.raw.prepare(`SELECT id, end_date FROM academic_year`).get() as { id: string; end_date: string };
  yearId = y.id;
  yearEnd = y.end_date;
  q1 = t.db.raw.prepare(`SELECT id, end_date AS end FROM study_period WHERE name = '1 четверть'`).get() as typeof q1;
  id.student = (
    await call('students.save', {
      lastName: 'Алексеев', firstName: 'Иван', middleName: null, birthDate: '2013-03-01', gender: 'm', snils: null,
      classId: id.class, classFrom: '2026-09-01', address: null, personalFileNo: null, guardians: [],
    })
  ).id;
  id.teacher = (
    await call('staff.save', {
      lastName: 'Петрова', firstName: 'Мария', middleName: 'Сергеевна', birthDate: null, gender: 'f', snils: null, phone: null, email: null,
      position: 'Учитель', roles: ['teacher'], deputyGrades: [], subjects: [], rateHours: 18,
    })
  ).id;
  // Lesson 01.10.2026, window one week: the last day inside is 08.10.
  change('sameWeek', 'mark', 'm1', '2026-10-01', local(2026, 10, 2), '3', '4');
  change('lastMoment', 'mark', 'm2', '2026-10-01', local(2026, 10, 8, 23, 59, 59, 999), '3', '4');
  change('nextDay', 'mark', 'm3', '2026-10-01', local(2026, 10, 9, 0, 0, 0, 0), '3', '5');
  change('noLesson', 'mark', 'm4', null, local(2026, 10, 9), '2', '3');
  // «1 четверть»'s mark: the week after the period's end.
  const pq = periodMark(q1.id);
  change('periodIn', 'period_mark', pq, null, local(...ymd(plus(q1.end, 7)), 18), '4', '5');
  change('periodOut', 'period_mark', pq, null, local(...ymd(plus(q1.end, 8)), 8), '5', '4');
  // A year mark: the week after the year's end.
  const py = periodMark(null);
  change('yearIn', 'period_mark', py, null, local(...ymd(plus(yearEnd, 3)), 9), '4', '5');
  // A month from 31.01.2027 ends on 28.02.2027.
  change('monthEnd', 'mark', 'm5', '2027-01-31', local(2027, 2, 28, 20), '2', '3');
  change('monthAfter', 'mark', 'm6', '2027-01-31', local(2027, 3, 1, 8), '2', '3');
  mkdirSync(ART, { recursive: true });
}, 180_000);
afterAll(() => t?.cleanup());

async function flags() {
  const page = await t.call('journal.changes', { limit: 100 });
  return Object.fromEntries(Object.entries(id).filter(([k]) => !['class', 'subject', 'student', 'teacher'].includes(k)).map(([k, v]) => {
    const r = page.rows.find((x) => x.id === v)!;
    return [k, [r.inWindow, r.deadline]];
  }));
}

describe('mark-change report: the grade-edit window (R5)', () => {
  it('flags each change by the window of one week, the edge day inside to its last moment', async () => {
    const f = await flags();
    expect(f.sameWeek).toEqual([true, '2026-10-08']);
    expect(f.lastMoment).toEqual([true, '2026-10-08']);
    expect(f.nextDay).toEqual([false, '2026-10-08']);
    expect(f.noLesson).toEqual([null, null]);
    expect(f.periodIn).toEqual([true, plus(q1.end, 7)]);
    expect(f.periodOut).toEqual([false, plus(q1.end, 7)]);
    expect(f.yearIn).toEqual([true, plus(yearEnd, 7)]);
    expect(f.monthEnd).toEqual([false, '2027-02-07']);
    expect((await t.call('journal.changeFacets')).editWindow).toBe('1 неделя');
  });

  it('«Никогда»: until the year end; a month: 31.01 → 28.02', async () => {
    t.db.raw.prepare(`UPDATE academic_year SET grade_edit_window = 'never'`).run();
    let f = await flags();
    expect(f.nextDay).toEqual([true, yearEnd]);
    expect(f.periodOut).toEqual([true, yearEnd]);
    expect(f.yearIn).toEqual([false, yearEnd]); // after the year's end
    t.db.raw.prepare(`UPDATE academic_year SET grade_edit_window = '1m'`).run();
    f = await flags();
    expect(f.monthEnd).toEqual([true, '2027-02-28']);
    expect(f.monthAfter).toEqual([false, '2027-02-28']);
    expect(f.lastMoment).toEqual([true, '2026-11-01']);
    t.db.raw.prepare(`UPDATE academic_year SET grade_edit_window = '1w'`).run();
  });

  it('filters the changes made after the window, with the other filters', async () => {
    const outside = await t.call('journal.changes', { outsideOnly: true, sort: 'changedAt', desc: false });
    expect(outside.rows.map((r) => r.id)).toEqual([id.nextDay, id.periodOut, id.monthEnd, id.monthAfter]);
    expect(outside.total).toBe(4);
    const october = await t.call('journal.changes', { outsideOnly: true, from: '2026-10-01', to: '2026-10-31', teacherId: id.teacher, classId: id.class, subjectId: id.subject });
    expect(october.rows.map((r) => r.id)).toEqual([id.nextDay]);
    const none = await t.call('journal.changes', { outsideOnly: true, from: '2026-10-01', to: '2026-10-08' });
    expect(none.total).toBe(0);
  });

  it('prints the report (PDF, landscape, the office form) and exports it (XLSX) with the window column', async () => {
    const f = await t.call('journal.changesPdf', { from: '2026-10-01', to: '2026-10-31' });
    const october = await t.call('journal.changes', { from: '2026-10-01', to: '2026-10-31' });
    expect(f.rows).toBe(october.total);
    expect(october.total).toBe(q1.end <= '2026-10-24' ? 5 : 4); // the four of 1.10's lesson, and 1 четверть's mark changed a week after its end
    const path = join(ART, 'marks-changes.pdf');
    writeFileSync(path, resultBytes(t.ctx.session, f));
    execFileSync('pdftoppm', ['-png', '-r', '70', path, path.replace(/\.pdf$/, '')]);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    expect(text).toContain('Отчёт об изменениях отметок');
    expect(text).toContain('За период с 01.10.2026 по 31.10.2026');
    expect(text).toContain('Петрова Мария Сергеевна');
    expect(text).toContain('нет (срок до 08.10.2026)');
    expect(text).toContain(`Всего изменений: ${october.total}, из них после срока исправления отметок: 1.`);
    expect(text).toContain('Директор ____________');
    expect(text).toContain('М. П.');
    expect(execFileSync('pdfinfo', [path], { encoding: 'utf8' })).toMatch(/Page size:\s+841\.89 x 595\.27\d* pts \(A4\)/);

    const x = await t.call('journal.changesXlsx', { outsideOnly: true });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(resultBytes(t.ctx.session, x) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const values = ws.getSheetValues().flatMap((r) => (Array.isArray(r) ? [r.map((v) => (v === undefined || v === null ? '' : String(v)))] : []));
    const head = values.findIndex((r) => r.includes('В срок исправления'));
    expect(head).toBeGreaterThanOrEqual(0);
    const col = values[head]!.indexOf('В срок исправления');
    expect(values.slice(head + 1).map((r) => r[col]).filter(Boolean)).toEqual([
      'нет (срок до 07.02.2027)',
      'нет (срок до 07.02.2027)',
      `нет (срок до ${plus(q1.end, 7).split('-').reverse().join('.')})`,
      'нет (срок до 08.10.2026)',
    ]);
  });
});
