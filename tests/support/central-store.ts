// The real central store for the client sync store's tests (tests/db/sync-store*.test.ts): a real
// PostgreSQL per test file (tests/support/postgres.ts), the central migrated, schools and clients
// registered with central/auth.ts, and the store's own push/pull/writeCentral called in-process —
// the same code POST /v1/push and /v1/pull run (central/server.ts adds only HTTP, gzip and tokens).
import { afterAll, beforeAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { registerClient, type Auth } from '../../central/auth';
import { openCentralDb, type CentralDb } from '../../central/db';
import { migrateCentral } from '../../central/migrations/index';
import type { Change, PullResponse, PushResponse } from '../../central/protocol';
import { ensureSchool, issueEnrollmentCode, pull, push, readRecords } from '../../central/store/index';
import type { Db } from '../../db';
import { entityOf, type Table } from '../../db/entities';
import { applyPullPage, mutationsToPush, notePushGap, recordPush, type SyncIdentity } from '../../db/sync';
import { startPostgres, type TestPostgres } from './postgres';

type Json = Record<string, string | number | null>;

/** One PostgreSQL with the central migrated, for the test file. */
export function useCentralStore(): () => CentralDb {
  let pg: TestPostgres | undefined;
  let db: CentralDb | undefined;
  beforeAll(async () => {
    pg = await startPostgres();
    db = openCentralDb(pg.url, { max: 4 });
    await migrateCentral(db);
  });
  afterAll(async () => {
    await db?.destroy();
    await pg?.stop();
  });
  return () => db!;
}

export interface Registered {
  auth: Auth;
  identity: SyncIdentity;
}

/** A client of a school, registered with a one-time code as `register` does it. */
export async function registerTo(cdb: CentralDb, schoolId: string, name = 'Кабинет секретаря'): Promise<Registered> {
  const { code } = await issueEnrollmentCode(cdb, schoolId);
  const r = await registerClient(cdb, code, name);
  return {
    auth: { schoolId: r.schoolId, clientId: r.clientId },
    identity: { serverUrl: 'http://127.0.0.1:1', schoolId: r.schoolId, schoolName: r.schoolName, clientId: r.clientId, secret: r.secret },
  };
}

/** A new school (its own name) with one client. */
export async function newSchool(cdb: CentralDb): Promise<Registered> {
  const school = await ensureSchool(cdb, `Школа ${randomUUID().slice(0, 8)}`);
  return registerTo(cdb, school.id);
}

/** Pushes what is waiting, in batches, as the sync feature does; returns the answers. A gap moves on after the server's last. */
export async function pushAll(db: Db, cdb: CentralDb, auth: Auth, batch = 100): Promise<PushResponse[]> {
  const answers: PushResponse[] = [];
  for (;;) {
    const ms = mutationsToPush(db, batch);
    if (ms.length === 0) return answers;
    const out = await push(cdb, auth, ms);
    if (out.status === 409) {
      if (out.body.error !== 'gap') throw new Error(`push: ${out.body.error}`);
      notePushGap(db, out.body.lastMutationId);
      continue;
    }
    recordPush(db, out.body);
    answers.push(out.body);
  }
}

const cursorOf = (db: Db) => db.raw.prepare('SELECT cursor FROM sync_state').pluck().get() as number;

/** One page from the local cursor. */
export function pullPage(db: Db, cdb: CentralDb, auth: Auth, limit?: number): Promise<PullResponse> {
  return pull(cdb, auth, cursorOf(db), limit);
}

/** Pulls and applies pages from the local cursor until the last (or `pages` of them); returns the pages applied. */
export async function pullAll(db: Db, cdb: CentralDb, auth: Auth, opts: { limit?: number; pages?: number } = {}): Promise<PullResponse[]> {
  const done: PullResponse[] = [];
  for (;;) {
    const page = await pullPage(db, cdb, auth, opts.limit);
    applyPullPage(db, page);
    done.push(page);
    if (!page.more || done.length === opts.pages) return done;
  }
}

/** One round as the sync feature does it: push everything waiting, then pull every page. */
export async function syncRound(db: Db, cdb: CentralDb, auth: Auth, opts: { limit?: number } = {}): Promise<void> {
  await pushAll(db, cdb, auth);
  await pullAll(db, cdb, auth, opts);
}

const byId = (a: Json, b: Json) => (String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0);

/** The rows of a table as the server has them (live and tombstoned), sorted by id. */
export async function serverRows(cdb: CentralDb, schoolId: string, entity: string): Promise<Json[]> {
  return (await readRecords(cdb, schoolId, entity)).map((r) => r.data as Json).sort(byId);
}

/** The server version of one record. */
export async function serverVersion(cdb: CentralDb, schoolId: string, entity: string, id: string): Promise<number | undefined> {
  return (await readRecords(cdb, schoolId, entity)).find((r) => r.id === id)?.version;
}

/** A local table's rows, sorted by id. */
export function localRows(db: Db, entity: string): Json[] {
  return (db.raw.prepare(`SELECT * FROM ${entity}`).all() as Json[]).sort(byId);
}

/** A full row of a table for an insert change: every column, null unless given (timestamps of NOW). */
export function insertChange(entity: Table, fields: Json, id: string = randomUUID()): Change {
  const row: Json = {};
  for (const col of Object.keys(entityOf(entity).columns)) if (col !== 'id') row[col] = null;
  Object.assign(row, { created_at: NOW, updated_at: NOW, deleted_at: null }, fields);
  return { entity, id, op: 'insert', fields: row, base: null };
}

/** An update change of some fields (updated_at added). */
export const updateChange = (entity: Table, id: string, fields: Json, base: number | null = null): Change => ({ entity, id, op: 'update', fields: { updated_at: NOW, ...fields }, base });

export const NOW = '2026-12-01T10:00:00.000Z';
