import { defineConfig } from 'vitest/config';
import LongFirstSequencer from './tests/support/sequencer';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.spec.ts'],
    exclude: ['node_modules', 'out', 'tests/bench/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    globalSetup: ['./tests/support/global-setup.ts'],
    pool: 'forks',
    // The test files share each worker's loaded modules (vitest's own per-file isolation spent most of
    // the run importing the core again for every file); every file makes its own database and app.
    isolate: false,
    sequence: { sequencer: LongFirstSequencer },
    maxWorkers: 2,
    reporters: ['default', './tests/support/summary-reporter.ts'],
  },
});
