// Convergence under faults, the short form (issue 10's acceptance; docs/sync-faults.md): two office
// computers of one school and the central server, 60 rounds of random edits on both and on the
// centre, with requests lost before and after the server committed, duplicated and replayed late,
// the clients killed with SIGKILL inside push, pull and apply, the server killed and restarted.
// The long form: `npm run converge -- --rounds 1000 --seed N` (tests/sync/converge.ts), same code.
// A failing seed is printed; rerun it with CONVERGE_SEED=N.
import { describe, expect, it } from 'vitest';
import { converge, summaryLine } from './harness';

const SEED = Number(process.env.CONVERGE_SEED ?? 20261201);
const ROUNDS = Number(process.env.CONVERGE_ROUNDS ?? 60);

describe('sync convergence under faults', () => {
  it(`${ROUNDS} rounds, seed ${SEED}: every client equals the server, nothing applied twice or lost, every refusal recorded and shown`, async () => {
    const s = await converge({ seed: SEED, rounds: ROUNDS, log: (l) => console.log(l) }).catch((e: unknown) => {
      throw new Error(`seed ${SEED}: ${(e as Error).message}`);
    });
    console.log(summaryLine(s));
    // The run must have exercised what it claims to (else a change of rates silently tests nothing).
    expect(s.mutations).toBeGreaterThan(ROUNDS);
    expect(s.refusals).toBeGreaterThan(0);
    expect(s.faults.drop_request + s.faults.drop_response + s.faults.duplicate + s.faults.replay).toBeGreaterThan(10);
    expect(Object.values(s.kills).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(s.restarts.server).toBeGreaterThan(0);
  }, 600_000);
});
