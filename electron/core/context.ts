import type { Db } from '../../db';
import type { z } from 'zod';
import type { OpDef, OpName, OpOutput, OpParsed } from '../api/contract';
import type { AppInfo } from '../api/types';
import type { Session } from './auth/session';
import type { JobControl } from './job';

/** What every handler gets besides its validated input. */
export interface Ctx {
  db: Db;
  /** Who acts; written to the audit log. Set per call from the session's user. */
  actor: string;
  /** Who is logged in to this host. */
  session: Session;
  /** Where backups go by default (the host knows its user-data folder). */
  dataDir?: string;
  host: AppInfo['host'];
  now: () => Date;
  /**
   * This computer's key for automatic backups (32 bytes), kept by the operating system: given by
   * the Electron shell where safeStorage can protect it; absent in the browser host, the CLI and
   * the tests, where automatic backups stay plain inside the private data folder.
   */
  backupKey?: () => Buffer;
  /** Set when the operation runs as a job (electron/core/jobs): progress, cancellation, files. */
  job?: JobControl;
}

export type Handler<N extends OpName> = (input: OpParsed<N>, ctx: Ctx) => OpOutput<N> | Promise<OpOutput<N>>;
export type HandlerMap = { [N in OpName]: Handler<N> };

/**
 * The handlers of one feature's operations (`electron/core/<feature>/ops.ts`):
 * `export const groupsHandlers = { … } satisfies Handlers<typeof groupsOps>` — one per operation,
 * none missing, none extra, each given its validated input.
 */
export type Handlers<O extends Record<string, OpDef>> = {
  [N in keyof O]: (input: z.output<O[N]['input']>, ctx: Ctx) => O[N]['output'] | Promise<O[N]['output']>;
};

/** Today as 'YYYY-MM-DD' by the context's clock: the day memberships open and close on when no date is given. */
export const todayOf = (ctx: Ctx): string => ctx.now().toISOString().slice(0, 10);
