import type { Ctx } from '../context';
import type { ExportedFile } from '../../api/types';
import { invalid } from '../../api/errors';

export async function exportList(_ctx: Ctx, _list: string): Promise<ExportedFile> {
  throw invalid('Экспорт ещё не готов');
}
