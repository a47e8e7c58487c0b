import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { devRendererUrl, isAllowedExternal, isTrustedSender, isTrustedSenderUrl, resolveAppUrl } from '../../electron/main/trust';

const ROOT = join(import.meta.dirname, '../..');

/** The top-level keys of electron-builder.yml and, for a block of `key: true|false` lines, its flags. */
function builderConfig(): { top: Set<string>; flags: (block: string) => Record<string, boolean> } {
  const lines = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8').split(/\r?\n/);
  const top = new Set(lines.map((l) => /^([A-Za-z]\w*):/.exec(l)?.[1]).filter((k): k is string => Boolean(k)));
  const flags = (block: string) => {
    const out: Record<string, boolean> = {};
    const start = lines.findIndex((l) => l.startsWith(`${block}:`));
    for (const l of lines.slice(start + 1)) {
      const m = /^ {2}(\w+): *(true|false) *(#.*)?$/.exec(l);
      if (!m) break;
      out[m[1]!] = m[2] === 'true';
    }
    return out;
  };
  return { top, flags };
}

describe('Electron shell checks', () => {
  it('serves IPC only to our own page', () => {
    expect(isTrustedSenderUrl('app://school-office/index.html')).toBe(true);
    expect(isTrustedSenderUrl('app://other/index.html')).toBe(false);
    expect(isTrustedSenderUrl('file:///etc/passwd')).toBe(false);
    expect(isTrustedSenderUrl('https://example.com/')).toBe(false);
    expect(isTrustedSenderUrl(undefined)).toBe(false);
    expect(isTrustedSenderUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedSenderUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });

  it('honours ELECTRON_RENDERER_URL only in development, and only on this computer', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173' };
    expect(devRendererUrl(env, false)).toBe('http://localhost:5173');
    expect(devRendererUrl({ ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/' }, false)).toBe('http://127.0.0.1:5173/');
    // A packaged (installed) app ignores it: its window loads, and IPC trusts, only app://.
    expect(devRendererUrl(env, true)).toBeUndefined();
    expect(devRendererUrl({ ELECTRON_RENDERER_URL: 'https://evil.example/' }, true)).toBeUndefined();
    expect(isTrustedSenderUrl('https://evil.example/', devRendererUrl({ ELECTRON_RENDERER_URL: 'https://evil.example/' }, true))).toBe(false);
    // Even in development, not a page elsewhere nor a file.
    expect(devRendererUrl({ ELECTRON_RENDERER_URL: 'https://evil.example/' }, false)).toBeUndefined();
    expect(devRendererUrl({ ELECTRON_RENDERER_URL: 'file:///tmp/x.html' }, false)).toBeUndefined();
    expect(devRendererUrl({ ELECTRON_RENDERER_URL: 'not a url' }, false)).toBeUndefined();
    expect(devRendererUrl({}, false)).toBeUndefined();
  });

  it('builds the installed app with the Electron fuses set (electron-builder.yml)', () => {
    const config = builderConfig();
    const fuses = config.flags('electronFuses');
    expect(fuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.top.has('asar')).toBe(false); // packed into app.asar (the default): the asar fuses need one
    // Every key is one electron-builder knows (a misspelt fuse would be ignored silently).
    const scheme = JSON.parse(readFileSync(join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as {
      definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
    };
    for (const k of Object.keys(fuses)) expect(scheme.definitions.FuseOptionsV1.properties, k).toHaveProperty(k);
  });

  it('opens only https and mailto links outside', () => {
    expect(isAllowedExternal('https://edu.gov.ru')).toBe(true);
    expect(isAllowedExternal('mailto:school@example.com')).toBe(true);
    expect(isAllowedExternal('file:///C:/Windows/system32/cmd.exe')).toBe(false);
    expect(isAllowedExternal('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternal('not a url')).toBe(false);
  });

  it('maps app:// URLs into the renderer folder and refuses traversal', () => {
    const dir = normalize('/opt/app/renderer');
    expect(resolveAppUrl('app://school-office/', dir, join, normalize, sep)).toBe(join(dir, 'index.html'));
    expect(resolveAppUrl('app://school-office/assets/a.js', dir, join, normalize, sep)).toBe(join(dir, 'assets/a.js'));
    expect(resolveAppUrl('app://school-office/..%2F..%2Fetc%2Fpasswd', dir, join, normalize, sep)).toBeNull();
    expect(resolveAppUrl('app://evil/index.html', dir, join, normalize, sep)).toBeNull();
  });

  it('serves IPC only to the top-level frame of our page, never to an iframe in it', () => {
    expect(isTrustedSender({ url: 'app://school-office/index.html', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://school-office/index.html', parent: {} })).toBe(false);
    expect(isTrustedSender({ url: 'https://example.com/', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });

  // Electron cannot run here: the shell's remaining checklist items are read from its source.
  it('the shell follows the rest of Electron\'s security checklist', () => {
    const main = readFileSync(join(ROOT, 'electron/main/index.ts'), 'utf8');
    expect(main).toContain('app.enableSandbox()');
    expect(main).not.toContain('isTrustedSenderUrl(event'); // every IPC handler checks the frame, not only its URL
    expect(main.match(/ipcMain\.handle\(/g)?.length).toBe(main.match(/isTrustedSender\(event\.senderFrame/g)?.length);
    const created = main.slice(main.indexOf("app.on('web-contents-created'"));
    for (const guard of ["'will-attach-webview'", "'will-navigate'", "'will-frame-navigate'", "'will-redirect'", 'setWindowOpenHandler'])
      expect(created.slice(0, created.indexOf('\n  });\n')), guard).toContain(guard);
    expect(main).toMatch(/headers\.set\('Content-Security-Policy', CSP\)/);
    for (const pref of ['contextIsolation: true', 'sandbox: true', 'nodeIntegration: false', 'webSecurity: true']) expect(main).toContain(pref);
    expect(main).toMatch(/setPermissionRequestHandler\(\(_wc, _perm, cb\) => cb\(false\)\)/);
  });
});
