// Issue 9, point 4: a user action's deciding reads happen inside its transaction. The first-run
// «create the administrator» used to check «no accounts yet» before hashing the password and then
// write in a transaction that did not check again: two first-run calls at once (two windows, the
// browser host and the app on one file) both made an administrator.
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db';
import type { Ctx } from '../../electron/core/context';
import { createLocalClient } from '../../electron/core/dispatch';
import { Session } from '../../electron/core/auth/session';
import { ADMIN } from '../support/core';
import { tempDb } from '../support/tmp';

describe('the first administrator', () => {
  const open: { close(): void }[] = [];
  afterEach(() => {
    for (const o of open.splice(0)) o.close();
  });

  it('is created once when two connections race to set it up', { timeout: 60_000 }, async () => {
    const t = tempDb();
    open.push({ close: t.cleanup });
    // Two hosts on the same file: each its own connection and its own session.
    const client = (db: Db) => createLocalClient({ db, actor: 'system', host: 'test', now: () => new Date(), session: new Session(true), dataDir: t.dir } satisfies Ctx);
    const second = openDatabase(t.path);
    open.unshift(second);
    const [a, b] = [client(t.db), client(second)];
    const results = await Promise.allSettled([
      a('auth.setupAdmin', ADMIN),
      b('auth.setupAdmin', { ...ADMIN, login: 'admin2', displayName: 'Петров Пётр Петрович' }),
    ]);
    const admins = t.db.raw.prepare("SELECT login FROM app_user WHERE role = 'sysadmin'").pluck().all();
    expect(admins).toHaveLength(1);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'forbidden', message: 'Администратор уже создан. Войдите под своей учётной записью.' });
    // The refused call left nothing: one staff card (the administrator's), one account line in the log.
    expect(t.db.raw.prepare('SELECT count(*) FROM staff').pluck().get()).toBe(1);
    expect(t.db.raw.prepare("SELECT count(*) FROM audit_log WHERE entity = 'app_user' AND action = 'insert'").pluck().get()).toBe(1);
  });
});
