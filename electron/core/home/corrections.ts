// A reported data error corrected within one day (R26, `002 §2.3`), and the reporter told: the
// register's open requests (listCorrections) with its own `overdue`, the nearest five one by one.
import { listCorrections } from '../audit/corrections';
import type { Draft, HomeCtx } from './state';

const SHOWN = 5;

export function correctionItems(h: HomeCtx): Draft[] {
  const open = listCorrections(h.ctx, true);
  const out: Draft[] = [];
  const toFix = open.filter((r) => !r.correctedAt).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  for (const r of toFix.slice(0, SHOWN))
    out.push({
      key: `corrections:${r.id}`,
      kind: 'corrections',
      area: 'corrections',
      title: `Исправить ошибку: ${r.description.length > 80 ? `${r.description.slice(0, 78)}…` : r.description}`,
      detail: `Заявитель: ${r.reporter}`,
      date: r.dueAt.slice(0, 10),
      dueAt: r.dueAt,
      late: r.overdue,
      done: false,
      href: '/admin/corrections',
    });
  if (toFix.length > SHOWN) {
    const rest = toFix.slice(SHOWN);
    out.push({
      key: 'corrections:more',
      kind: 'corrections',
      area: 'corrections',
      title: `И ещё обращений об ошибках: ${rest.length}`,
      detail: `Просрочено из них: ${rest.filter((r) => r.overdue).length}`,
      date: rest[0]!.dueAt.slice(0, 10),
      count: rest.length,
      late: rest.some((r) => r.overdue),
      done: false,
      href: '/admin/corrections',
    });
  }
  const told = open.filter((r) => r.correctedAt && !r.reporterNotifiedAt);
  if (told.length)
    out.push({
      key: 'corrections:tell',
      kind: 'corrections',
      area: 'corrections',
      title: `Сообщить заявителям об исправлении: ${told.length}`,
      detail: 'Ошибки исправлены, заявители ещё не извещены',
      date: h.today,
      count: told.length,
      done: false,
      href: '/admin/corrections',
    });
  return out;
}
