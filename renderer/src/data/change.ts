import type { OpInput, OpName, OpOutput } from '../../../electron/api/contract';
import { call } from '../api';
import { invalidateAll } from './client';

/**
 * Calls an operation that changes data, then fetches again everything on screen; throws the
 * refusal. For the confirmation dialogs (useConfirm, useConfirmDelete), which keep busy and
 * error themselves; a button or a form uses useAction.
 */
export async function change<N extends OpName>(name: N, input?: OpInput<N>): Promise<OpOutput<N>> {
  const result = await call(name, input);
  await invalidateAll();
  return result;
}
