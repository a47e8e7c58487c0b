// What the administrator reads in the terminal (issue 8, point 6): `npm start` where Electron's
// binary cannot be had says so in one Russian sentence (not a stack trace), and the browser mode's
// build and host print no English warnings.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/tmp';

const ROOT = join(import.meta.dirname, '../..');
const MODULES = join(ROOT, 'node_modules');
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** The output with web addresses and file paths taken out: what is left must be Russian. */
function latinWords(output: string): string[] {
  return output
    .replace(/https?:\/\/\S+/g, '')
    .replace(/(?:^|\s)(?:\/|[A-Z]:\\)\S*/g, ' ')
    .split('\n')
    .filter((l) => /[A-Za-z]{3,}/.test(l));
}

describe('console output', () => {
  const tmp = tempDir('school-office-console-');
  afterAll(() => tmp.cleanup());

  it('`npm start` without the Electron binary and without network prints one sentence', () => {
    // A copy of the program whose Electron package has no binary (the machine's own is never
    // touched), every other package the real one; the download goes to a port where nothing listens.
    const app = join(tmp.dir, 'app');
    mkdirSync(join(app, 'scripts'), { recursive: true });
    copyFileSync(join(ROOT, 'scripts/start.mjs'), join(app, 'scripts/start.mjs'));
    copyFileSync(join(ROOT, 'package.json'), join(app, 'package.json'));
    const modules = join(app, 'node_modules');
    mkdirSync(join(modules, 'electron'), { recursive: true });
    for (const name of readdirSync(MODULES)) if (name !== 'electron' && name !== '.bin') symlinkSync(join(MODULES, name), join(modules, name));
    for (const f of ['package.json', 'install.js', 'checksums.json', 'index.js', 'cli.js']) copyFileSync(join(MODULES, 'electron', f), join(modules, 'electron', f));
    if (existsSync(join(MODULES, 'electron/node_modules'))) symlinkSync(join(MODULES, 'electron/node_modules'), join(modules, 'electron/node_modules'));

    const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: join(tmp.dir, 'cache') };
    for (const k of ['ELECTRON_SKIP_BINARY_DOWNLOAD', 'HTTPS_PROXY', 'HTTP_PROXY', 'https_proxy', 'http_proxy', 'ELECTRON_GET_USE_PROXY', 'ELECTRON_OVERRIDE_DIST_PATH']) delete env[k];
    const r = spawnSync(process.execPath, [join(app, 'scripts/start.mjs')], { cwd: app, encoding: 'utf8', env, timeout: 120_000 });
    const lines = `${r.stdout}${r.stderr}`.split('\n').filter((l) => l.trim() !== '');
    expect(r.status).toBe(1);
    expect(lines).toEqual(['Не удалось загрузить Electron: нет доступа в интернет — откройте Школьный офис в браузере командой «npm run web».']);
    expect(existsSync(join(modules, 'electron/dist'))).toBe(false);
  }, 180_000);

  it('`npm run web` builds and serves without English warnings', async () => {
    const out = join(tmp.dir, 'web');
    // The build exactly as `npm run build:web` runs it, into a folder of its own (not out/web, which the browser specs use).
    const build = spawnSync(`${scripts['build:web']} --outDir "${out}"`, { cwd: ROOT, shell: true, encoding: 'utf8', timeout: 240_000, env: { ...process.env, PATH: `${join(MODULES, '.bin')}:${process.env.PATH}` } });
    expect(build.status, build.stderr).toBe(0);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    expect(latinWords(`${build.stdout}${build.stderr}`)).toEqual([]);

    // The host as `npm run web -- --db …` starts it: everything it prints until it is ready, and a moment after.
    const host = scripts.web!.split('&&').at(-1)!.trim();
    expect(host).toBe('tsx electron/web/main.ts');
    const child = spawn(join(MODULES, '.bin/tsx'), ['electron/web/main.ts', '--db', join(tmp.dir, 'school.sqlite'), '--static', out], { cwd: ROOT, env: process.env });
    let printed = '';
    child.stdout.on('data', (d: Buffer) => (printed += d.toString()));
    child.stderr.on('data', (d: Buffer) => (printed += d.toString()));
    try {
      await expect.poll(() => printed, { timeout: 60_000 }).toMatch(/База данных: .*school\.sqlite/);
      await new Promise((r) => setTimeout(r, 1500));
    } finally {
      child.kill('SIGTERM');
    }
    expect(printed).toMatch(/^Школьный офис в браузере: http:\/\/127\.0\.0\.1:\d+\/\?t=\S+\nБаза данных: /);
    expect(latinWords(printed)).toEqual([]);
  }, 300_000);
});
