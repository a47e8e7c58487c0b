// Retention: only in the configured backup folder, only automatic backups, per reason.
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AUTOMATIC_REASONS, TEMP_RE, parseBackupName, type ParsedName } from './names';

const STALE_TEMP_MS = 24 * 3600_000;

export function newestFirst(a: ParsedName, b: ParsedName): number {
  return b.createdAt.getTime() - a.createdAt.getTime() || b.n - a.n;
}

/**
 * Keeps the newest `keep` automatic backups of each reason (scheduled, before import, before
 * restore) in `dir`, so a burst of imports never pushes the daily copies out. Manual backups and
 * files that are not ours are never deleted; temp files left by a crash are removed after a day.
 * Returns the names deleted.
 */
export function applyRetention(dir: string, keep: number, now: Date = new Date()): string[] {
  const byReason = new Map<string, { name: string; p: ParsedName }[]>();
  const deleted: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return deleted;
  }
  for (const name of names) {
    if (TEMP_RE.test(name)) {
      try {
        if (now.getTime() - statSync(join(dir, name)).mtimeMs > STALE_TEMP_MS) rmSync(join(dir, name), { force: true });
      } catch {
        // in use or already gone
      }
      continue;
    }
    const p = parseBackupName(name);
    if (!p || !AUTOMATIC_REASONS.has(p.reason)) continue;
    const list = byReason.get(p.reason) ?? [];
    list.push({ name, p });
    byReason.set(p.reason, list);
  }
  for (const list of byReason.values()) {
    list.sort((a, b) => newestFirst(a.p, b.p));
    for (const { name } of list.slice(Math.max(1, keep))) {
      try {
        rmSync(join(dir, name), { force: true });
        deleted.push(name);
      } catch {
        // a copy opened by someone else (Windows) stays until the next time
      }
    }
  }
  return deleted;
}
