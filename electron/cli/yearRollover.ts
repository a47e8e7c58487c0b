// `year rollover --to 2027/2028 [--dry-run]` (issue 15 point 7): the rollover. Stub of the foundation.
import type { Env } from './commands';
import { UsageError } from './errors';

export async function yearRolloverCommand(_env: Env & { dryRun: boolean }): Promise<void | number> {
  throw new UsageError('year rollover: ещё не сделано');
}
