// «Журнал замещения уроков» for a month (R9; PRACTICE.md: pay is counted per calendar month), per
// teacher who substituted, or for one: date, lesson, class, subject, whom replaced, hours (a double
// lesson is 2), by a teacher of the same subject or not, and the flag «свыше двух месяцев» when the
// absence covered runs past two months (paid as tariffed load from the first day, not by the
// hour); totals per teacher. PDF (pdf-lib, PT Serif, A4 landscape) and XLSX (exceljs). Only
// substitutions (substitute, merge) are in it: moves, cancellations, room changes are not.
import ExcelJS from 'exceljs';
import type { Ctx } from '../context';
import type { ExportedFile } from '../../api/types';
import { recordNotFound } from '../../../db/write';
import { PdfWriter } from '../reports/pdf';
import { initialsName } from '../groups/load';
import { ruDate } from '../format';
import { progress, resultFile } from '../job';
import { countOf } from '../../api/plural';
import * as q from './queries';
import { monthRange, Schedule } from './day';
import { overTwoMonths } from './absences';
import { drawTable, type Column } from './pdfTable';
import { xlsxDocument } from '../reports/xlsxDocument';

const MONTHS = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
export const monthName = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)} г.`;

export interface JournalRow {
  date: string;
  lessonNo: number | null;
  target: string;
  subject: string;
  replaced: string;
  hours: number;
  sameSubject: boolean;
  overTwoMonths: boolean;
  merged: boolean;
}

export interface JournalTeacher {
  staffId: string;
  name: string;
  rows: JournalRow[];
  hours: number;
  sameSubjectHours: number;
}

/** The month's substitutions grouped by the teacher who substituted (one teacher, or all by name). */
export function journalData(ctx: Ctx, month: string, teacherId: string | null): JournalTeacher[] {
  const { db } = ctx;
  if (teacherId && !q.staffById(db, teacherId)) throw recordNotFound('staff');
  const [from, to] = monthRange(month);
  const s = new Schedule(db);
  const cards = new Map<string, q.CardRow | undefined>();
  const absences = new Map<string, q.AbsenceRow | undefined>();
  const byTeacher = new Map<string, JournalTeacher>();
  for (const c of q.substitutionsBetween(db, from, to, teacherId)) {
    if (!cards.has(c.card_id)) cards.set(c.card_id, q.cardById(db, c.card_id));
    const card = cards.get(c.card_id);
    if (!card || !c.substitute_id) continue;
    if (c.absence_id && !absences.has(c.absence_id)) absences.set(c.absence_id, q.absenceById(db, c.absence_id));
    const absence = (c.absence_id ? absences.get(c.absence_id) : undefined) ?? s.absenceOf(card.teacher_id, c.date);
    let t = byTeacher.get(c.substitute_id);
    if (!t) byTeacher.set(c.substitute_id, (t = { staffId: c.substitute_id, name: c.substitute_name ?? '', rows: [], hours: 0, sameSubjectHours: 0 }));
    const same = c.same_subject === 1;
    t.rows.push({
      date: c.date, lessonNo: card.lesson_no, target: card.target_name, subject: card.subject_name, replaced: card.teacher_name, hours: card.duration,
      sameSubject: same, overTwoMonths: absence ? overTwoMonths(absence.date_from, absence.date_to) : false, merged: c.kind === 'merge',
    });
    t.hours += card.duration;
    if (same) t.sameSubjectHours += card.duration;
  }
  const out = [...byTeacher.values()].sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  for (const t of out) t.rows.sort((a, b) => a.date.localeCompare(b.date) || (a.lessonNo ?? 0) - (b.lessonNo ?? 0));
  return out;
}

const COLUMNS: Column[] = [
  { header: '№', align: 'center', min: 22, max: 26 },
  { header: 'Дата', align: 'center', min: 56, max: 60 },
  { header: 'Урок', align: 'center', min: 30, max: 34 },
  { header: 'Класс', min: 40, max: 110 },
  { header: 'Предмет', min: 70, max: 160 },
  { header: 'Кого заменял(а)', min: 90, max: 200 },
  { header: 'Часов', align: 'center', min: 34, max: 38 },
  { header: 'По своему предмету', align: 'center', min: 60, max: 70 },
  { header: 'Свыше двух месяцев', align: 'center', min: 92, max: 96 },
];

const yes = (b: boolean) => (b ? 'да' : 'нет');
const rowCells = (r: JournalRow, i: number) => [
  String(i + 1), ruDate(r.date), r.lessonNo === null ? '' : String(r.lessonNo), r.target, r.subject,
  `${r.replaced}${r.merged ? ' (объединение подгрупп)' : ''}`, String(r.hours), yes(r.sameSubject), r.overTwoMonths ? 'свыше двух месяцев' : '',
];
const total = (t: JournalTeacher) => `Итого: ${countOf(t.hours, 'час', 'часа', 'часов')}, из них по своему предмету — ${countOf(t.sameSubjectHours, 'час', 'часа', 'часов')}`;

function deputyName(ctx: Ctx): string | null {
  const me = ctx.session.user ? q.staffOfUser(ctx.db, ctx.session.user.id) : undefined;
  return me && JSON.parse(me.roles || '[]').includes('deputy') ? initialsName(me) : null;
}

export async function journal(ctx: Ctx, month: string, teacherId: string | null, format: 'pdf' | 'xlsx'): Promise<ExportedFile> {
  const data = journalData(ctx, month, teacherId);
  const one = teacherId ? q.staffById(ctx.db, teacherId) : undefined;
  const rows = data.reduce((n, t) => n + t.rows.length, 0);
  progress(ctx, 0, 1, 'Журнал замещения уроков');
  const name = `Журнал замещения уроков ${month.slice(5, 7)}.${month.slice(0, 4)}${one ? ` ${one.short}` : ''}`;
  const bytes = format === 'pdf' ? await journalPdf(ctx, month, one ?? null, data) : await journalXlsx(ctx, month, one ?? null, data);
  progress(ctx, 1, 1, 'Журнал замещения уроков: запись файла');
  return resultFile(ctx, `${name.replace(/[\\/:*?"<>|«»]+/g, ' ')}.${format}`, bytes, rows);
}

async function journalPdf(ctx: Ctx, month: string, one: q.StaffRow | null, data: JournalTeacher[]): Promise<Uint8Array> {
  const doc = await PdfWriter.create({
    school: q.schoolFullName(ctx.db),
    title: 'Журнал замещения уроков',
    subtitle: [`за ${monthName(month)}`, ...(one ? [`Учитель: ${one.name}`] : [])],
    running: `Журнал замещения уроков за ${monthName(month)} (продолжение)`,
    landscape: true,
    now: ctx.now(),
  });
  if (!data.length) doc.paragraph(`${one ? `${one.short} не замещал(а) уроков` : 'Замещений уроков не было'} в этом месяце.`, { size: 11 });
  for (const t of data) {
    doc.keep(doc.lineHeight(12.5) + doc.lineHeight(9.5) * 4);
    if (!one) doc.paragraph(t.name, { size: 12.5, bold: true });
    drawTable(doc, COLUMNS, t.rows.map(rowCells), 9.5);
    doc.paragraph(total(t), { size: 10.5, bold: true });
    doc.gap(8);
  }
  if (data.length > 1) {
    const hours = data.reduce((n, t) => n + t.hours, 0);
    const same = data.reduce((n, t) => n + t.sameSubjectHours, 0);
    doc.paragraph(`Всего по школе: ${countOf(hours, 'час', 'часа', 'часов')}, из них по своему предмету — ${countOf(same, 'час', 'часа', 'часов')}`, { size: 11, bold: true });
  }
  doc.signature('Заместитель директора', deputyName(ctx));
  return doc.finish();
}

async function journalXlsx(ctx: Ctx, month: string, one: q.StaffRow | null, data: JournalTeacher[]): Promise<Uint8Array> {
  const { wb, ws, last } = xlsxDocument(ctx, {
    sheet: 'Замещения',
    personal: false,
    widths: [5, 12, 7, 16, 28, 32, 8, 14, 16],
    titles: [
      { text: q.schoolFullName(ctx.db), font: { size: 11 }, height: 30 },
      { text: 'Журнал замещения уроков', font: { bold: true, size: 14 } },
      { text: `за ${monthName(month)}${one ? `; учитель: ${one.name}` : ''}`, font: { size: 11 } },
    ],
    headers: COLUMNS.map((c) => c.header),
    headerHeight: 32,
  });
  let r = 6;
  const thin = { style: 'thin' as const };
  const border = (row: number) => {
    for (let col = 1; col <= last; col++) ws.getCell(row, col).border = { top: thin, left: thin, bottom: thin, right: thin };
  };
  border(5);
  const merged = (text: string, bold: boolean) => {
    ws.mergeCells(r, 1, r, last);
    ws.getCell(r, 1).value = text;
    ws.getCell(r, 1).font = { bold };
    border(r);
    r++;
  };
  if (!data.length) merged(`${one ? `${one.short} не замещал(а) уроков` : 'Замещений уроков не было'} в этом месяце.`, false);
  for (const t of data) {
    if (!one) merged(t.name, true);
    t.rows.forEach((x, i) => {
      const row = ws.getRow(r);
      const values: ExcelJS.CellValue[] = [i + 1, ruDate(x.date), x.lessonNo, x.target, x.subject, `${x.replaced}${x.merged ? ' (объединение подгрупп)' : ''}`, x.hours, yes(x.sameSubject), x.overTwoMonths ? 'свыше двух месяцев' : ''];
      values.forEach((v, k) => (row.getCell(k + 1).value = v));
      row.alignment = { vertical: 'top', wrapText: true };
      border(r);
      r++;
    });
    const sum = ws.getRow(r);
    ws.mergeCells(r, 1, r, 6);
    sum.getCell(1).value = `Итого: ${t.name}`;
    sum.getCell(7).value = t.hours;
    sum.getCell(8).value = t.sameSubjectHours;
    sum.font = { bold: true };
    border(r);
    r++;
  }
  const deputy = deputyName(ctx);
  ws.getCell(r + 2, 2).value = `Заместитель директора ____________ / ${deputy ?? '____________________'} / «__» ____________ 20__ г.`;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
