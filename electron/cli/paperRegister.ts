// STUB (issue 14 foundation): `register` — replaced by the engineer who builds it.
import { UsageError } from './errors';
import type { StatementsEnv } from './statements';

export async function registerCommand(_sub: string | undefined, _env: StatementsEnv): Promise<void> {
  throw new UsageError('register: ещё не реализовано');
}
