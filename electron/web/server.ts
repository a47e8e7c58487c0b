import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Ctx } from '../core/context';
import { dispatch } from '../core/dispatch';

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

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface WebHost {
  url: string;
  /** The URL to open: carries the per-run session token once. */
  openUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

/** A token check that does not leak its length or prefix by timing. */
export function tokenMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Decides whether a request may call the API: right Host (no DNS rebinding), same-origin fetch,
 * and the per-run session token. Exported for unit tests.
 */
export function apiRequestAllowed(headers: IncomingMessage['headers'], port: number, token: string): boolean {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!headers.host || !hosts.includes(headers.host)) return false;
  const origin = headers.origin;
  if (origin !== undefined && !hosts.some((h) => origin === `http://${h}`)) return false;
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  return tokenMatches(token, headers['x-school-office-token']);
}

/** Serves the renderer and the API contract to an ordinary browser, on 127.0.0.1 only. */
export async function startWebHost(opts: { ctx: Ctx; staticDir: string; port?: number; token?: string }): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Внутренняя ошибка');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = parseUrl(req.url);
    const path = url && decodedPath(url);
    if (!url || path === null) return refuse(res, 400, 'validation', 'Неверный адрес запроса.');
    if (path.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'Method Not Allowed');
      const name = path.slice(5);
      const limit = bodyLimit(name);
      if (Number(req.headers['content-length'] ?? 0) > limit) return refuse(res, 413, 'validation', tooLargeMessage(limit), true);
      if (!apiRequestAllowed(req.headers, port, token)) return send(res, 403, 'application/json', JSON.stringify({ ok: false, error: { code: 'forbidden', message: 'Доступ запрещён' } }));
      const body = await readBody(req, limit);
      if (body === null) return refuse(res, 413, 'validation', tooLargeMessage(limit), true);
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        return send(res, 400, 'application/json', JSON.stringify({ ok: false, error: { code: 'validation', message: 'Неверный запрос' } }));
      }
      const result = await dispatch(opts.ctx, name, input);
      return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(result));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method Not Allowed');
    if (!req.headers.host || ![`127.0.0.1:${port}`, `localhost:${port}`].includes(req.headers.host)) return send(res, 403, 'text/plain', 'Forbidden');
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

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    openUrl: `${url}?t=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer) {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

/** Request bodies: files travel only with the import operations; any other call is small. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
export const MAX_FILE_BODY_BYTES = 100 * 1024 * 1024;
const FILE_OPS = new Set(['import.preview', 'import.commit']);

function bodyLimit(op: string): number {
  return FILE_OPS.has(op) ? MAX_FILE_BODY_BYTES : MAX_BODY_BYTES;
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
