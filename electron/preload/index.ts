import { contextBridge, ipcRenderer } from 'electron';

// The only surface the page sees: one call into the API contract, and saving a file.
contextBridge.exposeInMainWorld('schoolOffice', {
  call: (name: string, input: unknown) => ipcRenderer.invoke('api', name, input),
  saveFile: (fileName: string, base64: string) => ipcRenderer.invoke('save-file', fileName, base64),
});
