// The command line as the tests start it: the bundle made by tests/support/global-setup.ts.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';

export const ROOT = join(import.meta.dirname, '../..');
const OUT = join(ROOT, 'out/cli');

/** `node out/cli/main.js …args` — spawn(CLI[0], [...CLI.slice(1), ...args]). */
export const CLI: readonly [string, string] = [process.execPath, join(OUT, 'main.js')];
/** A child process of the tests bundled beside the CLI ('crash-worker', 'sync-worker'). */
export const bundled = (name: string): string => join(OUT, `${name}.js`);

/** How one run of the CLI ended. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Put in SCHOOL_OFFICE_PASSWORD (the password of `--user`); left as it is when not given. */
  password?: string;
  /** More variables for the child, over this process's own. */
  env?: Record<string, string>;
  /** Milliseconds before the child is killed (runCli only); 120 s unless given. */
  timeout?: number;
}

const childEnv = (o: CliOptions): NodeJS.ProcessEnv => ({
  ...process.env,
  ...(o.password === undefined ? {} : { SCHOOL_OFFICE_PASSWORD: o.password }),
  ...o.env,
});

/** Runs the CLI to its end as a child process in the project's folder, as a person runs `npm run cli -- …args`. */
export function runCli(args: readonly string[], o: CliOptions = {}): CliRun {
  const r = spawnSync(CLI[0], [CLI[1], ...args], { cwd: ROOT, encoding: 'utf8', timeout: o.timeout ?? 120_000, env: childEnv(o) });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same without blocking this process: for when this very process must answer the CLI (a server in it). */
export function runCliAsync(args: readonly string[], o: CliOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const p = spawn(CLI[0], [CLI[1], ...args], { cwd: ROOT, env: childEnv(o) });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A user of the demo school with the one-time password `demo` printed. */
export interface DemoUser {
  login: string;
  role: string;
  password: string;
}

/** What `demo --json` prints. */
export interface DemoSchool {
  students: number;
  classes: number;
  staff: number;
  users: DemoUser[];
}

/**
 * `demo --db FILE --students N [--seed S] --json`: the demo school written into a new database file
 * by the CLI (the test fails when it does not end with 0); returns what it printed.
 */
export function cliDemo(db: string, students: number, o: { seed?: number; timeout?: number } = {}): DemoSchool {
  const seed = o.seed === undefined ? [] : ['--seed', String(o.seed)];
  const r = runCli(['demo', '--db', db, '--students', String(students), ...seed, '--json'], { timeout: o.timeout });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as DemoSchool;
}
