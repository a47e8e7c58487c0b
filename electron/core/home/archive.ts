// The archives whose storage period runs out or has run out (issue 14 point 5): the paper archive's own
// reminders (archivesView).
import { archivesView } from '../paper/archive/list';
import type { Draft, HomeCtx } from './state';

export function archiveItems(h: HomeCtx): Draft[] {
  return archivesView(h.ctx).reminders.map((r) => ({
    key: `archive:${r.archiveId}:${r.label}`,
    kind: 'archive',
    area: 'paper',
    title: r.expired ? `Срок хранения истёк: ${r.label}` : `Истекает срок хранения: ${r.label}`,
    detail: r.expired ? `${r.fileName}. Можно составить акт о выделении к уничтожению.` : r.fileName,
    // Running out: to do now, until the day; run out: late since.
    ...(r.expired ? { date: r.until, late: true } : { date: h.today, until: r.until }),
    done: false,
    href: '/paper/archive',
  }));
}
