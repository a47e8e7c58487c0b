import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { CHANGES_CHANNEL, parseChangeMessage, type ChangeMessage } from '../api/changes';

// The only surface the page sees: one call into the API contract, saving a file, and following
// the core's change events (from the main process only; the page's listener gets a checked copy)…
contextBridge.exposeInMainWorld('schoolOffice', {
  call: (name: string, input: unknown) => ipcRenderer.invoke('api', name, input),
  // Files by reference: a result of the core (its id) is copied where the user says; a chosen file
  // is read by the core in place (its path, read here from the File object, never by the page).
  saveFile: (fileName: string, id: string) => ipcRenderer.invoke('save-file', fileName, id),
  inputFile: (file: File) => ipcRenderer.invoke('input-file', webUtils.getPathForFile(file)),
  onChanges: (listener: (m: ChangeMessage) => void) => {
    if (typeof listener !== 'function') return () => {};
    const forward = (_e: IpcRendererEvent, payload: unknown) => {
      const m = parseChangeMessage(payload);
      if (m) listener(m);
    };
    ipcRenderer.on(CHANGES_CHANNEL, forward);
    return () => void ipcRenderer.removeListener(CHANGES_CHANNEL, forward);
  },
});
// …and the system's dialogs that choose a backup folder or a backup file (the main process grants
// the chosen file to this window's session: the core opens no other file outside the backup folder).
contextBridge.exposeInMainWorld('schoolOfficeDialogs', {
  pickBackupFolder: () => ipcRenderer.invoke('pick-backup-folder'),
  pickBackupFile: () => ipcRenderer.invoke('pick-backup-file'),
});
