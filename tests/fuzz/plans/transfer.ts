import type { transferOps } from '../../../electron/api/transfer';
import { type Plans } from '../plan';

export const transferPlans = {
  'import.preview': { sample: (f) => ({ kind: 'students', file: f.csv() }), slow: true },
  'import.commit': { sample: (f) => ({ kind: 'students', file: f.csv() }), slow: true },
  'export.list': { sample: () => ({ list: 'students' }), slow: true },
} satisfies Plans<typeof transferOps>;
