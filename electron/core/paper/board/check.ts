// Day 1 of the holidays, the check (issue 14 point 2; R21 `001 §4.1`; docs/paper-copies.md «The
// check»): per class and subject, what blocks a correct paper copy — a student on the list on the
// period's last day without a period mark in an attested subject (as the сводная ведомость decides:
// in the curriculum, not «Без аттестации», graded; «осв.» and «н/а» are marks), a mark out of the
// subject's grading scheme, a held lesson without a topic, a period mark entered after the edit
// window (R5: the period's end + the year's window, as the mark-change report counts it) — grouped
// per teacher (the teacher of the subject's sheets), so that the deputy sends each their list.
import type { Ctx } from '../../context';
import type { Db } from '../../../../db';
import type { GradeEditWindow, Grading, MarkValue } from '../../../api/enums';
import { markValues } from '../../../api/enums';
import type { CheckFinding, CheckTeacher, PaperCheck } from '../../../api/paperBoard';
import { notFound } from '../../../api/errors';
import { ruDate } from '../../format';
import * as q from '../../term/queries';
import { addDays, CLASS_LESSONS, periodRow, sheetsOf } from './board';

/** The values a subject's grading allows (R14): «н/а» and «осв.» are allowed in any graded subject. */
export const ALLOWED: Record<Grading, readonly MarkValue[]> = {
  five_point: ['5', '4', '3', '2', '1', 'na', 'exempt'],
  pass_fail: ['pass', 'fail', 'na', 'exempt'],
  none: [],
};

/** The last day a period's marks may be changed (R5): the period's end + the year's window («Никогда»: the year's end). */
export function editDeadline(window: GradeEditWindow, periodEnd: string, yearEnd: string): string {
  switch (window) {
    case 'never':
      return yearEnd;
    case '1w':
      return addDays(periodEnd, 7);
    case '2w':
      return addDays(periodEnd, 14);
    case '3w':
      return addDays(periodEnd, 21);
    case '1m': {
      // A month later, or the next month's last day (31.01 → 28.02), as the mark-change report.
      const d = new Date(`${periodEnd}T00:00:00Z`);
      const lastOfNext = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 2, 0)).toISOString().slice(0, 10);
      const plus = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())).toISOString().slice(0, 10);
      return plus < lastOfNext ? plus : lastOfNext;
    }
  }
}

interface PmRow {
  id: string;
  student_id: string;
  subject_id: string;
  value: MarkValue;
  entered_at: string;
  name: string;
}

const NAME = `s.last_name || ' ' || s.first_name || coalesce(' ' || s.middle_name, '')`;

export function paperCheck(ctx: Ctx, i: { periodId: string; classId?: string | null; teacherId?: string | null }): PaperCheck {
  return ctx.db.tx(() => {
    const { db } = ctx;
    const p = periodRow(db, i.periodId);
    const year = db.statement(`SELECT end_date, grade_edit_window FROM academic_year WHERE id = ?`).get(p.year_id) as { end_date: string; grade_edit_window: GradeEditWindow };
    const deadline = editDeadline(year.grade_edit_window, p.end_date, year.end_date);
    let classes = q.classesOfYear(db, p.year_id).filter((c) => c.grade >= p.grade_from && c.grade <= p.grade_to);
    if (i.classId) {
      classes = classes.filter((c) => c.id === i.classId);
      if (!classes.length) throw notFound('Класс периода');
    }
    const findings: (CheckFinding & { teacherId: string | null; teacher: string })[] = [];
    for (const c of classes) findings.push(...classFindings(db, c, p, deadline));
    const byTeacher = new Map<string, CheckTeacher>();
    for (const f of findings) {
      if (i.teacherId && f.teacherId !== i.teacherId) continue;
      const key = f.teacherId ?? '';
      const t = byTeacher.get(key) ?? { teacherId: f.teacherId, teacher: f.teacher, findings: [] };
      const { teacherId: _t, teacher: _n, ...finding } = f;
      t.findings.push(finding);
      byTeacher.set(key, t);
    }
    const teachers = [...byTeacher.values()].sort((a, b) => (a.teacherId === null ? 1 : b.teacherId === null ? -1 : a.teacher.localeCompare(b.teacher, 'ru')));
    const all = teachers.flatMap((t) => t.findings);
    const byKind = { noPeriodMark: 0, outOfScheme: 0, noTopic: 0, lateMark: 0 };
    for (const f of all) byKind[f.kind]++;
    return { period: { id: p.id, name: p.name, endDate: p.end_date }, editDeadline: deadline, classes: classes.length, teachers, total: all.length, byKind };
  });
}

function classFindings(db: Db, c: q.TermClassRow, p: ReturnType<typeof periodRow>, deadline: string): (CheckFinding & { teacherId: string | null; teacher: string })[] {
  const out: (CheckFinding & { teacherId: string | null; teacher: string })[] = [];
  const sheets = sheetsOf(db, c.id, p);
  // The teacher of a subject in the class: the one of most held lessons (who signs its sheets).
  const teacherOf = (subjectId: string) => {
    const s = sheets.filter((x) => x.subject_id === subjectId).sort((a, b) => b.lessons - a.lessons)[0];
    return s ? { teacherId: s.teacher_id, teacher: s.teacher } : { teacherId: null, teacher: 'Учитель не определён (нет уроков в журнале)' };
  };
  const curriculum = q.curriculumSubjects(db, [c.id]);
  const gradingOf = new Map<string, { name: string; grading: Grading; attested: boolean }>(
    curriculum.map((x) => [x.subject_id, { name: x.name, grading: x.grading, attested: !x.no_attestation && x.grading !== 'none' }]),
  );
  for (const s of sheets) if (!gradingOf.has(s.subject_id)) gradingOf.set(s.subject_id, { name: s.subject, grading: s.grading, attested: false });
  const add = (kind: CheckFinding['kind'], subjectId: string, text: string, date: string | null, teacher = teacherOf(subjectId)) =>
    out.push({ kind, classId: c.id, className: c.name, subjectId, subject: gradingOf.get(subjectId)?.name ?? '?', text, date, ...teacher });

  // Period marks: the last entered of each student and subject (as the сводная ведомость).
  const roster = q.rosters(db, [{ classId: c.id, day: p.end_date }]);
  const pms = db
    .statement(
      `SELECT pm.id, pm.student_id, pm.subject_id, pm.value, pm.entered_at, ${NAME} AS name FROM period_mark pm JOIN student s ON s.id = pm.student_id
       WHERE pm.period_id = ? AND pm.deleted_at IS NULL AND pm.student_id IN (SELECT value FROM json_each(?))`,
    )
    .all(p.id, JSON.stringify(roster.map((r) => r.student_id))) as PmRow[];
  const last = new Map<string, PmRow>();
  for (const r of pms) {
    const k = `${r.student_id} ${r.subject_id}`;
    const had = last.get(k);
    if (!had || r.entered_at > had.entered_at || (r.entered_at === had.entered_at && r.id > had.id)) last.set(k, r);
  }
  for (const x of curriculum) {
    if (!gradingOf.get(x.subject_id)!.attested) continue;
    for (const st of roster) if (!last.has(`${st.student_id} ${x.subject_id}`)) add('noPeriodMark', x.subject_id, `${st.name}: нет отметки за «${p.name}»`, null);
  }
  for (const r of last.values()) {
    const g = gradingOf.get(r.subject_id);
    if (!g) continue;
    if (!ALLOWED[g.grading].includes(r.value))
      add('outOfScheme', r.subject_id, `${r.name}: отметка за «${p.name}» «${markValues.labels[r.value]}» не по системе оценивания (${gradingLabel(g.grading)})`, null);
    const day = r.entered_at.slice(0, 10);
    if (day > deadline) add('lateMark', r.subject_id, `${r.name}: отметка за «${p.name}» «${markValues.labels[r.value]}» выставлена ${ruDate(day)} — после срока (${ruDate(deadline)})`, day);
  }

  // Current marks of the class's lessons out of the scheme.
  const marks = db
    .statement(
      `SELECT m.value, l.date, l.subject_id, l.teacher_id, t.last_name || ' ' || t.first_name || coalesce(' ' || t.middle_name, '') AS teacher, ${NAME} AS name
       FROM lesson l JOIN mark m ON m.lesson_id = l.id AND m.deleted_at IS NULL JOIN student s ON s.id = m.student_id JOIN staff t ON t.id = l.teacher_id
       JOIN subject p ON p.id = l.subject_id
       WHERE ${CLASS_LESSONS} AND NOT (
         (p.grading = 'five_point' AND m.value IN ('5','4','3','2','1','na','exempt')) OR (p.grading = 'pass_fail' AND m.value IN ('pass','fail','na','exempt')))
       ORDER BY l.date, s.last_name, s.first_name`,
    )
    .all(c.id, c.id, p.start_date, p.end_date) as { value: MarkValue; date: string; subject_id: string; teacher_id: string; teacher: string; name: string }[];
  for (const m of marks) {
    const g = gradingOf.get(m.subject_id);
    add('outOfScheme', m.subject_id, `${m.name}: отметка «${markValues.labels[m.value]}» за ${ruDate(m.date)} не по системе оценивания (${gradingLabel(g?.grading ?? 'none')})`, m.date, {
      teacherId: m.teacher_id,
      teacher: m.teacher,
    });
  }

  // Held lessons without a topic: the teacher who gave the lesson (a substitute's own lesson: theirs).
  const bare = db
    .statement(
      `SELECT l.date, l.lesson_no, l.subject_id, coalesce(l.substitute_id, l.teacher_id) AS teacher_id,
         t.last_name || ' ' || t.first_name || coalesce(' ' || t.middle_name, '') AS teacher
       FROM lesson l JOIN staff t ON t.id = coalesce(l.substitute_id, l.teacher_id)
       WHERE ${CLASS_LESSONS} AND l.status = 'held' AND (l.topic IS NULL OR trim(l.topic) = '') ORDER BY l.date, l.lesson_no`,
    )
    .all(c.id, c.id, p.start_date, p.end_date) as { date: string; lesson_no: number; subject_id: string; teacher_id: string; teacher: string }[];
  for (const l of bare) add('noTopic', l.subject_id, `урок ${ruDate(l.date)}, ${l.lesson_no}-й: нет темы`, l.date, { teacherId: l.teacher_id, teacher: l.teacher });
  return out;
}

const gradingLabel = (g: Grading) => ({ five_point: 'пятибалльная', pass_fail: 'зачёт/незачёт', none: 'без отметок' })[g];
