// POST /v1/push (docs/sync.md): a client's mutations, in its own order, in one transaction.
// - the client's row is locked (its pushes run one at a time) and so is its school's (the school's
//   writers run one at a time, so versions become visible in commit order);
// - a mutation numbered last+1 is applied whole as one new school version, or refused whole with a
//   Russian reason (its kept writes undone, its unique keys rolled back to a savepoint); either way its
//   outcome is recorded (idempotent replay). The school's row is locked once and its version written
//   back at the end; the rows are read in one query and written in multi-row upserts (Applier);
// - a number ≤ last is a replay: the same hash gets the stored outcome, another hash is a reused
//   identity (409, nothing applied); a number > last+1 is a gap (409, nothing applied).
import type { CentralDb } from '../db';
import { unauthorized } from '../errors';
import type { Mutation, MutationResult, PushConflict, PushResponse } from '../protocol';
import type { Auth } from '../auth';
import { Applier, Refusal, type Tx, type Writer } from './apply';
import { issueCredentials } from './credentials';

export type PushOutcome = { status: 200; body: PushResponse } | { status: 409; body: PushConflict };

class Conflict extends Error {
  constructor(readonly body: PushConflict) {
    super(body.error);
  }
}

export async function push(db: CentralDb, auth: Auth, mutations: readonly Mutation[]): Promise<PushOutcome> {
  try {
    const body = await db.transaction().execute((tx) => pushIn(tx, auth, mutations));
    return { status: 200, body };
  } catch (e) {
    if (e instanceof Conflict) return { status: 409, body: e.body };
    throw e;
  }
}

async function pushIn(tx: Tx, auth: Auth, mutations: readonly Mutation[]): Promise<PushResponse> {
  const client = await tx
    .selectFrom('client')
    .select(['last_mutation_id', 'revoked_at'])
    .where('school_id', '=', auth.schoolId)
    .where('id', '=', auth.clientId)
    .forUpdate()
    .executeTakeFirst();
  if (!client || client.revoked_at) throw unauthorized('Этот компьютер отключён от центральной системы.');
  const first = client.last_mutation_id;
  let last = first;

  // Outcomes of the replays in this request, in one read.
  const replayIds = mutations.filter((m) => m.id <= last).map((m) => m.id);
  const stored = new Map<number, { hash: string; version: number | null; refused: string | null }>();
  if (replayIds.length) {
    const rows = await tx
      .selectFrom('mutation')
      .select(['id', 'hash', 'version', 'refused'])
      .where('school_id', '=', auth.schoolId)
      .where('client_id', '=', auth.clientId)
      .where('id', 'in', replayIds)
      .execute();
    for (const r of rows) stored.set(r.id, r);
  }

  // The school's row lock: taken once, versions counted here, written back at the end.
  let version: number | undefined;
  const w: Writer = { schoolId: auth.schoolId, writer: auth.clientId, mode: 'client' };
  const applier = new Applier(tx, w);
  const toApply = mutations.filter((m) => m.id > last && m.refusedLocally === undefined);
  if (toApply.length) {
    // The school's lock first: every row read after it is the latest committed (no other writer of
    // the school runs until this transaction ends), then the rows the mutations touch and name, in one read.
    const s = await tx.selectFrom('school').select('version').where('id', '=', auth.schoolId).forUpdate().executeTakeFirstOrThrow();
    version = s.version;
    await applier.prefetch(toApply.flatMap((m) => m.changes));
  }
  const results: MutationResult[] = [];
  /**
   * Credential requests new or changed (R7; a change is also «Запросить снова» of one not answered):
   * the central answers those without an account with the accounts once the push is written.
   */
  const credentialRequests: string[] = [];
  const outcomes: { id: number; hash: string; version: number | null; refused: string | null }[] = [];

  for (const m of mutations) {
    if (m.id <= last) {
      const s = stored.get(m.id);
      if (!s || s.hash !== m.hash)
        throw new Conflict({
          error: 'identity_reused',
          lastMutationId: first,
          message: 'Номер изменения уже использован с другим содержимым: этот компьютер, видимо, восстановлен из резервной копии. Нужна новая регистрация в центральной системе.',
        });
      results.push(s.version !== null ? { id: m.id, ok: true, version: s.version } : { id: m.id, ok: false, reason: s.refused ?? '' });
      continue;
    }
    if (m.id !== last + 1)
      throw new Conflict({
        error: 'gap',
        lastMutationId: first,
        message: `Изменения пришли не по порядку: ожидалось изменение № ${last + 1}, пришло № ${m.id}. Ничего не принято.`,
      });
    last = m.id;
    let outcome: { version: number | null; refused: string | null };
    if (m.refusedLocally !== undefined) {
      outcome = { version: null, refused: m.refusedLocally || 'Отменено на компьютере школы.' };
    } else {
      const v = version! + 1;
      applier.begin();
      try {
        for (const c of m.changes) await applier.apply(v, c);
        await applier.commit();
        version = v;
        for (const c of m.changes) if (c.entity === 'credential_request' && c.op !== 'delete') credentialRequests.push(c.id);
        outcome = { version: v, refused: null };
      } catch (e) {
        if (!(e instanceof Refusal)) throw e;
        await applier.rollback();
        outcome = { version: null, refused: e.reason };
      }
    }
    outcomes.push({ id: m.id, hash: m.hash, ...outcome });
    stored.set(m.id, { hash: m.hash, ...outcome });
    results.push(outcome.version !== null ? { id: m.id, ok: true, version: outcome.version } : { id: m.id, ok: false, reason: outcome.refused ?? '' });
  }

  await applier.flush();
  if (outcomes.length) {
    await tx
      .insertInto('mutation')
      .values(outcomes.map((o) => ({ school_id: auth.schoolId, client_id: auth.clientId, id: o.id, hash: o.hash, version: o.version, refused: o.refused })))
      .execute();
    await tx.updateTable('client').set({ last_mutation_id: last }).where('school_id', '=', auth.schoolId).where('id', '=', auth.clientId).execute();
  }
  if (version !== undefined) await tx.updateTable('school').set({ version }).where('id', '=', auth.schoolId).execute();
  await issueCredentials(tx, auth.schoolId, credentialRequests, new Date().toISOString());
  return { results, lastMutationId: last };
}
