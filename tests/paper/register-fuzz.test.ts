// The contract fuzzer (tests/fuzz/harness.ts) over the register's operations only: every call
// answered with a result or a Russian refusal, a refusal changing nothing, the file sound. The
// whole contract is fuzzed by tests/fuzz/contract.test.ts.
import { describe, expect, it } from 'vitest';
import { paperRegisterOps } from '../../electron/api/paperRegister';
import { fuzzContract } from '../fuzz/harness';

describe('the register’s operations under fuzzing', () => {
  it('answers with a result or a Russian refusal; a refusal changes nothing', async () => {
    const only = Object.keys(paperRegisterOps);
    const report = await fuzzContract({ seed: 20_261_202, randomRuns: 3, mutations: 12, slowMutations: 4, only });
    expect(report.findings.map((f) => `${f.op} [${f.case}] ${f.problem} — ${f.input}`)).toEqual([]);
    expect(Object.keys(report.byOp).sort()).toEqual([...only].sort());
    expect(report.sampleRefusals).toEqual({});
    expect(report.integrity).toBe('ok');
  }, 600_000);
});
