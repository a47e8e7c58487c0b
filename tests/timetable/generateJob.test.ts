// `timetable.generate` through the API on a real database (the 1000-student demo): the places are
// written in one transaction, only changed cards are touched, a change made meanwhile refuses the
// write, a cancel writes nothing, a deputy's run moves only their parallels (R8).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writer } from '../../db';
import { demoCore, ADMIN } from '../support/core';
import { makeDemoCards } from './support/demoModel';
import { verifyClashes } from './support/verify';
import { loadModel } from '../../electron/core/timetable/queries';
import { generateTimetable } from '../../electron/core/timetable/generateJob';
import { JobCancelled, type JobControl } from '../../electron/core/job';
import type { Ctx } from '../../electron/core/context';
import { AppError } from '../../electron/api/errors';

let core: Awaited<ReturnType<typeof demoCore>>;
let timetableId: string;

const cardRows = () =>
  core.db.raw.prepare(`SELECT id, weekday, lesson_no, room_id, updated_at, pinned FROM timetable_card WHERE timetable_id = ? ORDER BY id`).all(timetableId) as {
    id: string; weekday: number | null; lesson_no: number | null; room_id: string | null; updated_at: string; pinned: number;
  }[];

/** A job's control for a direct call: `onProgress` runs at each progress report. */
const jobCtx = (onProgress: (n: number) => void): Ctx => {
  let n = 0;
  const job: JobControl = {
    id: 'test',
    progress: () => onProgress(++n),
    check: () => undefined,
    input: () => {
      throw new Error('no inputs');
    },
    release: () => undefined,
    result: () => Promise.reject(new Error('no results')),
  };
  return { ...core.ctx, job };
};

beforeAll(async () => {
  core = await demoCore(1000);
  timetableId = makeDemoCards(core.db);
}, 300_000);
afterAll(() => core?.cleanup());

describe('timetable.generate', () => {
  it('writes nothing when cancelled, and refuses when the version changed meanwhile', () => {
    const before = cardRows();
    expect(() =>
      generateTimetable(
        jobCtx((n) => {
          if (n === 3) throw new JobCancelled();
        }),
        { timetableId, scope: { kind: 'all' }, seed: 1 },
      ),
    ).toThrow(JobCancelled);
    expect(cardRows()).toEqual(before);

    // Someone pins a card while it runs: nothing is written, the reason said.
    const victim = before[10]!.id;
    let err: unknown;
    try {
      generateTimetable(
        jobCtx((n) => {
          if (n === 2) core.db.tx(() => new Writer(core.db, 'other').update('timetable_card', victim, { pinned: 1 }));
        }),
        { timetableId, scope: { kind: 'grade', grade: 5 }, seed: 1 },
      );
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('conflict');
    expect((err as AppError).message).toMatch(/^Пока составлялось расписание, его изменили/);
    expect(cardRows().filter((r) => r.weekday !== null)).toEqual([]);
    core.db.tx(() => new Writer(core.db, 'other').update('timetable_card', victim, { pinned: 0 }));
  }, 300_000);

  it("a deputy's run places only their parallels' cards", async () => {
    const deputy = core.demo.users.find((u) => u.login === 'deputy')!;
    await core.call('auth.logout');
    await core.call('auth.login', { login: deputy.login, password: deputy.password });
    await core.call('auth.changePassword', { oldPassword: deputy.password, newPassword: 'Завуч2026!' });
    try {
      await expect(core.call('timetable.generate', { timetableId, scope: { kind: 'grade', grade: 10 }, seed: 1 })).rejects.toMatchObject({
        code: 'forbidden',
        message: expect.stringMatching(/^Вы отвечаете за параллели 5–9: расписание 10-х классов составляет/),
      });
      const r = await core.call('timetable.generate', { timetableId, scope: { kind: 'grade', grade: 6 }, seed: 1 });
      const model = loadModel(core.db, timetableId);
      const grade6 = model.cards.filter((c) => c.grade === 6);
      expect(r.placed).toBe(grade6.length);
      expect(r.unplaced).toEqual([]);
      expect(model.cards.filter((c) => c.weekday !== null).map((c) => c.id).sort()).toEqual(grade6.map((c) => c.id).sort());
      expect(verifyClashes(model)).toEqual([]);
    } finally {
      await core.call('auth.logout');
      const admin = core.demo.users.find((u) => u.role === 'sysadmin')!;
      await core.call('auth.login', { login: admin.login, password: ADMIN.password });
    }
  }, 300_000);

  it('places every unplaced card with no clash, touching only the cards it moved', async () => {
    const before = new Map(cardRows().map((r) => [r.id, r]));
    const r = await core.call('timetable.generate', { timetableId, scope: { kind: 'unplaced' }, seed: 1 });
    const after = cardRows();
    expect(r.unplaced).toEqual([]);
    expect(r.placed).toBe([...before.values()].filter((c) => c.weekday === null).length);
    expect(after.every((c) => c.weekday !== null && c.lesson_no !== null)).toBe(true);
    // The 6th grade placed before stays as it was, row untouched.
    for (const c of after) if (before.get(c.id)!.weekday !== null) expect(c).toEqual(before.get(c.id));
    const model = loadModel(core.db, timetableId);
    expect(verifyClashes(model)).toEqual([]);
    expect(r.teacherWindows).toBeGreaterThanOrEqual(0);
    expect(r.warnings).toBeGreaterThanOrEqual(0);
    // Synced office data: the moved cards are changes of one mutation (one transaction).
    const last = core.db.raw.prepare(`SELECT mutation_no AS m, count(*) AS n FROM sync_change WHERE entity = 'timetable_card' AND op = 'update' GROUP BY mutation_no ORDER BY mutation_no DESC LIMIT 1`).get() as { m: number; n: number };
    expect(last.n).toBe(r.placed);

    // Pinned cards and the other parallels stay when one parallel is rebuilt.
    const pinned = after.filter((_, i) => i % 11 === 0).map((c) => c.id);
    core.db.tx(() => {
      const w = new Writer(core.db, 'test');
      for (const id of pinned) w.update('timetable_card', id, { pinned: 1 });
    });
    const mid = new Map(cardRows().map((c) => [c.id, c]));
    const grade = new Map(model.cards.map((c) => [c.id, c.grade]));
    const again = await core.call('timetable.generate', { timetableId, scope: { kind: 'grade', grade: 8 }, seed: 2 });
    expect(again.unplaced).toEqual([]);
    for (const c of cardRows()) if (grade.get(c.id) !== 8 || pinned.includes(c.id)) expect(c).toEqual(mid.get(c.id));
    expect(verifyClashes(loadModel(core.db, timetableId))).toEqual([]);
  }, 300_000);
});
