// Сводная ведомость (issue 13 point 2; R16; docs/indicators.md «Сводная ведомость»): a class's
// period and year marks as written. The periods are the study periods of the class's parallel and
// the year. The list: every student who was on the class's list on some day of the year (the
// statement of periods: a leaver and a newcomer named with the day), or those on it on the year's
// last day (the year's statement). A period's marks are shown for the students on the list on that
// period's last day (a leaver's later marks belong to their new class). SQL: ../term/queries.ts.
import type { Ctx } from '../context';
import type { SummaryPeriod, SummaryStatement, SummaryStudent } from '../../api/summary';
import type { MarkValue } from '../../api/enums';
import { notFound } from '../../api/errors';
import { requireParallels } from '../auth/parallels';
import { directorName } from '../books/pdf';
import { initialsName } from '../groups/load';
import { ruDate } from '../format';
import * as q from '../term/queries';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI'];

interface SpanRow {
  student_id: string;
  name: string;
  gender: 'm' | 'f' | null;
  date_from: string;
  date_to: string | null;
}

/** The class's memberships that touch [from, to] (date_to exclusive), by name. */
function spans(ctx: Ctx, classId: string, from: string, to: string): SpanRow[] {
  return ctx.db.raw
    .prepare(
      `SELECT m.student_id, s.last_name || ' ' || s.first_name || coalesce(' ' || s.middle_name, '') AS name, s.gender, m.date_from, m.date_to
       FROM class_membership m JOIN student s ON s.id = m.student_id
       WHERE m.class_id = ? AND m.deleted_at IS NULL AND m.date_from <= ? AND (m.date_to IS NULL OR m.date_to > ?)
       ORDER BY s.last_name, s.first_name, s.middle_name, s.id, m.date_from`,
    )
    .all(classId, to, from) as SpanRow[];
}

function classTeacherName(ctx: Ctx, classId: string): string | null {
  const r = ctx.db.raw
    .prepare(`SELECT t.last_name, t.first_name, t.middle_name FROM school_class c JOIN staff t ON t.id = c.class_teacher_id WHERE c.id = ?`)
    .get(classId) as { last_name: string; first_name: string; middle_name: string | null } | undefined;
  return r ? initialsName(r) : null;
}

export function summaryStatement(ctx: Ctx, input: { classId: string; year: boolean }): SummaryStatement {
  return ctx.db.tx(() => {
    const { db } = ctx;
    const cls = db.raw
      .prepare(`SELECT c.id, c.grade, c.year_id, y.name AS year_name, y.start_date, y.end_date FROM school_class c JOIN academic_year y ON y.id = c.year_id WHERE c.id = ? AND c.deleted_at IS NULL`)
      .get(input.classId) as { id: string; grade: number; year_id: string; year_name: string; start_date: string; end_date: string } | undefined;
    if (!cls) throw notFound('Класс');
    const className = q.classesOfYear(db, cls.year_id).find((c) => c.id === cls.id)!.name;
    requireParallels(ctx, [{ grade: cls.grade, name: className }]);

    const own = q.studyPeriods(db, cls.year_id).filter((p) => cls.grade >= p.grade_from && cls.grade <= p.grade_to);
    const first = own[0]?.start_date ?? cls.start_date;
    const last = own.reduce((d, p) => (p.end_date > d ? p.end_date : d), '') || cls.end_date;
    const yearColumn: SummaryPeriod = { key: 'year', name: 'Год', short: 'год', endDate: last };
    const periods: SummaryPeriod[] = input.year
      ? [yearColumn]
      : [...own.map((p) => ({ key: p.id, name: p.name, short: ROMAN[p.number - 1] ?? String(p.number), endDate: p.end_date })), yearColumn];

    const curriculum = q.curriculumSubjects(db, [cls.id]);
    const attested = curriculum.filter((x) => !x.no_attestation && x.grading !== 'none');
    const notAttested = curriculum.filter((x) => x.no_attestation || x.grading === 'none').map((x) => x.name);

    // The list: the year's statement — on the list on the last day; else everyone of the year.
    const rows = input.year ? spans(ctx, cls.id, last, last) : spans(ctx, cls.id, first, last);
    const byStudent = new Map<string, { name: string; gender: SpanRow['gender']; from: string; to: string | null }>();
    for (const r of rows) {
      const had = byStudent.get(r.student_id);
      if (!had) byStudent.set(r.student_id, { name: r.name, gender: r.gender, from: r.date_from, to: r.date_to });
      else {
        if (r.date_from < had.from) had.from = r.date_from;
        had.to = had.to === null || r.date_to === null ? null : r.date_to > had.to ? r.date_to : had.to;
      }
    }
    const ids = [...byStudent.keys()];
    const marks = new Map<string, Record<string, Record<string, MarkValue>>>(ids.map((id) => [id, {}]));
    for (const p of periods) {
      const onList = new Set(q.rosters(db, [{ classId: cls.id, day: p.endDate }]).map((r) => r.student_id));
      const them = ids.filter((id) => onList.has(id));
      for (const m of q.periodMarks(db, cls.year_id, p.key === 'year' ? null : p.key, them)) {
        if (!attested.some((x) => x.subject_id === m.subject_id)) continue;
        const bySubject = marks.get(m.student_id)!;
        (bySubject[m.subject_id] ??= {})[p.key] = m.value;
      }
    }
    const students: SummaryStudent[] = ids.map((id, i) => {
      const s = byStudent.get(id)!;
      const f = s.gender === 'f';
      const notes: string[] = [];
      if (!input.year && s.from > first) notes.push(`${f ? 'прибыла' : 'прибыл'} ${ruDate(s.from)}`);
      if (!input.year && s.to !== null && s.to <= last) notes.push(`${f ? 'выбыла' : 'выбыл'} ${ruDate(s.to)}`);
      return { no: i + 1, id, name: s.name, note: notes.length ? notes.join(', ') : null, marks: marks.get(id)! };
    });

    return {
      kind: input.year ? 'year' : 'periods',
      title: input.year ? 'Сводная ведомость итогов промежуточной аттестации за учебный год' : 'Сводная ведомость учёта успеваемости',
      classId: cls.id,
      className,
      grade: cls.grade,
      yearName: cls.year_name,
      periods,
      subjects: attested.map((x) => ({ id: x.subject_id, name: x.name, grading: x.grading })),
      notAttested,
      students,
      classTeacher: classTeacherName(ctx, cls.id),
      director: directorName(ctx),
    };
  });
}
