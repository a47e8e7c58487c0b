// Children's personal data at rest: the database file, its -wal/-shm/-journal and every backup are
// private to the user who runs the program (0600), and the folders the program makes for them too
// (0700). SQLite creates a database's -wal, -shm and -journal with the database file's own mode,
// so a database created 0600 keeps them private. Files made by an earlier version (0644) are
// tightened when opened. On Windows the modes mean nothing: the user's profile folder
// (%APPDATA%) is private by its access list.
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';

export const PRIVATE_FILE = 0o600;
export const PRIVATE_DIR = 0o700;

const posix = process.platform !== 'win32';

/** Sets `mode` on an existing file or folder when it allows more; a missing path or a foreign file system is left alone. */
export function tighten(path: string, mode: number): void {
  if (!posix) return;
  try {
    const st = statSync(path);
    if ((st.mode & 0o777 & ~mode) !== 0) chmodSync(path, mode);
  } catch {
    // missing, or a file system without modes (a USB stick): nothing to do
  }
}

/** Creates `path` as an empty file private to this user, unless it exists. */
export function createPrivateFile(path: string): void {
  try {
    closeSync(openSync(path, 'wx', PRIVATE_FILE));
  } catch (e) {
    if ((e as { code?: string }).code !== 'EEXIST') throw e;
  }
}

/** mkdir -p, the folders it makes private to this user. */
export function makePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR });
}

/** Before SQLite opens a database file: created private, or an existing one and its companions tightened. */
export function privateDatabaseFiles(path: string): void {
  if (path === ':memory:' || path === '' || path.startsWith('file:')) return;
  createPrivateFile(path);
  for (const p of [path, `${path}-wal`, `${path}-shm`, `${path}-journal`]) tighten(p, PRIVATE_FILE);
}
