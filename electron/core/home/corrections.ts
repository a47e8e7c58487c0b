// A reported data error corrected within one day (R26, `002 §2.3`), and the reporter told: the
// register's open requests (listCorrections) with its own `overdue`.
import { listCorrections } from '../audit/corrections';
import type { Draft, HomeCtx } from './state';

export function correctionItems(h: HomeCtx): Draft[] {
  const open = listCorrections(h.ctx, true);
  const out: Draft[] = [];
  const toFix = open.filter((r) => !r.correctedAt).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const first = toFix[0];
  if (first) {
    const overdue = toFix.filter((r) => r.overdue).length;
    out.push({
      key: 'corrections:fix',
      kind: 'corrections',
      area: 'corrections',
      title: `Исправить ошибки в данных по обращениям: ${toFix.length}`,
      detail: overdue ? `Срок (1 день) прошёл у ${overdue}; первое: «${short(first.description)}»` : `Первое: «${short(first.description)}», заявитель ${first.reporter}`,
      date: first.dueAt.slice(0, 10),
      count: toFix.length,
      late: overdue > 0,
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

const short = (s: string) => (s.length > 60 ? `${s.slice(0, 58)}…` : s);
