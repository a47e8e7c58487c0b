// The class teacher's report for a period and the preliminary report (R19; docs/indicators.md
// «The class teacher's report»): per class, each student with their period marks — the preliminary
// report: the expected marks from the current marks so far, «прогноз» — their category (неуспевающие
// and «н/а» with the subjects), missed lessons and of them for a good reason, lateness; the class's
// figures as the term report computes them.
import type { Ctx } from '../context';
import type { z } from 'zod';
import type { MarkValue } from '../../api/enums';
import type { ClassTeacherReport, ClassTeacherRow, classTeacherInput } from '../../api/termFiles';
import { getReportRules } from '../indicators/rules';
import { attested, termFigures, type FigInput } from './figures';
import { load, resolveScope } from './report';
import { dayOfClass } from './teachers';
import * as q from './queries';

type Input = z.output<typeof classTeacherInput>;
const json = (v: unknown) => JSON.stringify(v);

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/**
 * The expected period mark from a subject's current marks: five-point — the weighted average of the
 * «1»–«5» (Σ mark·weight / Σ weight) rounded half up (4,5 → 5); without one, «н/а» if there is one,
 * «осв.» if every mark is; зачёт — the latest «зач»/«незач».
 */
export function expectedMark(grading: 'five_point' | 'pass_fail', marks: readonly { value: MarkValue; weight: number }[]): MarkValue | null {
  if (grading === 'pass_fail') return [...marks].reverse().find((m) => m.value === 'pass' || m.value === 'fail')?.value ?? (marks.length && marks.every((m) => m.value === 'exempt') ? 'exempt' : null);
  let sum = 0;
  let weight = 0;
  for (const m of marks)
    if (m.value >= '1' && m.value <= '5') {
      sum += Number(m.value) * m.weight;
      weight += m.weight;
    }
  if (weight) return String(Math.min(5, Math.max(1, Math.floor(Math.round((sum / weight) * 1e6) / 1e6 + 0.5)))) as MarkValue;
  if (marks.some((m) => m.value === 'na')) return 'na';
  return marks.length && marks.every((m) => m.value === 'exempt') ? 'exempt' : null;
}

export function classTeacherReport(ctx: Ctx, input: Input): ClassTeacherReport {
  return ctx.db.tx(() => {
    const { db } = ctx;
    const { period, classes } = resolveScope(ctx, { periodId: input.periodId, year: input.year, scope: 'class', classId: input.classId, grade: undefined });
    const cls = classes[0]!;
    const today = ctx.now().toISOString().slice(0, 10);
    const lastDay = dayOfClass(ctx, period)(cls.grade);
    const start = period.ref.startDate;
    let fig: FigInput;
    let asOf = lastDay;
    let dueDate: string | null = null;
    if (input.preliminary) {
      asOf = today < start ? start : today > lastDay ? lastDay : today;
      dueDate = addDays(period.ref.endDate, -getReportRules(ctx).preliminaryDays);
      const roster = q.rosters(db, [{ classId: cls.id, day: asOf }]);
      const subjects = q.curriculumSubjects(db, [cls.id]);
      const graded = new Map(subjects.filter((s) => s.grading !== 'none').map((s) => [s.subject_id, s.grading as 'five_point' | 'pass_fail']));
      const current = db
        .statement(
          `SELECT student_id, subject_id, value, weight FROM mark
           WHERE deleted_at IS NULL AND date >= @from AND date <= @to AND student_id IN (SELECT value FROM json_each(@students))
           ORDER BY date, entered_at, id`,
        )
        .all({ from: start, to: asOf, students: json(roster.map((r) => r.student_id)) }) as { student_id: string; subject_id: string; value: MarkValue; weight: number }[];
      const by = new Map<string, { value: MarkValue; weight: number }[]>();
      for (const m of current) if (graded.has(m.subject_id)) (by.get(`${m.student_id} ${m.subject_id}`) ?? by.set(`${m.student_id} ${m.subject_id}`, []).get(`${m.student_id} ${m.subject_id}`)!).push(m);
      fig = {
        classes: [{ id: cls.id, name: cls.name, grade: cls.grade }],
        students: roster.map((r) => ({ id: r.student_id, name: r.name, classId: r.class_id })),
        subjects: subjects.map((s) => ({ classId: s.class_id, subjectId: s.subject_id, name: s.name, sortOrder: s.sort_order, grading: s.grading, noAttestation: s.no_attestation === 1 })),
        marks: [...by.entries()].flatMap(([key, ms]) => {
          const [studentId, subjectId] = key.split(' ') as [string, string];
          const value = expectedMark(graded.get(subjectId)!, ms);
          return value ? [{ studentId, subjectId, value }] : [];
        }),
        weights: getReportRules(ctx).souWeights,
      };
    } else fig = load(ctx, period, classes);

    const figures = termFigures(fig).figures;
    const subjects = fig.subjects
      .filter(attested)
      .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'ru'))
      .map((s) => ({ id: s.subjectId, name: s.name, grading: s.grading }));
    const subjectIds = new Set(subjects.map((s) => s.id));
    const marks = new Map<string, Record<string, MarkValue>>();
    for (const m of fig.marks) if (subjectIds.has(m.subjectId)) (marks.get(m.studentId) ?? marks.set(m.studentId, {}).get(m.studentId)!)[m.subjectId] = m.value;

    const category = new Map<string, { category: ClassTeacherRow['category']; subjects: string[] }>();
    for (const key of ['excellent', 'good', 'satisfactory', 'failing', 'notAttested'] as const)
      for (const s of figures[key].students) category.set(s.id, { category: key, subjects: s.subjects ?? [] });

    const absences = db
      .statement(
        `SELECT a.student_id, a.kind, count(*) AS n FROM attendance a
         JOIN lesson l ON l.id = a.lesson_id AND l.deleted_at IS NULL AND l.status = 'held'
         WHERE a.deleted_at IS NULL AND l.date >= @from AND l.date <= @to AND a.student_id IN (SELECT value FROM json_each(@students))
         GROUP BY a.student_id, a.kind`,
      )
      .all({ from: start, to: asOf, students: json(fig.students.map((s) => s.id)) }) as { student_id: string; kind: 'sick' | 'excused' | 'unexcused' | 'late'; n: number }[];
    const att = new Map<string, Record<'sick' | 'excused' | 'unexcused' | 'late', number>>();
    for (const a of absences) (att.get(a.student_id) ?? att.set(a.student_id, { sick: 0, excused: 0, unexcused: 0, late: 0 }).get(a.student_id)!)[a.kind] = a.n;

    const students: ClassTeacherRow[] = fig.students.map((s) => {
      const a = att.get(s.id) ?? { sick: 0, excused: 0, unexcused: 0, late: 0 };
      const c = category.get(s.id);
      return {
        id: s.id,
        name: s.name,
        marks: marks.get(s.id) ?? {},
        category: c?.category ?? null,
        subjects: c?.category === 'failing' || c?.category === 'notAttested' ? c.subjects : [],
        missed: a.sick + a.excused + a.unexcused,
        excused: a.sick + a.excused,
        unexcused: a.unexcused,
        late: a.late,
      };
    });
    const sum = (k: 'missed' | 'excused' | 'unexcused' | 'late') => students.reduce((n, r) => n + r[k], 0);
    const teacher = db
      .statement(
        `SELECT st.last_name || ' ' || st.first_name || coalesce(' ' || st.middle_name, '') AS name FROM school_class c JOIN staff st ON st.id = c.class_teacher_id WHERE c.id = ?`,
      )
      .get(cls.id) as { name: string } | undefined;
    return {
      period: period.ref,
      yearName: q.yearRow(db, period.yearId)?.name ?? '',
      preliminary: input.preliminary,
      asOf,
      dueDate,
      classId: cls.id,
      className: cls.name,
      classTeacher: teacher?.name ?? null,
      subjects,
      students,
      figures,
      attendance: { missed: sum('missed'), excused: sum('excused'), unexcused: sum('unexcused'), late: sum('late') },
    };
  });
}
