// Plain checks used by the Electron shell; kept free of 'electron' imports so tests can run them.

export const APP_SCHEME = 'app';
export const APP_HOST = 'school-office';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * The development server the window loads instead of app:// (`npm run dev` sets
 * ELECTRON_RENDERER_URL). Honoured only when the app is not packaged, and only on this computer:
 * in an installed app the variable would make the window load, and trust for IPC, any page.
 */
export function devRendererUrl(env: Record<string, string | undefined>, isPackaged: boolean): string | undefined {
  const url = env.ELECTRON_RENDERER_URL;
  if (isPackaged || !url) return undefined;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const loopback = u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]';
  return (u.protocol === 'http:' || u.protocol === 'https:') && loopback ? url : undefined;
}

/** An IPC call is served only for our own top-level page (app:// or, in development, the dev server). */
export function isTrustedSenderUrl(url: string | undefined, devServerUrl?: string): boolean {
  if (!url) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST) return true;
  if (devServerUrl) {
    const d = new URL(devServerUrl);
    return u.origin === d.origin;
  }
  return false;
}

/** Links the app may hand to the operating system. */
const EXTERNAL_SCHEMES = new Set(['https:', 'mailto:']);
export function isAllowedExternal(url: string): boolean {
  try {
    return EXTERNAL_SCHEMES.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** Maps app://school-office/<path> to a file under the renderer folder, refusing traversal. */
export function resolveAppUrl(url: string, rendererDir: string, join: (...p: string[]) => string, normalize: (p: string) => string, sep: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  const rel = decodeURIComponent(u.pathname).replace(/^\/+/, '') || 'index.html';
  const file = normalize(join(rendererDir, rel));
  return file.startsWith(normalize(rendererDir) + sep) ? file : null;
}

/** The frame that sent an IPC message, as Electron describes it (kept free of 'electron' types). */
export interface SenderFrame {
  url: string;
  /** null for the top-level frame of its page. */
  parent: unknown;
}

/**
 * An IPC call is served only from the top-level frame of our own page: an iframe (were one ever
 * embedded) never reaches the core, whatever its URL.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, devServerUrl?: string): boolean {
  if (!frame || frame.parent !== null) return false;
  return isTrustedSenderUrl(frame.url, devServerUrl);
}
