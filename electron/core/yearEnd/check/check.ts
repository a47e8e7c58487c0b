// The year-end check per class (issue 15 point 1; R24; docs/year-end.md «Итоги года»). For every class of
// the year, the students on its list on the check day (the year's last day, or today while the year
// runs) and the class's attested subjects (curriculum hours > 0, no_attestation 0, grading not 'none';
// grade 1 has no marks): the missing year and attestation marks, the debts (the year's academic_debt
// rows, and the unsatisfactory attestation marks without one: candidates), one «3», one «4», отличники
// (rules.ts); grade 11: the medal statement's candidates and final marks (../../paper/medal/statement.ts,
// its rules not repeated here); grades 9 and 11: the certificate's marks.
import type { Ctx } from '../../context';
import type {
  YearCheck,
  YearCheckCertificate,
  YearCheckClass,
  YearCheckDebt,
  YearCheckItem,
  YearCheckMedal,
  YearCheckMissing,
  YearCheckPupil,
  YearCheckTotals,
} from '../../../api/yearCheck';
import { debtReasons, debtStatuses, markValues, type DebtReason, type MarkValue } from '../../../api/enums';
import { notFound } from '../../../api/errors';
import { initialsName } from '../../groups/load';
import { isoDay } from '../../format';
import { currentYearId } from '../../year';
import * as tq from '../../term/queries';
import { medalStatement } from '../../paper/medal/statement';
import * as q from './queries';
import { CHECK_RULES, debtReason, yearStanding } from './rules';

/** An enum's label as written in a table cell (capitalised, unlike `.text` for running text). */
const label = <V extends string>(e: { options: readonly { value: V; label: string }[] }, v: V) => e.options.find((o) => o.value === v)!.label;

interface Marks {
  year: MarkValue | null;
  attestation: MarkValue | null;
}

/** The check's day: the year's last day, or today while the year runs (its first day before it starts). */
export function checkDay(today: string, year: { start_date: string; end_date: string }): string {
  return today < year.start_date ? year.start_date : today > year.end_date ? year.end_date : today;
}

/** A debt candidate: an unsatisfactory attestation mark of the year without a recorded debt. */
export interface DebtCandidate {
  studentId: string;
  subjectId: string;
  classId: string;
  value: MarkValue;
  reason: DebtReason;
}

interface Computed {
  classes: YearCheckClass[];
  candidates: DebtCandidate[];
}

const emptyTotals = (): YearCheckTotals => ({ students: 0, missing: 0, debts: 0, unrecorded: 0, debtors: 0, oneThree: 0, oneFour: 0, excellent: 0, medal: 0 });

/** Every class's lists (medal: grade 11's medal statement too; the debts helper needs only the candidates). */
function compute(ctx: Ctx, yearId: string, classes: tq.TermClassRow[], day: string, medal: boolean): Computed {
  const { db } = ctx;
  const ids = classes.map((c) => c.id);
  const roster = tq.rosters(db, classes.map((c) => ({ classId: c.id, day })));
  const studentIds = [...new Set(roster.map((r) => r.student_id))];
  const subjectRows = tq.curriculumSubjects(db, ids).filter((x) => !x.no_attestation && x.grading !== 'none');
  const marks = new Map<string, Map<string, Marks>>();
  for (const m of q.yearAndAttestationMarks(db, yearId, studentIds)) {
    const mine = marks.get(m.student_id) ?? marks.set(m.student_id, new Map()).get(m.student_id)!;
    const cell = mine.get(m.subject_id) ?? mine.set(m.subject_id, { year: null, attestation: null }).get(m.subject_id)!;
    if (m.attestation) cell.attestation = m.value;
    else cell.year = m.value;
  }
  const debts = new Map<string, q.DebtRow[]>();
  for (const d of q.debtsOf(db, yearId, studentIds)) (debts.get(d.student_id) ?? debts.set(d.student_id, []).get(d.student_id)!).push(d);
  const teachers = new Map(q.classTeachers(db, ids).map((t) => [t.class_id, initialsName(t)]));
  const candidates: DebtCandidate[] = [];
  const out: YearCheckClass[] = [];

  for (const cls of classes) {
    const pupils = roster.filter((r) => r.class_id === cls.id);
    const subjects = cls.grade === 1 ? [] : subjectRows.filter((x) => x.class_id === cls.id).map((x) => ({ id: x.subject_id, name: x.name }));
    const order = new Map(subjects.map((x, i) => [x.id, i]));
    const missing: YearCheckMissing[] = [];
    const list: YearCheckDebt[] = [];
    const oneThree: YearCheckItem[] = [];
    const oneFour: YearCheckItem[] = [];
    const excellent: YearCheckPupil[] = [];
    const subjectName = new Map(subjects.map((x) => [x.id, x.name]));
    for (const p of pupils) {
      const mine = marks.get(p.student_id);
      const recorded = debts.get(p.student_id) ?? [];
      const item = (subjectId: string): YearCheckItem => ({ studentId: p.student_id, student: p.name, subjectId, subject: subjectName.get(subjectId) ?? '' });
      const own: YearCheckDebt[] = [];
      for (const x of subjects) {
        const m = mine?.get(x.id) ?? { year: null, attestation: null };
        if (m.year === null) missing.push({ ...item(x.id), which: 'year', whichText: 'годовая' });
        if (m.attestation === null) missing.push({ ...item(x.id), which: 'attestation', whichText: 'ПА' });
        const reason = debtReason(m.attestation);
        if (reason && !recorded.some((d) => d.subject_id === x.id)) {
          candidates.push({ studentId: p.student_id, subjectId: x.id, classId: cls.id, value: m.attestation!, reason });
          own.push({ ...item(x.id), mark: markValues.text(m.attestation!), reason, reasonText: label(debtReasons, reason), recorded: false, debtId: null, status: null, statusText: null });
        }
      }
      for (const d of recorded) {
        const att = mine?.get(d.subject_id)?.attestation ?? null;
        own.push({
          studentId: p.student_id,
          student: p.name,
          subjectId: d.subject_id,
          subject: d.subject,
          mark: att === null ? null : markValues.text(att),
          reason: d.reason,
          reasonText: label(debtReasons, d.reason),
          recorded: true,
          debtId: d.id,
          status: d.status,
          statusText: label(debtStatuses, d.status),
        });
      }
      own.sort((a, b) => (order.get(a.subjectId) ?? 1e6) - (order.get(b.subjectId) ?? 1e6) || a.subject.localeCompare(b.subject, 'ru'));
      list.push(...own);
      const standing = yearStanding(subjects.map((x) => ({ subjectId: x.id, value: mine?.get(x.id)?.year ?? null })));
      if (standing.kind === 'excellent') excellent.push({ studentId: p.student_id, student: p.name });
      else if (standing.kind === 'oneThree') oneThree.push(item(standing.subjectId));
      else if (standing.kind === 'oneFour') oneFour.push(item(standing.subjectId));
    }

    let medalList: YearCheckMedal[] | null = null;
    let certificate: YearCheckCertificate | null = null;
    if (medal && cls.grade === 11) {
      const st = medalStatement(ctx, { yearId, classId: cls.id }).statements[0];
      medalList = [];
      for (const s of st?.students ?? [])
        if (s.status.kind !== 'none') medalList.push({ studentId: s.id, student: s.name, kind: s.status.kind, text: s.status.text });
      certificate = {
        title: 'Аттестат о среднем общем образовании',
        subjects: st?.subjects ?? [],
        rows: (st?.students ?? []).map((s) => ({ studentId: s.id, student: s.name, marks: Object.fromEntries((st?.subjects ?? []).map((x) => [x.id, s.finals[x.id]?.text ?? null])) })),
        examColumn: null,
        note: 'Итоговая отметка — среднее полугодовых и годовых отметок 10 и 11 классов, x,5 — в большую сторону (правила ведомости для медальной комиссии); «—» — итоговой отметки нет.',
      };
    } else if (cls.grade === 9) {
      certificate = {
        title: 'Аттестат об основном общем образовании',
        subjects,
        rows: pupils.map((p) => ({
          studentId: p.student_id,
          student: p.name,
          marks: Object.fromEntries(subjects.map((x) => {
            const v = marks.get(p.student_id)?.get(x.id)?.year ?? null;
            return [x.id, v === null ? null : markValues.text(v)];
          })),
        })),
        examColumn: 'ОГЭ',
        note: 'В аттестат — годовые отметки 9 класса; графа «ОГЭ» заполняется вручную по результатам экзаменов (итоговая отметка — с их учётом).',
      };
    }

    const totals: YearCheckTotals = {
      students: pupils.length,
      missing: missing.length,
      debts: list.length,
      unrecorded: list.filter((d) => !d.recorded).length,
      debtors: new Set(list.map((d) => d.studentId)).size,
      oneThree: oneThree.length,
      oneFour: oneFour.length,
      excellent: excellent.length,
      medal: medalList?.filter((m) => m.kind !== 'incomplete').length ?? 0,
    };
    out.push({
      classId: cls.id,
      className: cls.name,
      grade: cls.grade,
      classTeacher: teachers.get(cls.id) ?? null,
      totals,
      subjects,
      missing,
      debts: list,
      oneThree,
      oneFour,
      excellent,
      medal: medalList,
      certificate,
    });
  }
  return { classes: out, candidates };
}

function sum(rows: readonly YearCheckTotals[]): YearCheckTotals {
  const t = emptyTotals();
  for (const r of rows) for (const k of Object.keys(t) as (keyof YearCheckTotals)[]) t[k] += r[k];
  return t;
}

export interface YearCheckQuery {
  yearId?: string | null;
  classId?: string | null;
}

export function yearCheck(ctx: Ctx, input: YearCheckQuery): YearCheck {
  return yearCheckWithClasses(ctx, input).check;
}

/** The check and every class's lists (the printed document: the chosen class, or every class). */
export function yearCheckWithClasses(ctx: Ctx, input: YearCheckQuery): { check: YearCheck; classes: YearCheckClass[] } {
  return ctx.db.tx(() => {
    const { db } = ctx;
    const yearId = input.yearId ?? currentYearId(ctx);
    const yr = tq.yearRow(db, yearId);
    if (!yr) throw notFound('Учебный год');
    const classes = tq.classesOfYear(db, yearId);
    if (input.classId && !classes.some((c) => c.id === input.classId)) throw notFound('Класс');
    const day = checkDay(isoDay(ctx.now()), yr);
    const { classes: all } = compute(ctx, yearId, classes, day, true);
    const check: YearCheck = {
      yearId,
      yearName: yr.name,
      years: q.years(db),
      day,
      classes: all.map(({ classId, className, grade, totals }) => ({ classId, className, grade, totals })),
      total: sum(all.map((c) => c.totals)),
      detail: all.find((c) => c.classId === input.classId) ?? null,
      rules: [...CHECK_RULES],
    };
    return { check, classes: all };
  });
}

/**
 * The year's unsatisfactory attestation marks without a live (not deleted) academic_debt, of the students
 * on the class lists on the check day: what «record the debts from the check» would record.
 */
export function debtCandidates(ctx: Ctx, yearId: string): { studentId: string; subjectId: string; value: MarkValue; reason: DebtReason }[] {
  return ctx.db.tx(() => {
    const yr = tq.yearRow(ctx.db, yearId);
    if (!yr) throw notFound('Учебный год');
    const day = checkDay(isoDay(ctx.now()), yr);
    return compute(ctx, yearId, tq.classesOfYear(ctx.db, yearId), day, false).candidates.map(({ studentId, subjectId, value, reason }) => ({ studentId, subjectId, value, reason }));
  });
}
