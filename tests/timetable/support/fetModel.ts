// The demo school with a timetable version for the FET tests and the FET bench: until the core's
// `timetable.makeCards` and `loadModel` land (issue 11), the version and its cards (one per weekly
// hour of each teaching assignment) are written here with the Writer, and the model is read by
// fetData.ts `loadFetModel` (the stand-in of queries.ts loadModel).
import type { Db } from '../../../db';
import type { Ctx } from '../../../electron/core/context';
import type { ModelCard, TimetableModel } from '../../../electron/core/timetable/model';
import { act } from '../../../electron/core/tx';
import { loadFetModel } from '../../../electron/core/timetable/fetData';

/** A version «Основное» (a five- or six-day week) from the year's first day with a card per weekly hour of every assignment; its id. */
export function makeDemoTimetable(ctx: Ctx, name = 'Основное', days: 5 | 6 = 5): string {
  const raw = ctx.db.raw;
  const year = raw.prepare('SELECT id, start_date FROM academic_year WHERE deleted_at IS NULL ORDER BY is_current DESC, start_date DESC LIMIT 1').get() as { id: string; start_date: string };
  const assignments = raw
    .prepare(
      `SELECT a.id, a.teacher_id, a.subject_id, a.class_id, a.subgroup_id, a.study_group_id, a.hours_per_week, coalesce(k.shift, 1) AS shift
       FROM teaching_assignment a LEFT JOIN school_class k ON k.id = a.class_id LEFT JOIN study_group s ON s.id = a.study_group_id
       WHERE a.deleted_at IS NULL AND (k.year_id = @y OR s.year_id = @y) ORDER BY a.id`,
    )
    .all({ y: year.id }) as { id: string; teacher_id: string; subject_id: string; class_id: string | null; subgroup_id: string | null; study_group_id: string | null; hours_per_week: number; shift: number }[];
  return act(ctx, (w) => {
    const v = w.insert('timetable', { year_id: year.id, name, valid_from: year.start_date, days, fortnight: 0, rules: '{}' });
    w.insertMany(
      'timetable_card',
      assignments.flatMap((a) =>
        Array.from({ length: Math.max(1, Math.round(a.hours_per_week)) }, () => ({
          timetable_id: v.id,
          assignment_id: a.id,
          teacher_id: a.teacher_id,
          subject_id: a.subject_id,
          class_id: a.class_id,
          subgroup_id: a.subgroup_id,
          study_group_id: a.study_group_id,
          shift: a.shift,
          duration: 1,
          weeks: 'every' as const,
          weekday: null,
          lesson_no: null,
          room_id: null,
          pinned: 0,
          fet_id: null,
        })),
      ),
    );
    return v.id;
  });
}

export const demoModel = (db: Db, timetableId: string): TimetableModel => loadFetModel(db, timetableId);

/**
 * A simple greedy placement for the tests (not the generator): each card at the first slot where
 * it meets no teacher, no class (a study group takes its members' whole classes; subgroups of
 * different divisions of a class never meet), keeps its class within the day's limit and its
 * teacher within the day's windows. Stricter than our clash rules and FET's, so FET must accept it.
 * Returns the cards it could not place.
 */
export function placeGreedy(model: TimetableModel): ModelCard[] {
  const lessons = [...new Set(model.slots.filter((s) => s.shift === 1).map((s) => s.lessonNo))].sort((a, b) => a - b);
  const teacherAt = new Set<string>();
  const wholeAt = new Set<string>();
  const subsAt = new Map<string, { division: string | null; subgroup: string }[]>();
  const classDay = new Map<string, Set<number>>();
  const teacherDay = new Map<string, number[]>();
  const classesOf = (c: ModelCard): string[] => {
    if (c.classId) return [c.classId];
    const members = model.studyGroupStudents.get(c.studyGroupId!) ?? [];
    return [...new Set(members.map((s) => model.studentClass.get(s)).filter((x): x is string => !!x))];
  };
  const unplaced: ModelCard[] = [];
  const order = [...model.cards].sort((a, b) => (a.studyGroupId ? 0 : 1) - (b.studyGroupId ? 0 : 1) || (a.subgroupId ? 0 : 1) - (b.subgroupId ? 0 : 1));
  for (const c of order) {
    c.weekday = null;
    c.lessonNo = null;
    const classes = classesOf(c);
    const max = model.rules.dailyMax[String(c.grade)] ?? 7;
    let done = false;
    for (const l of c.shift === 1 ? lessons : []) {
      for (let d = 1; d <= model.days && !done; d++) {
        const k = `${d}:${l}`;
        if (teacherAt.has(`${c.teacherId}@${k}`)) continue;
        if (classes.some((cl) => wholeAt.has(`${cl}@${k}`))) continue;
        if (c.subgroupId) {
          const subs = subsAt.get(`${c.classId}@${k}`) ?? [];
          if (subs.some((s) => s.subgroup === c.subgroupId || s.division !== c.divisionId)) continue;
        } else if (classes.some((cl) => (subsAt.get(`${cl}@${k}`) ?? []).length)) continue;
        if (classes.some((cl) => { const set = classDay.get(`${cl}@${d}`); return !!set && !set.has(l) && set.size >= max; })) continue;
        const mine = [...(teacherDay.get(`${c.teacherId}@${d}`) ?? []), l];
        if (Math.max(...mine) - Math.min(...mine) + 1 - mine.length > model.rules.maxTeacherWindows) continue;
        c.weekday = d;
        c.lessonNo = l;
        teacherAt.add(`${c.teacherId}@${k}`);
        teacherDay.set(`${c.teacherId}@${d}`, mine);
        for (const cl of classes) {
          if (c.subgroupId) (subsAt.get(`${cl}@${k}`) ?? subsAt.set(`${cl}@${k}`, []).get(`${cl}@${k}`)!).push({ division: c.divisionId, subgroup: c.subgroupId });
          else wholeAt.add(`${cl}@${k}`);
          (classDay.get(`${cl}@${d}`) ?? classDay.set(`${cl}@${d}`, new Set()).get(`${cl}@${d}`)!).add(l);
        }
        done = true;
      }
      if (done) break;
    }
    if (!done) unplaced.push(c);
  }
  return unplaced;
}

/** Writes the model's places to the version's cards (one transaction) and removes the cards left unplaced. */
export function savePlaces(ctx: Ctx, model: TimetableModel, removeUnplaced: boolean): void {
  act(ctx, (w) => {
    for (const c of model.cards) {
      if (c.weekday === null) {
        if (removeUnplaced) w.remove('timetable_card', c.id);
      } else w.update('timetable_card', c.id, { weekday: c.weekday, lesson_no: c.lessonNo });
    }
  });
}
