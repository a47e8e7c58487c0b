// Every page of the app by its hash route, with what shows that its content is loaded: used by the
// layout test (tests/e2e/layout.spec.ts) and by the bench's page-open times (tests/bench/run.ts).

export interface AppPage {
  /** Short name: screenshots (layout-<name>-1366.png) and bench lines (page_open_<name>_ms). */
  name: string;
  /** The hash route, without '#'. */
  route: string;
  /** A CSS selector that matches once the page's data is loaded and shown. */
  ready: string;
}

/** The routes of renderer/src/app/Routes.tsx on the demo school (1000+ students), for an administrator. */
export const PAGES: AppPage[] = [
  { name: 'home', route: '/', ready: '[data-testid=home][data-loaded]' },
  { name: 'school', route: '/setup/school', ready: '[data-testid=school-form]' },
  { name: 'year', route: '/setup/year', ready: '[data-testid=periods-table] [data-testid=period-row-0]' },
  { name: 'bells', route: '/setup/bells', ready: '[data-testid=bells-form] [data-testid=bells-table-1] tbody tr' },
  { name: 'subjects', route: '/setup/subjects', ready: '[data-testid=subjects-table] [data-testid=subject-row]' },
  { name: 'rooms', route: '/setup/rooms', ready: '[data-testid=rooms-table] tbody tr' },
  { name: 'staff', route: '/setup/staff', ready: '[data-testid=staff-table] [data-testid=vt-row]' },
  { name: 'classes', route: '/setup/classes', ready: '[data-testid=classes-table] tbody tr' },
  { name: 'curriculum', route: '/setup/curriculum', ready: '[data-testid=curriculum-grid] tbody tr' },
  { name: 'students', route: '/students', ready: '[data-testid=students-table] [data-testid=vt-row]' },
  { name: 'subgroups', route: '/subgroups', ready: '[data-testid=sg-class]' },
  { name: 'study-groups', route: '/study-groups', ready: '[data-testid=groups-table] [data-testid=group-row]' },
  { name: 'workload', route: '/workload', ready: '[data-testid=workload-table] [data-testid=teacher-row]' },
  { name: 'validation', route: '/validation', ready: '[data-testid=validation-summary], [data-testid=validation-ok]' },
  { name: 'year-rollover', route: '/year-end/rollover', ready: '[data-testid=rollover-page][data-loaded]' },
  { name: 'import', route: '/import', ready: '[data-testid=import-drop]' },
  { name: 'import-staff', route: '/import/staff', ready: '[data-testid=import-drop]' },
  { name: 'users', route: '/admin/users', ready: '[data-testid=users-table] [data-testid=user-row]' },
  { name: 'audit', route: '/admin/audit', ready: '[data-testid=audit-table] [data-testid=vt-row]' },
  { name: 'corrections', route: '/admin/corrections', ready: '[data-testid=corrections-search]' },
  { name: 'backups', route: '/admin/backups', ready: '[data-testid=backup-status]' },
  { name: 'journal', route: '/journal/class', ready: '[data-testid=journal-empty], [data-testid=journal-choose], [data-testid=journal-grid]' },
  { name: 'mark-changes', route: '/journal/changes', ready: '[data-testid=journal-empty], [data-testid=changes-table]' },
  { name: 'summary', route: '/reports/summary', ready: '[data-testid=summary-ready]' },
  { name: 'paper-board', route: '/paper', ready: '[data-testid=board-table][data-loaded]' },
  { name: 'monitoring', route: '/reports/monitoring', ready: '[data-testid=journal-empty], [data-testid=monitoring-table][data-loaded]' },
  { name: 'sync', route: '/sync', ready: '[data-testid=sync-page][data-loaded]' },
  // The timetable and the substitutions (issue 11): on the demo school there is no timetable yet.
  { name: 'timetable', route: '/timetable', ready: '[data-testid=tt-no-versions], [data-testid=tt-grid]' },
  { name: 'substitutions', route: '/substitutions', ready: '[data-testid=day-lessons][data-loaded]' },
  // The contingent (issue 12): empty registers on the bare demo school, their data once loaded.
  { name: 'enrollment', route: '/enrollment', ready: '[data-testid=enrollment-total][data-loaded]' },
  { name: 'formation', route: '/formation', ready: '[data-testid=formation-column]' },
  { name: 'orders', route: '/orders', ready: '[data-testid=orders-table][data-loaded]' },
  { name: 'books', route: '/books', ready: '[data-testid=book-count]' },
  { name: 'credentials', route: '/credentials', ready: '[data-testid=credentials-page][data-loaded]' },
  { name: 'statements', route: '/statements', ready: '[data-testid=statements-page][data-loaded]' },
  { name: 'paper-register', route: '/paper/register', ready: '[data-testid=register-page][data-loaded]' },
  { name: 'paper-print', route: '/paper/print', ready: '[data-testid=paper-print-page][data-loaded]' },
  { name: 'calendar', route: '/setup/calendar', ready: '[data-testid=calendar-page][data-loaded]' },
  // The term report (issue 13): the deputy's and the administrator's «Отчёт за период», the school's by default.
  { name: 'term-report', route: '/reports/term', ready: '[data-testid=term-report][data-loaded]' },
  { name: 'paper-medal', route: '/paper/medal', ready: '[data-testid=medal-page][data-loaded]' },
  { name: 'year-promotion', route: '/year-end/promotion', ready: '[data-testid=promotion-page][data-loaded]' },
  { name: 'paper-archive', route: '/paper/archive', ready: '[data-testid=archive-page][data-loaded]' },
  { name: 'year-check', route: '/year-end', ready: '[data-testid=year-check-page][data-loaded]' },
  // Issue 15 point 2: the year's academic debts.
  { name: 'year-debts', route: '/year-end/debts', ready: '[data-testid=debts-page][data-loaded] [data-testid=debts-candidates][data-loaded]' },
  { name: 'wizard-1', route: '/wizard/1', ready: '[data-testid=wizard-step-1] [data-testid=school-form]' },
  { name: 'wizard-2', route: '/wizard/2', ready: '[data-testid=wizard-step-2] [data-testid=period-row-0]' },
  { name: 'wizard-3', route: '/wizard/3', ready: '[data-testid=wizard-step-3] [data-testid=bells-table-1] tbody tr' },
  { name: 'wizard-4', route: '/wizard/4', ready: '[data-testid=wizard-step-4] [data-testid=subject-row]' },
  { name: 'wizard-5', route: '/wizard/5', ready: '[data-testid=wizard-step-5] [data-testid=vt-row]' },
  { name: 'wizard-6', route: '/wizard/6', ready: '[data-testid=wizard-step-6] [data-testid=classes-table] tbody tr' },
  { name: 'wizard-7', route: '/wizard/7', ready: '[data-testid=wizard-step-7] [data-testid=curriculum-grid] tbody tr' },
  { name: 'wizard-8', route: '/wizard/8', ready: '[data-testid=wizard-step-8] [data-testid=wizard-students-preview]' },
];

/**
 * In-page script (an expression for page.evaluate): goes to `to.route` or clicks `to.click` when
 * given, then resolves with the milliseconds until the page's content is shown — the `ready`
 * selector matches a visible element, no loader spins in the main area, and the frame with it is
 * painted. Rejects after `timeoutMs`. (A string run by page.evaluate: the page's CSP forbids the
 * eval that waitForFunction would need.)
 */
export function openScript(ready: string, to: { route?: string; click?: string } = {}, timeoutMs = 45_000): string {
  return `new Promise((resolve, reject) => {
    const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const isReady = () => {
      const el = [...document.querySelectorAll(${JSON.stringify(ready)})].find(shown);
      if (!el) return false;
      const main = document.querySelector('.mantine-AppShell-main') || document.body;
      return ![...main.querySelectorAll('.mantine-Loader-root')].some((l) => shown(l) && !l.closest('button'));
    };
    const route = ${JSON.stringify(to.route ?? null)};
    const click = ${JSON.stringify(to.click ?? null)};
    const t0 = performance.now();
    const poll = () => {
      if (isReady()) {
        // The frame that shows it: resolve once it is painted.
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
        return;
      }
      if (performance.now() - t0 > ${timeoutMs}) return reject(new Error('not shown in ${timeoutMs} ms: ' + ${JSON.stringify(ready)}));
      requestAnimationFrame(poll);
    };
    if (route !== null && location.hash !== '#' + route) {
      // The app renders the new route on 'hashchange' (its listener comes first): check after it.
      window.addEventListener('hashchange', () => setTimeout(poll, 0), { once: true });
      location.hash = route;
    } else {
      if (click !== null) document.querySelector(click).click();
      setTimeout(poll, 0);
    }
  })`;
}
