// Backups made by an earlier version were created 0644 in a folder created 0755: tightened when a
// host starts (the database's own files are tightened when it is opened, db/private.ts).
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Ctx } from '../context';
import { PRIVATE_DIR, PRIVATE_FILE, tighten } from '../../../db/private';
import { getSettings } from '../auth/settingsService';
import { dataDirOf } from './create';
import { isInside } from '../folders';
import { TEMP_RE, parseBackupName } from './names';

/**
 * The backup folder (when it lies in the data folder: a folder elsewhere may be shared on purpose)
 * and every backup in it (ours by their names) made private to this user.
 */
export function tightenBackups(ctx: Ctx): void {
  try {
    const dir = resolve(getSettings(ctx).backupDir);
    if (isInside(dir, dataDirOf(ctx))) tighten(dir, PRIVATE_DIR);
    for (const name of readdirSync(dir)) if (parseBackupName(name) || TEMP_RE.test(name)) tighten(join(dir, name), PRIVATE_FILE);
  } catch {
    // no backup folder yet, or unreadable: nothing to tighten
  }
}
