// better-sqlite3 is compiled for one Node ABI at a time: `npm start` builds it for Electron,
// the tests and the CLI need it for Node. Rebuild it for Node when it does not load.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  const Database = require('better-sqlite3');
  new Database(':memory:').close();
} catch (e) {
  if (!/NODE_MODULE_VERSION|was compiled against a different/.test(String(e))) throw e;
  console.log('better-sqlite3 was built for Electron; rebuilding it for Node…');
  const r = spawnSync('npm', ['rebuild', 'better-sqlite3'], { stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(r.status ?? 1);
}
