// The register of paper copies as a printable A4 document for signatures (issue 14 point 4): a
// ruled table (№, дата приёма, класс, период, листов, сдал (подпись), принял (подпись), примечание)
// with room in each row to sign, the heading repeated on every sheet, and at the end the chain's
// check line «Контрольная сумма реестра: …» and the result of the check.
import type { Ctx } from '../../context';
import type { ExportedFile } from '../../../api/types';
import type { RegisterEntry } from '../../../api/paperRegister';
import { PdfWriter } from '../../reports/pdf';
import { ruDate } from '../../format';
import { checkpoint, progress, resultFile } from '../../job';
import { actingName, registerView, verifyRegister } from './register';
import * as q from './queries';

const SIZE = 9;
const PAD = 3;
/** Room to sign under the name in «сдал» and «принял». */
const SIGN_ROOM = 16;

const COLUMNS: { header: string; width: number; align?: 'center' | 'left' }[] = [
  { header: '№', width: 26, align: 'center' },
  { header: 'Дата приёма', width: 58, align: 'center' },
  { header: 'Класс', width: 38, align: 'center' },
  { header: 'Период', width: 92 },
  { header: 'Листов', width: 40, align: 'center' },
  { header: 'Сдал (подпись)', width: 140 },
  { header: 'Принял (подпись)', width: 140 },
  { header: 'Примечание', width: 0 },
];

function noteOf(e: RegisterEntry): string {
  const parts: string[] = [];
  if (e.correctsNumber) parts.push(`Исправляет запись № ${e.correctsNumber}.`);
  if (e.note) parts.push(e.note);
  if (e.copyCode) parts.push(`Копия ${e.copyCode}.`);
  if (e.correctedBy.length) parts.push(`Исправлена записью № ${e.correctedBy.join(', ')}.`);
  if (e.scans.length) parts.push(`Сканов: ${e.scans.length}.`);
  return parts.join(' ');
}

export async function registerPdf(ctx: Ctx, periodId: string | null | undefined): Promise<ExportedFile> {
  const view = registerView(ctx, { periodId: periodId ?? null });
  const check = verifyRegister(ctx);
  const period = periodId ? q.periodRow(ctx.db, periodId) : undefined;
  const doc = await PdfWriter.create({
    school: q.schoolFullName(ctx.db),
    title: 'Реестр бумажных копий классных журналов',
    subtitle: [period ? `Учебный период: ${period.name}` : 'Копии электронного журнала на бумажном носителе, принятые на хранение'],
    running: 'Реестр бумажных копий (продолжение)',
    landscape: true,
    now: ctx.now(),
  });
  const fixed = COLUMNS.reduce((a, c) => a + c.width, 0);
  const widths = COLUMNS.map((c) => c.width || doc.width - fixed);
  const xs = widths.map((_, i) => widths.slice(0, i).reduce((a, b) => a + b, 0));
  const lh = doc.lineHeight(SIZE);

  const row = (cells: string[], bold: boolean, minHeight: number) => {
    const wrapped = cells.map((t, i) => doc.wrap(t, widths[i]! - PAD * 2, SIZE, bold));
    const height = Math.max(minHeight, Math.max(...wrapped.map((w) => w.length)) * lh + PAD * 2);
    doc.ensure(height);
    const top = doc.y;
    wrapped.forEach((ls, i) =>
      ls.forEach((l, k) => {
        doc.y = top - PAD - k * lh;
        doc.draw(l, { size: SIZE, bold, x: xs[i]! + PAD, width: widths[i]! - PAD * 2, align: COLUMNS[i]!.align ?? 'left' });
      }),
    );
    const bottom = top - height;
    doc.line(0, bottom, doc.width, bottom);
    for (const x of [...xs, doc.width]) doc.line(x, top, x, bottom);
    doc.y = bottom;
  };
  const head = () => {
    doc.line(0, doc.y, doc.width, doc.y);
    row(
      COLUMNS.map((c) => c.header),
      true,
      0,
    );
  };
  if (!view.entries.length) doc.paragraph(period ? 'За этот период в реестре записей нет.' : 'В реестре записей нет.', { size: 11 });
  else {
    doc.ensure(lh * 6);
    head();
    doc.onBreak = head;
    view.entries.forEach((e, n) => {
      checkpoint(ctx);
      row(
        [String(e.number), ruDate(e.receivedOn), e.className, e.periodName, String(e.sheets), e.handedBy, e.receivedBy, noteOf(e)],
        false,
        lh + PAD * 2 + SIGN_ROOM,
      );
      progress(ctx, n + 1, view.entries.length, 'Реестр бумажных копий');
    });
    doc.onBreak = null;
  }
  doc.gap(14);
  doc.paragraph(`Записей в реестре: ${check.entries}; сканов: ${check.scans}.`, { size: 10 });
  doc.paragraph(`Контрольная сумма реестра: ${check.checksum || '—'}`, { size: 10 });
  doc.paragraph(
    check.ok
      ? `Проверка цепочки записей ${ruDate(ctx.now().toISOString().slice(0, 10))}: записи не изменялись и не удалялись.`
      : `Проверка цепочки записей: нарушена — ${[check.problem, ...check.scanProblems].filter(Boolean).join('; ')}.`,
    { size: 10, bold: !check.ok },
  );
  doc.signature('Секретарь', actingName(ctx));
  const name = period ? `Реестр бумажных копий, ${period.name}.pdf` : 'Реестр бумажных копий.pdf';
  return resultFile(ctx, name, await doc.finish(), view.entries.length);
}
