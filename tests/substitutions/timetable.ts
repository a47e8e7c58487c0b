// A placed timetable for the substitution tests (the generator is another part's): one version
// from the year's first day, and for a few classes one card per weekly hour of their teaching
// assignments, placed greedily with no clash of class, teacher or room (days round-robin, the
// earliest free lesson of the day), written directly through the Writer.
import { Writer } from '../../db';
import type { Db } from '../../db';
import { demoCore } from '../support/core';

export interface PlacedCard {
  id: string;
  teacherId: string;
  subjectId: string;
  classId: string | null;
  subgroupId: string | null;
  weekday: number;
  lessonNo: number;
  roomId: string | null;
}

export interface Placed {
  timetableId: string;
  yearId: string;
  cards: PlacedCard[];
}

const LESSONS = 6;

export function write<T>(db: Db, fn: (w: Writer) => T): T {
  return db.tx(() => fn(new Writer(db, 'test')));
}

/** Places the classes' assignments (names like «5А») into a new version valid from the year's start. */
export function placeTimetable(db: Db, classNames: string[], opts: { validFrom?: string; fortnight?: boolean } = {}): Placed {
  const year = db.raw.prepare(`SELECT id, start_date FROM academic_year WHERE is_current = 1`).get() as { id: string; start_date: string };
  const classes = db.raw
    .prepare(`SELECT id, grade || letter AS name, room_id FROM school_class WHERE year_id = ? AND deleted_at IS NULL`)
    .all(year.id) as { id: string; name: string; room_id: string | null }[];
  const chosen = classNames.map((n) => classes.find((c) => c.name === n)!);
  return write(db, (w) => {
    const tt = w.insert('timetable', { year_id: year.id, name: 'Основное', valid_from: opts.validFrom ?? year.start_date, days: 5, fortnight: opts.fortnight ? 1 : 0, rules: '{}' });
    const busy = new Set<string>();
    const cards: PlacedCard[] = [];
    for (const c of chosen) {
      const assignments = db.raw
        .prepare(`SELECT id, teacher_id, subject_id, hours_per_week FROM teaching_assignment WHERE class_id = ? AND subgroup_id IS NULL AND deleted_at IS NULL ORDER BY subject_id`)
        .all(c.id) as { id: string; teacher_id: string; subject_id: string; hours_per_week: number }[];
      let k = 0;
      for (const a of assignments)
        for (let h = 0; h < Math.floor(a.hours_per_week); h++, k++) {
          let placed = false;
          for (let d = 0; d < 5 && !placed; d++) {
            const weekday = ((k + d) % 5) + 1;
            for (let lessonNo = 1; lessonNo <= LESSONS && !placed; lessonNo++) {
              const keys = [`c|${c.id}|${weekday}|${lessonNo}`, `t|${a.teacher_id}|${weekday}|${lessonNo}`, ...(c.room_id ? [`r|${c.room_id}|${weekday}|${lessonNo}`] : [])];
              if (keys.some((x) => busy.has(x))) continue;
              keys.forEach((x) => busy.add(x));
              const row = w.insert('timetable_card', {
                timetable_id: tt.id, assignment_id: a.id, teacher_id: a.teacher_id, subject_id: a.subject_id, class_id: c.id, subgroup_id: null, study_group_id: null,
                shift: 1, duration: 1, weeks: 'every', weekday, lesson_no: lessonNo, room_id: c.room_id, pinned: 0, fet_id: null,
              });
              cards.push({ id: row.id, teacherId: a.teacher_id, subjectId: a.subject_id, classId: c.id, subgroupId: null, weekday, lessonNo, roomId: c.room_id });
              placed = true;
            }
          }
        }
    }
    return { timetableId: tt.id, yearId: year.id, cards };
  });
}

/** One more card placed where the test says (no check: the test picks a free place). */
export function addCard(db: Db, timetableId: string, c: Omit<PlacedCard, 'id'> & { studyGroupId?: string | null }): PlacedCard {
  return write(db, (w) => {
    const row = w.insert('timetable_card', {
      timetable_id: timetableId, assignment_id: null, teacher_id: c.teacherId, subject_id: c.subjectId, class_id: c.classId, subgroup_id: c.subgroupId, study_group_id: c.studyGroupId ?? null,
      shift: 1, duration: 1, weeks: 'every', weekday: c.weekday, lesson_no: c.lessonNo, room_id: c.roomId, pinned: 0, fet_id: null,
    });
    return { ...c, id: row.id };
  });
}

/** The demo school (100 students) with 5А, 5Б, 6А and 7А placed. */
export async function placedDemo(now: () => Date = () => new Date('2026-12-01T08:00:00Z')) {
  const t = await demoCore(100, now);
  const placed = placeTimetable(t.db, ['5А', '5Б', '6А', '7А']);
  return { ...t, placed };
}
