// The printed order (issue 12 point 3) in the official form of a Russian school's order about
// students: the school's letterhead, «ПРИКАЗ», the date and «№ 12-зп», the title, the preamble,
// «ПРИКАЗЫВАЮ:», the numbered points with the list of students (classes and dates), the basis, the
// director's signature line and «С приказом ознакомлены:». A draft prints watermarked «ПРОЕКТ».
import type { Ctx } from '../context';
import type { ExportedFile } from '../../api/types';
import type { OrderDetails, OrderItemView } from '../../api/orders';
import { PdfWriter } from '../reports/pdf';
import { initialsName } from '../groups/load';
import { ruDate } from '../format';
import { progress, resultFile } from '../job';
import { getOrder } from './queries';
import { schoolRow } from '../setup/school';
import { decisionGroups } from './printYearEnd';

const born = (it: OrderItemView) => (it.birthDate ? `, ${ruDate(it.birthDate)} г. р.` : '');
const cls = (name: string | null) => (name ? `${name} класс` : 'класс не указан');

/** One student's line of the list, as the kind says it. */
function itemLine(o: OrderDetails, it: OrderItemView): string {
  const name = `${it.fullName}${born(it)}`;
  switch (o.kind) {
    case 'enrollment':
      return `${name}, — в ${it.classToName ? cls(it.classToName) : `${it.grade ?? 1}-й класс`} с ${ruDate(it.effectiveDate)}${it.personalFileNo ? ` (личное дело № ${it.personalFileNo})` : ''}`;
    case 'class_forming':
      return `${name}`;
    case 'transfer_in':
      return `${name}, — в ${cls(it.classToName)} с ${ruDate(it.effectiveDate)}${it.schoolFrom ? `, прибывшего(-ую) из ${it.schoolFrom}` : ''}`;
    case 'transfer_out':
      return `${name}, обучающегося(-уюся) ${cls(it.classFromName)}а, — с ${ruDate(it.effectiveDate)} в связи с переводом в ${it.schoolTo ?? '…'}`;
    case 'expulsion':
      return `${name}, обучающегося(-уюся) ${cls(it.classFromName)}а, — с ${ruDate(it.effectiveDate)}${it.reason ? `; причина: ${it.reason}` : ''}`;
    case 'class_transfer':
      return `${name}, — из ${it.classFromName ?? '…'} в ${cls(it.classToName)} с ${ruDate(it.effectiveDate)}`;
    case 'cancellation':
      return `${name}${it.classToName ? `, ${cls(it.classToName)}` : it.classFromName ? `, ${cls(it.classFromName)}` : ''}`;
    case 'promotion':
    case 'graduation':
      return `${name}${it.classFromName ? `, ${cls(it.classFromName)}` : ''}`;
  }
}

const VERB: Record<OrderDetails['kind'], string> = {
  enrollment: 'Зачислить в число обучающихся:',
  class_forming: 'Сформировать классы и распределить в них обучающихся с указанной даты:',
  transfer_in: 'Зачислить в порядке перевода из другой образовательной организации:',
  transfer_out: 'Отчислить в порядке перевода в другую образовательную организацию:',
  expulsion: 'Отчислить из числа обучающихся:',
  class_transfer: 'Перевести в другой класс:',
  cancellation: '',
  promotion: 'Перевести в следующий класс:',
  graduation: 'Отчислить в связи с завершением обучения:',
};

export async function orderPdf(ctx: Ctx, id: string): Promise<ExportedFile> {
  const { db } = ctx;
  const o = getOrder(ctx, id);
  const school = schoolRow(ctx);
  const director = school?.director_id ? db.first(db.q.selectFrom('staff').select(['last_name', 'first_name', 'middle_name']).where('id', '=', school.director_id)) : undefined;
  const number = o.numberText ? `№ ${o.numberText}` : '№ ______';
  progress(ctx, 0, 1, 'Приказ');
  const doc = await PdfWriter.create({
    school: school?.full_name ?? 'Образовательная организация',
    letterhead: [school?.address, [school?.phone ? `тел. ${school.phone}` : null, school?.email ? `e-mail: ${school.email}` : null, school?.inn ? `ИНН ${school.inn}` : null].filter(Boolean).join(', ')].filter((l): l is string => !!l),
    title: 'ПРИКАЗ',
    subtitle: [],
    running: `Приказ ${number} от ${ruDate(o.date)} (продолжение)`,
    footnote: 'Содержит персональные данные',
    watermark: o.status === 'draft' ? 'ПРОЕКТ' : undefined,
    now: ctx.now(),
  });
  // The date left, the number right, on one line.
  doc.gap(2);
  doc.draw(ruDate(o.date), { size: 12 });
  doc.draw(number, { size: 12, align: 'right' });
  doc.gap(doc.lineHeight(12) + 16);
  doc.paragraph(o.title, { size: 12, bold: true, width: doc.width * 0.62 });
  doc.gap(12);
  if (o.preamble) doc.paragraph(`${o.preamble.replace(/[.,;:\s]+$/, '')},`, { size: 12 });
  doc.gap(8);
  doc.paragraph('ПРИКАЗЫВАЮ:', { size: 12, bold: true });
  doc.gap(6);
  let point = 0;
  const para = (text: string) => {
    point++;
    doc.paragraph(`${point}. ${text}`, { size: 12 });
    doc.gap(4);
  };
  if (o.kind === 'cancellation') {
    const c = o.cancels;
    para(`Отменить приказ ${c?.numberText ? `№ ${c.numberText} ` : ''}от ${ruDate(c?.date)} «${c?.title ?? ''}» как изданный ошибочно.`);
    para('Восстановить сведения о классах (членство в классах) обучающихся, которых касался отменённый приказ, в том виде, в каком они были до его издания:');
  } else if (o.kind !== 'promotion' && o.kind !== 'graduation') para(VERB[o.kind]);
  const list = (items: OrderItemView[], prefix: string) =>
    items.forEach((it, idx) => {
      doc.paragraph(`${prefix}${idx + 1}. ${itemLine(o, it)}${idx === items.length - 1 ? '.' : ';'}`, { size: 12, x: 24 });
    });
  if (o.kind === 'class_forming') {
    // One sub-point per class: «1.1. 1А класс (25 обучающихся):», the children under it.
    const byClass = new Map<string, OrderItemView[]>();
    for (const it of o.items) byClass.set(it.classToName ?? '?', [...(byClass.get(it.classToName ?? '?') ?? []), it]);
    [...byClass.entries()].forEach(([name, items], k) => {
      doc.paragraph(`${point}.${k + 1}. ${name} класс с ${ruDate(items[0]!.effectiveDate)} (${items.length} обуч.):`, { size: 12, x: 12, bold: true });
      items.forEach((it, idx) => doc.paragraph(`${idx + 1}) ${itemLine(o, it)}${idx === items.length - 1 ? '.' : ';'}`, { size: 12, x: 36 }));
      doc.gap(3);
    });
  } else if (o.kind === 'promotion' || o.kind === 'graduation') {
    // Issue 15: one point per decision and class, in the official wording, the students under it.
    for (const g of decisionGroups(ctx, o)) {
      para(g.heading);
      g.lines.forEach((line, idx) => doc.paragraph(`${point}.${idx + 1}. ${line.replace(/\.$/, '')}${idx === g.lines.length - 1 ? '.' : ';'}`, { size: 12, x: 24 }));
      doc.gap(4);
    }
  } else list(o.items, `${point}.`);
  doc.gap(4);
  if (o.kind === 'graduation')
    para('Секретарю выдать аттестаты об образовании, внести сведения о выбытии в алфавитную книгу записи обучающихся и книгу движения учащихся.');
  if (o.kind === 'promotion' && o.items.some((it) => it.decision === 'conditional'))
    para('Заместителю директора по учебной работе организовать ликвидацию академической задолженности в установленные сроки, классным руководителям ознакомить родителей (законных представителей) обучающихся, переведённых условно, с настоящим приказом под подпись.');
  if (o.kind === 'enrollment' || o.kind === 'transfer_in' || o.kind === 'transfer_out' || o.kind === 'expulsion')
    para(
      o.kind === 'transfer_out' || o.kind === 'expulsion'
        ? 'Секретарю внести сведения о выбытии в алфавитную книгу записи обучающихся и книгу движения учащихся, выдать родителям (законным представителям) личное дело обучающегося.'
        : 'Секретарю внести записи в алфавитную книгу записи обучающихся, оформить личные дела обучающихся.',
    );
  if (o.kind !== 'cancellation') para('Классным руководителям внести изменения в списки классов в электронном журнале.');
  para('Контроль за исполнением настоящего приказа оставляю за собой.');
  if (o.basis) {
    doc.gap(4);
    doc.paragraph(`Основание: ${o.basis.replace(/\.$/, '')}.`, { size: 12 });
  }
  // The director's signature.
  doc.keep(doc.lineHeight(12) * 3);
  doc.gap(22);
  doc.draw('Директор', { size: 12 });
  doc.draw('____________', { size: 12, x: doc.width * 0.42 });
  doc.draw(director ? initialsName(director) : '____________________', { size: 12, align: 'right' });
  doc.gap(doc.lineHeight(12) + 18);
  // Those the order concerns sign that they have read it: the class teachers of the classes named.
  const classIds = [...new Set(o.items.flatMap((it) => [it.classFromId, it.classToId]).filter((c): c is string => !!c))];
  const teachers = classIds.length
    ? db.all(
        db.q
          .selectFrom('school_class as c')
          .innerJoin('staff as t', 't.id', 'c.class_teacher_id')
          .select(['t.id', 't.last_name', 't.first_name', 't.middle_name'])
          .where('c.id', 'in', classIds)
          .where('t.deleted_at', 'is', null),
      )
    : [];
  const names = [...new Map(teachers.map((t) => [t.id, initialsName(t)])).values()].sort((a, b) => a.localeCompare(b, 'ru'));
  doc.keep(doc.lineHeight(12) * (2 + Math.max(names.length, 2)));
  doc.paragraph('С приказом ознакомлены:', { size: 12 });
  doc.gap(6);
  for (const n of [...names, ...(names.length ? [] : ['', ''])]) {
    doc.ensure(doc.lineHeight(12) + 12);
    doc.draw('____________', { size: 12 });
    doc.draw(n || '____________________', { size: 12, x: doc.width * 0.3 });
    doc.draw('«___» ____________ 20___ г.', { size: 12, align: 'right' });
    doc.gap(doc.lineHeight(12) + 10);
  }
  progress(ctx, 1, 1, 'Приказ: запись файла');
  const file = `Приказ ${o.numberText ? `№ ${o.numberText} ` : '(проект) '}от ${ruDate(o.date)}.pdf`;
  return resultFile(ctx, file, await doc.finish(), o.items.length);
}
