// The office's calendar (issue 15 point 5) on the demo school, seen on several days and by each role.
import { beforeAll, describe, expect, it } from 'vitest';
import { demoCore } from '../support/core';
import { createLocalClient, dispatch } from '../../electron/core/dispatch';
import { Session } from '../../electron/core/auth/session';
import { uuidv7 } from '../../db/ids';
import type { CalendarItem, OfficeCalendar } from '../../electron/api/home';
import type { AppRole } from '../../electron/api/enums';

const now = new Date('2027-05-25T09:00:00Z');
let t: Awaited<ReturnType<typeof demoCore>>;
const calls = new Map<AppRole, ReturnType<typeof createLocalClient>>();

beforeAll(async () => {
  t = await demoCore(100, () => now);
  for (const role of ['secretary', 'deputy', 'director'] as const) {
    const u = t.demo.users.find((x) => x.role === role)!;
    const ctx = { ...t.ctx, session: new Session(false) };
    expect((await dispatch(ctx, 'auth.login', { login: u.login, password: u.password })).ok).toBe(true);
    calls.set(role, createLocalClient(ctx));
  }
  calls.set('sysadmin', t.call);
}, 120_000);

const calendar = (role: AppRole, on?: string): Promise<OfficeCalendar> => calls.get(role)!('home.calendar', on ? { on } : {});
const item = (c: OfficeCalendar, key: string): CalendarItem | undefined => c.items.find((i) => i.key === key);
const kinds = (c: OfficeCalendar) => new Set(c.items.map((i) => i.kind));

describe('early September', () => {
  it('the first-grade cohort is due by 5 September, for those who keep the contingent', async () => {
    const c = await calendar('sysadmin', '2026-09-03');
    expect(c.today).toBe('2026-09-03');
    const first = item(c, 'firstGrade')!;
    expect(first).toMatchObject({ date: '2026-09-01', until: '2026-09-05', state: 'now', area: 'contingent', forInfo: false });
    expect(first.href).toMatch(/^\/(enrollment|formation)$/);
    // Nothing of the year end is late yet: the orders and the attestation are later in the year.
    expect(item(c, 'orders')?.state).toBe('later');
    expect(item(c, 'attestation')?.state).toBe('later');
    // The first quarter's marks are ahead, in the year's list.
    expect(c.items.filter((i) => i.kind === 'periodMarks').every((i) => i.state === 'later')).toBe(true);
    expect((await calendar('secretary', '2026-09-03')).items.find((i) => i.key === 'firstGrade')?.forInfo).toBe(false);
    expect((await calendar('director', '2026-09-03')).items.find((i) => i.key === 'firstGrade')?.forInfo).toBe(true);
  });

  it('after 5 September the cohort without applications is not asked for', async () => {
    expect(item(await calendar('sysadmin', '2026-09-20'), 'firstGrade')).toBeUndefined();
  });
});

describe('the last week of May 2027', () => {
  it('the attestation is due now, the promotion orders are late', async () => {
    const c = await calendar('sysadmin');
    expect(c.today).toBe('2027-05-25');
    expect(c.year?.name).toBe('2026/2027');
    expect(item(c, 'attestation')).toMatchObject({ state: 'now', href: '/year-end' });
    const orders = item(c, 'orders')!;
    expect(orders).toMatchObject({ state: 'late', lateDays: 1, until: '2027-05-24', href: '/year-end/promotion', checked: true });
    expect(orders.count).toBeGreaterThan(20);
    expect(item(c, 'rollover')).toMatchObject({ state: 'soon', date: '2027-06-01', href: '/year-end/rollover' });
    // Period marks: the past quarters have no marks in the demo (sync brings them): late, naming the classes.
    const q1 = c.items.find((i) => i.kind === 'periodMarks' && i.title.includes('1 четверть'))!;
    expect(q1.state).toBe('late');
    expect(q1.detail).toContain('2А');
  });

  it('debts: a retake ahead, a retake passed without a result', async () => {
    const db = t.db.raw;
    const year = (await calendar('sysadmin')).year!;
    const students = db.prepare(`SELECT s.id FROM student s JOIN school_class c ON c.id = s.class_id WHERE c.grade = 6 ORDER BY s.id LIMIT 3`).all() as { id: string }[];
    const subject = (db.prepare(`SELECT id FROM subject WHERE deleted_at IS NULL ORDER BY name LIMIT 1`).get() as { id: string }).id;
    const stamp = now.toISOString();
    const debt = db.prepare(
      `INSERT INTO academic_debt (id, created_at, updated_at, student_id, subject_id, year_id, reason, recorded_on, first_retake_on, first_result, status)
       VALUES (?, ?, ?, ?, ?, ?, 'unsatisfactory', '2027-05-20', ?, ?, 'open')`,
    );
    debt.run(uuidv7(), stamp, stamp, students[0]!.id, subject, year.id, '2027-05-28', null);
    debt.run(uuidv7(), stamp, stamp, students[1]!.id, subject, year.id, '2027-05-21', null);
    debt.run(uuidv7(), stamp, stamp, students[2]!.id, subject, year.id, null, null);
    const c = await calendar('deputy');
    expect(item(c, 'debts:2027-05-28')).toMatchObject({ state: 'soon', count: 1, href: '/year-end/debts', forInfo: false });
    expect(item(c, 'debts:results')).toMatchObject({ state: 'late', count: 1, lateDays: 4 });
    expect(item(c, 'debts:schedule')).toMatchObject({ state: 'now', count: 1 });
    // The director sees them for information.
    expect(item(await calendar('director'), 'debts:results')?.forInfo).toBe(true);
    // A positive result closes a debt (its feature sets the status): the item goes.
    db.prepare(`UPDATE academic_debt SET status = 'closed', first_result = '4' WHERE first_retake_on = '2027-05-21'`).run();
    expect(item(await calendar('deputy'), 'debts:results')).toBeUndefined();
  });
});

describe('backups (R23)', () => {
  const setLast = (iso: string | null) =>
    iso === null
      ? t.db.raw.prepare(`DELETE FROM setting WHERE key = 'backup.lastAt'`).run()
      : t.db.raw.prepare(`INSERT INTO setting (key, value) VALUES ('backup.lastAt', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(JSON.stringify(iso));

  it('the last backup three days old is late; an hour old is not', async () => {
    setLast('2027-05-22T08:00:00.000Z');
    const late = item(await calendar('sysadmin'), 'backups')!;
    expect(late).toMatchObject({ state: 'late', lateDays: 3, href: '/admin/backups', forInfo: false });
    setLast('2027-05-25T08:00:00.000Z');
    expect(item(await calendar('sysadmin'), 'backups')).toBeUndefined();
    setLast(null);
    expect(item(await calendar('sysadmin'), 'backups')?.title).toBe('Резервная копия ещё не создавалась');
  });

  it('only those who see backups get the item: not the secretary nor the deputy; the director for information', async () => {
    setLast('2027-05-20T08:00:00.000Z');
    expect(kinds(await calendar('secretary')).has('backups')).toBe(false);
    expect(kinds(await calendar('deputy')).has('backups')).toBe(false);
    expect(item(await calendar('director'), 'backups')).toMatchObject({ state: 'late', forInfo: true });
  });
});

describe('per role', () => {
  it('the monthly journal control is the deputy’s and the director’s own duty', async () => {
    const deputy = (await calendar('deputy')).items.filter((i) => i.kind === 'monitoring');
    expect(deputy.map((i) => i.key)).toContain('monitoring:2027-05');
    expect(deputy.find((i) => i.key === 'monitoring:2027-05')).toMatchObject({ state: 'now', until: '2027-05-31', checked: false });
    expect(deputy.find((i) => i.key === 'monitoring:2026-09')).toMatchObject({ state: 'done', checked: false });
    const director = (await calendar('director')).items.filter((i) => i.kind === 'monitoring');
    expect(director.length).toBe(deputy.length);
    expect(director.every((i) => !i.forInfo)).toBe(true);
    expect(kinds(await calendar('secretary')).has('monitoring')).toBe(false);
    expect(kinds(await calendar('sysadmin')).has('monitoring')).toBe(false);
  });

  it('the director changes nothing: every other item is «для сведения»', async () => {
    const c = await calendar('director');
    expect(c.items.length).toBeGreaterThan(0);
    expect(c.items.filter((i) => i.kind !== 'monitoring').every((i) => i.forInfo)).toBe(true);
  });

  it('the rollover is the administrator’s; others see it for information', async () => {
    expect(item(await calendar('sysadmin'), 'rollover')?.forInfo).toBe(false);
    expect(item(await calendar('secretary'), 'rollover')?.forInfo).toBe(true);
  });

  it('the rollover recorded is done', async () => {
    const year = (await calendar('sysadmin')).year!;
    const stamp = now.toISOString();
    const db = t.db.raw;
    const next = uuidv7();
    db.prepare(`INSERT INTO academic_year (id, created_at, updated_at, name, start_date, end_date, grade_edit_window, is_current) VALUES (?, ?, ?, '2027/2028', '2027-09-01', '2028-05-31', '2w', 0)`).run(
      next,
      stamp,
      stamp,
    );
    db.prepare(`INSERT INTO year_rollover (id, created_at, updated_at, from_year_id, to_year_id, done_at, done_by, summary) VALUES (?, ?, ?, ?, ?, ?, 'test', '{}')`).run(
      uuidv7(),
      stamp,
      stamp,
      year.id,
      next,
      stamp,
    );
    expect(item(await calendar('sysadmin', '2027-06-10'), 'rollover')?.state).toBe('done');
  });
});

describe('input', () => {
  it('a wrong day is refused in Russian, naming the field', async () => {
    const r = await dispatch(t.ctx, 'home.calendar', { on: '2027-02-31' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('На дату');
  });
});
