// The class journal and a student's marks (issue 10 point 5; R13, R14): read from the journal
// tables that sync fills. Who is on a journal's list is dated: a student is on it on a lesson's day
// when their membership (class, subgroup or study group) holds that day — one who left shows until
// they left, one who arrived from the day they came. SQL: queries.ts.
import type { Ctx } from '../context';
import { todayOf } from '../context';
import { invalid, notFound } from '../../api/errors';
import { NUMERIC_MARKS, absenceKinds, type AbsenceKind } from '../../api/enums';
import type {
  ClassJournal,
  JournalLesson,
  JournalMark,
  JournalOptions,
  JournalPeriod,
  JournalRow,
  JournalTarget,
  StudentMarks,
  StudentSubjectMarks,
} from '../../api/journal';
import type { OpParsed } from '../../api/contract';
import { currentYearOrNull } from '../year';
import * as q from './queries';

const period = (p: q.PeriodRow): JournalPeriod => ({ id: p.id, name: p.name, startDate: p.start_date, endDate: p.end_date });

/** The study periods of a parallel (a grade null: those of the lowest parallels), in order. */
export function periodsFor(all: q.PeriodRow[], grade: number | null): q.PeriodRow[] {
  if (grade !== null) return all.filter((p) => p.grade_from <= grade && grade <= p.grade_to);
  const lowest = Math.min(...all.map((p) => p.grade_from));
  return all.filter((p) => p.grade_from <= lowest && lowest <= p.grade_to);
}

/** The period containing today; else the last one begun before today; else the first. */
export function currentPeriod(periods: q.PeriodRow[], today: string): q.PeriodRow | null {
  return (
    periods.find((p) => p.start_date <= today && today <= p.end_date) ??
    [...periods].reverse().find((p) => p.start_date <= today) ??
    periods[0] ??
    null
  );
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Σmark/n and Σ(mark·weight)/Σweight over the numeric marks (PRACTICE: н/а, осв., зач/незач left out; a double mark counts twice). */
export function averages(marks: readonly JournalMark[]): { average: number | null; weightedAverage: number | null } {
  let n = 0;
  let sum = 0;
  let wsum = 0;
  let w = 0;
  for (const m of marks) {
    if (!NUMERIC_MARKS.includes(m.value)) continue;
    const v = Number(m.value);
    n++;
    sum += v;
    wsum += v * m.weight;
    w += m.weight;
  }
  return { average: n ? round2(sum / n) : null, weightedAverage: w ? round2(wsum / w) : null };
}

export function journalOptions(ctx: Ctx): JournalOptions {
  const { db } = ctx;
  const hasData = q.hasLessons(db);
  const yearId = currentYearOrNull(ctx);
  if (!yearId) return { hasData, yearId: null, targets: [] };
  const all = q.periodsOfYear(db, yearId);
  const today = todayOf(ctx);
  const grades = q.groupGrades(db, yearId);
  const byId = new Map<string, JournalTarget>();
  const rows = q.journalTargets(db, yearId).sort((a, b) => a.sort_order - b.sort_order || a.subject.localeCompare(b.subject, 'ru'));
  for (const r of rows) {
    let t = byId.get(r.id);
    if (!t) {
      const grade = r.kind === 'class' ? r.grade : (grades.get(r.id) ?? null);
      const periods = periodsFor(all, grade);
      t = { kind: r.kind, id: r.id, name: r.name, grade, subjects: [], periods: periods.map(period), currentPeriodId: currentPeriod(periods, today)?.id ?? null };
      byId.set(r.id, t);
    }
    let s = t.subjects.find((x) => x.id === r.subject_id);
    if (!s) {
      s = { id: r.subject_id, name: r.subject, subgroups: [], wholeClass: false };
      t.subjects.push(s);
    }
    if (r.subgroup_id) s.subgroups.push({ id: r.subgroup_id, name: r.subgroup ?? '' });
    else s.wholeClass = true;
  }
  const targets = [...byId.values()]
    .map((t) => {
      for (const s of t.subjects) s.subgroups.sort((a, b) => a.name.localeCompare(b.name, 'ru', { numeric: true }));
      return t;
    })
    .sort((a, b) => (a.kind === b.kind ? (a.grade ?? 0) - (b.grade ?? 0) || a.name.localeCompare(b.name, 'ru') : a.kind === 'class' ? -1 : 1));
  return { hasData, yearId, targets };
}

/** On `date` the span holds: from <= date < to. */
const holds = (spans: readonly { from: string; to: string | null }[], date: string) => spans.some((s) => s.from <= date && (s.to === null || date < s.to));

export function classJournal(ctx: Ctx, i: OpParsed<'journal.classJournal'>): ClassJournal {
  const { db } = ctx;
  if (!i.classId === !i.studyGroupId) throw invalid('Выберите класс или учебную группу', [{ column: 'Класс', message: 'Выберите класс или учебную группу' }]);
  const subject = q.subjectName(db, i.subjectId);
  if (!subject) throw notFound('Предмет');
  let target: ClassJournal['target'];
  let grade: number | null;
  let yearId: string;
  let subgroup: ClassJournal['subgroup'] = null;
  if (i.classId) {
    const c = q.classById(db, i.classId);
    if (!c) throw notFound('Класс');
    target = { kind: 'class', id: c.id, name: c.name };
    grade = c.grade;
    yearId = c.year_id;
    if (i.subgroupId) {
      const g = q.subgroupName(db, i.subgroupId);
      if (!g) throw notFound('Подгруппа');
      if (g.class_id !== c.id || g.subject_id !== i.subjectId)
        throw invalid(`Подгруппа «${g.name}» — не подгруппа класса ${c.name} по предмету «${subject}»`, [{ column: 'Подгруппа', message: 'Подгруппа другого класса или предмета' }]);
      subgroup = { id: i.subgroupId, name: g.name };
    }
  } else {
    const g = q.groupById(db, i.studyGroupId!);
    if (!g) throw notFound('Учебная группа');
    target = { kind: 'group', id: g.id, name: g.name };
    grade = g.grade;
    yearId = g.year_id;
  }
  const periods = periodsFor(q.periodsOfYear(db, yearId), grade);
  let p: q.PeriodRow | null = null;
  let from: string;
  let to: string;
  if (i.wholeYear) {
    const y = q.yearById(db, yearId);
    if (!y) throw notFound('Учебный год');
    from = y.start_date;
    to = y.end_date;
  } else {
    if (i.periodId) {
      p = q.periodById(db, i.periodId) ?? null;
      if (!p) throw notFound('Учебный период');
      if (p.year_id !== yearId) throw invalid(`«${p.name}» — период другого учебного года`, [{ column: 'Период', message: 'Период другого учебного года' }]);
    } else p = currentPeriod(periods, todayOf(ctx));
    if (!p) throw invalid('В учебном году нет учебных периодов: задайте их (Настройка → Учебный год).');
    from = p.start_date;
    to = p.end_date;
  }

  const lessonRows = target.kind === 'class' ? q.classLessons(db, target.id, i.subjectId, subgroup?.id ?? null, from, to) : q.groupLessons(db, target.id, i.subjectId, from, to);
  const spanRows =
    target.kind === 'group' ? q.groupSpans(db, target.id, from, to) : subgroup ? q.subgroupSpans(db, subgroup.id, from, to) : q.classSpans(db, target.id, from, to);

  const rows = new Map<string, JournalRow>();
  for (const s of spanRows) {
    let r = rows.get(s.student_id);
    if (!r) {
      r = { studentId: s.student_id, fullName: s.full_name, spans: [], marks: {}, absences: {}, average: null, weightedAverage: null, periodMark: null, periodMarks: {}, yearMark: null };
      rows.set(s.student_id, r);
    }
    r.spans.push({ from: s.date_from, to: s.date_to });
  }
  const ids = [...rows.keys()];
  const lessons: JournalLesson[] = lessonRows.map((l) => ({
    id: l.id,
    date: l.date,
    lessonNo: l.lesson_no,
    status: l.status,
    topic: l.topic,
    homework: l.homework,
    teacher: l.teacher,
    substitute: l.substitute,
  }));
  const lessonIds = new Set(lessons.map((l) => l.id));
  const lessonDate = new Map(lessons.map((l) => [l.id, l.date]));
  // Marks of this journal's lessons, and marks given for a date without a lesson (a column of their own).
  const dated = new Set<string>();
  const all = new Map<string, JournalMark[]>();
  for (const m of q.marksOf(db, ids, i.subjectId, from, to)) {
    const r = rows.get(m.student_id)!;
    let col: string;
    if (m.lesson_id === null) {
      col = `date:${m.date}`;
      dated.add(m.date);
    } else if (lessonIds.has(m.lesson_id)) col = m.lesson_id;
    else continue; // a lesson of another subgroup (the student moved): not this journal's
    if (!holds(r.spans, m.lesson_id ? lessonDate.get(m.lesson_id)! : m.date)) continue;
    const mark: JournalMark = { value: m.value, workKind: m.work_kind, weight: m.weight };
    (r.marks[col] ??= []).push(mark);
    let list = all.get(m.student_id);
    if (!list) all.set(m.student_id, (list = []));
    list.push(mark);
  }
  for (const d of dated)
    lessons.push({ id: `date:${d}`, date: d, lessonNo: null, status: 'held', topic: null, homework: null, teacher: null, substitute: null });
  lessons.sort((a, b) => a.date.localeCompare(b.date) || (a.lessonNo ?? 99) - (b.lessonNo ?? 99) || a.id.localeCompare(b.id));
  for (const a of q.absencesAt(db, [...lessonIds])) {
    const r = rows.get(a.student_id);
    if (r && holds(r.spans, lessonDate.get(a.lesson_id)!)) r.absences[a.lesson_id] = a.kind;
  }
  for (const pm of q.periodMarksOf(db, ids, i.subjectId, yearId)) {
    const r = rows.get(pm.student_id)!;
    if (pm.attestation) continue; // the attestation mark (R24) is the year end's, not the journal page's
    if (pm.period_id === null) r.yearMark = pm.value;
    else {
      r.periodMarks[pm.period_id] = pm.value;
      if (pm.period_id === p?.id) r.periodMark = pm.value;
    }
  }
  for (const r of rows.values()) Object.assign(r, averages(all.get(r.studentId) ?? []));
  const list = [...rows.values()].sort((a, b) => a.fullName.localeCompare(b.fullName, 'ru') || a.studentId.localeCompare(b.studentId));
  for (const r of list) r.spans.sort((a, b) => a.from.localeCompare(b.from));
  return { target, subject: { id: i.subjectId, name: subject }, subgroup, period: p ? period(p) : null, periods: periods.map(period), lessons, rows: list };
}

const noAbsences = (): Record<AbsenceKind, number> => Object.fromEntries(absenceKinds.values.map((k) => [k, 0])) as Record<AbsenceKind, number>;

/** A student's marks card: per subject the period's marks with dates and kinds, averages, period and year marks, absences by kind. */
export function studentMarks(ctx: Ctx, i: OpParsed<'journal.studentMarks'>): StudentMarks {
  const { db } = ctx;
  const today = todayOf(ctx);
  let p = i.periodId ? q.periodById(db, i.periodId) : undefined;
  if (i.periodId && !p) throw notFound('Учебный период');
  const head = q.studentOn(db, i.studentId, p ? (p.end_date < today ? p.end_date : p.start_date > today ? p.start_date : today) : today);
  if (!head) throw notFound('Ученик');
  const yearId = p?.year_id ?? head.year_id ?? currentYearOrNull(ctx);
  const periods = yearId ? periodsFor(q.periodsOfYear(db, yearId), head.grade) : [];
  p ??= currentPeriod(periods, today) ?? undefined;
  const out: StudentMarks = { studentId: head.id, fullName: head.full_name, className: head.class_name, period: p ? period(p) : null, periods: periods.map(period), subjects: [], absences: noAbsences() };
  if (!p || !yearId) return out;
  const bySubject = new Map<string, StudentSubjectMarks>();
  const subj = (id: string) => {
    let s = bySubject.get(id);
    if (!s) bySubject.set(id, (s = { subjectId: id, subject: '', marks: [], average: null, weightedAverage: null, periodMark: null, yearMark: null, absences: noAbsences() }));
    return s;
  };
  for (const m of q.marksOf(db, [head.id], null, p.start_date, p.end_date)) subj(m.subject_id).marks.push({ date: m.date, value: m.value, workKind: m.work_kind, weight: m.weight });
  for (const pm of q.periodMarksOf(db, [head.id], null, yearId)) {
    if (pm.attestation || (pm.period_id !== null && pm.period_id !== p.id)) continue;
    const s = subj(pm.subject_id);
    if (pm.period_id === null) s.yearMark = pm.value;
    else s.periodMark = pm.value;
  }
  for (const a of q.absencesOfStudent(db, head.id, p.start_date, p.end_date)) {
    subj(a.subject_id).absences[a.kind]++;
    out.absences[a.kind]++;
  }
  const names = q.subjectNames(db, [...bySubject.keys()]);
  out.subjects = names.map((n) => {
    const s = bySubject.get(n.id)!;
    return { ...s, subject: n.name, ...averages(s.marks) };
  });
  return out;
}
