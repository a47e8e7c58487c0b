// The rollover to the next year (issue 15 point 4) on the demo school on 20.06.2027, with signed
// promotion and graduation orders written as the promotion part signs them: the dry run lists exactly
// what the run does, the run moves everyone as decided, a second run changes nothing, the previous
// year stays whole (its reports and paper copies' digests), and the refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCore } from '../support/core';
import { seedYearMarks } from '../support/yearMarks';
import { openStudents, signOrders, tablesFingerprint, type Student } from './rolloverSupport';
import { copyData } from '../../electron/core/paper/copy/data';
import { digestOf } from '../../electron/core/paper/copy/fingerprint';
import type { PromotionDecision } from '../../electron/api/enums';
import type { RolloverPlan } from '../../electron/api/rollover';

const NOW = () => new Date('2027-06-20T10:00:00Z');
type Core = Awaited<ReturnType<typeof demoCore>>;

describe('year rollover', { timeout: 120_000 }, () => {
  let t: Core;
  let yearId = '';
  let students: Student[] = [];
  let decisions = new Map<string, PromotionDecision>();
  const one = <T,>(sql: string, ...args: unknown[]) => t.db.raw.prepare(sql).get(...args) as T;
  const all = <T,>(sql: string, ...args: unknown[]) => t.db.raw.prepare(sql).all(...args) as T[];

  beforeAll(async () => {
    t = await demoCore(900, NOW); // classes big enough to be divided into subgroups
    yearId = one<{ id: string }>(`SELECT id FROM academic_year WHERE is_current = 1`).id;
    seedYearMarks(t.db, { yearId });
    students = openStudents(t.db.raw, yearId);
  }, 120_000);
  afterAll(() => t?.cleanup());

  it('refuses a year that is not the next one, and classes without decisions, changing nothing', async () => {
    const before = tablesFingerprint(t.db.raw);
    const wrong = await t.call('rollover.plan', { to: '2028/2029' });
    expect(wrong.problems.map((p) => p.message)).toEqual(['Переход возможен только на следующий учебный год 2027/2028: «2028/2029» не следует за текущим 2026/2027.']);
    const plan = await t.call('rollover.plan', { to: '2027/2028' });
    const classes = new Set(students.map((s) => s.classId)).size;
    expect(plan.problems).toHaveLength(classes);
    expect(plan.problems[0]).toMatchObject({ link: '/year-end/promotion', linkLabel: 'Перевод и выпуск' });
    expect(plan.problems[0]!.message).toMatch(/^1А: у \d+ учеников? нет решения о переводе или выпуске/);
    await expect(t.call('rollover.run', { to: '2027/2028' })).rejects.toThrow(/Переход на 2027\/2028 не выполнен: 1А: у \d+/);
    await expect(t.call('rollover.run', { to: '2028/2029' })).rejects.toThrow(/не следует за текущим 2026\/2027/);
    expect(tablesFingerprint(t.db.raw)).toEqual(before);
  });

  it('refuses a 10th letter clash', async () => {
    decisions = signOrders(t.db.raw, yearId, decide);
    const plan = await t.call('rollover.plan', { to: '2027/2028', tenth: [{ from9: 'А', to10: 'Б' }] });
    expect(plan.problems.map((p) => p.message)).toEqual(['9А и 9Б оба переходят в 10Б: укажите разные литеры 10-х классов.']);
  });

  let plan: RolloverPlan;
  const tenth = [{ from9: 'Б', to10: 'Г' }];
  let oldSummary: unknown;
  let oldDigest = '';
  let oldClassId = '';

  it('plans the next year: classes one grade up, the 10th grades from the continuing, repeaters, what is not done', async () => {
    plan = await t.call('rollover.plan', { to: '2027/2028', tenth });
    expect(plan.problems).toEqual([]);
    expect(plan.toYear).toMatchObject({ name: '2027/2028', startDate: '2027-09-01', endDate: '2028-05-31', existing: false, periods: 6, holidays: 4 });
    const names = plan.classes.map((c) => c.name);
    // 1–8 and 10 up one grade; 10А from 9А, 10Г from 9Б (mapped), none from 9В (all graduate); 11 only for its repeater.
    const letters = (g: number) => [...new Set(students.filter((x) => x.grade === g).map((x) => x.letter))];
    const expected = [
      ...[1, 2, 3, 4, 5, 6, 7, 8].flatMap((g) => letters(g).map((l) => `${g + 1}${l}`)),
      '10А', '10Г',
      ...letters(10).map((l) => `11${l}`),
    ].sort((a, b) => parseInt(a) - parseInt(b) || a.localeCompare(b, 'ru'));
    expect(names).toEqual(expected);
    expect(plan.notCarried.map((c) => c.className)).toEqual(['9В', ...letters(9).filter((l) => l > 'В').map((l) => `9${l}`), ...letters(11).map((l) => `11${l}`)]);
    expect(plan.tenth).toEqual([
      { from9: 'А', to10: 'А', students: students.filter((s) => s.grade === 9 && s.letter === 'А').length - 1 },
      { from9: 'Б', to10: 'Г', students: students.filter((s) => s.grade === 9 && s.letter === 'Б').length },
    ]);
    const c5 = plan.classes.find((c) => c.name === '5А')!;
    expect(c5.sources).toEqual([
      { className: '4А', decision: 'promoted', students: students.filter((s) => s.grade === 4 && s.letter === 'А').length },
      { className: '5А', decision: 'repeat', students: 1 },
    ]);
    expect(c5.curriculum).toMatchObject({ source: 'same', fromClass: '5А' });
    expect(c5.classTeacher).not.toBeNull();
    const c11 = plan.classes.find((c) => c.name === '11А')!;
    expect(c11.sources).toEqual([
      { className: '10А', decision: 'promoted', students: students.filter((s) => s.grade === 10 && s.letter === 'А').length },
      { className: '11А', decision: 'repeat', students: 1 },
    ]);
    expect(c11).toMatchObject({ curriculum: { source: 'same', fromClass: '11А' } });
    const c10g = plan.classes.find((c) => c.name === '10Г')!;
    expect(c10g.curriculum).toMatchObject({ source: 'grade', fromClass: '10А' });
    expect(plan.counts.moved).toBe(students.filter((s) => decisions.get(s.id) !== 'graduated').length);
    expect(plan.counts.left).toBe(students.filter((s) => decisions.get(s.id) === 'graduated').length);
    expect(plan.counts.classes).toBe(expected.length);
    expect(plan.counts.subgroups).toBeGreaterThan(0);
    expect(plan.counts.assignments).toBeGreaterThan(0);
    expect(plan.notDone.join(' ')).toMatch(/Расписание.*Замены, журнал.*бумажные копии.*Первые классы не создаются/);
    // What the old year's reports say before the run.
    oldClassId = one<{ id: string }>(`SELECT id FROM school_class WHERE year_id = ? AND grade = 7 AND letter = 'А'`, yearId).id;
    oldSummary = await t.call('summary.get', { classId: oldClassId, year: true });
    const q4 = one<{ id: string }>(`SELECT id FROM study_period WHERE year_id = ? AND name = '4 четверть'`, yearId).id;
    oldDigest = digestOf(copyData(t.ctx, oldClassId, q4)).digest;
  });

  it('does exactly what the dry run said, once; the second run changes nothing', async () => {
    const oldRows = oldYearRows();
    const result = await t.call('rollover.run', { to: '2027/2028', tenth });
    expect(result.nothingToDo).toBe(false);
    expect(result.done.counts).toEqual(plan.counts);
    expect(result.done.backupFile).toMatch(/перед переходом на новый год/);
    const next = one<{ id: string; is_current: number; start_date: string }>(`SELECT id, is_current, start_date FROM academic_year WHERE name = '2027/2028'`);
    expect(next).toMatchObject({ is_current: 0, start_date: '2027-09-01' });
    const newClasses = all<{ id: string; grade: number; letter: string; class_teacher_id: string | null }>(`SELECT id, grade, letter, class_teacher_id FROM school_class WHERE year_id = ? ORDER BY grade, letter`, next.id);
    expect(newClasses.map((c) => `${c.grade}${c.letter}`)).toEqual(plan.classes.map((c) => c.name));
    // Class teachers carried over: 6А has 5А's.
    const teacherOf = (y: string, g: number, l: string) => one<{ t: string }>(`SELECT class_teacher_id AS t FROM school_class WHERE year_id = ? AND grade = ? AND letter = ?`, y, g, l).t;
    expect(teacherOf(next.id, 6, 'А')).toBe(teacherOf(yearId, 5, 'А'));
    expect(teacherOf(next.id, 10, 'Г')).toBe(teacherOf(yearId, 9, 'Б'));
    // Curriculum: 6А's copied from the old 6А.
    const hoursOf = (classId: string) => all<{ s: string; h: number }>(`SELECT subject_id AS s, hours_per_week AS h FROM curriculum_item WHERE class_id = ? AND deleted_at IS NULL ORDER BY subject_id`, classId);
    const classOf = (y: string, g: number, l: string) => one<{ id: string }>(`SELECT id FROM school_class WHERE year_id = ? AND grade = ? AND letter = ?`, y, g, l).id;
    expect(hoursOf(classOf(next.id, 6, 'А'))).toEqual(hoursOf(classOf(yearId, 6, 'А')));
    // Every student where the decision sends them; memberships closed and opened on 01.09.2027 by the order.
    for (const s of students) {
      const d = decisions.get(s.id)!;
      const rows = all<{ class_id: string; date_from: string; date_to: string | null; opened_order_id: string | null; closed_order_id: string | null }>(
        `SELECT class_id, date_from, date_to, opened_order_id, closed_order_id FROM class_membership WHERE student_id = ? AND deleted_at IS NULL ORDER BY date_from`,
        s.id,
      );
      const old = rows.find((r) => r.class_id === s.classId)!;
      expect(old.date_to).toBe('2027-09-01');
      expect(old.closed_order_id).toMatch(/^test-order-/);
      const cache = one<{ class_id: string | null }>(`SELECT class_id FROM student WHERE id = ?`, s.id).class_id;
      if (d === 'graduated') {
        expect(rows.filter((r) => r.date_to === null)).toEqual([]);
        expect(cache).toBeNull();
        continue;
      }
      const grade = d === 'repeat' ? s.grade : s.grade + 1;
      const letter = d === 'continues' && s.letter === 'Б' ? 'Г' : s.letter;
      const open = rows.find((r) => r.date_to === null)!;
      expect(open).toMatchObject({ class_id: classOf(next.id, grade, letter), date_from: '2027-09-01', opened_order_id: old.closed_order_id });
      expect(cache).toBe(open.class_id);
    }
    // Subgroups carried with their members who move together; study groups with those who stay.
    const members = (y: string) =>
      one<{ n: number }>(`SELECT count(*) AS n FROM subgroup_member m JOIN class_division d ON d.id = m.division_id JOIN school_class c ON c.id = d.class_id WHERE c.year_id = ? AND m.date_to IS NULL AND m.deleted_at IS NULL`, y).n;
    expect(members(next.id)).toBe(plan.counts.subgroupMembers);
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM study_group WHERE year_id = ?`, next.id).n).toBe(plan.studyGroups.filter((g) => g.carried).length);
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM year_rollover`).n).toBe(1);
    // The previous year stays whole: its classes, curriculum, marks and journal; its reports and copies read the same.
    expect(oldYearRows()).toEqual(oldRows);
    expect(await t.call('summary.get', { classId: oldClassId, year: true })).toEqual(oldSummary);
    const q4 = one<{ id: string }>(`SELECT id FROM study_period WHERE year_id = ? AND name = '4 четверть'`, yearId).id;
    expect(digestOf(copyData(t.ctx, oldClassId, q4)).digest).toBe(oldDigest);

    // Again: nothing to do, nothing written (no backup either).
    const before = tablesFingerprint(t.db.raw);
    const again = await t.call('rollover.run', { to: '2027/2028', tenth });
    expect(again.nothingToDo).toBe(true);
    expect(again.message).toBe('Нечего делать: переход на 2027/2028 уже выполнен 20.06.2027');
    expect(tablesFingerprint(t.db.raw)).toEqual(before);
    const view = await t.call('rollover.plan', { to: '2027/2028' });
    expect(view.done).toMatchObject({ fromYear: '2026/2027', toYear: '2027/2028', counts: plan.counts });
    expect(await t.call('rollover.history', {})).toHaveLength(1);
  });

  /** The old year's own rows: classes, curriculum, divisions, groups, assignments, marks and journal. */
  function oldYearRows() {
    const classes = `SELECT id FROM school_class WHERE year_id = '${yearId}'`;
    return {
      classes: all(`SELECT * FROM school_class WHERE year_id = ? ORDER BY id`, yearId),
      curriculum: all(`SELECT * FROM curriculum_item WHERE class_id IN (${classes}) ORDER BY id`),
      divisions: all(`SELECT * FROM class_division WHERE class_id IN (${classes}) ORDER BY id`),
      groups: all(`SELECT * FROM study_group WHERE year_id = ? ORDER BY id`, yearId),
      assignments: all(`SELECT * FROM teaching_assignment WHERE class_id IN (${classes}) ORDER BY id`),
      periodMarks: all(`SELECT * FROM period_mark ORDER BY id`),
      marks: all(`SELECT * FROM mark ORDER BY id`),
      lessons: all(`SELECT * FROM lesson ORDER BY id`),
      periods: all(`SELECT * FROM study_period WHERE year_id = ? ORDER BY id`, yearId),
    };
  }
});

/** 11А's first student repeats, the rest of grade 11 graduates; 9А's first graduates, the rest of 9А and 9Б continue, the other 9th grades graduate; 5А's first repeats; the rest is promoted (one conditionally). */
function decide(s: Student, k: number): PromotionDecision {
  const first = (g: number, l: string) => s.grade === g && s.letter === l && !seenFirst.has(`${g}${l}`) && (seenFirst.add(`${g}${l}`), true);
  if (s.grade === 11) return first(11, 'А') ? 'repeat' : 'graduated';
  if (s.grade === 9) return !['А', 'Б'].includes(s.letter) || first(9, 'А') ? 'graduated' : 'continues';
  if (first(5, 'А')) return 'repeat';
  return k % 17 === 3 ? 'conditional' : 'promoted';
}
const seenFirst = new Set<string>();
