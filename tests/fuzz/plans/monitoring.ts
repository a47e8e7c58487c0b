import type { monitoringOps } from '../../../electron/api/monitoring';
import { none, type Plans } from '../plan';

export const monitoringPlans = {
  'monitoring.options': { sample: none },
  'monitoring.report': { sample: () => ({ from: '2026-09-01', to: '2026-10-31', groupBy: 'class', grade: 7 }) },
  'monitoring.details': { sample: (f) => ({ from: '2026-09-01', to: '2026-10-31', groupBy: 'class', key: f.classId }) },
  'monitoring.xlsx': { sample: () => ({ from: '2026-09-01', to: '2026-10-31', groupBy: 'teacher' }), slow: true },
  'monitoring.pdf': { sample: () => ({ from: '2026-09-01', to: '2026-10-31', groupBy: 'subject' }), slow: true },
} satisfies Plans<typeof monitoringOps>;
