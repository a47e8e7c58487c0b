// Issue 11, point 5: the timetable, its changes and substitutions are office data. An office computer
// (the app's demo school in a real SQLite file, its rows written by the real Writer: one user action,
// one mutation) pushes a timetable version with placed cards, a teacher's busy time, an absence and
// the lesson changes through the existing sync to the real central store (a real PostgreSQL) — no
// timetable-specific sync code — and a second office computer pulls them. Then the central's
// simulator makes the journal's lessons from them: the cards on their weekdays (odd/even ISO weeks
// of a fortnight version), the substitute kept in `lesson.substitute_id` (R9), a cancellation, a move.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { Writer, type Db } from '../../db';
import type { NewRow, Row } from '../../db/schema';
import { setIdentity } from '../../db/sync';
import { generateJournal, type Batch, type SchoolSetup } from '../../central/simulate/generate';
import { readSetup, simulate, timetableLine } from '../../central/simulate/run';
import { storePort } from '../../central/simulate/port';
import { isoWeek } from '../../central/simulate/office';
import { dayOf, isoDay, weekday } from '../../central/simulate/calendar';
import { demoCore, tempCore } from '../support/core';
import { localRows, registerTo, serverRows, syncRound, useCentralStore } from '../support/central-store';
import type { Auth } from '../../central/auth';
import { ensureSchool } from '../../central/store/index';
import type { CentralDb } from '../../central/db';

const TIMETABLE_TABLES = ['timetable', 'timetable_card', 'teacher_unavailable', 'teacher_absence', 'lesson_change'] as const;
const V1_FROM = '2026-09-07'; // a Monday: the days before it keep the simulator's own week
const V2_FROM = '2026-09-21'; // a Monday of an odd ISO week (39): a fortnight version
const UNTIL = '2026-10-04';
const SUBSTITUTE_DAY = '2026-09-15'; // Tuesday
const CANCEL_DAY = '2026-09-16'; // Wednesday
const MOVE_DAY = '2026-09-17'; // Thursday → Friday 18.09, 7th lesson
const MOVE_TO = '2026-09-18';
const ROOM_DAY = '2026-09-22'; // Tuesday (V2)
const MERGE_DAY = '2026-09-24'; // Thursday (V2)

const central = useCentralStore();
const all = <T = Record<string, unknown>>(db: Db, sql: string, ...args: unknown[]) => db.raw.prepare(sql).all(...args) as T[];
const one = <T>(db: Db, sql: string, ...args: unknown[]) => db.raw.prepare(sql).pluck().get(...args) as T;

type Card = Row<'timetable_card'>;
type Change = Row<'lesson_change'>;

let office: Awaited<ReturnType<typeof demoCore>>;
let second: Awaited<ReturnType<typeof tempCore>>;
let cdb: CentralDb;
let auth: Auth;
let secondAuth: Auth;
let classId: string;
let v1: Row<'timetable'>;
let v2: Row<'timetable'>;
let cards1: Card[];
let cards2: Card[];
const changes: Record<'substitute' | 'cancel' | 'move' | 'room' | 'merge', Change> = {} as never;

/** One user action: one transaction of the Writer, one sync mutation. */
const action = <T>(db: Db, fn: (w: Writer) => T): T => db.tx(() => fn(new Writer(db, 'admin', () => new Date('2026-09-01T09:00:00Z'))));

beforeAll(async () => {
  office = await demoCore(100, () => new Date('2026-09-01T09:00:00Z'));
  const db = office.db;
  cdb = central();
  // The office computer registered to a new school of the central, and its first round.
  const school = await ensureSchool(cdb, 'Школа с расписанием');
  const reg = await registerTo(cdb, school.id);
  auth = reg.auth;
  setIdentity(db, reg.identity);
  await syncRound(db, cdb, auth);

  // A class of grades 5–7 (the one with the most students there all the time: a lesson of a group with
  // nobody in it that day is not held), its first subject (by the assignments' order) taught in two
  // subgroups from now on: a division, its subgroups and members, the subgroups' teachers.
  const stayed = `m.date_from <= '${V1_FROM}' AND m.date_to IS NULL AND m.deleted_at IS NULL`;
  classId = one<string>(db, `SELECT c.id FROM school_class c JOIN class_membership m ON m.class_id = c.id AND ${stayed}
    WHERE c.grade BETWEEN 5 AND 7 AND c.shift = 1 GROUP BY c.id ORDER BY count(*) DESC, c.grade, c.letter LIMIT 1`);
  action(db, (w) => {
    const a = all<Row<'teaching_assignment'>>(db, 'SELECT * FROM teaching_assignment WHERE class_id = ? AND deleted_at IS NULL ORDER BY id', classId)[0]!;
    const other = one<string>(db, 'SELECT teacher_id FROM teaching_assignment WHERE teacher_id <> ? ORDER BY teacher_id LIMIT 1', a.teacher_id);
    const division = w.insert('class_division', { class_id: classId, subject_id: a.subject_id, method: 'alphabet' });
    const subs = [1, 2].map((n) => w.insert('subgroup', { division_id: division.id, number: n, name: `${n} подгруппа` }));
    const students = all<{ student_id: string }>(db, `SELECT student_id FROM class_membership m WHERE class_id = ? AND ${stayed} ORDER BY student_id`, classId);
    expect(students.length).toBeGreaterThanOrEqual(2);
    students.forEach((st, i) => w.insert('subgroup_member', { division_id: division.id, subgroup_id: subs[i % 2]!.id, student_id: st.student_id, date_from: '2026-09-01', date_to: null }));
    w.remove('teaching_assignment', a.id);
    for (const [i, sub] of subs.entries())
      w.insert('teaching_assignment', { teacher_id: i === 0 ? a.teacher_id : other, subject_id: a.subject_id, class_id: classId, subgroup_id: sub.id, study_group_id: null, hours_per_week: a.hours_per_week });
  });
  const yearId = one<string>(db, 'SELECT id FROM academic_year');
  const assignments = all<Pick<Row<'teaching_assignment'>, 'id' | 'teacher_id' | 'subject_id' | 'class_id' | 'subgroup_id' | 'hours_per_week'> & { division_id: string | null }>(
    db,
    // Weekly hours: the assignment's, or (0) the class's curriculum's for the subject.
    `SELECT t.id, t.teacher_id, t.subject_id, t.class_id, t.subgroup_id, s.division_id,
       coalesce(nullif(t.hours_per_week, 0), (SELECT ci.hours_per_week FROM curriculum_item ci WHERE ci.class_id = t.class_id AND ci.subject_id = t.subject_id AND ci.deleted_at IS NULL), 0) hours_per_week
     FROM teaching_assignment t LEFT JOIN subgroup s ON s.id = t.subgroup_id WHERE t.class_id = ? AND t.deleted_at IS NULL ORDER BY t.id`,
    classId,
  );
  const roomId = one<string>(db, 'SELECT id FROM room ORDER BY number LIMIT 1');

  // Units of the week: a whole-class assignment's hours, or a division's subgroups together.
  const units: (typeof assignments)[] = [];
  const byDivision = new Map<string, typeof assignments>();
  for (const a of assignments) {
    if (a.hours_per_week <= 0) continue;
    if (a.division_id) {
      const list = byDivision.get(a.division_id);
      if (list) list.push(a);
      else {
        byDivision.set(a.division_id, [a]);
        units.push(byDivision.get(a.division_id)!);
      }
    } else units.push([a]);
  }
  // Lessons 1–6 of Monday–Friday, round the days (the 7th lesson stays free for a move).
  const slots: [number, number][] = [];
  for (let n = 1; n <= 6; n++) for (let d = 1; d <= 5; d++) slots.push([d, n]);
  const cardsOf = (timetableId: string): NewRow<'timetable_card'>[] => {
    const out: NewRow<'timetable_card'>[] = [];
    let s = 0;
    for (const u of units) {
      const hours = Math.max(...u.map((a) => a.hours_per_week));
      for (let h = 0; h < hours; h++) {
        const slot = slots[s++];
        for (const a of u) {
          if (a.hours_per_week <= h) continue;
          out.push({
            timetable_id: timetableId, assignment_id: a.id, teacher_id: a.teacher_id, subject_id: a.subject_id, class_id: a.class_id, subgroup_id: a.subgroup_id,
            study_group_id: null, shift: 1, duration: 1, weeks: 'every', weekday: slot ? slot[0] : null, lesson_no: slot ? slot[1] : null, room_id: null, pinned: 0, fet_id: null,
          });
        }
      }
    }
    return out;
  };

  // Version 1 from 07.09: every hour a placed card, and one more card not placed (no lesson).
  action(db, (w) => {
    v1 = w.insert('timetable', { year_id: yearId, name: 'Основное', valid_from: V1_FROM, days: 5, fortnight: 0, rules: '{}' });
    const list = cardsOf(v1.id);
    expect(list.filter((c) => c.weekday !== null).length).toBeGreaterThan(20);
    list.push({ ...list[0]!, weekday: null, lesson_no: null });
    cards1 = w.insertMany('timetable_card', list);
    w.insert('teacher_unavailable', { timetable_id: v1.id, staff_id: cards1[0]!.teacher_id, weekday: 5, shift: 1, lesson_no: null, reason: 'methodical_day' });
  });
  // Version 2 from 21.09, by odd and even weeks: one card in odd weeks only, another in even weeks only.
  action(db, (w) => {
    v2 = w.insert('timetable', { year_id: yearId, name: 'Со второй четверти недели', valid_from: V2_FROM, days: 5, fortnight: 1, rules: '{}' });
    const list = cardsOf(v2.id);
    const whole = list.map((c, i) => [c, i] as const).filter(([c]) => !c.subgroup_id && c.weekday !== null);
    list[whole[0]![1]] = { ...whole[0]![0], weeks: 'odd' };
    list[whole[1]![1]] = { ...whole[1]![0], weeks: 'even' };
    cards2 = w.insertMany('timetable_card', list);
  });

  const placedOn = (cards: Card[], wd: number, subgroup = false) => cards.find((c) => c.weekday === wd && !!c.subgroup_id === subgroup && c.weeks === 'every')!;
  const classTeachers = new Set(assignments.map((a) => a.teacher_id));
  const substitute = one<string>(db, `SELECT id FROM staff WHERE deleted_at IS NULL AND id IN (SELECT teacher_id FROM teaching_assignment) ORDER BY id`);
  const outsider = all<{ id: string }>(db, 'SELECT DISTINCT teacher_id id FROM teaching_assignment ORDER BY teacher_id').map((r) => r.id).find((t) => !classTeachers.has(t)) ?? substitute;
  const mergeCard = placedOn(cards2, 4, true);
  const sibling = cards2.find((c) => c.weekday === mergeCard.weekday && c.lesson_no === mergeCard.lesson_no && c.subgroup_id && c.subgroup_id !== mergeCard.subgroup_id)!;
  expect(sibling).toBeDefined();

  // A teacher's absence covered by a substitute, and the other changes — each its own user action.
  const subCard = placedOn(cards1, 2);
  const base = { absence_id: null, substitute_id: null, same_subject: null, to_date: null, to_lesson_no: null, room_id: null, note: null };
  action(db, (w) => {
    const absence = w.insert('teacher_absence', { staff_id: subCard.teacher_id, date_from: SUBSTITUTE_DAY, date_to: SUBSTITUTE_DAY, reason: 'illness', note: null });
    changes.substitute = w.insert('lesson_change', { ...base, date: SUBSTITUTE_DAY, card_id: subCard.id, kind: 'substitute', absence_id: absence.id, substitute_id: outsider, same_subject: 0 });
  });
  action(db, (w) => (changes.cancel = w.insert('lesson_change', { ...base, date: CANCEL_DAY, card_id: placedOn(cards1, 3).id, kind: 'cancel' })));
  action(db, (w) => (changes.move = w.insert('lesson_change', { ...base, date: MOVE_DAY, card_id: placedOn(cards1, 4).id, kind: 'move', to_date: MOVE_TO, to_lesson_no: 7 })));
  action(db, (w) => (changes.room = w.insert('lesson_change', { ...base, date: ROOM_DAY, card_id: placedOn(cards2, 2).id, kind: 'room', room_id: roomId })));
  action(db, (w) => (changes.merge = w.insert('lesson_change', { ...base, date: MERGE_DAY, card_id: mergeCard.id, kind: 'merge', substitute_id: sibling.teacher_id, same_subject: 1 })));
}, 300_000);

afterAll(() => {
  office?.cleanup();
  second?.cleanup();
});

describe('the timetable through the sync', () => {
  it('is pushed as office data: the central records hold every row as the office has it', async () => {
    const pending = one<number>(office.db, "SELECT count(*) FROM sync_mutation WHERE state = 'pending'");
    expect(pending).toBe(8); // eight user actions (the subgroups, two versions, five lesson changes), eight mutations
    await syncRound(office.db, cdb, auth);
    expect(one<number>(office.db, "SELECT count(*) FROM sync_mutation WHERE state = 'pending'")).toBe(0);
    expect(all(office.db, "SELECT no FROM sync_mutation WHERE state = 'refused'")).toEqual([]);
    for (const t of TIMETABLE_TABLES) {
      const rows = localRows(office.db, t);
      expect(rows.length, t).toBeGreaterThan(0);
      expect(await serverRows(cdb, auth.schoolId, t), t).toEqual(rows);
    }
    expect((await serverRows(cdb, auth.schoolId, 'timetable_card')).length).toBe(cards1.length + cards2.length);
  }, 120_000);

  it('is pulled by a second office computer of the school', async () => {
    second = await tempCore(() => new Date('2026-09-01T09:00:00Z'));
    const reg = await registerTo(cdb, auth.schoolId, 'Кабинет завуча');
    secondAuth = reg.auth;
    setIdentity(second.db, reg.identity);
    await syncRound(second.db, cdb, secondAuth);
    for (const t of TIMETABLE_TABLES) expect(localRows(second.db, t), t).toEqual(localRows(office.db, t));
    expect(second.db.raw.pragma('foreign_key_check')).toEqual([]);
  }, 120_000);
});

describe('the simulated journal follows the office’s timetable', () => {
  let lessons: Record<string, unknown>[];
  beforeAll(async () => {
    const r = await simulate(storePort(cdb, auth.schoolId), { seed: 5, until: UNTIL });
    expect(r.summary.office.days).toBeGreaterThan(15);
    expect(r.summary.office.changed).toBe(4); // the substitute, the cancellation, the moved lesson, the merge
    expect(timetableLine(r.summary)).toBe(`Уроки — по расписанию школы: дней ${r.summary.office.days}, уроков ${r.summary.office.lessons}, из них заменено, отменено или перенесено 4.`);
    lessons = (await serverRows(cdb, auth.schoolId, 'lesson')) as Record<string, unknown>[];
  }, 300_000);

  const key = (l: { date: unknown; lesson_no: unknown; class_id: unknown; subgroup_id: unknown; subject_id: unknown }) => `${l.date}|${l.lesson_no}|${l.class_id}|${l.subgroup_id}|${l.subject_id}`;
  const lessonOf = (date: string, card: Card, lessonNo = card.lesson_no) => {
    const found = lessons.filter((l) => l.date === date && l.lesson_no === lessonNo && l.class_id === card.class_id && l.subgroup_id === card.subgroup_id && l.subject_id === card.subject_id);
    expect(found.length, `${date} ${lessonNo}`).toBe(1);
    return found[0]!;
  };
  const cardById = (id: string) => [...cards1, ...cards2].find((c) => c.id === id)!;

  it('makes the lessons of the cards on their weekdays, with the card’s teacher and lesson number, by odd and even weeks', () => {
    // Before the first version: the simulator's own week, for every class.
    const before = lessons.filter((l) => (l.date as string) < V1_FROM);
    expect(new Set(before.map((l) => l.class_id)).size).toBeGreaterThan(5);
    // From it: exactly the placed cards of the version valid on each school day, nothing else.
    const expected: string[] = [];
    for (let dn = dayOf(V1_FROM); dn <= dayOf(UNTIL); dn++) {
      const wd = weekday(dn);
      if (wd > 5) continue;
      const date = isoDay(dn);
      const [v, cards] = date < V2_FROM ? [v1, cards1] : [v2, cards2];
      const parity = isoWeek(dn) % 2 ? 'odd' : 'even';
      for (const c of cards) {
        if (c.weekday !== wd || (v.fortnight && c.weeks !== 'every' && c.weeks !== parity)) continue;
        if (date === MOVE_DAY && c.id === changes.move.card_id) continue;
        expected.push(`${key({ ...c, date })}|${c.teacher_id}`);
      }
      if (date === MOVE_TO) {
        const c = cardById(changes.move.card_id);
        expected.push(`${key({ ...c, date, lesson_no: 7 })}|${c.teacher_id}`);
      }
    }
    const got = lessons.filter((l) => (l.date as string) >= V1_FROM).map((l) => `${key(l as never)}|${l.teacher_id}`);
    const missing = expected.filter((k) => !got.includes(k));
    const extra = got.filter((k) => !expected.includes(k));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    expect(got.sort()).toEqual(expected.sort());
    expect(lessons.filter((l) => (l.date as string) >= V1_FROM && l.study_group_id !== null)).toEqual([]);
    // The odd-week card meets on 21–25.09 (week 39) and not on 28.09–02.10 (week 40); the even-week card the other way round.
    const odd = cards2.find((c) => c.weeks === 'odd')!;
    const even = cards2.find((c) => c.weeks === 'even')!;
    const oddDate = isoDay(dayOf(V2_FROM) + odd.weekday! - 1);
    const evenDate = isoDay(dayOf(V2_FROM) + 7 + even.weekday! - 1);
    expect(lessonOf(oddDate, odd).status).toBe('held');
    expect(lessonOf(evenDate, even).status).toBe('held');
    expect(lessons.filter((l) => l.date === isoDay(dayOf(oddDate) + 7) && key(l as never) === key({ ...odd, date: isoDay(dayOf(oddDate) + 7) }))).toEqual([]);
    expect(lessons.filter((l) => l.date === isoDay(dayOf(evenDate) - 7) && key(l as never) === key({ ...even, date: isoDay(dayOf(evenDate) - 7) }))).toEqual([]);
  });

  it('keeps the substituting teacher (R9): substitute and merge set substitute_id, who enters the journal', () => {
    const sub = lessonOf(SUBSTITUTE_DAY, cardById(changes.substitute.card_id));
    expect(sub.teacher_id).toBe(cardById(changes.substitute.card_id).teacher_id);
    expect(sub.substitute_id).toBe(changes.substitute.substitute_id);
    expect(sub.status).toBe('held');
    const merged = lessonOf(MERGE_DAY, cardById(changes.merge.card_id));
    expect(merged.substitute_id).toBe(changes.merge.substitute_id);
    // Nobody else substitutes on the office's days: only the office's changes.
    expect(lessons.filter((l) => (l.date as string) >= V1_FROM && l.substitute_id !== null).map((l) => l.id).sort()).toEqual([sub.id, merged.id].sort());
  });

  it('cancels a cancelled lesson, moves a moved one, and a room change changes nothing', async () => {
    const cancelled = lessonOf(CANCEL_DAY, cardById(changes.cancel.card_id));
    expect(cancelled).toMatchObject({ status: 'cancelled', topic: null, substitute_id: null });
    expect(lessons.filter((l) => (l.date as string) >= V1_FROM && l.status === 'cancelled').map((l) => l.id)).toEqual([cancelled.id]);
    const movedCard = cardById(changes.move.card_id);
    expect(lessons.filter((l) => l.date === MOVE_DAY && key(l as never) === key({ ...movedCard, date: MOVE_DAY }))).toEqual([]);
    const moved = lessonOf(MOVE_TO, movedCard, 7);
    expect(moved).toMatchObject({ status: 'held', teacher_id: movedCard.teacher_id, substitute_id: null });
    const roomCard = cardById(changes.room.card_id);
    expect(lessonOf(ROOM_DAY, roomCard)).toMatchObject({ status: 'held', teacher_id: roomCard.teacher_id, substitute_id: null });
    // The moved lesson has its marks on its new date.
    const marks = (await serverRows(cdb, auth.schoolId, 'mark')).filter((m) => m.lesson_id === moved.id);
    for (const m of marks) expect(m.date).toBe(MOVE_TO);
  });

  it('reaches the office computers: the pulled lesson keeps the substitute', async () => {
    await syncRound(second.db, cdb, secondAuth);
    const sub = all(second.db, 'SELECT substitute_id, status FROM lesson WHERE date = ? AND substitute_id IS NOT NULL AND class_id = ?', SUBSTITUTE_DAY, classId);
    expect(sub).toEqual([{ substitute_id: changes.substitute.substitute_id, status: 'held' }]);
    expect(one<number>(second.db, 'SELECT count(*) FROM lesson')).toBe(lessons.length);
  }, 300_000);

  it('is deterministic: the same records in any order give the same journal; another seed another', async () => {
    const setup = await readSetup(storePort(cdb, auth.schoolId));
    const digest = (s: SchoolSetup, seed: number) => {
      const h = createHash('sha256');
      let n = 0;
      for (const b of generateJournal(s, { seed, until: UNTIL }) as Iterable<Batch>) {
        h.update(JSON.stringify(b));
        n++;
      }
      return `${n}:${h.digest('hex')}`;
    };
    const first = digest(setup, 5);
    const shuffled = Object.fromEntries(Object.entries(setup).map(([k, rows]) => [k, [...rows].reverse()])) as unknown as SchoolSetup;
    expect(digest(shuffled, 5)).toBe(first);
    expect(digest(setup, 6)).not.toBe(first);
    // The central holds exactly the lessons of the generator's run.
    const ids = new Set<string>();
    for (const b of generateJournal(setup, { seed: 5, until: UNTIL }) as Iterable<Batch>) for (const c of b.changes) if (c.entity === 'lesson') ids.add(c.id);
    expect(lessons.map((l) => l.id as string).sort()).toEqual([...ids].sort());
  }, 300_000);
});
