import type { statementsOps } from '../../../electron/api/statements';
import { none, type Plans } from '../plan';

/** A copy of a printed batch (statements.print runs before, in the order of the contract), else an unknown id. */
const someCopy = (f: { core: { db: { raw: { prepare: (sql: string) => { get: () => unknown } } } } }) =>
  (f.core.db.raw.prepare(`SELECT id FROM statement_copy WHERE deleted_at IS NULL ORDER BY id LIMIT 1`).get() as { id: string } | undefined)?.id ?? 'no-copy-yet';

export const statementsPlans = {
  'statements.due': { sample: none },
  'statements.preview': { sample: () => ({}) },
  'statements.print': { sample: () => ({}), slow: true },
  'statements.register': { sample: () => ({ limit: 10 }) },
  'statements.markHanded': { sample: (f) => ({ copyIds: [someCopy(f)], handedOn: new Date().toISOString().slice(0, 10), handedTo: null }) },
} satisfies Plans<typeof statementsOps>;
