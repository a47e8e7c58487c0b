import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/api/errors';
import { ADMIN, tempCore } from '../support/core';

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a refusal');
}

const HOUR = 60 * 60 * 1000;

describe('the register of data-correction requests (R26)', () => {
  let clock: Date;
  let t: Awaited<ReturnType<typeof tempCore>>;
  /** Moves the clock; after a jump the session is auto-locked, so the administrator unlocks it. */
  const at = async (iso: string) => {
    clock = new Date(iso);
    await t.call('auth.unlock', { password: ADMIN.password });
  };
  beforeEach(async () => {
    clock = new Date('2026-09-01T08:00:00Z');
    t = await tempCore(() => clock);
  });
  afterEach(() => t.cleanup());

  const report = (reportedAt: string, extra: Record<string, unknown> = {}) =>
    t.call('corrections.save', { reportedAt, reporter: 'Иванова Ольга Петровна (мать)', reporterContact: '+7 900 123-45-67', description: 'Неверная дата рождения у Иванова Петра', ...extra });

  it('gives one day to correct, then the reporter is told', async () => {
    await at('2026-09-01T09:30:00Z');
    const r = await report('2026-09-01T12:00:00+03:00'); // 09:00 UTC
    expect(r).toMatchObject({ reportedAt: '2026-09-01T09:00:00.000Z', dueAt: '2026-09-02T09:00:00.000Z', correctedAt: null, overdue: false });

    const early = await rejection(t.call('corrections.markNotified', { id: r.id }));
    expect(early.code).toBe('validation');
    expect(early.message).toBe('Сначала отметьте исправление');

    await at('2026-09-02T08:59:00Z'); // within the day
    const fixed = await t.call('corrections.markCorrected', { id: r.id, resolution: 'Дата рождения исправлена по свидетельству' });
    expect(fixed).toMatchObject({ correctedAt: '2026-09-02T08:59:00.000Z', correctedBy: 'admin', resolution: 'Дата рождения исправлена по свидетельству', overdue: false });

    await at('2026-09-03T10:00:00Z'); // long after the deadline, but it was corrected in time
    expect((await t.call('corrections.list', {}))[0]!.overdue).toBe(false);
    expect(await t.call('corrections.list', { onlyOpen: true })).toHaveLength(1); // the reporter is not told yet
    const told = await t.call('corrections.markNotified', { id: r.id });
    expect(told.reporterNotifiedAt).toBe('2026-09-03T10:00:00.000Z');
    expect(await t.call('corrections.list', { onlyOpen: true })).toEqual([]);
    // Telling again does not move the time.
    await at('2026-09-04T10:00:00Z');
    expect((await t.call('corrections.markNotified', { id: r.id })).reporterNotifiedAt).toBe('2026-09-03T10:00:00.000Z');
  });

  it('flags a request overdue when the day has passed uncorrected, and when corrected late', async () => {
    await at('2026-09-01T10:00:00Z');
    const r = await report('2026-09-01T09:00:00Z');
    await at('2026-09-02T09:00:00Z'); // exactly at the deadline: still in time
    expect((await t.call('corrections.list', {}))[0]).toMatchObject({ id: r.id, overdue: false });
    await at('2026-09-02T09:01:00Z');
    expect((await t.call('corrections.list', {}))[0]).toMatchObject({ id: r.id, overdue: true, correctedAt: null });
    await at('2026-09-02T15:00:00Z');
    const late = await t.call('corrections.markCorrected', { id: r.id, resolution: 'Исправлено' });
    expect(late).toMatchObject({ overdue: true, correctedAt: '2026-09-02T15:00:00.000Z' });
    // Marking again only refines the text: the time of the correction stays, so does the flag.
    await at('2026-09-02T16:00:00Z');
    const again = await t.call('corrections.markCorrected', { id: r.id, resolution: 'Исправлена дата рождения' });
    expect(again).toMatchObject({ overdue: true, correctedAt: '2026-09-02T15:00:00.000Z', resolution: 'Исправлена дата рождения' });
  });

  it('lists newest reports first; open ones are those not corrected or not told', async () => {
    await at('2026-09-05T10:00:00Z');
    const a = await report('2026-09-01T09:00:00Z', { reporter: 'Первый' });
    const b = await report('2026-09-04T09:00:00Z', { reporter: 'Второй' });
    const c = await report('2026-09-03T09:00:00Z', { reporter: 'Третий' });
    expect((await t.call('corrections.list', {})).map((x) => x.id)).toEqual([b.id, c.id, a.id]);
    await t.call('corrections.markCorrected', { id: a.id, resolution: 'Исправлено' });
    await t.call('corrections.markNotified', { id: a.id });
    await t.call('corrections.markCorrected', { id: c.id, resolution: 'Исправлено' });
    expect((await t.call('corrections.list', { onlyOpen: true })).map((x) => x.reporter)).toEqual(['Второй', 'Третий']);
  });

  it('edits a request and moves its deadline with the time of the report', async () => {
    await at('2026-09-01T10:00:00Z');
    const r = await report('2026-09-01T09:00:00Z');
    const edited = await report('2026-09-01T06:00:00Z', { id: r.id, description: 'Неверный СНИЛС', reporterContact: null });
    expect(edited).toMatchObject({ id: r.id, dueAt: '2026-09-02T06:00:00.000Z', description: 'Неверный СНИЛС', reporterContact: null });
    expect(await t.call('corrections.list', {})).toHaveLength(1);
    const missing = await rejection(report('2026-09-01T06:00:00Z', { id: 'нет-такого' }));
    expect(missing.code).toBe('not_found');
  });

  it('refuses a report in the future and an empty description, naming the field', async () => {
    await at('2026-09-01T10:00:00Z');
    const future = await rejection(report('2026-09-01T10:05:00Z'));
    expect(future.code).toBe('validation');
    expect(future.problems).toEqual([{ column: 'Дата и время обращения', message: 'Дата и время обращения не могут быть в будущем' }]);
    const empty = await rejection(report('2026-09-01T09:00:00Z', { description: '   ' }));
    expect(empty.code).toBe('validation');
    expect(empty.message).toBe('Поле «Суть ошибки» не заполнено');
    const noTime = await rejection(report('вчера'));
    expect(noTime.message).toBe('Укажите дату и время обращения');
    const noResolution = await rejection(t.call('corrections.markCorrected', { id: 'x', resolution: ' ' }));
    expect(noResolution.message).toBe('Поле «Что исправлено» не заполнено');
    expect(await t.call('corrections.list', {})).toEqual([]);
  });

  it('writes every step through the audit log and sync mutations', async () => {
    await at('2026-09-01T10:00:00Z');
    const r = await report('2026-09-01T09:00:00Z');
    await at(new Date(clock.getTime() + HOUR).toISOString());
    await t.call('corrections.markCorrected', { id: r.id, resolution: 'Исправлено' });
    await t.call('corrections.markNotified', { id: r.id });
    const log = await t.call('audit.search', { entity: 'correction_request', entityId: r.id });
    expect(log.rows.map((e) => e.action)).toEqual(['update', 'update', 'insert']);
    expect(log.rows.every((e) => e.actor === 'admin' && e.entityLabel === 'Обращение об ошибке: Иванова Ольга Петровна (мать)')).toBe(true);
    expect(log.rows[1]!.changes.map((c) => c.field)).toEqual(['Исправлено', 'Кто исправил', 'Что исправлено']);
    expect(log.rows[0]!.changes).toEqual([{ field: 'Заявитель уведомлён', old: null, new: expect.stringMatching(/^\d\d\.\d\d\.2026 \d\d:\d\d$/) }]);
    const outbox = t.db.raw.prepare("SELECT op FROM sync_change WHERE entity = 'correction_request' AND entity_id = ? ORDER BY mutation_no, seq").all(r.id) as { op: string }[];
    expect(outbox.map((o) => o.op)).toEqual(['insert', 'update', 'update']);
  });

  it('is kept by the administrator; a deputy may only look', async () => {
    await at('2026-09-01T10:00:00Z');
    await report('2026-09-01T09:00:00Z');
    const password = (await t.call('users.save', { login: 'deputy', displayName: 'Лебедева Надежда Сергеевна', role: 'deputy', deputyGrades: [5] })).password!;
    await t.call('auth.logout');
    await t.call('auth.login', { login: 'deputy', password });
    await t.call('auth.changePassword', { oldPassword: password, newPassword: 'Завуч2026!' });
    expect(await t.call('corrections.list', {})).toHaveLength(1);
    const e = await rejection(report('2026-09-01T09:00:00Z'));
    expect(e.code).toBe('forbidden');
  });
});
