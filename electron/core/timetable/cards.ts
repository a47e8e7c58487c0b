// The cards of a version (issue 11): made from the тарификация (makeCards), shown to the renderer
// (cardView), and who may move them (R8: a deputy, the cards of their parallels).
import type { Ctx } from '../context';
import type { Db, NewRow } from '../../../db';
import type { TimetableCard } from '../../api/timetable';
import type { WeekParity } from '../../api/enums';
import { className } from '../../api/text';
import { ownParallels, requireParallels, type ClassRef } from '../auth/parallels';
import { act } from '../tx';
import { cardRows, loadModel, versionRow } from './queries';
import { where } from './check';
import type { ModelCard, TimetableModel } from './model';

/** The classes a card binds for R8: its class, or a study group's lowest members' classes. */
export function cardClasses(db: Db, model: TimetableModel, c: ModelCard): ClassRef[] {
  if (c.classId) return [{ grade: c.grade ?? 0, name: model.names.class.get(c.classId) ?? '' }];
  const students = model.studyGroupStudents.get(c.studyGroupId ?? '') ?? [];
  const classIds = [...new Set(students.map((s) => model.studentClass.get(s)).filter((x): x is string => !!x))];
  if (!classIds.length) return [];
  const refs: ClassRef[] = [];
  for (let k = 0; k < classIds.length; k += 500)
    for (const r of db.all(db.q.selectFrom('school_class').select(['grade', 'letter']).where('id', 'in', classIds.slice(k, k + 500)))) refs.push({ grade: r.grade, name: className(r) });
  const low = Math.min(...refs.map((r) => r.grade));
  return refs.filter((r) => r.grade === low);
}

/** Refuses a deputy a card outside their parallels (a study group: its lowest members' parallel). */
export function requireCardParallels(ctx: Ctx, model: TimetableModel, c: ModelCard): void {
  if (!ownParallels(ctx)) return;
  const group = c.studyGroupId ? model.names.studyGroup.get(c.studyGroupId) : undefined;
  requireParallels(ctx, cardClasses(ctx.db, model, c), group);
}

/** Is the card the acting user's to move? (null own: every card.) */
export function editableBy(own: number[] | null): (c: ModelCard) => boolean {
  if (!own) return () => true;
  const set = new Set(own);
  return (c) => c.grade === null || set.has(c.grade);
}

/** What the renderer shows of the cards. */
export function cardViews(db: Db, model: TimetableModel, canEdit: (c: ModelCard) => boolean, cards: readonly ModelCard[] = model.cards): TimetableCard[] {
  const subjects = new Map(db.all(db.q.selectFrom('subject').select(['id', 'short_name'])).map((s) => [s.id, s.short_name]));
  return cards.map((c) => ({
    id: c.id,
    assignmentId: null,
    teacherId: c.teacherId,
    teacherName: model.names.teacher.get(c.teacherId) ?? '',
    subjectId: c.subjectId,
    subjectName: model.names.subject.get(c.subjectId) ?? '',
    subjectShort: subjects.get(c.subjectId) ?? '',
    classId: c.classId,
    subgroupId: c.subgroupId,
    studyGroupId: c.studyGroupId,
    targetName: c.subgroupId ? (model.names.subgroup.get(c.subgroupId) ?? '') : c.classId ? (model.names.class.get(c.classId) ?? '') : (model.names.studyGroup.get(c.studyGroupId ?? '') ?? ''),
    grade: c.grade,
    shift: c.shift,
    duration: c.duration,
    weeks: c.weeks,
    weekday: c.weekday,
    lessonNo: c.lessonNo,
    roomId: c.roomId,
    roomNumber: c.roomId ? (model.rooms.get(c.roomId)?.number ?? null) : null,
    pinned: c.pinned,
    editable: canEdit(c),
  }));
}

/** The assignment ids of cards (the model does not keep them). */
export function withAssignments(db: Db, timetableId: string, views: TimetableCard[]): TimetableCard[] {
  const ids = new Map(cardRows(db, timetableId).map((r) => [r.id, r.assignment_id]));
  for (const v of views) v.assignmentId = ids.get(v.id) ?? null;
  return views;
}

/** A card named for a list: «5А · Алгебра · Петрова А. С. (вт, 3-й урок)». */
export function cardLabel(model: TimetableModel, c: ModelCard): string {
  const target = c.subgroupId ? model.names.subgroup.get(c.subgroupId) : c.classId ? model.names.class.get(c.classId) : model.names.studyGroup.get(c.studyGroupId ?? '');
  const place = c.weekday !== null && c.lessonNo !== null ? ` (${where(c.weekday, c.lessonNo, c.duration)})` : '';
  return `${target ?? ''} · ${model.names.subject.get(c.subjectId) ?? ''} · ${model.names.teacher.get(c.teacherId) ?? ''}${place}`;
}

/**
 * Brings a version's cards in line with the тарификация of its year: a card per weekly hour of
 * each teaching assignment (0.5 of an hour: a card of odd weeks). A card still matches its
 * assignment while its teacher, subject and class/subgroup/group are the assignment's; an extra
 * card goes when not placed, and is listed when placed (the user takes it off). A deputy brings
 * only the cards of their parallels in line (R8).
 */
export function makeCards(ctx: Ctx, timetableId: string): { added: number; removed: number; extraPlaced: string[] } {
  const { db } = ctx;
  return act(ctx, (w) => {
    const t = versionRow(db, timetableId);
    const model = loadModel(db, timetableId);
    const own = ownParallels(ctx);
    const mine = editableBy(own);
    const classes = new Map(db.all(db.q.selectFrom('school_class').select(['id', 'grade', 'shift']).where('year_id', '=', t.year_id).where('deleted_at', 'is', null)).map((c) => [c.id, c]));
    const groups = new Set(db.all(db.q.selectFrom('study_group').select('id').where('year_id', '=', t.year_id).where('deleted_at', 'is', null)).map((g) => g.id));
    const assignments = db
      .all(db.q.selectFrom('teaching_assignment').selectAll().where('deleted_at', 'is', null).orderBy('id'))
      .filter((a) => (a.class_id ? classes.has(a.class_id) : a.study_group_id ? groups.has(a.study_group_id) : false))
      .filter((a) => a.hours_per_week > 0);
    // A study group's shift (an elective, a profile group): the other shift's time when the school
    // has bells for it — after the lessons of its members' classes, whose own lessons fill their
    // shift (the 1000-student demo's 10А has 34 class lessons plus a 2-hour profile group: 36 for 35
    // first-shift slots) — else its lowest members' class's (1 when it has none).
    const shifts = new Set(model.slots.map((x) => x.shift));
    const groupShift = (g: string): number => {
      const own = lowest(g)?.shift ?? 1;
      const other = own === 1 ? 2 : 1;
      return shifts.has(other) ? other : own;
    };
    const lowest = (g: string): { grade: number; shift: number } | null => {
      let best: { grade: number; shift: number } | null = null;
      for (const s of model.studyGroupStudents.get(g) ?? []) {
        const c = classes.get(model.studentClass.get(s) ?? '');
        if (c && (!best || c.grade < best.grade)) best = c;
      }
      return best;
    };
    const rows = cardRows(db, timetableId);
    const modelCard = new Map(model.cards.map((c) => [c.id, c]));
    const byAssignment = new Map<string, typeof rows>();
    for (const r of rows) if (r.assignment_id) byAssignment.set(r.assignment_id, [...(byAssignment.get(r.assignment_id) ?? []), r]);
    const matched = new Set<string>();
    const toAdd: NewRow<'timetable_card'>[] = [];
    let anyHalf = false;
    for (const a of assignments) {
      const grade = a.class_id ? classes.get(a.class_id)!.grade : (lowest(a.study_group_id!)?.grade ?? null);
      if (own && !mine({ grade } as ModelCard)) continue;
      const whole = Math.floor(a.hours_per_week + 1e-9);
      const half = a.hours_per_week - whole >= 0.5 - 1e-9 ? 1 : 0;
      if (half) anyHalf = true;
      const same = (byAssignment.get(a.id) ?? []).filter(
        (r) => r.teacher_id === a.teacher_id && r.subject_id === a.subject_id && r.class_id === a.class_id && r.subgroup_id === a.subgroup_id && r.study_group_id === a.study_group_id,
      );
      // Placed ones first: they are the ones to keep.
      same.sort((x, y) => Number(y.weekday !== null) - Number(x.weekday !== null));
      const need: Record<'every' | 'half', number> = { every: whole, half };
      for (const r of same) {
        const k = r.weeks === 'every' ? 'every' : 'half';
        if (need[k] > 0) {
          need[k]--;
          matched.add(r.id);
        }
      }
      const shift = a.class_id ? classes.get(a.class_id)!.shift : groupShift(a.study_group_id!);
      const base = {
        timetable_id: timetableId, assignment_id: a.id, teacher_id: a.teacher_id, subject_id: a.subject_id, class_id: a.class_id, subgroup_id: a.subgroup_id,
        study_group_id: a.study_group_id, shift, duration: 1, weekday: null, lesson_no: null, room_id: null, pinned: 0, fet_id: null,
      };
      for (let k = 0; k < need.every; k++) toAdd.push({ ...base, weeks: 'every' as WeekParity });
      for (let k = 0; k < need.half; k++) toAdd.push({ ...base, weeks: 'odd' as WeekParity });
    }
    let removed = 0;
    const extraPlaced: string[] = [];
    for (const r of rows) {
      if (matched.has(r.id) || r.fet_id !== null) continue;
      const c = modelCard.get(r.id)!;
      if (own && !mine(c)) continue;
      if (r.weekday === null) {
        w.remove('timetable_card', r.id);
        removed++;
      } else extraPlaced.push(cardLabel(model, c));
    }
    if (toAdd.length) w.insertMany('timetable_card', toAdd);
    if (anyHalf && t.fortnight !== 1) w.update('timetable', t.id, { fortnight: 1 });
    return { added: toAdd.length, removed, extraPlaced };
  });
}

