// Applies a rollover plan (plan.ts) to a sink: the real one writes through the Writer inside the
// run's transaction, the dry one only counts. Every row is looked up by its natural key first
// (a class by year, grade and letter; a subgroup by division and number…), so nothing is made twice
// and what a person made by hand in the next year is reused.
import type { Ctx } from '../../context';
import type { NewRow, SyncedTable, Writer } from '../../../../db';
import type { RolloverCounts } from '../../../api/rollover';
import type { Blueprint } from './plan';
import { carryToNextYear } from '../../students/membership';
import { findByKey } from './queries';

type Key = Record<string, string | number | null>;

export interface Sink {
  find(table: SyncedTable, key: Key): string | null;
  insert<T extends SyncedTable>(table: T, row: NewRow<T>): string;
  /** Moves a student (the membership module); false when already done. */
  carry(studentId: string, classId: string | null, date: string, orderId: string): boolean;
}

const DRY = 'dry:';

/** Counts only: a parent made in this dry run has no children yet. */
export function drySink(ctx: Ctx): Sink {
  let n = 0;
  return {
    find: (table, key) => (Object.values(key).some((v) => typeof v === 'string' && v.startsWith(DRY)) ? null : findByKey(ctx.db, table, key)),
    insert: () => `${DRY}${++n}`,
    carry: () => true,
  };
}

export function writeSink(ctx: Ctx, w: Writer): Sink {
  return {
    find: (table, key) => findByKey(ctx.db, table, key),
    insert: (table, row) => w.insert(table, row).id,
    carry: (studentId, classId, date, orderId) => carryToNextYear(ctx, w, studentId, classId, date, orderId),
  };
}

export const zeroCounts = (): RolloverCounts => ({
  years: 0, periods: 0, holidays: 0, bellSchedules: 0, classes: 0, curriculumItems: 0, divisions: 0, subgroups: 0,
  subgroupMembers: 0, studyGroups: 0, studyGroupMembers: 0, assignments: 0, moved: 0, left: 0,
});

export interface Applied {
  counts: RolloverCounts;
  toYearId: string;
  /** The plan's class key («6А») → whether it existed before. */
  existingClasses: Set<string>;
}

export function applyPlan(bp: Blueprint, sink: Sink): Applied {
  const counts = zeroCounts();
  const existingClasses = new Set<string>();
  const made = <T extends SyncedTable>(table: T, key: Key, row: NewRow<T>, count: keyof RolloverCounts): string => {
    const found = sink.find(table, key);
    if (found) return found;
    counts[count]++;
    return sink.insert(table, row);
  };
  const y = bp.toYear!;
  let yearId = y.existing?.id ?? null;
  if (!yearId) {
    const i = y.input;
    yearId = made('academic_year', { name: i.name }, { name: i.name, start_date: i.startDate, end_date: i.endDate, grade_edit_window: i.gradeEditWindow, is_current: 0 }, 'years');
    // A year made by hand keeps its periods and holidays; only a year made here gets the suggested ones.
    for (const p of i.periods)
      made('study_period', { year_id: yearId, kind: p.kind, number: p.number, grade_from: p.gradeFrom, grade_to: p.gradeTo },
        { year_id: yearId, kind: p.kind, number: p.number, name: p.name, start_date: p.startDate, end_date: p.endDate, grade_from: p.gradeFrom, grade_to: p.gradeTo }, 'periods');
    for (const h of i.holidays)
      made('holiday', { year_id: yearId, name: h.name, grade_from: h.gradeFrom, grade_to: h.gradeTo },
        { year_id: yearId, name: h.name, start_date: h.startDate, end_date: h.endDate, grade_from: h.gradeFrom, grade_to: h.gradeTo }, 'holidays');
  }
  const startDate = y.existing?.start_date ?? y.input.startDate;

  for (const s of bp.bellSchedules) {
    const key = { year_id: yearId, shift: s.shift, name: s.name };
    const found = sink.find('bell_schedule', key);
    if (found) continue;
    counts.bellSchedules++;
    const id = sink.insert('bell_schedule', key);
    for (const b of s.bells) sink.insert('bell', { schedule_id: id, lesson_no: b.lesson_no, starts_at: b.starts_at, ends_at: b.ends_at });
  }

  const classIds = new Map<string, string>();
  const subgroupIds = new Map<string, string>();
  for (const n of bp.classes) {
    const key = { year_id: yearId, grade: n.grade, letter: n.letter };
    const found = sink.find('school_class', key);
    if (found) existingClasses.add(n.key);
    const classId = found ?? made('school_class', key, { ...key, shift: n.shift, class_teacher_id: n.teacherId, room_id: n.roomId }, 'classes');
    classIds.set(n.key, classId);
    for (const i of n.curriculum.items)
      made('curriculum_item', { class_id: classId, subject_id: i.subjectId }, { class_id: classId, subject_id: i.subjectId, hours_per_week: i.hours }, 'curriculumItems');
  }

  // Memberships before the groups: a student's move leaves the old class's subgroups (R4).
  for (const n of bp.classes)
    for (const s of n.students) if (sink.carry(s.studentId, classIds.get(n.key)!, startDate, s.orderId)) counts.moved++;
  for (const s of bp.leaving) if (sink.carry(s.studentId, null, startDate, s.orderId)) counts.left++;

  for (const n of bp.classes) {
    const classId = classIds.get(n.key)!;
    for (const d of n.divisions.filter((x) => x.carried)) {
      const divisionId = made('class_division', { class_id: classId, subject_id: d.division.subject_id }, { class_id: classId, subject_id: d.division.subject_id, method: d.division.method }, 'divisions');
      for (const g of d.subgroups)
        subgroupIds.set(g.id, made('subgroup', { division_id: divisionId, number: g.number }, { division_id: divisionId, number: g.number, name: g.name }, 'subgroups'));
      for (const m of d.members)
        made('subgroup_member', { division_id: divisionId, student_id: m.student_id, date_to: null },
          { division_id: divisionId, subgroup_id: subgroupIds.get(m.subgroup_id)!, student_id: m.student_id, date_from: startDate, date_to: null }, 'subgroupMembers');
    }
    for (const a of n.assignments) {
      const subgroupId = a.row.subgroup_id ? subgroupIds.get(a.row.subgroup_id)! : null;
      const key = { teacher_id: a.row.teacher_id, subject_id: a.row.subject_id, class_id: classId, subgroup_id: subgroupId, study_group_id: null };
      made('teaching_assignment', key, { ...key, hours_per_week: a.hours }, 'assignments');
    }
  }

  for (const g of bp.groups.filter((x) => x.carried)) {
    const key = { year_id: yearId, name: g.group.name, subject_id: g.group.subject_id };
    const groupId = made('study_group', key, { ...key, kind: g.group.kind, hours_per_week: g.group.hours_per_week }, 'studyGroups');
    for (const s of g.members)
      made('study_group_member', { group_id: groupId, student_id: s, date_to: null }, { group_id: groupId, student_id: s, date_from: startDate, date_to: null }, 'studyGroupMembers');
    for (const a of g.assignments) {
      const key = { teacher_id: a.teacher_id, subject_id: a.subject_id, class_id: null, subgroup_id: null, study_group_id: groupId };
      made('teaching_assignment', key, { ...key, hours_per_week: a.hours_per_week }, 'assignments');
    }
  }
  return { counts, toYearId: yearId, existingClasses };
}
