import type { Ctx } from '../../electron/core/context';
import { createLocalClient } from '../../electron/core/dispatch';
import { Session } from '../../electron/core/auth/session';
import { tempDb } from './tmp';

export const ADMIN = { login: 'admin', displayName: 'Смирнова Ольга Викторовна', password: 'Школа2026' };

/**
 * The core served in-process, exactly as the hosts serve it, with a real session: by default the
 * first-run administrator is created and logged in, as in the app.
 */
export async function tempCore(now: () => Date = () => new Date(), opts: { login?: boolean } = {}) {
  const t = tempDb();
  const ctx: Ctx = { db: t.db, actor: 'system', host: 'test', now, session: new Session(true), dataDir: t.dir };
  const call = createLocalClient(ctx);
  if (opts.login !== false) await call('auth.setupAdmin', ADMIN);
  return { ...t, ctx, call };
}
