import { contextBridge, ipcRenderer } from 'electron';

// The only surface the page sees: one call into the API contract, and saving a file…
contextBridge.exposeInMainWorld('schoolOffice', {
  call: (name: string, input: unknown) => ipcRenderer.invoke('api', name, input),
  saveFile: (fileName: string, base64: string) => ipcRenderer.invoke('save-file', fileName, base64),
});
// …and the system's dialogs that choose a backup folder or a backup file (the main process grants
// the chosen file to this window's session: the core opens no other file outside the backup folder).
contextBridge.exposeInMainWorld('schoolOfficeDialogs', {
  pickBackupFolder: () => ipcRenderer.invoke('pick-backup-folder'),
  pickBackupFile: () => ipcRenderer.invoke('pick-backup-file'),
});
