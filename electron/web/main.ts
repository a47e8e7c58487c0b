// `npm run web`: the whole app in an ordinary browser, for development and tests where Electron cannot run.
import { dirname, resolve } from 'node:path';
import { PRIVATE_DIR, makePrivateDir, openDatabase, tighten } from '../../db';
import { defaultDataDir, defaultDbPath } from '../core/paths';
import { startWebHost } from './server';
import { Session } from '../core/auth/session';
import { scheduleBackups } from '../core/backup/backup';
import { scheduleSync } from '../core/sync/background';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dbPath = resolve(arg('--db') ?? process.env.SCHOOL_OFFICE_DB ?? defaultDbPath());
makePrivateDir(dirname(dbPath));
// The program's own data folder is private to the user; a folder named by --db may be anyone's.
if (dirname(dbPath) === resolve(defaultDataDir())) tighten(dirname(dbPath), PRIVATE_DIR);
const db = openDatabase(dbPath);
// Each browser gets its own session from the host (startWebHost).
const ctx = { db, actor: 'system', host: 'web' as const, now: () => new Date(), dataDir: dirname(dbPath) };
// R23: an automatic backup at start when the last one is older than the interval, then checked hourly.
scheduleBackups({ ...ctx, session: new Session(false) });
// Issue 10: sync with the central system after each change and every few minutes (when registered).
const sync = scheduleSync(ctx);
const host = await startWebHost({
  ctx,
  staticDir: resolve(arg('--static') ?? 'out/web'),
  port: Number(arg('--port') ?? process.env.PORT ?? 0),
});
console.log(`Школьный офис в браузере: ${host.openUrl}`);
console.log(`База данных: ${dbPath}`);
const stop = () => (sync.stop(), host.close()).then(() => (db.close(), process.exit(0)));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
