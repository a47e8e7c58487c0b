// Who may talk to the central server (issue 10, docs/sync.md):
// - an enrollment code, one-time, valid 7 days, stored only as its sha256, issued by `register-school`;
// - spent on POST /v1/register for a client: an id and a secret (32 random bytes; stored as sha256 — a
//   secret that long needs no slow hash);
// - the secret buys a bearer token (POST /v1/token): HMAC-SHA256 over school, client and expiry, 15 min.
//   The key: env CENTRAL_TOKEN_KEY, else generated once and kept in server_setting.
// A revoked client (forked after a restore from a backup) gets 401 on every call.
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { CentralDb } from './db';
import { CentralError, unauthorized } from './errors';

export const CODE_DAYS = 7;
export const TOKEN_SECONDS = 15 * 60;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const b64url = (b: Buffer) => b.toString('base64url');

/** Letters and digits that cannot be mistaken for each other when read aloud or retyped. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** «ABCD-EFGH-JKLM»: 12 characters of 32 (60 bits), in groups of four. */
function newCode(): string {
  const bytes = randomBytes(12);
  let s = '';
  for (let i = 0; i < 12; i++) s += CODE_ALPHABET[bytes[i]! % 32];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/** A code as typed: case, spaces and dashes aside. */
export const normalizeCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');

/** Creates a school of that name unless there is one; returns it. */
export async function ensureSchool(db: CentralDb, name: string): Promise<{ id: string; name: string; created: boolean }> {
  const found = await db.selectFrom('school').select(['id', 'name']).where('name', '=', name).executeTakeFirst();
  if (found) return { ...found, created: false };
  const id = randomUUID();
  const ins = await db.insertInto('school').values({ id, name, version: 0 }).onConflict((oc) => oc.column('name').doNothing()).returning(['id', 'name']).executeTakeFirst();
  if (ins) return { ...ins, created: true };
  const again = await db.selectFrom('school').select(['id', 'name']).where('name', '=', name).executeTakeFirstOrThrow();
  return { ...again, created: false };
}

/** A new one-time enrollment code for a school (shown once; only its hash is kept). */
export async function issueEnrollmentCode(db: CentralDb, schoolId: string, now = new Date()): Promise<{ code: string; expiresAt: Date }> {
  const code = newCode();
  const expiresAt = new Date(now.getTime() + CODE_DAYS * 86_400_000);
  await db.insertInto('enrollment_code').values({ school_id: schoolId, code_hash: sha256(normalizeCode(code)), expires_at: expiresAt }).execute();
  return { code, expiresAt };
}

export interface Registered {
  schoolId: string;
  schoolName: string;
  clientId: string;
  secret: string;
}

const badCode = () => new CentralError(403, 'bad_code', 'Код подключения не подходит: он неверен, уже использован или истёк. Получите новый код у администратора центральной системы.');

/** Spends an enrollment code: a new client of the code's school. */
export async function registerClient(db: CentralDb, code: string, name: string, now = new Date()): Promise<Registered> {
  const hash = sha256(normalizeCode(code));
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('enrollment_code')
      .innerJoin('school', 'school.id', 'enrollment_code.school_id')
      .select(['enrollment_code.school_id', 'enrollment_code.expires_at', 'enrollment_code.used_at', 'school.name'])
      .where('enrollment_code.code_hash', '=', hash)
      .forUpdate()
      .executeTakeFirst();
    if (!row || row.used_at || row.expires_at.getTime() <= now.getTime()) throw badCode();
    await tx.updateTable('enrollment_code').set({ used_at: now }).where('school_id', '=', row.school_id).where('code_hash', '=', hash).execute();
    const clientId = randomUUID();
    const secret = b64url(randomBytes(32));
    await tx.insertInto('client').values({ school_id: row.school_id, id: clientId, secret_hash: sha256(secret), name, last_mutation_id: 0 }).execute();
    return { schoolId: row.school_id, schoolName: row.name, clientId, secret };
  });
}

/** A new identity for a client restored from a backup: the old one is revoked (docs/sync.md, fork). */
export async function forkClient(db: CentralDb, auth: Auth): Promise<{ clientId: string; secret: string; lastMutationId: number }> {
  return db.transaction().execute(async (tx) => {
    const old = await tx
      .selectFrom('client')
      .select(['name', 'last_mutation_id', 'revoked_at'])
      .where('school_id', '=', auth.schoolId)
      .where('id', '=', auth.clientId)
      .forUpdate()
      .executeTakeFirst();
    if (!old || old.revoked_at) throw unauthorized();
    const clientId = randomUUID();
    const secret = b64url(randomBytes(32));
    await tx.updateTable('client').set({ revoked_at: new Date() }).where('school_id', '=', auth.schoolId).where('id', '=', auth.clientId).execute();
    await tx
      .insertInto('client')
      .values({ school_id: auth.schoolId, id: clientId, secret_hash: sha256(secret), name: old.name, last_mutation_id: 0, forked_from: auth.clientId })
      .execute();
    return { clientId, secret, lastMutationId: old.last_mutation_id };
  });
}

/** Whom a token names. */
export interface Auth {
  schoolId: string;
  clientId: string;
}

const keys = new WeakMap<CentralDb, Promise<Buffer>>();

/** The token signing key: CENTRAL_TOKEN_KEY, else the one kept in the store (made on first use). */
export function tokenKey(db: CentralDb): Promise<Buffer> {
  const env = process.env.CENTRAL_TOKEN_KEY;
  if (env) return Promise.resolve(createHash('sha256').update(env).digest());
  let k = keys.get(db);
  if (!k) {
    k = (async () => {
      await db
        .insertInto('server_setting')
        .values({ key: 'token_key', value: b64url(randomBytes(32)) })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      const row = await db.selectFrom('server_setting').select('value').where('key', '=', 'token_key').executeTakeFirstOrThrow();
      return Buffer.from(row.value, 'base64url');
    })();
    k.catch(() => keys.delete(db));
    keys.set(db, k);
  }
  return k;
}

function sign(key: Buffer, payload: string): string {
  return b64url(createHmac('sha256', key).update(payload).digest());
}

/** A bearer token for a client that proves its secret. */
export async function issueToken(db: CentralDb, clientId: string, secret: string, now = Date.now()): Promise<{ token: string; expiresInSec: number }> {
  const row = await db.selectFrom('client').select(['school_id', 'secret_hash', 'revoked_at']).where('id', '=', clientId).executeTakeFirst();
  const given = Buffer.from(sha256(secret), 'hex');
  const ok = row && !row.revoked_at && timingSafeEqual(given, Buffer.from(row.secret_hash, 'hex'));
  if (!ok) throw unauthorized('Компьютер не подключён к центральной системе или отключён от неё: подключите его заново.');
  const payload = b64url(Buffer.from(JSON.stringify({ s: row.school_id, c: clientId, e: Math.floor(now / 1000) + TOKEN_SECONDS })));
  return { token: `${payload}.${sign(await tokenKey(db), payload)}`, expiresInSec: TOKEN_SECONDS };
}

/** Checks a bearer token: its signature, its expiry, and that its client is not revoked. */
export async function verifyToken(db: CentralDb, token: string | undefined, now = Date.now()): Promise<Auth> {
  if (!token) throw unauthorized();
  const [payload, mac] = token.split('.');
  if (!payload || !mac || token.split('.').length !== 2) throw unauthorized();
  const expected = Buffer.from(sign(await tokenKey(db), payload));
  const got = Buffer.from(mac);
  if (expected.length !== got.length || !timingSafeEqual(expected, got)) throw unauthorized();
  let claims: { s?: unknown; c?: unknown; e?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    throw unauthorized();
  }
  if (typeof claims.s !== 'string' || typeof claims.c !== 'string' || typeof claims.e !== 'number') throw unauthorized();
  if (claims.e * 1000 <= now) throw unauthorized('Срок действия входа истёк: войдите заново.');
  const client = await db.selectFrom('client').select('revoked_at').where('school_id', '=', claims.s).where('id', '=', claims.c).executeTakeFirst();
  if (!client || client.revoked_at) throw unauthorized('Этот компьютер отключён от центральной системы.');
  return { schoolId: claims.s, clientId: claims.c };
}
