// The statement for the medal commission (issue 14 point 5; R22, `004 §2.1`; docs/paper-copies.md
// «Медальная комиссия»). Per class of grades 10–11 of the year: the students on the list (on the
// last day of the class's half-years, or today while the year runs), per subject of the curriculum
// their half-year marks («1/2 полугодие»: study periods of kind 'half') and year marks (period_mark
// rows without a period) of grade 10 and grade 11 as written (the last entered of each), the final
// mark and the medal status (rules.ts). Grade 11: grade 10's marks come from the previous academic
// year, from the student's 10th-grade class there and its curriculum (a subject finished in grade 10
// counts with grade 10's marks only); without that year in the database, or when the student was
// not in a 10th grade of this school then: «нет данных за 10 класс». Grade 10: the preliminary
// picture from grade 10's marks only. SQL beside the сводная ведомость's: ../../term/queries.ts.
import type { Ctx } from '../../context';
import type { MedalClassStatement, MedalColumn, MedalFinal, MedalStatement, MedalStudent } from '../../../api/paperMedal';
import type { MarkValue } from '../../../api/enums';
import { invalid, notFound } from '../../../api/errors';
import { directorName } from '../../books/pdf';
import { initialsName } from '../../groups/load';
import { isoDay } from '../../format';
import { currentYearId } from '../../year';
import * as q from '../../term/queries';
import { MEDAL_RULES, finalMark, medalStatus, type FinalMark, type LabelledMark } from './rules';

const NO_GRADE_10 = 'нет данных за 10 класс';

interface Half {
  id: string | null;
  short: string;
  title: string;
}

/** The half-years of a grade in a year, then the year: the three columns of the grade. */
function gradeColumns(ctx: Ctx, yearId: string, grade: 10 | 11): { cols: (MedalColumn & { periodId: string | null })[]; last: string | null } {
  const halves = q.studyPeriods(ctx.db, yearId).filter((p) => p.kind === 'half' && grade >= p.grade_from && grade <= p.grade_to);
  const byNo = (n: number) => halves.find((p) => p.number === n);
  const list: Half[] = [
    { id: byNo(1)?.id ?? `none-${grade}-1`, short: 'I', title: `1 полугодие ${grade} класса` },
    { id: byNo(2)?.id ?? `none-${grade}-2`, short: 'II', title: `2 полугодие ${grade} класса` },
    { id: null, short: 'год', title: `год ${grade} класса` },
  ];
  const keys = ['1', '2', 'y'];
  return {
    cols: list.map((h, i) => ({ key: `${grade}-${keys[i]}`, grade, short: h.short, title: h.title, periodId: h.id })),
    last: halves.reduce<string | null>((d, p) => (d === null || p.end_date > d ? p.end_date : d), null),
  };
}

/** Marks of the students by student → subject → column key (the last entered of each, as the сводная). */
function readMarks(ctx: Ctx, yearId: string, cols: (MedalColumn & { periodId: string | null })[], ids: string[], into: Map<string, Record<string, Record<string, MarkValue>>>) {
  for (const c of cols) {
    if (c.periodId?.startsWith('none-')) continue; // no such half-year in that year
    for (const m of q.periodMarks(ctx.db, yearId, c.periodId, ids)) {
      const bySubject = into.get(m.student_id);
      if (bySubject) (bySubject[m.subject_id] ??= {})[c.key] = m.value;
    }
  }
}

function classTeacherName(ctx: Ctx, classId: string): string | null {
  const r = ctx.db.raw
    .prepare(`SELECT t.last_name, t.first_name, t.middle_name FROM school_class c JOIN staff t ON t.id = c.class_teacher_id WHERE c.id = ?`)
    .get(classId) as { last_name: string; first_name: string; middle_name: string | null } | undefined;
  return r ? initialsName(r) : null;
}

/** The subjects that carry marks toward the certificate (attested; «зач» subjects shown, not counted). */
function markedSubjects(ctx: Ctx, classIds: string[]) {
  return q.curriculumSubjects(ctx.db, classIds).filter((x) => !x.no_attestation && x.grading !== 'none');
}

function toFinal(f: FinalMark): MedalFinal {
  switch (f.kind) {
    case 'mark':
      return { text: String(f.value), mean: f.mean, counted: true, reason: null };
    case 'notCounted':
      return { text: f.label, mean: null, counted: false, reason: null };
    case 'fail':
      return { text: f.label, mean: null, counted: true, reason: null };
    case 'none':
      return { text: null, mean: null, counted: true, reason: f.reason };
  }
}

function classStatement(ctx: Ctx, yearId: string, prevId: string | null, cls: q.TermClassRow, today: string, yearEnd: string): MedalClassStatement {
  const grade = cls.grade as 10 | 11;
  const own = gradeColumns(ctx, yearId, grade);
  const ten = grade === 11 ? (prevId ? gradeColumns(ctx, prevId, 10) : gradeColumns(ctx, yearId, 10)) : own;
  const columns = grade === 11 ? [...ten.cols, ...own.cols] : own.cols;
  const last = own.last ?? yearEnd;
  const day = today < last ? today : last;
  const roster = q.rosters(ctx.db, [{ classId: cls.id, day }]);
  const ids = roster.map((r) => r.student_id);
  const marks = new Map<string, Record<string, Record<string, MarkValue>>>(ids.map((id) => [id, {}]));
  readMarks(ctx, yearId, own.cols, ids, marks);

  const current = markedSubjects(ctx, [cls.id]);
  // Grade 11: each student's 10th-grade class of the previous year (the latest one there).
  const tenth = new Map<string, string>();
  let tenthSubjects: ReturnType<typeof markedSubjects> = [];
  if (grade === 11 && prevId && ids.length) {
    const rows = ctx.db.raw
      .prepare(
        `SELECT m.student_id, m.class_id FROM class_membership m JOIN school_class c ON c.id = m.class_id
         WHERE c.year_id = ? AND c.grade = 10 AND c.deleted_at IS NULL AND m.deleted_at IS NULL
           AND m.student_id IN (SELECT value FROM json_each(?)) ORDER BY m.date_from`,
      )
      .all(prevId, JSON.stringify(ids)) as { student_id: string; class_id: string }[];
    for (const r of rows) tenth.set(r.student_id, r.class_id);
    readMarks(ctx, prevId, ten.cols, [...tenth.keys()], marks);
    tenthSubjects = markedSubjects(ctx, [...new Set(tenth.values())]);
  }
  // The columns: the current curriculum's subjects, then those finished in grade 10, in the school's order.
  const all = new Map<string, { id: string; name: string; sort: number; grading: string }>();
  for (const x of [...current, ...tenthSubjects]) all.set(x.subject_id, { id: x.subject_id, name: x.name, sort: x.sort_order, grading: x.grading });
  const subjects = [...all.values()].sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name, 'ru'));
  const inCurrent = new Set(current.map((x) => x.subject_id));
  const inTenth = new Map<string, Set<string>>();
  for (const x of tenthSubjects) (inTenth.get(x.class_id) ?? inTenth.set(x.class_id, new Set()).get(x.class_id)!).add(x.subject_id);

  const students: MedalStudent[] = roster.map((r, i) => {
    const m = marks.get(r.student_id)!;
    const noTenth = grade === 11 && !tenth.has(r.student_id);
    const tenthSet = inTenth.get(tenth.get(r.student_id) ?? '') ?? new Set<string>();
    const finals: Record<string, MedalFinal> = {};
    const counted: { name: string; final: FinalMark }[] = [];
    for (const s of subjects) {
      const cols: MedalColumn[] = [];
      if (grade === 10) cols.push(...own.cols);
      else {
        if (noTenth ? inCurrent.has(s.id) : tenthSet.has(s.id)) cols.push(...ten.cols);
        if (inCurrent.has(s.id)) cols.push(...own.cols);
      }
      if (!cols.length) continue; // not studied by this student
      const labelled: LabelledMark[] = cols.map((c) => ({ label: c.title, value: m[s.id]?.[c.key] ?? null }));
      let f = finalMark(labelled, s.grading === 'pass_fail');
      // Without grade 10's data the reason is that, not six missing columns.
      if (noTenth && f.kind === 'none') f = { kind: 'none', reason: NO_GRADE_10 };
      else if (noTenth && f.kind === 'mark') f = { kind: 'none', reason: NO_GRADE_10 };
      finals[s.id] = toFinal(f);
      counted.push({ name: s.name, final: f });
    }
    return {
      no: i + 1,
      id: r.student_id,
      name: r.name,
      marks: m,
      finals,
      status: medalStatus(counted),
      note: noTenth ? NO_GRADE_10 : null,
    };
  });
  return {
    classId: cls.id,
    className: cls.name,
    grade,
    preliminary: grade === 10,
    columns: columns.map(({ key, grade: g, short, title }) => ({ key, grade: g, short, title })),
    subjects: subjects.map((s) => ({ id: s.id, name: s.name })),
    students,
    classTeacher: classTeacherName(ctx, cls.id),
  };
}

export const medalRulesText = (): string[] => [
  'Итоговая отметка — среднее арифметическое полугодовых и годовых отметок за 10 и 11 классы, округлённое по правилам математического округления (x,5 — в большую сторону); «зач» и «осв.» в расчёт медали не входят.',
  `Медаль I степени: итоговые «5» по всем предметам; ЕГЭ: русский язык не менее ${MEDAL_RULES.first.egeRussian} баллов и ещё один предмет не менее ${MEDAL_RULES.first.egeOther} баллов (или «${MEDAL_RULES.first.baseMath}» по математике базового уровня).`,
  `Медаль II степени: итоговые «5», не более ${MEDAL_RULES.second.maxFours} «4»; ЕГЭ: русский язык не менее ${MEDAL_RULES.second.egeRussian} баллов и ещё один предмет не менее ${MEDAL_RULES.second.egeOther} баллов (или «${MEDAL_RULES.second.baseMath}» по математике базового уровня).`,
  `Основание: ${MEDAL_RULES.source}. Результаты ЕГЭ вносятся комиссией вручную.`,
];

export interface MedalQuery {
  yearId?: string | null;
  classId?: string | null;
  /** The files: grade 11 only unless a class is chosen. */
  onlyEleventh?: boolean;
}

export function medalStatement(ctx: Ctx, input: MedalQuery): MedalStatement {
  return ctx.db.tx(() => {
    const { db } = ctx;
    const yearId = input.yearId ?? currentYearId(ctx);
    const yr = q.yearRow(db, yearId);
    if (!yr) throw notFound('Учебный год');
    const prev = q.previousYear(db, yr) ?? null;
    const classes = q.classesOfYear(db, yearId).filter((c) => c.grade === 10 || c.grade === 11);
    let chosen = classes;
    if (input.classId) {
      const c = classes.find((x) => x.id === input.classId);
      if (!c) {
        const other = q.classesOfYear(db, yearId).find((x) => x.id === input.classId);
        if (other) throw invalid(`Ведомость для медальной комиссии составляется для 10–11 классов, а ${other.name} — ${other.grade} класс.`);
        throw notFound('Класс');
      }
      chosen = [c];
    } else if (input.onlyEleventh) chosen = classes.filter((c) => c.grade === 11);
    const today = isoDay(ctx.now());
    const years = db.raw
      .prepare(`SELECT id, name FROM academic_year WHERE deleted_at IS NULL ORDER BY start_date DESC`)
      .all() as { id: string; name: string }[];
    return {
      yearId,
      yearName: yr.name,
      years,
      classes: classes.map((c) => ({ id: c.id, name: c.name, grade: c.grade })),
      previousYear: prev?.name ?? null,
      // The files (grade 11, every class): a class without students is left out, not an empty sheet.
      statements: chosen
        .map((c) => classStatement(ctx, yearId, prev?.id ?? null, c, today < yr.start_date ? yr.start_date : today, yr.end_date))
        .filter((c) => !(input.onlyEleventh && !input.classId && !c.students.length)),
      rules: medalRulesText(),
      director: directorName(ctx),
    };
  });
}
