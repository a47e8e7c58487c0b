// The term report and the class teacher's report as documents (issue 13 points 1, 6; R19): what
// each says, section by section, laid out once (document.ts prints it as PDF and writes it as XLSX).
// The term report: «Отчёт об успеваемости … за 2 четверть 2026/2027 учебного года» — the figures by
// class, the distribution of period marks as a chart, by subject, the comparison with the previous
// period and the same period a year ago, the names behind неуспевающие, н/а, one «4», one «3», by
// teacher; signed by the deputy director.
import type { Ctx } from '../context';
import type { z } from 'zod';
import type { TermDynamics, TermFigures, TermList, TermReport, TermSubjectFigures, termReportInput } from '../../api/term';
import type { ClassTeacherReport, TermByTeacher } from '../../api/termFiles';
import { markValues } from '../../api/enums';
import { ruDate } from '../format';
import { schoolRow } from '../setup/school';
import { initialsName } from '../groups/load';
import { currentYearId } from '../year';
import * as q from './queries';
import type { Cell, Column, ReportDoc, Section } from './document';
import { DYNAMICS_LATER, dynamicsChart } from './chart';

type Input = z.output<typeof termReportInput>;

/** The academic year's name of a report's period, «2026/2027». */
export function yearNameOf(ctx: Ctx, periodId: string | null | undefined): string {
  const yearId = periodId ? q.studyPeriod(ctx.db, periodId)?.year_id : currentYearId(ctx);
  return (yearId && q.yearRow(ctx.db, yearId)?.name) || '';
}

/** «за 2 четверть 2026/2027 учебного года», «за 2026/2027 учебный год». */
export const periodPhrase = (period: { id: string | null; name: string }, yearName: string) =>
  period.id ? `за ${period.name} ${yearName} учебного года` : `за ${yearName} учебный год`;

/** The deputy director signing: the acting user when a deputy with a staff card, else a blank to fill in. */
function deputyName(ctx: Ctx): string | null {
  const user = ctx.session.user;
  if (!user) return null;
  const me = ctx.db.statement(`SELECT t.last_name, t.first_name, t.middle_name, t.roles FROM staff t JOIN app_user u ON u.staff_id = t.id WHERE u.id = ?`).get(user.id) as
    | { last_name: string; first_name: string; middle_name: string | null; roles: string | null }
    | undefined;
  return me && JSON.parse(me.roles || '[]').includes('deputy') ? initialsName(me) : null;
}

const col = (header: string, width: number, kind: Column['kind'] = 'int'): Column => ({ header, width, kind });

const FIGURE_COLUMNS: Column[] = [
  col('Учеников', 1.1),
  col('N', 0.8),
  col('Отличники', 1.2),
  col('Хорошисты', 1.2),
  col('из них с одной «4»', 1.2),
  col('На «3»', 1),
  col('из них с одной «3»', 1.2),
  col('Неуспевающие', 1.7),
  col('Н/а', 0.8),
  col('Осв.', 0.8),
  col('Успеваемость, %', 1.7, 'pct'),
  col('Качество, %', 1.3, 'pct'),
  col('СОУ, %', 1, 'pct'),
  col('Средний балл', 1.1, 'avg'),
];
const figureCells = (f: TermFigures): Cell[] => [
  f.counted.count,
  f.n.count,
  f.excellent.count,
  f.good.count,
  f.oneFour.count,
  f.satisfactory.count,
  f.oneThree.count,
  f.failing.count,
  f.notAttested.count,
  f.exempt.count,
  f.progress,
  f.quality,
  f.sou,
  f.average,
];

/** The comparison's columns: the main figures (the subsets and «осв.» left to the tables above). */
const COMPARE_COLUMNS = [0, 1, 2, 3, 5, 7, 8, 10, 11, 12, 13];

const SUBJECT_COLUMNS: Column[] = [
  col('N', 0.8),
  col('«5»', 0.8),
  col('«4»', 0.8),
  col('«3»', 0.8),
  col('«2»', 0.8),
  col('н/а', 0.8),
  col('осв.', 0.8),
  col('зач', 0.8),
  col('незач', 0.9),
  col('Успеваемость, %', 1.7, 'pct'),
  col('Качество, %', 1.3, 'pct'),
  col('СОУ, %', 1, 'pct'),
  col('Средний балл', 1.1, 'avg'),
];
const subjectCells = (s: TermSubjectFigures): Cell[] => [
  s.n,
  s.marks['5'].count,
  s.marks['4'].count,
  s.marks['3'].count,
  s.marks['2'].count,
  s.marks.na.count,
  s.marks.exempt.count,
  s.marks.pass.count,
  s.marks.fail.count,
  s.progress,
  s.quality,
  s.sou,
  s.average,
];

/** The distribution of the scope's period marks as bars, each with its share of them. */
export function distribution(f: TermFigures) {
  const m = f.marks;
  const total = m['5'] + m['4'] + m['3'] + m['2'] + m.na;
  const share = (n: number) => (total ? `${((Math.round((n * 1000) / total) / 10).toLocaleString('ru-RU', { minimumFractionDigits: 1, maximumFractionDigits: 1 }))} %` : '—');
  return [
    { label: '«5»', value: m['5'], note: share(m['5']) },
    { label: '«4»', value: m['4'], note: share(m['4']) },
    { label: '«3»', value: m['3'], note: share(m['3']) },
    { label: '«2»', value: m['2'], note: share(m['2']) },
    { label: 'н/а', value: m.na, note: share(m.na) },
  ];
}

function namesSection(heading: string, l: TermList, withSubjects: boolean): Section {
  return {
    heading: `${heading}: ${l.count}`,
    table: {
      columns: [col('№', 0.5), col('Фамилия, имя, отчество', 5, 'text'), col('Класс', 1, 'text'), ...(withSubjects ? [col('Предметы', 7, 'text')] : [])],
      rows: l.students.map((s, i) => [i + 1, s.name, s.className, ...(withSubjects ? [(s.subjects ?? []).join(', ')] : [])]),
    },
    empty: 'Нет.',
  };
}

/** With `dynamics` (the PDF) the figures across the year's periods follow the distribution as a line chart. */
export function termDoc(ctx: Ctx, input: Input, r: TermReport, byTeacher: TermByTeacher, dynamics?: TermDynamics): ReportDoc {
  const yearName = yearNameOf(ctx, input.periodId);
  const who = r.scope.kind === 'class' ? `обучающихся ${r.scope.name} класса ` : r.scope.kind === 'parallel' ? `обучающихся ${r.scope.grade}-х классов ` : '';
  const title = `Отчёт об успеваемости ${who}${periodPhrase(r.period, yearName)}`;
  const classRows = r.classes.map((c) => [c.className, ...figureCells(c.figures)]);
  const many = r.classes.length > 1;
  const comparisons = [
    { label: `${r.period.name} ${yearName}`, scope: r.scope.name, f: r.figures },
    ...(r.previous ? [{ label: `${r.previous.period.name} (предыдущий период)`, scope: r.previous.scopeName, f: r.previous.figures }] : []),
    ...(r.yearAgo ? [{ label: `${r.yearAgo.period.name} год назад`, scope: r.yearAgo.scopeName, f: r.yearAgo.figures }] : []),
  ];
  const teacherRows: Cell[][] = [];
  const teacherBold = new Set<number>();
  for (const t of byTeacher.teachers) {
    t.lines.forEach((l, i) => teacherRows.push([i ? '' : t.teacher, l.name, l.figures.subject, ...subjectCells(l.figures)]));
    teacherBold.add(teacherRows.length);
    teacherRows.push(['', 'Итого (пятибалльные)', '', t.n, t.marks['5'], t.marks['4'], t.marks['3'], t.marks['2'], t.marks.na, '', '', '', t.progress, t.quality, t.sou, t.average]);
  }
  const sections: Section[] = [
    {
      heading: many ? 'Итоги по классам' : 'Итоги',
      table: {
        columns: [col('Класс', 1.1, 'text'), ...FIGURE_COLUMNS],
        rows: many ? [...classRows, ['Итого', ...figureCells(r.figures)]] : classRows,
        bold: many ? new Set([classRows.length]) : undefined,
      },
      empty: 'Классов нет.',
    },
    { heading: 'Распределение отметок за период', chart: { caption: `${r.scope.name}: отметки за период по пятибалльным предметам`, bars: distribution(r.figures) } },
    ...(dynamics
      ? [dynamics.points.length > 1 ? { heading: 'Динамика по периодам', dynamics: dynamicsChart(dynamics) } : { heading: 'Динамика по периодам', lines: [DYNAMICS_LATER] }]
      : []),
    {
      heading: 'По предметам',
      table: { columns: [col('Предмет', 3, 'text'), ...SUBJECT_COLUMNS], rows: r.subjects.map((s) => [s.subject, ...subjectCells(s)]) },
      empty: 'Отметок за период нет.',
    },
    {
      heading: 'Сравнение с предыдущим периодом и с тем же периодом год назад',
      lines: comparisons.length > 1 ? [] : ['Сравнивать не с чем: это первый период года и прошлого года в программе нет.'],
      table: {
        columns: [col('Период', 2.4, 'text'), col('Чьи итоги', 1.6, 'text'), ...COMPARE_COLUMNS.map((k) => FIGURE_COLUMNS[k]!)],
        rows: comparisons.map((c) => [c.label, c.scope, ...COMPARE_COLUMNS.map((k) => figureCells(c.f)[k]!)]),
      },
    },
    namesSection('Неуспевающие', r.figures.failing, true),
    namesSection('Не аттестованы (н/а)', r.figures.notAttested, true),
    namesSection('С одной «4»', r.figures.oneFour, false),
    namesSection('С одной «3»', r.figures.oneThree, false),
    {
      heading: 'По учителям',
      table: { columns: [col('Учитель', 3, 'text'), col('Класс, группа', 2.2, 'text'), col('Предмет', 2.4, 'text'), ...SUBJECT_COLUMNS], rows: teacherRows, bold: teacherBold },
      empty: 'Нагрузка учителей не задана или отметок за период нет.',
    },
  ];
  return {
    school: schoolRow(ctx)?.full_name ?? '',
    title,
    subtitle: [`${r.scope.name}; ${ruDate(r.period.startDate)} — ${ruDate(r.period.endDate)}`],
    fileName: `Отчёт об успеваемости ${r.scope.name} ${r.period.name}`,
    personal: true,
    sections,
    signatures: [{ role: 'Заместитель директора по УВР', name: deputyName(ctx) }],
  };
}

const markText = (v: string | undefined) => (v ? markValues.text(v as never) : '');

export function classTeacherDoc(ctx: Ctx, r: ClassTeacherReport): ReportDoc {
  const phrase = periodPhrase(r.period, r.yearName);
  const title = r.preliminary ? `Предварительный отчёт классного руководителя ${r.className} класса ${phrase}` : `Отчёт классного руководителя ${r.className} класса ${phrase}`;
  const f = r.figures;
  const CATEGORY: Record<string, string> = { excellent: 'отличник', good: 'хорошист', satisfactory: 'на «3»', failing: 'неуспевающий', notAttested: 'н/а' };
  const rows: Cell[][] = r.students.map((s, i) => [
    i + 1,
    s.name,
    ...r.subjects.map((p) => markText(s.marks[p.id])),
    s.category ? CATEGORY[s.category]! : '',
    s.missed,
    s.excused,
    s.late,
  ]);
  rows.push(['', 'Итого', ...r.subjects.map(() => ''), '', r.attendance.missed, r.attendance.excused, r.attendance.late]);
  const subtitle = [
    `Классный руководитель: ${r.classTeacher ?? '____________________'}`,
    r.preliminary
      ? `Прогноз отметок за период по текущим отметкам на ${ruDate(r.asOf)} (средневзвешенный балл, округление 4,5 → 5); срок отчёта — ${ruDate(r.dueDate!)}`
      : `Период: ${ruDate(r.period.startDate)} — ${ruDate(r.period.endDate)}`,
  ];
  return {
    school: schoolRow(ctx)?.full_name ?? '',
    title,
    subtitle,
    fileName: `${r.preliminary ? 'Предварительный отчёт' : 'Отчёт'} классного руководителя ${r.className} ${r.period.name}`,
    personal: true,
    sections: [
      {
        heading: 'Итоги',
        lines: [
          `Учеников на ${ruDate(r.asOf)}: ${f.counted.count}; аттестуются (N): ${f.n.count}.`,
          `Отличники: ${f.excellent.count}; хорошисты: ${f.good.count} (с одной «4» — ${f.oneFour.count}); на «3»: ${f.satisfactory.count} (с одной «3» — ${f.oneThree.count}); неуспевающие: ${f.failing.count}; не аттестованы: ${f.notAttested.count}; освобождены: ${f.exempt.count}.`,
          `Успеваемость: ${pctText(f.progress)}; качество знаний: ${pctText(f.quality)}; СОУ: ${pctText(f.sou)}; средний балл: ${f.average === null ? '—' : f.average.toLocaleString('ru-RU', { minimumFractionDigits: 2 })}.`,
          `Пропущено уроков: ${r.attendance.missed}, из них по уважительной причине (Б, У): ${r.attendance.excused}, без уважительной (Н): ${r.attendance.unexcused}; опозданий: ${r.attendance.late}.`,
        ],
      },
      {
        heading: r.preliminary ? 'Ученики и ожидаемые отметки за период (прогноз)' : 'Ученики и отметки за период',
        table: {
          columns: [
            col('№', 0.5),
            col('Фамилия, имя, отчество', 4, 'text'),
            ...r.subjects.map((p) => ({ ...col(p.name, 0.8), vertical: true })),
            col('Итог', 2.2, 'text'),
            { ...col('Пропущено уроков', 0.9), vertical: true },
            { ...col('из них по уважительной причине', 0.9), vertical: true },
            { ...col('Опоздания', 0.8), vertical: true },
          ],
          rows,
          bold: new Set([rows.length - 1]),
        },
        empty: 'В классе нет учеников.',
      },
      { heading: 'Распределение отметок', chart: { caption: `${r.className}: ${r.preliminary ? 'ожидаемые отметки' : 'отметки за период'} по пятибалльным предметам`, bars: distribution(f) } },
      namesSection(r.preliminary ? 'Могут не успевать' : 'Неуспевающие', f.failing, true),
      namesSection(r.preliminary ? 'Могут быть не аттестованы' : 'Не аттестованы (н/а)', f.notAttested, true),
      namesSection('С одной «4»', f.oneFour, false),
      namesSection('С одной «3»', f.oneThree, false),
    ],
    signatures: [{ role: 'Классный руководитель', name: r.classTeacher ? initialsOf(r.classTeacher) : null }],
  };
}

const pctText = (v: number | null) => (v === null ? '—' : `${v.toLocaleString('ru-RU', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`);
const initialsOf = (full: string) => {
  const [last, first, middle] = full.split(' ');
  return initialsName({ last_name: last ?? '', first_name: first ?? '', middle_name: middle ?? null });
};
