import type { indicatorsOps } from '../../../electron/api/indicators';
import { DEFAULT_REPORT_RULES } from '../../../electron/api/indicators';
import { none, type Plans } from '../plan';

export const indicatorsPlans = {
  'indicators.rules': { sample: none },
  'indicators.saveRules': { sample: () => ({ ...DEFAULT_REPORT_RULES, markDays: 2 }) },
} satisfies Plans<typeof indicatorsOps>;
