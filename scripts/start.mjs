// `npm start`: builds and opens the real Electron window. Electron's binary is not in the npm
// package: it is downloaded on first start, which needs internet. Where it cannot be had, the
// administrator reads one sentence saying so and what to do instead (issue 8), not a stack trace.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32', env: { ...process.env, ...env } }).status ?? 1;

function electronDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function electronBinaryPresent(dir) {
  if (!dir) return false;
  const p = join(dir, 'path.txt');
  return existsSync(p) && existsSync(join(dir, 'dist', readFileSync(p, 'utf8').trim()));
}

/** One sentence for the administrator, on one line; exit code 1. */
function refuse(sentence) {
  if (process.stdout.isTTY) process.stdout.write('\r\x1b[K'); // the «Загружаю…» line, if shown
  process.stderr.write(`${sentence}\n`);
  process.exit(1);
}

const dir = electronDir();
if (!dir) refuse('Программа не установлена: выполните «npm ci» в папке программы, затем «npm start».');
if (!electronBinaryPresent(dir)) {
  // Progress only where a person watches the terminal; the download's own output is kept for the reason.
  if (process.stdout.isTTY) process.stdout.write('Загружаю Electron (нужен интернет)…');
  const r = spawnSync(process.execPath, [join(dir, 'install.js')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  if (!electronBinaryPresent(dir)) {
    const out = `${r.stdout ?? ''}\n${r.stderr ?? ''}`;
    const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|getaddrinfo|socket hang up|timed out|proxy/i.test(out);
    refuse(
      offline
        ? 'Не удалось загрузить Electron: нет доступа в интернет — откройте Школьный офис в браузере командой «npm run web».'
        : 'Не удалось загрузить Electron (загрузка прервалась) — откройте Школьный офис в браузере командой «npm run web» или повторите «npm start» позже.',
    );
  }
  if (process.stdout.isTTY) process.stdout.write(' готово.\n');
}
// better-sqlite3 must be built for Electron's Node ABI; `npm test` rebuilds it back for Node.
if (run('npx', ['electron-builder', 'install-app-deps']) !== 0) process.exit(1);
process.exit(run('npx', ['electron-vite', 'preview']));
