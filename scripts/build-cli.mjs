// Bundles the command line (electron/cli/main.ts) and its two worker threads into out/cli/, as the
// app's own build does for the main process: `node out/cli/main.js` starts in about a second where
// tsx compiles the sources on every start (≈ 4 s). The tests run the CLI from here, and their own
// child processes (the crash and sync workers) beside it: `--tests` adds those. out/cli/central.js is
// the reference central server (central/main.ts).
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The entries of out/cli/: the workers sit beside whatever starts them (new URL('./jobWorker.js', import.meta.url)). */
export async function buildCli({ tests = false } = {}) {
  const entryPoints = {
    main: 'electron/cli/main.ts',
    jobWorker: 'electron/core/jobs/worker.ts',
    backupWorker: 'electron/core/backup/worker.ts',
    central: 'central/main.ts',
    ...(tests ? { 'crash-worker': 'tests/backup/crash-worker.ts', 'sync-worker': 'tests/sync/worker.ts', 'rollover-crash-worker': 'tests/yearEnd/rollover-crash-worker.ts' } : {}),
  };
  await build({
    absWorkingDir: root,
    entryPoints,
    outdir: 'out/cli',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildCli({ tests: process.argv.includes('--tests') });
