// The worker's calls into the app's sync feature (tests/sync/worker.ts): registering with an
// enrollment code through the `sync.register` operation, one round through syncRound on the
// worker's own connection (as the background job runs it).
import type { Ctx } from '../../electron/core/context';
import type { LocalClient } from '../../electron/core/dispatch';
import { syncRound } from '../../electron/core/sync/round';

export async function registerClient(_ctx: Ctx, call: LocalClient, serverUrl: string, code: string, name: string) {
  return call('sync.register', { serverUrl, code, name });
}

export async function syncOnce(ctx: Ctx, _call: LocalClient) {
  const r = await syncRound(ctx, { connectTimeoutMs: 5_000, requestTimeoutMs: 30_000 });
  return { pushed: r.pushed, accepted: r.accepted, refused: r.refused, pulled: r.pulled, pages: r.pages, pending: r.pending };
}
