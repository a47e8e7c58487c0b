// Backups and restores (R23): the administrator makes and restores them, the director sees the list.
import { z } from 'zod';
import * as s from './schemas';
import { change, job, none, read, view, write } from './ops';

export interface BackupInfo {
  file: string;
  createdAt: string;
  reason: string;
  encrypted: boolean;
  sizeBytes: number;
  schemaVersion: number;
  appVersion: string;
  counts: { students: number; staff: number; classes: number; users: number };
  /** How an encrypted backup opens: with its password, or with this computer's key (automatic backups in the desktop app). */
  encryptedBy?: 'password' | 'key';
  /** The database the backup is of: its identity and school (absent in earlier versions' backups, and unknown for an encrypted one not yet opened). */
  database?: { id: string | null; school: string | null };
  /** Whose data, seen from the open database: its own, another database's, or not known until the password is entered. */
  origin?: 'this' | 'other' | 'unknown';
}

export interface BackupStatus {
  dir: string;
  /** The program's private data folder: a backup outside it (a USB stick) is encrypted unless the administrator declines. */
  dataDir: string;
  /** Automatic backups are encrypted with a key kept by the operating system (the desktop app, where it can). */
  keyEncryption: boolean;
  lastBackupAt: string | null;
  nextBackupAt: string | null;
  backups: BackupInfo[];
}

export interface RestoreResult {
  restored: BackupInfo;
  /** The backup of the state before the restore. */
  safetyBackup: BackupInfo;
}

export const backupOps = {
  'backup.status': read(view('backups'), none).returns<BackupStatus>(),
  'backup.create': job('Резервная копия', write(
    change('backups'),
    z.object({
      dir: s.path('Папка').trim().nullable().optional().transform((v) => (v ? v : null)),
      password: s.password('Пароль резервной копии').min(8, 'Пароль резервной копии — не менее 8 символов').optional(),
      /** A plain backup outside the data folder (a USB stick): only when the administrator declines encryption. */
      unencrypted: z.boolean().optional(),
    }),
  ).returns<BackupInfo>()),
  // It opens files: only for whoever may restore.
  'backup.inspect': job('Проверка резервной копии', read(
    change('backups'),
    z.object({ file: s.path('Файл резервной копии').min(1, 'Выберите файл резервной копии'), password: s.password('Пароль резервной копии').optional() }),
  ).returns<BackupInfo>()),
  'backup.restore': job('Восстановление из копии', write(
    change('backups'),
    z.object({
      file: s.path('Файл резервной копии').min(1, 'Выберите файл резервной копии'),
      password: s.password('Пароль резервной копии').optional(),
      /** Confirms restoring a backup of another database (another school's, or another installation's). */
      otherDatabase: z.boolean().optional(),
    }),
  ).returns<RestoreResult>()),
};
