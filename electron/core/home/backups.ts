// Backups on schedule (R23, `002 §5.9`): late when the schedule was due an hour ago and no backup
// came (the backup feature's own rule, scheduledBackupDue, seen an hour back: the schedule runs hourly).
import { lastBackupAt, scheduledBackupDue } from '../backup/status';
import type { Draft, HomeCtx } from './state';
import { ruDate } from '../format';

const HOUR = 3_600_000;

export function backupItems(h: HomeCtx): Draft[] {
  const anHourAgo = new Date(h.ctx.now().getTime() - HOUR);
  if (!scheduledBackupDue({ ...h.ctx, now: () => anHourAgo })) return [];
  const last = lastBackupAt(h.ctx);
  return [
    {
      key: 'backups',
      kind: 'backups',
      area: 'backups',
      title: last ? 'Резервная копия не создавалась по расписанию' : 'Резервная копия ещё не создавалась',
      detail: last ? `Последняя копия: ${ruDate(last.slice(0, 10))}. Создайте копию сейчас и проверьте папку резервных копий.` : 'Создайте первую резервную копию.',
      date: last ? last.slice(0, 10) : h.today,
      late: true,
      done: false,
      href: '/admin/backups',
    },
  ];
}
