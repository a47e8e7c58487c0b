// Which files `backup.inspect` and `backup.restore` may open. Not any path the caller names (that
// would tell whether any file exists, and copy any SQLite file into the program): only
//  - a backup lying in the backup folder (its name is a backup's name, a plain file), as
//    `backup.status` lists them; or
//  - a file the user chose in the native file dialog, which the host then grants to its session
//    (the Electron shell after dialog.showOpenDialog; the CLI for the file named on its command
//    line: the user typed it, with their own rights). The grant holds for that one file — its
//    check and its restore — until another file is chosen, the restore is done, or an hour passes.
// The browser host has no native dialog: there, only the backup folder's files (see
// docs/architecture.md «Backups»).
import { lstatSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Ctx } from '../context';
import type { Session } from '../auth/session';
import { AppError } from '../../api/errors';
import { getSettings } from '../auth/settingsService';
import { samePath } from './create';
import { isAbsoluteFolder } from '../folders';
import { parseBackupName } from './names';

const GRANT_MS = 3600_000;

const grants = new WeakMap<Session, { file: string; until: number }>();

/** The host's native dialog chose `file`: inspect and restore may open it (one file at a time). */
export function grantBackupFile(ctx: Pick<Ctx, 'session' | 'now'>, file: string): void {
  grants.set(ctx.session, { file: resolve(file), until: ctx.now().getTime() + GRANT_MS });
}

/** After a restore: the chosen file has served its purpose. */
export function dropGrant(ctx: Pick<Ctx, 'session'>, file: string): void {
  const g = grants.get(ctx.session);
  if (g && samePath(g.file, file)) grants.delete(ctx.session);
}

/** The session's grant as it is (a job in a worker thread takes it along, and brings back what became of it). */
export function grantOf(session: Session): { file: string; until: number } | undefined {
  return grants.get(session);
}
export function setGrant(session: Session, g: { file: string; until: number } | undefined): void {
  if (g) grants.set(session, g);
  else grants.delete(session);
}

function granted(ctx: Pick<Ctx, 'session' | 'now'>, file: string): boolean {
  const g = grants.get(ctx.session);
  return g !== undefined && g.until > ctx.now().getTime() && samePath(g.file, file);
}

/** In the backup folder, with a backup's name, and a file itself (not a link to somewhere else). */
function inBackupFolder(ctx: Ctx, file: string): boolean {
  if (!samePath(dirname(file), getSettings(ctx).backupDir) || !parseBackupName(basename(file))) return false;
  try {
    return lstatSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The file as inspect and restore may open it, or a refusal that says the same whether the file
 * exists or not.
 */
export function allowedBackupFile(ctx: Ctx, file: string): string {
  if (isAbsoluteFolder(file)) {
    const path = resolve(file.trim());
    if (granted(ctx, path) || inBackupFolder(ctx, path)) return path;
  }
  throw new AppError(
    'forbidden',
    'Эту копию нельзя открыть: выберите её в списке копий папки резервных копий или в окне выбора файла («Выбрать файл…»).',
  );
}
