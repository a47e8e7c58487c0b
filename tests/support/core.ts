import type { Ctx } from '../../electron/core/context';
import { createLocalClient } from '../../electron/core/dispatch';
import { tempDb } from './tmp';

/** The core served in-process, exactly as the hosts serve it. */
export function tempCore(now: () => Date = () => new Date()) {
  const t = tempDb();
  const ctx: Ctx = { db: t.db, actor: 'test', host: 'test', now };
  return { ...t, ctx, call: createLocalClient(ctx) };
}
