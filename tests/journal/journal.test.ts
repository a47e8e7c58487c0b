// The journal read from the central-owned tables (issue 10 point 5; R13–R15), on a real SQLite demo
// school with a quarter of lessons, marks, attendance, period marks and mark changes inserted as
// sync would bring them (tests/support/journal.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { demoCore } from '../support/core';
import { seedJournal, type JournalSeed } from '../support/journal';
import { resultBytes } from '../support/files';
import { AppError } from '../../electron/api/errors';
import { NUMERIC_MARKS } from '../../electron/api/enums';

// The school's clock: in the first quarter (1.09–24.10.2026) of the demo's year.
const NOW = () => new Date('2026-10-10T09:00:00Z');
type T = Awaited<ReturnType<typeof demoCore>>;
let t: T;
let c7b: string;
let c7a: string;
let algebra: string;
let english: string;
let teacher: string;
let substitute: string;
let q1: string;
let q2: string;
let yearId: string;
let seed7b: JournalSeed;
let mover: { id: string; name: string };
let sub1: string;

const one = <R>(sql: string, ...p: unknown[]) => t.db.raw.prepare(sql).get(...p) as R;

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

/** Σ and weighted Σ of the numeric marks, computed here apart from the core. */
function expectedAverages(marks: { value: string; weight: number }[]) {
  const num = marks.filter((m) => (NUMERIC_MARKS as string[]).includes(m.value));
  const r = (x: number) => Math.round(x * 100) / 100;
  if (!num.length) return { average: null, weightedAverage: null };
  const w = num.reduce((s, m) => s + m.weight, 0);
  return { average: r(num.reduce((s, m) => s + Number(m.value), 0) / num.length), weightedAverage: r(num.reduce((s, m) => s + Number(m.value) * m.weight, 0) / w) };
}

beforeAll(async () => {
  t = await demoCore(300, NOW);
  const cls = (name: string) => one<{ id: string }>(`SELECT id FROM school_class WHERE grade || letter = ?`, name).id;
  c7b = cls('7Б');
  c7a = cls('7А');
  algebra = one<{ id: string }>(`SELECT id FROM subject WHERE name = 'Алгебра'`).id;
  english = one<{ id: string }>(`SELECT id FROM subject WHERE name LIKE 'Иностранный язык%'`).id;
  teacher = one<{ id: string }>(`SELECT teacher_id AS id FROM teaching_assignment WHERE class_id = ? AND subject_id = ?`, c7b, algebra).id;
  substitute = one<{ id: string }>(`SELECT id FROM staff WHERE id <> ? AND deleted_at IS NULL ORDER BY last_name LIMIT 1`, teacher).id;
  yearId = one<{ id: string }>(`SELECT id FROM academic_year WHERE is_current = 1`).id;
  q1 = one<{ id: string }>(`SELECT id FROM study_period WHERE name = '1 четверть'`).id;
  q2 = one<{ id: string }>(`SELECT id FROM study_period WHERE name = '2 четверть'`).id;
}, 300_000);
afterAll(() => t?.cleanup());

describe('journal: before sync', () => {
  it('says there is no journal data yet', async () => {
    const o = await t.call('journal.options');
    expect(o).toMatchObject({ hasData: false, targets: [] });
    expect((await t.call('journal.changes', {})).total).toBe(0);
  });
});

describe('journal: a quarter of algebra in 7Б', () => {
  beforeAll(async () => {
    // A student of 7А comes to 7Б on 21.09 (issue 9: dated memberships); 7Б's list on 1.09 lacks them.
    const m = one<{ id: string }>(`SELECT student_id AS id FROM class_membership WHERE class_id = ? ORDER BY student_id LIMIT 1`, c7a);
    const s = await t.call('students.get', { id: m.id });
    await t.call('students.save', {
      id: s.id,
      lastName: s.lastName,
      firstName: s.firstName,
      middleName: s.middleName,
      birthDate: s.birthDate,
      gender: s.gender,
      snils: s.snils,
      classId: c7b,
      classFrom: '2026-09-21',
      address: s.address,
      personalFileNo: s.personalFileNo,
      guardians: s.guardians.map(({ id, ...g }) => ({ id, ...g })),
    });
    mover = { id: s.id, name: [s.lastName, s.firstName, s.middleName].filter(Boolean).join(' ') };
    seed7b = seedJournal(t.db, { classId: c7b, subjectId: algebra, teacherId: teacher, substituteId: substitute, from: '2026-09-01', to: '2026-10-24', periodId: q1, yearId });
    // The same teacher's algebra in 7А, another seed; and English in 7Б by subgroup, when divided.
    seedJournal(t.db, { classId: c7a, subjectId: algebra, teacherId: teacher, from: '2026-09-01', to: '2026-10-24', seed: 1, periodId: q1, yearId });
    const sg = t.db.raw
      .prepare(`SELECT g.id FROM subgroup g JOIN class_division d ON d.id = g.division_id WHERE d.class_id = ? AND d.subject_id = ? ORDER BY g.number`)
      .all(c7b, english) as { id: string }[];
    if (sg.length === 0) {
      await t.call('subgroups.split', { classId: c7b, subjectId: english, parts: 2, by: 'alphabet' });
      sg.push(...(t.db.raw.prepare(`SELECT g.id FROM subgroup g JOIN class_division d ON d.id = g.division_id WHERE d.class_id = ? AND d.subject_id = ? ORDER BY g.number`).all(c7b, english) as { id: string }[]));
    }
    sub1 = sg[0]!.id;
    seedJournal(t.db, { classId: c7b, subgroupId: sub1, subjectId: english, teacherId: teacher, from: '2026-09-01', to: '2026-10-24', weekdays: [2, 4], seed: 2 });
  }, 120_000);

  it('offers the classes and subjects with lessons, the subgroups of a divided subject, and the current period', async () => {
    const o = await t.call('journal.options');
    expect(o.hasData).toBe(true);
    const b = o.targets.find((x) => x.id === c7b)!;
    expect(b).toMatchObject({ kind: 'class', name: '7Б', grade: 7, currentPeriodId: q1 });
    expect(b.periods.map((p) => p.name)).toEqual(['1 четверть', '2 четверть', '3 четверть', '4 четверть']);
    expect(b.subjects.find((s) => s.id === algebra)).toMatchObject({ name: 'Алгебра', wholeClass: true, subgroups: [] });
    const en = b.subjects.find((s) => s.id === english)!;
    expect(en.wholeClass).toBe(false);
    expect(en.subgroups.map((g) => g.id)).toEqual([sub1]);
    expect(o.targets.map((x) => x.name)).toContain('7А');
    expect(o.targets.map((x) => x.name)).not.toContain('5А'); // no lessons there
  });

  it('shows the class journal: lessons by date, marks and letters in their cells, averages and period marks', async () => {
    const j = await t.call('journal.classJournal', { classId: c7b, subjectId: algebra }); // the current period: 1 четверть
    expect(j.period?.id).toBe(q1);
    expect(j.target).toEqual({ kind: 'class', id: c7b, name: '7Б' });
    expect(j.lessons.map((l) => [l.id, l.date, l.status, l.topic, l.homework])).toEqual(seed7b.lessons.map((l) => [l.id, l.date, l.status, l.topic, l.homework]));
    expect(j.lessons.filter((l) => l.status === 'cancelled').length).toBe(seed7b.lessons.filter((l) => l.status === 'cancelled').length);
    expect(j.lessons[8]!.substitute).toBeTruthy();
    expect(j.lessons[0]!.teacher).toBeTruthy();

    // Everyone who was in 7Б on some day of the quarter, by name.
    const everyone = new Set(seed7b.lessons.flatMap((l) => seed7b.rosterOn(l.date)));
    expect(new Set(j.rows.map((r) => r.studentId))).toEqual(everyone);
    const names = j.rows.map((r) => r.fullName);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'ru')));

    for (const r of j.rows) {
      const mine = seed7b.marks.filter((m) => m.studentId === r.studentId);
      const cells: Record<string, { value: string; workKind: string; weight: number }[]> = {};
      for (const m of mine) (cells[m.lessonId!] ??= []).push({ value: m.value, workKind: m.workKind, weight: m.weight });
      expect(r.marks).toEqual(cells);
      expect(r.absences).toEqual(Object.fromEntries(seed7b.absences.filter((a) => a.studentId === r.studentId).map((a) => [a.lessonId, a.kind])));
      expect({ average: r.average, weightedAverage: r.weightedAverage }).toEqual(expectedAverages(mine));
      const pm = seed7b.periodMarks.find((p) => p.studentId === r.studentId && p.periodId === q1);
      expect(r.periodMark).toBe(pm?.value ?? null);
      expect(r.yearMark).toBe(seed7b.periodMarks.find((p) => p.studentId === r.studentId && p.periodId === null)?.value ?? null);
    }
    // Two marks in one cell; «н/а» shown but left out of the averages; a test weighs 2.
    const first = j.rows.find((r) => r.studentId === seed7b.rosterOn(seed7b.lessons[0]!.date)[0])!;
    expect(first.marks[seed7b.lessons[0]!.id]!.length).toBe(2);
    const na = seed7b.marks.find((m) => m.value === 'na')!;
    expect(j.rows.find((r) => r.studentId === na.studentId)!.marks[na.lessonId!]).toContainEqual({ value: 'na', workKind: 'answer', weight: 1 });
    expect(seed7b.marks.some((m) => m.workKind === 'test' && m.weight === 2)).toBe(true);
    const withBoth = j.rows.filter((r) => r.average !== null && r.average !== r.weightedAverage);
    expect(withBoth.length).toBeGreaterThan(0); // weights change the average for someone
    // The last student at the quarter's end has no period mark (a missing one).
    expect(j.rows.filter((r) => r.periodMark === null).length).toBeGreaterThan(0);
  });

  it('lists a student who arrived from the day they came, and in the old class until they left', async () => {
    const b = await t.call('journal.classJournal', { classId: c7b, subjectId: algebra, periodId: q1 });
    const inB = b.rows.find((r) => r.studentId === mover.id)!;
    expect(inB.fullName).toBe(mover.name);
    expect(inB.spans).toEqual([{ from: '2026-09-21', to: null }]);
    const before = seed7b.lessons.filter((l) => l.date < '2026-09-21').map((l) => l.id);
    expect(Object.keys(inB.marks).some((id) => before.includes(id))).toBe(false);
    expect(Object.keys(inB.marks).length).toBeGreaterThan(0);
    const a = await t.call('journal.classJournal', { classId: c7a, subjectId: algebra, periodId: q1 });
    const inA = a.rows.find((r) => r.studentId === mover.id)!;
    expect(inA.spans).toEqual([{ from: '2026-09-01', to: '2026-09-21' }]);
    const aLessons = new Map(a.lessons.map((l) => [l.id, l.date]));
    expect(Object.keys(inA.marks).every((id) => aLessons.get(id)! < '2026-09-21')).toBe(true);
  });

  it('shows a subgroup journal with its members only, and an empty later period', async () => {
    const j = await t.call('journal.classJournal', { classId: c7b, subjectId: english, subgroupId: sub1, periodId: q1 });
    expect(j.subgroup?.id).toBe(sub1);
    expect(j.lessons.length).toBeGreaterThan(10);
    const members = t.db.raw.prepare(`SELECT student_id FROM subgroup_member WHERE subgroup_id = ? AND deleted_at IS NULL`).all(sub1) as { student_id: string }[];
    expect(new Set(j.rows.map((r) => r.studentId))).toEqual(new Set(members.map((m) => m.student_id)));
    // The whole class has no English lessons of its own: an empty journal, not another subgroup's.
    expect((await t.call('journal.classJournal', { classId: c7b, subjectId: english, periodId: q1 })).lessons).toEqual([]);
    // The whole year: every lesson, each period's marks in their own column.
    const year = await t.call('journal.classJournal', { classId: c7b, subjectId: algebra, wholeYear: true });
    expect(year.period).toBeNull();
    expect(year.periods.map((p) => p.name)).toEqual(['1 четверть', '2 четверть', '3 четверть', '4 четверть']);
    expect(year.lessons.length).toBe((await t.call('journal.classJournal', { classId: c7b, subjectId: algebra, periodId: q1 })).lessons.length);
    expect(year.rows.filter((r) => r.periodMarks[q1]).length).toBe(year.rows.filter((r) => r.yearMark).length);
    expect(year.rows.every((r) => r.periodMark === null)).toBe(true);
    const later = await t.call('journal.classJournal', { classId: c7b, subjectId: algebra, periodId: q2 });
    expect(later.lessons).toEqual([]);
    expect(later.rows.every((r) => r.average === null && Object.keys(r.marks).length === 0)).toBe(true);
  });

  it('refuses a journal of both a class and a group, a subgroup of another subject, an unknown class', async () => {
    expect((await refusal(t.call('journal.classJournal', { subjectId: algebra }))).code).toBe('validation');
    expect((await refusal(t.call('journal.classJournal', { classId: c7b, studyGroupId: c7b, subjectId: algebra }))).code).toBe('validation');
    expect((await refusal(t.call('journal.classJournal', { classId: c7b, subjectId: algebra, subgroupId: sub1 }))).message).toMatch(/не подгруппа класса 7Б по предмету «Алгебра»/);
    expect((await refusal(t.call('journal.classJournal', { classId: 'нет', subjectId: algebra }))).code).toBe('not_found');
  });

  it("gives a student's marks card: per subject the marks with dates and kinds, averages, period marks, absences by kind", async () => {
    const j = await t.call('journal.classJournal', { classId: c7b, subjectId: algebra });
    const who = j.rows.find((r) => seed7b.absences.some((a) => a.studentId === r.studentId) && r.periodMark)!;
    const card = await t.call('journal.studentMarks', { studentId: who.studentId });
    expect(card).toMatchObject({ studentId: who.studentId, fullName: who.fullName, className: '7Б', period: { id: q1 } });
    const alg = card.subjects.find((s) => s.subjectId === algebra)!;
    const mine = seed7b.marks.filter((m) => m.studentId === who.studentId);
    expect(alg.marks).toEqual(mine.map((m) => ({ date: m.date, value: m.value, workKind: m.workKind, weight: m.weight })));
    expect({ average: alg.average, weightedAverage: alg.weightedAverage }).toEqual(expectedAverages(mine));
    expect(alg.periodMark).toBe(who.periodMark);
    expect(alg.yearMark).toBe(who.yearMark);
    const abs = seed7b.absences.filter((a) => a.studentId === who.studentId);
    for (const k of ['sick', 'excused', 'unexcused', 'late'] as const) expect(alg.absences[k]).toBe(abs.filter((a) => a.kind === k).length);
    // Another period: no marks there yet; the year mark stays the year's.
    const later = await t.call('journal.studentMarks', { studentId: who.studentId, periodId: q2 });
    expect(later.period?.id).toBe(q2);
    expect(later.subjects.map((s) => [s.subject, s.marks.length, s.periodMark, s.yearMark])).toEqual([['Алгебра', 0, null, who.yearMark]]);
  });

  it('lists the mark changes (R15) with teacher, time, student, class, subject, lesson date, old → new; filters, sorts, pages', async () => {
    const all = await t.call('journal.changes', { limit: 1000 });
    const seeded7a = t.db.raw.prepare(`SELECT count(*) AS n FROM mark_change`).get() as { n: number };
    expect(all.total).toBe(seeded7a.n);
    const mine = await t.call('journal.changes', { classId: c7b, subjectId: algebra, teacherId: teacher, limit: 1000 });
    expect(mine.total).toBe(seed7b.changes.length);
    const c = seed7b.changes.at(-1)!;
    expect(mine.rows[0]).toMatchObject({ id: c.id, changedAt: c.changedAt, studentId: c.studentId, className: '7Б', subject: 'Алгебра', lessonDate: c.lessonDate, markTable: 'mark', oldValue: c.oldValue, newValue: c.newValue });
    expect(mine.rows[0]!.teacher).toBeTruthy();
    // Newest first by default; by student name ascending on request.
    expect(mine.rows.map((r) => r.changedAt)).toEqual([...mine.rows.map((r) => r.changedAt)].sort().reverse());
    const byName = await t.call('journal.changes', { classId: c7b, sort: 'student', desc: false, limit: 1000 });
    const ns = byName.rows.map((r) => r.student.toLowerCase());
    expect(ns).toEqual([...ns].sort((a, b) => a.localeCompare(b, 'ru')));
    // The mover's changes count in the class of the lesson's day.
    const moverChanges = seed7b.changes.filter((x) => x.studentId === mover.id);
    if (moverChanges.length) expect((await t.call('journal.changes', { search: mover.name.split(' ')[0]!.toUpperCase(), classId: c7b })).total).toBe(moverChanges.length);
    // A date range of the changes (the school's days, inclusive).
    const day = c.changedAt.slice(0, 10);
    const onDay = await t.call('journal.changes', { from: day, to: day, classId: c7b, subjectId: algebra });
    expect(onDay.total).toBe(seed7b.changes.filter((x) => x.changedAt.startsWith(day)).length);
    expect((await refusal(t.call('journal.changes', { from: '2026-10-02', to: '2026-10-01' }))).message).toMatch(/позже/);
    // Paging.
    const p2 = await t.call('journal.changes', { offset: 5, limit: 5 });
    expect(p2.rows.map((r) => r.id)).toEqual(all.rows.slice(5, 10).map((r) => r.id));
    const f = await t.call('journal.changeFacets');
    expect(f.teachers.map((x) => x.id)).toEqual([teacher]);
    expect(new Set(f.subjects.map((x) => x.id))).toEqual(new Set([algebra, english]));
    expect(f.periods.map((x) => x.name)).toContain('1 четверть');
  });

  it('exports the filtered mark-change log as XLSX (a job)', async () => {
    const file = await t.call('journal.changesXlsx', { classId: c7b, subjectId: algebra });
    expect(file.rows).toBe(seed7b.changes.length);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(resultBytes(t.ctx.session, file) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toContain('Учитель');
    expect(ws.rowCount).toBe(seed7b.changes.length + 1);
    expect(ws.getRow(2).getCell(4).value).toBe('7Б');
  });
});
