import type { Ctx } from '../context';
import type { OpParsed } from '../../api/contract';
import type { ImportPreview, ImportResult } from '../../api/types';
import { invalid } from '../../api/errors';

export async function previewImport(_ctx: Ctx, _i: OpParsed<'import.preview'>): Promise<ImportPreview> {
  throw invalid('Импорт ещё не готов');
}
export async function commitImport(_ctx: Ctx, _i: OpParsed<'import.commit'>): Promise<ImportResult> {
  throw invalid('Импорт ещё не готов');
}
