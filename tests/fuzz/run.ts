// `npm run fuzz`: the long form of the contract fuzzer (tests/fuzz/harness.ts).
//   FUZZ_SEED  the seed (default: a random one, printed, so that a finding can be repeated)
//   FUZZ_RUNS  random inputs per operation (default 200; slow operations get a fifth)
//   FUZZ_OPS   only these operations, comma-separated (default: all)
// Every spoiled input is tried (the short form in `npm test` tries a seeded choice of them).
// Exit code 1 when anything was found.
import { fuzzContract } from './harness';

const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const runs = Number(process.env.FUZZ_RUNS ?? 200);
if (!Number.isInteger(seed) || !Number.isInteger(runs) || runs < 0) {
  console.error('FUZZ_SEED и FUZZ_RUNS — целые числа');
  process.exit(2);
}
console.log(`fuzz: FUZZ_SEED=${seed} FUZZ_RUNS=${runs}`);
const verbose = process.env.FUZZ_VERBOSE === '1';
const report = await fuzzContract({ seed, randomRuns: runs, slowMutations: 40, only: process.env.FUZZ_OPS?.split(',').map((s) => s.trim()), log: verbose ? (l) => console.log(l) : undefined });
const slowest = Object.entries(report.byOp)
  .sort((a, b) => b[1].maxMs - a[1].maxMs)
  .slice(0, 8)
  .map(([op, s]) => `${op} ${Math.round(s.maxMs)} ms`);
console.log(`calls: ${report.calls} (ok ${report.ok}, refused ${report.refused}) in ${(report.ms / 1000).toFixed(1)} s (digests ${(report.digestMs / 1000).toFixed(1)} s)`);
console.log(`slowest calls: ${slowest.join(', ')}`);
console.log(`integrity_check: ${report.integrity}; foreign_key_check: ${report.foreignKeys.length} rows`);
if (process.env.FUZZ_STATS === '1') for (const [op, s] of Object.entries(report.byOp)) console.log(`${op}: ${s.calls} calls, ok ${s.ok}, refused ${s.refused}, max ${Math.round(s.maxMs)} ms, total ${Math.round(s.totalMs)} ms`);
for (const [op, m] of Object.entries(report.sampleRefusals)) console.log(`valid input refused: ${op}: ${m}`);
for (const f of report.findings) console.log(`FINDING ${f.op} [${f.case}] ${f.problem}\n  input: ${f.input}`);
const bad = report.findings.length > 0 || report.integrity !== 'ok' || report.foreignKeys.length > 0;
console.log(bad ? `${report.findings.length} finding(s). Repeat with FUZZ_SEED=${seed} FUZZ_RUNS=${runs}.` : 'nothing found');
process.exit(bad ? 1 : 0);
