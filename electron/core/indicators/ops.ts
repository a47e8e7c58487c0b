import type { Handlers } from '../context';
import type { indicatorsOps } from '../../api/indicators';
import { getReportRules, saveReportRules } from './rules';

export const indicatorsHandlers = {
  'indicators.rules': (_, ctx) => getReportRules(ctx),
  'indicators.saveRules': (i, ctx) => saveReportRules(ctx, i),
} satisfies Handlers<typeof indicatorsOps>;
