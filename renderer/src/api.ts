import type { OpInput, OpName, OpOutput } from '../../electron/api/contract';
import { AppError, type SerializedError } from '../../electron/api/errors';
import type { InputFile } from '../../electron/api/types';

type Reply = { ok: true; result: unknown } | { ok: false; error: SerializedError };

interface Bridge {
  call(name: string, input: unknown): Promise<Reply>;
  /** Electron: copies the core's result file (by its id) where the user says in the save dialog. */
  saveFile?(fileName: string, id: string): Promise<boolean>;
  /** Electron: gives the core a chosen file (it reads it in place). */
  inputFile?(file: File): Promise<Reply>;
}

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in the browser mode. */
    schoolOffice?: Bridge;
  }
}

// Browser mode: the host on 127.0.0.1 keeps this browser's session behind an HttpOnly cookie, which
// the printed address set before the page loaded; the page itself never holds a token.
const webBridge: Bridge = {
  async call(name, input) {
    const res = await fetch(`/api/${encodeURIComponent(name)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
    if (res.status === 401 || res.status === 403)
      return { ok: false, error: { code: 'forbidden', message: 'Сеанс недействителен. Откройте программу по ссылке, которую напечатал сервер.' } };
    return (await res.json()) as Reply;
  },
};

export const isElectron = typeof window !== 'undefined' && window.schoolOffice !== undefined;
const bridge: Bridge = isElectron ? window.schoolOffice! : webBridge;

export type SessionLoss = 'locked' | 'unauthenticated';
const sessionListeners = new Set<(why: SessionLoss, message: string) => void>();

/**
 * Tells the app shell that the core refused a call because the program is locked (after
 * inactivity) or nobody is logged in any more: the shell shows the lock or the login screen.
 */
export function onSessionLoss(listener: (why: SessionLoss, message: string) => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

// Calls refused with 'locked' wait for the unlock and are then made again, so a screen that was
// loading or saving when the core locked carries on as if nothing happened.
let waiting: { resume: () => void; abandon: () => void }[] = [];

/** After auth.unlock: the calls refused while locked are made again. */
export function resumeAfterUnlock(): void {
  const w = waiting;
  waiting = [];
  for (const x of w) x.resume();
}

/** After logout: the calls refused while locked fail with their refusal. */
export function abandonAfterLogout(): void {
  const w = waiting;
  waiting = [];
  for (const x of w) x.abandon();
}

// These report a wrong password with 'unauthenticated': the screen that called them shows it.
const ANSWERS_ITSELF = new Set<OpName>(['auth.login', 'auth.unlock', 'auth.setupAdmin', 'auth.status', 'app.info', 'auth.logout', 'auth.lock']);

/** Calls one operation of the API contract; throws AppError with a Russian message on refusal. */
export async function call<N extends OpName>(name: N, input?: OpInput<N>): Promise<OpOutput<N>> {
  let reply: Reply;
  try {
    reply = await bridge.call(name, input ?? {});
  } catch {
    throw new AppError('unavailable', 'Нет связи с ядром программы. Перезапустите программу.');
  }
  if (!reply.ok) {
    const e = AppError.from(reply.error);
    if ((e.code === 'locked' || e.code === 'unauthenticated') && !ANSWERS_ITSELF.has(name)) {
      for (const l of sessionListeners) l(e.code, e.message);
      if (e.code === 'locked') {
        await new Promise<void>((resume, abandon) => waiting.push({ resume, abandon: () => abandon(e) }));
        return call(name, input);
      }
    }
    throw e;
  }
  return reply.result as OpOutput<N>;
}

/**
 * Saves a file the core made (XLSX, PDF), by its id (ExportedFile.id: files never travel through
 * the calls): a save dialog in Electron, a download from the browser host.
 */
export async function saveFile(fileName: string, id: string, _mime?: string): Promise<void> {
  if (bridge.saveFile) {
    await bridge.saveFile(fileName, id);
    return;
  }
  const a = document.createElement('a');
  a.href = `/files/${encodeURIComponent(id)}`;
  a.download = fileName;
  a.click();
}

/** Gives the core a file the user chose (an import): the operations then name it by the returned id. */
export async function uploadFile(file: File): Promise<InputFile> {
  let reply: Reply;
  try {
    if (bridge.inputFile) reply = await bridge.inputFile(file);
    else {
      const res = await fetch(`/files/upload?name=${encodeURIComponent(file.name)}`, { method: 'POST', credentials: 'same-origin', body: file });
      if (res.status === 403) throw new AppError('forbidden', 'Сеанс недействителен. Откройте программу по ссылке, которую напечатал сервер.');
      reply = (await res.json()) as Reply;
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('unavailable', 'Файл не передан программе: нет связи с ядром программы. Попробуйте снова.');
  }
  if (!reply.ok) throw AppError.from(reply.error);
  return reply.result as InputFile;
}

/** Saves a file the page itself made (the import's list of errors): a download. */
export function saveBytes(fileName: string, base64: string, mime = 'application/octet-stream'): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export { AppError };
