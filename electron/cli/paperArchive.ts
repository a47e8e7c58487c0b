// STUB (issue 14 foundation): `archive` — replaced by the engineer who builds it.
import { UsageError } from './errors';
import type { StatementsEnv } from './statements';

export async function archiveCommand(_sub: string | undefined, _env: StatementsEnv): Promise<void> {
  throw new UsageError('archive: ещё не реализовано');
}
