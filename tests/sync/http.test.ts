// The sync HTTP client's own behaviour (electron/core/sync/http.ts): gzip both ways, the token
// kept and fetched again on a 401, answers validated, timeouts, cancel, and the Russian messages
// of each failure. The "server" here is a plain node:http listener answering fixed bytes — a test
// of the client's parsing, not a stand-in for the central server (tests/sync/round.test.ts runs
// the real one).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CentralClient, nearbyServer, postJson } from '../../electron/core/sync/http';
import { AppError } from '../../electron/api/errors';
import { JobCancelled } from '../../electron/core/job';
import { PATHS, columnarPage, pageRows } from '../../central/protocol';

const CLIENT = '01890a5d-ac96-774b-bcce-b302099a8057';
const SECRET = 's'.repeat(40);
const TOKEN = 'tok-1';

interface Seen {
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

let servers: Server[] = [];
afterEach(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
  servers = [];
});

/** A listener that records each request and answers with `reply` (or never, when it returns null). */
async function serve(reply: (req: Seen, res: ServerResponse) => void | null): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      seen.push(s);
      reply(s, res);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function json(res: ServerResponse, status: number, body: unknown, gzip = false) {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'Content-Type': 'application/json', ...(gzip ? { 'Content-Encoding': 'gzip' } : {}) });
  res.end(gzip ? gzipSync(bytes) : bytes);
}

const bodyOf = (s: Seen) => JSON.parse((s.headers['content-encoding'] === 'gzip' ? gunzipSync(s.body) : s.body).toString('utf8'));

const page = (n: number) =>
  columnarPage(
    Array.from({ length: n }, (_, i) => ({ entity: 'lesson', id: `01890a5d-ac96-774b-bcce-${String(i).padStart(12, '0')}`, version: i + 1, data: { topic: `Тема ${i}`, lesson_no: 1 } })),
    { cursor: n, more: false, lastMutationId: 0 },
  );

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a refusal');
}

describe('the central system HTTP client', () => {
  it('reads a gzipped answer, asks for gzip, and keeps the token until it expires', async () => {
    const { url, seen } = await serve((req, res) => {
      if (req.path === '/v1/token') return json(res, 200, { token: TOKEN, expiresInSec: 900 });
      json(res, 200, page(300), true);
    });
    // This listener is on loopback: gzip asked for explicitly, as for a server far away.
    const client = new CentralClient(url, { clientId: CLIENT, secret: SECRET }, { compress: true });
    const a = await client.pull(0);
    const b = await client.pull(0);
    expect(pageRows(a)).toHaveLength(300);
    expect(pageRows(a)[299]!.data.topic).toBe('Тема 299');
    expect(b.cursor).toBe(300);
    // One token for both calls, sent as the bearer.
    expect(seen.map((s) => s.path)).toEqual(['/v1/token', PATHS.pull, PATHS.pull]);
    expect(seen[1]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen[1]!.headers['accept-encoding']).toBe('gzip');
    expect(bodyOf(seen[0]!)).toEqual({ clientId: CLIENT, secret: SECRET });
  });

  it('keeps the token for the next round’s client of the same identity; new credentials fetch their own', async () => {
    let tokens = 0;
    const { url, seen } = await serve((req, res) => {
      if (req.path === '/v1/token') return json(res, 200, { token: `tok-${++tokens}`, expiresInSec: 900 });
      json(res, 200, page(1));
    });
    await new CentralClient(url, { clientId: CLIENT, secret: SECRET }).pull(0);
    // The next round: a new client object, the same identity — no second token request.
    const next = new CentralClient(url, { clientId: CLIENT, secret: SECRET });
    await next.pull(0);
    expect(seen.map((s) => s.path)).toEqual(['/v1/token', PATHS.pull, PATHS.pull]);
    expect(seen[2]!.headers.authorization).toBe('Bearer tok-1');
    // A fork: the new client id gets a token of its own, and the old one is not kept.
    const other = '01890a5d-ac96-774b-bcce-b302099a8058';
    next.setCredentials({ clientId: other, secret: SECRET });
    await next.pull(0);
    expect(seen.slice(3).map((s) => s.path)).toEqual(['/v1/token', PATHS.pull]);
    expect(bodyOf(seen[3]!)).toEqual({ clientId: other, secret: SECRET });
    await new CentralClient(url, { clientId: CLIENT, secret: SECRET }).pull(0);
    expect(seen.slice(5).map((s) => s.path)).toEqual(['/v1/token', PATHS.pull]);
    expect(tokens).toBe(3);
  });

  it('sends a large body gzipped and a small one plain', async () => {
    const { url, seen } = await serve((_req, res) => json(res, 200, { ok: true }));
    const big = { mutations: Array.from({ length: 200 }, (_, i) => ({ id: i + 1, note: 'Изменение '.repeat(5) })) };
    await postJson(url, '/v1/push', big, null, { compress: true });
    await postJson(url, PATHS.pull, { cursor: 1 }, null, { compress: true });
    expect(seen[0]!.headers['content-encoding']).toBe('gzip');
    expect(seen[0]!.body.length).toBeLessThan(Buffer.byteLength(JSON.stringify(big)));
    expect(bodyOf(seen[0]!)).toEqual(big);
    expect(seen[1]!.headers['content-encoding']).toBeUndefined();
    expect(bodyOf(seen[1]!)).toEqual({ cursor: 1 });
  });

  it('compresses nothing for a server on this computer or in the local network, and still reads a gzipped answer', async () => {
    const { url, seen } = await serve((req, res) => {
      if (req.path === '/v1/token') return json(res, 200, { token: TOKEN, expiresInSec: 900 });
      // A server that gzips anyway (an older one): still read.
      json(res, 200, page(300), req.headers['accept-encoding'] !== 'identity' || seen.length > 3);
    });
    const big = { mutations: Array.from({ length: 200 }, (_, i) => ({ id: i + 1, note: 'Изменение '.repeat(5) })) };
    await postJson(url, '/v1/push', big, null);
    expect(seen[0]!.headers['content-encoding']).toBeUndefined();
    expect(seen[0]!.headers['accept-encoding']).toBe('identity');
    expect(bodyOf(seen[0]!)).toEqual(big);
    const client = new CentralClient(url, { clientId: CLIENT, secret: SECRET });
    expect(pageRows(await client.pull(0))).toHaveLength(300);
    expect(seen[2]!.headers['accept-encoding']).toBe('identity');
    expect(pageRows(await client.pull(0))[299]!.data.topic).toBe('Тема 299');

    for (const near of ['http://127.0.0.1:8080', 'http://localhost:8080', 'http://10.1.2.3', 'http://172.20.0.5:80', 'http://192.168.1.10:8080', 'http://[::1]:8080', 'http://[fd12::1]/'])
      expect([near, nearbyServer(near)]).toEqual([near, true]);
    for (const far of ['https://central.example.ru', 'http://8.8.8.8', 'http://172.32.0.1', 'http://192.169.0.1', 'http://[2001:db8::1]/', 'not a url'])
      expect([far, nearbyServer(far)]).toEqual([far, false]);
  });

  it('fetches the token again once on a 401, and calls a second 401 a revoked installation', async () => {
    let tokens = 0;
    let pulls = 0;
    const { url } = await serve((req, res) => {
      if (req.path === '/v1/token') return json(res, 200, { token: `tok-${++tokens}`, expiresInSec: 900 });
      pulls += 1;
      if (req.headers.authorization === 'Bearer tok-1') return json(res, 401, { error: 'token', message: 'Токен истёк' });
      json(res, 200, page(1));
    });
    const client = new CentralClient(url, { clientId: CLIENT, secret: SECRET });
    expect(pageRows(await client.pull(0))).toHaveLength(1);
    expect([tokens, pulls]).toEqual([2, 2]);

    const { url: url2 } = await serve((req, res) => (req.path === '/v1/token' ? json(res, 200, { token: TOKEN, expiresInSec: 900 }) : json(res, 401, { error: 'revoked', message: 'Клиент отозван' })));
    const e = await refusal(new CentralClient(url2, { clientId: CLIENT, secret: SECRET }).pull(0));
    expect(e.code).toBe('forbidden');
    expect(e.message).toMatch(/не принимает это рабочее место/);
    expect(e.message).not.toContain(SECRET);
  });

  it('refuses an answer that is not the protocol’s, in Russian, naming the address', async () => {
    const { url } = await serve((req, res) => {
      if (req.path === '/v1/token') return json(res, 200, { token: TOKEN, expiresInSec: 900 });
      if (req.path === PATHS.pull) return json(res, 200, { rows: [] }); // not a pull page
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html>Wi-Fi login</html>');
    });
    const client = new CentralClient(url, { clientId: CLIENT, secret: SECRET });
    const e = await refusal(client.pull(0));
    expect(e.message).toContain(`По адресу ${url} отвечает не центральная система`);
    const e2 = await refusal(client.fork());
    expect(e2.message).toMatch(/ответ не удалось разобрать/);
  });

  it('calls a server of the earlier protocol (no columnar pull: 404) one whose version does not fit', async () => {
    const { url, seen } = await serve((req, res) => {
      if (req.path === '/v1/token') return json(res, 200, { token: TOKEN, expiresInSec: 900 });
      json(res, 404, { error: 'not_found', message: 'Нет такого адреса.' });
    });
    const e = await refusal(new CentralClient(url, { clientId: CLIENT, secret: SECRET }).pull(0));
    expect(seen.at(-1)!.path).toBe('/v2/pull');
    expect(e.message).toBe(`По адресу ${url} отвечает не центральная система или её версия не подходит к этой программе: ответ не удалось разобрать. Проверьте адрес.`);
  });

  it('says the central system does not answer when nothing listens, and when it is too slow', async () => {
    const { url } = await serve(() => null);
    const port = Number(new URL(url).port);
    // A port nothing listens on: the one just used, once closed.
    const closed = await serve(() => null);
    const closedUrl = closed.url;
    servers.pop()!.close();
    await new Promise((r) => setTimeout(r, 50));
    const e = await refusal(new CentralClient(closedUrl, null).register('ABCDEF-123', 'Кабинет'));
    expect(e.code).toBe('unavailable');
    expect(e.message).toBe(`Центральная система не отвечает (адрес ${closedUrl}). Проверьте подключение к интернету и адрес; изменения сохранены здесь и будут отправлены позже.`);
    const slow = await refusal(new CentralClient(`http://127.0.0.1:${port}`, null, { requestTimeoutMs: 1000 }).register('ABCDEF-123', 'Кабинет'));
    expect(slow.message).toMatch(/не ответила за 1 с \(адрес http:\/\/127\.0\.0\.1:\d+\)/);
  });

  it('stops a request under way when the job is cancelled', async () => {
    const { url } = await serve(() => null);
    const ac = new AbortController();
    const p = new CentralClient(url, null, { signal: ac.signal }).register('ABCDEF-123', 'Кабинет');
    setTimeout(() => ac.abort(), 100);
    const e = await refusal(p);
    expect(e).toBeInstanceOf(JobCancelled);
  });

  it('maps the answers of each call: a wrong code, a server error, a push conflict', async () => {
    const { url } = await serve((req, res) => {
      if (req.path === '/v1/register') return json(res, 401, { error: 'bad_code', message: 'Код не найден' });
      if (req.path === '/v1/token') return json(res, 200, { token: TOKEN, expiresInSec: 900 });
      if (req.path === '/v1/push') return json(res, 409, { error: 'gap', lastMutationId: 7, message: 'Пропуск номеров' }, true);
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<html>Bad gateway</html>');
    });
    const client = new CentralClient(url, { clientId: CLIENT, secret: SECRET });
    const bad = await refusal(client.register('ABCDEF-123', 'Кабинет'));
    expect(bad.message).toBe('Код подключения неверен или уже использован.');
    expect(bad.problems[0]?.column).toBe('code');
    const conflict = await client.push([{ id: 9, hash: 'h', at: '2026-12-01T08:00:00Z', changes: [] }]);
    expect(conflict).toEqual({ ok: false, conflict: { error: 'gap', lastMutationId: 7, message: 'Пропуск номеров' } });
    const failed = await refusal(client.pull(0));
    expect(failed.message).toMatch(/внутренней ошибке \(код 502/);
  });
});
