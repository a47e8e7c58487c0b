import type { Kysely } from 'kysely';

/** One schema step of the central store: `up` runs in its own transaction. */
export interface CentralMigration {
  version: number;
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the store as it was then, not as schema.ts has it now
  up: (db: Kysely<any>) => Promise<void>;
}
