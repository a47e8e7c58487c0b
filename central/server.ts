// The reference central server (issue 10, docs/sync.md): node:http, JSON, gzip both ways.
// Every body is checked by the protocol's schemas (bad → 400 with a Russian message); every call but
// register, token and health carries a bearer token. Errors never carry a stack trace or personal
// data; the log line is method, path, status and milliseconds only.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gunzip as gunzipCb, gzip as gzipCb } from 'node:zlib';
import { z } from 'zod';
import { forkClient, issueToken, registerClient, verifyToken, type Auth } from './auth';
import { openCentralDb, type CentralDb } from './db';
import { CentralError } from './errors';
import { PATHS, RETIRED_PATHS, pullRequest, pushRequest, registerRequest, tokenRequest, PULL_LIMIT } from './protocol';
import { pageJson, pullRaw } from './store/pull';
import { push } from './store/push';

const gzip = promisify(gzipCb);
const gunzip = promisify(gunzipCb);

/** The largest request body, compressed or not (a push of 1000 mutations fits with room). */
export const MAX_BODY = 32 * 1024 * 1024;
/** Responses smaller than this are sent as they are. */
const GZIP_FROM = 1024;

export interface CentralOptions {
  databaseUrl?: string;
  /** An open store instead of a URL (closed by close() only when the server opened it). */
  db?: CentralDb;
  /** 0 (default): a free port. */
  port?: number;
  host?: string;
  /** The largest request body in bytes, before and after gunzip (default MAX_BODY). */
  maxBody?: number;
  /** Where the request log goes (default: stdout); null for none. */
  log?: ((line: string) => void) | null;
}

export interface CentralServer {
  /** http://host:port */
  url: string;
  port: number;
  db: CentralDb;
  close(): Promise<void>;
}

const forkRequest = z.object({}).passthrough();

/** A zod issue in Russian (the schemas' own messages are English unless they say otherwise). */
function issueText(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'неверные данные';
  if (/[а-яё]/i.test(issue.message)) return issue.message;
  return codeText(issue.code);
}

/** The reason by zod's issue code: passed to each parse, so the server's words never depend on a zod configured elsewhere in the process. */
function codeText(code: string | undefined): string {
  switch (code) {
    case 'invalid_type':
      return 'значение не того типа или его нет';
    case 'too_big':
      return 'слишком длинное или слишком большое значение';
    case 'too_small':
      return 'слишком короткое или слишком малое значение';
    case 'invalid_format':
      return 'значение не в том формате';
    case 'unrecognized_keys':
      return 'лишние поля';
    default:
      return 'неверное значение';
  }
}

const bad = (message: string) => new CentralError(400, 'bad_request', message);

async function readBody(req: IncomingMessage, maxBody: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBody) throw new CentralError(413, 'too_large', 'Запрос слишком большой.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBody) throw new CentralError(413, 'too_large', 'Запрос слишком большой.');
    chunks.push(chunk as Buffer);
  }
  let body = Buffer.concat(chunks);
  const enc = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (enc === 'gzip') {
    try {
      body = await gunzip(body, { maxOutputLength: maxBody });
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new CentralError(413, 'too_large', 'Запрос слишком большой.');
      throw bad('Тело запроса не удалось распаковать (gzip).');
    }
  } else if (enc !== 'identity') throw new CentralError(415, 'bad_encoding', 'Сжатие тела запроса не поддерживается: только gzip.');
  return body;
}

async function parse<T extends z.ZodType>(req: IncomingMessage, schema: T, maxBody: number): Promise<z.infer<T>> {
  const body = await readBody(req, maxBody);
  let json: unknown;
  try {
    json = body.length ? JSON.parse(body.toString('utf8')) : {};
  } catch {
    throw bad('Тело запроса не JSON.');
  }
  const r = schema.safeParse(json, { error: (iss) => codeText(iss.code) });
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue?.path.length ? ` (поле ${issue.path.join('.')})` : '';
    throw bad(`Запрос не по протоколу${where}: ${issueText(issue)}.`);
  }
  return r.data;
}

async function send(req: IncomingMessage, res: ServerResponse, status: number, json: string): Promise<void> {
  let body: Buffer = Buffer.from(json, 'utf8');
  const headers: Record<string, string | number> = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };
  if (body.length >= GZIP_FROM && /\bgzip\b/i.test(String(req.headers['accept-encoding'] ?? ''))) {
    body = await gzip(body, { level: 1 });
    headers['Content-Encoding'] = 'gzip';
  }
  headers['Vary'] = 'Accept-Encoding';
  headers['Content-Length'] = body.length;
  res.writeHead(status, headers);
  res.end(body);
}

function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m?.[1];
}

/** Starts the server; the store must be migrated (main.ts does it). */
export async function startCentral(options: CentralOptions): Promise<CentralServer> {
  const own = !options.db;
  if (!options.db && !options.databaseUrl) throw new Error('startCentral: databaseUrl or db is required');
  const db = options.db ?? openCentralDb(options.databaseUrl!);
  const maxBody = options.maxBody ?? MAX_BODY;
  const log = options.log === undefined ? (line: string) => console.log(line) : options.log;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<number> {
    const path = (req.url ?? '/').split('?')[0];
    if (path === PATHS.health && (req.method === 'GET' || req.method === 'POST')) {
      await send(req, res, 200, JSON.stringify({ ok: true }));
      return 200;
    }
    // An app of an earlier protocol (its pull page had another shape): told to update, in its own words.
    if (RETIRED_PATHS.includes(path ?? ''))
      throw new CentralError(410, 'protocol_retired', 'Эта версия программы «Школьный офис» устарела для центральной системы: обновите программу, затем повторите синхронизацию.');
    const known = Object.values(PATHS) as string[];
    if (!known.includes(path ?? '')) throw new CentralError(404, 'not_found', 'Нет такого адреса.');
    if (req.method !== 'POST') throw new CentralError(405, 'method', 'Нужен запрос POST.');
    let auth: Auth | undefined;
    if (path !== PATHS.register && path !== PATHS.token) auth = await verifyToken(db, bearer(req));
    switch (path) {
      case PATHS.register: {
        const r = await parse(req, registerRequest, maxBody);
        await send(req, res, 200, JSON.stringify(await registerClient(db, r.code, r.name)));
        return 200;
      }
      case PATHS.token: {
        const r = await parse(req, tokenRequest, maxBody);
        await send(req, res, 200, JSON.stringify(await issueToken(db, r.clientId, r.secret)));
        return 200;
      }
      case PATHS.push: {
        const r = await parse(req, pushRequest, maxBody);
        const out = await push(db, auth!, r.mutations);
        await send(req, res, out.status, JSON.stringify(out.body));
        return out.status;
      }
      case PATHS.pull: {
        const r = await parse(req, pullRequest, maxBody);
        const page = await pullRaw(db, auth!, r.cursor, r.limit ?? PULL_LIMIT);
        await send(req, res, 200, pageJson(page));
        return 200;
      }
      case PATHS.fork: {
        await parse(req, forkRequest, maxBody);
        await send(req, res, 200, JSON.stringify(await forkClient(db, auth!)));
        return 200;
      }
    }
    throw new CentralError(404, 'not_found', 'Нет такого адреса.');
  }

  const server = createServer((req, res) => {
    const t0 = performance.now();
    const path = (req.url ?? '/').split('?')[0];
    route(req, res)
      .catch(async (e: unknown) => {
        const err =
          e instanceof CentralError
            ? e
            : isUnavailable(e)
              ? new CentralError(503, 'unavailable', 'Центральная система временно недоступна: повторите позже.')
              : new CentralError(500, 'internal', 'Ошибка центральной системы: изменение не принято, повторите позже.');
        if (err.status >= 500 && !(e instanceof CentralError)) log?.(`error ${req.method} ${path}: ${errorKind(e)}`);
        if (!res.headersSent) {
          try {
            if (err.status === 413) res.setHeader('Connection', 'close');
            await send(req, res, err.status, JSON.stringify({ error: err.code, message: err.message }));
          } catch {
            res.destroy();
          }
        } else res.destroy();
        return err.status;
      })
      .then((status) => log?.(`${req.method} ${path} ${status} ${Math.round(performance.now() - t0)}ms`));
  });
  server.keepAliveTimeout = 30_000;
  server.requestTimeout = 120_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${host}:${addr.port}`,
    port: addr.port,
    db,
    async close() {
      server.closeIdleConnections();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      });
      if (own) await db.destroy();
    },
  };
}

/** The database is not reachable (restarting, down): the client should retry. */
function isUnavailable(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE)$/.test(code) || /^(57P0[1-3]|08\d\d\d|53300)$/.test(code));
}

/** An unexpected error, for the log without its message (which may quote data): its class and code. */
function errorKind(e: unknown): string {
  const name = e instanceof Error ? e.name : typeof e;
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? `${name} ${code}` : name;
}
