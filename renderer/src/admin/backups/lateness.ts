import type { BackupStatus } from '../../../../electron/api/types';
import { plural } from '../../lib/dates';

/** The schedule runs hourly: a backup is late when it is an hour past its due time. */
const GRACE_MS = 3_600_000;

/**
 * «Резервная копия не создавалась 3 дня» when the last backup into the backup folder is older than
 * the interval (plus the hour the schedule may wait); null when backups are on time.
 */
export function backupLateness(status: Pick<BackupStatus, 'lastBackupAt'>, intervalHours: number, now = Date.now()): string | null {
  if (!status.lastBackupAt) return 'Резервная копия ещё не создавалась';
  const age = now - Date.parse(status.lastBackupAt);
  if (age < intervalHours * 3_600_000 + GRACE_MS) return null;
  const days = Math.floor(age / 86_400_000);
  if (days >= 1) return `Резервная копия не создавалась ${days} ${plural(days, 'день', 'дня', 'дней')}`;
  const hours = Math.floor(age / 3_600_000);
  return `Резервная копия не создавалась ${hours} ${plural(hours, 'час', 'часа', 'часов')}`;
}
