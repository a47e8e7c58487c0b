import type { Handlers } from '../context';
import type { backupOps } from '../../api/backup';
import { backupStatus, createBackup, inspectBackup, restoreBackup } from './backup';
import { REASON_MANUAL } from './names';

export const backupHandlers = {
  'backup.status': (_, ctx) => backupStatus(ctx),
  'backup.create': (i, ctx) => createBackup(ctx, { dir: i.dir, password: i.password, unencrypted: i.unencrypted, reason: REASON_MANUAL }),
  'backup.inspect': (i, ctx) => inspectBackup(ctx, i.file, i.password),
  'backup.restore': (i, ctx) => restoreBackup(ctx, i.file, i.password, i.otherDatabase),
} satisfies Handlers<typeof backupOps>;
