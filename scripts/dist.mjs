// `npm run dist`: the installers from electron-builder.yml — the Windows NSIS installer and the
// Linux AppImage and deb (issue 15 point 6; README «Сборка установщиков»). electron-builder downloads
// Electron's binaries for each platform and its tools (NSIS, the AppImage runtime, fpm) from GitHub
// (or ELECTRON_MIRROR / ELECTRON_BUILDER_BINARIES_MIRROR): a short probe first, so a machine without
// that access gets one sentence and exit code 1 instead of a long hang or a stack trace — and its
// node_modules is left as it was (electron-builder rebuilds better-sqlite3 for Electron in place).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const PROBE_MS = Number(process.env.DIST_PROBE_MS ?? 8000);
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32', env: process.env }).status ?? 1;

function refuse(sentence) {
  process.stderr.write(`${sentence}\n`);
  process.exit(1);
}

/** Electron's zip for a platform, as electron-builder names it in its cache (then no download is needed). */
function cached(version, platform) {
  const dir = process.env.ELECTRON_CACHE ?? (process.platform === 'win32' ? join(process.env.LOCALAPPDATA ?? homedir(), 'electron', 'Cache') : join(homedir(), '.cache', 'electron'));
  return existsSync(join(dir, `electron-v${version}-${platform}-x64.zip`));
}

/** True when the release of this Electron version answers within PROBE_MS. */
async function reachable(version) {
  const base = (process.env.ELECTRON_MIRROR ?? 'https://github.com/electron/electron/releases/download/').replace(/\/?$/, '/');
  const url = `${base}v${version}/SHASUMS256.txt`;
  try {
    const r = await fetch(url, { method: 'HEAD', redirect: 'follow', signal: AbortSignal.timeout(PROBE_MS) });
    return r.ok;
  } catch {
    return false;
  }
}

const version = require('electron/package.json').version;
const haveAll = cached(version, 'win32') && cached(version, 'linux');
if (!haveAll && !(await reachable(version)))
  refuse(
    `Установщики не собраны: с этого компьютера не загрузить Electron ${version} для Windows и Linux (нужен доступ в интернет к github.com или зеркало в ELECTRON_MIRROR) — соберите их на компьютере с интернетом командой «npm run dist».`,
  );

if (run('npx', ['electron-vite', 'build']) !== 0) process.exit(1);
// --publish never: the installers stay in release/; nothing is uploaded.
const code = run('npx', ['electron-builder', '--win', 'nsis', '--linux', 'AppImage', 'deb', '--x64', '--publish', 'never']);
if (code !== 0)
  refuse('Установщики не собраны: electron-builder завершился с ошибкой (её текст выше) — проверьте доступ в интернет и повторите «npm run dist».');
process.stdout.write('Установщики собраны в папке release/.\n');
