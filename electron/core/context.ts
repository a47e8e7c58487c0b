import type { Db } from '../../db';
import type { OpName, OpOutput, OpParsed } from '../api/contract';
import type { AppInfo } from '../api/types';

/** What every handler gets besides its validated input. */
export interface Ctx {
  db: Db;
  /** Who acts; written to the audit log. */
  actor: string;
  host: AppInfo['host'];
  now: () => Date;
}

export type Handler<N extends OpName> = (input: OpParsed<N>, ctx: Ctx) => OpOutput<N> | Promise<OpOutput<N>>;
export type HandlerMap = { [N in OpName]: Handler<N> };
