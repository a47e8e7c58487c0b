// The app's plain check of a pull page (central/protocol.ts parsePullResponse) against the protocol's
// zod schema of the same page (pullResponse): the same verdict on good pages and on every kind of bad
// one, seeded random pages included; and the HTTP client refuses a bad row of a page in Russian.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_FIELD_TEXT, parsePullResponse, pullResponse } from '../../central/protocol';
import { CentralClient } from '../../electron/core/sync/http';
import { AppError } from '../../electron/api/errors';
import { Prng } from '../../electron/demo/prng';

const ID = '01890a5d-ac96-774b-bcce-b302099a8057';
const row = (over: Record<string, unknown> = {}) => ({ entity: 'mark', id: ID, version: 3, data: { value: '5', weight: 1, deleted_at: null }, ...over });
const page = (changes: unknown[], over: Record<string, unknown> = {}) => ({ changes, cursor: 10, more: false, lastMutationId: 0, ...over });

const same = (body: unknown) => {
  const zod = pullResponse.safeParse(body).success;
  const plain = parsePullResponse(body) !== null;
  return { zod, plain };
};

describe('parsePullResponse', () => {
  const good: [string, unknown][] = [
    ['an empty page', page([])],
    ['one row', page([row()])],
    ['rows of one version and ascending', page([row({ version: 1 }), row({ version: 1 }), row({ version: 7, entity: 'lesson' })])],
    ['empty data', page([row({ data: {} })])],
    ['the longest text', page([row({ data: { topic: 'т'.repeat(MAX_FIELD_TEXT) } })])],
    ['a negative and a fractional number', page([row({ data: { a: -1.5, b: 0 } })])],
  ];
  const bad: [string, unknown][] = [
    ['not an object', []],
    ['null', null],
    ['no changes', { cursor: 1, more: false, lastMutationId: 0 }],
    ['changes not an array', page({} as never)],
    ['a negative cursor', page([], { cursor: -1 })],
    ['a fractional cursor', page([], { cursor: 1.5 })],
    ['more not a boolean', page([], { more: 'no' })],
    ['no lastMutationId', { changes: [], cursor: 1, more: false }],
    ['a row that is null', page([null])],
    ['a row that is an array', page([[1]])],
    ['an entity with capitals', page([row({ entity: 'Mark' })])],
    ['an empty entity', page([row({ entity: '' })])],
    ['an entity too long', page([row({ entity: 'a'.repeat(65) })])],
    ['an entity not a string', page([row({ entity: 1 })])],
    ['an id not a UUID', page([row({ id: '5А' })])],
    ['an id in capitals', page([row({ id: ID.toUpperCase() })])],
    ['no id', page([{ entity: 'mark', version: 1, data: {} }])],
    ['version 0', page([row({ version: 0 })])],
    ['a fractional version', page([row({ version: 1.5 })])],
    ['a version as text', page([row({ version: '3' })])],
    ['a version beyond the safe integers', page([row({ version: 2 ** 53 })])],
    ['versions going back', page([row({ version: 5 }), row({ version: 4 })])],
    ['data null', page([row({ data: null })])],
    ['data an array', page([row({ data: ['5'] })])],
    ['data text', page([row({ data: '5' })])],
    ['a nested object in data', page([row({ data: { value: { x: 1 } } })])],
    ['an array in data', page([row({ data: { value: [1] } })])],
    ['a boolean in data', page([row({ data: { value: true } })])],
    ['a text too long in data', page([row({ data: { topic: 'т'.repeat(MAX_FIELD_TEXT + 1) } })])],
  ];

  it.each(good)('takes %s, as the zod schema does', (_, body) => {
    expect(same(body)).toEqual({ zod: true, plain: true });
  });
  it.each(bad)('refuses %s, as the zod schema does', (_, body) => {
    expect(same(body)).toEqual({ zod: false, plain: false });
  });

  it('agrees with the zod schema on 2000 seeded random pages', () => {
    const p = new Prng(7);
    const values = [null, 'текст', '', 0, 4, -2.5, true, [], {}, 't'.repeat(MAX_FIELD_TEXT + 1), NaN];
    const entities = ['mark', 'lesson', 'Mark', '', 'a_b', 'x1'];
    const ids = [ID, '01890a5d-ac96-774b-ccce-b302099a8057', 'x', 7];
    const versions = [1, 2, 3, 0, -1, 1.5, '2'];
    let goodSeen = 0;
    for (let i = 0; i < 2000; i++) {
      const rows = Array.from({ length: p.int(0, 4) }, () => {
        const data: Record<string, unknown> = {};
        for (let k = p.int(0, 3); k > 0; k--) data[`f${k}`] = p.chance(0.8) ? p.pick([null, 'текст', 4]) : p.pick(values);
        return { entity: p.chance(0.8) ? 'mark' : p.pick(entities), id: p.chance(0.8) ? ID : p.pick(ids), version: p.pick(versions), data: p.chance(0.95) ? data : p.pick(values) };
      });
      const v = same(page(rows));
      expect(v.plain).toBe(v.zod);
      if (v.zod) goodSeen++;
    }
    expect(goodSeen).toBeGreaterThan(100);
  });
});

describe('the HTTP client on a bad pull page', () => {
  let server: Server | null = null;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    server = null;
  });

  it('refuses a page with one bad row among good ones, in Russian, naming the address', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => row({ version: i + 1 }));
    rows[57] = row({ version: 58, data: { value: { nested: true } } });
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const body = req.url === '/v1/token' ? { token: 't', expiresInSec: 900 } : page(rows, { cursor: 100 });
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = new CentralClient(url, { clientId: ID, secret: 's'.repeat(40) });
    const e = await client.pull(0).then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).message).toContain(`По адресу ${url} отвечает не центральная система`);
  });
});
