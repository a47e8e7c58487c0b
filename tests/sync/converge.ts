// `npm run converge -- --rounds 1000 --seed N`: the long form of the convergence test under faults
// (tests/sync/convergence.test.ts runs the same code, fewer rounds). Prints progress every 50 rounds
// and a one-line summary; exits 1 with the differences when the end state does not converge.
import { parseArgs } from 'node:util';
import { converge, summaryLine } from './harness';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    students: { type: 'string', default: '100' },
  },
});
const seed = Number(values.seed);
try {
  const s = await converge({ seed, rounds: Number(values.rounds), students: Number(values.students), log: (l) => console.log(l), verbose: !!process.env.CONVERGE_VERBOSE });
  console.log(summaryLine(s));
  console.log(`actions: ${JSON.stringify(s.actions)} refused by the app itself: ${s.appRefused}; failed rounds: ${JSON.stringify(s.syncErrors)}`);
  for (const [kind, n] of Object.entries(s.reasons).sort((x, y) => y[1] - x[1])) console.log(`refused ${n}× ${kind}`);
} catch (e) {
  console.error(`seed ${seed}: ${(e as Error).stack ?? e}`);
  process.exit(1);
}
