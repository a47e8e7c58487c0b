// The sync feature end to end (issue 10): a real PostgreSQL, the real central server over HTTP,
// two app databases of one school as two clients — registered with their codes through the API,
// edited, synced in rounds run as jobs — converge row by row; a class «5Д» made on both is refused
// on the second with its reason (`sync.refusals`); with the central stopped a round fails in
// Russian and the header's status says offline with the changes waiting; the CLI `sync` exit codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { openCentralDb, type CentralDb } from '../../central/db';
import { migrateCentral } from '../../central/migrations/index';
import { startCentral, type CentralServer } from '../../central/server';
import { ensureSchool, issueEnrollmentCode } from '../../central/auth';
import { writeCentral } from '../../central/store';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { demoCore, tempCore } from '../support/core';
import { tempDir } from '../support/tmp';
import { entities, entityOf, type Table } from '../../db/entities';
import { openDatabase, type Db } from '../../db';
import { createLocalClient } from '../../electron/core/dispatch';
import { Session } from '../../electron/core/auth/session';
import { AREAS } from '../../electron/core/auth/permissions';
import type { Ctx } from '../../electron/core/context';
import { AppError } from '../../electron/api/errors';
import { scheduleSync, backoffMs } from '../../electron/core/sync/background';
import { runCliAsync } from '../support/cli';


type Core = Awaited<ReturnType<typeof tempCore>>;

const OFFICE = (Object.keys(entities) as Table[]).filter((t) => entityOf(t).owner === 'office');
const CENTRAL = (Object.keys(entities) as Table[]).filter((t) => entityOf(t).owner === 'central');

/** Every synced row of a database, table by table, in id order (what must agree between clients). */
function rowsOf(db: Db, tables: Table[]): Record<string, unknown[]> {
  return Object.fromEntries(tables.map((t) => [t, db.raw.prepare(`SELECT * FROM ${t} ORDER BY id`).all()]));
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a refusal');
}

/**
 * The CLI as a child process, on a database without users (it acts as its first administrator);
 * asynchronous: the central server answers from this very process.
 */
const cli = (...args: string[]) => runCliAsync(args, { env: { SCHOOL_OFFICE_SYNC: 'off' } });

describe('background sync backoff', () => {
  it('doubles from 15 s to 5 min; a short test period tops out at 10 periods', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((f) => backoffMs(f, 180_000))).toEqual([15_000, 30_000, 60_000, 120_000, 240_000, 300_000, 300_000]);
    expect([1, 2, 3, 4, 5].map((f) => backoffMs(f, 1000))).toEqual([1000, 2000, 4000, 8000, 10_000]);
  });
});

describe('sync with the real central server', () => {
  let pg: TestPostgres;
  let cdb: CentralDb;
  let server: CentralServer;
  let port = 0;
  let url = '';
  let schoolId = '';
  let a: Core; // the administrator's computer: the demo school
  let b: Core; // the secretary's computer: an empty database joining the same school
  const code = async () => (await issueEnrollmentCode(cdb, schoolId)).code;

  beforeAll(async () => {
    pg = await startPostgres();
    cdb = openCentralDb(pg.url);
    await migrateCentral(cdb);
    server = await startCentral({ db: cdb, log: null });
    port = server.port;
    url = server.url;
    schoolId = (await ensureSchool(cdb, 'МБОУ СОШ № 7')).id;
    a = await demoCore(100);
    b = await tempCore();
  }, 240_000);

  afterAll(async () => {
    a?.cleanup();
    b?.cleanup();
    await server?.close().catch(() => undefined);
    await cdb?.destroy();
    await pg?.stop();
  });

  it('refuses a wrong code next to its field, and an address where nothing answers next to the address', async () => {
    const wrong = await refusal(a.call('sync.register', { serverUrl: url, code: 'AAAA-BBBB-CCCC' }));
    expect(wrong.message).toBe('Код подключения неверен или уже использован.');
    expect(wrong.problems[0]?.column).toBe('code');
    const nobody = await refusal(a.call('sync.register', { serverUrl: 'http://127.0.0.1:9', code: await code() }));
    expect(nobody.message).toMatch(/^Центральная система не отвечает \(адрес http:\/\/127\.0\.0\.1:9\)/);
    expect(nobody.problems[0]?.column).toBe('serverUrl');
    const bad = await refusal(a.call('sync.register', { serverUrl: 'central.example', code: 'ABCDEF' }));
    expect(bad.problems.map((p) => p.column)).toEqual(['serverUrl']);
    expect(bad.message).toMatch(/http:\/\/ или https:\/\//);
    expect((await a.call('sync.status')).registered).toBe(false);
    await expect(a.call('sync.now')).rejects.toThrow(/не подключена к центральной системе/);
  }, 120_000);

  it('registers both computers, and the second receives the first one’s school', async () => {
    const ra = await a.call('sync.register', { serverUrl: url, code: await code(), name: 'Кабинет администратора' });
    expect(ra.schoolName).toBe('МБОУ СОШ № 7');
    expect(ra.roundError).toBeNull();
    expect(ra.round!.accepted).toBeGreaterThan(0);
    expect(ra.round!.refused).toBe(0);
    const sa = await a.call('sync.status');
    expect(sa).toMatchObject({ registered: true, schoolName: 'МБОУ СОШ № 7', serverUrl: url, online: true, pending: 0, refused: 0, running: null });
    expect(sa.lastSyncAt).not.toBeNull();
    // Registered once: a second code is refused.
    await expect(a.call('sync.register', { serverUrl: url, code: await code() })).rejects.toThrow(/уже подключена/);

    const rb = await b.call('sync.register', { serverUrl: url, code: await code(), name: 'Кабинет секретаря' });
    expect(rb.roundError).toBeNull();
    expect(rb.round!.pulled).toBeGreaterThan(1000);
    // A's round brings B's administrator's staff card back.
    await a.call('sync.now');
    expect(rowsOf(b.db, OFFICE)).toEqual(rowsOf(a.db, OFFICE));
    expect(b.db.raw.prepare('SELECT count(*) AS n FROM student').get()).toEqual({ n: 100 });
    const log = await b.call('sync.log', { limit: 10 });
    expect(log[0]!.text).toMatch(/^Получено \d/);
    expect(JSON.stringify(log)).not.toMatch(/Смирнова|Школа2026/);
  }, 300_000);

  it('converges after edits on both computers and a central write', async () => {
    const classes = await a.call('classes.list');
    const c = classes[0]!;
    await a.call('classes.save', { id: c.id, grade: c.grade, letter: c.letter, shift: c.shift === 1 ? 2 : 1, classTeacherId: c.classTeacherId ?? null, roomId: c.roomId ?? null });
    await b.call('rooms.save', { id: null, number: '214', name: 'Кабинет информатики', capacity: 25 });
    // The central journal: a lesson of that class, written as a teacher would.
    const subject = a.db.raw.prepare('SELECT id FROM subject ORDER BY id LIMIT 1').get() as { id: string };
    const teacher = a.db.raw.prepare('SELECT id FROM staff ORDER BY id LIMIT 1').get() as { id: string };
    const now = new Date().toISOString();
    await writeCentral(cdb, schoolId, [
      {
        entity: 'lesson',
        id: randomUUID(),
        op: 'insert',
        base: null,
        fields: {
          date: '2026-11-30', lesson_no: 2, class_id: c.id, subgroup_id: null, study_group_id: null, subject_id: subject.id, teacher_id: teacher.id,
          substitute_id: null, topic: 'Сложение дробей', homework: '№ 112', status: 'held', created_at: now, updated_at: now, deleted_at: null,
        },
      },
    ]);
    const rb = await b.call('sync.now');
    expect(rb).toMatchObject({ refused: 0, pending: 0 });
    await a.call('sync.now');
    await b.call('sync.now');
    expect(rowsOf(b.db, OFFICE)).toEqual(rowsOf(a.db, OFFICE));
    expect(rowsOf(b.db, CENTRAL)).toEqual(rowsOf(a.db, CENTRAL));
    expect((a.db.raw.prepare('SELECT topic FROM lesson').all() as { topic: string }[]).map((l) => l.topic)).toEqual(['Сложение дробей']);
    expect((b.db.raw.prepare("SELECT shift FROM school_class WHERE id = ?").get(c.id) as { shift: number }).shift).toBe(c.shift === 1 ? 2 : 1);
  }, 300_000);

  it('refuses a second «5Д» made on the other computer and shows what was undone and why', async () => {
    const has5d = (await a.call('classes.list')).some((x) => x.grade === 5 && x.letter === 'Д');
    expect(has5d).toBe(false);
    await a.call('classes.save', { id: null, grade: 5, letter: 'Д', shift: 1, classTeacherId: null, roomId: null });
    await b.call('classes.save', { id: null, grade: 5, letter: 'Д', shift: 1, classTeacherId: null, roomId: null });
    await a.call('sync.now');
    const rb = await b.call('sync.now');
    expect(rb.refused).toBe(1);
    expect(rb.refusals[0]!.reason).toMatch(/5Д/);
    const list = await b.call('sync.refusals', {});
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ actor: 'admin', changes: [{ entity: 'school_class', op: 'insert' }] });
    expect(list[0]!.reason).toMatch(/Класс 5Д уже есть в центральной системе/);
    expect((await b.call('sync.status')).refused).toBe(1);
    // B's own «5Д» is undone; A's came instead: one «5Д», the same on both.
    expect(rowsOf(b.db, OFFICE)).toEqual(rowsOf(a.db, OFFICE));
    expect(b.db.raw.prepare("SELECT count(*) AS n FROM school_class WHERE grade = 5 AND letter = 'Д' AND deleted_at IS NULL").get()).toEqual({ n: 1 });
  }, 300_000);

  it('works offline: the round fails in Russian, the status says offline with the changes waiting; back online they go', async () => {
    await server.close();
    try {
      await a.call('rooms.save', { id: null, number: '999', name: null, capacity: null });
      const e = await refusal(a.call('sync.now'));
      expect(e.message).toBe(`Центральная система не отвечает (адрес ${url}). Проверьте подключение к интернету и адрес; изменения сохранены здесь и будут отправлены позже.`);
      const off = await a.call('sync.status');
      expect(off).toMatchObject({ online: false, lastError: e.message, pending: 1 });
    } finally {
      server = await startCentral({ db: cdb, log: null, port });
    }
    const r = await a.call('sync.now');
    expect(r).toMatchObject({ pushed: 1, accepted: 1, refused: 0, pending: 0 });
    expect((await a.call('sync.status')).online).toBe(true);
    await b.call('sync.now');
    expect(rowsOf(b.db, OFFICE)).toEqual(rowsOf(a.db, OFFICE));
  }, 300_000);

  it('syncs in the background: after a change, and every period; backs off while the central is away', async () => {
    const schedule = scheduleSync(b.ctx, { intervalMs: 1500, debounceMs: 1000, log: () => undefined });
    try {
      // A change here goes out by itself.
      await b.call('rooms.save', { id: null, number: '997', name: null, capacity: null });
      expect((await b.call('sync.status')).pending).toBe(1);
      await expect.poll(async () => (await b.call('sync.status')).pending, { timeout: 60_000, interval: 200 }).toBe(0);
      // A central write arrives by the period alone.
      const lesson = b.db.raw.prepare('SELECT * FROM lesson').get() as Record<string, string | number | null>;
      await writeCentral(cdb, schoolId, [{ entity: 'lesson', id: lesson.id as string, op: 'update', base: null, fields: { topic: 'Вычитание дробей', updated_at: new Date().toISOString() } }]);
      await expect.poll(() => (b.db.raw.prepare('SELECT topic FROM lesson').get() as { topic: string }).topic, { timeout: 60_000, interval: 200 }).toBe('Вычитание дробей');
      // The central away: the round fails, the change waits, and goes once the central is back.
      await server.close();
      try {
        await b.call('rooms.save', { id: null, number: '996', name: null, capacity: null });
        await expect.poll(async () => (await b.call('sync.status')).online, { timeout: 60_000, interval: 200 }).toBe(false);
        expect((await b.call('sync.status')).pending).toBe(1);
      } finally {
        server = await startCentral({ db: cdb, log: null, port });
      }
      await expect.poll(async () => (await b.call('sync.status')).pending, { timeout: 90_000, interval: 300 }).toBe(0);
      expect((await b.call('sync.status')).online).toBe(true);
    } finally {
      schedule.stop();
    }
  }, 300_000);

  it('CLI sync: registers with a code, syncs, and exits 1 on a refusal or when offline, 2 on wrong usage', async () => {
    const tmp = tempDir('school-office-sync-cli-');
    const file = join(tmp.dir, 'c.sqlite');
    let stopped = false;
    try {
      const first = await cli('sync', '--db', file, '--server', url, '--code', await code(), '--name', 'Ноутбук завуча');
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toContain('Программа подключена к центральной системе: школа «МБОУ СОШ № 7».');
      expect(first.stdout).toMatch(/получено \d[\d\s]* запис/);
      const again = await cli('sync', '--db', file, '--server', url, '--json');
      expect(again.code, again.stderr).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ pushed: 0, refused: 0, pending: 0 });

      expect((await cli('sync', '--db', file)).code).toBe(2);
      expect((await cli('sync', '--db', file, '--server', 'central.example')).code).toBe(2);
      expect((await cli('sync', '--db', file, '--server', url, '--name', 'x')).code).toBe(2);
      const other = await cli('sync', '--db', file, '--server', 'http://127.0.0.1:9');
      expect(other.code).toBe(1);
      expect(other.stderr).toMatch(/подключена к другой центральной системе/);

      // «5Е» made here and on the administrator's computer, which syncs first: refused, exit 1 with the reason.
      const db = openDatabase(file);
      try {
        const ctx: Ctx = { db, actor: 'test', host: 'test', now: () => new Date(), session: new Session(false) };
        ctx.session.signIn({ id: 't', login: 'test', displayName: 'Проверка', role: 'sysadmin', deputyGrades: [], mustChangePassword: false, access: Object.fromEntries(AREAS.map((x) => [x, 'change'])) }, new Date(), { service: true });
        await createLocalClient(ctx)('classes.save', { id: null, grade: 5, letter: 'Е', shift: 1, classTeacherId: null, roomId: null });
      } finally {
        db.close();
      }
      await a.call('classes.save', { id: null, grade: 5, letter: 'Е', shift: 1, classTeacherId: null, roomId: null });
      await a.call('sync.now');
      const refused = await cli('sync', '--db', file, '--server', url);
      expect(refused.code, refused.stderr).toBe(1);
      expect(refused.stdout).toMatch(/Отклонено \(изменения отменены на этом компьютере\):\n {2}Изменение №\d+ от .*Класс 5Е уже есть в центральной системе/);
      expect(refused.stdout).toMatch(/отменено добавление: Класс/);

      await server.close();
      stopped = true;
      const offline = await cli('sync', '--db', file, '--server', url);
      expect(offline.code).toBe(1);
      expect(offline.stderr).toContain(`Отказано: Центральная система не отвечает (адрес ${url})`);
      expect(offline.stderr).toMatch(/Ждут отправки: 0/);
    } finally {
      if (stopped) server = await startCentral({ db: cdb, log: null, port });
      tmp.cleanup();
    }
  }, 600_000);
});
