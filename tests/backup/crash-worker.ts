// A child process for tests/backup/crash.test.ts: loops imports, backups and restores on a real
// database until it is killed with SIGKILL. It loads everything first, then waits for
// «GO <seed> <iteration>» on stdin (so the parent can start it ahead of time), and reports on stdout:
//   READY | START <action> | DONE <action> <students>
// Usage: tsx tests/backup/crash-worker.ts DB RESTORE_FROM   (admin password in CRASH_ADMIN_PASSWORD)
import { randomInt } from 'node:crypto';
import { writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { openDatabase } from '../../db';
import { grantBackupFile } from '../../electron/core/backup/grants';
import { createLocalClient } from '../../electron/core/dispatch';
import { Session } from '../../electron/core/auth/session';
import { createBackup, REASON_SCHEDULED } from '../../electron/core/backup/backup';
import { xlsx, STUDENT_HEADERS } from '../support/sheets';
import { prng, STUDENTS_PER_IMPORT } from './crash-shared';
import { upload } from '../support/files';

const say = (line: string) => writeSync(1, line + '\n'); // synchronous: written before the next step starts

const LETTERS = 'абвгдежзиклмнопрстуфхцчшэюя';

/** A unique surname for every row of every import of every iteration: «Тестов» + a number in letters. */
function surname(n: number): string {
  let s = '';
  do {
    s = LETTERS[n % LETTERS.length]! + s;
    n = Math.floor(n / LETTERS.length);
  } while (n > 0);
  return `Тестов${s}`;
}

async function studentsFile(unique: number, k: number): Promise<Buffer> {
  const grades = ['5А', '6А', '7А', '8А', '9А'];
  const rows = Array.from({ length: STUDENTS_PER_IMPORT }, (_, i) => [
    surname((unique * 100 + k) * 1000 + i),
    i % 2 ? 'Анна' : 'Иван',
    null,
    `0${1 + (i % 9)}.09.2014`,
    i % 2 ? 'ж' : 'м',
    null,
    grades[i % grades.length]!,
    i % 3 === 0 ? `${surname((unique * 100 + k) * 1000 + i)}а Мария` : null,
    i % 3 === 0 ? '+79120000000' : null,
  ]);
  return await xlsx(STUDENT_HEADERS, rows);
}

async function main(): Promise<void> {
  const [dbPath, restoreFrom] = process.argv.slice(2);
  if (!dbPath || !restoreFrom) throw new Error('usage: crash-worker DB RESTORE_FROM');
  // Names unique across all workers of a run; the files are made before the GO, while waiting.
  const unique = randomInt(1, 2 ** 24);
  const files = [await studentsFile(unique, 0), await studentsFile(unique, 1)];
  const go = await new Promise<string>((resolve) => createInterface({ input: process.stdin }).once('line', resolve));
  const [, seedText, iterationText] = go.split(' ');
  const rnd = prng(Number(seedText));
  const iteration = Number(iterationText);

  const db = openDatabase(dbPath);
  const ctx = { db, actor: 'system', host: 'test' as const, now: () => new Date(), session: new Session(false), dataDir: dirname(dbPath) };
  const call = createLocalClient(ctx);
  grantBackupFile(ctx, restoreFrom); // as chosen in the file dialog: it lies outside the backup folder
  await call('auth.login', { login: 'admin', password: process.env.CRASH_ADMIN_PASSWORD ?? '' });
  const students = () => db.raw.prepare('SELECT count(*) FROM student WHERE deleted_at IS NULL').pluck().get() as number;
  say('READY');
  for (let k = 0; ; k++) {
    const r = rnd();
    // Keep the database from growing without end: restore when it has grown a lot.
    const action = students() > 2500 ? 'restore' : r < 0.4 ? 'import' : r < 0.7 ? 'backup' : 'restore';
    const data = action === 'import' ? (files[k] ?? (await studentsFile(unique, k))) : null;
    say(`START ${action}`);
    if (action === 'import') await call('import.commit', { kind: 'students', file: upload(ctx.session, `ученики-${iteration}-${k}.xlsx`, data!) });
    else if (action === 'backup') await createBackup(ctx, { reason: REASON_SCHEDULED }); // as the schedule does: with retention
    else await call('backup.restore', { file: restoreFrom });
    say(`DONE ${action} ${students()}`);
  }
}

main().catch((e: unknown) => {
  const problems = (e as { problems?: { row?: number; column?: string; message: string }[] })?.problems ?? [];
  process.stderr.write(`crash-worker failed: ${(e as Error)?.message ?? String(e)} ${JSON.stringify(problems.slice(0, 3))}\n`);
  process.exit(3);
});
