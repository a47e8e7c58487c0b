// The monitoring of the journal as files (issue 13 point 3): the report's table as XLSX (the office
// form of xlsxDocument: A4 landscape, the titles, the header repeated) and as PDF (pdf.ts), each
// figure as the page shows it, the thresholds in force under the title. Jobs with progress.
import type { z } from 'zod';
import type { Ctx } from '../context';
import type { ExportedFile } from '../../api/common';
import { monitoringGroupingLabels, type MonitoringFigures, type MonitoringReport, type MonitoringShare, type monitoringInput } from '../../api/monitoring';
import { INDICATORS } from '../../api/indicators';
import { progress, resultFile } from '../job';
import { ruDate } from '../format';
import { PdfWriter } from '../reports/pdf';
import { HEAD_ROW, xlsxDocument } from '../reports/xlsxDocument';
import { drawTable, type Column } from '../substitutions/pdfTable';
import { monitoringReport } from './report';
import * as q from './queries';

type Input = z.output<typeof monitoringInput>;

const pct = (s: MonitoringShare) => (s.percent === null ? '—' : `${String(s.percent).replace('.', ',')} %`);
const num = (n: number | null) => (n === null ? '—' : String(n).replace('.', ','));

/** The columns of the files: a header (INDICATORS' names) and the cell of a figure. */
/** `header`: the figure's name (the spreadsheet); `short`: the printed table's narrow column. */
export const FILE_COLUMNS: { header: string; short: string; cell: (f: MonitoringFigures) => string }[] = [
  { header: INDICATORS.lessonsPlanned.name, short: 'План', cell: (f) => String(f.lessonsPlanned) },
  { header: INDICATORS.lessonsScheduled.name, short: 'По расп.', cell: (f) => String(f.lessonsScheduled) },
  { header: INDICATORS.lessonsHeld.name, short: 'Проведено', cell: (f) => String(f.lessonsHeld) },
  { header: INDICATORS.lessonsWithTopic.name, short: 'С темой', cell: (f) => pct(f.withTopic) },
  { header: INDICATORS.homeworkRecorded.name, short: 'Д/з', cell: (f) => pct(f.homeworkRecorded) },
  { header: INDICATORS.homeworkInTime.name, short: 'Д/з вовремя', cell: (f) => pct(f.homeworkInTime) },
  { header: INDICATORS.marksInTime.name, short: 'Отметки вовремя', cell: (f) => pct(f.marksInTime) },
  { header: INDICATORS.attendanceInTime.name, short: 'Пропуски вовремя', cell: (f) => pct(f.attendanceInTime) },
  { header: INDICATORS.accumulation.name, short: 'Накопл.', cell: (f) => pct(f.accumulation) },
  { header: INDICATORS.noMarks.name, short: 'Без отметок', cell: (f) => String(f.noMarks.count) },
  { header: INDICATORS.oneMark.name, short: 'Одна отметка', cell: (f) => String(f.oneMark.count) },
  { header: INDICATORS.attendance.name, short: 'Посещ.', cell: (f) => (f.attendance === null ? '—' : `${num(f.attendance)} %`) },
  { header: INDICATORS.lateness.name, short: 'Опозд.', cell: (f) => String(f.lateness) },
  { header: INDICATORS.systemicFailure.name, short: 'Сист. неусп.', cell: (f) => String(f.systemicFailure) },
  { header: INDICATORS.systemicAbsence.name, short: 'Сист. пропуски', cell: (f) => String(f.systemicAbsence) },
  { header: INDICATORS.subgroupSimilarity.name, short: 'Подгр.', cell: (f) => String(f.subgroupGaps) },
  { header: INDICATORS.substitutions.name, short: 'Замены', cell: (f) => String(f.substitutions) },
  { header: INDICATORS.equivalentSubstitutions.name, short: 'Равноц. замены', cell: (f) => pct(f.equivalentSubstitutions) },
];

const FIRST: Record<MonitoringReport['groupBy'], string> = { teacher: 'Учитель', class: 'Класс', subject: 'Предмет' };

function titleOf(r: MonitoringReport): { title: string; subtitle: string[]; file: string } {
  const p = r.period;
  const dates = `${ruDate(p.from)} – ${ruDate(p.to)}`;
  const rules = r.rules;
  return {
    title: 'Мониторинг ведения электронного журнала',
    subtitle: [
      `${p.id ? `${p.name} (${dates})` : dates}; ${monitoringGroupingLabels[r.groupBy].toLowerCase()}`,
      `Отметки вовремя — не позже ${rules.markDays} дн. после урока; посещаемость — ${rules.attendanceDays} дн.; д/з — ${rules.homeworkDays} дн.; системная неуспеваемость — ${rules.failureRun} «2» подряд; системные пропуски — от ${rules.absencePercent} %; расхождение подгрупп — больше ${num(rules.subgroupGap)}`,
    ],
    file: `Мониторинг журнала ${p.id ? p.name : dates} ${monitoringGroupingLabels[r.groupBy].toLowerCase()}`,
  };
}

export async function monitoringXlsx(ctx: Ctx, input: Input): Promise<ExportedFile> {
  progress(ctx, 0, 2, 'Мониторинг журнала: расчёт');
  const r = monitoringReport(ctx, input);
  progress(ctx, 1, 2, 'Мониторинг журнала: запись файла');
  const t = titleOf(r);
  const { wb, ws } = xlsxDocument(ctx, {
    sheet: 'Мониторинг',
    personal: false,
    widths: [32, ...FILE_COLUMNS.map(() => 11)],
    titles: [
      { text: q.schoolFullName(ctx.db), font: { size: 11 } },
      { text: t.title, font: { size: 14, bold: true }, height: 22 },
      { text: t.subtitle.join('\n'), font: { size: 10 }, height: 42 },
    ],
    headers: [FIRST[r.groupBy], ...FILE_COLUMNS.map((c) => c.header)],
    headerHeight: 60,
  });
  const rows = [...r.rows.map((x) => [x.name, ...FILE_COLUMNS.map((c) => c.cell(x.figures))]), ['Итого', ...FILE_COLUMNS.map((c) => c.cell(r.total))]];
  rows.forEach((cells, i) => {
    const row = ws.getRow(HEAD_ROW + 1 + i);
    cells.forEach((v, k) => (row.getCell(k + 1).value = v));
    if (i === rows.length - 1) row.font = { bold: true };
  });
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  progress(ctx, 2, 2, 'Мониторинг журнала: готово');
  return resultFile(ctx, `${t.file}.xlsx`, buf, r.rows.length);
}

export async function monitoringPdf(ctx: Ctx, input: Input): Promise<ExportedFile> {
  progress(ctx, 0, 2, 'Мониторинг журнала: расчёт');
  const r = monitoringReport(ctx, input);
  progress(ctx, 1, 2, 'Мониторинг журнала: запись файла');
  const t = titleOf(r);
  const doc = await PdfWriter.create({ school: q.schoolFullName(ctx.db), title: t.title, subtitle: t.subtitle, running: `${t.title} (продолжение)`, landscape: true, now: ctx.now() });
  const columns: Column[] = [{ header: FIRST[r.groupBy], min: 60, max: 95 }, ...FILE_COLUMNS.map((c): Column => ({ header: c.short, align: 'center', min: 24, max: 56 }))];
  const rows = [...r.rows.map((x) => [x.name, ...FILE_COLUMNS.map((c) => c.cell(x.figures))]), ['Итого', ...FILE_COLUMNS.map((c) => c.cell(r.total))]];
  if (!r.rows.length) doc.paragraph('За этот период в журнале нет уроков.', { size: 11 });
  else drawTable(doc, columns, rows, 6.5, (i) => i === rows.length - 1);
  progress(ctx, 2, 2, 'Мониторинг журнала: готово');
  return resultFile(ctx, `${t.file}.pdf`, await doc.finish(), r.rows.length);
}
