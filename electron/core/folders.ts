// Folders as the user types them (the backup folder of the settings, a manual backup's folder), and
// which of them lie inside the program's private data folder. Pure functions of the path and the
// platform (tested for Windows on Linux too); used by the settings (auth) and the backups alike.
import { posix, resolve, win32 } from 'node:path';
import { AppError } from '../api/errors';

/**
 * A full path of this operating system: «C:\…» or «\\server\share\…» on Windows, «/…» elsewhere.
 * Anything else would be taken relative to the program's own folder (found: «E:\Копии» typed on
 * Linux made a folder «E:\Копии» inside it).
 */
export function isAbsoluteFolder(path: string, platform: NodeJS.Platform = process.platform): boolean {
  const p = path.trim();
  if (platform === 'win32') return /^[A-Za-z]:[\\/]/.test(p) || /^[\\/]{2}[^\\/]+[\\/][^\\/]+/.test(p);
  return p.startsWith('/');
}

/** «Укажите полный путь…», with an example of this operating system. */
export function notAbsolute(path: string, what: 'folder' | 'file', platform: NodeJS.Platform = process.platform): AppError {
  const example = platform === 'win32' ? (what === 'folder' ? 'E:\\Резервные копии' : 'E:\\Резервные копии\\копия.sqlite') : what === 'folder' ? '/media/usb/Резервные копии' : '/media/usb/копия.sqlite';
  const shown = path.length > 80 ? `${path.slice(0, 80)}…` : path;
  return new AppError(
    'validation',
    `«${shown}» — не полный путь ${what === 'folder' ? 'к папке' : 'к файлу'} на этом компьютере. Укажите полный путь, например «${example}».`,
  );
}

/** Refuses a folder that is not a full path of this system; returns it resolved. */
export function absoluteFolder(path: string, field?: string): string {
  if (!isAbsoluteFolder(path)) {
    const e = notAbsolute(path, 'folder');
    throw field ? new AppError(e.code, e.message, [{ column: field, message: e.message }]) : e;
  }
  return resolve(path.trim());
}

/** Case-insensitive where the file system usually is (Windows, macOS). */
function norm(p: string, platform: NodeJS.Platform): string {
  const path = platform === 'win32' ? win32 : posix;
  const r = path.resolve(p).normalize('NFC').replace(/[\\/]+$/, '');
  return platform === 'win32' || platform === 'darwin' ? r.toLowerCase() : r;
}

/** True when `child` is `parent` or lies anywhere below it. */
export function isInside(child: string, parent: string, platform: NodeJS.Platform = process.platform): boolean {
  const c = norm(child, platform);
  const p = norm(parent, platform);
  const sep = platform === 'win32' ? '\\' : '/';
  return c === p || c.startsWith(p.endsWith(sep) ? p : p + sep);
}
