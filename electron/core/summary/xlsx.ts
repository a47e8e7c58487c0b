// The сводная ведомость as a spreadsheet (R16): the school and the title above; № and the student,
// then for each subject its periods (I, II, …, год) under the subject's merged heading (the year's
// statement: a column a subject, the heading turned up); the marks as written; A4 landscape, fitted
// to the sheet's width; the signature lines under the table.
import ExcelJS from 'exceljs';
import type { Ctx } from '../context';
import type { ExportedFile } from '../../api/types';
import type { SummaryStatement } from '../../api/summary';
import { markValues } from '../../api/enums';
import { schoolRow } from '../setup/school';
import { progress, resultFile } from '../job';
import { ruDate } from '../format';
import { HEAD_ROW, xlsxDocument } from '../reports/xlsxDocument';
import { statementFileName } from './pdf';

export async function summaryXlsx(ctx: Ctx, st: SummaryStatement): Promise<ExportedFile> {
  const year = st.kind === 'year';
  const cols = st.periods;
  const widths = [5, 34, ...st.subjects.flatMap(() => cols.map(() => (year ? 6 : 5.5))), 22];
  const noteCol = widths.length;
  const headers = ['№', 'Фамилия, имя, отчество обучающегося', ...st.subjects.flatMap((s) => cols.map(() => s.name)), 'Примечание'];
  const { wb, ws, head, last } = xlsxDocument(ctx, {
    sheet: `${st.className} ${year ? 'год' : 'сводная'}`,
    personal: true,
    widths,
    titles: [
      { text: schoolRow(ctx)?.full_name ?? '', font: { size: 11 } },
      { text: st.title, font: { bold: true, size: 14 } },
      { text: `Класс ${st.className}, ${st.yearName} учебный год`, font: { size: 11 } },
    ],
    headers,
    headerHeight: year ? 130 : 60,
  });
  const thin = { style: 'thin' as const };
  const box = { top: thin, left: thin, bottom: thin, right: thin };
  // The statement of periods: the subject's heading merged over its periods (row 5), the periods in row 6.
  let r = HEAD_ROW + 1;
  if (!year) {
    const sub = ws.getRow(r);
    st.subjects.forEach((_, i) => {
      const c0 = 3 + i * cols.length;
      ws.mergeCells(HEAD_ROW, c0, HEAD_ROW, c0 + cols.length - 1);
      cols.forEach((p, k) => (sub.getCell(c0 + k).value = p.short));
    });
    ws.mergeCells(HEAD_ROW, 1, r, 1);
    ws.mergeCells(HEAD_ROW, 2, r, 2);
    ws.mergeCells(HEAD_ROW, noteCol, r, noteCol);
    sub.font = { bold: true };
    sub.alignment = { horizontal: 'center', vertical: 'middle' };
    for (let c = 1; c <= last; c++) sub.getCell(c).border = box;
    ws.pageSetup.printTitlesRow = `${HEAD_ROW}:${r}`;
    r++;
  } else {
    for (let c = 3; c < noteCol; c++) head.getCell(c).alignment = { textRotation: 90, horizontal: 'center', vertical: 'bottom', wrapText: true };
  }
  for (let c = 1; c <= last; c++) head.getCell(c).border = box;
  for (const s of st.students) {
    const row = ws.getRow(r++);
    row.getCell(1).value = s.no;
    row.getCell(2).value = s.name;
    st.subjects.forEach((subj, i) =>
      cols.forEach((p, k) => {
        const v = s.marks[subj.id]?.[p.key];
        const cell = row.getCell(3 + i * cols.length + k);
        // As written: a digit stays a number (an average can be made of them), the rest as text.
        cell.value = v ? (/^[1-5]$/.test(v) ? Number(v) : markValues.labels[v]) : null;
        cell.alignment = { horizontal: 'center' };
        if (p.key === 'year' && !year) cell.font = { bold: true };
      }),
    );
    row.getCell(noteCol).value = s.note;
    for (let c = 1; c <= last; c++) row.getCell(c).border = box;
  }
  r++;
  if (!year) ws.getCell(r++, 2).value = 'I, II, … — отметки за четверти (полугодия), «год» — годовая отметка. Пустая клетка: отметки нет или ученик в этот день не числился в классе.';
  if (st.notAttested.length) ws.getCell(r++, 2).value = `Без аттестации (не оцениваются): ${st.notAttested.join(', ')}.`;
  ws.getCell(r++, 2).value = `Дата формирования: ${ruDate(ctx.now().toISOString().slice(0, 10))}`;
  r++;
  const sign = (role: string, name: string | null) => (ws.getCell(r, 2).value = `${role} ____________ / ${name ?? '____________________'} / «__» ____________ 20__ г.`);
  sign('Классный руководитель', st.classTeacher);
  r += 2;
  sign('Заместитель директора', null);
  r += 2;
  sign('Директор', st.director);
  ws.getCell(++r, 2).value = 'М. П.';
  progress(ctx, 1, 1, `${st.title}: запись файла`);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return resultFile(ctx, `${statementFileName(st).replace(/[\\/:*?"<>|«»]+/g, ' ')} ${ruDate(ctx.now().toISOString().slice(0, 10))}.xlsx`, buf, st.students.length);
}
