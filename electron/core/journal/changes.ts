// The mark-change log (R15): every change of a mark or a period mark made in the central journal —
// who changed it, when, whose mark, of which lesson, old → new — filtered, sorted, paged and
// exported. The central journal writes it; sync brings it; the app only reads it. SQL: queries.ts.
import type { Ctx } from '../context';
import type { OpParsed } from '../../api/contract';
import type { ExportedFile, Page } from '../../api/common';
import type { MarkChangeFacets, MarkChangeRow } from '../../api/journal';
import { invalid } from '../../api/errors';
import { gradeEditWindows, markTables, markValues } from '../../api/enums';
import { currentYearOrNull } from '../year';
import { progress } from '../job';
import { ruDate } from '../format';
import { ruDateTime } from '../audit/labels';
import { sheetFile, type Cell } from '../transfer/xlsx';
import { periodsFor } from './journal';
import * as q from './queries';

type Filter = OpParsed<'journal.changesXlsx'>;

/** Local midnight of a school day ('YYYY-MM-DD', plus days) as an ISO moment comparable with `changed_at`. */
function midnight(isoDate: string, plusDays = 0): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
}

export function bounds(f: Filter): [string | null, string | null] {
  if (f.from && f.to && f.from > f.to) throw invalid('Начало периода позже его окончания', [{ column: 'Период', message: 'Начало периода позже его окончания' }]);
  return [f.from ? midnight(f.from) : null, f.to ? midnight(f.to, 1) : null];
}

const row = (r: q.ChangeRow): MarkChangeRow => ({
  id: r.id,
  changedAt: r.changed_at,
  teacher: r.teacher,
  teacherId: r.teacher_id,
  student: r.student,
  studentId: r.student_id,
  className: r.class_name,
  subject: r.subject,
  lessonDate: r.lesson_date,
  markTable: r.mark_table,
  oldValue: r.old_value,
  newValue: r.new_value,
  deadline: r.deadline,
  inWindow: r.in_window === null ? null : r.in_window === 1,
});

export function markChanges(ctx: Ctx, i: OpParsed<'journal.changes'>): Page<MarkChangeRow> {
  const [fromAt, toAt] = bounds(i);
  return { total: q.changeCount(ctx.db, i, fromAt, toAt), rows: q.changeRows(ctx.db, i, fromAt, toAt, i.offset, i.limit).map(row) };
}

export function changeFacets(ctx: Ctx): MarkChangeFacets {
  const { db } = ctx;
  const yearId = currentYearOrNull(ctx);
  const periods = yearId ? periodsFor(q.periodsOfYear(db, yearId), null) : [];
  return {
    teachers: q.changeTeachers(db),
    subjects: q.changeSubjects(db),
    classes: yearId ? q.classesOfYear(db, yearId) : [],
    periods: periods.map((p) => ({ id: p.id, name: p.name, startDate: p.start_date, endDate: p.end_date })),
    editWindow: yearId ? editWindowOf(ctx, yearId) : null,
  };
}

/** The year's grade-edit window (R5) in words. */
function editWindowOf(ctx: Ctx, yearId: string): string | null {
  const w = ctx.db.first(ctx.db.q.selectFrom('academic_year').select('grade_edit_window').where('id', '=', yearId))?.grade_edit_window;
  return w ? gradeEditWindows.labels[w] : null;
}

/** «да», «нет (срок до 08.10.2026)», «—» (not known). */
export function windowText(r: { in_window: 0 | 1 | null; deadline: string | null }): string {
  return r.in_window === null ? '—' : r.in_window ? 'да' : `нет (срок до ${ruDate(r.deadline)})`;
}

const value = (v: string | null) => (v === null ? null : markValues.has(v) ? markValues.labels[v] : v);

/** The filtered log as XLSX (it names students: marked as personal data). */
export async function markChangesXlsx(ctx: Ctx, f: Filter): Promise<ExportedFile> {
  const [fromAt, toAt] = bounds(f);
  const total = q.changeCount(ctx.db, f, fromAt, toAt);
  const rows: Cell[][] = [];
  const STEP = 2000;
  for (let at = 0; at < total; at += STEP) {
    progress(ctx, at, total, `Изменения отметок: ${at} из ${total}`);
    for (const r of q.changeRows(ctx.db, f, fromAt, toAt, at, STEP))
      rows.push([ruDateTime(r.changed_at), r.teacher, r.student, r.class_name, r.subject, ruDate(r.lesson_date) || null, markTables.labels[r.mark_table], value(r.old_value), value(r.new_value), windowText(r)]);
  }
  return sheetFile(ctx, {
    title: 'Изменения отметок',
    file: 'Изменения отметок',
    personal: true,
    columns: [
      { header: 'Дата и время', width: 17 },
      { header: 'Учитель', width: 30 },
      { header: 'Ученик', width: 30 },
      { header: 'Класс', width: 8 },
      { header: 'Предмет', width: 24 },
      { header: 'Дата урока', width: 12 },
      { header: 'Отметка', width: 18 },
      { header: 'Было', width: 8 },
      { header: 'Стало', width: 8 },
      { header: 'В срок исправления', width: 24 },
    ],
    rows,
  });
}
