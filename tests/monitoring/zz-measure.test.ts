import { it } from 'vitest';
import { existsSync } from 'node:fs';
import { demoCore } from '../support/core';
import { simulateInto } from '../support/journal';
import { openDatabase } from '../../db';
import { Session } from '../../electron/core/auth/session';
import { createLocalClient } from '../../electron/core/dispatch';
import { AREAS } from '../../electron/api/roles';
import type { Ctx } from '../../electron/core/context';

const FILE = '/tmp/mon/journal.sqlite';
it('measure', async () => {
  if (!existsSync(FILE)) {
    const t = await demoCore(1000, () => new Date('2027-06-10T09:00:00Z'));
    await simulateInto(t.db, { until: '2027-05-31' });
    t.db.raw.exec(`VACUUM INTO '${FILE}'`);
    t.cleanup();
  }
  const db = openDatabase(FILE);
  const session = new Session(false);
  session.signIn({ id: 'bench', login: 'bench', displayName: 'Замер', role: 'sysadmin', deputyGrades: [], mustChangePassword: false, access: Object.fromEntries(AREAS.map((a) => [a, 'change'])) } as never, new Date(), { service: true });
  const ctx: Ctx = { db, actor: 'bench', host: 'test', now: () => new Date('2027-06-10T09:00:00Z'), session, dataDir: '/tmp/mon' };
  const call = createLocalClient(ctx);
  const q2 = (db.raw.prepare(`SELECT id FROM study_period WHERE name = '2 четверть'`).get() as { id: string }).id;
  for (const groupBy of ['teacher', 'class', 'subject'] as const) {
    const t0 = performance.now();
    const r = await call('monitoring.report', { periodId: q2, groupBy });
    console.log(groupBy, 'q2', Math.round(performance.now() - t0), 'ms', r.rows.length);
  }
  const t1 = performance.now();
  const y = await call('monitoring.report', { from: '2026-09-01', to: '2027-05-31', groupBy: 'teacher' });
  console.log('year', Math.round(performance.now() - t1), 'ms', y.rows.length);
  const t2 = performance.now();
  const d = await call('monitoring.details', { periodId: q2, groupBy: 'class', key: (db.raw.prepare(`SELECT id FROM school_class WHERE grade = 7 LIMIT 1`).get() as { id: string }).id });
  console.log('details', Math.round(performance.now() - t2), 'ms', d.courses.length);
  db.close();
}, 900_000);
