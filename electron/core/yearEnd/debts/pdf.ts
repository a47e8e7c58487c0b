// The debts' documents (issue 15 point 2; PRODUCT.md «How documents should look»), A4 portrait:
// the notice to parents (a sheet per student), the retake schedule for a period, the protocol of the
// second retake before the commission. The law's words are those of 273-ФЗ art. 58.
import type { Ctx } from '../../context';
import type { DebtRow } from '../../../api/debts';
import { debtReasons, markValues } from '../../../api/enums';
import { PdfWriter } from '../../reports/pdf';
import { schoolRow } from '../../setup/school';
import { checkpoint, progress } from '../../job';
import { isoDay, ruDate } from '../../format';

export const NOTICE_TITLE = 'Уведомление родителям (законным представителям) об академической задолженности';
export const SCHEDULE_TITLE = 'График ликвидации академической задолженности';
export const PROTOCOL_TITLE = 'Протокол повторной промежуточной аттестации (ликвидации академической задолженности) комиссией';
export const DEFAULT_FORM = 'письменная работа';

export const LAW = [
  'Обучающиеся, имеющие академическую задолженность, вправе пройти промежуточную аттестацию по соответствующему учебному предмету не более двух раз в сроки, определяемые образовательной организацией, в пределах одного года с момента образования академической задолженности (часть 5 статьи 58 Федерального закона от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации»). Для проведения промежуточной аттестации во второй раз создаётся комиссия (часть 6); плата за прохождение промежуточной аттестации не взимается (часть 7).',
  'Обучающиеся, имеющие академическую задолженность, переводятся в следующий класс условно (часть 8 статьи 58).',
  'Обучающиеся, не ликвидировавшие академическую задолженность в установленные сроки, по усмотрению родителей (законных представителей) оставляются на повторное обучение, переводятся на обучение по адаптированным образовательным программам в соответствии с рекомендациями психолого-медико-педагогической комиссии либо на обучение по индивидуальному учебному плану (часть 9 статьи 58).',
  'Родители (законные представители) обязаны создать условия обучающемуся для ликвидации академической задолженности и обеспечить контроль за своевременностью её ликвидации (часть 4 статьи 58).',
];

const SIZE = 10;
const PAD = 3;

interface Col {
  title: string;
  w: number;
  align?: 'center';
}

/** A bordered table; the header repeats on a new sheet. `w` are shares of the text width. */
export function table(doc: PdfWriter, cols: Col[], rows: string[][], size = SIZE): void {
  const total = cols.reduce((s, c) => s + c.w, 0);
  const widths = cols.map((c) => (c.w / total) * doc.width);
  const xs = widths.reduce<number[]>((acc, w, i) => [...acc, acc[i]! + w], [0]);
  const lh = doc.lineHeight(size);
  const drawRow = (cells: string[], bold: boolean) => {
    const lines = cells.map((t, k) => doc.wrap(t, widths[k]! - 2 * PAD, size, bold));
    const h = Math.max(...lines.map((l) => l.length), 1) * lh + 2 * PAD;
    const broke = doc.ensure(h);
    if (broke && !bold) return drawRow(cells, bold);
    const top = doc.y;
    lines.forEach((ls, k) => {
      doc.y = top - PAD;
      for (const l of ls) {
        doc.draw(l, { size, bold, x: xs[k]! + PAD, width: widths[k]! - 2 * PAD, align: cols[k]!.align });
        doc.y -= lh;
      }
    });
    doc.line(0, top, doc.width, top);
    for (const x of xs) doc.line(x, top, x, top - h);
    doc.line(0, top - h, doc.width, top - h);
    doc.y = top - h;
  };
  const header = () => drawRow(cols.map((c) => c.title), true);
  doc.onBreak = header;
  header();
  for (const r of rows) drawRow(r, false);
  doc.onBreak = null;
  doc.gap(8);
}

const mark = (v: DebtRow['firstResult']) => (v ? markValues.labels[v] : '');
const retake = (on: string | null, result: DebtRow['firstResult']) => (on ? `${ruDate(on)}${result ? `, отметка «${mark(result)}»` : ''}` : 'дата будет сообщена');

async function writer(ctx: Ctx, title: string, subtitle: string[], now: Date): Promise<PdfWriter> {
  return PdfWriter.create({
    school: schoolRow(ctx)?.full_name ?? '',
    title,
    subtitle,
    running: `${title} (продолжение)`,
    footnote: 'Содержит персональные данные',
    now,
  });
}

export interface NoticeStudent {
  name: string;
  className: string | null;
  classTeacher: string | null;
  debts: DebtRow[];
}

export async function noticePdfBytes(ctx: Ctx, yearName: string, students: NoticeStudent[], now: Date): Promise<Uint8Array> {
  const sub = (s: NoticeStudent | undefined) => [s ? `${s.name}${s.className ? `, ${s.className} класс` : ''}` : `${yearName} учебный год`];
  const doc = await writer(ctx, NOTICE_TITLE, sub(students[0]), now);
  if (!students.length) doc.paragraph('Нет обучающихся с академической задолженностью, которая не ликвидирована.', { size: 11 });
  for (const [k, s] of students.entries()) {
    progress(ctx, k, students.length, `Уведомления: ${k + 1} из ${students.length}`);
    checkpoint(ctx);
    if (k > 0) doc.sheet(NOTICE_TITLE, sub(s), `${NOTICE_TITLE} (продолжение)`);
    doc.paragraph('Уважаемые родители (законные представители)!', { size: 11, bold: true, align: 'center' });
    doc.gap(4);
    doc.paragraph(
      `Сообщаем, что по результатам промежуточной аттестации за ${yearName} учебный год у обучающегося ${s.className ? `${s.className} класса ` : ''}${s.name} образовалась академическая задолженность по следующим учебным предметам:`,
      { size: 11 },
    );
    doc.gap(6);
    table(
      doc,
      [{ title: '№', w: 4, align: 'center' }, { title: 'Учебный предмет', w: 20 }, { title: 'Причина', w: 24 }, { title: 'Первая пересдача', w: 17 }, { title: 'Вторая пересдача (комиссия)', w: 18 }, { title: 'Срок ликвидации', w: 17 }],
      s.debts.map((d, i) => [String(i + 1), d.subjectName, debtReasons.labels[d.reason], retake(d.firstRetakeOn, d.firstResult), d.secondRetakeOn ? retake(d.secondRetakeOn, d.secondResult) : 'при несдаче первой', `до ${ruDate(d.deadline)}`]),
      9.5,
    );
    for (const p of LAW) {
      doc.paragraph(p, { size: 9.5 });
      doc.gap(3);
    }
    doc.paragraph(`Дата: ${ruDate(isoDay(now))}`, { size: 10 });
    doc.signature('Классный руководитель', s.classTeacher);
    doc.gap(6);
    doc.paragraph('С уведомлением ознакомлен(а):', { size: 11, bold: true });
    doc.signature('Родитель (законный представитель)', null);
  }
  progress(ctx, students.length, students.length, 'Уведомления: запись файла');
  return doc.finish();
}

export interface ScheduleEntry {
  date: string;
  second: boolean;
  subject: string;
  className: string;
  students: string[];
  /** The teacher of the subject, or the commission (the chair first). */
  who: string;
}

export async function schedulePdfBytes(ctx: Ctx, yearName: string, period: string, entries: ScheduleEntry[], director: string | null, now: Date): Promise<Uint8Array> {
  const doc = await writer(ctx, SCHEDULE_TITLE, [`${yearName} учебный год`, period], now);
  if (!entries.length) doc.paragraph('В этот период пересдачи не назначены.', { size: 11 });
  else
    table(
      doc,
      [{ title: 'Дата', w: 13, align: 'center' }, { title: 'Учебный предмет', w: 16 }, { title: 'Класс', w: 7, align: 'center' }, { title: 'Обучающиеся', w: 25 }, { title: 'Пересдача', w: 12 }, { title: 'Учитель / комиссия', w: 27 }],
      entries.map((e) => [ruDate(e.date), e.subject, e.className, e.students.join(', '), e.second ? 'вторая, комиссией' : 'первая', e.who]),
      9,
    );
  doc.paragraph(`Дата формирования: ${ruDate(isoDay(now))}`, { size: 10 });
  doc.signature('Заместитель директора', null);
  doc.signature('Директор', director, true);
  return doc.finish();
}

export interface ProtocolDoc {
  date: string;
  subject: string;
  classes: string;
  form: string;
  /** The chair first. */
  commission: string[];
  yearName: string;
  students: { name: string; className: string; result: DebtRow['secondResult']; cleared: boolean | null }[];
}

export async function protocolPdfBytes(ctx: Ctx, p: ProtocolDoc & { signers: string[] }, now: Date): Promise<Uint8Array> {
  const doc = await writer(ctx, PROTOCOL_TITLE, [`от ${ruDate(p.date)}`], now);
  const line = (label: string, value: string) => doc.paragraph(`${label}: ${value}`, { size: 11 });
  line('Учебный год', p.yearName);
  line('Учебный предмет', p.subject);
  line('Класс', p.classes);
  line('Форма проведения аттестации', p.form);
  line('Председатель комиссии', p.commission[0] ?? '____________________');
  line('Члены комиссии', p.commission.length > 1 ? p.commission.slice(1).join(', ') : '____________________');
  doc.gap(6);
  doc.paragraph('Результаты аттестации:', { size: 11, bold: true });
  doc.gap(4);
  table(
    doc,
    [{ title: '№', w: 5, align: 'center' }, { title: 'Обучающийся', w: 38 }, { title: 'Класс', w: 9, align: 'center' }, { title: 'Отметка', w: 12, align: 'center' }, { title: 'Решение комиссии', w: 36 }],
    p.students.map((s, i) => [String(i + 1), s.name, s.className, s.result ? mark(s.result) : '', s.cleared === null ? '' : s.cleared ? 'задолженность ликвидирована' : 'задолженность не ликвидирована']),
  );
  const cleared = p.students.filter((s) => s.cleared).length;
  const not = p.students.filter((s) => s.cleared === false).length;
  doc.paragraph(`Задолженность ликвидирована: ${cleared}; не ликвидирована: ${not}${p.students.length - cleared - not ? `; результат не внесён: ${p.students.length - cleared - not}` : ''}.`, { size: 10.5 });
  doc.gap(4);
  doc.signature('Председатель комиссии', p.signers[0] ?? null);
  const members = p.signers.slice(1);
  for (const m of members.length ? members : [null, null]) doc.signature('Член комиссии', m);
  return doc.finish();
}
