import { Writer } from '../../db';
import type { Ctx } from './context';

/** Runs one user action as one transaction with a Writer for the acting user. */
export function act<T>(ctx: Ctx, fn: (w: Writer) => T): T {
  return ctx.db.tx(() => fn(new Writer(ctx.db, ctx.actor, ctx.now)));
}
