import { Writer } from '../../../db';
import { join } from 'node:path';
import type { Ctx } from '../context';
import type { OpParsed } from '../../api/contract';
import type { AppSettings } from '../../api/types';
import { DEFAULT_SETTINGS, readSetting, writeSetting } from './settings';
import { defaultDataDir } from '../paths';
import { absoluteFolder } from '../folders';

const KEYS = {
  autoLockMinutes: 'security.autoLockMinutes',
  maxFailedLogins: 'security.maxFailedLogins',
  lockoutMinutes: 'security.lockoutMinutes',
  backupIntervalHours: 'backup.intervalHours',
  backupKeep: 'backup.keep',
  backupDir: 'backup.dir',
} as const;

export function defaultBackupDir(ctx: Ctx): string {
  return join(ctx.dataDir ?? defaultDataDir(), 'Резервные копии');
}

export function getSettings(ctx: Ctx): AppSettings {
  const r = <K extends keyof typeof KEYS>(k: K) => readSetting(ctx.db, KEYS[k], DEFAULT_SETTINGS[k]);
  return {
    autoLockMinutes: r('autoLockMinutes'),
    maxFailedLogins: r('maxFailedLogins'),
    lockoutMinutes: r('lockoutMinutes'),
    backupIntervalHours: r('backupIntervalHours'),
    backupKeep: r('backupKeep'),
    backupDir: r('backupDir') ?? defaultBackupDir(ctx),
  };
}

export function saveSettings(ctx: Ctx, i: OpParsed<'settings.save'>): AppSettings {
  // A relative folder would be taken inside the program's own folder.
  if (i.backupDir?.trim()) absoluteFolder(i.backupDir, 'backupDir');
  ctx.db.tx(() => {
    // Read in the transaction: the line of the log says what this change replaced.
    const before = getSettings(ctx);
    for (const k of Object.keys(KEYS) as (keyof typeof KEYS)[]) writeSetting(ctx.db, KEYS[k], i[k] ?? null);
    new Writer(ctx.db, ctx.actor, ctx.now).local('setting', 'app', 'update', { ...before }, { ...i });
  });
  return getSettings(ctx);
}
