import type { Ctx } from '../../electron/core/context';
import { createLocalClient } from '../../electron/core/dispatch';
import { Session } from '../../electron/core/auth/session';
import { tempDb } from './tmp';

export const ADMIN = { login: 'admin', displayName: 'Смирнова Ольга Викторовна', password: 'Школа2026' };

/**
 * The core served in-process, exactly as the hosts serve it, with a real session: by default the
 * first-run administrator is created and logged in, as in the app.
 */
export async function tempCore(now: () => Date = () => new Date(), opts: { login?: boolean } = {}) {
  const t = tempDb();
  const ctx: Ctx = { db: t.db, actor: 'system', host: 'test', now, session: new Session(true), dataDir: t.dir };
  const call = createLocalClient(ctx);
  if (opts.login !== false) await call('auth.setupAdmin', ADMIN);
  return { ...t, ctx, call };
}

/** The demo school, logged in as its administrator (the one-time password already changed). */
export async function demoCore(students = 100, now: () => Date = () => new Date()) {
  const t = await tempCore(now, { login: false });
  const demo = await t.call('app.loadDemo', { students, seed: 3 });
  const admin = demo.users.find((u) => u.role === 'sysadmin')!;
  await t.call('auth.login', { login: admin.login, password: admin.password });
  await t.call('auth.changePassword', { oldPassword: admin.password, newPassword: ADMIN.password });
  return { ...t, demo };
}
