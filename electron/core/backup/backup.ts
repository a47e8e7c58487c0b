import type { Ctx } from '../context';
import type { BackupInfo, BackupStatus, RestoreResult } from '../../api/types';
import { invalid } from '../../api/errors';

// TODO(helper): implement
export function backupStatus(_ctx: Ctx): BackupStatus {
  throw invalid('not implemented');
}
export async function createBackup(_ctx: Ctx, _opts: { dir?: string | null; password?: string; reason: string }): Promise<BackupInfo> {
  throw invalid('not implemented');
}
export async function inspectBackup(_ctx: Ctx, _file: string, _password?: string): Promise<BackupInfo> {
  throw invalid('not implemented');
}
export async function restoreBackup(_ctx: Ctx, _file: string, _password?: string): Promise<RestoreResult> {
  throw invalid('not implemented');
}
