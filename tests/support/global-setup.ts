// Once per `vitest run`: the CLI and the tests' child processes bundled into out/cli/ (scripts/build-cli.mjs),
// so that each spawned process starts in about a second instead of compiling the sources with tsx.
import { buildCli } from '../../scripts/build-cli.mjs';

export default async function setup(): Promise<void> {
  await buildCli({ tests: true });
}
