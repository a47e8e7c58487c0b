import { z } from 'zod';
import type { Area } from './roles';

/**
 * How a feature declares an operation of the API (issue 9): its input (a zod schema with Russian
 * messages), its result type, what the caller needs and whether it writes. A feature's api file
 * (`electron/api/<feature>.ts`) exports its operations as one object, e.g.
 *
 *     export const roomsOps = {
 *       'rooms.list': read(view('setup'), none).returns<Room[]>(),
 *       'rooms.remove': write(change('setup'), z.object({ id: s.id })).returns<void>(),
 *     };
 *
 * and `contract.ts` spreads every feature's object into the one contract. `needs` is a required
 * argument, so an operation without its permission does not compile.
 */

/**
 * What an operation needs. 'public': before login; 'session': any logged-in user (even one who
 * must change the password); otherwise an area of the role matrix (roles.ts) and the access level.
 */
export type Need = 'public' | 'session' | { area: Area; access: 'view' | 'change' };
export const view = (area: Area): Need => ({ area, access: 'view' });
export const change = (area: Area): Need => ({ area, access: 'change' });

export interface OpDef<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  /** Only a type: what the handler returns (never read at run time). */
  output: O;
  needs: Need;
  /** A successful call may change stored data (records, accounts, settings, the audit log). */
  writes: boolean;
  /**
   * Long work (a file, an import, a backup): the operation runs as a job, off the thread that
   * answers calls (electron/core/jobs), and this is its title in the progress panel.
   */
  job?: string;
}

function define(writes: boolean) {
  return <I extends z.ZodType>(needs: Need, input: I) => ({
    returns: <O>(): OpDef<I, O> => ({ input, output: undefined as unknown as O, needs, writes }),
  });
}

/** An operation that only reads. */
export const read = define(false);
/** An operation that may change stored data. */
export const write = define(true);

/**
 * Marks an operation as a job: `job('Печать списков подгрупп', read(view('groups'), …).returns<ExportedFile>())`.
 * It runs in a worker thread with its own database connection, reports its progress, can be
 * cancelled, and its caller still gets its result when it ends (docs/architecture.md «Jobs»).
 */
export function job<D extends OpDef>(title: string, def: D): D & { job: string } {
  return { ...def, job: title };
}

/** The input of an operation without parameters. */
export const none = z.object({}).strict().optional().default({});
