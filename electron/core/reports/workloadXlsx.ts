// Тарификационный список (R3) as schools hand it in: the school and the year above, one block of
// rows per teacher (ФИО, должность, then a row per subject with its classes and hours; итого and
// ставки merged over the block), the school's total, and the director's signature with «М. П.».
import ExcelJS from 'exceljs';
import type { Ctx } from '../context';
import type { ExportedFile } from '../../api/types';
import { ruDate } from '../format';
import { schoolRow } from '../setup/school';
import { initialsName, loadSchool } from '../groups/load';
import { readRule } from '../groups/rule';
import { teacherWorkloads } from '../workload/summary';
import { yearName } from './subgroupLists';
import { countOf } from '../../api/plural';
import { progress, resultFile } from '../job';
import { xlsxDocument } from './xlsxDocument';

const COLUMNS = [
  { header: '№ п/п', width: 6 },
  { header: 'Фамилия, имя, отчество', width: 32 },
  { header: 'Должность', width: 28 },
  { header: 'Предмет', width: 30 },
  { header: 'Классы (группы)', width: 44 },
  { header: 'Часов в неделю', width: 10 },
  { header: 'Итого часов', width: 10 },
  { header: 'Ставок', width: 9 },
];

export async function workloadXlsx(ctx: Ctx): Promise<ExportedFile> {
  const school = loadSchool(ctx, { people: false });
  const rule = readRule(ctx);
  const teachers = teacherWorkloads(school, rule);
  const org = schoolRow(ctx);
  const today = ctx.now().toISOString().slice(0, 10);

  const { wb, ws, head, last } = xlsxDocument(ctx, {
    sheet: 'Тарификация',
    personal: true,
    widths: COLUMNS.map((c) => c.width),
    titles: [
      { text: org?.full_name ?? '', font: { size: 11 }, height: 30 },
      { text: `Тарификационный список педагогических работников на ${yearName(ctx, school)} учебный год`, font: { bold: true, size: 14 } },
      { text: `по состоянию на ${ruDate(today)}; норма часов за ставку — ${rule.teachingNormHours} ч в неделю (для учителей — по карточке сотрудника)`, font: { size: 10 } },
    ],
    headers: COLUMNS.map((c) => c.header),
    headerHeight: 32,
  });
  head.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } }));

  let r = 6;
  let totalHours = 0;
  let totalRates = 0;
  teachers.forEach((t, i) => {
    const lines = t.subjects.length ? t.subjects : [{ subjectName: '—', classes: '—', hours: 0 }];
    const first = r;
    for (const s of lines) {
      const row = ws.getRow(r++);
      row.getCell(4).value = s.subjectName;
      row.getCell(5).value = s.classes;
      row.getCell(6).value = s.hours;
    }
    const end = r - 1;
    const put = (col: number, value: ExcelJS.CellValue) => {
      if (end > first) ws.mergeCells(first, col, end, col);
      ws.getCell(first, col).value = value;
    };
    put(1, i + 1);
    put(2, t.fullName);
    put(3, t.position);
    put(7, t.totalHours);
    put(8, t.rates);
    if (t.overMax) ws.getCell(first, 7).font = { bold: true, color: { argb: 'FFC00000' } };
    totalHours += t.totalHours;
    totalRates += t.rates;
  });
  const sum = ws.getRow(r);
  ws.mergeCells(r, 1, r, 6);
  sum.getCell(1).value = `Итого по школе: ${countOf(teachers.length, 'педагогический работник', 'педагогических работника', 'педагогических работников')}`;
  sum.getCell(7).value = totalHours;
  sum.getCell(8).value = Math.round(totalRates * 100) / 100;
  sum.font = { bold: true };
  const thin = { style: 'thin' as const };
  for (let row = 5; row <= r; row++)
    for (let col = 1; col <= last; col++) {
      const cell = ws.getCell(row, col);
      cell.border = { top: thin, left: thin, bottom: thin, right: thin };
      if (row > 5) cell.alignment = { vertical: 'top', wrapText: true, horizontal: col >= 6 || col === 1 ? 'center' : 'left' };
    }
  for (let row = 6; row <= r; row++) ws.getCell(row, 8).numFmt = '0.00';

  const director = org?.director_id ? school.staff.get(org.director_id) : undefined;
  ws.getCell(r + 3, 2).value = `Директор ____________ / ${director ? initialsName(director) : '____________________'} / «__» ____________ 20__ г.`;
  ws.getCell(r + 4, 2).value = 'М. П.';
  progress(ctx, teachers.length, teachers.length, 'Тарификационный список: запись файла');
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return resultFile(ctx, `Тарификационный список ${ruDate(today)}.xlsx`, buf, teachers.length);
}
