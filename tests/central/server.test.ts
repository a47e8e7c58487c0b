// The central server over HTTP: registration with a one-time code, tokens, 401s, protocol checks
// (400 in Russian), gzip both ways, nothing of a stack trace in an error.
import { describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createHmac } from 'node:crypto';
import { ensureSchool, issueEnrollmentCode } from '../../central/auth';
import { PATHS, pageRows, parsePullResponse } from '../../central/protocol';
import { entities } from '../../db/entities';
import { insert, newClient, post, useCentral } from './harness';

const central = useCentral();

/** A POST with node:http, to see the bytes on the wire (fetch decompresses by itself). */
function rawPost(url: string, path: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url + path, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': String(body.length), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('central server: registration and tokens', () => {
  it('registers a client with a code once; a second use is refused', async () => {
    const c = central();
    const school = await ensureSchool(c.db, 'Школа № 7');
    const { code } = await issueEnrollmentCode(c.db, school.id);
    // Typed in lower case with spaces: the same code.
    const reg = await post(c.url, PATHS.register, { code: ` ${code.toLowerCase()} `, name: 'Кабинет секретаря' });
    expect(reg.status).toBe(200);
    expect(reg.body).toMatchObject({ schoolId: school.id, schoolName: 'Школа № 7' });
    expect(reg.body.secret.length).toBeGreaterThanOrEqual(32);
    const again = await post(c.url, PATHS.register, { code, name: 'Кабинет администратора' });
    expect(again.status).toBe(403);
    expect(again.body.message).toMatch(/Код подключения не подходит/);
    const wrong = await post(c.url, PATHS.register, { code: 'AAAA-BBBB-CCCC', name: 'x' });
    expect(wrong.status).toBe(403);
    // The code is kept only as its hash.
    const rows = await c.db.selectFrom('enrollment_code').selectAll().where('school_id', '=', school.id).execute();
    expect(JSON.stringify(rows)).not.toContain(code);
    expect(rows[0]!.used_at).not.toBeNull();
    const client = await c.db.selectFrom('client').selectAll().where('id', '=', reg.body.clientId).executeTakeFirstOrThrow();
    expect(client.secret_hash).not.toContain(reg.body.secret);
  });

  it('refuses an expired code', async () => {
    const c = central();
    const school = await ensureSchool(c.db, 'Школа № 8');
    const { code } = await issueEnrollmentCode(c.db, school.id, new Date(Date.now() - 8 * 86_400_000));
    const reg = await post(c.url, PATHS.register, { code, name: 'Кабинет' });
    expect(reg.status).toBe(403);
  });

  it('gives a token for the secret; 401 without a token, with a bad or forged one, and for a wrong secret', async () => {
    const c = central();
    const a = await newClient(c);
    expect((await a.call(PATHS.pull, { cursor: 0 })).status).toBe(200);
    const none = await post(c.url, PATHS.pull, { cursor: 0 });
    expect(none.status).toBe(401);
    expect(none.body.message).toMatch(/[а-я]/);
    expect((await post(c.url, PATHS.pull, { cursor: 0 }, { token: a.token + 'x' })).status).toBe(401);
    expect((await post(c.url, PATHS.pull, { cursor: 0 }, { token: 'abc.def' })).status).toBe(401);
    // A token naming another school, signed with another key.
    const payload = Buffer.from(JSON.stringify({ s: a.schoolId, c: a.clientId, e: Math.floor(Date.now() / 1000) + 900 })).toString('base64url');
    const forged = `${payload}.${createHmac('sha256', 'guess').update(payload).digest('base64url')}`;
    expect((await post(c.url, PATHS.pull, { cursor: 0 }, { token: forged })).status).toBe(401);
    expect((await post(c.url, PATHS.token, { clientId: a.clientId, secret: 'wrong' })).status).toBe(401);
    // Register, token and health need none.
    expect((await fetch(c.url + PATHS.health)).status).toBe(200);
  });

  it('a token lasts 15 minutes', async () => {
    const c = central();
    const a = await newClient(c);
    const { verifyToken } = await import('../../central/auth');
    await expect(verifyToken(c.db, a.token, Date.now() + 14 * 60_000)).resolves.toEqual({ schoolId: a.schoolId, clientId: a.clientId });
    await expect(verifyToken(c.db, a.token, Date.now() + 16 * 60_000)).rejects.toMatchObject({ status: 401, message: 'Срок действия входа истёк: войдите заново.' });
  });

  it('a forked client gets a new identity; the old one is revoked (401)', async () => {
    const c = central();
    const a = await newClient(c);
    const y = insert('academic_year', { name: '2026/2027', start_date: '2026-09-01', end_date: '2027-05-31', is_current: 1 });
    expect((await a.push([y])).body.lastMutationId).toBe(1);
    const f = await a.call(PATHS.fork, {});
    expect(f.status).toBe(200);
    expect(f.body.lastMutationId).toBe(1);
    expect(f.body.clientId).not.toBe(a.clientId);
    expect((await a.call(PATHS.pull, { cursor: 0 })).status).toBe(401);
    expect((await post(c.url, PATHS.token, { clientId: a.clientId, secret: a.secret })).status).toBe(401);
    const tok = await post(c.url, PATHS.token, { clientId: f.body.clientId, secret: f.body.secret });
    expect(tok.status).toBe(200);
    const pulled = await post(c.url, PATHS.pull, { cursor: 0 }, { token: tok.body.token });
    expect(pulled.body.lastMutationId).toBe(0);
    expect(pageRows(pulled.body).map((r) => r.id)).toEqual([y.id]);
  });
});

describe('central server: the protocol on the wire', () => {
  it('answers a body that is not the protocol with 400 and a Russian message, no stack trace', async () => {
    const c = central();
    const a = await newClient(c);
    const cases: unknown[] = [{}, { cursor: -1 }, { cursor: 'x' }, { cursor: 0, limit: 10 ** 9 }];
    for (const body of cases) {
      const r = await a.call(PATHS.pull, body);
      expect(r.status).toBe(400);
      expect(r.body.error).toBe('bad_request');
      expect(r.body.message).toMatch(/^Запрос не по протоколу/);
      // The reason itself in Russian (the field's name is the protocol's).
      expect(r.body.message.split(': ')[1]).toMatch(/^[а-яё ,.]+$/i);
    }
    const notJson = await post(c.url, PATHS.pull, undefined, { token: a.token, raw: '{"cursor": 0' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.message).toBe('Тело запроса не JSON.');
    const push = await a.call(PATHS.push, { mutations: [{ id: 1, hash: 'h', at: 'x', changes: [{ entity: 'student', id: 'not-a-uuid', op: 'insert', fields: {}, base: null }] }] });
    expect(push.status).toBe(400);
    expect(push.body.message).toContain('mutations.0.changes.0.id');
    expect(JSON.stringify(push.body)).not.toMatch(/at .*\.ts:\d+/);
    expect((await post(c.url, '/v1/nothing', {})).status).toBe(404);
  });

  it('answers a pull page columnar at /v2/pull and refuses an app of protocol 1 (/v1/pull) with 410, asking in Russian to update it', async () => {
    const c = central();
    const a = await newClient(c);
    const old = await a.call('/v1/pull', { cursor: 0 });
    expect(old.status).toBe(410);
    expect(old.body).toEqual({ error: 'protocol_retired', message: 'Эта версия программы «Школьный офис» устарела для центральной системы: обновите программу, затем повторите синхронизацию.' });
    const y = insert('academic_year', { name: '2026/2027', start_date: '2026-09-01', end_date: '2027-05-31', is_current: 1 });
    const s = insert('subject', { name: 'Алгебра', short_name: 'Алг.', grading: 'marks', sort_order: 1, no_attestation: 0 });
    await a.push([y, s]);
    const r = await a.call(PATHS.pull, { cursor: 0 });
    expect(r.status).toBe(200);
    expect(parsePullResponse(r.body)).not.toBeNull();
    // Per entity its registry columns once (no id), each row [id, version, ...values in that order].
    expect(r.body.entities.map((b: { entity: string; columns: string[] }) => [b.entity, b.columns])).toEqual(
      ['academic_year', 'subject'].map((t) => [t, Object.keys(entities[t as 'subject'].columns).filter((k) => k !== 'id')]),
    );
    const block = r.body.entities[1];
    expect(block.rows).toEqual([[s.id, 1, ...block.columns.map((k: string) => (s.fields as Record<string, unknown>)[k] ?? null)]]);
    expect(pageRows(r.body).map((x) => [x.entity, x.id, x.version, x.data.name])).toEqual([
      ['academic_year', y.id, 1, '2026/2027'],
      ['subject', s.id, 1, 'Алгебра'],
    ]);
  });

  it('refuses a body over the limit with 413, plain or gzipped (a small bomb)', async () => {
    const c = central();
    const a = await newClient(c);
    const { startCentral } = await import('../../central/server');
    const srv = await startCentral({ db: c.db, log: null, maxBody: 4096 });
    try {
      const auth = { Authorization: `Bearer ${a.token}` };
      const padded = Buffer.from(JSON.stringify({ cursor: 0, pad: ' '.repeat(5000) }));
      const plain = await rawPost(srv.url, PATHS.pull, padded, auth);
      expect(plain.status).toBe(413);
      expect(JSON.parse(plain.body.toString())).toEqual({ error: 'too_large', message: 'Запрос слишком большой.' });
      // 100 KB of JSON gzipped into a few hundred bytes: refused when it unpacks past the limit.
      const bomb = gzipSync(Buffer.from(JSON.stringify({ cursor: 0, pad: ' '.repeat(100_000) })));
      expect(bomb.length).toBeLessThan(4096);
      expect((await rawPost(srv.url, PATHS.pull, bomb, { ...auth, 'Content-Encoding': 'gzip' })).status).toBe(413);
      // Under the limit: answered.
      expect((await rawPost(srv.url, PATHS.pull, Buffer.from('{"cursor":0}'), auth)).status).toBe(200);
    } finally {
      await srv.close();
    }
  });

  it('takes a gzipped request and gzips the answer when asked', async () => {
    const c = central();
    const a = await newClient(c);
    const changes = Array.from({ length: 30 }, (_, i) => insert('subject', { name: `Предмет ${i}`, short_name: `П${i}`, grading: 'marks', sort_order: i, no_attestation: 0 }));
    const body = gzipSync(JSON.stringify({ mutations: [{ id: 1, hash: 'h1', at: 'x', changes }] }));
    const pushed = await rawPost(c.url, PATHS.push, body, { Authorization: `Bearer ${a.token}`, 'Content-Encoding': 'gzip', 'Accept-Encoding': 'gzip' });
    expect(pushed.status).toBe(200);
    const parsed = JSON.parse((pushed.headers['content-encoding'] === 'gzip' ? gunzipSync(pushed.body) : pushed.body).toString());
    expect(parsed.results).toEqual([{ id: 1, ok: true, version: 1 }]);

    const pulled = await rawPost(c.url, PATHS.pull, Buffer.from(JSON.stringify({ cursor: 0 })), { Authorization: `Bearer ${a.token}`, 'Accept-Encoding': 'gzip' });
    expect(pulled.status).toBe(200);
    expect(pulled.headers['content-encoding']).toBe('gzip');
    const page = JSON.parse(gunzipSync(pulled.body).toString());
    expect(pageRows(page)).toHaveLength(30);
    // Without Accept-Encoding: plain JSON.
    const plain = await rawPost(c.url, PATHS.pull, Buffer.from(JSON.stringify({ cursor: 0 })), { Authorization: `Bearer ${a.token}` });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(pageRows(JSON.parse(plain.body.toString()))).toHaveLength(30);
    // A body that says gzip and is not: 400.
    const broken = await rawPost(c.url, PATHS.pull, Buffer.from('{"cursor":0}'), { Authorization: `Bearer ${a.token}`, 'Content-Encoding': 'gzip' });
    expect(broken.status).toBe(400);
  });

  it('logs method, path, status and time only', async () => {
    const c = central();
    const { startCentral } = await import('../../central/server');
    const lines: string[] = [];
    const srv = await startCentral({ db: c.db, log: (l) => lines.push(l) });
    try {
      const school = await ensureSchool(c.db, 'Школа логов');
      const { code } = await issueEnrollmentCode(c.db, school.id);
      await post(srv.url, PATHS.register, { code, name: 'Кабинет Ивановой' });
      await post(srv.url, PATHS.register, { code, name: 'Кабинет Ивановой' });
      await post(srv.url, PATHS.pull, { cursor: 0 }, { token: 'x.y' });
    } finally {
      await srv.close();
    }
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l).toMatch(/^POST \/v[12]\/(register|pull) (200|401|403) \d+ms$/);
  });
});
