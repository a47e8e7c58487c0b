import type { Ctx } from '../context';
import type { OpParsed } from '../../api/contract';
import type { BellInput, BellScheduleDetails } from '../../api/types';
import { invalid, notFound, type Problem } from '../../api/errors';
import { act } from '../tx';

export function listBells(ctx: Ctx, yearId: string): BellScheduleDetails[] {
  const { db } = ctx;
  const schedules = db.all(db.q.selectFrom('bell_schedule').selectAll().where('year_id', '=', yearId).where('deleted_at', 'is', null).orderBy('shift'));
  return schedules.map((s) => ({
    id: s.id,
    yearId: s.year_id,
    shift: s.shift,
    name: s.name,
    bells: db
      .all(db.q.selectFrom('bell').selectAll().where('schedule_id', '=', s.id).where('deleted_at', 'is', null).orderBy('lesson_no'))
      .map((b) => ({ id: b.id, lessonNo: b.lesson_no, startsAt: b.starts_at, endsAt: b.ends_at })),
  }));
}

const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const toHhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** A usual bell schedule: 45-minute lessons; shift 1 from 08:30, shift 2 from 13:30. */
export function suggestBells(shift: number): BellInput[] {
  const breaks = shift === 1 ? [10, 20, 20, 10, 10, 10] : [10, 20, 10, 10, 10];
  let t = shift === 1 ? 8 * 60 + 30 : 13 * 60 + 30;
  const out: BellInput[] = [];
  for (let n = 1; n <= breaks.length + 1; n++) {
    out.push({ lessonNo: n, startsAt: toHhmm(t), endsAt: toHhmm(t + 45) });
    t += 45 + (breaks[n - 1] ?? 0);
  }
  return out;
}

export function validateBells(bells: BellInput[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<number>();
  const sorted = [...bells].sort((a, b) => a.lessonNo - b.lessonNo);
  sorted.forEach((b, idx) => {
    const row = bells.indexOf(b) + 1;
    if (seen.has(b.lessonNo)) problems.push({ row, column: 'Урок', message: `Урок № ${b.lessonNo} указан дважды` });
    seen.add(b.lessonNo);
    if (toMin(b.endsAt) <= toMin(b.startsAt)) problems.push({ row, column: 'Окончание', message: `Урок № ${b.lessonNo}: окончание ${b.endsAt} не позже начала ${b.startsAt}` });
    const prev = sorted[idx - 1];
    if (prev && toMin(b.startsAt) < toMin(prev.endsAt))
      problems.push({ row, column: 'Начало', message: `Урок № ${b.lessonNo} начинается (${b.startsAt}) до окончания урока № ${prev.lessonNo} (${prev.endsAt})` });
  });
  return problems;
}

export function saveBells(ctx: Ctx, i: OpParsed<'bells.save'>): BellScheduleDetails {
  const problems = validateBells(i.bells);
  if (problems.length) throw invalid(`Расписание звонков не сохранено: ${problems[0]!.message}`, problems);
  const { db } = ctx;
  if (!db.first(db.q.selectFrom('academic_year').select('id').where('id', '=', i.yearId).where('deleted_at', 'is', null))) throw notFound('Учебный год');
  const id = act(ctx, (w) => {
    const values = { year_id: i.yearId, shift: i.shift, name: i.name };
    let scheduleId = i.id ?? null;
    if (!scheduleId) {
      const same = db.first(db.q.selectFrom('bell_schedule').select('id').where('year_id', '=', i.yearId).where('shift', '=', i.shift).where('deleted_at', 'is', null));
      scheduleId = same?.id ?? null;
    }
    if (scheduleId) {
      if (!db.first(db.q.selectFrom('bell_schedule').select('id').where('id', '=', scheduleId).where('year_id', '=', i.yearId).where('deleted_at', 'is', null))) throw notFound('Расписание звонков');
      w.update('bell_schedule', scheduleId, values);
    } else scheduleId = w.insert('bell_schedule', values).id;
    const old = db.all(db.q.selectFrom('bell').selectAll().where('schedule_id', '=', scheduleId).where('deleted_at', 'is', null));
    const byNo = new Map(old.map((b) => [b.lesson_no, b]));
    for (const b of i.bells) {
      const row = { schedule_id: scheduleId, lesson_no: b.lessonNo, starts_at: b.startsAt, ends_at: b.endsAt };
      const prev = byNo.get(b.lessonNo);
      if (prev) {
        w.update('bell', prev.id, row);
        byNo.delete(b.lessonNo);
      } else w.insert('bell', row);
    }
    for (const b of byNo.values()) w.remove('bell', b.id);
    return scheduleId;
  });
  return listBells(ctx, i.yearId).find((s) => s.id === id)!;
}
