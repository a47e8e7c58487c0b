// One sync round (issue 10; docs/sync.md): fork when a restore asked for it, push the outbox in
// batches, then pull every page from the cursor. A newcomer (nothing pulled, nothing sent yet) pulls
// first and links its accounts to the pulled staff cards of the same people (cards.ts), then pushes. Runs as a job (`sync.now`, and the background
// sync of the hosts: background.ts): progress for the panel and the «Синхронизация» page, a
// cancellation point between requests and pages (a page is applied whole, in one transaction, or
// not at all). Nothing personal is logged: counts and versions only (the store's sync_log).
import { MAX_PULL_LIMIT, MAX_PUSH } from '../../../central/protocol';
import * as store from '../../../db/sync';
import { withChangeOrigin } from '../../../db/changes';
import { AppError } from '../../api/errors';
import type { SyncRefusal, SyncRoundResult } from '../../api/sync';
import { pageRowCount, type PullResponse } from '../../../central/protocol';
import { countWith, WORDS } from '../../api/plural';
import type { Ctx } from '../context';
import { checkpoint, JobCancelled, progress } from '../job';
import { CentralClient, type HttpOptions } from './http';
import { crashPoint } from '../../../db/sync/testHook';
import { linkAccountsToPulledCards } from './cards';

/** How often a request under way looks whether the job was cancelled. */
const CANCEL_POLL_MS = 200;
/** A push answered with a gap or a reused identity is tried again at most this often in one round. */
const MAX_RETRIES = 3;

export const notRegistered = () =>
  new AppError('validation', 'Программа не подключена к центральной системе: подключите её на странице «Синхронизация» кодом подключения.');

/**
 * While `fn` runs, the job's cancellation flag is looked at every CANCEL_POLL_MS: a cancel aborts
 * the request under way (the server may still have done it: pushes are idempotent, a pull changes
 * nothing there).
 */
async function cancellable<T>(ctx: Ctx, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ac = new AbortController();
  const timer = ctx.job
    ? setInterval(() => {
        try {
          checkpoint(ctx);
        } catch {
          ac.abort();
        }
      }, CANCEL_POLL_MS)
    : undefined;
  try {
    return await fn(ac.signal);
  } finally {
    clearInterval(timer);
    // A request still under way (the next page asked for before a failure or a cancel) is dropped.
    ac.abort();
  }
}

/** «Получено 15 000 записей». */
const received = (n: number) => `Получено ${countWith(n, WORDS.record)}`;

export function toApiRefusal(r: store.Refusal): SyncRefusal {
  return { no: r.no, at: r.at, actor: r.actor, reason: r.reason, refusedAt: r.refusedAt, changes: r.changes.map((c) => ({ ...c, fields: [...c.fields] })) };
}

/**
 * One round on `ctx.db` (the job's own connection). Throws AppError (the server unreachable, a
 * refusal of the whole request, JobCancelled); the outcome — the time of a successful round or the
 * error's message — is noted in the store either way (the header's «в сети» / «нет связи»).
 */
export async function syncRound(ctx: Ctx, http: Omit<HttpOptions, 'signal'> = {}): Promise<SyncRoundResult> {
  const db = ctx.db;
  const state = store.syncState(db);
  const id = state.identity;
  if (!id) throw notRegistered();
  const result: SyncRoundResult = { pushed: 0, accepted: 0, refused: 0, refusals: [], pulled: 0, pages: 0, forked: false, pending: 0 };
  /** The first pull into an empty database, in one transaction (store.beginBulkPull). */
  let bulk = false;
  try {
    await cancellable(ctx, async (signal) => {
      const client = new CentralClient(id.serverUrl, { clientId: id.clientId, secret: id.secret }, { ...http, signal });
      const fork = async () => {
        const f = await client.fork();
        store.forkIdentity(db, { clientId: f.clientId, secret: f.secret }, f.lastMutationId);
        client.setCredentials({ clientId: f.clientId, secret: f.secret });
        result.forked = true;
      };

      // A restored copy of the database must not speak as the client it was copied from.
      if (state.needsFork) await fork();

      // A newcomer — nothing pulled, nothing ever sent under this identity (registered just now) —
      // pulls first: the school may already be there (another computer's, a reinstall), and a staff
      // card made here for an account (the first administrator's) is then linked to the school's card
      // of the same person instead of being pushed as a second one (docs/sync.md «A newcomer»).
      const newcomer = !state.needsFork && state.cursor === 0 && state.sentThrough === 0;
      if (newcomer) {
        await pullAll();
        linkAccountsToPulledCards(ctx);
      }

      // Push: the outbox in order, at most MAX_PUSH mutations a request.
      progress(ctx, 0, 0, 'Отправка изменений');
      let retries = 0;
      for (;;) {
        checkpoint(ctx);
        const batch = store.mutationsToPush(db, MAX_PUSH);
        if (!batch.length) break;
        crashPoint('push:before'); // the fault test's hooks (db/sync/testHook.ts)
        const r = await client.push(batch);
        crashPoint('push:answered');
        if (!r.ok) {
          if (++retries > MAX_RETRIES) throw new AppError('unavailable', 'Центральная система не принимает изменения этого рабочего места (повторяющийся конфликт номеров). Повторите позже.');
          if (r.conflict.error === 'gap') store.notePushGap(db, r.conflict.lastMutationId);
          else await fork(); // the same numbers with other content: this copy is not the client the server knows
          continue;
        }
        const counts = store.recordPush(db, r.res);
        result.pushed += batch.length;
        result.accepted += counts.accepted;
        result.refused += counts.refused;
        progress(ctx, result.pushed, 0, `Отправлено ${countWith(result.pushed, WORDS.change)}`);
      }

      // After a newcomer's first pull a second one is for what was pushed since (its acknowledgement).
      if (!newcomer || result.pushed > 0) await pullAll();

      // Pull: every page from the cursor, each applied in its own transaction, without echo. The
      // pull is pipelined: as soon as a page is here the next one (from its cursor) is asked for,
      // and the server builds and sends it while this page is applied (the apply is synchronous
      // SQLite, the request I/O). The pages are still applied one by one in cursor order.
      async function pullAll(): Promise<void> {
        const cursor = store.syncState(db).cursor;
        const firstPage = result.pages;
        progress(ctx, 0, 0, 'Получение данных');
        checkpoint(ctx);
        let next: Promise<PullResponse> | null = client.pull(cursor);
        while (next) {
          const page = await next;
          next = null;
          checkpoint(ctx);
          // More than a page into an empty database: the bulk way, in pages of the largest size.
          if (result.pages === firstPage && page.more && store.canBulkPull(db)) {
            store.beginBulkPull(db);
            bulk = true;
          }
          if (page.more) {
            next = client.pull(page.cursor, bulk ? MAX_PULL_LIMIT : undefined);
            // Handled when awaited (or dropped with the round): never an unhandled rejection meanwhile.
            next.catch(() => undefined);
            // Two turns of the event loop (one to connect, should the connection be new): the request
            // leaves before the synchronous apply below.
            for (let turn = 0; turn < 2; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
          }
          // A page is applied whole: no cancellation inside (the next check is before the next page;
          // a cancel drops the request under way, cancellable() aborts it).
          const applied = withChangeOrigin({ by: 'sync', actor: 'sync' }, () => store.applyPullPage(db, page));
          result.pulled += pageRowCount(page);
          result.pages += 1;
          result.refused += applied.refused;
          progress(ctx, result.pulled, 0, received(result.pulled));
          if (next) crashPoint('pull:between');
        }
        if (bulk) {
          progress(ctx, result.pulled, 0, `${received(result.pulled)}, сохранение`);
          bulk = false;
          withChangeOrigin({ by: 'sync', actor: 'sync' }, () => store.endBulkPull(db));
        }
      }
    });
  } catch (e) {
    // A bulk pull that did not finish leaves nothing: rolled back whole (the next round starts it again).
    if (bulk) store.abortBulkPull(db);
    const err = e instanceof AppError ? e : new AppError('internal', 'Внутренняя ошибка синхронизации. Данные этого компьютера не изменены.');
    // A cancelled round is no news about the server.
    if (!(err instanceof JobCancelled)) store.noteSyncResult(db, ctx.now().toISOString(), err.message);
    if (e instanceof AppError) throw e;
    console.error(`[sync] round failed: ${(e as Error)?.name ?? typeof e}`);
    throw err;
  }
  store.noteSyncResult(db, ctx.now().toISOString(), null);
  result.refusals = result.refused ? store.refusals(db, result.refused).map(toApiRefusal) : [];
  result.pending = store.syncState(db).pending;
  return result;
}
