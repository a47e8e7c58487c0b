// The fault proxy of the convergence test (docs/sync-faults.md): a node:http server between the office
// clients and the central server that loses, repeats and reorders requests, deterministically by seed.
//
// Each request is read whole, then one fate is drawn for it:
// - `drop_request`: never forwarded; the client's socket is destroyed (the network lost the request);
// - `drop_response`: forwarded and answered by the server (which committed), then the client's socket is
//   destroyed before the answer is written (the network lost the answer);
// - `duplicate`: forwarded twice in a row; the client gets the second answer (a retry by a middlebox);
// - `replay`: first an old request of this client (kept from before, same token) is sent again and its
//   answer thrown away, then this one forwarded (a late duplicate arriving after newer requests);
// - `server_kill`: forwarded, and the central server is killed (SIGKILL) a few milliseconds later, while it
//   works on the request (the harness restarts it);
// - `pass`: forwarded as is.
// With `pullLimit`, a pull request without a limit gets that one (small pages: a round's pull spans
// several, so the kills between and inside pages have somewhere to happen).
// The draws of a request depend only on (seed, phase label, the request's number in the phase), so one
// request more or less somewhere (a token refresh) does not shift every later decision.
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Prng } from '../../electron/demo/prng';
import { PATHS } from '../../central/protocol';

export const FAULT_KINDS = ['drop_request', 'drop_response', 'duplicate', 'replay', 'server_kill'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The chance of each fault per request (the rest pass). */
export type FaultRates = Partial<Record<FaultKind, number>>;

interface Kept {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface FaultProxy {
  url: string;
  /** Starts a phase: the requests that follow draw their fates from (seed, label, n) at these rates (null: no faults). */
  phase(label: string, rates: FaultRates | null): void;
  /** Where the central server listens now. */
  setTarget(port: number): void;
  /** Faults injected so far, by kind. */
  readonly counts: Record<FaultKind, number>;
  /** Requests seen so far. */
  readonly requests: number;
  close(): Promise<void>;
}

/** A 32-bit hash of a text (FNV-1a), to derive a phase's stream from its label. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const readAll = (msg: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    msg.on('data', (d: Buffer) => parts.push(d));
    msg.on('end', () => resolve(Buffer.concat(parts)));
    msg.on('error', reject);
  });

const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length', 'proxy-connection', 'upgrade']);
const pass = (h: IncomingHttpHeaders): IncomingHttpHeaders => Object.fromEntries(Object.entries(h).filter(([k]) => !HOP.has(k.toLowerCase())));

export async function startFaultProxy(opts: { seed: number; target: number; killServer: () => void; pullLimit?: number }): Promise<FaultProxy> {
  let target = opts.target;
  let label = 'start';
  let rates: FaultRates | null = null;
  let n = 0;
  let total = 0;
  const counts = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
  /** Old requests per client token (its Authorization header), for replays; the last 20 each. */
  const kept = new Map<string, Kept[]>();

  const forward = (r: Kept): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: target, method: r.method, path: r.path, headers: { ...pass(r.headers), 'content-length': String(r.body.length) }, agent: false },
        (res) => {
          readAll(res).then((body) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body }), reject);
        },
      );
      req.on('error', reject);
      req.end(r.body);
    });

  const fate = (p: Prng): FaultKind | 'pass' => {
    if (!rates) return 'pass';
    let x = p.next();
    for (const k of FAULT_KINDS) {
      const r = rates[k] ?? 0;
      if (x < r) return k;
      x -= r;
    }
    return 'pass';
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let body = await readAll(req);
    if (opts.pullLimit && req.url === PATHS.pull && !req.headers['content-encoding']) {
      const q = JSON.parse(body.toString('utf8')) as { cursor: number; limit?: number };
      if (q.limit === undefined) body = Buffer.from(JSON.stringify({ ...q, limit: opts.pullLimit }));
    }
    const r: Kept = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body };
    total++;
    const p = new Prng(opts.seed, hash32(`${label}#${n++}`));
    const kind = fate(p);
    const lose = () => req.socket.destroy();
    const auth = String(req.headers.authorization ?? '');
    try {
      if (kind === 'drop_request') {
        counts.drop_request++;
        return lose();
      }
      if (kind === 'replay') {
        const old = kept.get(auth);
        if (old?.length) {
          counts.replay++;
          await forward(old[p.int(0, old.length - 1)]!).catch(() => undefined);
        }
      }
      let answer: Answer;
      if (kind === 'server_kill') {
        counts.server_kill++;
        const pending = forward(r);
        setTimeout(opts.killServer, p.int(0, 30));
        answer = await pending;
      } else {
        answer = await forward(r);
        if (kind === 'duplicate') {
          counts.duplicate++;
          answer = await forward(r);
        }
      }
      if (auth && r.method === 'POST') {
        const list = kept.get(auth) ?? [];
        list.push(r);
        if (list.length > 20) list.shift();
        kept.set(auth, list);
      }
      if (kind === 'drop_response') {
        counts.drop_response++;
        return lose();
      }
      res.writeHead(answer.status, { ...pass(answer.headers), 'content-length': String(answer.body.length) });
      res.end(answer.body);
    } catch {
      // The server is down (killed, restarting) or reset the connection: the client sees the network fail.
      lose();
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    phase(l, r) {
      label = l;
      rates = r;
      n = 0;
    },
    setTarget(p) {
      target = p;
    },
    counts,
    get requests() {
      return total;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
