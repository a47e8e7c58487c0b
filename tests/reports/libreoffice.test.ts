// Issue 13 acceptance: LibreOffice (`soffice --headless --convert-to csv`, installed when absent)
// opens the other exported XLSX files of the issue and reads the same figures as their read ops: the
// сводная ведомость and the year's summary statement (summary.get), the monitoring of the journal
// (monitoring.report) and the mark-change report (journal.changes). The term report's files:
// tests/term/libreoffice.test.ts. The data: the demo school with its journal simulated through
// mid-January (central/simulate, as sync brings it), and year marks of 7А written as sync would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportedFile } from '../../electron/api/types';
import type { MonitoringFigures } from '../../electron/api/monitoring';
import type { MarkChangeRow } from '../../electron/api/journal';
import type { SummaryStatement } from '../../electron/api/summary';
import { INDICATORS } from '../../electron/api/indicators';
import { markTables, markValues, type MarkValue } from '../../electron/api/enums';
import { uuidv7 } from '../../db/ids';
import { resultBytes } from '../support/files';
import { calcSheets, ensureSoffice, num } from '../support/libreoffice';
import { demoCore } from '../support/core';
import { simulateInto } from '../support/journal';
import { tempDir } from '../support/tmp';

const NOW = () => new Date('2027-01-15T09:00:00Z');
let t: Awaited<ReturnType<typeof demoCore>>;
const tmp = tempDir('school-office-reports-lo-');
let q2 = '';
let classId = '';
/** Every file's first sheet as LibreOffice read it, by the name it was saved under. */
const sheets: Record<string, string[][]> = {};

const save = (file: ExportedFile, name: string) => {
  const path = join(tmp.dir, name);
  writeFileSync(path, resultBytes(t.ctx.session, file));
  return path;
};

/** A mark as the spreadsheet shows it: «5», «н/а», «осв.», «зач». */
const label = (v: MarkValue | null | undefined) => (v ? markValues.labels[v] : '');
const dd = (n: number) => String(n).padStart(2, '0');
/** «dd.mm.yyyy» of an ISO date. */
const ru = (iso: string | null) => (iso ? iso.split('-').reverse().join('.') : '');
/** «dd.mm.yyyy hh:mm» of a moment, local time (as the app prints it). */
const ruMoment = (iso: string) => {
  const d = new Date(iso);
  return `${dd(d.getDate())}.${dd(d.getMonth() + 1)}.${d.getFullYear()} ${dd(d.getHours())}:${dd(d.getMinutes())}`;
};

/** The monitoring's figures by the indicator that heads their column (docs/indicators.md). */
const FIGURES: [keyof typeof INDICATORS, (f: MonitoringFigures) => number | null][] = [
  ['lessonsPlanned', (f) => f.lessonsPlanned],
  ['lessonsScheduled', (f) => f.lessonsScheduled],
  ['lessonsHeld', (f) => f.lessonsHeld],
  ['lessonsWithTopic', (f) => f.withTopic.percent],
  ['homeworkRecorded', (f) => f.homeworkRecorded.percent],
  ['homeworkInTime', (f) => f.homeworkInTime.percent],
  ['marksInTime', (f) => f.marksInTime.percent],
  ['attendanceInTime', (f) => f.attendanceInTime.percent],
  ['accumulation', (f) => f.accumulation.percent],
  ['noMarks', (f) => f.noMarks.count],
  ['oneMark', (f) => f.oneMark.count],
  ['attendance', (f) => f.attendance],
  ['lateness', (f) => f.lateness],
  ['systemicFailure', (f) => f.systemicFailure],
  ['systemicAbsence', (f) => f.systemicAbsence],
  ['subgroupSimilarity', (f) => f.subgroupGaps],
  ['substitutions', (f) => f.substitutions],
  ['equivalentSubstitutions', (f) => f.equivalentSubstitutions.percent],
];

/** A mark-change row as the spreadsheet has it, column by column. */
const changeCells = (c: MarkChangeRow) => [
  ruMoment(c.changedAt), c.teacher ?? '', c.student, c.className ?? '', c.subject, ru(c.lessonDate), markTables.labels[c.markTable],
  c.oldValue === null ? '' : label(c.oldValue), c.newValue === null ? '' : label(c.newValue),
  c.inWindow === null ? '—' : c.inWindow ? 'да' : `нет (срок до ${ru(c.deadline)})`,
];

/** The statement's rows from `HEAD_ROW + 1`: a student's № and name, the marks subject by subject, period by period, and the note. */
function expectStatement(rows: string[][], st: SummaryStatement, firstRow: number) {
  expect(st.students.length).toBeGreaterThan(3);
  st.students.forEach((s, i) => {
    const row = rows[firstRow + i]!;
    expect(row.slice(0, 2), `row ${firstRow + i + 1}`).toEqual([String(s.no), s.name]);
    const marks = st.subjects.flatMap((p) => st.periods.map((k) => label(s.marks[p.id]?.[k.key])));
    expect(row.slice(2, 2 + marks.length), s.name).toEqual(marks);
    expect(row[2 + marks.length] ?? '', s.name).toBe(s.note ?? '');
  });
}

let summary: SummaryStatement;
let yearSummary: SummaryStatement;
const MONITORING = { teacher: { groupBy: 'teacher' as const }, class7: { groupBy: 'class' as const, grade: 7 } };
const CHANGES = { from: '2026-09-01', to: '2027-01-14' };
let outsideFilter: { classId: string; outsideOnly: true };

beforeAll(async () => {
  ensureSoffice();
  t = await demoCore(150, NOW);
  await simulateInto(t.db, { until: '2027-01-14' });
  const one = <R>(sql: string, ...p: unknown[]) => t.db.raw.prepare(sql).get(...p) as R;
  q2 = one<{ id: string }>(`SELECT id FROM study_period WHERE name = '2 четверть'`).id;
  classId = (await t.call('term.options', {})).classes.find((c) => c.name === '7А')!.id;
  // The year marks of 7А as the central journal would send them in May: each «2 четверть» mark again.
  const at = '2027-01-14T15:00:00.000Z';
  const year = one<{ id: string }>(`SELECT year_id AS id FROM school_class WHERE id = ?`, classId).id;
  const marks = t.db.raw
    .prepare(
      `SELECT p.student_id, p.subject_id, p.value FROM period_mark p JOIN class_membership m ON m.student_id = p.student_id AND m.class_id = ? AND m.deleted_at IS NULL
       WHERE p.period_id = ? AND p.deleted_at IS NULL`,
    )
    .all(classId, q2) as { student_id: string; subject_id: string; value: MarkValue }[];
  const ins = t.db.raw.prepare(
    `INSERT INTO period_mark (id, created_at, updated_at, student_id, subject_id, year_id, period_id, value, entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, NULL, ?)`,
  );
  t.db.raw.transaction(() => marks.forEach((m, i) => ins.run(uuidv7(Date.parse(at) + i), at, at, m.student_id, m.subject_id, year, m.value, at)))();

  summary = await t.call('summary.get', { classId });
  yearSummary = await t.call('summary.get', { classId, year: true });
  outsideFilter = { classId, outsideOnly: true };
  const files: [string, ExportedFile][] = [
    ['summary.xlsx', await t.call('summary.xlsx', { classId })],
    ['summary-year.xlsx', await t.call('summary.xlsx', { classId, year: true })],
    ['monitoring-teacher.xlsx', await t.call('monitoring.xlsx', { periodId: q2, ...MONITORING.teacher })],
    ['monitoring-class7.xlsx', await t.call('monitoring.xlsx', { periodId: q2, ...MONITORING.class7 })],
    ['changes.xlsx', await t.call('journal.changesXlsx', CHANGES)],
    ['changes-outside.xlsx', await t.call('journal.changesXlsx', outsideFilter)],
  ];
  // One soffice start for all of them.
  const read = calcSheets(tmp.dir, ...files.map(([name, file]) => save(file, name)));
  files.forEach(([name], i) => (sheets[name] = read[i]!));
}, 600_000);
afterAll(() => {
  t?.cleanup();
  tmp.cleanup();
});

describe('the reports\' spreadsheets in LibreOffice', () => {
  it('the сводная ведомость of 7А: the title, the subjects over their periods, every student\'s marks and note as summary.get has them', () => {
    const rows = sheets['summary.xlsx']!;
    expect(summary.periods.map((p) => p.short)).toEqual(['I', 'II', 'III', 'IV', 'год']);
    expect(rows[1]![0]).toBe(summary.title);
    expect(rows[2]![0]).toBe(`Класс 7А, ${summary.yearName} учебный год`);
    // Row 5: each subject's name over its first period (merged); row 6: the periods.
    expect(rows[4]!.slice(0, 2)).toEqual(['№', 'Фамилия, имя, отчество обучающегося']);
    expect(summary.subjects.map((_, i) => rows[4]![2 + i * summary.periods.length])).toEqual(summary.subjects.map((s) => s.name));
    expect(rows[5]!.slice(2, 2 + summary.periods.length)).toEqual(['I', 'II', 'III', 'IV', 'год']);
    // The simulated journal has «1 четверть» and «2 четверть» marks, and the year marks written above.
    const cells = summary.students.flatMap((s) => Object.values(s.marks).flatMap((m) => Object.values(m)));
    expect(cells.length).toBeGreaterThan(summary.students.length * summary.subjects.length * 2);
    expectStatement(rows, summary, 6);
    expect(rows[6 + summary.students.length]?.every((c) => c === '')).toBe(true);
  });

  it('the year\'s summary statement of 7А: a column a subject, every student\'s year marks', () => {
    const rows = sheets['summary-year.xlsx']!;
    expect(rows[1]![0]).toBe(yearSummary.title);
    expect(rows[4]).toEqual(['№', 'Фамилия, имя, отчество обучающегося', ...yearSummary.subjects.map((s) => s.name), 'Примечание']);
    expect(yearSummary.students.filter((s) => Object.keys(s.marks).length).length).toBeGreaterThan(3);
    expectStatement(rows, yearSummary, 5);
    expect(rows.some((r) => r[1]?.startsWith('Директор ____________'))).toBe(true);
  });

  it('the monitoring of «2 четверть» by teachers and by the classes of parallel 7: every row\'s figures and the total as monitoring.report has them', async () => {
    for (const [name, input] of [['monitoring-teacher.xlsx', MONITORING.teacher], ['monitoring-class7.xlsx', MONITORING.class7]] as const) {
      const r = await t.call('monitoring.report', { periodId: q2, ...input });
      const rows = sheets[name]!;
      expect(r.rows.length).toBeGreaterThan(2);
      expect(r.total.lessonsHeld).toBeGreaterThan(100);
      expect(rows[1]![0]).toBe('Мониторинг ведения электронного журнала');
      expect(rows[4]).toEqual([input.groupBy === 'teacher' ? 'Учитель' : 'Класс', ...FIGURES.map(([k]) => INDICATORS[k].name)]);
      const expected = [...r.rows.map((x) => [x.name, x.figures] as const), ['Итого', r.total] as const];
      expect(rows.length).toBeGreaterThanOrEqual(5 + expected.length);
      expected.forEach(([who, f], i) => {
        const row = rows[5 + i]!;
        expect(row[0]).toBe(who);
        expect(row.slice(1).map(num), `${name}: ${who}`).toEqual(FIGURES.map(([, v]) => v(f)));
      });
    }
  });

  it('the mark-change report: as many rows as journal.changes counts, and its rows cell by cell, in its order', async () => {
    const rows = sheets['changes.xlsx']!;
    expect(rows[0]).toEqual(['Дата и время', 'Учитель', 'Ученик', 'Класс', 'Предмет', 'Дата урока', 'Отметка', 'Было', 'Стало', 'В срок исправления']);
    const first = await t.call('journal.changes', { ...CHANGES, limit: 1000 });
    expect(first.total).toBeGreaterThan(50);
    expect(rows.length - 1).toBe(first.total);
    first.rows.forEach((c, i) => expect(rows[1 + i], `row ${i + 2}`).toEqual(changeCells(c)));
    const offset = Math.max(0, first.total - 20); // the last rows (the log is longer than a page)
    const tail = await t.call('journal.changes', { ...CHANGES, offset, limit: 20 });
    tail.rows.forEach((c, i) => expect(rows[1 + offset + i], `row ${offset + i + 2}`).toEqual(changeCells(c)));

    // A filter carries over: 7А's changes made after the grade-edit window had closed.
    const outside = await t.call('journal.changes', { ...outsideFilter, limit: 1000 });
    const o = sheets['changes-outside.xlsx']!;
    expect(outside.total).toBeGreaterThan(0);
    expect(o.length - 1).toBe(outside.total);
    outside.rows.forEach((c, i) => expect(o[1 + i]).toEqual(changeCells(c)));
    expect(outside.rows.every((c) => c.className === '7А' && c.inWindow === false)).toBe(true);
  });
});
