// The figures of a child's statement (docs/indicators.md «Statements for parents without e-access»),
// pure: from the rows queries.ts reads. Averages as the class journal shows them (journal.ts
// `averages`: the marks «1»–«5» only, a double mark counting twice, the weight each mark carries).
import type { StatementAddressee, StatementChild, StatementSubject } from '../../api/statements';
import { averages } from '../journal/journal';
import type { AttendanceRow, HeldRow, MarkRow, RecipientRow } from './queries';

/** The last full week (Monday–Sunday) before the week of `today`. */
export function lastFullWeek(today: string): { from: string; to: string } {
  const d = new Date(`${today}T00:00:00Z`);
  const weekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
  const to = new Date(d);
  to.setUTCDate(d.getUTCDate() - weekday);
  const from = new Date(to);
  from.setUTCDate(to.getUTCDate() - 6);
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The children of the recipient rows (one row per refusing parent), in the rows' order. */
export function childrenOf(rows: readonly RecipientRow[]): Omit<StatementChild, 'subjects' | 'totals'>[] {
  const out = new Map<string, Omit<StatementChild, 'subjects' | 'totals'>>();
  for (const r of rows) {
    let c = out.get(r.student_id);
    if (!c)
      out.set(
        r.student_id,
        (c = { studentId: r.student_id, studentName: r.student_name, classId: r.class_id, className: r.class_name, classTeacherName: r.teacher_name, addressees: [] }),
      );
    if (!c.addressees.some((a) => a.guardianId === r.guardian_id)) c.addressees.push({ guardianId: r.guardian_id, name: r.guardian_name, relation: r.relation } satisfies StatementAddressee);
  }
  return [...out.values()];
}

/**
 * Each child's subjects — those with a lesson held, a mark or an attendance mark in the span, in the
 * school's order of subjects — and totals.
 */
export function statementFigures(
  children: readonly Omit<StatementChild, 'subjects' | 'totals'>[],
  held: readonly HeldRow[],
  marks: readonly MarkRow[],
  attendance: readonly AttendanceRow[],
  subjectOrder: readonly { id: string; name: string }[],
): StatementChild[] {
  const rank = new Map(subjectOrder.map((s, i) => [s.id, i]));
  const name = new Map(subjectOrder.map((s) => [s.id, s.name]));
  const per = new Map<string, Map<string, StatementSubject>>();
  const subj = (student: string, subject: string): StatementSubject => {
    let m = per.get(student);
    if (!m) per.set(student, (m = new Map()));
    let s = m.get(subject);
    if (!s)
      m.set(
        subject,
        (s = { subjectId: subject, subject: name.get(subject) ?? '', lessonsHeld: 0, marks: [], average: null, weightedAverage: null, missed: { sick: 0, excused: 0, unexcused: 0 }, late: 0 }),
      );
    return s;
  };
  for (const h of held) subj(h.student_id, h.subject_id).lessonsHeld += h.held;
  for (const m of marks) subj(m.student_id, m.subject_id).marks.push({ date: m.date, value: m.value, workKind: m.work_kind, weight: m.weight });
  for (const a of attendance) {
    const s = subj(a.student_id, a.subject_id);
    if (a.kind === 'late') s.late += a.n;
    else s.missed[a.kind] += a.n;
  }
  return children.map((c) => {
    const subjects = [...(per.get(c.studentId)?.values() ?? [])]
      .map((s) => ({ ...s, ...averages(s.marks) }))
      .sort((a, b) => (rank.get(a.subjectId) ?? 1e9) - (rank.get(b.subjectId) ?? 1e9));
    const missedBy = { sick: 0, excused: 0, unexcused: 0 };
    let lessonsHeld = 0;
    let marksN = 0;
    let late = 0;
    for (const s of subjects) {
      lessonsHeld += s.lessonsHeld;
      marksN += s.marks.length;
      late += s.late;
      missedBy.sick += s.missed.sick;
      missedBy.excused += s.missed.excused;
      missedBy.unexcused += s.missed.unexcused;
    }
    return { ...c, subjects, totals: { lessonsHeld, marks: marksN, missed: missedBy.sick + missedBy.excused + missedBy.unexcused, missedBy, late } };
  });
}
