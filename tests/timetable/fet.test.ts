// FET export and import (issue 11 point 3): the students structure keeps FET's clashes equal to
// ours, a round trip through the jobs gives the same cards (activity ids kept), FET itself
// (`fet-cl`) accepts a timetable placed here, and a foreign file's unknown parts are listed by name.
// The version and its cards come from tests/timetable/support/fetModel.ts until makeCards/loadModel land.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoCore } from '../support/core';
import { resultBytes, upload } from '../support/files';
import { makeDemoTimetable, demoModel, placeGreedy, savePlaces } from './support/fetModel';
import { buildFetTask, exportFet, parseFet } from '../../electron/core/timetable/fet';
import { child, childrenNamed, parseXml, textOf } from '../../electron/core/timetable/xml';
import type { ModelCard, TimetableModel } from '../../electron/core/timetable/model';

type Core = Awaited<ReturnType<typeof demoCore>>;

/** Our rule (docs/timetable.md «What is a clash»), for the students only: do two cards' students meet? */
function studentsMeet(m: TimetableModel, a: ModelCard, b: ModelCard): boolean {
  const students = (c: ModelCard): Set<string> => {
    if (c.studyGroupId) return new Set(m.studyGroupStudents.get(c.studyGroupId) ?? []);
    if (c.subgroupId) return new Set(m.subgroupStudents.get(c.subgroupId) ?? []);
    return new Set([...m.studentClass].filter(([, cls]) => cls === c.classId).map(([s]) => s));
  };
  if (a.studyGroupId || b.studyGroupId) {
    const sa = students(a);
    return [...students(b)].some((s) => sa.has(s));
  }
  if (a.classId !== b.classId) return false;
  if (!a.subgroupId || !b.subgroupId) return true;
  if (a.subgroupId === b.subgroupId) return true;
  if (a.divisionId === b.divisionId) return false;
  const sa = students(a);
  return [...students(b)].some((s) => sa.has(s));
}

/** FET's rule: two activities' students sets share an atomic subgroup. */
function fetUnits(xml: string): Map<string, Set<string>> {
  const root = parseXml(xml);
  const units = new Map<string, Set<string>>();
  for (const y of childrenNamed(child(root, 'Students_List')!, 'Year'))
    for (const g of childrenNamed(y, 'Group')) {
      const set = units.get(textOf(g, 'Name')) ?? new Set<string>();
      for (const s of childrenNamed(g, 'Subgroup')) set.add(textOf(s, 'Name'));
      units.set(textOf(g, 'Name'), set);
    }
  return units;
}

const FET = spawnSync('fet-cl', ['--version'], { encoding: 'utf8' }).status === 0;

describe('FET export and import', () => {
  let t: Core;
  let timetableId = '';
  beforeAll(async () => {
    t = await demoCore(1000);
    timetableId = makeDemoTimetable(t.ctx);
  }, 240_000);
  afterAll(() => t?.cleanup());

  it('writes a students structure in which two activities meet exactly when our cards’ students meet', () => {
    const model = demoModel(t.db, timetableId);
    const task = buildFetTask(model, { lockPlaced: false });
    const parsed = parseFet(task.xml);
    expect(parsed.activities).toHaveLength(model.cards.length);
    expect(parsed.days).toEqual(['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница']);
    expect(parsed.hours).toEqual(model.slots.filter((s) => s.shift === 1).map((s) => String(s.lessonNo)));
    expect(parsed.ignored).toEqual([]);
    // The demo has subgroups of more than one division in a class and study groups across classes.
    expect(new Set(model.cards.filter((c) => c.subgroupId).map((c) => `${c.classId}|${c.divisionId}`)).size).toBeGreaterThan(
      new Set(model.cards.filter((c) => c.subgroupId).map((c) => c.classId)).size,
    );
    expect(model.cards.some((c) => c.studyGroupId)).toBe(true);
    const units = fetUnits(task.xml);
    const byId = new Map(parsed.activities.map((a) => [a.id, a]));
    // One card per students set (the structure's classes are what is compared).
    const seen = new Map<string, ModelCard>();
    for (const c of model.cards) seen.set(`${c.classId}|${c.subgroupId}|${c.studyGroupId}`, c);
    const reps = [...seen.values()];
    let meets = 0;
    for (const a of reps)
      for (const b of reps) {
        const ua = units.get(byId.get(task.activityIds.get(a.id)!)!.students[0]!)!;
        const ub = units.get(byId.get(task.activityIds.get(b.id)!)!.students[0]!)!;
        const fetMeet = [...ua].some((u) => ub.has(u));
        expect(fetMeet, `${a.id} ${b.id}`).toBe(studentsMeet(model, a, b));
        if (fetMeet && a !== b) meets++;
      }
    expect(meets).toBeGreaterThan(0);
  });

  it('writes teachers’ busy times, the windows limit, the СанПиН daily limits and placed cards as locked times', () => {
    const model = demoModel(t.db, timetableId);
    const card = model.cards[0]!;
    model.cards = model.cards.map((c, k) => (k === 0 ? { ...c, weekday: 2, lessonNo: 3 } : c));
    model.unavailable = [{ staffId: card.teacherId, weekday: 5, shift: 1, lessonNo: null, reason: 'methodical_day' }];
    const xml = exportFet(model, { fetIds: new Map([[card.id, 777]]) });
    const p = parseFet(xml);
    expect(p.starts.get(777)).toEqual({ day: 1, hour: p.hours.indexOf('3'), locked: true });
    expect(p.starts.size).toBe(1);
    expect(p.teacherNotAvailable.get(model.names.teacher.get(card.teacherId)!)).toEqual(p.hours.map((_, h) => ({ day: 4, hour: h })));
    expect(p.teachersMaxGapsPerDay).toBe(model.rules.maxTeacherWindows);
    const fiveA = [...model.names.class].find(([, n]) => n === '5А')![0];
    expect(p.studentsMaxHoursDaily.get('5А')).toBe(6);
    expect(p.studentsMaxHoursDaily.size).toBe(new Set(model.cards.map((c) => c.classId).filter(Boolean)).size);
    expect(fiveA).toBeTruthy();
    // Fresh ids continue above the kept one.
    expect(Math.min(...p.activities.filter((a) => a.id !== 777).map((a) => a.id))).toBe(778);
  });

  it('round trip through the jobs: export → import gives the same cards, with their places and the activity ids kept', async () => {
    const model = demoModel(t.db, timetableId);
    placeGreedy(model);
    savePlaces(t.ctx, model, true);
    const before = demoModel(t.db, timetableId);
    expect(before.cards.every((c) => c.weekday !== null)).toBe(true);
    const file = await t.call('timetable.exportFet', { timetableId });
    expect(file.fileName).toBe('Основное.fet');
    const xml = resultBytes(t.ctx.session, file).toString('utf8');
    const year = t.db.raw.prepare('SELECT id, start_date FROM academic_year ORDER BY start_date DESC LIMIT 1').get() as { id: string; start_date: string };
    const from = `${year.start_date.slice(0, 4)}-11-09`;
    const r = await t.call('timetable.importFet', { yearId: year.id, file: upload(t.ctx.session, 'Основное.fet', xml), name: 'Из FET', validFrom: from });
    expect(r).toMatchObject({ cards: before.cards.length, placed: before.cards.length, ignored: [], unmatched: [] });
    const after = demoModel(t.db, r.timetableId);
    const key = (c: ModelCard) => [c.teacherId, c.subjectId, c.classId, c.subgroupId, c.studyGroupId, c.duration, c.shift, c.weekday, c.lessonNo].join('|');
    expect(after.cards.map(key).sort()).toEqual(before.cards.map(key).sort());
    // The imported cards keep the file's activity ids and their assignments; a second export writes the same activities.
    const rows = t.db.raw.prepare('SELECT fet_id, assignment_id FROM timetable_card WHERE timetable_id = ? AND deleted_at IS NULL').all(r.timetableId) as { fet_id: number; assignment_id: string | null }[];
    expect(rows.map((x) => x.fet_id).sort((a, b) => a - b)).toEqual(parseFet(xml).activities.map((a) => a.id).sort((a, b) => a - b));
    expect(rows.every((x) => x.assignment_id)).toBe(true);
    const again = resultBytes(t.ctx.session, await t.call('timetable.exportFet', { timetableId: r.timetableId })).toString('utf8');
    const acts = (x: string) => parseFet(x).activities.map((a) => JSON.stringify(a)).sort();
    expect(acts(again)).toEqual(acts(xml));
    expect([...parseFet(again).starts].sort()).toEqual([...parseFet(xml).starts].sort());
    // The same date again is refused, nothing written.
    const count = () => (t.db.raw.prepare('SELECT count(*) AS n FROM timetable').get() as { n: number }).n;
    const n = count();
    await expect(t.call('timetable.importFet', { yearId: year.id, file: upload(t.ctx.session, 'x.fet', xml), name: 'Ещё раз', validFrom: from })).rejects.toMatchObject({
      code: 'validation',
      problems: [{ column: 'Действует с', message: 'С этой даты уже действует расписание «Из FET».' }],
    });
    expect(count()).toBe(n);

    // FET itself verifies the timetable made here: every activity locked where it is, FET finds it valid.
    if (!FET) {
      console.log('fet-cl is not installed (apt-get install -y fet): FET’s own verification skipped');
      return;
    }
    const dir = join(t.dir, 'fet');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'school.fet'), xml);
    const run = spawnSync('fet-cl', [`--inputfile=${join(dir, 'school.fet')}`, `--outputdir=${dir}`, '--timelimitseconds=120', '--htmllevel=0'], { encoding: 'utf8', timeout: 200_000 });
    expect(run.stdout).toContain('Simulation successful');
    const out = join(dir, 'timetables/school/school_activities.xml');
    expect(existsSync(out)).toBe(true);
    const placed = childrenNamed(parseXml(readFileSync(out, 'utf8')), 'Activity').map((a) => [Number(textOf(a, 'Id')), textOf(a, 'Day'), textOf(a, 'Hour')] as const);
    const starts = parseFet(xml).starts;
    const p = parseFet(xml);
    expect(placed).toHaveLength(before.cards.length);
    for (const [id, day, hour] of placed) expect([day, hour]).toEqual([p.days[starts.get(id)!.day], p.hours[starts.get(id)!.hour]]);
  }, 300_000);

  it('a foreign file: matched by name, placed by its starting times, the rest listed by name and nothing guessed', async () => {
    const model = demoModel(t.db, timetableId);
    const c = model.cards.find((x) => x.classId && !x.subgroupId)!;
    const staff = t.db.raw.prepare('SELECT last_name, first_name, middle_name FROM staff WHERE id = ?').get(c.teacherId) as { last_name: string; first_name: string; middle_name: string };
    const teacher = `${staff.last_name} ${staff.first_name[0]}. ${staff.middle_name[0]}.`;
    const subject = model.names.subject.get(c.subjectId)!;
    const cls = model.names.class.get(c.classId!)!;
    const activity = (id: number, tch: string, subj: string, students: string) =>
      `<Activity><Teacher>${tch}</Teacher><Subject>${subj}</Subject><Students>${students}</Students><Duration>1</Duration><Total_Duration>1</Total_Duration><Id>${id}</Id><Activity_Group_Id>0</Activity_Group_Id><Active>true</Active></Activity>`;
    const xml = `\ufeff<?xml version="1.0" encoding="UTF-8"?>
<fet version="6.8.5"><Days_List><Number_of_Days>5</Number_of_Days>${['Mo', 'Tu', 'We', 'Th', 'Fr'].map((d) => `<Day><Name>${d}</Name></Day>`).join('')}</Days_List>
<Hours_List><Number_of_Hours>2</Number_of_Hours><Hour><Name>1</Name></Hour><Hour><Name>08:50 - 09:35</Name></Hour></Hours_List>
<Teachers_List><Teacher><Name>${teacher}</Name></Teacher><Teacher><Name>Нет Такого</Name></Teacher></Teachers_List>
<Activities_List>${activity(5, teacher, subject, cls)}${activity(6, 'Нет Такого', subject, cls)}${activity(7, teacher, subject, '99Я')}${activity(8, teacher, subject, cls)}</Activities_List>
<Time_Constraints_List>
<ConstraintBasicCompulsoryTime><Weight_Percentage>100</Weight_Percentage><Active>true</Active></ConstraintBasicCompulsoryTime>
<ConstraintActivityPreferredStartingTime><Weight_Percentage>100</Weight_Percentage><Activity_Id>5</Activity_Id><Preferred_Day>We</Preferred_Day><Preferred_Hour>1</Preferred_Hour><Permanently_Locked>false</Permanently_Locked><Active>true</Active></ConstraintActivityPreferredStartingTime>
<ConstraintActivityPreferredStartingTime><Weight_Percentage>100</Weight_Percentage><Activity_Id>8</Activity_Id><Preferred_Day>Tu</Preferred_Day><Preferred_Hour>08:50 - 09:35</Preferred_Hour><Permanently_Locked>true</Permanently_Locked><Active>true</Active></ConstraintActivityPreferredStartingTime>
<ConstraintMinDaysBetweenActivities><Weight_Percentage>95</Weight_Percentage><Active>true</Active></ConstraintMinDaysBetweenActivities>
<ConstraintMinDaysBetweenActivities><Weight_Percentage>95</Weight_Percentage><Active>true</Active></ConstraintMinDaysBetweenActivities>
<ConstraintTeacherMaxDaysPerWeek><Weight_Percentage>100</Weight_Percentage><Active>false</Active></ConstraintTeacherMaxDaysPerWeek>
</Time_Constraints_List></fet>`;
    const year = t.db.raw.prepare('SELECT id, start_date FROM academic_year ORDER BY start_date DESC LIMIT 1').get() as { id: string; start_date: string };
    const r = await t.call('timetable.importFet', { yearId: year.id, file: upload(t.ctx.session, 'foreign.fet', xml), name: 'Чужой', validFrom: `${year.start_date.slice(0, 4)}-12-01` });
    expect(r.unmatched.sort()).toEqual(['класс или группа «99Я»', 'учитель «Нет Такого»']);
    expect(r.ignored).toEqual(['ConstraintMinDaysBetweenActivities (2)', 'часы, не названные номером урока: «08:50 - 09:35» (занятия в эти часы не расставлены)']);
    expect(r).toMatchObject({ cards: 2, placed: 1 });
    const rows = t.db.raw.prepare('SELECT fet_id, teacher_id, class_id, weekday, lesson_no, pinned FROM timetable_card WHERE timetable_id = ? ORDER BY fet_id').all(r.timetableId);
    expect(rows).toEqual([
      { fet_id: 5, teacher_id: c.teacherId, class_id: c.classId, weekday: 3, lesson_no: 1, pinned: 0 },
      { fet_id: 8, teacher_id: c.teacherId, class_id: c.classId, weekday: null, lesson_no: null, pinned: 0 },
    ]);
    // Not a FET file: refused with the reason, nothing written.
    await expect(t.call('timetable.importFet', { yearId: year.id, file: upload(t.ctx.session, 'x.fet', '<html></html>'), name: 'Не FET', validFrom: `${year.start_date.slice(0, 4)}-12-02` })).rejects.toMatchObject({
      code: 'validation',
      message: 'Это не файл FET: корневой элемент не <fet>.',
    });
  }, 120_000);
});
