// STUB (issue 14 foundation): `paper-copies print` — replaced by the engineer who builds it.
import { UsageError } from './errors';
import type { StatementsEnv } from './statements';

export async function printCopiesCommand(_sub: string | undefined, _env: StatementsEnv): Promise<void> {
  throw new UsageError('paper-copies print: ещё не реализовано');
}
