// Nothing personal reaches the logs (152-ФЗ): the demo school is worked through real processes —
// the browser host driven over HTTP, and the CLI — and everything they print as logs is scanned for
// the names, СНИЛС and phone numbers of the school's pupils, parents and staff.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../electron/core/dispatch';
import { handlers } from '../../electron/core/handlers';
import { tempCore } from '../support/core';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../db';
import { tempDir } from '../support/tmp';
import { STUDENT_HEADERS, xlsx } from '../support/sheets';
import { openWebSession } from '../support/web';
import { runCli } from '../support/cli';

const ROOT = join(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

interface Demo {
  users: { login: string; role: string; password: string }[];
}
type Reply = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };

/** The browser host as a child process; all it prints is kept. */
function startHost(db: string): Promise<{ proc: ChildProcess; url: URL; token: string; out: () => string; exited: Promise<number | null> }> {
  const proc = spawn(TSX, ['electron/web/main.ts', '--db', db, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
  proc.stderr!.setEncoding('utf8').on('data', (c: string) => (out += c));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the host did not start: ${out}`)), 60_000);
    const check = () => {
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)\?t=([\w-]+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      proc.stdout!.off('data', check);
      resolve({ proc, url: new URL(m[1]!), token: m[2]!, out: () => out, exited });
    };
    proc.stdout!.on('data', check);
    proc.on('exit', () => reject(new Error(`the host exited: ${out}`)));
  });
}

const cli = (args: string[], password?: string) => runCli(args, { password: password ?? '' });

/** What must never be printed: «Фамилия Имя» of every person, every СНИЛС and phone, as stored and as bare digits. */
function personalNeedles(dbPath: string, extra: string[]): string[] {
  const db = openDatabase(dbPath);
  try {
    const rows = <T>(sql: string) => db.raw.prepare(sql).all() as T[];
    const names = rows<{ n: string }>(
      "SELECT last_name || ' ' || first_name AS n FROM student UNION SELECT last_name || ' ' || first_name FROM guardian UNION SELECT last_name || ' ' || first_name FROM staff",
    ).map((r) => r.n);
    const snils = rows<{ s: string }>('SELECT snils AS s FROM student WHERE snils IS NOT NULL UNION SELECT snils FROM staff WHERE snils IS NOT NULL').map((r) => r.s);
    const phones = rows<{ p: string }>(
      'SELECT phone AS p FROM guardian WHERE phone IS NOT NULL UNION SELECT phone FROM staff WHERE phone IS NOT NULL UNION SELECT phone FROM school WHERE phone IS NOT NULL',
    ).map((r) => r.p);
    expect(names.length).toBeGreaterThan(2000);
    expect(snils.length).toBeGreaterThan(500);
    expect(phones.length).toBeGreaterThan(500);
    const digits = (s: string) => s.replace(/\D/g, '');
    return [...new Set([...names, ...extra, ...snils, ...snils.map(digits), ...phones, ...phones.map(digits), ...phones.map((p) => digits(p).slice(1))])].map((s) => s.toLowerCase());
  } finally {
    db.close();
  }
}

const leaks = (log: string, needles: string[]) => {
  const hay = log.toLowerCase();
  return needles.filter((n) => hay.includes(n));
};

describe('logs carry no personal data', () => {
  const tmp = tempDir('school-office-logs-');
  const db = join(tmp.dir, 'school.sqlite');
  let demo: Demo;
  let host: Awaited<ReturnType<typeof startHost>> | undefined;
  const cliLogs: string[] = [];
  /** Names typed in during the flow that were refused and so are not in the database. */
  const typed: string[] = [];
  const replies: Record<string, Reply> = {};

  afterAll(async () => {
    if (host && host.proc.exitCode === null && host.proc.signalCode === null) {
      host.proc.kill('SIGTERM');
      await host.exited;
    }
    tmp.cleanup();
  });

  beforeAll(async () => {
    const made = cli(['demo', '--db', db, '--json']);
    expect(made.code, made.stderr).toBe(0);
    demo = JSON.parse(made.stdout) as Demo;
    cliLogs.push(made.stderr);
    const password = (login: string) => demo.users.find((u) => u.login === login)!.password;

    host = await startHost(db);
    const h = host;
    const cookie = await openWebSession(`${h.url.href}?t=${h.token}`);
    const api = async (name: string, input: unknown = {}, headers: Record<string, string> = {}): Promise<Reply> => {
      const res = await fetch(new URL(`/api/${name}`, h.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: cookie, ...headers },
        body: typeof input === 'string' ? input : JSON.stringify(input),
      });
      const text = await res.text();
      return res.status === 200 ? (JSON.parse(text) as Reply) : { ok: false, error: { code: String(res.status), message: text } };
    };
    const step = async (key: string, name: string, input?: unknown, headers?: Record<string, string>) => (replies[key] = await api(name, input, headers));

    // The secretary's first day: the one-time password, then the pupils.
    await step('info', 'app.info');
    await step('wrongPassword', 'auth.login', { login: 'secretary', password: 'не-тот-пароль' });
    await step('login', 'auth.login', { login: 'secretary', password: password('secretary') });
    await step('beforeChange', 'students.list', {});
    await step('changePassword', 'auth.changePassword', { oldPassword: password('secretary'), newPassword: 'Секретарь-2026' });
    const all = await step('list', 'students.list', { limit: 50 });
    const first = (all as { result: { rows: { id: string; fullName: string }[] } }).result.rows[0]!;
    await step('search', 'students.list', { search: first.fullName.split(' ')[0] });
    const card = await step('get', 'students.get', { id: first.id });
    const details = (card as { result: Record<string, unknown> & { guardians: unknown[] } }).result;
    await step('badSnils', 'students.save', { ...details, snils: '112-233-445 96' });
    await step('edit', 'students.save', { ...details, address: 'г. Новоозёрск, ул. Лесная, д. 1' });
    typed.push('Загадкина Виолетта');
    await step('badNew', 'students.save', {
      lastName: 'Загадкина', firstName: 'Виолетта', middleName: 'Игоревна', birthDate: '2040-01-01', gender: 'f', snils: '987-654-321 00', classId: null,
      address: null, personalFileNo: null,
      guardians: [{ lastName: 'Загадкина', firstName: 'Ирина', middleName: null, relation: 'мать', phone: '12345', email: 'не почта', pdConsentDate: null, eServiceRefused: false }],
    });
    typed.push('Загадкина Ирина');

    // A file with bad rows: refused row by row, nothing written.
    const existing = first.fullName.split(' ');
    const file = await xlsx(STUDENT_HEADERS, [
      ['Незнамов', 'Тимофей', 'Ильич', '31.02.2015', 'м', null, '5А', 'Незнамова Алла Петровна', '+7 912 000-11-22'],
      ['Неверова', 'Кира', 'Олеговна', '10.10.2015', 'ж', '112-233-445 96', '5А', null, null],
      ['Нетуева', 'Зоя', null, '10.10.2015', 'ж', null, '5Я', null, null],
      // A student of the school: the row updates them (nothing to change); the same student again is refused, by name.
      [existing[0]!, existing[1]!, existing[2] ?? null, String(details.birthDate).split('-').reverse().join('.'), null, null, String(details.className), null, null],
      [existing[0]!, existing[1]!, existing[2] ?? null, String(details.birthDate).split('-').reverse().join('.'), null, null, String(details.className), null, null],
    ]);
    typed.push('Незнамов Тимофей', 'Незнамова Алла', 'Неверова Кира', 'Нетуева Зоя');
    // The file travels apart from the calls (electron/web/server.ts `POST /files/upload`), the calls name it.
    const sent = await fetch(new URL(`/files/upload?name=${encodeURIComponent('Новые ученики.xlsx')}`, h.url), { method: 'POST', headers: { Cookie: cookie }, body: file });
    expect(sent.status).toBe(200);
    const upload = { kind: 'students', file: ((await sent.json()) as { result: { id: string } }).result.id };
    await step('preview', 'import.preview', upload);
    await step('import', 'import.commit', upload);
    await step('export', 'export.list', { list: 'students' });
    await step('logout', 'auth.logout');

    // The administrator: a removal naming no record (an internal error before issue 8), the log and its export, a correction.
    await step('adminLogin', 'auth.login', { login: 'admin', password: password('admin') });
    await step('adminChange', 'auth.changePassword', { oldPassword: password('admin'), newPassword: 'Администратор-2026' });
    await step('internal', 'staff.remove', { id: first.fullName.slice(0, 60) }); // «staff <name> not found» inside before issue 8
    await step('audit', 'audit.search', { text: first.fullName });
    await step('auditExport', 'audit.export', { entity: 'student', entityId: first.id });
    const guardian = (details.guardians[0] as { lastName: string; firstName: string; phone: string | null } | undefined) ?? { lastName: 'Нет', firstName: 'Нет', phone: null };
    const correction = await step('correction', 'corrections.save', {
      reportedAt: new Date(Date.now() - 60_000).toISOString(),
      reporter: `${guardian.lastName} ${guardian.firstName}`,
      reporterContact: guardian.phone,
      description: `Неверный СНИЛС у ${first.fullName}`,
    });
    const correctionId = (correction as { result: { id: string } }).result.id;
    await step('corrected', 'corrections.markCorrected', { id: correctionId, resolution: `СНИЛС ${first.fullName} исправлен` });
    await step('notified', 'corrections.markNotified', { id: correctionId });
    await step('newUser', 'users.save', { login: 'teacher1', displayName: first.fullName, role: 'deputy', deputyGrades: [5] });
    // Broken requests.
    await step('badJson', 'students.list', '{"search": "' + first.fullName);
    await step('unknown', 'students.drop', { id: first.fullName });
    await step('noToken', 'students.list', { search: first.fullName }, { Cookie: 'x' });

    h.proc.kill('SIGTERM');
    expect(await h.exited).toBe(0);

    // The CLI: a file with errors, in --json mode (stdout is the requested output, stderr the log).
    const bad = join(tmp.dir, 'bad.xlsx');
    writeFileSync(bad, file);
    const imported = cli(['import', 'students', bad, '--db', db, '--json', '--user', 'admin'], 'Администратор-2026');
    expect(imported.code).toBe(1);
    expect(JSON.parse(imported.stdout).errors.length).toBeGreaterThan(3);
    cliLogs.push(imported.stderr);
    const listed = cli(['list', 'students', '--db', db, '--json', '--user', 'admin'], 'Администратор-2026');
    expect(listed.code, listed.stderr).toBe(0);
    cliLogs.push(listed.stderr);
    const exported = cli(['export', 'students', '--db', db, '--out', join(tmp.dir, 'students.xlsx'), '--json', '--user', 'admin'], 'Администратор-2026');
    expect(exported.code, exported.stderr).toBe(0);
    cliLogs.push(exported.stderr);
  }, 240_000);

  it('went through the whole flow, refusals included', () => {
    const code = (k: string) => (replies[k]!.ok ? 'ok' : replies[k]!.error.code);
    expect(
      Object.fromEntries(
        ['info', 'wrongPassword', 'login', 'beforeChange', 'changePassword', 'list', 'search', 'get', 'badSnils', 'edit', 'badNew', 'preview', 'import', 'export', 'logout',
          'adminLogin', 'adminChange', 'internal', 'audit', 'auditExport', 'correction', 'corrected', 'notified', 'newUser', 'badJson', 'unknown', 'noToken'].map((k) => [k, code(k)]),
      ),
    ).toEqual({
      info: 'ok', wrongPassword: 'unauthenticated', login: 'ok', beforeChange: 'forbidden', changePassword: 'ok', list: 'ok', search: 'ok', get: 'ok',
      badSnils: 'validation', edit: 'ok', badNew: 'validation', preview: 'ok', import: 'validation', export: 'ok', logout: 'ok',
      adminLogin: 'ok', adminChange: 'ok', internal: 'not_found', audit: 'ok', auditExport: 'ok', correction: 'ok', corrected: 'ok', notified: 'ok', newUser: 'ok',
      badJson: '400', unknown: 'not_found', noToken: '403',
    });
    expect((replies.preview as { result: { errors: unknown[] } }).result.errors.length).toBeGreaterThan(3);
    expect((replies.audit as { result: { total: number } }).result.total).toBeGreaterThan(0);
  });

  it('the browser host logs only its address, its database and the kind of an internal error', () => {
    const log = host!.out();
    expect(log).toMatch(/Школьный офис в браузере: http:\/\/127\.0\.0\.1:\d+\//);
    // A removal naming no record is a Russian refusal now, no internal error (the logging of one: below).
    expect((replies.internal as { error: { message: string } }).error.message).toBe('Запись не найдена (сотрудник): возможно, её уже удалили.');
    const needles = personalNeedles(db, typed);
    expect(leaks(`x ${needles[0]} y`, needles)).toHaveLength(1); // the scan does find a name
    expect(leaks(log, needles)).toEqual([]);
    // Nothing but those lines (and a failed scheduled backup, should the machine refuse one).
    const lines = log.split('\n').filter(Boolean);
    expect(lines.filter((l) => !/^(Школьный офис в браузере: |База данных: |\[core\] internal error: |\[backup\] )/.test(l))).toEqual([]);
  });

  it('the command line logs nothing personal to stderr', () => {
    const needles = personalNeedles(db, typed);
    expect(leaks(cliLogs.join('\n'), needles)).toEqual([]);
  });

  it('an internal error is logged by its kind only, never its message', async () => {
    const t = await tempCore();
    const logged: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void logged.push(a.join(' ')));
    try {
      const failing = { ...handlers, 'staff.remove': () => { throw new TypeError('staff Иванов Пётр Сергеевич 123-456-789 01 not found'); } };
      const r = await dispatch(t.ctx, 'staff.remove', { id: 'x' }, failing);
      expect(r.ok ? '' : r.error.code).toBe('internal');
      expect(logged).toEqual(['[core] internal error: TypeError ']);
    } finally {
      spy.mockRestore();
      t.cleanup();
    }
  });
});
