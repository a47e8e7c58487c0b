// `year check [--class 5А] [--json]` (issue 15 point 7): the year-end check. Stub of the foundation.
import type { Env } from './commands';
import { UsageError } from './errors';

export async function yearCheckCommand(_env: Env): Promise<void | number> {
  throw new UsageError('year check: ещё не сделано');
}
