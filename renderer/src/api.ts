import type { OpInput, OpName, OpOutput } from '../../electron/api/contract';
import { AppError, type SerializedError } from '../../electron/api/errors';
import type { InputFile } from '../../electron/api/types';
import { CHANGES_CHANNEL, CHANGES_PATH, parseChangeMessage, type ChangeMessage } from '../../electron/api/changes';

type Reply = { ok: true; result: unknown } | { ok: false; error: SerializedError };

interface Bridge {
  /** `signal` aborts the request where the transport can (fetch); IPC cannot, its reply is ignored. */
  call(name: string, input: unknown, signal?: AbortSignal): Promise<Reply>;
  /** Electron: copies the core's result file (by its id) where the user says in the save dialog. */
  saveFile?(fileName: string, id: string): Promise<boolean>;
  /** Electron: gives the core a chosen file (it reads it in place). */
  inputFile?(file: File): Promise<Reply>;
  /** The core's change events (Electron: the preload's IPC listener); returns the unsubscribe. */
  onChanges?(listener: (m: ChangeMessage) => void): () => void;
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
  async call(name, input, signal) {
    const res = await fetch(`/api/${encodeURIComponent(name)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
      signal,
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

/** The rejection of a call whose caller gave up (a stale query): nobody shows it. */
function aborted(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('Aborted', 'AbortError');
}

/**
 * Resolves with `p`, or rejects as soon as `signal` aborts: a request the transport cannot cancel
 * (IPC) goes on in the core, and its reply is ignored.
 */
function unlessAborted<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(aborted(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Calls one operation of the API contract; throws AppError with a Russian message on refusal.
 * With `signal` (a query that is no longer wanted) the request is aborted: the browser's fetch is
 * cancelled, an IPC call's reply ignored; the promise then rejects with the abort reason.
 */
export async function call<N extends OpName>(name: N, input?: OpInput<N>, opts: { signal?: AbortSignal } = {}): Promise<OpOutput<N>> {
  const { signal } = opts;
  let reply: Reply;
  try {
    reply = await unlessAborted(bridge.call(name, input ?? {}, signal), signal);
  } catch {
    if (signal?.aborted) throw aborted(signal);
    throw new AppError('unavailable', 'Нет связи с ядром программы. Перезапустите программу.');
  }
  if (!reply.ok) {
    const e = AppError.from(reply.error);
    if ((e.code === 'locked' || e.code === 'unauthenticated') && !ANSWERS_ITSELF.has(name)) {
      for (const l of sessionListeners) l(e.code, e.message);
      if (e.code === 'locked') {
        await unlessAborted(new Promise<void>((resume, abandon) => waiting.push({ resume, abandon: () => abandon(e) })), signal);
        return call(name, input, opts);
      }
    }
    throw e;
  }
  return reply.result as OpOutput<N>;
}

/**
 * Follows the core's change events (docs/architecture.md «Change events and the renderer's data
 * layer»): the Electron preload's IPC listener, or in the browser the host's server-sent events,
 * which carry this browser's session cookie like every call (the browser reconnects by itself
 * after a dropped connection; `onReconnect` then says that events may have been missed).
 */
export function subscribeChanges(listener: (m: ChangeMessage) => void, onReconnect: () => void = () => {}): () => void {
  if (bridge.onChanges) return bridge.onChanges(listener);
  if (typeof EventSource === 'undefined') return () => {};
  const source = new EventSource(CHANGES_PATH, { withCredentials: true });
  let opened = false;
  source.addEventListener('open', () => {
    if (opened) onReconnect();
    opened = true;
  });
  source.addEventListener(CHANGES_CHANNEL, (e) => {
    let data: unknown;
    try {
      data = JSON.parse((e as MessageEvent<string>).data);
    } catch {
      return; // not ours: nothing to follow
    }
    const m = parseChangeMessage(data);
    if (m) listener(m);
  });
  return () => source.close();
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
