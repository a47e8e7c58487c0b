// Credentials (issue 12 point 5; R7, R12), end to end on a real database and the real central
// server on PostgreSQL: a newcomer arriving on 30.12.2026 gets requests for itself and its parent
// (not for the parent who refused the electronic service), due on the 10th working day by the
// production calendar (22.01.2027: the New Year holidays skipped); a school correction moves it;
// a real sync round brings the central's login and one-time password; a request the central did not
// answer is shown as such (the register, the home screen's deadlines, the CLI) and asked for again
// («Запросить снова»), then answered; the handing recorded; the slips and the register printed
// (rendered with pdftoppm); who may see and do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCentralDb, type CentralDb } from '../../central/db';
import { migrateCentral } from '../../central/migrations/index';
import { startCentral, type CentralServer } from '../../central/server';
import { ensureSchool, issueEnrollmentCode } from '../../central/auth';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { ADMIN, demoCore } from '../support/core';
import { runCli } from '../support/cli';
import { resultBytes } from '../support/files';
import type { ExportedFile } from '../../electron/api/types';
import type { Ctx } from '../../electron/core/context';
import { Session } from '../../electron/core/auth/session';
import { sessionUser } from '../../electron/core/auth/users';
import { createLocalClient } from '../../electron/core/dispatch';
import { addDays, isWorkingDay } from '../../electron/core/calendar/calendar';
import * as store from '../../db/sync';
import { CentralClient } from '../../electron/core/sync/http';
import { MAX_PUSH } from '../../central/protocol';
import { writeCentral } from '../../central/store/write';
import type { AppRole } from '../../electron/api/roles';

const ART = join(import.meta.dirname, '../artifacts/credentials');
const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
const render = (path: string) => execFileSync('pdftoppm', ['-png', '-r', '60', path, path.replace(/\.pdf$/, '')]);
const pageSize = (path: string) => /Page size:\s+([\d.]+) x ([\d.]+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))!.slice(1).map(Number);

let pg: TestPostgres;
let cdb: CentralDb;
let server: CentralServer;
let t: Awaited<ReturnType<typeof demoCore>>;
let newcomerId = '';
let classId = '';
let className = '';
const today = new Date().toISOString().slice(0, 10);

const save = (file: ExportedFile, name: string) => {
  mkdirSync(ART, { recursive: true });
  const path = join(ART, name);
  writeFileSync(path, resultBytes(t.ctx.session, file));
  return path;
};

async function as(role: AppRole) {
  const r = await t.call('users.save', { login: `cred-${role}`, displayName: `Проверка ${role}`, role, deputyGrades: [5] });
  const row = t.db.raw.prepare('SELECT * FROM app_user WHERE id = ?').get(r.user.id) as Parameters<typeof sessionUser>[0];
  const session = new Session(false);
  session.signIn(sessionUser(row), new Date());
  const ctx: Ctx = { ...t.ctx, session };
  return createLocalClient(ctx);
}

beforeAll(async () => {
  pg = await startPostgres();
  cdb = openCentralDb(pg.url);
  await migrateCentral(cdb);
  server = await startCentral({ db: cdb, log: null });
  t = await demoCore(100);
  const c = (await t.call('classes.list')).find((x) => x.grade === 5)!;
  classId = c.id;
  className = c.name;
  const s = await t.call('students.save', {
    id: null, lastName: 'Щукина', firstName: 'Юлия', middleName: 'Андреевна', birthDate: '2015-04-02', gender: 'f', snils: null, classId,
    address: null, personalFileNo: null,
    guardians: [
      { id: null, lastName: 'Щукина', firstName: 'Ирина', middleName: 'Сергеевна', relation: 'мать', phone: null, email: null, pdConsentDate: '2026-12-01', eServiceRefused: false },
      { id: null, lastName: 'Щукин', firstName: 'Андрей', middleName: 'Ёжикович', relation: 'отец', phone: null, email: null, pdConsentDate: '2026-12-01', eServiceRefused: true },
    ],
  });
  newcomerId = s.id;
}, 300_000);

afterAll(async () => {
  t?.cleanup();
  await server?.close().catch(() => undefined);
  await cdb?.destroy();
  await pg?.stop();
});

describe('credentials for a newcomer', () => {
  it('requests them for the student and the parent, not for the parent who refused; due on 22.01.2027', async () => {
    const r = await t.call('credentials.request', { studentId: newcomerId, arrivedOn: '2026-12-30' });
    expect(r).toEqual({ made: 2, refused: 1, dueOn: '2027-01-22' });
    const rows = (await t.call('credentials.list', { classId, state: 'all' })).filter((x) => x.studentId === newcomerId);
    expect(rows.map((x) => [x.role, x.recipientName, x.relation, x.state, x.dueOn])).toEqual([
      ['student', 'Щукина Юлия Андреевна', null, 'waiting', '2027-01-22'],
      ['parent', 'Щукина Ирина Сергеевна', 'мать', 'waiting', '2027-01-22'],
    ]);
    // Asked once: a second request is refused, in Russian, and changes nothing.
    await expect(t.call('credentials.request', { studentId: newcomerId, arrivedOn: '2026-12-30' })).rejects.toThrow(/уже запрошены/);
    expect(t.db.raw.prepare('SELECT count(*) AS n FROM credential_request WHERE student_id = ?').get(newcomerId)).toEqual({ n: 2 });
    // The parent who refused is counted for the printed statements (R12).
    const due = await t.call('credentials.due');
    expect(due.refusedParents.find((p) => p.name === 'Щукин Андрей Ёжикович')).toMatchObject({ students: ['Щукина Юлия Андреевна'], classes: [className] });
  });

  it('a school correction of the calendar moves the deadline, and its removal moves it back', async () => {
    const day = await t.call('calendar.save', { date: '2027-01-15', kind: 'holiday', note: 'Решение учредителя' });
    expect(day).toMatchObject({ date: '2027-01-15', working: false, reason: 'Решение учредителя' });
    const dues = () => (t.db.raw.prepare('SELECT DISTINCT due_on FROM credential_request WHERE student_id = ?').all(newcomerId) as { due_on: string }[]).map((r) => r.due_on);
    expect(dues()).toEqual(['2027-01-25']);
    expect(await t.call('calendar.addWorkingDays', { date: '2026-12-30', days: 10 })).toBe('2027-01-25');
    await t.call('calendar.remove', { id: day.correction!.id });
    expect(dues()).toEqual(['2027-01-22']);
    const y = await t.call('calendar.year', { year: 2026 });
    expect(y).toMatchObject({ shipped: true, workingDays: 247 });
    expect(y.exceptions.find((d) => d.date === '2026-12-31')).toMatchObject({ working: false, reason: expect.stringMatching(/№ 1466/) });
  });

  it('the deadlines per class teacher: late and due soon', async () => {
    const others = t.db.raw.prepare(`SELECT id FROM student WHERE class_id = ? AND id <> ? ORDER BY last_name LIMIT 2`).all(classId, newcomerId) as { id: string }[];
    // One arrived long ago (late), one 8 working days ago (due in 2 working days).
    await t.call('credentials.request', { studentId: others[0]!.id, arrivedOn: '2026-11-02' });
    let d = today;
    for (let n = 0; n < 8; ) if (isWorkingDay((d = addDays(d, -1)))) n++;
    await t.call('credentials.request', { studentId: others[1]!.id, arrivedOn: d });
    const due = await t.call('credentials.due');
    const teacher = due.teachers.find((x) => x.classes.includes(className))!;
    const open = t.db.raw.prepare(`SELECT count(*) AS n FROM credential_request r JOIN student s ON s.id = r.student_id WHERE s.class_id = ?`).get(classId) as { n: number };
    const late = t.db.raw.prepare(`SELECT count(*) AS n FROM credential_request WHERE student_id = ?`).get(others[0]!.id) as { n: number };
    const soon = t.db.raw.prepare(`SELECT count(*) AS n FROM credential_request WHERE student_id = ?`).get(others[1]!.id) as { n: number };
    expect(teacher.teacherName).toBeTruthy();
    expect(teacher).toMatchObject({ open: open.n, late: late.n, dueSoon: soon.n });
  });
});

describe('the central issues the accounts through a real sync round', () => {
  it('pushes the requests, and the pulled answer holds a login from the name and a one-time password', async () => {
    const schoolId = (await ensureSchool(cdb, 'МБОУ СОШ № 12')).id;
    const { code } = await issueEnrollmentCode(cdb, schoolId);
    const reg = await t.call('sync.register', { serverUrl: server.url, code, name: 'Кабинет администратора' });
    expect(reg.roundError).toBeNull();
    await t.call('sync.now'); // the answer was written after the push: the round's pull brings it (a second round changes nothing)
    const rows = (await t.call('credentials.list', { classId, state: 'all' })).filter((x) => x.studentId === newcomerId);
    expect(rows.map((r) => [r.state, r.login])).toEqual([
      ['issued', 'shchukina.ia'],
      ['issued', 'shchukina.is'],
    ]);
    for (const r of rows) expect(r.oneTimePassword).toMatch(/^[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}-[a-zA-Z2-9]{4}$/);
    expect(rows[0]!.oneTimePassword).not.toBe(rows[1]!.oneTimePassword);
    // Every request of the school answered, each login once.
    const issued = t.db.raw.prepare('SELECT login, one_time_password FROM credential_issue').all() as { login: string; one_time_password: string }[];
    const requests = t.db.raw.prepare('SELECT count(*) AS n FROM credential_request').get() as { n: number };
    expect(issued.length).toBe(requests.n);
    expect(new Set(issued.map((i) => i.login)).size).toBe(issued.length);
    // Nothing secret in the audit log or the sync log.
    const logs = JSON.stringify([t.db.raw.prepare('SELECT * FROM audit_log').all(), t.db.raw.prepare('SELECT * FROM sync_log').all()]);
    for (const i of issued) expect(logs).not.toContain(i.one_time_password);
    // The central's rows are read-only here: the office cannot write them.
    expect(t.db.raw.prepare(`SELECT count(*) AS n FROM sync_change WHERE entity = 'credential_issue'`).get()).toEqual({ n: 0 });
  }, 300_000);

  it('records the handing: date, recipient, how, by whom', async () => {
    const [student] = (await t.call('credentials.list', { classId, state: 'issued' })).filter((x) => x.studentId === newcomerId);
    await expect(t.call('credentials.hand', { id: student!.id, handedOn: '2099-01-01', handedTo: 'Щукина Ю. А.', handedHow: 'in_person' })).rejects.toThrow(/ещё не наступила/);
    const r = await t.call('credentials.hand', { id: student!.id, handedOn: today, handedTo: 'Щукина Ю. А.', handedHow: 'in_person' });
    expect(r).toMatchObject({ state: 'handed', handedOn: today, handedTo: 'Щукина Ю. А.', handedHow: 'in_person', handedBy: t.ctx.session.user!.displayName, late: false });
  });

  it('prints the slips of a class and the register for signatures', async () => {
    const slips = save(await t.call('credentials.slipsPdf', { classId }), 'slips.pdf');
    render(slips);
    const st = pdfText(slips);
    const parent = (await t.call('credentials.list', { classId, state: 'issued' })).find((x) => x.recipientName === 'Щукина Ирина Сергеевна')!;
    expect(st).toContain('Щукина Ирина Сергеевна');
    expect(st).toContain(`Логин: ${parent.login}`);
    expect(st).toContain(`Одноразовый пароль: ${parent.oneTimePassword}`);
    expect(st).toContain(server.url);
    expect(st).not.toContain('Логин: shchukina.ia'); // already handed: no slip
    const register = save(await t.call('credentials.registerPdf', { from: null, to: null }), 'register.pdf');
    render(register);
    const rt = pdfText(register);
    expect(rt).toMatch(/Журнал выдачи учётных данных/);
    for (const h of ['Дата', 'Обучающийся, класс', 'Получатель и роль', 'Логин', 'Способ', 'Подпись', 'Кто выдал']) expect(rt).toContain(h);
    expect(rt).toMatch(/shchukina\.ia/);
    expect(rt).toMatch(/Лично под\s+(\S.*\n.*)?подпись/); // the cell may wrap
    expect(rt).not.toContain(parent.oneTimePassword!); // the register never shows a password
    const [w, h] = pageSize(register);
    expect(w).toBeGreaterThan(h!); // A4 landscape
    expect(Math.round(w!)).toBe(842);
  }, 120_000);

  it('the secretary changes; deputies and the director only see, without the passwords', async () => {
    const deputy = await as('deputy');
    const rows = await deputy('credentials.list', { classId, state: 'all' });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.oneTimePassword === null)).toBe(true);
    await expect(deputy('credentials.slipsPdf', { classId })).rejects.toThrow(/Недостаточно прав/);
    await expect(deputy('credentials.request', { studentId: newcomerId, arrivedOn: today })).rejects.toThrow(/Недостаточно прав/);
    await expect(deputy('calendar.save', { date: '2027-01-15', kind: 'holiday', note: null })).rejects.toThrow(/Недостаточно прав/);
    const director = await as('director');
    expect((await director('credentials.due')).teachers.length).toBeGreaterThan(0);
    await expect(director('credentials.hand', { id: rows[0]!.id, handedOn: today, handedTo: 'x', handedHow: 'in_person' })).rejects.toThrow(/Недостаточно прав/);
    const secretary = await as('secretary');
    expect((await secretary('credentials.list', { classId, state: 'issued' })).some((r) => r.oneTimePassword !== null)).toBe(true);
  });
});

describe('a request the central did not answer', () => {
  it('is shown as not issued once the round brought it back without a login; «Запросить снова» gets the login', async () => {
    const { schoolId } = store.syncState(t.db).identity!;
    const other = t.db.raw
      .prepare(`SELECT id FROM student s WHERE class_id = ? AND NOT EXISTS (SELECT 1 FROM credential_request r WHERE r.student_id = s.id) ORDER BY last_name, id LIMIT 1`)
      .get(classId) as { id: string };
    const made = await t.call('credentials.request', { studentId: other.id, arrivedOn: today });
    expect(made.made).toBeGreaterThan(0);
    const mine = async () => (await t.call('credentials.list', { classId, state: 'all' })).filter((x) => x.studentId === other.id);
    const ids = (await mine()).map((r) => r.id);
    // Not sent yet: waiting; «Запросить снова» has nothing to do (it would go with the next round anyway).
    expect((await mine()).map((r) => r.state)).toEqual(ids.map(() => 'waiting'));
    await expect(t.call('credentials.retry', { id: ids[0]! })).rejects.toThrow(/ещё не обработан центральной системой/);
    // The push, as a round makes it, to the real server (which answers with the accounts in the same
    // transaction); then the central takes its answer back before the office pulls — a central that
    // did not issue the login: the answer never comes back.
    const id = store.syncState(t.db).identity!;
    const client = new CentralClient(id.serverUrl, { clientId: id.clientId, secret: id.secret });
    const pushed = await client.push(store.mutationsToPush(t.db, MAX_PUSH));
    if (!pushed.ok) throw new Error(pushed.conflict.message);
    store.recordPush(t.db, pushed.res);
    expect((await mine()).map((r) => r.state)).toEqual(ids.map(() => 'waiting')); // sent, the answer not pulled yet
    const answers = (await cdb.selectFrom('record').select(['id', 'data']).where('school_id', '=', schoolId).where('entity', '=', 'credential_issue').execute()).filter((r) =>
      ids.includes(String((r.data as Record<string, unknown>).request_id)),
    );
    expect(answers).toHaveLength(ids.length);
    const at = new Date().toISOString();
    await writeCentral(cdb, schoolId, answers.map((r) => ({ entity: 'credential_issue', id: String(r.id), op: 'delete' as const, base: null, fields: { deleted_at: at, updated_at: at } })));
    expect((await t.call('sync.now')).refused).toBe(0);

    // Visible: the state on each request, the count per class teacher (the home screen), the CLI.
    const failed = await mine();
    expect(failed.map((r) => [r.state, r.login])).toEqual(ids.map(() => ['failed', null]));
    expect((await t.call('credentials.list', { classId, state: 'failed' })).map((r) => r.id).sort()).toEqual([...ids].sort());
    const teacher = (await t.call('credentials.due')).teachers.find((x) => x.classes.includes(className))!;
    expect(teacher.failed).toBe(ids.length);
    // Handing what was not issued is refused.
    await expect(t.call('credentials.hand', { id: ids[0]!, handedOn: today, handedTo: 'x', handedHow: 'in_person' })).rejects.toThrow(/ещё не выдала/);

    // «Запросить снова»: each request sent again with the next round; the central answers it.
    for (const r of ids) expect((await t.call('credentials.retry', { id: r })).state).toBe('waiting');
    expect((await t.call('credentials.due')).teachers.find((x) => x.classes.includes(className))!.failed).toBe(0);
    await t.call('sync.now');
    const issued = await mine();
    expect(issued.map((r) => r.state)).toEqual(ids.map(() => 'issued'));
    for (const r of issued) expect(r.login).toMatch(/^[a-z]+\.[a-z]+\d*$/);
    await expect(t.call('credentials.retry', { id: ids[0]! })).rejects.toThrow(/уже выдала логин/);
    // Each login once in the school, the withdrawn ones included.
    const logins = t.db.raw.prepare('SELECT login FROM credential_issue WHERE deleted_at IS NULL').pluck().all() as string[];
    expect(new Set(logins).size).toBe(logins.length);
  }, 300_000);
});

describe('command line: credentials due', () => {
  it('prints the open credentials per class teacher with their deadlines, never a password', async () => {
    const login = t.demo.users.find((u) => u.role === 'sysadmin')!.login;
    const r = runCli(['credentials', 'due', '--class', className, '--db', t.path, '--user', login], { password: ADMIN.password, env: { SCHOOL_OFFICE_SYNC: 'off' } });
    expect(r.code, r.stderr).toBe(0);
    const open = await t.call('credentials.list', { classId, state: 'open' });
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(`Выдача учётных данных на ${today.split('-').reverse().join('.')}: не вручено ${open.length}, просрочено ${open.filter((x) => x.late).length}`);
    expect(lines).toContain(`    ${className}  Щукина Юлия Андреевна — Щукина Ирина Сергеевна (мать)  до 22.01.2027  логин shchukina.is`);
    for (const o of open) expect(r.stdout).not.toContain(o.oneTimePassword!);
    expect(lines.at(-1)).toMatch(/^Отказались от электронного сервиса \(выписки на бумаге\): \d+$/);
  }, 180_000);
});
