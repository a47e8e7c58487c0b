import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Ctx } from '../core/context';
import { dispatch } from '../core/dispatch';
import { CSP } from '../api/csp';
import { Session } from '../core/auth/session';
import { filesDir, holdUpload, newFileId, takeResult } from '../core/files';
import { warmJobWorkers } from '../core/jobs/runner';
import { MAX } from '../api/limits';
import { CHANGES_CHANNEL, CHANGES_PATH } from '../api/changes';
import { changeMessageFor } from '../core/changes';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};


export interface WebHost {
  url: string;
  /**
   * The URL to print: its per-run token opens a new browser session (a cookie) and is then
   * dropped from the address; every browser that opens it must log in.
   */
  openUrl: string;
  token: string;
  port: number;
  /** The session cookie's name: cookies are shared by all ports of 127.0.0.1, so it names the port. */
  cookieName: string;
  /** Each browser's session, by its cookie's value (tests look theirs up here). */
  sessions: ReadonlyMap<string, Session>;
  close(): Promise<void>;
}

/** Browser sessions kept at most; the longest unused one makes room (only the token opens one). */
const MAX_SESSIONS = 100;
/** Open change streams per browser session (one per tab); the oldest is closed to make room. */
export const MAX_STREAMS_PER_SESSION = 8;
/** A comment line on idle change streams, so that nothing between closes them as dead. */
const HEARTBEAT_MS = 25_000;

/** A token check that does not leak its length or prefix by timing. */
export function tokenMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Decides whether a request may call the API, before its session cookie is looked at: right Host
 * (no DNS rebinding), and a same-origin fetch (Origin, Sec-Fetch-Site). Exported for unit tests.
 */
export function apiRequestAllowed(headers: IncomingMessage['headers'], port: number): boolean {
  if (!hostAllowed(headers, port)) return false;
  const origin = headers.origin;
  if (origin !== undefined && !hostsOf(port).some((h) => origin === `http://${h}`)) return false;
  const site = headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin';
}

const hostsOf = (port: number) => [`127.0.0.1:${port}`, `localhost:${port}`];
const hostAllowed = (headers: IncomingMessage['headers'], port: number) => headers.host !== undefined && hostsOf(port).includes(headers.host);

/** The value of one cookie in a Cookie header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Serves the renderer and the API contract to ordinary browsers, on 127.0.0.1 only. Each browser
 * has its own session (its own login, lock and user), bound to an HttpOnly, SameSite=Strict cookie
 * that only the printed address with the per-run token hands out; the session in `opts.ctx`, if
 * any, is not used.
 */
export async function startWebHost(opts: {
  ctx: Omit<Ctx, 'session'>;
  staticDir: string;
  port?: number;
  token?: string;
  /** How often commits of other processes to the file are looked for (ms); 0: not at all. */
  watchOthersMs?: number;
}): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  let cookieName = '';
  const sessions = new Map<string, Session>();

  /** The browser's session, from its cookie; undefined when it has none (or an unknown one). */
  function sessionOf(req: IncomingMessage): Session | undefined {
    const id = cookieValue(req.headers.cookie, cookieName);
    const session = id === undefined ? undefined : sessions.get(id);
    if (session) {
      sessions.delete(id!); // the map's order is the order of use
      sessions.set(id!, session);
    }
    return session;
  }

  /**
   * The printed address, `?t=TOKEN`: a browser without a session of this host gets one (a new
   * login), and is sent on to the program's address without the token (a redirect, so no history
   * entry), so that the token stays out of the address bar, the history and the page. The token is not spent: it is what opens the
   * program in another browser (another user of this host) or again after the browser closed
   * (the cookie lives as long as the browser). Whoever has it still meets the login screen; it
   * only proves access to the console that started the host, as the address on 127.0.0.1 does.
   */
  function openSession(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (!tokenMatches(token, url.searchParams.get('t'))) return refusePage(res);
    // Always to '/' (the app routes by the fragment, which the browser keeps): never an open redirect.
    const headers: Record<string, string> = { Location: '/' };
    if (!sessionOf(req)) {
      const id = randomBytes(32).toString('base64url');
      sessions.set(id, new Session(true));
      while (sessions.size > MAX_SESSIONS) sessions.delete(sessions.keys().next().value!);
      headers['Set-Cookie'] = `${cookieName}=${id}; HttpOnly; SameSite=Strict; Path=/`;
    }
    res.writeHead(303, { ...SECURITY_HEADERS, ...headers });
    res.end();
  }

  /**
   * Change events (server-sent events on CHANGES_PATH): each open stream belongs to the browser
   * session of its cookie and is told only what `changeMessageFor` lets that session know, and
   * only while the session is still the host's.
   */
  const streams = new Set<{ id: string; session: Session; res: ServerResponse }>();
  function serveChanges(req: IncomingMessage, res: ServerResponse) {
    if (req.method !== 'GET') return send(res, 405, 'text/plain; charset=utf-8', 'Method Not Allowed');
    const session = apiRequestAllowed(req.headers, port) ? sessionOf(req) : undefined;
    if (!session) return send(res, 403, 'text/plain; charset=utf-8', 'Доступ запрещён');
    const id = cookieValue(req.headers.cookie, cookieName)!;
    const mine = [...streams].filter((s) => s.id === id);
    for (const old of mine.slice(0, Math.max(0, mine.length - MAX_STREAMS_PER_SESSION + 1))) endStream(old);
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    res.write('retry: 2000\n: open\n\n');
    const stream = { id, session, res };
    streams.add(stream);
    req.on('close', () => streams.delete(stream));
  }
  function endStream(s: { res: ServerResponse }) {
    for (const x of streams) if (x.res === s.res) streams.delete(x);
    s.res.end();
  }
  const unsubscribe = opts.ctx.db.onChange((e) => {
    for (const s of [...streams]) {
      if (sessions.get(s.id) !== s.session) {
        endStream(s); // the session was pushed out: its browser must open the program again
        continue;
      }
      const m = changeMessageFor(s.session, e);
      if (m) s.res.write(`event: ${CHANGES_CHANNEL}\ndata: ${JSON.stringify(m)}\n\n`);
    }
  });
  const heartbeat = setInterval(() => {
    for (const s of streams) s.res.write(': \n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();
  // The CLI or a second host writing the same file: `PRAGMA data_version` tells (db/connection.ts).
  const stopWatching = opts.watchOthersMs === 0 ? () => {} : opts.ctx.db.watchOthers(opts.watchOthersMs ?? 500);

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Внутренняя ошибка');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = parseUrl(req.url);
    const path = url && decodedPath(url);
    if (!url || path === null) return refuse(res, 400, 'validation', 'Неверный адрес запроса.');
    if (path === CHANGES_PATH) return serveChanges(req, res);
    if (path.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'Method Not Allowed');
      const session = apiRequestAllowed(req.headers, port) ? sessionOf(req) : undefined;
      if (!session) return send(res, 403, 'application/json', JSON.stringify({ ok: false, error: { code: 'forbidden', message: 'Доступ запрещён' } }));
      const name = path.slice(5);
      const limit = bodyLimit(name);
      if (Number(req.headers['content-length'] ?? 0) > limit) return refuse(res, 413, 'validation', tooLargeMessage(limit), true);
      const body = await readBody(req, limit);
      if (body === null) return refuse(res, 413, 'validation', tooLargeMessage(limit), true);
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        return send(res, 400, 'application/json', JSON.stringify({ ok: false, error: { code: 'validation', message: 'Неверный запрос' } }));
      }
      const result = await dispatch({ ...opts.ctx, session }, name, input);
      return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(result));
    }
    // Files travel by reference (electron/core/files.ts), authenticated as the calls are.
    if (path === '/files/upload') return uploadFile(req, res, url);
    if (path.startsWith('/files/')) return downloadFile(req, res, path.slice('/files/'.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method Not Allowed');
    if (!hostAllowed(req.headers, port)) return send(res, 403, 'text/plain', 'Forbidden');
    if (url.searchParams.has('t')) return openSession(req, res, url);
    // Every page and file only for a browser with a session of this host.
    if (!sessionOf(req)) return refusePage(res);
    const rel = path === '/' ? 'index.html' : path.slice(1);
    const file = normalize(join(opts.staticDir, rel));
    if (!file.startsWith(normalize(opts.staticDir) + sep)) return send(res, 403, 'text/plain', 'Forbidden');
    try {
      const data = await readFile(file);
      return send(res, 200, MIME[extname(file)] ?? 'application/octet-stream', data);
    } catch {
      const index = await readFile(join(opts.staticDir, 'index.html')).catch(() => null);
      if (index && !extname(rel)) return send(res, 200, MIME['.html']!, index);
      return send(res, 404, 'text/plain; charset=utf-8', 'Не найдено');
    }
  }

  /** The session of an API-like request (right Host, same origin, a session cookie), or undefined. */
  function apiSession(req: IncomingMessage): Session | undefined {
    return apiRequestAllowed(req.headers, port) ? sessionOf(req) : undefined;
  }

  /**
   * `POST /files/upload?name=<file name>`, the raw bytes as the body: the file becomes an input of
   * the session (a private temp file); the reply is its InputFile, whose id the import operations take.
   */
  async function uploadFile(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'Method Not Allowed');
    const session = apiSession(req);
    if (!session) return send(res, 403, 'application/json', JSON.stringify({ ok: false, error: { code: 'forbidden', message: 'Доступ запрещён' } }));
    const name = (url.searchParams.get('name') ?? '').replace(/[\\/\u0000-\u001f]+/g, ' ').trim();
    if (!name || name.length > MAX.fileName) return refuse(res, 400, 'validation', 'Неверное имя файла.');
    if (Number(req.headers['content-length'] ?? 0) > MAX_FILE_BODY_BYTES) return refuse(res, 413, 'validation', tooLargeMessage(MAX_FILE_BODY_BYTES), true);
    const temp = join(filesDir(), `upload-${newFileId()}`);
    let size = 0;
    let tooLarge = false;
    try {
      const out = createWriteStream(temp, { mode: 0o600 });
      await pipeline(
        req,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const c of chunks) {
            size += c.length;
            if (size > MAX_FILE_BODY_BYTES) {
              tooLarge = true;
              throw new Error('too large');
            }
            yield c;
          }
        },
        out,
      );
    } catch {
      rmSync(temp, { force: true });
      if (tooLarge) return refuse(res, 413, 'validation', tooLargeMessage(MAX_FILE_BODY_BYTES), true);
      return refuse(res, 400, 'validation', 'Файл не получен полностью. Попробуйте снова.');
    }
    const file = holdUpload(session, temp, name);
    return send(res, 200, 'application/json; charset=utf-8', JSON.stringify({ ok: true, result: file }));
  }

  /** `GET /files/<id>`: a result file of the session (an export, a PDF), handed out once, then deleted. */
  async function downloadFile(req: IncomingMessage, res: ServerResponse, id: string) {
    if (req.method !== 'GET') return send(res, 405, 'text/plain; charset=utf-8', 'Method Not Allowed');
    const session = apiSession(req);
    if (!session) return send(res, 403, 'text/plain; charset=utf-8', 'Доступ запрещён');
    const f = takeResult(session, id);
    if (!f) return send(res, 404, 'text/plain; charset=utf-8', 'Файл не найден: возможно, он устарел. Сделайте его снова.');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': MIME[extname(f.name)] ?? DOWNLOAD_MIME[extname(f.name)] ?? 'application/octet-stream',
      'Content-Length': String(f.size),
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`,
    });
    try {
      await pipeline(createReadStream(f.path), res);
    } finally {
      rmSync(f.path, { force: true });
    }
  }

  // Jobs run in worker threads (electron/core/jobs): the first one starts now, not with the first job.
  void warmJobWorkers();
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  cookieName = `school-office-${port}`;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    openUrl: `${url}?t=${token}`,
    token,
    port,
    cookieName,
    sessions,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        stopWatching();
        clearInterval(heartbeat);
        for (const s of [...streams]) endStream(s);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const DOWNLOAD_MIME: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv; charset=utf-8',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

function send(res: ServerResponse, status: number, type: string, body: string | Buffer) {
  res.writeHead(status, { 'Content-Type': type, ...SECURITY_HEADERS });
  res.end(body);
}

/** A browser without a session of this host (or with a wrong token): where to open the program. */
function refusePage(res: ServerResponse) {
  send(
    res,
    403,
    'text/html; charset=utf-8',
    '<!doctype html><html lang="ru"><meta charset="utf-8"><title>Школьный офис</title>' +
      '<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto"><h1>Школьный офис</h1>' +
      '<p>Откройте программу по адресу, который напечатала команда <code>npm run web</code> при запуске (он начинается с <code>http://127.0.0.1:</code> и содержит <code>?t=</code>). После перезапуска программы нужен новый адрес.</p></body></html>',
  );
}

/** Request bodies: a call is small; files travel apart (`POST /files/upload`). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
export const MAX_FILE_BODY_BYTES = 100 * 1024 * 1024;

function bodyLimit(_op: string): number {
  return MAX_BODY_BYTES;
}

function tooLargeMessage(limit: number): string {
  return `Слишком большой запрос: не более ${Math.round(limit / (1024 * 1024))} МБ. Ничего не изменено.`;
}

function parseUrl(raw: string | undefined): URL | null {
  try {
    return new URL(raw ?? '/', 'http://127.0.0.1');
  } catch {
    return null;
  }
}

/** The decoded path of a request, or null when its percent-encoding is broken («/api/%E0%A4%A»). */
function decodedPath(url: URL): string | null {
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
}

/** A refusal as the API's JSON error; `close` ends the connection (the rest of a too large body is not read). */
function refuse(res: ServerResponse, status: number, code: 'validation', message: string, close = false) {
  if (close) res.setHeader('Connection', 'close');
  send(res, status, 'application/json; charset=utf-8', JSON.stringify({ ok: false, error: { code, message } }));
  if (close) res.once('finish', () => res.req.destroy());
}

/** The body, or null as soon as it grows over `limit` (what is left of it is not read). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        chunks.length = 0;
        resolve(null);
      } else chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
