// `npm run bench`: one JSON line per benchmark, {"name":…,"value":…,"unit":…}.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
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
import { PAGES, openScript } from '../e2e/pages';
import { upload } from '../support/files';
import { simulateInto } from '../support/journal';
import { syncBenches } from './sync';
import { fetBenches } from './fet';
import { timetableBenches } from './timetable';
import { timetableCheckBenches } from './timetableCheck';
import { pdfBenches } from './pdf';
import { paperBenches } from './paper';

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

const ROOT = join(import.meta.dirname, '../..');
/** `npm run bench -- screens`: only the named groups (import, list, groups, timetable, screens, journal, term, statements, paper, sync, timetable-generate, pdf); the demo is always built. */
const only = process.argv.slice(2);
const want = (group: string) => only.length === 0 || only.includes(group);
const tmp = tempDir('school-office-bench-');
try {
  // 1. Demo school at 5000 students: generate and write, one transaction.
  let admin = '';
  {
    const c = await core(join(tmp.dir, 'demo.sqlite'));
    const t0 = performance.now();
    const demo = await c.call('app.loadDemo', { students: 5000, seed: 1 });
    emit('demo_generate_5000_students', performance.now() - t0, 'ms');
    admin = demo.users.find((u) => u.login === 'admin')!.password;
    c.db.close();
  }

  // The journal (issue 10): the simulated year of the 1000-student demo school, then its screens' reads.
  if (want('journal')) {
    const c = await core(join(tmp.dir, 'journal.sqlite'));
    const demo = await c.call('app.loadDemo', { students: 1000, seed: 1 });
    const sim = await simulateInto(c.db, { until: '2027-05-31' });
    emit('journal_simulated_year_rows', sim.rows, 'rows');
    const raw = c.db.raw;
    // The whole-class journal with the most lessons in the year (a class of ~30 × ~170 lessons).
    const top = raw
      .prepare(`SELECT class_id AS cls, subject_id AS subj FROM lesson WHERE class_id IS NOT NULL AND subgroup_id IS NULL GROUP BY class_id, subject_id ORDER BY count(*) DESC LIMIT 1`)
      .get() as { cls: string; subj: string };
    const cls = top.cls;
    const algebra = top.subj;
    const q1 = (raw.prepare(`SELECT id FROM study_period WHERE name = '1 четверть'`).get() as { id: string }).id;
    const timed = async (name: string, f: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < 6; i++) {
        const t0 = performance.now();
        await f();
        if (i > 0) times.push(performance.now() - t0);
      }
      emit(name, median(times), 'ms');
    };
    const year = await c.call('journal.classJournal', { classId: cls, subjectId: algebra, wholeYear: true });
    emit('journal_class_year_cells', year.rows.length * year.lessons.length, 'cells');
    await timed('journal_options_ms', () => c.call('journal.options'));
    await timed('journal_class_year_ms', () => c.call('journal.classJournal', { classId: cls, subjectId: algebra, wholeYear: true }));
    await timed('journal_class_quarter_ms', () => c.call('journal.classJournal', { classId: cls, subjectId: algebra, periodId: q1 }));
    await timed('journal_student_marks_ms', () => c.call('journal.studentMarks', { studentId: year.rows[0]!.studentId, periodId: q1 }));
    await timed('journal_changes_page_ms', () => c.call('journal.changes', { classId: cls, limit: 200 }));
    // The same year in Chromium at 1366×768: from the route's change to the grid's cells shown.
    execFileSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: 'ignore' });
    const ctx: Ctx = { db: c.db, actor: 'system', host: 'web', now: () => new Date(), session: new Session(true), dataDir: tmp.dir };
    const host = await startWebHost({ ctx, staticDir: join(ROOT, 'out/web') });
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
    try {
      const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ru-RU' })).newPage();
      page.setDefaultTimeout(60_000);
      await page.goto(host.openUrl);
      const password = demo.users.find((u) => u.login === 'admin')!.password;
      await page.getByTestId('login-login').fill('admin');
      await page.getByTestId('login-password').fill(password);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('pw-old').fill(password);
      await page.getByTestId('pw-new').fill('Замер2026');
      await page.getByTestId('pw-repeat').fill('Замер2026');
      await page.getByTestId('pw-submit').click();
      const home = PAGES.find((p) => p.name === 'home')!.ready;
      await page.locator(home).waitFor();
      const times: number[] = [];
      for (let i = 0; i < 6; i++) {
        await page.evaluate(openScript(home, { route: '/' }, 60_000));
        const ms = (await page.evaluate(openScript('[data-testid=journal-cell]', { route: `/journal/class?class=${cls}&subject=${algebra}&period=year` }, 60_000))) as number;
        if (i > 0) times.push(ms);
      }
      emit('page_open_journal_year_ms', median(times), 'ms');
    } finally {
      await browser.close();
      await host.close();
    }
    c.db.close();
  }

  // The term report (issue 13): the whole school's «2 четверть» (with the previous period's
  // comparison) from the simulated full year of the 1000-student demo school, target ≤ 1 s.
  if (want('term')) {
    const c = await core(join(tmp.dir, 'term.sqlite'));
    await c.call('app.loadDemo', { students: 1000, seed: 1 });
    await simulateInto(c.db, { until: '2027-05-31' });
    const q2 = (c.db.raw.prepare(`SELECT id FROM study_period WHERE name = '2 четверть'`).get() as { id: string }).id;
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      const t0 = performance.now();
      const r = await c.call('term.report', { periodId: q2, scope: 'school' });
      if (i > 0) times.push(performance.now() - t0);
      if (r.figures.n.count < 500 || !r.previous) throw new Error(`the term report counted only ${r.figures.n.count} students`);
    }
    emit('term_report_school_year_ms', median(times), 'ms');
    c.db.close();
  }

  // Paper copies of the journal (issue 14 points 3 and 6; R21): every class's copy of the 1000-student
  // demo school for «1 четверть» of simulated journal data, as one print job (render, ZIP, the one
  // recording transaction) in a fresh process with its peak resident memory; and one class's copy
  // (the largest class). Targets: ≤ 10 s and ≤ 500 MB for the school, ≤ 0.5 s a class (tests/bench/paper.ts).
  if (want('paper')) await paperBenches(emit, tmp.dir);

  // Statements for parents without e-access (issue 13 point 5; R12): the weekly batch of the
  // 1000-student demo school, every child whose parent refused the electronic diary, on the
  // simulated journal up to mid-February — the preview (figures) and the whole print job (figures,
  // PDF, the register's one transaction).
  if (want('statements')) {
    const path = join(tmp.dir, 'statements.sqlite');
    const c = await core(path);
    await c.call('app.loadDemo', { students: 1000, seed: 1 });
    await simulateInto(c.db, { until: '2027-02-16' });
    const ctx: Ctx = { ...c.ctx, now: () => new Date('2027-02-17T09:00:00Z') };
    const call = createLocalClient(ctx);
    const week = { from: '2027-02-08', to: '2027-02-14' };
    const p = await call('statements.preview', week);
    emit('statements_week_school_children', p.children.length, 'children');
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await call('statements.print', week);
      times.push(performance.now() - t0);
    }
    emit('statements_week_school_ms', median(times), 'ms');
    c.db.close();
  }

  // 2. XLSX import of 5000 students: read, validate, commit.
  if (want('import')) {
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
    const t0 = performance.now();
    const r = await c.call('import.commit', { kind: 'students', file: upload(c.ctx.session, 'ученики.xlsx', file) });
    emit('import_xlsx_5000_students', performance.now() - t0, 'ms');
    if (r.imported !== 5000) throw new Error(`imported ${r.imported}`);
    c.db.close();
  }

  // 3. First page of the 5000-student list through the browser bridge.
  if (want('list')) {
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
  if (want('groups')) {
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

  // The timetable (issue 11): one edit's clash check and the whole school's check (tests/bench/timetable.ts).
  if (want('timetable')) {
    const c = await core(join(tmp.dir, 'demo.sqlite'));
    await timetableCheckBenches(c, emit);
    c.db.close();
  }

  // 5. The screens in Chromium (issue 8: every page opens in ≤ 300 ms at the 5000-student demo):
  //    the renderer built as for the browser host, served by it on the demo's database, at
  //    1366×768. The login: from the click on «Войти» to the home page's content shown (median of 5,
  //    logged out between). Each page: from the hash route's change to its content shown (the
  //    ready markers of tests/e2e/pages.ts), always coming from the home page; one untimed visit,
  //    then the median of 5. And the slowest page.
  if (want('screens')) {
    execFileSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: 'ignore' });
    const db = openDatabase(join(tmp.dir, 'demo.sqlite'));
    const ctx: Ctx = { db, actor: 'system', host: 'web', now: () => new Date(), session: new Session(true), dataDir: tmp.dir };
    await startStoreWorker(ctx);
    const host = await startWebHost({ ctx, staticDir: join(ROOT, 'out/web') });
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ru-RU' })).newPage();
      page.setDefaultTimeout(60_000);
      await page.goto(host.openUrl);
      const home = PAGES.find((p) => p.name === 'home')!.ready;
      const NEW = 'Замер2026';
      const login = async (password: string): Promise<number> => {
        await page.getByTestId('login-screen').waitFor();
        await page.getByTestId('login-login').fill('admin');
        await page.getByTestId('login-password').fill(password);
        return (await page.evaluate(openScript(`${home}, [data-testid=forced-password-change]`, { click: '[data-testid=login-submit]' }, 60_000))) as number;
      };
      const logout = async () => {
        await page.getByTestId('user-menu').click();
        await page.getByTestId('menu-logout').click();
      };
      // The one-time password is replaced first (not timed).
      await login(admin);
      await page.getByTestId('pw-old').fill(admin);
      await page.getByTestId('pw-new').fill(NEW);
      await page.getByTestId('pw-repeat').fill(NEW);
      await page.getByTestId('pw-submit').click();
      await page.locator(home).waitFor();
      const logins: number[] = [];
      for (let i = 0; i < 5; i++) {
        await logout();
        logins.push(await login(NEW));
      }
      emit('login_to_home_ms', median(logins), 'ms');

      const open = (p: Page, route: string, ready: string) => p.evaluate(openScript(ready, { route }, 60_000)) as Promise<number>;
      let slowest = 0;
      for (const p of PAGES) {
        if (p.name === 'home') continue;
        const times: number[] = [];
        for (let i = 0; i < 6; i++) {
          await open(page, '/', home);
          const ms = await open(page, p.route, p.ready);
          if (i > 0) times.push(ms);
        }
        const m = median(times);
        emit(`page_open_${p.name.replace(/-/g, '_')}_ms`, m, 'ms');
        slowest = Math.max(slowest, m);
      }
      // Home itself, coming from another page (the subjects).
      const homes: number[] = [];
      for (let i = 0; i < 6; i++) {
        await open(page, '/setup/subjects', PAGES.find((p) => p.name === 'subjects')!.ready);
        const ms = await open(page, '/', home);
        if (i > 0) homes.push(ms);
      }
      emit('page_open_home_ms', median(homes), 'ms');
      emit('page_open_slowest_ms', Math.max(slowest, median(homes)), 'ms');
    } finally {
      await browser.close();
      await host.close();
      db.close();
    }
  }
  // PdfWriter on 1000 dense marks-sheet pages, and pdf-lib's own drawing as the peer (issue 14): tests/bench/pdf.ts.
  if (want('pdf')) await pdfBenches(emit);

  // The timetable generator on the 1000-student demo (issue 11): tests/bench/timetable.ts.
  if (want('timetable-generate')) await timetableBenches(tmp.dir, emit, core);

  // 6. Sync with the central system (issue 10): tests/bench/sync.ts.
  //    `sync-year` / `sync-schools`: only the benches on the simulated year, or only the 50 schools.
  // The timetable generator against FET (issue 11): tests/bench/fet.ts.
  if (want('timetable-generate')) await fetBenches(tmp.dir, emit, core);
  if (want('sync') || want('sync-year') || want('sync-schools'))
    await syncBenches(tmp.dir, emit, { year: want('sync') || want('sync-year'), schools: want('sync') || want('sync-schools') });
} finally {
  tmp.cleanup();
}
