// The central server for a test file: a real PostgreSQL (tests/support/postgres.ts), the store
// migrated, the server in-process on a free port of 127.0.0.1, talked to over HTTP with fetch.
import { afterAll, beforeAll } from 'vitest';
import { gunzipSync, gzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { ensureSchool, issueEnrollmentCode } from '../../central/auth';
import { openCentralDb, type CentralDb } from '../../central/db';
import { migrateCentral } from '../../central/migrations/index';
import { PATHS, type Change, type Mutation } from '../../central/protocol';
import { startCentral, type CentralServer } from '../../central/server';
import { entityOf, type Table } from '../../db/entities';
import { startPostgres, type TestPostgres } from '../support/postgres';

export interface Central {
  pg: TestPostgres;
  db: CentralDb;
  server: CentralServer;
  url: string;
}

/** One PostgreSQL and one server per test file. */
export function useCentral(): () => Central {
  let c: Central | undefined;
  beforeAll(async () => {
    const pg = await startPostgres();
    const db = openCentralDb(pg.url);
    await migrateCentral(db);
    const server = await startCentral({ db, log: null });
    c = { pg, db, server, url: server.url };
  });
  afterAll(async () => {
    await c?.server.close();
    await c?.db.destroy();
    await c?.pg.stop();
  });
  return () => c!;
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A POST as the app makes it; `gzip` compresses the request body. */
export async function post<T = any>(url: string, path: string, body: unknown, opts: { token?: string; gzip?: boolean; raw?: string | Buffer; acceptGzip?: boolean } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  let data: string | Buffer = opts.raw ?? JSON.stringify(body);
  if (opts.gzip) {
    data = gzipSync(data);
    headers['Content-Encoding'] = 'gzip';
  }
  // fetch decompresses by itself; to see the wire we ask with node:http semantics via Accept-Encoding
  // and read the raw bytes when the test wants to check gzip.
  if (opts.acceptGzip === false) headers['Accept-Encoding'] = 'identity';
  const res = await fetch(url + path, { method: 'POST', headers, body: data });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** A school with a client registered through the API; `call` posts with its token. */
export async function newClient(c: Central, schoolName = 'Школа ' + randomUUID().slice(0, 8), clientName = 'Кабинет секретаря') {
  const school = await ensureSchool(c.db, schoolName);
  const { code } = await issueEnrollmentCode(c.db, school.id);
  const reg = await post(c.url, PATHS.register, { code, name: clientName });
  if (reg.status !== 200) throw new Error(`register: ${reg.status} ${JSON.stringify(reg.body)}`);
  const tok = await post(c.url, PATHS.token, { clientId: reg.body.clientId, secret: reg.body.secret });
  if (tok.status !== 200) throw new Error(`token: ${tok.status}`);
  let next = 1;
  const client = {
    schoolId: reg.body.schoolId as string,
    clientId: reg.body.clientId as string,
    secret: reg.body.secret as string,
    token: tok.body.token as string,
    call: <T = any>(path: string, body: unknown, opts: { gzip?: boolean } = {}) => post<T>(c.url, path, body, { ...opts, token: client.token }),
    /** Pushes one mutation of these changes with the next number. */
    push: (changes: Change[], extra: Partial<Mutation> = {}) => {
      const m: Mutation = { id: next++, hash: `h${Math.random()}`, at: new Date().toISOString(), changes, ...extra };
      return client.call(PATHS.push, { mutations: [m] }).then((r) => ({ ...r, mutation: m }));
    },
    nextId: () => next,
    setNext: (n: number) => (next = n),
  };
  return client;
}

/** Another client of the same school (a second office computer). */
export async function secondClient(c: Central, schoolId: string, clientName = 'Кабинет администратора') {
  const { code } = await issueEnrollmentCode(c.db, schoolId);
  const reg = await post(c.url, PATHS.register, { code, name: clientName });
  const tok = await post(c.url, PATHS.token, { clientId: reg.body.clientId, secret: reg.body.secret });
  let next = 1;
  const client = {
    schoolId,
    clientId: reg.body.clientId as string,
    token: tok.body.token as string,
    call: <T = any>(path: string, body: unknown) => post<T>(c.url, path, body, { token: client.token }),
    push: (changes: Change[], extra: Partial<Mutation> = {}) => {
      const m: Mutation = { id: next++, hash: `h${Math.random()}`, at: new Date().toISOString(), changes, ...extra };
      return client.call(PATHS.push, { mutations: [m] }).then((r) => ({ ...r, mutation: m }));
    },
  };
  return client;
}

export const NOW = '2026-09-01T08:00:00.000Z';

/** A full row of a table for an insert: every column, null unless given. */
export function insert(entity: Table, fields: Record<string, string | number | null>, id: string = randomUUID()): Change {
  const cols = Object.keys(entityOf(entity).columns);
  const row: Record<string, string | number | null> = {};
  for (const col of cols) if (col !== 'id') row[col] = null;
  Object.assign(row, { created_at: NOW, updated_at: NOW, deleted_at: null }, fields);
  return { entity, id, op: 'insert', fields: row, base: null };
}

export const update = (entity: Table, id: string, fields: Record<string, string | number | null>, base: number | null): Change => ({
  entity,
  id,
  op: 'update',
  fields: { updated_at: NOW, ...fields },
  base,
});

export const remove = (entity: Table, id: string, base: number | null): Change => ({ entity, id, op: 'delete', fields: { deleted_at: NOW, updated_at: NOW }, base });

export { gunzipSync };
