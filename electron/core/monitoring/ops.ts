import type { Handlers } from '../context';
import type { monitoringOps } from '../../api/monitoring';
import { monitoringDetails, monitoringOptions, monitoringReport } from './report';
import { monitoringPdf, monitoringXlsx } from './files';

export const monitoringHandlers = {
  'monitoring.options': (_, ctx) => monitoringOptions(ctx),
  'monitoring.report': (i, ctx) => monitoringReport(ctx, i),
  'monitoring.details': (i, ctx) => monitoringDetails(ctx, i),
  'monitoring.xlsx': (i, ctx) => monitoringXlsx(ctx, i),
  'monitoring.pdf': (i, ctx) => monitoringPdf(ctx, i),
} satisfies Handlers<typeof monitoringOps>;
