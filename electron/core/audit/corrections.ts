import type { Ctx } from '../context';
import type { OpParsed } from '../../api/contract';
import type { CorrectionRequest } from '../../api/types';
import { invalid } from '../../api/errors';

// TODO(helper): implement
export function listCorrections(_ctx: Ctx, _onlyOpen: boolean): CorrectionRequest[] {
  throw invalid('not implemented');
}
export function saveCorrection(_ctx: Ctx, _i: OpParsed<'corrections.save'>): CorrectionRequest {
  throw invalid('not implemented');
}
export function markCorrected(_ctx: Ctx, _id: string, _resolution: string): CorrectionRequest {
  throw invalid('not implemented');
}
export function markNotified(_ctx: Ctx, _id: string): CorrectionRequest {
  throw invalid('not implemented');
}
