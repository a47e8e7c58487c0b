// The mark-change report printed (issue 13 point 4; R15, `000 §13`): A4 landscape in the office form
// — the school, the title, the span and the filter, a ruled table whose header repeats on every
// sheet (when, teacher, student, class, subject, lesson date, kind of mark, old → new, whether within
// the grade-edit window, R5), the count, signature lines. SQL: queries.ts (the same as the page's).
import type { Ctx } from '../context';
import type { OpParsed } from '../../api/contract';
import type { ExportedFile } from '../../api/common';
import { markTables, markValues } from '../../api/enums';
import { PdfWriter } from '../reports/pdf';
import { pdfFile } from '../reports/subgroupLists';
import { schoolRow } from '../setup/school';
import { directorName } from '../books/pdf';
import { checkpoint, progress } from '../job';
import { ruDate } from '../format';
import { ruDateTime } from '../audit/labels';
import { bounds, windowText } from './changes';
import * as q from './queries';
import { classNameSql } from '../../../db/entities';

type Filter = OpParsed<'journal.changesPdf'>;

const SIZE = 8;
const PAD = 2.5;
const COLUMNS: { header: string; width: number; center?: boolean }[] = [
  { header: 'Дата и время изменения', width: 15 },
  { header: 'Учитель', width: 24 },
  { header: 'Ученик', width: 24 },
  { header: 'Класс', width: 7, center: true },
  { header: 'Предмет', width: 20 },
  { header: 'Дата урока', width: 11, center: true },
  { header: 'Отметка', width: 12 },
  { header: 'Было', width: 7, center: true },
  { header: 'Стало', width: 7, center: true },
  { header: 'В срок исправления', width: 21 },
];

const mark = (v: string | null) => (v === null ? '—' : markValues.has(v) ? markValues.labels[v] : v);

/** The filter in words, under the title. */
function filterLines(ctx: Ctx, f: Filter): string[] {
  const { db } = ctx;
  const lines = [f.from || f.to ? `За период${f.from ? ` с ${ruDate(f.from)}` : ''}${f.to ? ` по ${ruDate(f.to)}` : ''}` : 'За всё время'];
  const name = (table: 'staff' | 'subject' | 'school_class', id: string | null | undefined) => {
    if (!id) return null;
    if (table === 'staff') {
      const s = db.raw.prepare(`SELECT last_name || ' ' || first_name || coalesce(' ' || middle_name, '') AS n FROM staff WHERE id = ?`).get(id) as { n: string } | undefined;
      return s?.n ?? null;
    }
    if (table === 'subject') return (db.raw.prepare(`SELECT name AS n FROM subject WHERE id = ?`).get(id) as { n: string } | undefined)?.n ?? null;
    return (db.raw.prepare(`SELECT ${classNameSql('c')} AS n FROM school_class c WHERE c.id = ?`).get(id) as { n: string } | undefined)?.n ?? null;
  };
  const parts = [
    name('school_class', f.classId) && `класс ${name('school_class', f.classId)}`,
    name('subject', f.subjectId) && `предмет: ${name('subject', f.subjectId)}`,
    name('staff', f.teacherId) && `учитель: ${name('staff', f.teacherId)}`,
    f.search?.trim() && `ученик: «${f.search.trim()}»`,
    f.outsideOnly && 'только изменения после срока исправления отметок',
  ].filter(Boolean);
  if (parts.length) lines.push(parts.join('; '));
  return lines;
}

export async function markChangesPdf(ctx: Ctx, f: Filter): Promise<ExportedFile> {
  const [fromAt, toAt] = bounds(f);
  const total = q.changeCount(ctx.db, f, fromAt, toAt);
  const title = 'Отчёт об изменениях отметок';
  const doc = await PdfWriter.create({
    school: schoolRow(ctx)?.full_name ?? '',
    title,
    subtitle: filterLines(ctx, f),
    running: `${title} (продолжение)`,
    footnote: 'Содержит персональные данные',
    landscape: true,
    now: ctx.now(),
  });
  const sum = COLUMNS.reduce((s, c) => s + c.width, 0);
  const widths = COLUMNS.map((c) => (c.width / sum) * doc.width);
  const xs = widths.reduce<number[]>((acc, w, i) => [...acc, acc[i]! + w], [0]);
  const lh = doc.lineHeight(SIZE);
  const row = (cells: string[], bold: boolean) => {
    const wrapped = cells.map((t, i) => doc.wrap(t, widths[i]! - 2 * PAD, SIZE, bold));
    const h = Math.max(...wrapped.map((l) => l.length)) * lh + 2 * PAD;
    doc.ensure(h);
    const top = doc.y;
    doc.line(0, top, doc.width, top);
    wrapped.forEach((lines, i) => {
      doc.y = top - PAD;
      for (const l of lines) {
        doc.draw(l, { size: SIZE, bold, x: xs[i]! + PAD, width: widths[i]! - 2 * PAD, align: COLUMNS[i]!.center ? 'center' : 'left' });
        doc.y -= lh;
      }
    });
    const bottom = top - h;
    for (const x of xs) doc.line(x, top, x, bottom);
    doc.line(0, bottom, doc.width, bottom);
    doc.y = bottom;
  };
  const header = () => row(COLUMNS.map((c) => c.header), true);
  let outside = 0;
  if (total) {
    doc.ensure(lh * 6);
    header();
    doc.onBreak = header;
    const STEP = 1000;
    for (let at = 0; at < total; at += STEP) {
      progress(ctx, at, total, `${title}: ${at} из ${total}`);
      checkpoint(ctx);
      for (const r of q.changeRows(ctx.db, f, fromAt, toAt, at, STEP)) {
        if (r.in_window === 0) outside++;
        row([ruDateTime(r.changed_at), r.teacher ?? '—', r.student, r.class_name ?? '—', r.subject, ruDate(r.lesson_date) || '—', markTables.labels[r.mark_table], mark(r.old_value), mark(r.new_value), windowText(r)], false);
      }
    }
    doc.onBreak = null;
  } else doc.paragraph('Изменений отметок нет.', { size: 11 });
  doc.gap(8);
  doc.paragraph(`Всего изменений: ${total.toLocaleString('ru-RU')}${f.outsideOnly ? '' : `, из них после срока исправления отметок: ${outside.toLocaleString('ru-RU')}`}.`, { size: 10 });
  doc.paragraph(`Дата формирования: ${ruDate(ctx.now().toISOString().slice(0, 10))}`, { size: 10 });
  doc.signature('Администратор системы', null);
  doc.signature('Директор', directorName(ctx), true);
  progress(ctx, total, total, `${title}: запись файла`);
  return pdfFile('Изменения отметок', ctx, await doc.finish(), total);
}
