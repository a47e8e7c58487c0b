// The app's plain check of a pull page (central/protocol.ts parsePullResponse) against the protocol's
// zod schema of the same page (pullResponse): the same verdict on good pages and on every kind of bad
// one, seeded random pages included; and the HTTP client refuses a bad row of a page in Russian.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_FIELD_TEXT, MAX_PAGE_COLUMNS, columnarPage, pageRows, parsePullResponse, pullResponse, type PulledRow } from '../../central/protocol';
import { CentralClient } from '../../electron/core/sync/http';
import { AppError } from '../../electron/api/errors';
import { Prng } from '../../electron/demo/prng';

const ID = '01890a5d-ac96-774b-bcce-b302099a8057';
const COLS = ['value', 'weight', 'deleted_at'];
const row = (version = 3, values: unknown[] = ['5', 1, null], id: unknown = ID) => [id, version, ...values];
const block = (rows: unknown[], over: Record<string, unknown> = {}) => ({ entity: 'mark', columns: COLS, rows, ...over });
const page = (entities: unknown[], over: Record<string, unknown> = {}) => ({ entities, cursor: 10, more: false, lastMutationId: 0, ...over });
/** `n` distinct column names: c_aa, c_ab, … */
const names = (n: number) => Array.from({ length: n }, (_, i) => `c_${String.fromCharCode(97 + Math.floor(i / 26))}${String.fromCharCode(97 + (i % 26))}`);
const one = (r: unknown, over: Record<string, unknown> = {}) => page([block([r], over)]);

const same = (body: unknown) => {
  const zod = pullResponse.safeParse(body).success;
  const plain = parsePullResponse(body) !== null;
  return { zod, plain };
};

describe('parsePullResponse', () => {
  const good: [string, unknown][] = [
    ['an empty page', page([])],
    ['an empty block', page([block([])])],
    ['one row', one(row())],
    ['rows of one version and ascending', page([block([row(1), row(1), row(7)]), block([row(2, ['Тема'])], { entity: 'lesson', columns: ['topic'] })])],
    ['no columns', page([block([[ID, 4]], { columns: [] })])],
    ['the longest text', one(row(3, ['т'.repeat(MAX_FIELD_TEXT), 1, null]))],
    ['a negative and a fractional number', one(row(3, [-1.5, 0, null]))],
    ['a column the app does not know', page([block([row(3, ['5', 1, null, 'x'])], { columns: [...COLS, 'from_a_newer_server'] })])],
    ['the most columns', page([block([[ID, 1, ...Array(MAX_PAGE_COLUMNS).fill(null)]], { columns: names(MAX_PAGE_COLUMNS) })])],
  ];
  const bad: [string, unknown][] = [
    ['not an object', []],
    ['null', null],
    ['no entities', { cursor: 1, more: false, lastMutationId: 0 }],
    ['protocol 1’s rows', { changes: [], cursor: 1, more: false, lastMutationId: 0 }],
    ['entities not an array', page({} as never)],
    ['a negative cursor', page([], { cursor: -1 })],
    ['a fractional cursor', page([], { cursor: 1.5 })],
    ['more not a boolean', page([], { more: 'no' })],
    ['no lastMutationId', { entities: [], cursor: 1, more: false }],
    ['a block that is null', page([null])],
    ['a block that is an array', page([[ID, 1]])],
    ['two blocks of one entity', page([block([row(1)]), block([row(2)])])],
    ['an entity with capitals', one(row(), { entity: 'Mark' })],
    ['an empty entity', one(row(), { entity: '' })],
    ['an entity too long', one(row(), { entity: 'a'.repeat(65) })],
    ['an entity not a string', one(row(), { entity: 1 })],
    ['no columns list', page([{ entity: 'mark', rows: [] }])],
    ['columns not an array', one(row(), { columns: 'value' })],
    ['a column with capitals', one(row(), { columns: ['Value', 'weight', 'deleted_at'] })],
    ['a column with a quote', one(row(), { columns: ['value"', 'weight', 'deleted_at'] })],
    ['a column with a space', one(row(), { columns: ['value; drop', 'weight', 'deleted_at'] })],
    ['an empty column name', one(row(), { columns: ['', 'weight', 'deleted_at'] })],
    ['a column name too long', one(row(), { columns: ['a'.repeat(65), 'weight', 'deleted_at'] })],
    ['a column not a string', one(row(), { columns: [1, 'weight', 'deleted_at'] })],
    ['a column twice', one(row(), { columns: ['value', 'value', 'deleted_at'] })],
    ['id as a column', one(row(), { columns: ['id', 'weight', 'deleted_at'] })],
    ['too many columns', page([block([], { columns: names(MAX_PAGE_COLUMNS + 1) })])],
    ['no rows list', page([{ entity: 'mark', columns: COLS }])],
    ['rows not an array', one(row(), { rows: {} })],
    ['a row that is null', page([block([null])])],
    ['a row that is an object', page([block([{ id: ID, version: 1 }])])],
    ['a row too short', page([block([[ID, 3, '5', 1]])])],
    ['a row too long', page([block([[ID, 3, '5', 1, null, null]])])],
    ['an id not a UUID', one(row(3, undefined, '5А'))],
    ['an id in capitals', one(row(3, undefined, ID.toUpperCase()))],
    ['an id that is a number', one(row(3, undefined, 7))],
    ['version 0', one(row(0))],
    ['a fractional version', one(row(1.5))],
    ['a version as text', one(row('3' as never))],
    ['a version beyond the safe integers', one(row(2 ** 53))],
    ['versions going back', page([block([row(5), row(4)])])],
    ['a nested object as a value', one(row(3, [{ x: 1 }, 1, null]))],
    ['an array as a value', one(row(3, [[1], 1, null]))],
    ['a boolean as a value', one(row(3, [true, 1, null]))],
    ['a text too long as a value', one(row(3, ['т'.repeat(MAX_FIELD_TEXT + 1), 1, null]))],
  ];

  it.each(good)('takes %s, as the zod schema does', (_, body) => {
    expect(same(body)).toEqual({ zod: true, plain: true });
  });
  it.each(bad)('refuses %s, as the zod schema does', (_, body) => {
    expect(same(body)).toEqual({ zod: false, plain: false });
  });

  it('agrees with the zod schema on 3000 seeded random pages', () => {
    const p = new Prng(7);
    const values = [null, 'текст', '', 0, 4, -2.5, true, [], {}, 't'.repeat(MAX_FIELD_TEXT + 1), NaN];
    const entities = ['mark', 'lesson', 'Mark', '', 'a_b', 'x1'];
    const columns = ['value', 'weight', 'topic', 'id', 'Value', 'a b', ''];
    const ids = [ID, '01890a5d-ac96-774b-ccce-b302099a8057', 'x', 7];
    const versions = [1, 2, 3, 0, -1, 1.5, '2'];
    let goodSeen = 0;
    for (let i = 0; i < 3000; i++) {
      const blocks = Array.from({ length: p.int(0, 3) }, () => {
        const cols = Array.from({ length: p.int(0, 3) }, (_, k) => (p.chance(0.9) ? `f${k}` : p.pick(columns)));
        const rows = Array.from({ length: p.int(0, 4) }, () => {
          const width = p.chance(0.9) ? cols.length : p.int(0, 4);
          const r: unknown[] = [p.chance(0.9) ? ID : p.pick(ids), p.chance(0.8) ? p.int(1, 3) : p.pick(versions)];
          for (let k = 0; k < width; k++) r.push(p.chance(0.8) ? p.pick([null, 'текст', 4]) : p.pick(values));
          return p.chance(0.97) ? r : p.pick(values);
        });
        const b = { entity: p.chance(0.7) ? 'mark' : p.pick(entities), columns: cols, rows };
        return p.chance(0.97) ? b : p.pick(values);
      });
      const v = same(page(blocks));
      expect(v.plain).toBe(v.zod);
      if (v.zod) goodSeen++;
    }
    expect(goodSeen).toBeGreaterThan(100);
  });

  it('columnarPage and pageRows are each other’s inverse, rows in version, entity, id order', () => {
    const rows: PulledRow[] = [
      { entity: 'mark', id: ID, version: 2, data: { id: ID, value: '5', weight: 1 } },
      { entity: 'lesson', id: '01890a5d-ac96-774b-bcce-b302099a8058', version: 1, data: { id: '01890a5d-ac96-774b-bcce-b302099a8058', topic: 'Тема' } },
      { entity: 'attendance', id: '01890a5d-ac96-774b-bcce-b302099a8059', version: 2, data: { id: '01890a5d-ac96-774b-bcce-b302099a8059', kind: 'sick' } },
    ];
    const p = columnarPage(rows, { cursor: 2, more: false, lastMutationId: 0 });
    expect(parsePullResponse(p)).not.toBeNull();
    expect(pageRows(p)).toEqual([rows[1], rows[2], rows[0]]);
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
    const rows = Array.from({ length: 100 }, (_, i) => row(i + 1));
    rows[57] = row(58, [{ nested: true }, 1, null]);
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const body = req.url === '/v1/token' ? { token: 't', expiresInSec: 900 } : page([block(rows)], { cursor: 100 });
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
