// The app's HTTP client of the central system (issue 10; central/protocol.ts, docs/sync.md).
// node:http(s) rather than fetch: a connect timeout apart from the request's, and gzip both ways
// under our control. Every answer is validated with the protocol's zod schemas (a pull page's rows by
// its plain checker); every failure
// becomes an AppError with a Russian message that names the server's address and nothing personal
// (no record, no secret, no token).
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { gunzip, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { z } from 'zod';
import {
  PATHS,
  errorResponse,
  forkResponse,
  parsePullResponse,
  pushConflict,
  pushResponse,
  registerResponse,
  tokenResponse,
  type ForkResponse,
  type Mutation,
  type PullResponse,
  type PushConflict,
  type PushResponse,
  type RegisterResponse,
} from '../../../central/protocol';
import { AppError } from '../../api/errors';
import { JobCancelled } from '../job';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export const CONNECT_TIMEOUT_MS = 5_000;
export const REQUEST_TIMEOUT_MS = 60_000;
/** A request body larger than this is sent gzipped. */
const GZIP_FROM_BYTES = 1024;
/** The largest answer taken (a pull page of 20 000 rows is a few MB). */
const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;
/** A token is fetched again this long before it expires. */
const TOKEN_MARGIN_MS = 30_000;

export interface Credentials {
  clientId: string;
  secret: string;
}

export interface HttpOptions {
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Aborts the request under way (the job was cancelled): the call throws JobCancelled. */
  signal?: AbortSignal;
  now?: () => number;
  /**
   * gzip both ways. By default on unless the server is on this computer or in the local network
   * (nearbyServer): there gzip costs more CPU on both sides than the bytes it saves.
   */
  compress?: boolean;
}

/**
 * Whether `serverUrl` names this computer or an address of a local network (an IP literal in the
 * private, link-local or loopback ranges, or «localhost»): a pull page there is sent uncompressed.
 */
export function nearbyServer(serverUrl: string): boolean {
  let host: string;
  try {
    host = new URL(serverUrl).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
  if (v4) {
    const a = Number(v4[1]);
    const b = Number(v4[2]);
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  const v6 = host.replace(/^\[|\]$/g, '');
  return v6 === '::1' || /^f[cd][0-9a-f]{2}:/.test(v6) || /^fe[89ab][0-9a-f]:/.test(v6);
}

/** The raw answer of one request. */
interface Answer {
  status: number;
  body: unknown;
}

/** «http://central.example:8080» as the messages show it (no path, no query). */
export function shownAddress(serverUrl: string): string {
  try {
    const u = new URL(serverUrl);
    return `${u.protocol}//${u.host}`;
  } catch {
    return serverUrl.slice(0, 100);
  }
}

export const unreachable = (serverUrl: string) =>
  new AppError('unavailable', `Центральная система не отвечает (адрес ${shownAddress(serverUrl)}). Проверьте подключение к интернету и адрес; изменения сохранены здесь и будут отправлены позже.`);
const tooSlow = (serverUrl: string, s: number) =>
  new AppError('unavailable', `Центральная система не ответила за ${s} с (адрес ${shownAddress(serverUrl)}). Изменения сохранены здесь и будут отправлены позже.`);
const garbled = (serverUrl: string) =>
  new AppError(
    'unavailable',
    `По адресу ${shownAddress(serverUrl)} отвечает не центральная система или её версия не подходит к этой программе: ответ не удалось разобрать. Проверьте адрес.`,
  );
const serverFailed = (serverUrl: string, status: number) =>
  new AppError('unavailable', `Центральная система сообщила о внутренней ошибке (код ${status}, адрес ${shownAddress(serverUrl)}). Повторите позже; изменения сохранены здесь.`);
export const badCode = () => new AppError('validation', 'Код подключения неверен или уже использован.', [{ column: 'code', message: 'Код подключения неверен или уже использован. Попросите в центральной системе новый код.' }]);
const revoked = () =>
  new AppError(
    'forbidden',
    'Центральная система не принимает это рабочее место: его подключение отозвано или ключ неверен. Подключите программу заново новым кодом подключения.',
  );

/** A 409 of a push: a gap or a reused identity. */
export type PushOutcome = { ok: true; res: PushResponse } | { ok: false; conflict: PushConflict };

/**
 * Tokens kept in this process's memory (never on disk) from one round to the next, per server and
 * client: a round's first request does not wait for a token it had a minute ago. A 401 fetches a
 * new one; a fork (new credentials) drops the old client's.
 */
const tokens = new Map<string, { value: string; until: number }>();
const tokenKey = (serverUrl: string, clientId: string) => `${serverUrl}\0${clientId}`;

/**
 * One server's client: register, token (kept until it expires, fetched again once on a 401),
 * push, pull, fork.
 */
export class CentralClient {
  private readonly opts: Required<Omit<HttpOptions, 'signal'>> & { signal?: AbortSignal };

  constructor(
    readonly serverUrl: string,
    private creds: Credentials | null,
    opts: HttpOptions = {},
  ) {
    this.opts = {
      connectTimeoutMs: opts.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
      requestTimeoutMs: opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
      now: opts.now ?? Date.now,
      signal: opts.signal,
      compress: opts.compress ?? !nearbyServer(serverUrl),
    };
  }

  /** After a fork: the new identity's credentials (the old token is dropped). */
  setCredentials(creds: Credentials): void {
    if (this.creds) tokens.delete(tokenKey(this.serverUrl, this.creds.clientId));
    this.creds = creds;
  }

  async register(code: string, name: string): Promise<RegisterResponse> {
    const a = await this.post(PATHS.register, { code, name }, null);
    if (a.status === 200) return this.parse(registerResponse, a.body);
    // The server refuses a wrong, expired or spent code alike (nothing to learn by guessing).
    if (a.status >= 400 && a.status < 500 && a.status !== 404 && a.status !== 405 && a.status !== 413 && a.status !== 429) throw badCode();
    throw this.failure(a);
  }

  async push(mutations: Mutation[]): Promise<PushOutcome> {
    const a = await this.authed(PATHS.push, { mutations });
    if (a.status === 200) return { ok: true, res: this.parse(pushResponse, a.body) };
    if (a.status === 409) return { ok: false, conflict: this.parse(pushConflict, a.body) };
    throw this.failure(a);
  }

  async pull(cursor: number, limit?: number): Promise<PullResponse> {
    const a = await this.authed(PATHS.pull, limit === undefined ? { cursor } : { cursor, limit });
    if (a.status === 200) {
      // The rows by a plain loop, not zod per row (central/protocol.ts): a page is thousands of them.
      const page = parsePullResponse(a.body);
      if (!page) throw garbled(this.serverUrl);
      return page;
    }
    // A server of an earlier protocol has no columnar pull (PROTOCOL_VERSION 2): its version does not fit.
    if (a.status === 404) throw garbled(this.serverUrl);
    throw this.failure(a);
  }

  async fork(): Promise<ForkResponse> {
    const a = await this.authed(PATHS.fork, {});
    if (a.status === 200) return this.parse(forkResponse, a.body);
    throw this.failure(a);
  }

  /** A call with the bearer token: a 401 fetches the token once more (it may have expired on the way). */
  private async authed(path: string, body: unknown): Promise<Answer> {
    let a = await this.post(path, body, await this.bearer(false));
    if (a.status === 401) a = await this.post(path, body, await this.bearer(true));
    if (a.status === 401) throw revoked();
    return a;
  }

  private async bearer(fresh: boolean): Promise<string> {
    const now = this.opts.now();
    if (!this.creds) throw new AppError('validation', 'Программа не подключена к центральной системе.');
    const key = tokenKey(this.serverUrl, this.creds.clientId);
    const kept = tokens.get(key);
    if (!fresh && kept && now < kept.until) return kept.value;
    tokens.delete(key);
    const a = await this.post(PATHS.token, { clientId: this.creds.clientId, secret: this.creds.secret }, null);
    if (a.status === 401 || a.status === 403) throw revoked();
    if (a.status !== 200) throw this.failure(a);
    const t = this.parse(tokenResponse, a.body);
    tokens.set(key, { value: t.token, until: now + Math.max(0, t.expiresInSec * 1000 - TOKEN_MARGIN_MS) });
    return t.token;
  }

  private parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
    const r = schema.safeParse(body);
    if (!r.success) throw garbled(this.serverUrl);
    return r.data;
  }

  /** An answer that is not what the call expects: the server's own Russian message when it gave one. */
  private failure(a: Answer): AppError {
    if (a.status >= 500) return serverFailed(this.serverUrl, a.status);
    const e = errorResponse.safeParse(a.body);
    if (e.success && a.status >= 400) return new AppError(a.status === 403 ? 'forbidden' : 'validation', `Центральная система отказала: ${e.data.message.slice(0, 500)}`);
    return garbled(this.serverUrl);
  }

  private post(path: string, body: unknown, token: string | null): Promise<Answer> {
    return postJson(this.serverUrl, path, body, token, this.opts);
  }
}

/**
 * POSTs `body` as JSON (gzipped when large, unless the server is nearby: HttpOptions.compress) to
 * `serverUrl` + `path` and reads the JSON answer (gunzipped when the server says so). Exported for the HTTP client's own tests.
 */
export async function postJson(serverUrl: string, path: string, body: unknown, token: string | null, opts: HttpOptions = {}): Promise<Answer> {
  const connectMs = opts.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  const totalMs = opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  let url: URL;
  try {
    url = new URL(path.replace(/^\//, ''), serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`);
  } catch {
    throw unreachable(serverUrl);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw unreachable(serverUrl);
  const compress = opts.compress ?? !nearbyServer(serverUrl);
  const json = Buffer.from(JSON.stringify(body), 'utf8');
  const zipped = compress && json.length >= GZIP_FROM_BYTES;
  const payload = zipped ? await gzipAsync(json) : json;
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/json',
    // Nearby the answer comes plain (the server gzips only when asked); a gzipped one is still read.
    'Accept-Encoding': compress ? 'gzip' : 'identity',
    'Content-Length': String(payload.length),
  };
  if (zipped) headers['Content-Encoding'] = 'gzip';
  if (token) headers.Authorization = `Bearer ${token}`;
  if (opts.signal?.aborted) throw new JobCancelled();

  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const raw = await new Promise<{ res: IncomingMessage; bytes: Buffer }>((resolve, reject) => {
    let why: 'connect' | 'total' | 'cancel' | null = null;
    const req = send(url, { method: 'POST', headers });
    const fail = (kind: 'connect' | 'total' | 'cancel') => {
      if (why) return;
      why = kind;
      req.destroy(new Error(kind));
    };
    const total = setTimeout(() => fail('total'), totalMs);
    let connect: ReturnType<typeof setTimeout> | undefined;
    const onAbort = () => fail('cancel');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => {
      clearTimeout(total);
      clearTimeout(connect);
      opts.signal?.removeEventListener('abort', onAbort);
    };
    req.on('socket', (socket) => {
      // A socket still connecting after connectMs: the server is not there (or a firewall drops it).
      if (socket.connecting) {
        connect = setTimeout(() => fail('connect'), connectMs);
        socket.once('connect', () => clearTimeout(connect));
      }
    });
    /** Why the exchange failed, in the user's words. */
    const failure = (tooBig: boolean) =>
      why === 'cancel' ? new JobCancelled() : why === 'total' ? tooSlow(serverUrl, Math.round(totalMs / 1000)) : tooBig ? garbled(serverUrl) : unreachable(serverUrl);
    // Refused, unknown host, unreachable network, reset, connect timeout: the server does not answer.
    req.on('error', () => {
      done();
      reject(failure(false));
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_RESPONSE_BYTES) res.destroy();
        else chunks.push(c);
      });
      res.on('error', () => undefined); // its 'close' tells
      res.on('close', () => {
        done();
        if (!res.complete || size > MAX_RESPONSE_BYTES) reject(failure(size > MAX_RESPONSE_BYTES));
        else resolve({ res, bytes: Buffer.concat(chunks) });
      });
    });
    req.end(payload);
  });

  let text: Buffer = raw.bytes;
  const encoding = String(raw.res.headers['content-encoding'] ?? '').toLowerCase();
  if (encoding === 'gzip') {
    try {
      text = await gunzipAsync(raw.bytes, { maxOutputLength: MAX_RESPONSE_BYTES });
    } catch {
      throw garbled(serverUrl);
    }
  } else if (encoding && encoding !== 'identity') throw garbled(serverUrl);
  const status = raw.res.statusCode ?? 0;
  let parsed: unknown = null;
  if (text.length) {
    try {
      parsed = JSON.parse(text.toString('utf8'));
    } catch {
      // A 5xx page of a proxy is HTML: its status is what matters.
      if (status < 400) throw garbled(serverUrl);
    }
  }
  return { status, body: parsed };
}
