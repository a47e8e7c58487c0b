import { describe, expect, it } from 'vitest';
import { join, normalize, sep } from 'node:path';
import { isAllowedExternal, isTrustedSenderUrl, resolveAppUrl } from '../../electron/main/trust';

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
});
