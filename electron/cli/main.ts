// `npm run cli -- <command>`: the same core and API contract as the app, for scripts and checks.
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openDatabase } from '../../db';
import { createLocalClient } from '../core/dispatch';
import { AppError } from '../api/errors';
import { runCommand, runStandalone, STANDALONE_COMMANDS, UsageError, USAGE } from './commands';
import { Session } from '../core/auth/session';
import { signInForCli } from './signin';
import { grantBackupFile } from '../core/backup/backup';
import { makePrivateDir } from '../../db';
import { MAX } from '../api/limits';
import type { ExportedFile } from '../api/types';
import { grantInputFile, takeResult } from '../core/files';
import { jobRunner } from '../core/jobs/runner';

export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const args = argv.filter((a) => a !== '--json');
  const flag = (name: string) => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`Ключ ${name} требует значения`);
    // The same limits as the app's fields: paths (--db, --out, --from) and the texts of the other keys.
    if (v.length > MAX.path) throw new UsageError(`Ключ ${name}: не более ${MAX.path} символов`);
    args.splice(i, 2);
    return v;
  };
  const out = (text: string, data: unknown) => process.stdout.write(json ? JSON.stringify(data) + '\n' : text + '\n');
  try {
    if (args.length === 0 || args[0] === 'help' || args.includes('--help')) {
      process.stdout.write(USAGE);
      return args.length === 0 ? 2 : 0;
    }
    if (STANDALONE_COMMANDS.has(args[0]!)) {
      await runStandalone(args, { flag, out });
      return 0;
    }
    const dbFlag = flag('--db');
    if (!dbFlag) throw new UsageError('Укажите файл базы данных: --db ФАЙЛ');
    const dbPath = resolve(dbFlag);
    makePrivateDir(dirname(dbPath));
    const db = openDatabase(dbPath);
    try {
      const ctx = { db, actor: 'cli', host: 'cli' as const, now: () => new Date(), session: new Session(false), dataDir: dirname(dbPath) };
      // One command, one caller, nothing to answer meanwhile: its job runs in this thread (the same
      // job mechanism, without loading the core a second time into a worker).
      jobRunner().inThreadOnly = true;
      const call = createLocalClient(ctx);
      await signInForCli(ctx, call, flag('--user'), args[0] === 'demo');
      const io = {
        inputFile: (p: string) => {
          if (!existsSync(p)) throw new AppError('not_found', `Файл не найден: ${p}`);
          return grantInputFile(ctx.session, resolve(p));
        },
        saveResult: (f: ExportedFile, dest: string) => {
          const made = takeResult(ctx.session, f.id);
          if (!made) throw new AppError('not_found', 'Файл не найден: возможно, он устарел.');
          try {
            copyFileSync(made.path, dest);
          } finally {
            rmSync(made.path, { force: true });
          }
        },
      };
      return (await runCommand(args, { call, flag, out, io, grantFile: (p) => grantBackupFile(ctx, p) })) ?? 0;
    } finally {
      db.close();
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n\n${USAGE}`);
      return 2;
    }
    const err = e instanceof AppError ? e : new AppError('internal', (e as Error)?.message ?? String(e));
    const problems = err.problems.length ? err.problems : [{ message: err.message }];
    if (json) process.stdout.write(JSON.stringify({ errors: problems.map((p) => ({ row: p.row ?? null, column: p.column ?? null, message: p.message })) }) + '\n');
    else {
      process.stderr.write(`Отказано: ${err.message}\n`);
      for (const p of err.problems) process.stderr.write(`  ${p.row !== undefined ? `строка ${p.row}, ` : ''}${p.column ? `«${p.column}»: ` : ''}${p.message}\n`);
    }
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
