// The demo school's timetable version for the generator's tests, made from its tables as the
// core's makeCards will: a card per weekly hour of each teaching assignment (half an hour: one
// card of the odd weeks), the class's shift, a whole-class card in the class's home room.
// Study groups: in the second shift by default (`studyGroupShift`), i.e. in the afternoon after
// the first shift's lessons — in the first shift the demo cannot be placed whole: four pupils of
// 10А have 34 class lessons and the 2-hour profile group, 36 lessons in the 35 slots of the week.
// Until the core engineer's makeCards lands: then replace `makeDemoCards` with a
// `timetable.saveVersion` + `timetable.makeCards` call (and decide the study groups' shift there).
import { Writer, type Db } from '../../../db';
import type { WeekParity } from '../../../electron/api/enums';
import { loadModel } from '../../../electron/core/timetable/queries';
import type { TimetableModel } from '../../../electron/core/timetable/model';

export function makeDemoCards(db: Db, opts: { name?: string; validFrom?: string; studyGroupShift?: number } = {}): string {
  const year = db.raw.prepare(`SELECT id, start_date FROM academic_year WHERE deleted_at IS NULL ORDER BY is_current DESC LIMIT 1`).get() as { id: string; start_date: string };
  const assignments = db.raw
    .prepare(
      `SELECT a.id, a.teacher_id, a.subject_id, a.class_id, a.subgroup_id, a.study_group_id, a.hours_per_week AS hours,
              coalesce(k.shift, 1) AS shift,
              CASE WHEN a.subgroup_id IS NULL AND a.class_id IS NOT NULL THEN k.room_id END AS room_id
       FROM teaching_assignment a LEFT JOIN school_class k ON k.id = a.class_id
       WHERE a.deleted_at IS NULL ORDER BY a.id`,
    )
    .all() as { id: string; teacher_id: string; subject_id: string; class_id: string | null; subgroup_id: string | null; study_group_id: string | null; hours: number; shift: number; room_id: string | null }[];
  return db.tx(() => {
    const w = new Writer(db, 'test');
    const tt = w.insert('timetable', { year_id: year.id, name: opts.name ?? 'Основное', valid_from: opts.validFrom ?? year.start_date, days: 5, fortnight: 0, rules: '{}' });
    const cards = assignments.flatMap((a) => {
      const whole = Math.floor(a.hours);
      const parts: WeekParity[] = [...Array<WeekParity>(whole).fill('every'), ...(a.hours - whole >= 0.5 ? (['odd'] as const) : [])];
      return parts.map((weeks) => ({
        timetable_id: tt.id,
        assignment_id: a.id,
        teacher_id: a.teacher_id,
        subject_id: a.subject_id,
        class_id: a.class_id,
        subgroup_id: a.subgroup_id,
        study_group_id: a.study_group_id,
        shift: a.study_group_id ? (opts.studyGroupShift ?? 2) : a.shift,
        duration: 1,
        weeks,
        weekday: null,
        lesson_no: null,
        room_id: a.room_id,
        pinned: 0,
        fet_id: null,
      }));
    });
    w.insertMany('timetable_card', cards);
    return tt.id;
  });
}

/** The demo's version as the generator sees it. Replace with the core's loadModel once merged (it is the same call). */
export function demoModel(db: Db, timetableId: string): TimetableModel {
  return loadModel(db, timetableId);
}
