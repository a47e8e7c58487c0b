// The archives whose storage period runs out or has run out (issue 14 point 5): the paper archive's own reminders.
import { archivesView } from '../paper/archive/list';
import type { Draft, HomeCtx } from './state';

export function archiveItems(h: HomeCtx): Draft[] {
  return archivesView(h.ctx).reminders.map((r) => ({
    key: `archive:${r.archiveId}:${r.label}`,
    kind: 'archive',
    area: 'paper',
    title: r.expired ? `Срок хранения истёк: ${r.label}` : `Истекает срок хранения: ${r.label}`,
    detail: r.expired ? `${r.fileName}. Можно составить акт о выделении к уничтожению.` : r.fileName,
    date: r.until,
    late: r.expired,
    done: false,
    href: '/paper/archive',
  }));
}
