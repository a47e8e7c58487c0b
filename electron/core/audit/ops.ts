import type { Handlers } from '../context';
import type { auditOps } from '../../api/audit';
import { auditFacets, exportAudit, searchAudit } from './audit';
import { listCorrections, markCorrected, markNotified, saveCorrection } from './corrections';

export const auditHandlers = {
  'audit.search': (i, ctx) => searchAudit(ctx, i),
  'audit.export': (i, ctx) => exportAudit(ctx, i),
  'audit.facets': (_, ctx) => auditFacets(ctx),
  'corrections.list': (i, ctx) => listCorrections(ctx, i.onlyOpen),
  'corrections.save': (i, ctx) => saveCorrection(ctx, i),
  'corrections.markCorrected': (i, ctx) => markCorrected(ctx, i.id, i.resolution),
  'corrections.markNotified': (i, ctx) => markNotified(ctx, i.id),
} satisfies Handlers<typeof auditOps>;
