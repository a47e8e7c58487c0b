// The statement for the medal commission as a spreadsheet (issue 14 point 5): a sheet per class, the
// school and the title above; № and the student, for each subject its columns (10 кл. I, II, год;
// 11 кл. I, II, год; итог — bold) under the subject's merged heading; the status; the ЕГЭ columns and
// the commission's decision left empty to be filled by hand; the conditions, the signature lines and
// «М. П.» under the table. A4 landscape, fitted to the sheet's width (xlsxDocument).
import ExcelJS from 'exceljs';
import type { Ctx } from '../../context';
import type { MedalClassStatement, MedalStatement } from '../../../api/paperMedal';
import { markValues } from '../../../api/enums';
import { schoolRow } from '../../setup/school';
import { checkpoint, progress } from '../../job';
import { isoDay, ruDate } from '../../format';
import { HEAD_ROW, xlsxDocument } from '../../reports/xlsxDocument';
import { medalTitle } from './pdf';

const HAND = ['ЕГЭ: русский язык, баллы', 'ЕГЭ: другой предмет (какой), баллы', 'Математика базового уровня, отметка', 'Решение комиссии'];

function fillClass(ctx: Ctx, st: MedalStatement, c: MedalClassStatement, ws: ExcelJS.Worksheet, now: Date): void {
  const cols = [...c.columns.map((k) => ({ key: k.key, short: `${k.grade} ${k.short}` })), { key: 'final', short: 'итог' }];
  const per = cols.length;
  const statusCol = 3 + c.subjects.length * per;
  const last = statusCol + HAND.length;
  const thin = { style: 'thin' as const };
  const box = { top: thin, left: thin, bottom: thin, right: thin };
  const sub = ws.getRow(HEAD_ROW + 1);
  c.subjects.forEach((s, i) => {
    const c0 = 3 + i * per;
    ws.getCell(HEAD_ROW, c0).value = s.name;
    ws.mergeCells(HEAD_ROW, c0, HEAD_ROW, c0 + per - 1);
    cols.forEach((p, k) => (sub.getCell(c0 + k).value = p.short));
  });
  [1, 2, statusCol, ...HAND.map((_, i) => statusCol + 1 + i)].forEach((col) => ws.mergeCells(HEAD_ROW, col, HEAD_ROW + 1, col));
  sub.font = { bold: true, size: 8 };
  sub.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  for (let col = 1; col <= last; col++) {
    ws.getCell(HEAD_ROW, col).border = box;
    sub.getCell(col).border = box;
  }
  ws.pageSetup.printTitlesRow = `${HEAD_ROW}:${HEAD_ROW + 1}`;
  let r = HEAD_ROW + 2;
  for (const s of c.students) {
    const row = ws.getRow(r++);
    row.getCell(1).value = s.no;
    row.getCell(2).value = s.name;
    c.subjects.forEach((subj, i) => {
      const f = s.finals[subj.id];
      cols.forEach((p, k) => {
        const cell = row.getCell(3 + i * per + k);
        cell.alignment = { horizontal: 'center' };
        if (!f) return; // not studied
        if (p.key === 'final') {
          // A number stays a number; the missing final names its reason in a note under the table.
          cell.value = f.text === null ? '—' : /^[1-5]$/.test(f.text) ? Number(f.text) : f.text;
          cell.font = { bold: true };
          return;
        }
        const v = s.marks[subj.id]?.[p.key];
        cell.value = v ? (/^[1-5]$/.test(v) ? Number(v) : markValues.labels[v]) : null;
      });
    });
    row.getCell(statusCol).value = s.status.text;
    row.getCell(statusCol).alignment = { wrapText: true, vertical: 'top' };
    if (s.status.kind === 'first' || s.status.kind === 'second') row.getCell(statusCol).font = { bold: true };
    for (let col = 1; col <= last; col++) row.getCell(col).border = box;
  }
  r++;
  const note = (text: string) => (ws.getCell(r++, 2).value = text);
  note(c.preliminary ? '10 I, 10 II, 10 год — отметки 10 класса; итог — итоговая на сегодня (предварительно).' : '10 I, 10 II, 10 год — отметки 10 класса; 11 I, 11 II, 11 год — 11 класса; итог — итоговая отметка; «—»: итоговой нет (причина — в статусе).');
  if (c.students.some((s) => s.note)) note(`Нет данных за 10 класс: ${c.students.filter((s) => s.note).map((s) => s.name).join(', ')}.`);
  for (const t of st.rules) note(t);
  note(`Дата формирования: ${ruDate(isoDay(now))}`);
  r++;
  const sign = (role: string, name: string | null) => {
    ws.getCell(r, 2).value = `${role} ____________ / ${name ?? '____________________'} / «__» ____________ 20__ г.`;
    r += 2;
  };
  sign('Председатель комиссии', null);
  sign('Член комиссии', null);
  sign('Член комиссии', null);
  sign('Классный руководитель', c.classTeacher);
  sign('Директор', st.director);
  ws.getCell(r - 1, 2).value = 'М. П.';
}

function specFor(st: MedalStatement, c: MedalClassStatement | null, school: string) {
  const per = c ? c.columns.length + 1 : 0;
  const subjects = c?.subjects ?? [];
  return {
    sheet: c ? `${c.className}` : 'Ведомость',
    personal: true,
    widths: [5, 32, ...subjects.flatMap(() => Array.from({ length: per }, () => 5.2)), 34, 11, 16, 12, 18],
    titles: [
      { text: school, font: { size: 11 } },
      { text: medalTitle(c), font: { bold: true, size: 14 } },
      { text: c ? `Класс ${c.className}, ${st.yearName} учебный год` : `${st.yearName} учебный год`, font: { size: 11 } },
    ],
    headers: ['№', 'Фамилия, имя, отчество обучающегося', ...subjects.flatMap((s) => Array.from({ length: per }, () => s.name)), 'Статус по итоговым отметкам', ...HAND],
    headerHeight: 45,
  };
}

export async function medalXlsxBytes(ctx: Ctx, st: MedalStatement, now: Date): Promise<Uint8Array> {
  const school = schoolRow(ctx)?.full_name ?? '';
  const first = st.statements[0] ?? null;
  const { wb, ws } = xlsxDocument(ctx, specFor(st, first, school));
  if (!first) ws.getCell(HEAD_ROW + 2, 2).value = 'В этом учебном году нет 11 классов.';
  for (const [i, c] of st.statements.entries()) {
    progress(ctx, i, st.statements.length, `Ведомость для медальной комиссии: класс ${c.className}`);
    checkpoint(ctx);
    let sheet = ws;
    if (i > 0) {
      // The next class on its own sheet, laid out as xlsxDocument lays out the first.
      const d = specFor(st, c, school);
      sheet = wb.addWorksheet(d.sheet.slice(0, 31), { pageSetup: { ...ws.pageSetup }, headerFooter: { ...ws.headerFooter } });
      sheet.columns = d.widths.map((width) => ({ width }));
      d.titles.forEach((t, k) => {
        sheet.mergeCells(k + 1, 1, k + 1, d.widths.length);
        const cell = sheet.getCell(k + 1, 1);
        cell.value = t.text;
        cell.font = t.font;
        cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      });
      const head = sheet.getRow(HEAD_ROW);
      d.headers.forEach((h, k) => (head.getCell(k + 1).value = h));
      head.font = { bold: true };
      head.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      head.height = d.headerHeight;
    }
    fillClass(ctx, st, c, sheet, now);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
