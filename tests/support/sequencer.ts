// The order `vitest run` starts the test files in: the longest first, so that the two workers end
// together instead of one waiting on a long file started last (a clean clone has no timing cache,
// and vitest's fallback — the larger file first — knows nothing of how long a browser spec runs).
// The known long files by their measured time on CI; the others by size, the larger first.
import { statSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Path prefixes, the longest-running first (seconds on the last clean-clone CI run). */
const LONG_FIRST = [
  'tests/e2e/layout.spec.ts', // 192
  'tests/e2e/input-truth.spec.ts', // 136
  'tests/backup/crash.test.ts', // 113
  'tests/e2e/newcomer-sync.spec.ts', // 74
  'tests/e2e/', // 20–65 each
  'tests/cli/', // 25–57
  'tests/sync/', // up to 42
  'tests/backup/',
  'tests/fuzz/',
  'tests/central/',
];

function rank(file: string): number {
  const i = LONG_FIRST.findIndex((p) => file.startsWith(p));
  return i < 0 ? LONG_FIRST.length : i;
}

function size(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export default class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root.replace(/\/?$/, '/');
    const key = (f: TestSpecification) => f.moduleId.slice(root.length);
    return [...files].sort((a, b) => rank(key(a)) - rank(key(b)) || size(b.moduleId) - size(a.moduleId) || key(a).localeCompare(key(b)));
  }
}
