import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiRequestAllowed, startWebHost, tokenMatches, type WebHost } from '../../electron/web/server';
import { tempCore } from '../support/core';
import { openWebSession } from '../support/web';

function post(host: WebHost, path: string, headers: Record<string, string>, body = '{}') {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method: 'POST', headers: { 'Content-Type': 'application/json', ...headers } }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the browser bridge on 127.0.0.1', () => {
  let core: Awaited<ReturnType<typeof tempCore>>;
  let host: WebHost;
  /** This test's browser session: the cookie the printed address handed out. */
  let Cookie: string;
  beforeAll(async () => {
    core = await tempCore(undefined, { login: false });
    const dir = join(core.dir, 'static');
    mkdirSync(dir);
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    host = await startWebHost({ ctx: core.ctx, staticDir: dir });
    Cookie = await openWebSession(host.openUrl);
  });
  afterAll(async () => {
    await host.close();
    core.cleanup();
  });

  it('listens on 127.0.0.1 only and serves the page', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(host.url, { headers: { Cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('answers API calls of a browser session', async () => {
    const r = await post(host, '/api/app.info', { Cookie });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, result: { hasSchool: false, host: 'test' } });
  });

  it('refuses calls without a session, with a wrong one, with only the token, from another origin or another Host', async () => {
    expect((await post(host, '/api/app.info', {})).status).toBe(403);
    expect((await post(host, '/api/app.info', { Cookie: Cookie + 'x' })).status).toBe(403);
    expect((await post(host, '/api/app.info', { 'X-School-Office-Token': host.token })).status).toBe(403);
    expect((await post(host, '/api/app.info', { Cookie, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await post(host, '/api/app.info', { Cookie, 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await post(host, '/api/app.info', { Cookie, Host: 'rebind.example:80' })).status).toBe(403);
  });

  it('validates input and returns Russian errors', async () => {
    await post(host, '/api/auth.setupAdmin', { Cookie }, JSON.stringify({ login: 'admin', displayName: 'Смирнова Ольга Викторовна', password: 'Школа2026' }));
    const r = await post(host, '/api/classes.save', { Cookie }, JSON.stringify({ grade: 14, letter: '' }));
    const body = JSON.parse(r.body) as { ok: boolean; error: { code: string; problems: { message: string }[] } };
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('validation');
    expect(body.error.problems.map((p) => p.message).join(' ')).toMatch(/Параллель — от 1 до 11/);
  });

  it('compares tokens safely', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abc', 'abd')).toBe(false);
    expect(tokenMatches('abc', 'ab')).toBe(false);
    expect(tokenMatches('abc', undefined)).toBe(false);
    expect(apiRequestAllowed({ host: '127.0.0.1:5' }, 5)).toBe(true);
    expect(apiRequestAllowed({ host: 'localhost:5', origin: 'http://localhost:5', 'sec-fetch-site': 'same-origin' }, 5)).toBe(true);
    expect(apiRequestAllowed({ host: '127.0.0.1:6' }, 5)).toBe(false);
    expect(apiRequestAllowed({ host: '127.0.0.1:5', origin: 'http://127.0.0.1:6' }, 5)).toBe(false);
  });
});
