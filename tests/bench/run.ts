// `npm run bench`: one JSON line per benchmark, {"name":…,"value":…,"unit":…}.
import { dirname, join } from 'node:path';
import { openDatabase } from '../../db';
import { createLocalClient } from '../../electron/core/dispatch';
import type { Ctx } from '../../electron/core/context';
import { Session } from '../../electron/core/auth/session';
import { AREAS } from '../../electron/core/auth/permissions';
import { generateDemoSchool } from '../../electron/demo';
import { startWebHost } from '../../electron/web/server';
import { startStoreWorker } from '../../electron/core/backup/backup';
import { ruDate } from '../../electron/core/format';
import { tempDir } from '../support/tmp';
import { xlsx, STUDENT_HEADERS } from '../support/sheets';
import { openWebSession } from '../support/web';

const emit = (name: string, value: number, unit: string) => console.log(JSON.stringify({ name, value: Math.round(value * 10) / 10, unit }));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The core on a database file, signed in as an administrator (the calls need a session since users
 * and roles), with the store's worker thread started as the hosts start it (backups and WAL
 * checkpoints off the calling thread).
 */
async function core(path: string) {
  const db = openDatabase(path);
  const session = new Session(false);
  session.signIn(
    { id: 'bench', login: 'bench', displayName: 'Замер', role: 'sysadmin', deputyGrades: [], mustChangePassword: false, access: Object.fromEntries(AREAS.map((a) => [a, 'change'])) },
    new Date(),
    { service: true },
  );
  // dataDir: the backup made before an import goes next to the temp database, not to the user's folder.
  const ctx: Ctx = { db, actor: 'bench', host: 'test', now: () => new Date(), session, dataDir: dirname(path) };
  await startStoreWorker(ctx);
  return { db, ctx, call: createLocalClient(ctx) };
}

const tmp = tempDir('school-office-bench-');
try {
  // 1. Demo school at 5000 students: generate and write, one transaction.
  {
    const c = await core(join(tmp.dir, 'demo.sqlite'));
    const t0 = performance.now();
    await c.call('app.loadDemo', { students: 5000, seed: 1 });
    emit('demo_generate_5000_students', performance.now() - t0, 'ms');
    c.db.close();
  }

  // 2. XLSX import of 5000 students: read, validate, commit.
  {
    // The school of the same seed, its pupils tombstoned (as if they had left), receives them again from a file.
    const c = await core(join(tmp.dir, 'import.sqlite'));
    await c.call('app.loadDemo', { students: 5000, seed: 99 });
    c.db.raw.prepare("UPDATE student SET deleted_at = '2026-09-01T00:00:00.000Z'").run();
    const src = generateDemoSchool({ students: 5000, seed: 99 });
    const classOf = new Map(src.classes.map((k) => [k.id, `${k.grade}${k.letter}`]));
    const mother = new Map<string, string>();
    const guardians = new Map(src.guardians.map((g) => [g.id, g]));
    for (const l of src.studentGuardians) if (l.relation === 'мать' && !mother.has(l.student_id)) mother.set(l.student_id, l.guardian_id);
    const rows = src.students.map((s) => {
      const m = guardians.get(mother.get(s.id) ?? '');
      return [s.last_name, s.first_name, s.middle_name, ruDate(s.birth_date), s.gender === 'm' ? 'м' : 'ж', s.snils, classOf.get(s.class_id!) ?? '',
        m ? `${m.last_name} ${m.first_name} ${m.middle_name ?? ''}`.trim() : null, m?.phone ?? null];
    });
    const file = await xlsx(STUDENT_HEADERS, rows);
    const data = file.toString('base64');
    const t0 = performance.now();
    const r = await c.call('import.commit', { kind: 'students', fileName: 'ученики.xlsx', data });
    emit('import_xlsx_5000_students', performance.now() - t0, 'ms');
    if (r.imported !== 5000) throw new Error(`imported ${r.imported}`);
    c.db.close();
  }

  // 3. First page of the 5000-student list through the browser bridge.
  {
    const c = await core(join(tmp.dir, 'demo.sqlite'));
    const host = await startWebHost({ ctx: c.ctx, staticDir: join(tmp.dir, 'none') });
    // A browser session of the host, signed in as the bench's administrator.
    const cookie = await openWebSession(host.openUrl);
    const session = [...host.sessions.values()][0]!;
    session.signIn(c.ctx.session.user!, new Date(), { service: true });
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      const res = await fetch(`${host.url}api/students.list`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: cookie },
        body: JSON.stringify({ sort: 'name', limit: 200 }),
      });
      const body = (await res.json()) as { ok: boolean; result: { total: number } };
      if (!body.ok || body.result.total !== 5000) throw new Error('unexpected list result');
      times.push(performance.now() - t0);
    }
    emit('students_list_first_page_5000_via_bridge', median(times), 'ms');
    await host.close();
    c.db.close();
  }
  // 4. Groups and workload on the 5000-student demo school (R3, R4): validate the whole school (median
  //    of 15), then divide every eligible class from scratch, its divisions tombstoned first outside
  //    the timing (median of 3).
  {
    const c = await core(join(tmp.dir, 'demo.sqlite'));
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      const v = await c.call('setup.validate');
      times.push(performance.now() - t0);
      if (v.errors !== 0) throw new Error(`the demo school has ${v.errors} setup errors`);
    }
    emit('setup_validate_5000_students', median(times), 'ms');
    const splits: number[] = [];
    for (let i = 0; i < 3; i++) {
      const at = new Date().toISOString();
      for (const table of ['subgroup_member', 'subgroup', 'class_division']) c.db.raw.prepare(`UPDATE ${table} SET deleted_at = ? WHERE deleted_at IS NULL`).run(at);
      c.db.raw.prepare('UPDATE teaching_assignment SET deleted_at = ? WHERE subgroup_id IS NOT NULL AND deleted_at IS NULL').run(at);
      const t0 = performance.now();
      const r = await c.call('subgroups.splitAllEligible', {});
      splits.push(performance.now() - t0);
      if (r.divided < 100) throw new Error(`divided only ${r.divided}`);
    }
    emit('subgroups_split_all_eligible_5000_students', median(splits), 'ms');
    c.db.close();
  }
} finally {
  tmp.cleanup();
}
