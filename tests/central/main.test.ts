// `npm run central -- …` as a person or a script runs it: exit codes, the printed code and URL, a
// server that stops on a signal. In-process for the quick commands, a child process for serve/--demo.
import { openCentralDb } from '../../central/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../central/main';
import { PATHS } from '../../central/protocol';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { post } from './harness';
import { bundled } from '../support/cli';

const ROOT = join(import.meta.dirname, '../..');

let pg: TestPostgres;
beforeAll(async () => {
  pg = await startPostgres();
});
afterAll(async () => {
  await pg?.stop();
});

async function run(...args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await main(args, (s) => lines.push(s));
  return { code, out: lines.join('\n') };
}

const CODE = /Код подключения: ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/;

/** Starts the CLI as a child; resolves when its output matches, with that output. */
function startChild(args: string[], env: Record<string, string>, until: RegExp) {
  const child = spawn(process.execPath, [bundled('central'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (until.test(out)) resolve(out);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    void exited.then((code) => reject(new Error(`exited ${code}: ${err}`)));
  });
  return { child, ready, exited, output: () => out, errors: () => err };
}

describe('npm run central', () => {
  it('usage mistakes exit 2; a database it cannot reach exits 1', async () => {
    expect((await run()).code).toBe(2);
    expect((await run('frobnicate', '--database-url', pg.url)).code).toBe(2);
    expect((await run('register-school', '--database-url', pg.url)).code).toBe(2);
    expect((await run('register-school', '--name', '--database-url', pg.url)).code).toBe(2);
    expect((await run('serve', '--port', 'x', '--database-url', pg.url)).code).toBe(2);
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      expect((await run('migrate')).code).toBe(2);
    } finally {
      if (saved !== undefined) process.env.DATABASE_URL = saved;
    }
    expect((await run('migrate', '--database-url', 'postgres://postgres@127.0.0.1:1/none')).code).toBe(1);
    expect((await run('--help')).code).toBe(0);
  });

  it('migrate, then register-school: the school once, a new one-time code each time', async () => {
    const m = await run('migrate', '--database-url', pg.url);
    expect(m).toEqual({ code: 0, out: 'Применены версии: 1, 2' });
    expect((await run('migrate', '--database-url', pg.url)).out).toBe('База данных уже в последней версии.');
    const a = await run('register-school', '--name', 'Школа № 5', '--database-url', pg.url);
    expect(a.code).toBe(0);
    expect(a.out).toMatch(/^Школа создана: Школа № 5\nИдентификатор школы: [0-9a-f-]{36}\nКод подключения: /);
    const b = await run('register-school', '--name', 'Школа № 5', '--database-url', pg.url);
    expect(b.out).toMatch(/^Школа уже есть: Школа № 5/);
    expect(b.out.match(/школы: (\S+)/)![1]).toBe(a.out.match(/школы: (\S+)/)![1]);
    expect(b.out.match(CODE)![1]).not.toBe(a.out.match(CODE)![1]);
  });

  it('serve answers until SIGTERM, then exits 0; --demo with DATABASE_URL prints a code that registers', async () => {
    const s = startChild(['serve', '--port', '0'], { DATABASE_URL: pg.url }, /работает: (http:\S+)\n/);
    const out = await s.ready;
    const url = out.match(/работает: (http:\S+)/)![1]!;
    expect((await fetch(url + PATHS.health)).status).toBe(200);
    s.child.kill('SIGTERM');
    // (stderr beside the code: what went wrong, should it ever exit otherwise)
    expect({ code: await s.exited, stderr: s.errors() }).toMatchObject({ code: 0 });

    // The demo school pushed by its first office computer, a week of its journal simulated.
    const d = startChild(['--demo', '--port', '0', '--students', '100', '--until', '2026-09-07'], { DATABASE_URL: pg.url }, /Код подключения: .+\n/);
    const demo = await d.ready;
    expect(demo).toMatch(/Журнал заполнен: [\d\s ]+ записей/);
    const demoUrl = demo.match(/работает: (http:\S+)/)![1]!;
    expect(demo).toContain('Школа: Демо-школа');
    // Its timetable made by the app's generator before the push (issue 11), or skipped saying why while there is none.
    const generator = existsSync(join(ROOT, 'electron/core/timetable/generate.ts'));
    if (generator) expect(demo).toMatch(/Расписание составлено: уроков в неделю — \d+/);
    else expect(demo).toContain('Расписание демо-школы не составлено: генератора расписания нет в этой сборке.');
    expect(demo).toContain(generator ? 'Уроки — по расписанию школы: ' : 'Уроки — по неделе моделирования: в записях школы нет расставленного расписания.');
    const reg = await post(demoUrl, PATHS.register, { code: demo.match(CODE)![1], name: 'Кабинет секретаря' });
    expect(reg.status).toBe(200);
    expect(reg.body.schoolName).toBe('Демо-школа');
    const db = openCentralDb(pg.url);
    try {
      const count = async (entity: string) =>
        Number((await db.selectFrom('record').select((e) => e.fn.countAll().as('n')).where('entity', '=', entity).executeTakeFirstOrThrow()).n);
      expect(await count('student')).toBe(100);
      expect(await count('school_class')).toBeGreaterThan(3);
      expect(await count('lesson')).toBeGreaterThan(100);
      expect(await count('mark')).toBeGreaterThan(100);
      if (generator) expect(await count('timetable_card')).toBeGreaterThan(100);
    } finally {
      await db.destroy();
    }
    // A second --demo on the same data leaves the school as it is.
    d.child.kill('SIGINT');
    expect({ code: await d.exited, stderr: d.errors() }).toMatchObject({ code: 0 });
    // The log: method, path, status, time.
    expect(d.output()).toMatch(/^POST \/v1\/register 200 \d+ms$/m);
  }, 240_000);
});

