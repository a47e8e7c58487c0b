// The fault proxy of the convergence test (tests/sync/faultProxy.ts) does what docs/sync-faults.md
// says of each fault, against a small counting server, and draws the same fates for the same seed.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultKind } from './faultProxy';

let server: Server;
let port = 0;
const seen: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      seen.push(body);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ got: body, n: seen.length }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const post = async (url: string, body: string, auth = 'Bearer t1') => {
  try {
    const r = await fetch(`${url}/v1/push`, { method: 'POST', body, headers: { authorization: auth, connection: 'close' } });
    return (await r.json()) as { got: string; n: number };
  } catch {
    return 'lost' as const;
  }
};

describe('fault proxy', () => {
  it('each fault does what it says', async () => {
    let killed = 0;
    const proxy = await startFaultProxy({ seed: 1, target: port, killServer: () => killed++ });
    const only = (k: FaultKind) => proxy.phase(k, { [k]: 1 });
    seen.length = 0;

    proxy.phase('pass', null);
    expect(await post(proxy.url, 'a')).toEqual({ got: 'a', n: 1 });

    only('drop_request');
    expect(await post(proxy.url, 'b')).toBe('lost');
    expect(seen).toEqual(['a']); // never reached the server

    only('drop_response');
    expect(await post(proxy.url, 'c')).toBe('lost');
    expect(seen).toEqual(['a', 'c']); // the server did it, the client never heard

    only('duplicate');
    expect(await post(proxy.url, 'd')).toEqual({ got: 'd', n: 4 }); // the second answer
    expect(seen).toEqual(['a', 'c', 'd', 'd']);

    only('replay');
    expect(await post(proxy.url, 'e')).toEqual({ got: 'e', n: 6 });
    expect(seen.length).toBe(6);
    expect(['a', 'c', 'd']).toContain(seen[4]); // an old request of the same client went first
    expect(seen[5]).toBe('e');

    only('server_kill');
    await post(proxy.url, 'f');
    await new Promise((r) => setTimeout(r, 50));
    expect(killed).toBe(1);

    expect(proxy.counts).toEqual({ drop_request: 1, drop_response: 1, duplicate: 1, replay: 1, server_kill: 1 });
    await proxy.close();
  });

  it('the same seed draws the same fates, request by request in a phase', async () => {
    const fates = async (seed: number) => {
      const proxy = await startFaultProxy({ seed, target: port, killServer: () => {} });
      const out: string[] = [];
      for (const phase of ['r1:A', 'r1:B', 'r2:A']) {
        proxy.phase(phase, { drop_request: 0.3, drop_response: 0.3 });
        for (let i = 0; i < 8; i++) {
          const before = seen.length;
          const r = await post(proxy.url, `${phase}/${i}`);
          out.push(r === 'lost' ? (seen.length > before ? 'after' : 'before') : 'ok');
        }
      }
      await proxy.close();
      return out.join(',');
    };
    const one = await fates(7);
    expect(await fates(7)).toBe(one);
    expect(one).toMatch(/before/);
    expect(one).toMatch(/after/);
    expect(one).toMatch(/ok/);
    expect(await fates(8)).not.toBe(one);
  });
});
