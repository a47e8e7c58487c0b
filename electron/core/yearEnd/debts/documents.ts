// What the debts' documents hold (issue 15 point 2): the students and their open debts for the
// notices, the retakes of a period for the schedule, one commission's retake for the protocol.
import type { Ctx } from '../../context';
import type { OpParsed } from '../../../api/contract';
import type { DebtRow } from '../../../api/debts';
import { invalid } from '../../../api/errors';
import { fullName, ruDate } from '../../format';
import { initialsName } from '../../groups/load';
import { directorName } from '../../books/pdf';
import { classesOfYear, staffPeople, subjectTeachers, yearRow } from './queries';
import { debtViews, isNegative, isPositive } from './view';
import { DEFAULT_FORM, type NoticeStudent, type ProtocolDoc, type ScheduleEntry } from './pdf';

const collate = new Intl.Collator('ru').compare;

export function noticeData(ctx: Ctx, i: OpParsed<'debts.noticePdf'>): { yearName: string; students: NoticeStudent[]; name: string } {
  const y = yearRow(ctx, i.yearId);
  const classes = new Map(classesOfYear(ctx, y.id).map((c) => [c.id, c]));
  const only = i.studentIds?.length ? new Set(i.studentIds) : null;
  const rows = debtViews(ctx, y.id).filter((d) => d.status === 'open' && (!i.classId || d.classId === i.classId) && (!only || only.has(d.studentId)));
  const teachers = staffPeople(ctx, [...classes.values()].flatMap((c) => (c.class_teacher_id ? [c.class_teacher_id] : [])));
  const by = new Map<string, DebtRow[]>();
  for (const r of rows) (by.get(r.studentId) ?? by.set(r.studentId, []).get(r.studentId)!).push(r);
  const students = [...by.values()]
    .map((ds) => {
      const c = ds[0]!.classId ? classes.get(ds[0]!.classId) : undefined;
      const t = c?.class_teacher_id ? teachers.get(c.class_teacher_id) : undefined;
      return { name: ds[0]!.studentName, className: ds[0]!.className, grade: ds[0]!.grade ?? 99, classTeacher: t ? initialsName(t) : null, debts: ds.sort((a, b) => collate(a.subjectName, b.subjectName)) };
    })
    .sort((a, b) => a.grade - b.grade || collate(a.className ?? '', b.className ?? '') || collate(a.name, b.name))
    .map(({ grade: _, ...s }) => s);
  const cls = i.classId ? classes.get(i.classId)?.name : null;
  const name = students.length === 1 ? `Уведомление об академической задолженности ${students[0]!.name}` : `Уведомления об академической задолженности${cls ? ` ${cls}` : ''}`;
  return { yearName: y.name, students, name };
}

export function scheduleData(ctx: Ctx, i: OpParsed<'debts.schedulePdf'>): { yearName: string; period: string; entries: ScheduleEntry[]; director: string | null } {
  const y = yearRow(ctx, i.yearId);
  const from = i.from ?? null;
  const to = i.to ?? null;
  if (from && to && from > to) throw invalid('Период: дата «с» позже даты «по»', [{ column: 'to', message: 'Позже даты «с»' }]);
  const within = (d: string | null): d is string => !!d && (!from || d >= from) && (!to || d <= to);
  const groups = new Map<string, ScheduleEntry & { classId: string | null; subjectId: string; commission: string[] }>();
  for (const d of debtViews(ctx, y.id)) {
    if (i.classId && d.classId !== i.classId) continue;
    const add = (date: string, second: boolean) => {
      const key = `${date}|${d.subjectId}|${d.classId}|${second}`;
      const g = groups.get(key) ?? { date, second, subject: d.subjectName, className: d.className ?? '—', students: [], who: '', classId: d.classId, subjectId: d.subjectId, commission: [] };
      g.students.push(d.studentName);
      if (second) for (const m of d.commission) if (!g.commission.includes(m.name)) g.commission.push(m.name);
      groups.set(key, g);
    };
    if (within(d.firstRetakeOn)) add(d.firstRetakeOn, false);
    if (within(d.secondRetakeOn) && isNegative(d.firstResult)) add(d.secondRetakeOn, true);
  }
  const entries = [...groups.values()]
    .map(({ classId, subjectId, commission, ...e }) => ({
      ...e,
      students: e.students.sort(collate),
      who: e.second
        ? commission.length ? `комиссия: ${commission[0]} (председатель)${commission.length > 1 ? `, ${commission.slice(1).join(', ')}` : ''}` : 'комиссия не назначена'
        : (classId ? subjectTeachers(ctx, classId, subjectId).join(', ') : '') || 'учитель не назначен',
    }))
    .sort((a, b) => a.date.localeCompare(b.date) || collate(a.subject, b.subject) || collate(a.className, b.className));
  const period = from || to ? `Период: ${from ? `с ${ruDate(from)} ` : ''}${to ? `по ${ruDate(to)}` : ''}`.trim() : 'Все назначенные пересдачи';
  return { yearName: y.name, period, entries, director: directorName(ctx) };
}

/** One debt's second retake, or every second retake of a subject on a day. */
export function protocolData(ctx: Ctx, i: OpParsed<'debts.protocolPdf'>): ProtocolDoc & { signers: string[] } {
  const { db } = ctx;
  let yearId = i.yearId ?? null;
  let subjectId = i.subjectId ?? null;
  let date = i.date ?? null;
  if (i.id) {
    const d = db.first(db.q.selectFrom('academic_debt').select(['year_id', 'subject_id', 'second_retake_on']).where('id', '=', i.id).where('deleted_at', 'is', null));
    if (!d) throw invalid('Академическая задолженность не найдена — возможно, её уже удалили.');
    if (!d.second_retake_on) throw invalid('Протокол комиссии составляется на вторую пересдачу: её дата не назначена.', [{ column: 'secondRetakeOn', message: 'Назначьте вторую пересдачу' }]);
    yearId = d.year_id;
    subjectId = d.subject_id;
    date = d.second_retake_on;
  }
  if (!subjectId || !date) throw invalid('Выберите задолженность или предмет и дату второй пересдачи.', [{ column: subjectId ? 'date' : 'subjectId', message: 'Не выбрано' }]);
  const y = yearRow(ctx, yearId);
  const debts = debtViews(ctx, y.id).filter((d) => d.subjectId === subjectId && d.secondRetakeOn === date);
  if (!debts.length) throw invalid(`Второй пересдачи по этому предмету ${ruDate(date)} нет.`, [{ column: 'date', message: 'В этот день нет пересдачи' }]);
  const ids: string[] = [];
  for (const d of debts) for (const m of d.commission) if (!ids.includes(m.id)) ids.push(m.id);
  const people = staffPeople(ctx, ids);
  const commission = ids.flatMap((id) => (people.get(id) ? [fullName(people.get(id)!)] : []));
  debts.sort((a, b) => (a.grade ?? 99) - (b.grade ?? 99) || collate(a.studentName, b.studentName));
  const classes = [...new Set(debts.map((d) => d.className ?? '—'))];
  return {
    date,
    subject: debts[0]!.subjectName,
    classes: classes.join(', '),
    form: debts.find((d) => d.note)?.note ?? DEFAULT_FORM,
    commission,
    signers: ids.flatMap((id) => (people.get(id) ? [initialsName(people.get(id)!)] : [])),
    yearName: y.name,
    students: debts.map((d) => ({ name: d.studentName, className: d.className ?? '—', result: d.secondResult, cleared: d.secondResult ? isPositive(d.secondResult) : null })),
  };
}
