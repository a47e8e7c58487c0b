// The rollover's plan (issue 15 point 4; R24; semantics 3–5 of docs/year-end.md): from the current
// year's classes, memberships and the signed promotion/graduation orders' decisions, what the next
// year gets — pure over what queries.ts reads. The run (rollover.ts) makes it again inside its
// transaction and applies it; the dry run applies it to a sink that only counts (apply.ts), so the
// dry run lists exactly what the run does.
import type { Ctx } from '../../context';
import type { Row } from '../../../../db';
import type { PromotionDecision } from '../../../api/enums';
import type { CurriculumSource, RolloverDone, RolloverInput, RolloverProblem } from '../../../api/rollover';
import type { YearInput } from '../../../api/types';
import { suggestYear } from '../../setup/years';
import { className, ruKey } from '../../../api/text';
import { ruDate } from '../../format';
import * as q from './queries';

export type Decision = PromotionDecision;
type Moving = 'promoted' | 'continues' | 'repeat';

export interface NewClass {
  key: string;
  grade: number;
  letter: string;
  shift: number;
  roomId: string | null;
  teacherId: string | null;
  /** The old class whose divisions and assignments it takes (the promoted class; for repeaters only, their own). */
  mainSource: Row<'school_class'>;
  sources: { cls: Row<'school_class'>; decision: Moving; students: number }[];
  students: { studentId: string; orderId: string; fromClassId: string }[];
  curriculum: { source: CurriculumSource; from: Row<'school_class'>; items: { subjectId: string; hours: number }[] };
  divisions: { division: Row<'class_division'>; carried: boolean; subgroups: Row<'subgroup'>[]; members: Row<'subgroup_member'>[] }[];
  assignments: { row: Row<'teaching_assignment'>; hours: number }[];
}

export interface CarriedGroup {
  group: Row<'study_group'>;
  members: string[];
  assignments: Row<'teaching_assignment'>[];
}

export interface Blueprint {
  from: Row<'academic_year'> | null;
  nextYear: string | null;
  toName: string;
  /** The next year: found by name (made by hand on the years page: reused with its periods) or suggested. */
  toYear: { existing: Row<'academic_year'> | null; input: YearInput } | null;
  done: RolloverDone | null;
  classes: NewClass[];
  /** Students who leave: a graduate whose membership is still open. */
  leaving: { studentId: string; orderId: string }[];
  notCarried: { className: string; reason: string }[];
  bellSchedules: (Row<'bell_schedule'> & { bells: Row<'bell'>[] })[];
  groups: (CarriedGroup & { carried: boolean })[];
  tenth: { from9: string; to10: string; students: number }[];
  problems: RolloverProblem[];
  waitingApplications: number;
}

const PROMOTION_LINK = { link: '/year-end/promotion', linkLabel: 'Перевод и выпуск' };
const problem = (message: string, where: { link: string; linkLabel: string } | null = null): RolloverProblem => ({
  message,
  link: where?.link ?? null,
  linkLabel: where?.linkLabel ?? null,
});

/** «2027/2028» for a year starting in 2026. */
export const nextYearName = (from: Row<'academic_year'>) => {
  const y = Number(from.start_date.slice(0, 4)) + 1;
  return `${y}/${y + 1}`;
};

export function doneOf(ctx: Ctx, row: Row<'year_rollover'>): RolloverDone {
  const { db } = ctx;
  const from = q.yearById(db, row.from_year_id);
  const to = q.yearById(db, row.to_year_id);
  const summary = JSON.parse(row.summary) as { counts: RolloverDone['counts'] };
  return {
    fromYear: from?.name ?? '?',
    toYear: to?.name ?? '?',
    toYearId: row.to_year_id,
    toYearCurrent: to?.is_current === 1,
    doneAt: row.done_at,
    doneBy: q.userName(db, row.done_by),
    counts: summary.counts,
    backupFile: row.backup_file,
  };
}

const empty = (from: Row<'academic_year'> | null, toName: string, extra: Partial<Blueprint>): Blueprint => ({
  from,
  nextYear: from ? nextYearName(from) : null,
  toName,
  toYear: null,
  done: null,
  classes: [],
  leaving: [],
  notCarried: [],
  bellSchedules: [],
  groups: [],
  tenth: [],
  problems: [],
  waitingApplications: 0,
  ...extra,
});

export function makePlan(ctx: Ctx, input: RolloverInput): Blueprint {
  const { db } = ctx;
  const from = q.currentYear(db);
  const toName = input.to?.trim() || (from ? nextYearName(from) : '');
  if (!from) return empty(null, toName, { problems: [problem('Нет учебного года: сначала создайте его (Настройка → Учебный год).', { link: '/setup/year', linkLabel: 'Учебный год' })] });
  // Done already: from the current year, or to the named year (made current since).
  const years = q.yearsByName(db);
  const named = years.find((y) => ruKey(y.name) === ruKey(toName)) ?? null;
  const doneRow = q.rolloverFrom(db, from.id) ?? q.rollovers(db).find((r) => r.to_year_id === named?.id) ?? null;
  if (doneRow) return empty(from, toName, { done: doneOf(ctx, doneRow) });
  const expected = nextYearName(from);
  if (toName !== expected)
    return empty(from, toName, {
      problems: [problem(`Переход возможен только на следующий учебный год ${expected}: «${toName}» не следует за текущим ${from.name}.`)],
    });

  const problems: RolloverProblem[] = [];
  const startYear = Number(expected.slice(0, 4));
  const suggestion = { ...suggestYear(startYear), isCurrent: false, gradeEditWindow: from.grade_edit_window };
  const toYear = { existing: named, input: suggestion };
  const startDate = named?.start_date ?? suggestion.startDate;
  if (startDate <= from.end_date)
    problems.push(problem(`Учебный год ${expected} начинается ${ruDate(startDate)}, раньше окончания текущего ${from.name} (${ruDate(from.end_date)}): исправьте даты.`, { link: '/setup/year', linkLabel: 'Учебный год' }));

  const oldClasses = q.classesOf(db, from.id);
  const byId = new Map(oldClasses.map((c) => [c.id, c]));
  const decided = q.decisions(db, from.id);
  const open = q.openMemberships(db, from.id);

  // Students per old class and decision.
  const perClass = new Map<string, { moving: Map<Moving, { studentId: string; orderId: string }[]>; undecided: number; wrong: string[] }>();
  const leaving: Blueprint['leaving'] = [];
  for (const m of open) {
    const cls = byId.get(m.class_id)!;
    const entry = perClass.get(cls.id) ?? { moving: new Map(), undecided: 0, wrong: [] as string[] };
    perClass.set(cls.id, entry);
    const d = decided.get(m.student_id);
    if (!d) {
      entry.undecided++;
      continue;
    }
    if (d.decision === 'graduated') {
      leaving.push({ studentId: m.student_id, orderId: d.orderId });
      continue;
    }
    const moving: Moving = d.decision === 'repeat' ? 'repeat' : d.decision === 'continues' ? 'continues' : 'promoted';
    if (moving === 'continues' && cls.grade !== 9) entry.wrong.push('«продолжает обучение в 10 классе» — только для 9 класса');
    if (moving === 'promoted' && cls.grade === 9) entry.wrong.push('перевод из 9 класса — только решением «продолжает обучение в 10 классе»');
    if (moving === 'promoted' && cls.grade >= 11) entry.wrong.push('перевод из 11 класса невозможен');
    const list = entry.moving.get(moving) ?? [];
    list.push({ studentId: m.student_id, orderId: d.orderId });
    entry.moving.set(moving, list);
  }
  for (const c of oldClasses) {
    const e = perClass.get(c.id);
    if (!e) continue;
    if (e.undecided)
      problems.push(
        problem(`${className(c)}: у ${e.undecided} ${e.undecided === 1 ? 'ученика' : 'учеников'} нет решения о переводе или выпуске (подписанного приказа).`, PROMOTION_LINK),
      );
    for (const w of new Set(e.wrong)) problems.push(problem(`${className(c)}: ${w}.`, PROMOTION_LINK));
  }

  // The 9th grades' letters → the 10th grades' (semantics 4: the same letter unless mapped).
  const ninth = oldClasses.filter((c) => c.grade === 9 && (perClass.get(c.id)?.moving.get('continues')?.length ?? 0) > 0);
  const mapping = new Map<string, string>();
  for (const t of input.tenth ?? []) {
    if (mapping.has(t.from9)) problems.push(problem(`Литера 9${t.from9} указана дважды.`));
    mapping.set(t.from9, t.to10);
    if (!oldClasses.some((c) => c.grade === 9 && c.letter === t.from9)) problems.push(problem(`Класса 9${t.from9} нет в ${from.name}.`));
  }
  const tenth = ninth.map((c) => ({ from9: c.letter, to10: mapping.get(c.letter) ?? c.letter, students: perClass.get(c.id)!.moving.get('continues')!.length }));
  const seen = new Map<string, string>();
  for (const t of tenth) {
    const other = seen.get(t.to10);
    if (other) problems.push(problem(`9${other} и 9${t.from9} оба переходят в 10${t.to10}: укажите разные литеры 10-х классов.`));
    seen.set(t.to10, t.from9);
  }

  // The next year's classes.
  const classes = new Map<string, NewClass>();
  const notCarried: Blueprint['notCarried'] = [];
  const ensure = (grade: number, letter: string, main: Row<'school_class'>, carry: boolean): NewClass => {
    const key = className({ grade, letter });
    let n = classes.get(key);
    if (!n) {
      n = {
        key, grade, letter, shift: main.shift, roomId: carry ? main.room_id : null, teacherId: carry ? main.class_teacher_id : null,
        mainSource: main, sources: [], students: [], curriculum: null!, divisions: [], assignments: [],
      };
      classes.set(key, n);
    }
    return n;
  };
  const add = (n: NewClass, cls: Row<'school_class'>, decision: Moving, students: { studentId: string; orderId: string }[]) => {
    n.sources.push({ cls, decision, students: students.length });
    n.students.push(...students.map((s) => ({ ...s, fromClassId: cls.id })));
  };
  for (const c of oldClasses) {
    const moving = perClass.get(c.id)?.moving;
    if (c.grade >= 11) {
      notCarried.push({ className: className(c), reason: '11 класс не переходит: выпуск' });
      continue;
    }
    if (c.grade === 9) {
      const cont = moving?.get('continues') ?? [];
      if (!cont.length) {
        notCarried.push({ className: className(c), reason: 'никто не продолжает обучение в 10 классе' });
        continue;
      }
      add(ensure(10, mapping.get(c.letter) ?? c.letter, c, true), c, 'continues', cont);
      continue;
    }
    add(ensure(c.grade + 1, c.letter, c, true), c, 'promoted', moving?.get('promoted') ?? []);
  }
  for (const c of oldClasses) {
    const rep = perClass.get(c.id)?.moving.get('repeat') ?? [];
    if (rep.length) add(ensure(c.grade, c.letter, c, false), c, 'repeat', rep);
  }

  // Curriculum: the old year's class of the same grade and letter, else any of that grade, else the class's own.
  const curriculum = q.curriculumOf(db, from.id);
  const itemsOf = (classId: string) => curriculum.filter((i) => i.class_id === classId).map((i) => ({ subjectId: i.subject_id, hours: i.hours_per_week }));
  const divisions = q.divisionsOf(db, from.id);
  const subgroups = q.subgroupsOf(db, divisions.map((d) => d.id));
  const subMembers = q.openSubgroupMembers(db, divisions.map((d) => d.id));
  const groups = q.studyGroupsOf(db, from.id);
  const assignments = q.assignmentsOf(db, oldClasses.map((c) => c.id), groups.map((g) => g.id));
  for (const n of classes.values()) {
    const same = oldClasses.find((c) => c.grade === n.grade && c.letter === n.letter);
    const grade = oldClasses.find((c) => c.grade === n.grade);
    const src = same ?? grade ?? n.mainSource;
    n.curriculum = { source: same ? 'same' : grade ? 'grade' : 'own', from: src, items: itemsOf(src.id) };
    const hours = new Map(n.curriculum.items.filter((i) => i.hours > 0).map((i) => [i.subjectId, i.hours]));
    const moving = new Set(n.students.filter((s) => s.fromClassId === n.mainSource.id).map((s) => s.studentId));
    n.divisions = divisions
      .filter((d) => d.class_id === n.mainSource.id)
      .map((d) => ({
        division: d,
        carried: hours.has(d.subject_id),
        subgroups: subgroups.filter((g) => g.division_id === d.id),
        members: subMembers.filter((m) => m.division_id === d.id && moving.has(m.student_id)),
      }));
    const carriedSubgroups = new Set(n.divisions.filter((d) => d.carried).flatMap((d) => d.subgroups.map((g) => g.id)));
    n.assignments = assignments
      .filter((a) => a.class_id === n.mainSource.id && a.study_group_id === null && hours.has(a.subject_id) && (a.subgroup_id === null || carriedSubgroups.has(a.subgroup_id)))
      .map((row) => ({ row, hours: hours.get(row.subject_id)! }));
  }

  // Study groups: carried with the members who stay in school.
  const staying = new Set([...classes.values()].flatMap((n) => n.students.map((s) => s.studentId)));
  const groupMembers = q.openStudyGroupMembers(db, groups.map((g) => g.id));
  const carriedGroups = groups.map((g) => {
    const members = groupMembers.filter((m) => m.group_id === g.id && staying.has(m.student_id)).map((m) => m.student_id);
    return { group: g, members, carried: members.length > 0, assignments: assignments.filter((a) => a.study_group_id === g.id) };
  });

  return {
    from,
    nextYear: expected,
    toName,
    toYear,
    done: null,
    classes: [...classes.values()].sort((a, b) => (a.grade - b.grade) || a.letter.localeCompare(b.letter, 'ru')),
    leaving,
    notCarried,
    bellSchedules: q.bellSchedulesOf(db, from.id).map((b) => ({ ...b, bells: q.bellsOf(db, b.id) })),
    groups: carriedGroups,
    tenth,
    problems,
    waitingApplications: q.waitingFirstGrade(db),
  };
}
