// The system's own dialogs for backups, where the host has them (the Electron window: the main
// process opens them and hands back the chosen path; a chosen backup file is granted to this
// window's session, so the core opens it). The browser host has none: folders are typed, and only
// the backup folder's copies can be restored (docs/architecture.md «Backups»).
interface NativeDialogs {
  pickBackupFolder?: () => Promise<string | null>;
  pickBackupFile?: () => Promise<string | null>;
}

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in the browser mode. */
    schoolOfficeDialogs?: NativeDialogs;
  }
}

const dialogs = (): NativeDialogs => (typeof window === 'undefined' ? {} : (window.schoolOfficeDialogs ?? {}));

export const hasFolderDialog = () => typeof dialogs().pickBackupFolder === 'function';
export const hasFileDialog = () => typeof dialogs().pickBackupFile === 'function';

/** A folder chosen in the system's dialog; null when cancelled. */
export async function pickBackupFolder(): Promise<string | null> {
  return (await dialogs().pickBackupFolder?.()) ?? null;
}

/** A backup file chosen in the system's dialog (and granted to this session by the main process); null when cancelled. */
export async function pickBackupFile(): Promise<string | null> {
  return (await dialogs().pickBackupFile?.()) ?? null;
}
