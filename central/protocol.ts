// The central system's wire protocol (issue 10; docs/sync.md): what an office installation and the
// central server say to each other. Imported by both sides — the central server validates every
// request with these schemas, the app's sync client (electron/core/sync) every answer.
// JSON over HTTP, gzip both ways when asked (Content-Encoding / Accept-Encoding).
import { z } from 'zod';

/**
 * 2: the pull page is columnar (`POST /v2/pull`, `pullResponse`). Protocol 1's row-object page at
 * `/v1/pull` is gone: the server answers it 410 with a Russian message asking to update the app.
 */
export const PROTOCOL_VERSION = 2;

/** Limits of one request: a push of at most MAX_PUSH mutations, a page of about PULL_LIMIT rows. */
export const MAX_PUSH = 1000;
export const MAX_CHANGES = 50_000;
export const PULL_LIMIT = 5000;
export const MAX_PULL_LIMIT = 20_000;
/** The longest text a field may carry (the app's own limits are far below it). */
export const MAX_FIELD_TEXT = 10_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const NAME = /^[a-z_]+$/;
const NAME_MAX = 64;
const uuid = z.string().regex(UUID, 'не UUID');
const name = z.string().min(1).max(NAME_MAX).regex(NAME);
type Value = string | number | null;
const value = z.union([z.string().max(MAX_FIELD_TEXT), z.number().finite(), z.null()]);

export const registerRequest = z.object({
  code: z.string().min(6).max(64),
  /** How this installation calls itself («Кабинет секретаря»), shown to the central's administrators. */
  name: z.string().min(1).max(200),
});
export const registerResponse = z.object({
  schoolId: uuid,
  schoolName: z.string(),
  clientId: uuid,
  secret: z.string().min(32).max(200),
});

export const tokenRequest = z.object({ clientId: uuid, secret: z.string().min(1).max(200) });
export const tokenResponse = z.object({ token: z.string().min(1).max(2000), expiresInSec: z.number().int().positive() });

/** One row change. `base`: the server version of the row the change was made on (null for an insert). */
export const change = z.object({
  entity: name,
  id: uuid,
  op: z.enum(['insert', 'update', 'delete']),
  fields: z.record(name, value),
  base: z.number().int().nonnegative().nullable(),
});

/** One user action: applied whole or refused whole. `id`: the client's own monotonic number, from 1. */
export const mutation = z.object({
  id: z.number().int().positive(),
  /** A hash of the changes: a replay of the same number with other content is a reused identity. */
  hash: z.string().min(1).max(128),
  at: z.string().max(40),
  /** Refused by the app itself before it was sent (e.g. a pulled row took its key): recorded, nothing applied. */
  refusedLocally: z.string().max(1000).optional(),
  changes: z.array(change).max(MAX_CHANGES),
});

export const pushRequest = z.object({ mutations: z.array(mutation).min(1).max(MAX_PUSH) });
export const mutationResult = z.discriminatedUnion('ok', [
  z.object({ id: z.number().int(), ok: z.literal(true), version: z.number().int().nonnegative() }),
  z.object({ id: z.number().int(), ok: z.literal(false), reason: z.string() }),
]);
export const pushResponse = z.object({ results: z.array(mutationResult), lastMutationId: z.number().int().nonnegative() });

/** 409 answers of a push: a gap (resend from lastMutationId + 1), or a reused identity (fork). */
export const pushConflict = z.object({
  error: z.enum(['gap', 'identity_reused']),
  lastMutationId: z.number().int().nonnegative(),
  message: z.string(),
});

export const pullRequest = z.object({
  cursor: z.number().int().nonnegative(),
  limit: z.number().int().positive().max(MAX_PULL_LIMIT).optional(),
});
/** A row as the server has it now: `data` the full row (columns of the app's table), deleted_at the tombstone. */
export const pulledRow = z.object({
  entity: name,
  id: uuid,
  version: z.number().int().positive(),
  data: z.record(z.string(), value),
});

/** The most columns a block of a pull page may name (the app's widest table has a few dozen). */
export const MAX_PAGE_COLUMNS = 200;

/**
 * A pull page is columnar (protocol 2, `POST /v2/pull`): per entity one block — its name, the names
 * of its columns once (without `id`) and its rows as arrays `[id, version, ...values]` in the order
 * of `columns`, versions ascending within the block. The page is whole versions: every row whose
 * version is in (request cursor, page cursor]. The blocks say nothing of the order between entities:
 * the app applies office rows in version order across the blocks (then entity, then id: the order of
 * protocol 1's rows), journal rows block by block (docs/sync.md «The columnar page»).
 */
const distinct = (xs: readonly string[]) => new Set(xs).size === xs.length;
const pageColumn = name.refine((c) => c !== 'id', 'id не колонка блока');
export const pullBlock = z
  .object({
    entity: name,
    columns: z.array(pageColumn).max(MAX_PAGE_COLUMNS).refine(distinct, 'колонки повторяются'),
    rows: z.array(z.array(value)),
  })
  .superRefine((b, ctx) => {
    let last = 1;
    for (let i = 0; i < b.rows.length; i++) {
      const r = b.rows[i]!;
      const version = r[1];
      const ok =
        r.length === b.columns.length + 2 &&
        typeof r[0] === 'string' &&
        UUID.test(r[0]) &&
        typeof version === 'number' &&
        Number.isSafeInteger(version) &&
        version >= last;
      if (!ok) {
        ctx.addIssue({ code: 'custom', message: 'строка блока не по протоколу', path: ['rows', i] });
        return;
      }
      last = version;
    }
  });
export const pullResponse = z.object({
  entities: z.array(pullBlock).refine((bs) => distinct(bs.map((b) => b.entity)), 'блоки одной сущности повторяются'),
  cursor: z.number().int().nonnegative(),
  more: z.boolean(),
  /** The client's last processed mutation, consistent with the rows (one snapshot). */
  lastMutationId: z.number().int().nonnegative(),
});

/**
 * The app's check of a pull answer (electron/core/sync/http.ts): the same rules as `pullResponse`,
 * the envelope by zod and the blocks' rows — thousands a page — by a plain loop (zod per row cost
 * more than applying them). tests/sync/protocol.test.ts holds the two to the same verdicts. Returns
 * the page or null when anything in it is wrong. Column names pass only the protocol's name rule
 * here; which of them the app takes is decided against its own registry (db/sync: a name it does
 * not know is left out, never put into SQL).
 */
const pullEnvelope = z.object({
  entities: z.array(z.unknown()),
  cursor: z.number().int().nonnegative(),
  more: z.boolean(),
  lastMutationId: z.number().int().nonnegative(),
});
const isName = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= NAME_MAX && NAME.test(x);
export function parsePullResponse(body: unknown): PullResponse | null {
  const env = pullEnvelope.safeParse(body);
  if (!env.success) return null;
  const blocks = env.data.entities;
  const seen = new Set<string>();
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    if (typeof block !== 'object' || block === null || Array.isArray(block)) return null;
    const { entity, columns, rows } = block as Record<string, unknown>;
    if (!isName(entity) || seen.has(entity)) return null;
    seen.add(entity);
    if (!Array.isArray(columns) || columns.length > MAX_PAGE_COLUMNS) return null;
    const names = new Set<string>();
    for (let c = 0; c < columns.length; c++) {
      const col: unknown = columns[c];
      if (!isName(col) || col === 'id' || names.has(col)) return null;
      names.add(col);
    }
    if (!Array.isArray(rows)) return null;
    const width = columns.length + 2;
    let last = 1;
    for (let i = 0; i < rows.length; i++) {
      const r: unknown = rows[i];
      if (!Array.isArray(r) || r.length !== width) return null;
      const id: unknown = r[0];
      if (typeof id !== 'string' || !UUID.test(id)) return null;
      const version: unknown = r[1];
      if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < last) return null;
      last = version;
      for (let k = 2; k < width; k++) {
        const v: unknown = r[k];
        if (v === null) continue;
        if (typeof v === 'string') {
          if (v.length > MAX_FIELD_TEXT) return null;
        } else if (typeof v !== 'number' || !Number.isFinite(v)) return null;
      }
    }
  }
  return env.data as PullResponse;
}

/** How many rows a page carries. */
export function pageRowCount(page: Pick<PullResponse, 'entities'>): number {
  let n = 0;
  for (const b of page.entities) n += b.rows.length;
  return n;
}

/** A page's rows as objects, in protocol 1's order (version, entity, id): for tests, tools and logs of few rows. */
export function pageRows(page: Pick<PullResponse, 'entities'>): PulledRow[] {
  const out: PulledRow[] = [];
  for (const b of page.entities)
    for (const r of b.rows) {
      const data: Record<string, Value> = { id: r[0] as string };
      b.columns.forEach((c, i) => (data[c] = r[i + 2] as Value));
      out.push({ entity: b.entity, id: r[0] as string, version: r[1] as number, data });
    }
  return out.sort((a, b) => a.version - b.version || (a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * A columnar page of row objects (tests, tools): per entity the union of the rows' data keys as its
 * columns (a key a row lacks is null there), rows in version order.
 */
export function columnarPage(rows: readonly PulledRow[], envelope: Omit<PullResponse, 'entities'>): PullResponse {
  const byEntity = new Map<string, PulledRow[]>();
  for (const r of [...rows].sort((a, b) => a.version - b.version)) {
    let list = byEntity.get(r.entity);
    if (!list) byEntity.set(r.entity, (list = []));
    list.push(r);
  }
  const entities: PullBlock[] = [];
  for (const [entity, list] of byEntity) {
    const columns = [...new Set(list.flatMap((r) => Object.keys(r.data)))].filter((c) => c !== 'id');
    entities.push({ entity, columns, rows: list.map((r) => [r.id, r.version, ...columns.map((c) => r.data[c] ?? null)]) });
  }
  return { entities, ...envelope };
}

export const forkResponse = z.object({ clientId: uuid, secret: z.string().min(32), lastMutationId: z.number().int().nonnegative() });

/** Every error answer: a Russian message the app may show. */
export const errorResponse = z.object({ error: z.string(), message: z.string() });

export type RegisterRequest = z.infer<typeof registerRequest>;
export type RegisterResponse = z.infer<typeof registerResponse>;
export type TokenResponse = z.infer<typeof tokenResponse>;
export type Change = z.infer<typeof change>;
export type Mutation = z.infer<typeof mutation>;
export type PushRequest = z.infer<typeof pushRequest>;
export type PushResponse = z.infer<typeof pushResponse>;
export type MutationResult = z.infer<typeof mutationResult>;
export type PushConflict = z.infer<typeof pushConflict>;
export type PullRequest = z.infer<typeof pullRequest>;
export type PulledRow = z.infer<typeof pulledRow>;
export type PullBlock = z.infer<typeof pullBlock>;
export type PullResponse = z.infer<typeof pullResponse>;
export type ForkResponse = z.infer<typeof forkResponse>;

export const PATHS = {
  register: '/v1/register',
  token: '/v1/token',
  push: '/v1/push',
  pull: '/v2/pull',
  fork: '/v1/fork',
  health: '/v1/health',
} as const;

/** Paths of earlier protocols the server answers only with a refusal (410, «обновите программу»). */
export const RETIRED_PATHS: readonly string[] = ['/v1/pull'];
