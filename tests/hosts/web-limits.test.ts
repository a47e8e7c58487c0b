// Issue 8, point 7 «Internal errors» in the browser host: broken percent-encoding in the address is
// a 400 with a Russian JSON error (was a 500), request bodies are capped at 4 MB except the file
// imports (413 with a Russian JSON error, the rest of the body not read), and 1e400 in a body is a
// Russian «слишком большое число».
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_BODY_BYTES, startWebHost, type WebHost } from '../../electron/web/server';
import { ADMIN, tempCore } from '../support/core';
import { openWebSession } from '../support/web';

interface Reply {
  status: number;
  body: string;
  /** Bytes of the body sent before the answer came. */
  sent: number;
}

/** POSTs `total` bytes in 64 KB chunks (without Content-Length when `chunked`); stops sending once answered. */
function post(host: WebHost, path: string, opts: { headers?: Record<string, string>; body?: string; total?: number; chunked?: boolean } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const total = opts.body !== undefined ? Buffer.byteLength(opts.body) : (opts.total ?? 0);
    const headers: Record<string, string | number> = { 'Content-Type': 'application/json', ...opts.headers };
    if (!opts.chunked) headers['Content-Length'] = total;
    const req = request({ host: '127.0.0.1', port: host.port, path, method: 'POST', headers }, (res) => {
      answered = true;
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data, sent }));
    });
    // The server may close the connection while we still send: that is the point.
    req.on('error', (e) => (answered ? undefined : reject(e)));
    if (opts.body !== undefined) {
      sent = total;
      req.end(opts.body);
      return;
    }
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe('the browser host refuses malformed and oversized requests in Russian', () => {
  let core: Awaited<ReturnType<typeof tempCore>>;
  let host: WebHost;
  beforeAll(async () => {
    core = await tempCore();
    const dir = join(core.dir, 'static');
    mkdirSync(dir);
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    host = await startWebHost({ ctx: core.ctx, staticDir: dir });
  });
  afterAll(async () => {
    await host.close();
    core.cleanup();
  });

  it('answers broken percent-encoding with 400 and a Russian JSON error, in the API and for pages', async () => {
    const api = await post(host, '/api/%E0%A4%A', { body: '{}' });
    expect(api.status).toBe(400);
    expect(JSON.parse(api.body)).toEqual({ ok: false, error: { code: 'validation', message: 'Неверный адрес запроса.' } });
    const page = await fetch(`${host.url}%E0%A4%A`);
    expect(page.status).toBe(400);
    expect(((await page.json()) as { error: { message: string } }).error.message).toBe('Неверный адрес запроса.');
  });

  it('refuses a body over 4 MB by its Content-Length with 413, before reading it', async () => {
    const r = await post(host, '/api/students.list', { total: MAX_BODY_BYTES + 1024 * 1024, headers: { Cookie: await openWebSession(host.openUrl) } });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toEqual({ ok: false, error: { code: 'validation', message: 'Слишком большой запрос: не более 4 МБ. Ничего не изменено.' } });
    expect(r.sent).toBeLessThan(MAX_BODY_BYTES);
  });

  it('refuses a streamed body once it grows over 4 MB, without reading the rest', async () => {
    const r = await post(host, '/api/students.list', { total: 64 * 1024 * 1024, chunked: true, headers: { Cookie: await openWebSession(host.openUrl) } });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.message).toBe('Слишком большой запрос: не более 4 МБ. Ничего не изменено.');
    expect(r.sent).toBeLessThan(32 * 1024 * 1024);
  });

  it('lets a file carry more than 4 MB: apart from the calls, as an upload of the session', async () => {
    const cookie = await openWebSession(host.openUrl);
    const r = await post(host, `/files/upload?name=${encodeURIComponent('ученики.csv')}`, { total: MAX_BODY_BYTES + 1024 * 1024, headers: { Cookie: cookie } });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, result: { fileName: 'ученики.csv', size: MAX_BODY_BYTES + 1024 * 1024 } });
    // Calls stay small, the import operations included (they name the uploaded file).
    expect((await post(host, '/api/import.preview', { total: MAX_BODY_BYTES + 1024 * 1024, headers: { Cookie: cookie } })).status).toBe(413);
    // Without the session's cookie nothing is taken.
    expect((await post(host, `/files/upload?name=a.csv`, { total: 10, headers: { Cookie: 'x=y' } })).status).toBe(403);
  });

  it('answers 1e400 in a body with «слишком большое число», never an internal error', async () => {
    const cookie = await openWebSession(host.openUrl);
    const login = await post(host, '/api/auth.login', { body: JSON.stringify({ login: ADMIN.login, password: ADMIN.password }), headers: { Cookie: cookie } });
    expect(JSON.parse(login.body)).toMatchObject({ ok: true });
    const r = await post(host, '/api/classes.save', { body: '{"grade": 1e400, "letter": "А", "shift": 1}', headers: { Cookie: cookie } });
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body) as { ok: boolean; error: { code: string; message: string } };
    expect(body).toMatchObject({ ok: false, error: { code: 'validation', message: 'Поле «Параллель»: слишком большое число' } });
  });
});
