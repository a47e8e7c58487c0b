// The production calendar's page (area setup): a year's exceptions, the school's corrections
// (calendar_day) saved and removed — each moving the deadlines of the open credential requests
// whose window holds the day (R7).
import type { Ctx } from '../context';
import type { CalendarDay, CalendarYear } from '../../api/credentials';
import type { CalendarDayKind } from '../../api/enums';
import { recordNotFound } from '../../../db/write';
import type { Writer } from '../../../db';
import { act } from '../tx';
import { addDays, addWorkingDays, credentialsDueOn, isWorkingDay, loadCorrections, type Corrections } from './calendar';
import { isShipped, shippedDay, weekday } from './production';
import type { Db } from '../../../db';

export function calendarDayByDate(db: Db, date: string): { id: string; kind: 'holiday' | 'workday'; note: string | null } | undefined {
  return db.statement(`SELECT id, kind, note FROM calendar_day WHERE date = ? AND deleted_at IS NULL`).get(date) as { id: string; kind: 'holiday' | 'workday'; note: string | null } | undefined;
}

export function calendarDayById(db: Db, id: string): { id: string; date: string } | undefined {
  return db.statement(`SELECT id, date FROM calendar_day WHERE id = ? AND deleted_at IS NULL`).get(id) as { id: string; date: string } | undefined;
}

/** Requests not handed whose window (arrival, due] holds the date: a correction of that day moves their deadline. */
export function openRequestsAround(db: Db, date: string): { id: string; arrived_on: string; due_on: string }[] {
  return db
    .statement(`SELECT id, arrived_on, due_on FROM credential_request WHERE deleted_at IS NULL AND handed_on IS NULL AND arrived_on < ? AND due_on >= ?`)
    .all(date, date) as { id: string; arrived_on: string; due_on: string }[];
}

function dayOf(date: string, corrections: Corrections, rows: Map<string, { id: string; kind: CalendarDayKind; note: string | null }>): CalendarDay {
  const shipped = shippedDay(date);
  const working = isWorkingDay(date, corrections);
  const row = rows.get(date) ?? null;
  const wd = weekday(date);
  const weekend = wd === 0 || wd === 6;
  const reason = row ? (row.note ?? (working ? 'Рабочий день (исправлено школой)' : 'Выходной день (исправлено школой)')) : working && weekend ? 'Рабочая суббота (перенос)' : shipped.reason;
  return { date, working, reason, correction: row };
}

function correctionRows(ctx: Ctx) {
  const rows = ctx.db.statement(`SELECT id, date, kind, note FROM calendar_day WHERE deleted_at IS NULL`).all() as { id: string; date: string; kind: CalendarDayKind; note: string | null }[];
  return new Map(rows.map((r) => [r.date, { id: r.id, kind: r.kind, note: r.note }]));
}

export function calendarYear(ctx: Ctx, year: number): CalendarYear {
  const corrections = loadCorrections(ctx.db);
  const rows = correctionRows(ctx);
  const exceptions: CalendarDay[] = [];
  let workingDays = 0;
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
    const working = isWorkingDay(d, corrections);
    if (working) workingDays++;
    const wd = weekday(d);
    const weekend = wd === 0 || wd === 6;
    if (rows.has(d) || working === weekend) exceptions.push(dayOf(d, corrections, rows));
  }
  return { year, shipped: isShipped(`${year}-01-01`), exceptions, workingDays };
}

/** The open requests whose window holds the date get their deadline counted again. */
function moveDeadlines(ctx: Ctx, w: Writer, date: string): void {
  const corrections = loadCorrections(ctx.db);
  for (const r of openRequestsAround(ctx.db, date)) {
    const due = credentialsDueOn(r.arrived_on, corrections);
    if (due !== r.due_on) w.update('credential_request', r.id, { due_on: due });
  }
}

export function saveCalendarDay(ctx: Ctx, i: { date: string; kind: CalendarDayKind; note?: string | null }): CalendarDay {
  const note = i.note?.trim() || null;
  act(ctx, (w) => {
    const old = calendarDayByDate(ctx.db, i.date);
    if (old) w.update('calendar_day', old.id, { kind: i.kind, note });
    else w.insert('calendar_day', { date: i.date, kind: i.kind, note });
    moveDeadlines(ctx, w, i.date);
  });
  return dayOf(i.date, loadCorrections(ctx.db), correctionRows(ctx));
}

export function removeCalendarDay(ctx: Ctx, id: string): void {
  act(ctx, (w) => {
    const row = calendarDayById(ctx.db, id);
    if (!row) throw recordNotFound('calendar_day');
    w.remove('calendar_day', id);
    moveDeadlines(ctx, w, row.date);
  });
}

export const workingDaysAfter = (ctx: Ctx, date: string, days: number) => addWorkingDays(date, days, loadCorrections(ctx.db));
