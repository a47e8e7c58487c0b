// Issue 10, a defect: a newcomer installation (its first administrator only, or little more) that
// registers to a school the central system already has must not push its administrator's staff card
// as a second card of a person the school already has. With a real PostgreSQL and the real central
// server over HTTP: the demo school pushed by one computer; a fresh installation whose first
// administrator is one of the school's staff, who made a subject, a room and edited their own card
// before connecting, registers — its round pulls first, the account is linked to the pulled card,
// the local card's unsent insert is dropped from the outbox (the rest renumbered), its references
// moved; everything else arrives at the central. A newcomer whose administrator the school does not
// have, or has two cards of that name, keeps its card and pushes it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCentralDb, type CentralDb } from '../../central/db';
import { migrateCentral } from '../../central/migrations/index';
import { startCentral, type CentralServer } from '../../central/server';
import { ensureSchool, issueEnrollmentCode } from '../../central/auth';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { demoCore, tempCore } from '../support/core';
import { entities, entityOf, type Table } from '../../db/entities';
import type { Db } from '../../db';
import { ruKey } from '../../electron/api/text';

type Core = Awaited<ReturnType<typeof tempCore>>;

const OFFICE = (Object.keys(entities) as Table[]).filter((t) => entityOf(t).owner === 'office');
const PASSWORD = 'Школа2026';

function rowsOf(db: Db, tables: Table[]): Record<string, unknown[]> {
  return Object.fromEntries(tables.map((t) => [t, db.raw.prepare(`SELECT * FROM ${t} ORDER BY id`).all()]));
}

interface Card {
  id: string;
  position: string;
  last_name: string;
  first_name: string;
  middle_name: string | null;
  phone: string | null;
  roles: string;
}

describe('a newcomer registering to a school the central system already has', () => {
  let pg: TestPostgres;
  let cdb: CentralDb;
  let server: CentralServer;
  let url = '';
  let schoolId = '';
  let a: Core; // the school's first computer: the demo school, pushed
  const made: Core[] = [];
  const code = async () => (await issueEnrollmentCode(cdb, schoolId)).code;

  /** The central's live staff records bearing a name (case and spaces aside). */
  const centralStaff = async (c: Pick<Card, 'last_name' | 'first_name' | 'middle_name'>) =>
    (
      await cdb
        .selectFrom('record')
        .select(['id', 'data'])
        .where('school_id', '=', schoolId)
        .where('entity', '=', 'staff')
        .execute()
    ).filter((r) => {
      const d = r.data as Record<string, unknown>;
      return d.deleted_at == null && ruKey(`${String(d.last_name)} ${String(d.first_name)} ${String(d.middle_name ?? '')}`) === ruKey(`${c.last_name} ${c.first_name} ${c.middle_name ?? ''}`);
    });

  beforeAll(async () => {
    pg = await startPostgres();
    cdb = openCentralDb(pg.url);
    await migrateCentral(cdb);
    server = await startCentral({ db: cdb, log: null });
    url = server.url;
    schoolId = (await ensureSchool(cdb, 'МБОУ СОШ № 12')).id;
    a = await demoCore(100);
    const r = await a.call('sync.register', { serverUrl: url, code: await code(), name: 'Кабинет директора' });
    expect(r.roundError).toBeNull();
    expect(r.round!.refused).toBe(0);
  }, 300_000);

  afterAll(async () => {
    a?.cleanup();
    for (const c of made) c.cleanup();
    await server?.close().catch(() => undefined);
    await cdb?.destroy();
    await pg?.stop();
  });

  it('links the first administrator to the school’s card of the same person: one card, nothing entered before lost', async () => {
    // A teacher of the school (the only one of that name), as the central system has them: now also its system administrator.
    const teachers = a.db.raw.prepare(`SELECT * FROM staff WHERE roles = '["teacher"]' AND deleted_at IS NULL ORDER BY id`).all() as Card[];
    const nameOf = (c: Card) => ruKey(`${c.last_name} ${c.first_name} ${c.middle_name ?? ''}`);
    const theirs = teachers.find((t) => teachers.filter((o) => nameOf(o) === nameOf(t)).length === 1)!;
    expect(await centralStaff(theirs)).toHaveLength(1);
    const fullName = [theirs.last_name, theirs.first_name, theirs.middle_name].filter(Boolean).join(' ');

    // A reinstalled office computer: its first administrator is that person (typed with other case and spaces).
    const n = await tempCore(() => new Date(), { login: false });
    made.push(n);
    await n.call('auth.setupAdmin', { login: 'admin', displayName: `  ${fullName.toUpperCase()} `, password: PASSWORD });
    const local = n.db.raw.prepare('SELECT * FROM staff').get() as Card;
    expect(local.id).not.toBe(theirs.id);
    // Before connecting: a subject, a room, their own card given a phone and that subject.
    await n.call('subjects.save', { id: null, name: 'Робототехника', shortName: 'Робот.', noAttestation: false, grading: 'five_point', sortOrder: 900, roomKind: null });
    await n.call('rooms.save', { id: null, number: '305', name: 'Лаборатория робототехники', capacity: 12 });
    const card = (await n.call('staff.list', {})).find((s) => s.id === local.id)!;
    await n.call('staff.save', { ...card, phone: '+7 (900) 123-45-67', subjects: ['Робототехника'] });
    expect((await n.call('sync.status')).pending).toBe(4);

    const reg = await n.call('sync.register', { serverUrl: url, code: await code(), name: 'Кабинет информатики' });
    expect(reg.roundError).toBeNull();
    // Sent: the subject, the room, the card's edit (the phone, the subject), the card given the administrator's duty.
    expect(reg.round).toMatchObject({ accepted: 4, refused: 0, pending: 0 });

    // One card of the person at the central, the school's own; the local one is gone here.
    const there = await centralStaff(theirs);
    expect(there.map((r) => r.id)).toEqual([theirs.id]);
    expect(n.db.raw.prepare('SELECT count(*) AS n FROM staff WHERE id = ?').get(local.id)).toEqual({ n: 0 });
    const account = n.db.raw.prepare(`SELECT staff_id, display_name, role FROM app_user WHERE login = 'admin'`).get() as { staff_id: string; display_name: string; role: string };
    expect(account).toEqual({ staff_id: theirs.id, display_name: fullName, role: 'sysadmin' });
    // What was entered before connecting arrived, on the school's card.
    const data = there[0]!.data as Record<string, unknown>;
    expect(data.phone).toBe('+7 (900) 123-45-67');
    expect(JSON.parse(String(data.roles))).toEqual(['sysadmin', 'teacher']);
    expect(data.position).toBe((a.db.raw.prepare('SELECT position FROM staff WHERE id = ?').get(theirs.id) as { position: string }).position);
    const subject = n.db.raw.prepare(`SELECT id FROM subject WHERE name = 'Робототехника'`).get() as { id: string };
    const room = n.db.raw.prepare(`SELECT id FROM room WHERE number = '305'`).get() as { id: string };
    const quals = await cdb.selectFrom('record').select(['id', 'data']).where('school_id', '=', schoolId).where('entity', '=', 'staff_qualification').execute();
    expect(quals.filter((q) => (q.data as Record<string, unknown>).subject_id === subject.id).map((q) => (q.data as Record<string, unknown>).staff_id)).toEqual([theirs.id]);
    for (const [entity, id] of [['subject', subject.id], ['room', room.id]] as const)
      expect(await cdb.selectFrom('record').select('id').where('school_id', '=', schoolId).where('entity', '=', entity).where('id', '=', id).executeTakeFirst()).toBeDefined();
    // Nothing refused, and the log says what happened, without names.
    expect(await n.call('sync.refusals', {})).toEqual([]);
    const log = JSON.stringify(await n.call('sync.log', { limit: 50 }));
    expect(log).toMatch(/Карточка сотрудника/);
    expect(log).not.toContain(theirs.last_name);

    // The administrator still logs in, as the school's card; both computers converge row by row.
    await n.call('auth.logout');
    const me = await n.call('auth.login', { login: 'admin', password: PASSWORD });
    expect(me.displayName).toBe(fullName);
    await a.call('sync.now');
    await n.call('sync.now');
    expect(rowsOf(n.db, OFFICE)).toEqual(rowsOf(a.db, OFFICE));
  }, 300_000);

  it('does not guess between two cards of the school bearing the administrator’s name: the card made here is kept', async () => {
    // The school gets a second card of a teacher's name (another person: no СНИЛС, birth date of their own).
    const teacher = a.db.raw.prepare(`SELECT * FROM staff WHERE roles = '["teacher"]' AND deleted_at IS NULL ORDER BY id DESC`).get() as Card;
    await a.call('staff.save', {
      id: null, lastName: teacher.last_name, firstName: teacher.first_name, middleName: teacher.middle_name, birthDate: '1990-03-04', gender: null,
      snils: null, phone: null, email: null, position: 'Учитель', roles: ['teacher'], deputyGrades: [], subjects: [], rateHours: 18,
    });
    expect(await a.call('sync.now')).toMatchObject({ refused: 0, pending: 0 });
    expect(await centralStaff(teacher)).toHaveLength(2);

    const n = await tempCore(() => new Date(), { login: false });
    made.push(n);
    const fullName = [teacher.last_name, teacher.first_name, teacher.middle_name].filter(Boolean).join(' ');
    await n.call('auth.setupAdmin', { login: 'admin', displayName: fullName, password: PASSWORD });
    const local = n.db.raw.prepare('SELECT * FROM staff').get() as Card;
    const reg = await n.call('sync.register', { serverUrl: url, code: await code(), name: null });
    expect(reg.round).toMatchObject({ refused: 0, pending: 0 });
    expect((await centralStaff(teacher)).map((r) => r.id)).toContain(local.id);
    expect(await centralStaff(teacher)).toHaveLength(3);
    expect((n.db.raw.prepare(`SELECT staff_id FROM app_user WHERE login = 'admin'`).get() as { staff_id: string }).staff_id).toBe(local.id);
  }, 300_000);

  it('keeps and pushes the card of an administrator the school does not have', async () => {
    const n = await tempCore(() => new Date(), { login: false });
    made.push(n);
    await n.call('auth.setupAdmin', { login: 'admin', displayName: 'Новикова Алла Игоревна', password: PASSWORD });
    const local = n.db.raw.prepare('SELECT * FROM staff').get() as Card;
    const reg = await n.call('sync.register', { serverUrl: url, code: await code(), name: null });
    expect(reg.round).toMatchObject({ refused: 0, pending: 0 });
    expect((await centralStaff(local)).map((r) => r.id)).toEqual([local.id]);
    expect((n.db.raw.prepare(`SELECT staff_id FROM app_user WHERE login = 'admin'`).get() as { staff_id: string }).staff_id).toBe(local.id);
  }, 300_000);
});
