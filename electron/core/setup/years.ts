import type { Ctx } from '../context';
import type { OpParsed } from '../../api/contract';
import type { HolidayInput, StudyPeriodInput, YearDetails, YearInput } from '../../api/types';
import { invalid, notFound, type Problem } from '../../api/errors';
import { act } from '../tx';
import { ruDate } from '../format';
import { ruKey } from '../../api/text';

export function listYears(ctx: Ctx): YearDetails[] {
  const { db } = ctx;
  const years = db.all(db.q.selectFrom('academic_year').selectAll().where('deleted_at', 'is', null).orderBy('start_date', 'desc'));
  return years.map((y) => {
    const periods = db.all(
      db.q.selectFrom('study_period').selectAll().where('year_id', '=', y.id).where('deleted_at', 'is', null).orderBy('grade_from').orderBy('number'),
    );
    const holidays = db.all(
      db.q.selectFrom('holiday').selectAll().where('year_id', '=', y.id).where('deleted_at', 'is', null).orderBy('start_date'),
    );
    return {
      id: y.id,
      name: y.name,
      startDate: y.start_date,
      endDate: y.end_date,
      gradeEditWindow: y.grade_edit_window,
      isCurrent: y.is_current === 1,
      periods: periods.map((p) => ({
        id: p.id,
        kind: p.kind,
        number: p.number,
        name: p.name,
        startDate: p.start_date,
        endDate: p.end_date,
        gradeFrom: p.grade_from,
        gradeTo: p.grade_to,
      })),
      holidays: holidays.map((h) => ({
        id: h.id,
        name: h.name,
        startDate: h.start_date,
        endDate: h.end_date,
        gradeFrom: h.grade_from,
        gradeTo: h.grade_to,
      })),
    };
  });
}

/** The current academic year, or a clear refusal when setup has not reached it yet (the one definition: ../year.ts). */
export { currentYearId } from '../year';

/** Quarters for grades 1–9 and half-years for 10–11 (R1, 001 §4), with the usual holidays. */
export function suggestYear(startYear: number): YearInput {
  const y = startYear;
  const n = y + 1;
  const q = (number: number, startDate: string, endDate: string): StudyPeriodInput => ({
    kind: 'quarter', number, name: `${number} четверть`, startDate, endDate, gradeFrom: 1, gradeTo: 9,
  });
  const h = (number: number, startDate: string, endDate: string): StudyPeriodInput => ({
    kind: 'half', number, name: `${number} полугодие`, startDate, endDate, gradeFrom: 10, gradeTo: 11,
  });
  const hol = (name: string, startDate: string, endDate: string, gradeFrom = 1, gradeTo = 11): HolidayInput => ({
    name, startDate, endDate, gradeFrom, gradeTo,
  });
  return {
    name: `${y}/${n}`,
    startDate: `${y}-09-01`,
    endDate: `${n}-05-31`,
    gradeEditWindow: '2w',
    isCurrent: true,
    periods: [
      q(1, `${y}-09-01`, `${y}-10-24`),
      q(2, `${y}-11-05`, `${y}-12-28`),
      q(3, `${n}-01-12`, `${n}-03-21`),
      q(4, `${n}-03-30`, `${n}-05-26`),
      h(1, `${y}-09-01`, `${y}-12-28`),
      h(2, `${n}-01-12`, `${n}-05-26`),
    ],
    holidays: [
      hol('Осенние каникулы', `${y}-10-25`, `${y}-11-04`),
      hol('Зимние каникулы', `${y}-12-29`, `${n}-01-11`),
      hol('Дополнительные каникулы для 1 класса', `${n}-02-14`, `${n}-02-22`, 1, 1),
      hol('Весенние каникулы', `${n}-03-22`, `${n}-03-29`),
    ],
  };
}

export function validateYear(i: OpParsed<'years.save'>): Problem[] {
  const problems: Problem[] = [];
  if (i.startDate >= i.endDate) problems.push({ column: 'Окончание года', message: 'Учебный год должен заканчиваться позже, чем начинается' });
  i.periods.forEach((p, idx) => {
    const row = idx + 1;
    if (p.startDate > p.endDate) problems.push({ row, column: 'Окончание', message: `«${p.name}»: окончание ${ruDate(p.endDate)} раньше начала ${ruDate(p.startDate)}` });
    if (p.startDate < i.startDate || p.endDate > i.endDate)
      problems.push({ row, column: 'Даты', message: `«${p.name}» выходит за границы учебного года (${ruDate(i.startDate)} — ${ruDate(i.endDate)})` });
    if (p.gradeFrom > p.gradeTo) problems.push({ row, column: 'Параллели', message: `«${p.name}»: параллель «с» больше параллели «по»` });
  });
  // Within each parallel the periods must not overlap.
  for (let g = 1; g <= 11; g++) {
    const ps = i.periods.map((p, idx) => ({ ...p, row: idx + 1 })).filter((p) => p.gradeFrom <= g && g <= p.gradeTo);
    if (ps.length === 0) {
      problems.push({ column: 'Параллели', message: `Для ${g} классов не задан ни один учебный период` });
      continue;
    }
    ps.sort((a, b) => a.startDate.localeCompare(b.startDate));
    for (let k = 1; k < ps.length; k++) {
      const a = ps[k - 1]!;
      const b = ps[k]!;
      if (b.startDate <= a.endDate && !problems.some((x) => x.row === b.row && x.column === 'Пересечение'))
        problems.push({ row: b.row, column: 'Пересечение', message: `«${b.name}» пересекается с «${a.name}» для ${g} классов` });
    }
  }
  // The same period twice: saved by (kind, number, parallels), a second one would be a second row
  // that no later save can tell from the first.
  const periodSeen = new Map<string, number>();
  i.periods.forEach((p, idx) => {
    const key = `${p.kind}:${p.number}:${p.gradeFrom}:${p.gradeTo}`;
    const first = periodSeen.get(key);
    if (first !== undefined)
      problems.push({ row: idx + 1, column: 'Период', message: `«${p.name}» для ${grades(p)} указан дважды (строки ${first} и ${idx + 1})` });
    else periodSeen.set(key, idx + 1);
  });
  const holidaySeen = new Map<string, number>();
  i.holidays.forEach((h, idx) => {
    const row = idx + 1;
    if (h.startDate > h.endDate) problems.push({ row, column: 'Каникулы', message: `«${h.name}»: окончание раньше начала` });
    if (h.gradeFrom > h.gradeTo) problems.push({ row, column: 'Параллели', message: `«${h.name}»: параллель «с» больше параллели «по»` });
    // Holidays are kept by name and parallels: the same name for the same parallels twice is one
    // holiday entered twice (10 000 identical holidays stop at the list's cap before this).
    const key = `${fold(h.name)}:${h.gradeFrom}:${h.gradeTo}`;
    const first = holidaySeen.get(key);
    if (first !== undefined) problems.push({ row, column: 'Каникулы', message: `«${h.name}» для ${grades(h)} указаны дважды (строки ${first} и ${row})` });
    else holidaySeen.set(key, row);
  });
  return problems;
}

const fold = ruKey;
const grades = (x: { gradeFrom: number; gradeTo: number }) => (x.gradeFrom === x.gradeTo ? `${x.gradeFrom} классов` : `${x.gradeFrom}–${x.gradeTo} классов`);

/**
 * Another year that this one would duplicate. An office keeps one academic year per school year:
 * two years with the same name cannot be told apart in any list or document, and two years whose
 * dates overlap would both claim the same school days (which year a date belongs to decides its
 * periods, holidays and classes). So the same name (ignoring case and spaces), or dates that overlap
 * another year's, are refused — the usual mistake is saving the same year twice.
 */
function duplicateYear(ctx: Ctx, i: OpParsed<'years.save'>): Problem | null {
  const { db } = ctx;
  let q = db.q.selectFrom('academic_year').select(['id', 'name', 'start_date', 'end_date']).where('deleted_at', 'is', null);
  if (i.id) q = q.where('id', '!=', i.id);
  for (const y of db.all(q)) {
    if (fold(y.name) === fold(i.name)) return { column: 'Учебный год', message: `Учебный год «${y.name}» уже есть` };
    if (y.start_date <= i.endDate && i.startDate <= y.end_date)
      return { column: 'Даты', message: `Даты пересекаются с учебным годом «${y.name}» (${ruDate(y.start_date)} — ${ruDate(y.end_date)})` };
  }
  return null;
}

export function saveYear(ctx: Ctx, i: OpParsed<'years.save'>): YearDetails {
  const problems = validateYear(i);
  if (problems.length) throw invalid(`Учебный год не сохранён: ${problems[0]!.message}`, problems);
  const { db } = ctx;
  const id = act(ctx, (w) => {
    const duplicate = duplicateYear(ctx, i);
    if (duplicate) throw invalid(`Учебный год не сохранён: ${duplicate.message}`, [duplicate]);
    const values = {
      name: i.name,
      start_date: i.startDate,
      end_date: i.endDate,
      grade_edit_window: i.gradeEditWindow,
      is_current: i.isCurrent ? 1 : 0,
    };
    let yearId: string;
    if (i.id) {
      const existing = db.first(db.q.selectFrom('academic_year').select('id').where('id', '=', i.id).where('deleted_at', 'is', null));
      if (!existing) throw notFound('Учебный год');
      yearId = w.update('academic_year', i.id, values).id;
    } else {
      yearId = w.insert('academic_year', values).id;
    }
    if (i.isCurrent) {
      const others = db.all(db.q.selectFrom('academic_year').select('id').where('is_current', '=', 1).where('id', '!=', yearId));
      for (const o of others) w.update('academic_year', o.id, { is_current: 0 });
    }
    // Periods and holidays are edited as a whole; keep ids of unchanged ones.
    const oldPeriods = db.all(db.q.selectFrom('study_period').selectAll().where('year_id', '=', yearId).where('deleted_at', 'is', null));
    const keyOf = (p: { kind: string; number: number; grade_from: number; grade_to: number }) => `${p.kind}:${p.number}:${p.grade_from}:${p.grade_to}`;
    const byKey = new Map(oldPeriods.map((p) => [keyOf(p), p]));
    for (const p of i.periods) {
      const row = { year_id: yearId, kind: p.kind, number: p.number, name: p.name, start_date: p.startDate, end_date: p.endDate, grade_from: p.gradeFrom, grade_to: p.gradeTo };
      const old = byKey.get(keyOf(row));
      if (old) {
        w.update('study_period', old.id, row);
        byKey.delete(keyOf(row));
      } else w.insert('study_period', row);
    }
    for (const old of byKey.values()) w.remove('study_period', old.id);
    const oldHolidays = db.all(db.q.selectFrom('holiday').selectAll().where('year_id', '=', yearId).where('deleted_at', 'is', null));
    const hKey = (h: { name: string; grade_from: number; grade_to: number }) => `${h.name}:${h.grade_from}:${h.grade_to}`;
    const hByKey = new Map(oldHolidays.map((h) => [hKey(h), h]));
    for (const h of i.holidays) {
      const row = { year_id: yearId, name: h.name, start_date: h.startDate, end_date: h.endDate, grade_from: h.gradeFrom, grade_to: h.gradeTo };
      const old = hByKey.get(hKey(row));
      if (old) {
        w.update('holiday', old.id, row);
        hByKey.delete(hKey(row));
      } else w.insert('holiday', row);
    }
    for (const old of hByKey.values()) w.remove('holiday', old.id);
    return yearId;
  });
  return listYears(ctx).find((y) => y.id === id)!;
}
