// Change events on the browser host (issue 9 point 7): server-sent events on /api/events,
// authenticated exactly as API calls are (Host, Origin, Sec-Fetch-Site, the browser's session
// cookie); a session that is not logged in gets nothing; an event carries entity names only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { get } from 'node:http';
import { Db, Writer } from '../../db';
import { startWebHost, MAX_STREAMS_PER_SESSION, type WebHost } from '../../electron/web/server';
import { CHANGES_PATH, parseChangeMessage } from '../../electron/api/changes';
import { changeMessageFor } from '../../electron/core/changes';
import { Session } from '../../electron/core/auth/session';
import { ADMIN, tempCore } from '../support/core';
import { openWebSession } from '../support/web';

/** An open change stream: what it received so far, as parsed events and as raw text. */
interface Stream {
  status: number;
  events: unknown[];
  text: () => string;
  close: () => void;
}

async function openStream(host: WebHost, headers: Record<string, string>): Promise<Stream> {
  const ac = new AbortController();
  const res = await fetch(`${host.url}${CHANGES_PATH.slice(1)}`, { headers, signal: ac.signal });
  let text = '';
  const events: unknown[] = [];
  if (res.status === 200 && res.body) {
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          text += decoder.decode(value, { stream: true });
          const blocks = text.split('\n\n');
          events.length = 0;
          for (const b of blocks) {
            const data = b.split('\n').find((l) => l.startsWith('data: '));
            if (data) events.push(JSON.parse(data.slice(6)));
          }
        }
      } catch {
        // aborted by close()
      }
    })();
  } else await res.body?.cancel();
  return { status: res.status, events, text: () => text, close: () => ac.abort() };
}

async function api(host: WebHost, name: string, input: unknown, cookie: string) {
  const res = await fetch(`${host.url}api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie }, body: JSON.stringify(input) });
  return (await res.json()) as { ok: boolean };
}

const settle = () => new Promise((r) => setTimeout(r, 150));

describe('change events over server-sent events', () => {
  let core: Awaited<ReturnType<typeof tempCore>>;
  let host: WebHost;
  const opened: Stream[] = [];
  beforeAll(async () => {
    core = await tempCore();
    const dir = join(core.dir, 'static');
    mkdirSync(dir);
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    host = await startWebHost({ ctx: core.ctx, staticDir: dir, watchOthersMs: 50 });
  });
  afterAll(async () => {
    for (const s of opened) s.close();
    await host.close();
    core.cleanup();
  });
  const stream = async (headers: Record<string, string>) => {
    const s = await openStream(host, headers);
    opened.push(s);
    return s;
  };
  const save = (number: string) => core.call('rooms.save', { number, name: null, capacity: null, kind: 'regular' });

  it('is refused without the session cookie, with an unknown one, from another site or another Host', async () => {
    const cookie = await openWebSession(host.openUrl);
    expect((await stream({})).status).toBe(403);
    expect((await stream({ Cookie: `${host.cookieName}=${host.token}` })).status).toBe(403);
    expect((await stream({ Cookie: cookie, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await stream({ Cookie: cookie, 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    // (fetch cannot set Host: a plain HTTP request does, as a DNS-rebinding page's would arrive)
    const rebound = await new Promise<number>((resolve, reject) =>
      get({ host: '127.0.0.1', port: host.port, path: CHANGES_PATH, headers: { Cookie: cookie, Host: `evil.example:${host.port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject),
    );
    expect(rebound).toBe(403);
    const post = await fetch(`${host.url}${CHANGES_PATH.slice(1)}`, { method: 'POST', headers: { Cookie: cookie } });
    expect(post.status).toBe(405);
  });

  it('a session that is not logged in gets nothing; once logged in, entity names and who — nothing personal', async () => {
    const cookie = await openWebSession(host.openUrl);
    const s = await stream({ Cookie: cookie, 'Sec-Fetch-Site': 'same-origin' });
    expect(s.status).toBe(200);
    await save('101');
    await settle();
    expect(s.events).toEqual([]);
    expect(s.text()).not.toContain('room');

    expect((await api(host, 'auth.login', { login: ADMIN.login, password: ADMIN.password }, cookie)).ok).toBe(true);
    const before = s.events.length;
    await save('102');
    await expect.poll(() => s.events.length, { timeout: 5000 }).toBeGreaterThan(before);
    const last = s.events.at(-1);
    expect(last).toEqual({ entities: ['audit_log', 'room', 'sync_mutation'], by: 'user' });
    // Nothing personal: no login, no session id, no record.
    expect(s.text()).not.toContain(ADMIN.login);
    expect(s.text()).not.toContain(core.ctx.session.id);
    expect(s.text()).not.toContain('102');
    expect(parseChangeMessage(last)).toEqual(last);

    // Locked: nothing (the renderer reloads after the unlock); logged out: nothing.
    host.sessions.get(cookie.split('=')[1]!)!.locked = true;
    const n = s.events.length;
    await save('103');
    await settle();
    expect(s.events.length).toBe(n);
    host.sessions.get(cookie.split('=')[1]!)!.locked = false;
    await api(host, 'auth.logout', {}, cookie);
    await settle();
    // The logout's own audit line may still reach the session it ends: the log's name, nothing else.
    for (const e of s.events.slice(n)) expect(e).toEqual({ entities: ['audit_log'], by: 'user' });
    const m = s.events.length;
    await save('104');
    await settle();
    expect(s.events.length).toBe(m);
  }, 30_000);

  it('tells a commit by another connection to the file (the CLI) as «anything, by another process»', async () => {
    const cookie = await openWebSession(host.openUrl);
    expect((await api(host, 'auth.login', { login: ADMIN.login, password: ADMIN.password }, cookie)).ok).toBe(true);
    const s = await stream({ Cookie: cookie });
    const other = new Db(core.path);
    try {
      other.tx(() => new Writer(other, 'cli').insert('room', { number: '301', name: null, capacity: null, kind: 'regular' }));
      await expect.poll(() => s.events, { timeout: 5000 }).toContainEqual({ entities: ['*'], by: 'other' });
    } finally {
      other.close();
    }
  }, 30_000);

  it(`keeps at most ${MAX_STREAMS_PER_SESSION} streams per session, closing the oldest`, async () => {
    const cookie = await openWebSession(host.openUrl);
    expect((await api(host, 'auth.login', { login: ADMIN.login, password: ADMIN.password }, cookie)).ok).toBe(true);
    const all: Stream[] = [];
    for (let i = 0; i <= MAX_STREAMS_PER_SESSION; i++) all.push(await stream({ Cookie: cookie }));
    await save(`4${all.length}`);
    await expect.poll(() => all.at(-1)!.events.length, { timeout: 5000 }).toBe(1);
    expect(all[0]!.events).toEqual([]);
    expect(all.slice(1).every((x) => x.events.length === 1)).toBe(true);
  }, 30_000);
});

describe('what a session is told', () => {
  const event = { entities: ['student'], by: 'user' as const, actor: 'admin', sessionId: 'x' };
  it('nothing before the login, during the forced password change, or while locked; else names and who only', () => {
    const s = new Session(true);
    expect(changeMessageFor(s, event)).toBeNull();
    const user = { id: '1', login: 'admin', displayName: 'А', role: 'sysadmin' as const, deputyGrades: [], access: {} };
    s.signIn({ ...user, mustChangePassword: true }, new Date());
    expect(changeMessageFor(s, event)).toBeNull();
    s.signIn({ ...user, mustChangePassword: false }, new Date());
    expect(changeMessageFor(s, event)).toEqual({ entities: ['student'], by: 'user' });
    s.locked = true;
    expect(changeMessageFor(s, event)).toBeNull();
  });

  it('the renderer and the preload take only a well-formed message', () => {
    expect(parseChangeMessage({ entities: ['student', '*'], by: 'sync', extra: 1 })).toEqual({ entities: ['student', '*'], by: 'sync' });
    for (const bad of [null, 1, 'x', {}, { entities: [], by: 'user' }, { entities: ['Student'], by: 'user' }, { entities: ['a b'], by: 'user' }, { entities: ['a'], by: 'admin' }, { entities: 'student', by: 'user' }, { entities: Array(201).fill('a'), by: 'user' }])
      expect(parseChangeMessage(bad)).toBeNull();
  });
});
