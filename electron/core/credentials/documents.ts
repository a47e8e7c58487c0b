// The printed documents of credentials (R7, `002 §5.17`):
// - slips for cutting, a sheet (or more) per class: school, ФИО, role, login, one-time password, how
//   to log in to the central journal — for those issued and not yet handed;
// - «Журнал выдачи учётных данных»: № / дата / обучающийся / получатель и роль / логин / способ
//   выдачи / подпись получателя (left empty, signed on paper) / кто выдал, A4 landscape.
import type { Ctx } from '../context';
import type { ExportedFile } from '../../api/types';
import { credentialHandings, credentialRoles } from '../../api/enums';
import { invalid } from '../../api/errors';
import { PdfWriter } from '../reports/pdf';
import { ruDate } from '../format';
import { progress, resultFile, checkpoint } from '../job';
import { drawTable, type Column } from '../substitutions/pdfTable';
import * as q from './queries';

/** The line to cut along (the font has no scissors glyph). */
const CUT = `${'- '.repeat(38)}линия отреза${' -'.repeat(38)}`;

const PERSONAL = 'Содержит персональные данные и пароли: хранить и передавать лично';

function journalAddress(ctx: Ctx): string | null {
  const r = ctx.db.statement(`SELECT server_url FROM sync_state WHERE id = 1`).get() as { server_url: string | null } | undefined;
  return r?.server_url ?? null;
}

const roleText = (r: q.RequestRow) => (r.role === 'parent' ? `Родитель (законный представитель)${r.relation ? `, ${r.relation}` : ''} — ученик ${r.student_name}` : 'Обучающийся');

export async function slipsPdf(ctx: Ctx, classId: string | null): Promise<ExportedFile> {
  const rows = q.requests(ctx.db, classId).filter((r) => r.login && !r.handed_on);
  if (!rows.length) throw invalid('Нет выданных центральной системой и ещё не врученных учётных данных: печатать нечего.');
  const school = q.schoolFullName(ctx.db);
  const address = journalAddress(ctx);
  const byClass = new Map<string, q.RequestRow[]>();
  for (const r of rows) {
    const k = r.class_name ?? 'Без класса';
    byClass.set(k, [...(byClass.get(k) ?? []), r]);
  }
  const doc = await PdfWriter.create({
    school,
    title: 'Учётные данные для входа в электронный журнал',
    subtitle: [classId ? `Класс ${[...byClass.keys()][0]}` : 'По классам', 'Разрезать по пунктирной линии; вручить под подпись в журнале выдачи'],
    running: 'Учётные данные (продолжение)',
    footnote: PERSONAL,
    now: ctx.now(),
  });
  let first = true;
  let done = 0;
  for (const [cls, list] of byClass) {
    checkpoint(ctx);
    doc.section(`Класс ${cls}${list[0]?.teacher_name ? `, классный руководитель ${list[0].teacher_name}` : ''}`, `Учётные данные, класс ${cls} (продолжение)`, !first);
    first = false;
    for (const r of list) {
      const lh = doc.lineHeight(10.5);
      doc.keep(lh * 9 + 16);
      doc.draw(CUT, { size: 7, align: 'center' });
      doc.gap(12);
      doc.paragraph(school, { size: 9.5 });
      doc.paragraph(r.role === 'parent' ? (r.guardian_name ?? '') : r.student_name, { size: 12, bold: true });
      doc.paragraph(`${roleText(r)}; класс ${cls}`, { size: 10.5 });
      doc.paragraph(`Логин: ${r.login}`, { size: 12, bold: true });
      doc.paragraph(`Одноразовый пароль: ${r.one_time_password}`, { size: 12, bold: true });
      doc.paragraph(
        `Как войти: откройте электронный журнал${address ? ` (${address})` : ' (адрес сообщит классный руководитель)'}, введите логин и одноразовый пароль; при первом входе система попросит придумать свой пароль. Пароль никому не сообщайте.`,
        { size: 9.5 },
      );
      doc.gap(6);
      progress(ctx, ++done, rows.length, 'Листки с учётными данными');
    }
    doc.draw(CUT, { size: 7, align: 'center' });
    doc.gap(12);
  }
  const name = classId ? `Учётные данные ${[...byClass.keys()][0]}.pdf` : 'Учётные данные по классам.pdf';
  return resultFile(ctx, name, await doc.finish(), rows.length);
}

const COLUMNS: Column[] = [
  { header: '№', align: 'center', min: 22, max: 30 },
  { header: 'Дата выдачи', align: 'center', min: 56, max: 64 },
  { header: 'Обучающийся, класс', min: 90, max: 170 },
  { header: 'Получатель и роль', min: 100, max: 190 },
  { header: 'Логин', min: 100, max: 130 },
  { header: 'Способ выдачи', min: 100, max: 110 },
  { header: 'Подпись получателя', min: 110, max: 110 },
  { header: 'Кто выдал', min: 70, max: 130 },
];

export async function registerPdf(ctx: Ctx, from: string | null, to: string | null): Promise<ExportedFile> {
  if (from && to && to < from) throw invalid('Дата окончания периода раньше даты начала.', [{ column: 'to', message: 'Конец периода раньше его начала' }]);
  const rows = q.registerRows(ctx.db, from, to).filter((r) => r.login);
  const cells = rows.map((r, i) => [
    String(i + 1),
    r.handed_on ? ruDate(r.handed_on) : '',
    `${r.student_name}${r.class_name ? `, ${r.class_name}` : ''}`,
    r.role === 'parent' ? `${r.handed_to ?? r.guardian_name ?? ''} — ${r.relation ?? credentialRoles.labels.parent.toLowerCase()}` : `${r.handed_to ?? r.student_name} — ${credentialRoles.labels.student.toLowerCase()}`,
    r.login ?? '',
    r.handed_how ? credentialHandings.labels[r.handed_how] : '',
    '',
    r.handed_by ?? '',
  ]);
  const period = from || to ? `${from ? `с ${ruDate(from)} ` : ''}${to ? `по ${ruDate(to)}` : ''}`.trim() : null;
  const doc = await PdfWriter.create({
    school: q.schoolFullName(ctx.db),
    title: 'Журнал выдачи учётных данных',
    subtitle: [period ? `Период: ${period}` : 'Учётные записи обучающихся и родителей (законных представителей) в электронном журнале'],
    running: 'Журнал выдачи учётных данных (продолжение)',
    footnote: 'Содержит персональные данные',
    landscape: true,
    now: ctx.now(),
  });
  progress(ctx, 0, 1, 'Журнал выдачи учётных данных');
  if (!cells.length) doc.paragraph('Учётных данных, выданных центральной системой, за этот период нет.', { size: 11 });
  else drawTable(doc, COLUMNS, cells, 9);
  doc.signature('Ответственный за ведение журнала', ctx.session.user?.displayName ?? null);
  progress(ctx, 1, 1, 'Журнал выдачи учётных данных: запись файла');
  return resultFile(ctx, 'Журнал выдачи учётных данных.pdf', await doc.finish(), cells.length);
}
