import type { Ctx } from '../context';
import type { OpParsed } from '../../api/contract';
import type { AuditEntry, ExportedFile, Page } from '../../api/types';
import { invalid } from '../../api/errors';

// TODO(helper): implement
export function searchAudit(_ctx: Ctx, _i: OpParsed<'audit.search'>): Page<AuditEntry> {
  throw invalid('not implemented');
}
export async function exportAudit(_ctx: Ctx, _i: OpParsed<'audit.export'>): Promise<ExportedFile> {
  throw invalid('not implemented');
}
