// Backup file names: «Школьный офис 2026-08-20 13-05-00 (автоматически).sqlite[.enc]».
// The name carries the time and the reason, so a folder listing is readable by a person and the
// retention can sort and group without opening the files.
import { randomBytes } from 'node:crypto';
import { PRODUCT_NAME } from '../paths';

export const REASON_MANUAL = 'вручную';
export const REASON_SCHEDULED = 'автоматически';
export const REASON_BEFORE_IMPORT = 'перед импортом';
export const REASON_BEFORE_RESTORE = 'перед восстановлением';
/** The state before a restore when the live database failed integrity_check: never deleted automatically. */
export const REASON_BEFORE_RESTORE_DAMAGED = 'перед восстановлением, база повреждена';

/** Backups the program makes by itself: only these are ever deleted by the retention. */
export const AUTOMATIC_REASONS: ReadonlySet<string> = new Set([REASON_SCHEDULED, REASON_BEFORE_IMPORT, REASON_BEFORE_RESTORE]);

export const PLAIN_EXT = '.sqlite';
export const ENCRYPTED_EXT = '.sqlite.enc';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Local time as in the name: 'YYYY-MM-DD HH-MM-SS'. */
export function nameStamp(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}-${pad(d.getMinutes())}-${pad(d.getSeconds())}`;
}

/** A reason as it may stand in a file name on Windows, macOS and Linux. */
export function safeReason(reason: string): string {
  const r = reason
    .replace(/[\\/:*?"<>|()\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 60);
  return r || REASON_MANUAL;
}

/** The final name; `n` > 1 when a backup with the same second and reason already exists. */
export function backupFileName(at: Date, reason: string, encrypted: boolean, n = 1): string {
  return `${PRODUCT_NAME} ${nameStamp(at)} (${safeReason(reason)})${n > 1 ? ` ${n}` : ''}${encrypted ? ENCRYPTED_EXT : PLAIN_EXT}`;
}

const NAME_RE = new RegExp(
  `^${PRODUCT_NAME} (\\d{4})-(\\d\\d)-(\\d\\d) (\\d\\d)-(\\d\\d)-(\\d\\d) \\(([^()]+)\\)(?: (\\d+))?(\\.sqlite(?:\\.enc)?)$`,
);

export interface ParsedName {
  /** From the local time in the name. */
  createdAt: Date;
  reason: string;
  encrypted: boolean;
  /** The same-second counter (1 when absent), for a stable order. */
  n: number;
}

/** Parses a final backup name; temp files and anything else give null and are never taken for backups. */
export function parseBackupName(name: string): ParsedName | null {
  const m = NAME_RE.exec(name.normalize('NFC'));
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const createdAt = new Date(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(createdAt.getTime())) return null;
  return { createdAt, reason: m[7]!, n: m[8] ? Number(m[8]) : 1, encrypted: m[9] === ENCRYPTED_EXT };
}

/**
 * A temp name next to the final one. It starts with '~' and ends with '.tmp', so it never matches
 * the final pattern: a file left by a crash is never listed, restored or counted as a backup.
 */
export function tempFileName(finalName: string, suffix = ''): string {
  return `~${finalName}${suffix}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
}

export const TEMP_RE = /^~.*\.tmp(?:-journal|-wal|-shm)?$/;
