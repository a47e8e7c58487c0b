// «Списки подгрупп» of a class (R4, 000 §3): for each divided subject, the numbered list of every
// subgroup with its teacher, side by side; signed by the class teacher.
import type { Ctx } from '../context';
import type { Division, ExportedFile } from '../../api/types';
import { invalid } from '../../api/errors';
import { ruDate } from '../format';
import { schoolRow } from '../setup/school';
import { initialsName, key, loadSchool, type ClassInfo, type School } from '../groups/load';
import { divisionView } from '../groups/view';
import { PdfWriter } from './pdf';
import { fmtHours } from '../workload/assignments';
import { divisionMethods } from '../../api/enums';
import { WORDS } from '../../api/plural';
import { outOf, progress, resultFile } from '../job';


export function yearName(ctx: Ctx, school: School): string {
  const { db } = ctx;
  return db.first(db.q.selectFrom('academic_year').select('name').where('id', '=', school.yearId ?? ''))?.name ?? '';
}

/** A printed document as the operation's result file: «<name> <date>.pdf». */
export const pdfFile = (name: string, ctx: Ctx, bytes: Uint8Array, rows: number): Promise<ExportedFile> =>
  resultFile(ctx, `${name.replace(/[\\/:*?"<>|«»]+/g, ' ').replace(/\s+/g, ' ').trim()} ${ruDate(ctx.now().toISOString().slice(0, 10))}.pdf`, bytes, rows);

/** The subgroups of one division in columns (at most three side by side), numbered, page breaks repeating the headings. */
function drawDivision(doc: PdfWriter, d: Division, hours: number): number {
  const size = 10.5;
  const lh = doc.lineHeight(size);
  const longest = Math.max(...d.subgroups.slice(0, 3).map((g) => g.members.length));
  doc.keep(doc.lineHeight(12.5) + doc.lineHeight(9.5) * 2 + lh * (longest + 2) + 10);
  doc.paragraph(`${d.subjectName}`, { size: 12.5, bold: true });
  doc.paragraph(`${fmtHours(hours)} ч в неделю; деление: ${divisionMethods.text(d.method)}`, { size: 9.5 });
  doc.gap(4);
  let listed = 0;
  for (let start = 0; start < d.subgroups.length; start += 3) {
    const row = d.subgroups.slice(start, start + 3);
    const gapX = 14;
    const colW = (doc.width - gapX * (row.length - 1)) / Math.max(2, row.length);
    const columns = row.map((g) => {
      const teacher = g.teachers.length ? g.teachers.map((t) => t.fullName).join(', ') : 'не назначен';
      const lines: string[] = [];
      g.members.forEach((m, i) => {
        const wrapped = doc.wrap(`${i + 1}. ${m.fullName}`, colW - 14, size);
        lines.push(...wrapped.map((l, k) => (k === 0 ? l : `     ${l}`)));
      });
      return {
        head: doc.wrap(`${g.name} (${g.members.length})`, colW, size, true),
        teacher: doc.wrap(`Учитель: ${teacher}`, colW, 9.5),
        lines,
      };
    });
    const heads = () => {
      const h = Math.max(...columns.map((c) => c.head.length * lh + c.teacher.length * doc.lineHeight(9.5)));
      const top = doc.y;
      columns.forEach((c, i) => {
        doc.y = top;
        for (const l of c.head) (doc.draw(l, { size, bold: true, x: i * (colW + gapX), width: colW }), (doc.y -= lh));
        for (const l of c.teacher) (doc.draw(l, { size: 9.5, x: i * (colW + gapX), width: colW }), (doc.y -= doc.lineHeight(9.5)));
      });
      doc.y = top - h - 2;
      doc.rule(0, doc.width);
      doc.y -= 3;
    };
    doc.ensure(lh * 4);
    heads();
    doc.onBreak = heads;
    const rows = Math.max(...columns.map((c) => c.lines.length));
    for (let r = 0; r < rows; r++) {
      doc.ensure(lh);
      columns.forEach((c, i) => {
        const l = c.lines[r];
        if (l) doc.draw(l, { size, x: i * (colW + gapX), width: colW });
      });
      doc.y -= lh;
    }
    doc.onBreak = null;
    listed += row.reduce((s, g) => s + g.members.length, 0);
    doc.gap(8);
  }
  if (d.unplaced.length) doc.paragraph(`Не распределены: ${d.unplaced.map((u) => u.fullName).join(', ')}`, { size: 9.5 });
  doc.gap(10);
  return listed;
}

/**
 * The lists of one class (every divided subject, or one), or — without a class — of every class
 * of the year that is divided, each from a new sheet with its class teacher's signature.
 */
export async function subgroupListsPdf(ctx: Ctx, classId?: string | null, subjectId?: string | null): Promise<ExportedFile> {
  const school = loadSchool(ctx, classId ? { classId } : undefined);
  const c = classId ? school.classById.get(classId) : undefined;
  if (classId && !c) throw invalid('Класс не найден. Возможно, он удалён.');
  const order = (id: string) => school.subjects.get(id)?.sort_order ?? 0;
  const divisionsOf = (cls: ClassInfo) =>
    school.divisions.filter((d) => d.class_id === cls.id && (!subjectId || d.subject_id === subjectId)).sort((a, b) => order(a.subject_id) - order(b.subject_id));
  const only = subjectId ? school.subjects.get(subjectId)?.name : undefined;
  const classes = (c ? [c] : school.classes).filter((x) => divisionsOf(x).length);
  if (!classes.length)
    throw invalid(`${c ? `${c.name} не разделён` : 'Ни один класс не разделён'} на подгруппы${subjectId ? ` по предмету «${only ?? ''}»` : ''}: печатать нечего.`);
  const year = yearName(ctx, school);
  const doc = await PdfWriter.create({
    school: schoolRow(ctx)?.full_name ?? '',
    title: 'Списки подгрупп',
    subtitle: [c ? `Класс ${c.name}, ${year} учебный год` : `${year} учебный год`, ...(only ? [`Предмет: ${only}`] : [])],
    running: c ? `Списки подгрупп, класс ${c.name} (продолжение)` : 'Списки подгрупп (продолжение)',
    footnote: 'Содержит персональные данные',
    now: ctx.now(),
  });
  let rows = 0;
  for (const [i, cls] of classes.entries()) {
    progress(ctx, i, classes.length, `Списки подгрупп: ${outOf(i, classes.length, WORDS.class)}`);
    if (!c) doc.section(`Класс ${cls.name}`, `Списки подгрупп, класс ${cls.name} (продолжение)`, i > 0);
    for (const d of divisionsOf(cls)) rows += drawDivision(doc, divisionView(school, d), school.plan.get(key(cls.id, d.subject_id)) ?? 0);
    const teacher = cls.class_teacher_id ? school.staff.get(cls.class_teacher_id) : undefined;
    doc.signature('Классный руководитель', teacher ? initialsName(teacher) : null);
  }
  progress(ctx, classes.length, classes.length, 'Списки подгрупп: запись файла');
  const bytes = await doc.finish();
  return pdfFile(c ? `Списки подгрупп ${c.name}${only ? ` ${only}` : ''}` : `Списки подгрупп всех классов${only ? ` ${only}` : ''}`, ctx, bytes, rows);
}
