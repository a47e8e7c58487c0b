// The term report by teacher (issue 13 point 1; docs/indicators.md «By teacher»): for each teacher,
// the subject figures over the period marks of the students they teach by the workload
// (`teaching_assignment` of the year: a whole class, a subgroup, a study group), the students being
// those the report counts (on the list on the period's last day, in the scope's classes; a deputy:
// their parallels), and the teacher's total over the lines of five-point subjects. The workload,
// not the lessons' teacher: it names who is answerable for the subject's marks (a substitute who
// kept some lessons is not), and it holds before the first lesson is synced.
import type { Ctx } from '../context';
import type { z } from 'zod';
import type { Grading, MarkValue } from '../../api/enums';
import type { SouWeights } from '../../api/indicators';
import type { TermList, TermMarkCounts, TermStudent, TermSubjectFigures, termReportInput } from '../../api/term';
import type { TermByTeacher, TermTeacher, TermTeacherLine } from '../../api/termFiles';
import { percent, sou } from './figures';
import { load, resolveScope, type Period } from './report';
import * as q from './queries';

type Input = z.output<typeof termReportInput>;
const json = (v: unknown) => JSON.stringify(v);

interface AssignmentRow {
  teacher_id: string;
  teacher: string;
  subject_id: string;
  subject: string;
  sort_order: number;
  grading: Grading;
  no_attestation: number;
  class_id: string | null;
  subgroup_id: string | null;
  subgroup: string | null;
  study_group_id: string | null;
  study_group: string | null;
}

/** The assignments of the classes and of the year's study groups, graded subjects only. */
function assignments(ctx: Ctx, yearId: string, classIds: readonly string[]): AssignmentRow[] {
  return ctx.db
    .statement(
      `SELECT a.teacher_id, st.last_name || ' ' || st.first_name || coalesce(' ' || st.middle_name, '') AS teacher,
              a.subject_id, p.name AS subject, p.sort_order, p.grading, p.no_attestation,
              a.class_id, a.subgroup_id, sg.name AS subgroup, a.study_group_id, g.name AS study_group
       FROM teaching_assignment a
       JOIN staff st ON st.id = a.teacher_id
       JOIN subject p ON p.id = a.subject_id
       LEFT JOIN subgroup sg ON sg.id = a.subgroup_id
       LEFT JOIN study_group g ON g.id = a.study_group_id
       WHERE a.deleted_at IS NULL AND p.grading <> 'none' AND p.no_attestation = 0
         AND (a.class_id IN (SELECT value FROM json_each(@classes))
              OR (a.study_group_id IS NOT NULL AND g.year_id = @year AND g.deleted_at IS NULL))`,
    )
    .all({ classes: json(classIds), year: yearId }) as AssignmentRow[];
}

/** Who is in each subgroup / study group on a day (dated memberships). */
function members(ctx: Ctx, table: 'subgroup_member' | 'study_group_member', ids: readonly { id: string; day: string }[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  if (!ids.length) return out;
  const col = table === 'subgroup_member' ? 'subgroup_id' : 'group_id';
  const rows = ctx.db
    .statement(
      `WITH d AS (SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.day') AS day FROM json_each(?))
       SELECT m.${col} AS id, m.student_id FROM d JOIN ${table} m ON m.${col} = d.id AND m.deleted_at IS NULL
         AND m.date_from <= d.day AND (m.date_to IS NULL OR m.date_to > d.day)`,
    )
    .all(json(ids)) as { id: string; student_id: string }[];
  for (const r of rows) (out.get(r.id) ?? out.set(r.id, new Set()).get(r.id)!).add(r.student_id);
  return out;
}

type Key = keyof TermSubjectFigures['marks'];
const KEYS: Key[] = ['5', '4', '3', '2', 'na', 'exempt', 'pass', 'fail'];
const list = (students: TermStudent[]): TermList => ({ count: students.length, students });
const mean = (sum: number, count: number) => (count ? Math.round((sum * 100) / count) / 100 : null);

/** A subject's figures over the given period marks (docs/indicators.md «By subject»). */
export function subjectLine(subject: { id: string; name: string; grading: Grading }, marks: readonly { student: TermStudent; value: MarkValue }[], w: SouWeights): TermSubjectFigures & { digitSum: number } {
  const lists = Object.fromEntries(KEYS.map((k) => [k, [] as TermStudent[]])) as Record<Key, TermStudent[]>;
  let ones = 0;
  for (const m of marks) {
    lists[m.value === '1' ? '2' : m.value].push(m.student);
    if (m.value === '1') ones++;
  }
  const c = (k: Key) => lists[k].length;
  const n = KEYS.filter((k) => k !== 'exempt').reduce((s, k) => s + c(k), 0);
  const five = subject.grading === 'five_point';
  const digitSum = c('5') * 5 + c('4') * 4 + c('3') * 3 + (c('2') - ones) * 2 + ones;
  return {
    subjectId: subject.id,
    subject: subject.name,
    grading: subject.grading,
    n,
    marks: Object.fromEntries(KEYS.map((k) => [k, list(lists[k])])) as Record<Key, TermList>,
    progress: five ? percent(c('5') + c('4') + c('3'), n) : percent(c('pass'), n),
    quality: five ? percent(c('5') + c('4'), n) : null,
    sou: five ? sou({ '5': c('5'), '4': c('4'), '3': c('3'), '2': c('2'), na: c('na') }, w) : null,
    average: five ? mean(digitSum, c('5') + c('4') + c('3') + c('2')) : null,
    digitSum,
  };
}

/** The day a class's list is taken on: the period's last day; the year: its parallel's last study period's. */
export function dayOfClass(ctx: Ctx, period: Period): (grade: number) => string {
  if (period.row) return () => period.ref.endDate;
  const periods = q.studyPeriods(ctx.db, period.yearId);
  return (grade) => periods.filter((p) => grade >= p.grade_from && grade <= p.grade_to).reduce((d, p) => (p.end_date > d ? p.end_date : d), '') || period.ref.endDate;
}

export function termByTeacher(ctx: Ctx, input: Input): TermByTeacher {
  return ctx.db.tx(() => {
    const { period, classes, scope } = resolveScope(ctx, input);
    const fig = load(ctx, period, classes);
    const classById = new Map(classes.map((c) => [c.id, c]));
    const day = dayOfClass(ctx, period);
    // A study group across classes: its members on the period's last day (the year: the latest class's day).
    const groupDay = period.row ? period.ref.endDate : classes.reduce((d, c) => (day(c.grade) > d ? day(c.grade) : d), '') || period.ref.endDate;
    const student = new Map(fig.students.map((s) => [s.id, { id: s.id, name: s.name, className: classById.get(s.classId)?.name ?? '', classId: s.classId }]));
    const byClass = new Map<string, string[]>();
    for (const s of fig.students) (byClass.get(s.classId) ?? byClass.set(s.classId, []).get(s.classId)!).push(s.id);
    const markOf = new Map(fig.marks.map((m) => [`${m.studentId} ${m.subjectId}`, m.value]));

    const rows = assignments(
      ctx,
      period.yearId,
      classes.map((c) => c.id),
    );
    const subgroupMembers = members(
      ctx,
      'subgroup_member',
      [...new Set(rows.filter((r) => r.subgroup_id).map((r) => `${r.subgroup_id}\u0000${r.class_id}`))].map((k) => {
        const [id, cls] = k.split('\u0000') as [string, string];
        return { id, day: day(classById.get(cls)!.grade) };
      }),
    );
    const groupMembers = members(
      ctx,
      'study_group_member',
      [...new Set(rows.filter((r) => r.study_group_id).map((r) => r.study_group_id!))].map((id) => ({ id, day: groupDay })),
    );

    const teachers = new Map<string, { teacher: string; lines: (TermTeacherLine & { order: [number, string, number, string]; digitSum: number })[] }>();
    for (const r of rows) {
      let who: string[];
      let name: string;
      let kind: TermTeacherLine['kind'];
      let order: [number, string, number, string];
      if (r.study_group_id) {
        who = [...(groupMembers.get(r.study_group_id) ?? [])].filter((id) => student.has(id));
        name = `Группа «${r.study_group}»`;
        kind = 'group';
        order = [99, r.study_group ?? '', r.sort_order, r.subject];
      } else {
        const c = classById.get(r.class_id!)!;
        const inSubgroup = r.subgroup_id ? (subgroupMembers.get(r.subgroup_id) ?? new Set<string>()) : null;
        who = (byClass.get(c.id) ?? []).filter((id) => !inSubgroup || inSubgroup.has(id));
        name = r.subgroup_id ? `${c.name}, ${r.subject}: ${r.subgroup}` : c.name;
        kind = r.subgroup_id ? 'subgroup' : 'class';
        order = [c.grade, c.letter, r.sort_order, `${r.subject} ${r.subgroup ?? ''}`];
      }
      const marks = who.flatMap((id) => {
        const value = markOf.get(`${id} ${r.subject_id}`);
        const s = student.get(id)!;
        return value ? [{ student: { id: s.id, name: s.name, className: s.className }, value }] : [];
      });
      if (!marks.length) continue;
      const { digitSum, ...figures } = subjectLine({ id: r.subject_id, name: r.subject, grading: r.grading }, marks, fig.weights);
      const t = teachers.get(r.teacher_id) ?? teachers.set(r.teacher_id, { teacher: r.teacher, lines: [] }).get(r.teacher_id)!;
      t.lines.push({ kind, name, figures, order, digitSum });
    }

    const cmp = (a: [number, string, number, string], b: [number, string, number, string]) =>
      a[0] - b[0] || a[1].localeCompare(b[1], 'ru') || a[2] - b[2] || a[3].localeCompare(b[3], 'ru');
    const out: TermTeacher[] = [...teachers.entries()]
      .map(([teacherId, t]) => {
        const five = t.lines.filter((l) => l.figures.grading === 'five_point');
        const m: TermMarkCounts = { '5': 0, '4': 0, '3': 0, '2': 0, na: 0 };
        let digitSum = 0;
        for (const l of five) {
          for (const k of ['5', '4', '3', '2', 'na'] as const) m[k] += l.figures.marks[k].count;
          digitSum += l.digitSum;
        }
        const n = m['5'] + m['4'] + m['3'] + m['2'] + m.na;
        return {
          teacherId,
          teacher: t.teacher,
          lines: t.lines.sort((a, b) => cmp(a.order, b.order)).map(({ kind, name, figures }) => ({ kind, name, figures })),
          n,
          marks: m,
          progress: percent(m['5'] + m['4'] + m['3'], n),
          quality: percent(m['5'] + m['4'], n),
          sou: sou(m, fig.weights),
          average: mean(digitSum, m['5'] + m['4'] + m['3'] + m['2']),
        };
      })
      .sort((a, b) => a.teacher.localeCompare(b.teacher, 'ru'));
    return { period: period.ref, scope, teachers: out };
  });
}
