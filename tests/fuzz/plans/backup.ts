import type { backupOps } from '../../../electron/api/backup';
import { none, type Plans } from '../plan';

export const backupPlans = {
  'backup.status': { sample: none },
  'backup.create': { sample: (f) => ({ dir: f.backupDir }), slow: true },
  'backup.inspect': { sample: (f) => ({ file: f.backupFile }), slow: true },
  'backup.restore': { sample: (f) => ({ file: f.backupFile }), slow: true },
} satisfies Plans<typeof backupOps>;
