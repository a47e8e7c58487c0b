// The day sheet for the teachers' room (R9): «Замены на 02.12.2026» — every lesson of the day that
// has a change or still needs cover, in the order of the bells: урок, время, класс, предмет,
// отсутствует, заменяет, кабинет, примечание; A4, landscape when the table is too wide for
// portrait; the school's name at the top, the deputy's signature line at the end.
import type { Ctx } from '../context';
import type { ExportedFile } from '../../api/types';
import { PdfWriter } from '../reports/pdf';
import { initialsName } from '../groups/load';
import { ruDate } from '../format';
import { progress, resultFile } from '../job';
import { WEEKDAY_NAME } from '../timetable/model';
import * as q from './queries';
import { Schedule, weekdayOf, type Lesson } from './day';
import { drawTable, naturalWidth, type Column } from './pdfTable';

const COLUMNS: Column[] = [
  { header: 'Урок', align: 'center', min: 28, max: 40 },
  { header: 'Время', align: 'center', min: 62, max: 70 },
  { header: 'Класс', min: 34, max: 110 },
  { header: 'Предмет', min: 60, max: 150 },
  { header: 'Отсутствует', min: 70, max: 130 },
  { header: 'Заменяет', min: 70, max: 190 },
  { header: 'Кабинет', align: 'center', min: 44, max: 90 },
  { header: 'Примечание', min: 60, max: 200 },
];

const MM = 72 / 25.4;
const PORTRAIT_WIDTH = (210 - 30 - 15) * MM;

/** What the sheet says of one lesson: the cells of its row. */
function cells(l: Lesson): string[] {
  const c = l.change;
  const lessonNo = l.duration > 1 ? `${l.lessonNo}–${l.lessonNo + l.duration - 1}` : String(l.lessonNo);
  const absent = l.absence ? l.card.teacher_short : '—';
  let who = '';
  let room = l.roomNumber ?? '';
  if (l.moved && c) who = `${l.card.teacher_short}; перенесён с ${ruDate(c.date)}, ${l.card.lesson_no}-го урока`;
  else if (!c) who = l.absence ? 'не назначен' : '';
  else if (c.kind === 'substitute') who = c.substitute_short ?? '';
  else if (c.kind === 'merge') who = `${c.substitute_short ?? ''} (объединение подгрупп)`;
  else if (c.kind === 'cancel') ((who = 'урок отменён'), (room = ''));
  else if (c.kind === 'move') ((who = `перенесён на ${ruDate(c.to_date)}, ${c.to_lesson_no}-й урок`), (room = c.room_number ?? l.card.room_number ?? ''));
  if (!l.moved && c?.room_id && l.card.room_number && c.room_number !== l.card.room_number) room = `${c.room_number} (вместо ${l.card.room_number})`;
  return [lessonNo, `${l.startsAt}–${l.endsAt}`, l.card.target_name, l.card.subject_name, absent, who, room, c?.note ?? ''];
}

export async function daySheetPdf(ctx: Ctx, date: string): Promise<ExportedFile> {
  const s = new Schedule(ctx.db);
  const lessons = s.lessons(date).filter((l) => l.change !== null || l.absence !== null);
  const rows = lessons.map(cells);
  const landscape = naturalWidth(COLUMNS, rows, 9.5) > PORTRAIT_WIDTH;
  const v = s.versionOn(date);
  const doc = await PdfWriter.create({
    school: q.schoolFullName(ctx.db),
    title: `Замены на ${ruDate(date)}`,
    subtitle: [`${WEEKDAY_NAME[weekdayOf(date)] ?? 'воскресенье'}${v ? `; расписание «${v.name}»` : ''}`],
    running: `Замены на ${ruDate(date)} (продолжение)`,
    landscape,
    now: ctx.now(),
  });
  progress(ctx, 0, 1, `Замены на ${ruDate(date)}`);
  const off = s.dayOff(date);
  if (off && !rows.length) doc.paragraph(`${off}: уроков нет.`, { size: 11 });
  else if (!rows.length) doc.paragraph('Замен и изменений на этот день нет.', { size: 11 });
  else drawTable(doc, COLUMNS, rows, 9.5);
  const me = ctx.session.user ? q.staffOfUser(ctx.db, ctx.session.user.id) : undefined;
  const deputy = me && JSON.parse(me.roles || '[]').includes('deputy') ? me : undefined;
  doc.signature('Заместитель директора', deputy ? initialsName(deputy) : null);
  progress(ctx, 1, 1, 'Замены на день: запись файла');
  return resultFile(ctx, `Замены на ${ruDate(date)}.pdf`, await doc.finish(), rows.length);
}
