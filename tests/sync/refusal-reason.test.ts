// Found by the convergence test under faults (`npm run converge -- --rounds 1000 --seed 1`, on the
// store before migration 0009; docs/sync-faults.md): a mutation the server refused, whose answer was
// lost, was then refused here by a pull (a pulled row took its key) with another reason; the next
// push's replay brought the server's stored outcome, but the store kept its own reason (refuse()
// skips a mutation already refused) — the computer showed a reason the central system never gave.
// Fixed in the store (25bfb66: a mutation that may have reached the server is never refused here;
// only the server's answer decides it). The minimal sequence, with the central store in-process
// (push/pull as the server runs them) and two real SQLite apps through the store's API; it failed on
// the store before that commit («… — 1В уже есть: его создали на другом компьютере школы.» here,
// «…, 1Б, 01.12.2026 уже есть в центральной системе …» there).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCentralDb, type CentralDb } from '../../central/db';
import { migrateCentral } from '../../central/migrations';
import { ensureSchool, issueEnrollmentCode, registerClient, type Auth } from '../../central/auth';
import { pull, push } from '../../central/store';
import * as store from '../../db/sync';
import { AREAS } from '../../electron/core/auth/permissions';
import { demoCore, tempCore } from '../support/core';
import { startPostgres, type TestPostgres } from '../support/postgres';

let pg: TestPostgres;
let db: CentralDb;
beforeAll(async () => {
  pg = await startPostgres();
  db = openCentralDb(pg.url, { max: 4 });
  await migrateCentral(db);
}, 120_000);
afterAll(async () => {
  await db?.destroy();
  await pg?.stop();
});

type App = Awaited<ReturnType<typeof tempCore>>;

async function join(app: App, schoolId: string): Promise<Auth> {
  const reg = await registerClient(db, (await issueEnrollmentCode(db, schoolId)).code, 'компьютер');
  store.setIdentity(app.db, { serverUrl: 'http://central.invalid', schoolId: reg.schoolId, schoolName: reg.schoolName, clientId: reg.clientId, secret: reg.secret });
  return { schoolId: reg.schoolId, clientId: reg.clientId };
}

/** Pushes what waits; `lose`: the server processes it, the answer never arrives. */
async function pushAll(app: App, auth: Auth, lose = false) {
  const ms = store.mutationsToPush(app.db, 1000);
  if (!ms.length) return;
  const out = await push(db, auth, ms);
  if (out.status !== 200) throw new Error(JSON.stringify(out.body));
  if (!lose) store.recordPush(app.db, out.body);
}

async function pullAll(app: App, auth: Auth) {
  for (;;) {
    const page = await pull(db, auth, store.syncState(app.db).cursor);
    store.applyPullPage(app.db, page);
    if (!page.more) return;
  }
}

/** A student's card moved to another class today (one user action: one mutation). */
async function move(app: App, studentId: string, classId: string) {
  const d = await app.call('students.get', { id: studentId });
  await app.call('students.save', { ...d, classId, classFrom: undefined } as never);
}

describe('a refusal whose answer was lost, refused here meanwhile by a pull', () => {
  it('is recorded here with the reason the server gave', async () => {
    const school = await ensureSchool(db, 'Школа: причина отказа');
    const a = await demoCore(100);
    const b = await tempCore(() => new Date(), { login: false });
    // The second computer's user (its accounts are its own, not synced): a service session.
    b.ctx.session.signIn(
      { id: 'b', login: 'b', displayName: 'Секретарь', role: 'sysadmin', deputyGrades: [], mustChangePassword: false, access: Object.fromEntries(AREAS.map((x) => [x, 'change'])) },
      new Date(),
      { service: true },
    );
    try {
      const authA = await join(a, school.id);
      const authB = await join(b, school.id);
      await pushAll(a, authA);
      await pullAll(a, authA);
      await pullAll(b, authB);

      const student = a.db.raw.prepare('SELECT student_id AS s, class_id AS c FROM class_membership WHERE date_to IS NULL AND deleted_at IS NULL ORDER BY student_id LIMIT 1').get() as { s: string; c: string };
      const [k1, k2] = (a.db.raw.prepare('SELECT id FROM school_class WHERE id <> ? AND deleted_at IS NULL ORDER BY id LIMIT 2').all(student.c) as { id: string }[]).map((r) => r.id);
      // Both computers move the same student offline, to different classes.
      await move(b, student.s, k1!);
      await move(a, student.s, k2!);
      await pushAll(a, authA); // the centre has A's move
      await pushAll(b, authB, true); // B's move refused there; the answer lost
      await pullAll(b, authB); // A's membership takes the student's key here: B's move undone locally
      await pushAll(b, authB); // the replay: the server's stored outcome
      await pullAll(b, authB);

      const server = await db.selectFrom('mutation').select(['id', 'refused']).where('school_id', '=', authB.schoolId).where('client_id', '=', authB.clientId).where('refused', 'is not', null).execute();
      expect(server).toHaveLength(1);
      const here = b.db.raw.prepare("SELECT no, reason FROM sync_mutation WHERE state = 'refused'").all() as { no: number; reason: string }[];
      expect(here).toEqual([{ no: server[0]!.id, reason: server[0]!.refused }]);
    } finally {
      a.cleanup();
      b.cleanup();
    }
  }, 180_000);
});
