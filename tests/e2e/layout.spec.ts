// Every screen fits the usual school laptop (issue 8, point 3): each page of the app, the wizard's
// steps and the main forms, drawers and modals, on the demo school, at 1366×768 and at 1280×800,
// checked in the page by tests/e2e/layout-check.browser.js — nothing scrolls sideways unless meant
// to, nothing hides below the fold without a visible scrollbar, no text is cut without a tooltip,
// no table column is too narrow for its header or content. A screenshot of each:
// tests/artifacts/layout-<page>-1366.png and -1280.png. The navigation of every other role too.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS, NEW_PASSWORD, signIn, signOut, startApp, type App } from './harness';
import { PAGES, openScript, type AppPage } from './pages';
import { xlsx, STUDENT_HEADERS } from '../support/sheets';
import { cohortOf, insertApplications } from '../formation/cohort';

/** Every problem found in the run, one a line (the assertion's diff may cut long lists). */
const REPORT = join(ARTIFACTS, 'layout-problems.txt');
const CHECK = readFileSync(join(import.meta.dirname, 'layout-check.browser.js'), 'utf8');
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1280, height: 800 },
];

/** A form, drawer or modal: opened on its page by `open`, shown when `shown` is visible. */
interface Overlay extends AppPage {
  open: (page: Page) => Promise<void>;
  shown: string;
}

const firstRow = (table: string) => async (page: Page) => {
  await page.locator(`[data-testid=${table}] [data-testid=vt-row]`).first().click();
};
const click = (testId: string) => async (page: Page) => {
  await page.getByTestId(testId).first().click();
};

let classId = '';
const OVERLAYS: Overlay[] = [
  { name: 'staff-card', route: '/setup/staff', ready: PAGES.find((p) => p.name === 'staff')!.ready, open: firstRow('staff-table'), shown: '[data-testid=staff-save]' },
  { name: 'staff-new', route: '/setup/staff', ready: '[data-testid=staff-add]', open: click('staff-add'), shown: '[data-testid=staff-save]' },
  { name: 'student-card', route: '/students', ready: PAGES.find((p) => p.name === 'students')!.ready, open: firstRow('students-table'), shown: '[data-testid=student-save]' },
  { name: 'student-new', route: '/students', ready: '[data-testid=student-add]', open: click('student-add'), shown: '[data-testid=student-save]' },
  { name: 'classes-rooms', route: '/setup/classes', ready: '[data-testid=classes-add-rooms]', open: click('classes-add-rooms'), shown: '[data-testid=rooms-bulk-text]' },
  { name: 'subject-new', route: '/setup/subjects', ready: '[data-testid=subjects-add]', open: click('subjects-add'), shown: '.mantine-Modal-content' },
  { name: 'room-new', route: '/setup/rooms', ready: '[data-testid=rooms-add]', open: click('rooms-add'), shown: '[data-testid=room-number]' },
  { name: 'rooms-bulk', route: '/setup/rooms', ready: '[data-testid=rooms-bulk]', open: click('rooms-bulk'), shown: '[data-testid=rooms-bulk-text]' },
  { name: 'user-new', route: '/admin/users', ready: '[data-testid=users-add]', open: click('users-add'), shown: '[data-testid=user-save]' },
  { name: 'user-card', route: '/admin/users', ready: '[data-testid=user-row]', open: click('user-row'), shown: '[data-testid=user-save]' },
  { name: 'correction-new', route: '/admin/corrections', ready: '[data-testid=corrections-add]', open: click('corrections-add'), shown: '[data-testid=correction-save]' },
  { name: 'audit-record', route: '/admin/audit', ready: PAGES.find((p) => p.name === 'audit')!.ready, open: firstRow('audit-table'), shown: '[data-testid=audit-record-history]' },
  { name: 'backup-create', route: '/admin/backups', ready: '[data-testid=backup-create]', open: click('backup-create'), shown: '[data-testid=backup-create-ok]' },
  { name: 'backup-usb', route: '/admin/backups', ready: '[data-testid=backup-usb]', open: click('backup-usb'), shown: '[data-testid=backup-create-ok]' },
  { name: 'backup-restore', route: '/admin/backups', ready: '[data-testid=backup-restore]', open: click('backup-restore'), shown: '[data-testid=restore-inspect]' },
  { name: 'study-group-new', route: '/study-groups', ready: '[data-testid=group-add]', open: click('group-add'), shown: '[data-testid=group-save]' },
  { name: 'study-group-members', route: '/study-groups', ready: '[data-testid=group-members]', open: click('group-members'), shown: '[data-testid=members-save]' },
  { name: 'workload-assign', route: '/workload', ready: '[data-testid=assignment-add]', open: click('assignment-add'), shown: '[data-testid=as-save]' },
  { name: 'workload-classes', route: '/workload', ready: '[data-testid=tab-classes]', open: click('tab-classes'), shown: '[data-testid=coverage-table]' },
  { name: 'subgroups-rule', route: '/subgroups', ready: '[data-testid=tab-rule]', open: click('tab-rule'), shown: '.mantine-Tabs-panel:not([style*="display: none"]) .mantine-Paper-root' },
  {
    name: 'change-password',
    route: '/',
    ready: '[data-testid=user-menu]',
    open: async (page) => {
      await page.getByTestId('user-menu').click();
      await page.getByTestId('menu-change-password').click();
    },
    shown: '[data-testid=change-password-modal] [data-testid=pw-new]',
  },
];

/** Goes to a route and waits until its content is shown. */
async function visit(page: Page, route: string, ready: string) {
  await page.evaluate(openScript(ready, { route }));
}

/** Runs the checker and saves the screenshot; returns the problems, each prefixed with the page. */
async function check(app: App, name: string, width: number, settle = 350): Promise<string[]> {
  await app.page.waitForTimeout(settle); // modal and drawer transitions
  let problems = (await app.page.evaluate(CHECK)) as string[];
  // A list that has just grown gets its scrollbar in the next frames: what remains a moment later counts.
  if (problems.length) {
    await app.page.waitForTimeout(800);
    problems = (await app.page.evaluate(CHECK)) as string[];
  }
  await app.page.screenshot({ path: join(ARTIFACTS, `layout-${name}-${width}.png`), style: '.mantine-Notifications-root { display: none !important; }' });
  const lines = problems.map((p) => `${name} at ${width}: ${p}`);
  if (lines.length) appendFileSync(REPORT, lines.join('\n') + '\n');
  return lines;
}

async function closeOverlays(page: Page) {
  for (let i = 0; i < 3 && (await page.locator('.mantine-Modal-content, .mantine-Drawer-content').count()); i++) {
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
  }
}

let app: App;
beforeAll(async () => {
  app = await startApp({ demo: true });
  writeFileSync(REPORT, '');
  await signIn(app.page, 'admin', app.users.admin!.password);
  // Two correction requests, so that their register shows its table (the demo school has none).
  const reportedAt = new Date(Date.now() - 3 * 3600_000).toISOString();
  const first = await app.call('corrections.save', { reportedAt, reporter: 'Абрамова Оксана Григорьевна, мать ученика 9Б', reporterContact: '+7 (916) 111-22-33', description: 'В электронном журнале неверная дата рождения: 14.04.2011 вместо 14.04.2012' });
  await app.call('corrections.save', { reportedAt, reporter: 'Учитель математики Афанасьева Вера Аркадьевна', description: 'Ученик 7Б числится в двух подгруппах по английскому языку' });
  await app.call('corrections.markCorrected', { id: first.id, resolution: 'Дата рождения исправлена по свидетельству о рождении' });
  await app.call('backup.create', {}); // a row in the backups' table and in the restore list
  const classes = await app.call('classes.list');
  classId = classes.find((c) => c.name === '5А')?.id ?? classes[0]!.id;
  // The contingent's pages with something in them (issue 12): 60 applications of the current year
  // (the list and the formation board), a draft order, credentials requested for a newcomer.
  const year = app.db.raw.prepare('SELECT id FROM academic_year WHERE deleted_at IS NULL ORDER BY is_current DESC, start_date DESC LIMIT 1').get() as { id: string };
  const [firstApplication] = insertApplications(app.db, year.id, cohortOf(60));
  // A status as some modules write it: capitals, a long word (it must not spill into the next column).
  app.db.raw.prepare("UPDATE enrollment_application SET status = 'ПРИНЯТО К РАССМОТРЕНИЮ' WHERE id = ?").run(firstApplication);
  const [leaver, newcomer] = (await app.call('students.list', { classId, limit: 2 })).rows;
  await app.call('orders.save', { kind: 'transfer_out', date: '2026-11-09', title: 'Об отчислении в порядке перевода', items: [{ studentId: leaver!.id, effectiveDate: '2026-11-10', schoolTo: 'МБОУ «СОШ № 7» г. Тулы' }] });
  await app.call('credentials.request', { studentId: newcomer!.id, arrivedOn: '2026-11-25' });
}, 180_000);
afterAll(async () => {
  await app?.close();
});

describe.each(SIZES)('at $width×$height', ({ width, height }) => {
  beforeAll(async () => {
    await closeOverlays(app.page);
    await app.page.setViewportSize({ width, height });
  });

  for (const p of PAGES)
    it(`page ${p.name} (${p.route}) fits`, async () => {
      await visit(app.page, p.route, p.ready);
      // A page is checked once its content shows (no transition to wait for; a late scrollbar is rechecked).
      expect(await check(app, p.name, width, 0)).toEqual([]);
    }, 90_000);

  it('a class of the subgroups page fits', async () => {
    await visit(app.page, `/subgroups/${classId}`, '[data-testid=class-subgroups]');
    const problems = await check(app, 'subgroups-class', width);
    await app.page.getByTestId('split-open').first().click();
    await app.page.getByTestId('split-run').waitFor();
    problems.push(...(await check(app, 'subgroups-split', width)));
    await closeOverlays(app.page);
    expect(problems).toEqual([]);
  }, 90_000);

  for (const o of OVERLAYS)
    it(`${o.name} fits`, async () => {
      await visit(app.page, o.route, o.ready);
      await o.open(app.page);
      await app.page.locator(o.shown).first().waitFor();
      const problems = await check(app, o.name, width);
      await closeOverlays(app.page);
      expect(problems).toEqual([]);
    }, 90_000);

  it('the import steps fit: columns and the check', async () => {
    const { page } = app;
    await visit(page, '/import', '[data-testid=import-drop]');
    const rows = [
      ['Абрамов', 'Николай', 'Алексеевич', '12.03.2015', 'м', '', '5А', 'Абрамова Анна Викторовна', '+7 916 111-22-33'],
      ['Смирнова', 'Мария', 'Андреевна', '31.02.2015', 'ж', '', '7Я', '', ''],
    ];
    await page.getByTestId('import-file-input').setInputFiles({ name: 'Ученики.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await xlsx(STUDENT_HEADERS, rows) });
    await page.getByTestId('mapping-table').waitFor();
    const problems = await check(app, 'import-columns', width);
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-preview').waitFor();
    problems.push(...(await check(app, 'import-check', width)));
    expect(problems).toEqual([]);
  }, 90_000);

  it('the page of an unknown address fits', async () => {
    await visit(app.page, '/no-such-page', 'a[href="#/"]');
    expect(await check(app, 'not-found', width)).toEqual([]);
  });
});

describe('the navigation of every other role fits', () => {
  const signedUp = new Set<string>();
  for (const login of ['secretary', 'deputy', 'director'])
    it(`${login}`, async () => {
      const { page } = app;
      await closeOverlays(page);
      await signOut(page);
      await signIn(page, login, signedUp.has(login) ? NEW_PASSWORD : app.users[login]!.password);
      signedUp.add(login);
      const problems: string[] = [];
      for (const { width, height } of SIZES) {
        await page.setViewportSize({ width, height });
        await visit(page, '/', PAGES[0]!.ready);
        problems.push(...(await check(app, `menu-${login}`, width)));
      }
      expect(problems).toEqual([]);
    }, 120_000);
});

it('printed no errors', () => {
  expect(app.pageErrors).toEqual([]);
});
