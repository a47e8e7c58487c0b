// The central system's wire protocol (issue 10; docs/sync.md): what an office installation and the
// central server say to each other. Imported by both sides — the central server validates every
// request with these schemas, the app's sync client (electron/core/sync) every answer.
// JSON over HTTP, gzip both ways when asked (Content-Encoding / Accept-Encoding).
import { z } from 'zod';

export const PROTOCOL_VERSION = 1;

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
/** Rows in version order (a page is whole versions, ascending): a page that is not is refused. */
const ascending = (rows: readonly { version: number }[]) => rows.every((r, i) => i === 0 || rows[i - 1]!.version <= r.version);
export const pullResponse = z.object({
  changes: z.array(pulledRow).refine(ascending, 'строки не по порядку версий'),
  cursor: z.number().int().nonnegative(),
  more: z.boolean(),
  /** The client's last processed mutation, consistent with the rows (one snapshot). */
  lastMutationId: z.number().int().nonnegative(),
});

/**
 * The app's check of a pull answer (electron/core/sync/http.ts): the same rules as `pullResponse`,
 * the envelope by zod and the rows — thousands a page — by a plain loop (zod per row cost more
 * than applying them). tests/sync/protocol.test.ts holds the two to the same verdicts. Returns the
 * page or null when anything in it is wrong.
 */
const pullEnvelope = z.object({
  changes: z.array(z.unknown()),
  cursor: z.number().int().nonnegative(),
  more: z.boolean(),
  lastMutationId: z.number().int().nonnegative(),
});
export function parsePullResponse(body: unknown): PullResponse | null {
  const env = pullEnvelope.safeParse(body);
  if (!env.success) return null;
  const rows = env.data.changes;
  let last = 1;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (typeof r !== 'object' || r === null || Array.isArray(r)) return null;
    const { entity, id, version, data } = r as Record<string, unknown>;
    if (typeof entity !== 'string' || entity.length === 0 || entity.length > NAME_MAX || !NAME.test(entity)) return null;
    if (typeof id !== 'string' || !UUID.test(id)) return null;
    if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < last) return null;
    last = version;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
    for (const k in data) {
      if (!Object.prototype.hasOwnProperty.call(data, k)) continue;
      const v = (data as Record<string, unknown>)[k];
      if (v === null) continue;
      if (typeof v === 'string') {
        if (v.length > MAX_FIELD_TEXT) return null;
      } else if (typeof v !== 'number' || !Number.isFinite(v)) return null;
    }
  }
  return env.data as PullResponse;
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
export type PullResponse = z.infer<typeof pullResponse>;
export type ForkResponse = z.infer<typeof forkResponse>;

export const PATHS = {
  register: '/v1/register',
  token: '/v1/token',
  push: '/v1/push',
  pull: '/v1/pull',
  fork: '/v1/fork',
  health: '/v1/health',
} as const;
