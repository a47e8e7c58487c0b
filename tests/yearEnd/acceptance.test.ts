// Issue 15's acceptance on the demo school with a simulated full year (central/simulate written into
// the app's journal tables, as a complete pull leaves them): the year-end check, debts for three
// students (one closed on the first retake, one on the second before the commission, one not: the
// decision recorded), the promotion and graduation orders signed, then the rollover: 2027/2028 with
// every class one grade up, the old 11th grades gone, the new 10th grades, the repeater where the
// decision says; the second run changes nothing; the new year made current and its first grades
// formed from an enrollment import; the 2026/2027 year's reports and paper copies read the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { DebtRow } from '../../electron/api/debts';
import { copyData } from '../../electron/core/paper/copy/data';
import { digestOf } from '../../electron/core/paper/copy/fingerprint';
import { uuidv7 } from '../../db/ids';
import { ADMIN, demoCore } from '../support/core';
import { simulateInto } from '../support/journal';
import { upload } from '../support/files';
import { applications, sheetRows, xlsxBytes } from '../enrollment/exportFile';

let today = '2026-09-01';
let t: Awaited<ReturnType<typeof demoCore>>;
let yearId = '';
/** Moves «today» on; the session locked by the long «inactivity» is unlocked as the user would. */
async function dayIs(day: string) {
  today = day;
  await t.call('auth.unlock', { password: ADMIN.password }).catch(() => undefined);
}
const one = <R>(sql: string, ...p: unknown[]) => t.db.raw.prepare(sql).get(...p) as R;
const all = <R>(sql: string, ...p: unknown[]) => t.db.raw.prepare(sql).all(...p) as R[];

/** Row counts and a digest of every table's rows (the audit and sync logs aside: they record reads of nothing). */
function tables(): Record<string, string> {
  const names = all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").map((r) => r.name);
  return Object.fromEntries(
    names.map((n) => {
      const rows = all<Record<string, unknown>>(`SELECT * FROM "${n}" ORDER BY rowid`);
      return [n, `${rows.length}:${createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16)}`];
    }),
  );
}

interface Pupil {
  id: string;
  classId: string;
  grade: number;
  letter: string;
}

const pupils = () =>
  all<Pupil>(
    `SELECT s.id, c.id AS classId, c.grade, c.letter FROM student s JOIN class_membership m ON m.student_id = s.id AND m.date_to IS NULL AND m.deleted_at IS NULL
     JOIN school_class c ON c.id = m.class_id WHERE s.deleted_at IS NULL AND c.year_id = ? ORDER BY c.grade, c.letter, s.last_name, s.first_name`,
    yearId,
  );

describe('the year end and the rollover on the demo school with a simulated year (issue 15 acceptance)', () => {
  let before: Pupil[] = [];
  const three: Record<'A' | 'B' | 'C', Pupil> = {} as never;
  let subjectId = '';
  let oldClassId = '';
  let oldSummary: unknown;
  let oldDigest = '';
  let oldCheck: unknown;
  let leaving9: string[] = [];

  beforeAll(async () => {
    t = await demoCore(150, () => new Date(`${today}T09:00:00Z`));
    yearId = one<{ id: string }>(`SELECT id FROM academic_year WHERE name = '2026/2027'`).id;
    const sim = await simulateInto(t.db, { until: '2027-05-31', seed: 4 });
    expect(sim.rows).toBeGreaterThan(50_000);
    await dayIs('2027-05-31');
    before = pupils();
  }, 600_000);
  afterAll(() => t?.cleanup());

  it('checks the year: every class, the simulated attestation marks, three unsatisfactory ones more', async () => {
    // The simulator's year end: a year mark and an attestation mark of every attested subject.
    const att = one<{ n: number }>(`SELECT count(*) AS n FROM period_mark WHERE year_id = ? AND period_id IS NULL AND attestation = 1`, yearId).n;
    const yearMarks = one<{ n: number }>(`SELECT count(*) AS n FROM period_mark WHERE year_id = ? AND period_id IS NULL AND attestation = 0`, yearId).n;
    expect(att).toBeGreaterThan(yearMarks * 0.95);
    // Three students of grades 5–7 get a «2» at the attestation in one subject (a teacher's later entry, as sync brings it).
    const byGrade = (g: number) => before.find((p) => p.grade === g)!;
    [three.A, three.B, three.C] = [byGrade(5), byGrade(6), byGrade(7)];
    subjectId = one<{ id: string }>(`SELECT s.id FROM subject s JOIN curriculum_item ci ON ci.subject_id = s.id WHERE ci.class_id = ? AND s.grading = 'five_point' AND s.no_attestation = 0 ORDER BY s.sort_order LIMIT 1`, three.A.classId).id;
    const at = '2027-05-31T23:50:00.000Z'; // after the simulated teachers' own entries of the day
    let n = 0;
    for (const p of Object.values(three)) {
      t.db.raw
        .prepare(`INSERT INTO period_mark (id, created_at, updated_at, student_id, subject_id, year_id, period_id, value, entered_by, entered_at, attestation) VALUES (?, ?, ?, ?, ?, ?, NULL, '2', NULL, ?, 1)`)
        .run(uuidv7(Date.parse(at) + ++n), at, at, p.id, subjectId, yearId, at);
    }
    const check = await t.call('year.check', { yearId });
    expect(check.classes.length).toBe(new Set(before.map((p) => p.classId)).size + one<{ n: number }>(`SELECT count(*) AS n FROM school_class c WHERE c.year_id = ? AND NOT EXISTS (SELECT 1 FROM class_membership m WHERE m.class_id = c.id AND m.date_to IS NULL)`, yearId).n);
    const candidates = await t.call('debts.candidates', { yearId });
    for (const p of Object.values(three)) expect(candidates.some((c) => c.studentId === p.id && c.subjectId === subjectId)).toBe(true);
  });

  it('records the debts; one closed at the first retake, one before the commission, one not: the decision recorded', async () => {
    const candidates = await t.call('debts.candidates', { yearId });
    await t.call('debts.record', { yearId, items: candidates.map((c) => ({ studentId: c.studentId, subjectId: c.subjectId, reason: c.reason, recordedOn: '2027-05-31' })) });
    await dayIs('2027-06-20');
    const rows = (await t.call('debts.list', { yearId })).rows;
    const debtOf = (p: Pupil): DebtRow => rows.find((r) => r.studentId === p.id && r.subjectId === subjectId)!;
    const base = { firstRetakeOn: null, firstResult: null, secondRetakeOn: null, secondResult: null, commission: [] as string[], note: null };
    const staff = all<{ id: string }>(`SELECT id FROM staff WHERE deleted_at IS NULL ORDER BY last_name LIMIT 3`).map((r) => r.id);
    await t.call('debts.save', { ...base, id: debtOf(three.A).id, firstRetakeOn: '2027-06-05', firstResult: '3' });
    await t.call('debts.save', { ...base, id: debtOf(three.B).id, firstRetakeOn: '2027-06-05', firstResult: '2' });
    await t.call('debts.save', { ...base, id: debtOf(three.B).id, firstRetakeOn: '2027-06-05', firstResult: '2', secondRetakeOn: '2027-06-15', secondResult: '4', commission: staff });
    await t.call('debts.save', { ...base, id: debtOf(three.C).id, firstRetakeOn: '2027-06-05', firstResult: '2', secondRetakeOn: '2027-06-15', secondResult: '2', commission: staff });
    await t.call('debts.decide', { id: debtOf(three.C).id, decision: 'repeat', decidedOn: '2027-06-18' });
    // The others (the simulator's): graduates must clear theirs before leaving; the rest stay open (conditional promotion).
    for (const r of rows.filter((r) => ![three.A.id, three.B.id, three.C.id].includes(r.studentId))) {
      const grade = before.find((p) => p.id === r.studentId)!.grade;
      if (grade === 9 || grade === 11) await t.call('debts.save', { ...base, id: r.id, firstRetakeOn: '2027-06-05', firstResult: '3' });
    }
    const after = (await t.call('debts.list', { yearId })).rows;
    const state = (p: Pupil) => after.find((r) => r.studentId === p.id && r.subjectId === subjectId)!;
    expect(state(three.A).status).toBe('closed');
    expect(state(three.B).status).toBe('closed');
    expect(state(three.C)).toMatchObject({ status: 'decided', decision: 'repeat' });
    const protocol = await t.call('debts.protocolPdf', { yearId, id: state(three.B).id });
    expect(protocol.size).toBeGreaterThan(1000);
  });

  it('signs the promotion and graduation orders of every class', async () => {
    const nine = before.filter((p) => p.grade === 9);
    leaving9 = nine.slice(0, 2).map((p) => p.id);
    const drafts = await t.call('promotion.drafts', { yearId, date: '2027-06-20', basis: 'Решение педагогического совета от 18.06.2027, протокол № 9', leaving9 });
    expect(drafts.skipped).toEqual([]);
    const classes = new Set(before.map((p) => p.classId));
    expect(drafts.made.filter((o) => o.kind === 'promotion').length + drafts.made.filter((o) => o.kind === 'graduation').length).toBeGreaterThanOrEqual(classes.size);
    for (const o of drafts.made) await t.call('orders.sign', { id: o.id });
    const plan = await t.call('promotion.plan', { yearId });
    const decisionOf = (id: string) => plan.classes.flatMap((c) => c.students).find((s) => s.studentId === id)?.decision;
    expect(decisionOf(three.A.id)).toBe('promoted');
    expect(decisionOf(three.C.id)).toBe('repeat');
    // The 11th graders and the leaving 9th graders have left on the order's day.
    for (const p of [...before.filter((p) => p.grade === 11), ...nine.filter((p) => leaving9.includes(p.id))])
      expect(one<{ c: string | null }>(`SELECT class_id AS c FROM student WHERE id = ?`, p.id).c).toBeNull();
  });

  it('rolls over to 2027/2028 once: every class one grade up, the new 10th grades, the old year unchanged', async () => {
    oldClassId = before.find((p) => p.grade === 7)!.classId;
    oldSummary = await t.call('summary.get', { classId: oldClassId, year: true });
    const q4 = one<{ id: string }>(`SELECT id FROM study_period WHERE year_id = ? AND name = '4 четверть'`, yearId).id;
    oldDigest = digestOf(copyData(t.ctx, oldClassId, q4)).digest;
    oldCheck = await t.call('year.check', { yearId });

    const plan = await t.call('rollover.plan', { to: '2027/2028' });
    expect(plan.problems).toEqual([]);
    const done = await t.call('rollover.run', { to: '2027/2028' });
    expect(done.nothingToDo).toBe(false);
    expect(done.done.counts).toEqual(plan.counts);
    const next = one<{ id: string }>(`SELECT id FROM academic_year WHERE name = '2027/2028'`).id;
    const classOf = (id: string) => one<{ grade: number; letter: string; year_id: string } | undefined>(`SELECT c.grade, c.letter, c.year_id FROM student s JOIN school_class c ON c.id = s.class_id WHERE s.id = ?`, id);
    for (const p of before) {
      const now = classOf(p.id);
      if (p.grade === 11 || leaving9.includes(p.id)) {
        expect(now, 'a graduate has no class').toBeUndefined();
        continue;
      }
      const grade = p.id === three.C.id ? p.grade : p.grade + 1;
      expect(now).toEqual({ grade, letter: p.letter, year_id: next });
    }
    // The old 11th grades are not carried: the new 11th grades are the old 10th.
    const newGrades = all<{ grade: number; letter: string }>(`SELECT grade, letter FROM school_class WHERE year_id = ? AND deleted_at IS NULL ORDER BY grade, letter`, next);
    expect(newGrades.some((c) => c.grade === 10)).toBe(true);
    expect(newGrades.filter((c) => c.grade === 11).map((c) => c.letter)).toEqual([...new Set(before.filter((p) => p.grade === 10).map((p) => p.letter))].sort());
    expect(newGrades.some((c) => c.grade === 1)).toBe(before.some((p) => p.grade === 1 && p.id === three.C.id));

    // The 2026/2027 year's reports and paper copy read the same.
    expect(await t.call('summary.get', { classId: oldClassId, year: true })).toEqual(oldSummary);
    expect(digestOf(copyData(t.ctx, oldClassId, q4)).digest).toBe(oldDigest);
    // The year check reads the same, the year picker aside (it now offers 2027/2028 too).
    expect({ ...(await t.call('year.check', { yearId })), years: [] }).toEqual({ ...(oldCheck as object), years: [] });

    // Twice: nothing to do, nothing changed.
    const snapshot = tables();
    const again = await t.call('rollover.run', { to: '2027/2028' });
    expect(again.nothingToDo).toBe(true);
    expect(tables()).toEqual(snapshot);
  });

  it('forms the new first grades from an enrollment import once the new year is current', async () => {
    await dayIs('2027-08-25');
    const next = (await t.call('years.list')).find((y) => y.name === '2027/2028')!;
    await t.call('years.save', { ...next, isCurrent: true });
    const apps = applications({ count: 40, today: '2027-04-01', seed: 5 });
    const file = upload(t.ctx.session, 'заявления.xlsx', await xlsxBytes(sheetRows(apps, '2027-04-01')));
    const r = await t.call('enrollment.commit', { file });
    expect(r).toBeTruthy();
    const proposal = await t.call('formation.propose', { count: 2 });
    await t.call('formation.apply', { classes: proposal.classes.map((c) => ({ letter: c.letter, applicationIds: c.children.map((k) => k.id) })) });
    const orders = await t.call('orders.fromFormation', { date: '2027-08-25', effectiveDate: '2027-09-01' });
    await t.call('orders.sign', { id: orders.enrollment!.id });
    await t.call('orders.sign', { id: orders.forming!.id });
    const firsts = all<{ letter: string; n: number }>(
      `SELECT c.letter, count(m.id) AS n FROM school_class c LEFT JOIN class_membership m ON m.class_id = c.id AND m.deleted_at IS NULL AND m.date_to IS NULL
       WHERE c.year_id = ? AND c.grade = 1 GROUP BY c.id ORDER BY c.letter`,
      next.id,
    );
    expect(firsts.map((c) => c.letter)).toEqual(['А', 'Б']);
    expect(firsts.reduce((s, c) => s + c.n, 0)).toBe(apps.filter((a) => a.enrollable).length);
    // The old year's first grade is untouched by the new one.
    expect(all(`SELECT id FROM school_class WHERE year_id = ? AND grade = 1`, yearId).length).toBeGreaterThan(0);
  });
});
