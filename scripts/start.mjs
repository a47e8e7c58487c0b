// `npm start`: builds and opens the real Electron window. Electron's binary is not in the npm
// package: it is downloaded on first start, which needs internet.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32', env: { ...process.env, ...env } }).status ?? 1;

function electronBinaryPresent() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const p = join(dir, 'path.txt');
    return existsSync(p) && existsSync(join(dir, 'dist', readFileSync(p, 'utf8').trim()));
  } catch {
    return false;
  }
}

if (!electronBinaryPresent()) {
  console.log('Загружаю Electron (нужен интернет)…');
  run(process.execPath, [join(dirname(require.resolve('electron/package.json')), 'install.js')]);
}
if (!electronBinaryPresent()) {
  console.error(
    'Electron cannot be downloaded on this machine (no internet access to its binaries): run `npm run web` to use Школьный офис in a browser instead.',
  );
  process.exit(1);
}
// better-sqlite3 must be built for Electron's Node ABI; `npm test` rebuilds it back for Node.
if (run('npx', ['electron-builder', 'install-app-deps']) !== 0) process.exit(1);
process.exit(run('npx', ['electron-vite', 'preview']));
