// The command line as the tests start it: the bundle made by tests/support/global-setup.ts.
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');
const OUT = join(ROOT, 'out/cli');

/** `node out/cli/main.js …args` — spawn(CLI[0], [...CLI.slice(1), ...args]). */
export const CLI: readonly [string, string] = [process.execPath, join(OUT, 'main.js')];
/** A child process of the tests bundled beside the CLI ('crash-worker', 'sync-worker'). */
export const bundled = (name: string): string => join(OUT, `${name}.js`);
