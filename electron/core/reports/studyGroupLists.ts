// «Списки учебных групп» (R4): every study group (or one) with its subject, hours, teacher and the
// numbered list of members with their classes; signed by the deputy director.
import type { Ctx } from '../context';
import type { ExportedFile } from '../../api/types';
import { invalid } from '../../api/errors';
import { schoolRow } from '../setup/school';
import { loadSchool } from '../groups/load';
import { studyGroupDetails } from '../groups/studyGroups';
import { fmtHours } from '../workload/assignments';
import { PdfWriter } from './pdf';
import { pdfFile, yearName } from './subgroupLists';
import { outOf, progress } from '../job';

export async function studyGroupListsPdf(ctx: Ctx, groupId?: string | null): Promise<ExportedFile> {
  const school = loadSchool(ctx);
  const groups = school.studyGroups.filter((g) => !groupId || g.id === groupId);
  if (!groups.length) throw invalid(groupId ? 'Учебная группа не найдена. Возможно, она удалена.' : 'Учебных групп нет: печатать нечего.');
  const doc = await PdfWriter.create({
    school: schoolRow(ctx)?.full_name ?? '',
    title: groups.length === 1 ? 'Список учебной группы' : 'Списки учебных групп',
    subtitle: [`${yearName(ctx, school)} учебный год`],
    running: 'Списки учебных групп (продолжение)',
    footnote: 'Содержит персональные данные',
    now: ctx.now(),
  });
  const size = 10.5;
  const lh = doc.lineHeight(size);
  let rows = 0;
  for (const [i, g] of groups.entries()) {
    progress(ctx, i, groups.length, `Списки учебных групп: ${outOf(i, groups.length, ['группа', 'группы', 'групп'])}`);
    const d = studyGroupDetails(school, g);
    doc.ensure(lh * 7);
    doc.paragraph(`${d.kindLabel} «${d.name}»`, { size: 12.5, bold: true });
    const teacher = d.teachers.length ? d.teachers.map((t) => t.fullName).join(', ') : 'не назначен';
    doc.paragraph(`Предмет: ${d.subjectName}; ${fmtHours(d.hoursPerWeek)} ч в неделю; учитель: ${teacher}`, { size: 10 });
    doc.paragraph(`Учеников: ${d.members.length}${d.classNames.length ? ` (${d.classNames.join(', ')})` : ''}`, { size: 10 });
    doc.gap(4);
    const head = () => {
      doc.draw('№', { size: 9.5, bold: true });
      doc.draw('Фамилия, имя, отчество', { size: 9.5, bold: true, x: 28 });
      doc.draw('Класс', { size: 9.5, bold: true, align: 'right' });
      doc.y -= doc.lineHeight(9.5);
      doc.rule();
      doc.y -= 3;
    };
    head();
    doc.onBreak = head;
    d.members.forEach((m, i) => {
      doc.ensure(lh);
      doc.draw(`${i + 1}.`, { size });
      doc.draw(m.fullName, { size, x: 28, width: doc.width - 90 });
      doc.draw(m.className ?? '—', { size, align: 'right' });
      doc.y -= lh;
    });
    doc.onBreak = null;
    rows += d.members.length;
    doc.gap(14);
  }
  doc.signature('Заместитель директора', null);
  return pdfFile(groups.length === 1 ? `Список группы ${groups[0]!.name}` : 'Списки учебных групп', ctx, await doc.finish(), rows);
}
