// The office's calendar (issue 15 point 5; PRODUCT.md «The office's calendar»): every kind's items,
// only those of the areas the logged-in role may view, as seen on a day (today by the clock).
import type { Ctx } from '../context';
import { todayOf } from '../context';
import { invalid } from '../../api/errors';
import type { Access, Area } from '../../api/roles';
import type { CalendarItem, OfficeCalendar } from '../../api/home';
import { currentYearOrNull } from '../year';
import { periodsOf, yearById } from './queries';
import { finish, type Draft, type HomeCtx } from './state';
import { credentialItems } from './credentials';
import { correctionItems } from './corrections';
import { periodMarkItems } from './periodMarks';
import { paperCopyItems } from './paperCopies';
import { statementItems } from './statements';
import { firstGradeItems } from './firstGrade';
import { monitoringItems } from './monitoring';
import { attestationItems } from './attestation';
import { debtItems } from './debts';
import { orderItems } from './orders';
import { rolloverItems } from './rollover';
import { backupItems } from './backups';
import { archiveItems } from './archive';

/** Each kind with the area its items belong to: a role that cannot view the area is not asked. */
const KINDS: { area: Area; items: (h: HomeCtx) => Draft[] }[] = [
  { area: 'credentials', items: credentialItems },
  { area: 'corrections', items: correctionItems },
  { area: 'reports', items: periodMarkItems },
  { area: 'paper', items: paperCopyItems },
  { area: 'statements', items: statementItems },
  { area: 'contingent', items: firstGradeItems },
  { area: 'reports', items: monitoringItems },
  { area: 'yearEnd', items: attestationItems },
  { area: 'yearEnd', items: debtItems },
  { area: 'contingent', items: orderItems },
  { area: 'setup', items: rolloverItems },
  { area: 'backups', items: backupItems },
  { area: 'paper', items: archiveItems },
];

const ORDER: Record<CalendarItem['state'], number> = { late: 0, now: 1, soon: 2, later: 3, done: 4 };

export function officeCalendar(ctx: Ctx, on?: string): OfficeCalendar {
  const user = ctx.session.user;
  if (!user) throw invalid('Войдите в программу.');
  // The calendar seen from another day: every rule asks the same clock, moved to that day.
  const at: Ctx = on ? { ...ctx, now: () => new Date(`${on}T${ctx.now().toISOString().slice(11)}`) } : ctx;
  return ctx.db.tx(() => {
    const today = todayOf(at);
    const yearId = currentYearOrNull(at);
    const year = yearId ? (yearById(ctx.db, yearId) ?? null) : null;
    const access = (area: Area): Access => (user.access[area] as Access | undefined) ?? 'none';
    const h: HomeCtx = { ctx: at, today, year, periods: year ? periodsOf(ctx.db, year.id) : [], access, role: user.role };
    const items = KINDS.filter((k) => access(k.area) !== 'none').flatMap((k) => k.items(h).map((d) => finish(h, d)));
    items.sort((a, b) => a.date.localeCompare(b.date) || ORDER[a.state] - ORDER[b.state] || a.key.localeCompare(b.key));
    return { today, year: year ? { id: year.id, name: year.name, startDate: year.start_date, endDate: year.end_date } : null, items };
  });
}
