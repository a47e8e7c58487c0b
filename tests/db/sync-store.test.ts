// Issue 10: the client's sync store (db/sync) on real SQLite files, with the real Writer through the
// core's handlers, against the real central store on a real PostgreSQL (tests/support/central-store.ts):
// the store's push, pull and writeCentral called in-process, the same code the server runs.
import { afterEach, describe, expect, it } from 'vitest';
import { Writer, type Db } from '../../db';
import { applyPullPage, forkIdentity, mutationsToPush, recordPush, refusals, setIdentity, syncState, DEPENDS_ON_REFUSED } from '../../db/sync';
import { fork, push, schoolVersion, writeCentral } from '../../central/store/index';
import { pageRows, type Change } from '../../central/protocol';
import { tempCore } from '../support/core';
import { insertChange, localRows, newSchool, pullAll, pullPage, registerTo, serverRows, serverVersion, syncRound, updateChange, useCentralStore, NOW } from '../support/central-store';
import type { ChangeEvent } from '../../db';

const student = { lastName: 'Петров', firstName: 'Пётр', middleName: 'Сергеевич', birthDate: '2015-03-04', gender: 'm' as const, guardians: [] };
const uuid = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;

const one = <T>(db: Db, sql: string, ...args: unknown[]): T => db.raw.prepare(sql).pluck().get(...args) as T;
const all = (db: Db, sql: string, ...args: unknown[]) => db.raw.prepare(sql).all(...args) as Record<string, unknown>[];

const central = useCentralStore();

describe('the sync store', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  /** A school with its year, registered to the real central store (a new school there) and synced once. */
  async function school() {
    const t = await tempCore(() => new Date('2026-12-01T09:00:00Z'));
    cleanup = t.cleanup;
    await t.call('years.save', await t.call('years.suggest', { startYear: 2026 }));
    const cdb = central();
    const reg = await newSchool(cdb);
    const { auth } = reg;
    const schoolId = auth.schoolId;
    setIdentity(t.db, reg.identity);
    await syncRound(t.db, cdb, auth);
    expect(syncState(t.db).pending).toBe(0);
    const yearId = one<string>(t.db, 'SELECT id FROM academic_year');
    return {
      ...t,
      cdb,
      auth,
      schoolId,
      yearId,
      round: (opts: { limit?: number } = {}) => syncRound(t.db, cdb, auth, opts),
      /** A central write (a teacher in the central journal): one new version. */
      write: (...changes: Change[]) => writeCentral(cdb, schoolId, changes),
      server: (entity: string) => serverRows(cdb, schoolId, entity),
      version: () => schoolVersion(cdb, schoolId),
    };
  }
  const classRow = (id: string, yearId: string, letter: string, v: Record<string, string | number | null> = {}) =>
    insertChange('school_class', { year_id: yearId, grade: 5, letter, shift: 1, ...v }, id);
  const room = (id: string, number: string) => insertChange('room', { number, name: null, capacity: null, kind: 'regular' }, id);

  it('records a user action as one mutation with its changes and the server versions they were based on', async () => {
    const t = await school();
    const before = syncState(t.db);
    const c = await t.call('classes.save', { grade: 5, letter: 'А', shift: 1 });
    const p = await t.call('students.save', { ...student, classId: c.id, classFrom: '2026-09-01' });
    const muts = all(t.db, 'SELECT no, actor, state FROM sync_mutation ORDER BY no');
    expect(muts).toEqual([
      { no: before.ackedMutation + 1, actor: 'admin', state: 'pending' },
      { no: before.ackedMutation + 2, actor: 'admin', state: 'pending' },
    ]);
    const changes = all(t.db, 'SELECT mutation_no, entity, entity_id, op, base FROM sync_change ORDER BY mutation_no, seq');
    expect(changes.map((x) => [x.mutation_no, x.entity, x.op, x.base])).toEqual([
      [muts[0]!.no, 'school_class', 'insert', null],
      [muts[1]!.no, 'student', 'insert', null],
      [muts[1]!.no, 'class_membership', 'insert', null],
    ]);
    // An insert carries every column; a new row's shadow says it is not on the server.
    const ins = JSON.parse(one<string>(t.db, "SELECT fields FROM sync_change WHERE entity = 'school_class'"));
    expect(Object.keys(ins).sort()).toEqual(Object.keys(all(t.db, 'SELECT * FROM school_class')[0]!).sort());
    expect(all(t.db, 'SELECT version, data FROM sync_shadow WHERE id = ?', c.id)).toEqual([{ version: null, data: null }]);

    // After a round the class is the server's at a version; an edit is based on it and carries only what changed.
    await t.round();
    const v = await serverVersion(t.cdb, t.schoolId, 'school_class', c.id);
    expect(v).toBeGreaterThan(0);
    expect(one(t.db, 'SELECT version FROM sync_row WHERE id = ?', c.id)).toBe(v);
    expect(one(t.db, 'SELECT count(*) FROM sync_shadow')).toBe(0);
    const server = localRows(t.db, 'school_class')[0]!;
    await t.call('classes.save', { id: c.id, grade: 5, letter: 'А', shift: 2 });
    const upd = all(t.db, "SELECT op, fields, base FROM sync_change WHERE entity = 'school_class'")[0]!;
    expect(upd.op).toBe('update');
    expect(upd.base).toBe(v);
    expect(Object.keys(JSON.parse(upd.fields as string)).sort()).toEqual(['shift', 'updated_at']);
    expect(JSON.parse(one<string>(t.db, 'SELECT data FROM sync_shadow WHERE id = ?', c.id))).toEqual(server);
    expect(server).toEqual((await t.server('school_class'))[0]);
    await t.call('students.remove', { id: p.id });
    const del = all(t.db, "SELECT op, fields FROM sync_change WHERE entity = 'student'")[0]!;
    expect(del.op).toBe('delete');
    expect(Object.keys(JSON.parse(del.fields as string)).sort()).toEqual(['deleted_at', 'updated_at']);
  });

  it('leaves no mutation and no gap in the numbers after a rolled-back action', async () => {
    const t = await school();
    const next = one<number>(t.db, 'SELECT next_mutation FROM sync_state');
    expect(() =>
      t.db.tx(() => {
        new Writer(t.db, 'x').insert('room', { number: '101', name: null, capacity: 30, kind: 'regular' });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    // A refused call (a second «5А» is refused after nothing was written) leaves nothing either.
    await t.call('classes.save', { grade: 5, letter: 'А', shift: 1 });
    await expect(t.call('classes.save', { grade: 5, letter: 'А', shift: 1 })).rejects.toMatchObject({ code: 'validation' });
    expect(all(t.db, 'SELECT no FROM sync_mutation')).toEqual([{ no: next }]);
    t.db.tx(() => new Writer(t.db, 'x').insert('room', { number: '102', name: null, capacity: 30, kind: 'regular' }));
    expect(all(t.db, 'SELECT no FROM sync_mutation ORDER BY no')).toEqual([{ no: next }, { no: next + 1 }]);
    expect(mutationsToPush(t.db, 10).map((m) => m.id)).toEqual([next, next + 1]);
  });

  it('applies a pulled page without echo: rows in, no audit lines, one sync_log line, change events', async () => {
    const t = await school();
    const audit = one<number>(t.db, 'SELECT count(*) FROM audit_log');
    const pending = syncState(t.db).pending;
    const events: ChangeEvent[] = [];
    t.db.onChange((e) => events.push(e));
    const log = one<number>(t.db, 'SELECT count(*) FROM sync_log');
    await t.write(classRow(uuid(1), t.yearId, 'Д'));
    const subj = insertChange('subject', { name: 'Алгебра', short_name: 'Алг.', no_attestation: 0, grading: 'five_point', sort_order: 1, room_kind: null }, uuid(2));
    const staffRow = insertChange('staff', { last_name: 'Петрова', first_name: 'Анна', position: 'Учитель', roles: '[]', deputy_grades: '[]', rate_hours: 18 }, uuid(3));
    await t.write(subj, staffRow);
    // The lesson comes before nothing it needs here, but the page applies with foreign keys off anyway.
    const lesson = insertChange('lesson', { date: '2026-11-30', lesson_no: 2, class_id: uuid(1), subject_id: uuid(2), teacher_id: uuid(3), topic: 'Линейная функция', status: 'held' }, uuid(4));
    await t.write(lesson);
    const page = await pullPage(t.db, t.cdb, t.auth);
    expect(page.more).toBe(false);
    expect(applyPullPage(t.db, page)).toEqual({ rows: 4, refused: 0 });
    expect(all(t.db, 'SELECT letter FROM school_class')).toEqual([{ letter: 'Д' }]);
    expect(all(t.db, 'SELECT topic FROM lesson')).toEqual([{ topic: 'Линейная функция' }]);
    expect(localRows(t.db, 'lesson')).toEqual(await t.server('lesson'));
    expect(localRows(t.db, 'staff')).toEqual(await t.server('staff'));
    expect(one(t.db, 'SELECT count(*) FROM audit_log')).toBe(audit);
    expect(syncState(t.db).pending).toBe(pending);
    expect(one(t.db, 'SELECT count(*) FROM sync_mutation')).toBe(0);
    expect(one(t.db, 'SELECT count(*) FROM sync_log')).toBe(log + 1);
    const line = JSON.parse(one<string>(t.db, 'SELECT detail FROM sync_log ORDER BY seq DESC LIMIT 1'));
    expect(line).toMatchObject({ rows: 4, counts: { school_class: 1, subject: 1, staff: 1, lesson: 1 }, more: false, foreignKeyProblems: 0 });
    expect(JSON.stringify(line)).not.toMatch(/Петрова|Линейная/);
    expect(events.map((e) => e.entities)).toEqual([['lesson', 'school_class', 'staff', 'subject']]);
    expect(t.db.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(syncState(t.db).cursor).toBe(await t.version());
  });

  it('keeps a pending local edit and a pulled central change of another field of the same row, the shadow updated', async () => {
    const t = await school();
    const c = await t.call('classes.save', { grade: 5, letter: 'А', shift: 1 });
    await t.round();
    await t.call('classes.save', { id: c.id, grade: 5, letter: 'А', shift: 2 }); // local, pending
    await t.write(updateChange('school_class', c.id, { letter: 'Б' }));
    await pullAll(t.db, t.cdb, t.auth);
    expect(all(t.db, 'SELECT letter, shift FROM school_class')).toEqual([{ letter: 'Б', shift: 2 }]);
    const shadow = JSON.parse(one<string>(t.db, 'SELECT data FROM sync_shadow WHERE id = ?', c.id));
    expect(shadow).toMatchObject({ letter: 'Б', shift: 1 });
    expect(one(t.db, 'SELECT version FROM sync_shadow WHERE id = ?', c.id)).toBe(await t.version());
    // The push goes through (another field than the central one), the next pull brings it back:
    // the table holds the server's row, no shadow.
    await t.round();
    expect(localRows(t.db, 'school_class')).toEqual(await t.server('school_class'));
    expect(all(t.db, 'SELECT letter, shift FROM school_class')).toEqual([{ letter: 'Б', shift: 2 }]);
    expect(one(t.db, 'SELECT count(*) FROM sync_shadow')).toBe(0);
    expect(syncState(t.db)).toMatchObject({ pending: 0, refused: 0 });
  });

  it('shows the local pending value of a field changed centrally too until the push is refused, then the server’s', async () => {
    const t = await school();
    const c = await t.call('classes.save', { grade: 5, letter: 'А', shift: 1 });
    await t.round();
    await t.call('classes.save', { id: c.id, grade: 5, letter: 'А', shift: 2 });
    await t.write(updateChange('school_class', c.id, { shift: 3 }));
    await pullAll(t.db, t.cdb, t.auth);
    expect(one(t.db, 'SELECT shift FROM school_class')).toBe(2);
    // The server's field-conflict rule: the field changed centrally after the version the edit was based on.
    const out = await push(t.cdb, t.auth, mutationsToPush(t.db, 10));
    expect(out.status).toBe(200);
    const reason = 'Поле «Смена» (класс) изменено в центральной системе после того, как его начали менять здесь: изменение не принято, действует значение из центральной системы.';
    expect(out.body).toMatchObject({ results: [{ ok: false, reason }] });
    expect(recordPush(t.db, out.body as Parameters<typeof recordPush>[1])).toEqual({ accepted: 0, refused: 1 });
    expect(one(t.db, 'SELECT shift FROM school_class')).toBe(3);
    expect(refusals(t.db, 10)).toEqual([
      expect.objectContaining({ reason, changes: [{ entity: 'school_class', title: 'Класс', record: '5А', op: 'update', fields: ['Смена'] }] }),
    ]);
    await t.round();
    expect(localRows(t.db, 'school_class')).toEqual(await t.server('school_class'));
    expect(one(t.db, 'SELECT shift FROM school_class')).toBe(3);
    expect(syncState(t.db)).toMatchObject({ pending: 0, refused: 1 });
  });

  it('undoes a refused insert and, with it, the later pending mutations that depend on it (a class and the student added to it)', async () => {
    const t = await school();
    // Another office computer of the school has sent its «5Я» first.
    const other = await registerTo(t.cdb, t.schoolId, 'Кабинет администратора');
    const theirs = await push(t.cdb, other.auth, [{ id: 1, hash: 'h1', at: NOW, changes: [classRow(uuid(20), t.yearId, 'Я')] }]);
    expect(theirs.body).toMatchObject({ results: [{ id: 1, ok: true }] });
    const c = await t.call('classes.save', { grade: 5, letter: 'Я', shift: 1 });
    const p = await t.call('students.save', { ...student, classId: c.id, classFrom: '2026-09-01' });
    const classNo = one<number>(t.db, "SELECT mutation_no FROM sync_change WHERE entity = 'school_class'");
    const refusal = 'Класс 5Я уже есть в центральной системе: его создали на другом компьютере школы.';
    // Only the class's mutation is sent: the server refuses it (the unique key of year, grade and letter).
    const out = await push(t.cdb, t.auth, mutationsToPush(t.db, 1));
    expect(out.body).toEqual({ results: [{ id: classNo, ok: false, reason: refusal }], lastMutationId: classNo });
    const res = recordPush(t.db, out.body as Parameters<typeof recordPush>[1]);
    expect(res.refused).toBe(2);
    expect(one(t.db, 'SELECT count(*) FROM school_class')).toBe(0);
    expect(all(t.db, 'SELECT id FROM student WHERE id = ?', p.id)).toEqual([]);
    expect(one(t.db, 'SELECT count(*) FROM class_membership')).toBe(0);
    expect(t.db.raw.pragma('foreign_key_check')).toEqual([]);
    const [second, first] = refusals(t.db, 10).sort((a, b) => b.no - a.no);
    expect(first).toMatchObject({ no: classNo, reason: refusal, changes: [{ title: 'Класс', record: '5Я', op: 'insert' }] });
    expect(second).toMatchObject({ reason: DEPENDS_ON_REFUSED, changes: [{ title: 'Ученик', record: 'Петров Пётр Сергеевич', op: 'insert' }, { title: 'Обучение в классе' }] });
    // The dependent one goes to the server as refused here, keeping the numbers contiguous.
    const next = mutationsToPush(t.db, 10);
    expect(next.map((m) => [m.id, m.refusedLocally])).toEqual([[classNo + 1, DEPENDS_ON_REFUSED]]);
    await t.round();
    expect(localRows(t.db, 'student')).toEqual(await t.server('student'));
    expect(await t.server('student')).toEqual([]);
    // The other computer's «5Я» is here now.
    expect(localRows(t.db, 'school_class')).toEqual(await t.server('school_class'));
    expect(all(t.db, 'SELECT id, letter FROM school_class')).toEqual([{ id: uuid(20), letter: 'Я' }]);
    expect(syncState(t.db)).toMatchObject({ pending: 0, refused: 2 });
  });

  it('refuses a never-sent local «5Д» when the pull brings another «5Д»: undone here, the pulled one in', async () => {
    const t = await school();
    const mine = await t.call('classes.save', { grade: 5, letter: 'Д', shift: 1 });
    await t.write(classRow(uuid(7), t.yearId, 'Д', { shift: 2 }));
    const page = await pullPage(t.db, t.cdb, t.auth);
    expect(page.more).toBe(false);
    expect(applyPullPage(t.db, page).refused).toBe(1);
    expect(all(t.db, 'SELECT id, shift FROM school_class')).toEqual([{ id: uuid(7), shift: 2 }]);
    const [r] = refusals(t.db, 10);
    // The pulled «5Д» was written in the central system, not on another office computer: said truthfully.
    expect(r!.reason).toBe('Класс 5Д уже есть в центральной системе: изменение, сделанное здесь, отменено.');
    expect(r!.changes[0]).toMatchObject({ entity: 'school_class', record: '5Д', op: 'insert' });
    expect(all(t.db, 'SELECT id FROM school_class WHERE id = ?', mine.id)).toEqual([]);
    const [m] = mutationsToPush(t.db, 10);
    expect(m!.refusedLocally).toBe(r!.reason);
    // The server records it as refused with that reason, applying nothing.
    const out = await push(t.cdb, t.auth, [m!]);
    expect(out.body).toEqual({ results: [{ id: m!.id, ok: false, reason: r!.reason }], lastMutationId: m!.id });
    recordPush(t.db, out.body as Parameters<typeof recordPush>[1]);
    await t.round();
    expect(localRows(t.db, 'school_class')).toEqual(await t.server('school_class'));
    expect((await t.server('school_class')).map((x) => x.id)).toEqual([uuid(7)]);
    expect(syncState(t.db)).toMatchObject({ pending: 0, refused: 1 });
  });

  it('never refuses here an edit that may have reached the server: a lost answer, then a pulled row takes its key (only the server decides)', async () => {
    const t = await school();
    const c = await t.call('classes.save', { grade: 5, letter: 'А', shift: 1 });
    await t.round();
    // «5А» renamed «5Д» here; the server applies it but the answer is lost.
    await t.call('classes.save', { id: c.id, grade: 5, letter: 'Д', shift: 1 });
    const sent = mutationsToPush(t.db, 10);
    expect(sent).toHaveLength(1);
    expect((await push(t.cdb, t.auth, sent)).body).toMatchObject({ results: [{ id: sent[0]!.id, ok: true }] });
    // Then the centre renames it «5Е» and gives «5Д» to another class.
    await t.write(updateChange('school_class', c.id, { letter: 'Е' }));
    await t.write(classRow(uuid(30), t.yearId, 'Д'));
    // The pull clashes with the still-waiting edit: the row is set aside, nothing refused here, the page applies.
    const pages = await pullAll(t.db, t.cdb, t.auth);
    expect(pages.at(-1)!.lastMutationId).toBe(sent[0]!.id);
    expect(syncState(t.db).refused).toBe(0);
    expect(refusals(t.db, 10)).toEqual([]);
    expect(all(t.db, 'SELECT id, letter FROM school_class ORDER BY letter')).toEqual([
      { id: uuid(30), letter: 'Д' },
      { id: c.id, letter: 'Е' },
    ]);
    expect(one(t.db, 'SELECT count(*) FROM sync_parked')).toBe(0);
    // The replay tells the server's outcome (applied); it is sent as it was, not as refused here.
    const again = mutationsToPush(t.db, 10);
    expect(again.map((m) => [m.id, m.hash, m.refusedLocally])).toEqual([[sent[0]!.id, sent[0]!.hash, undefined]]);
    await t.round();
    expect(localRows(t.db, 'school_class')).toEqual(await t.server('school_class'));
    expect(syncState(t.db)).toMatchObject({ pending: 0, refused: 0 });
    const recorded = await t.cdb.selectFrom('mutation').select(['refused']).where('school_id', '=', t.schoolId).where('client_id', '=', t.auth.clientId).where('id', '=', sent[0]!.id).executeTakeFirstOrThrow();
    expect(recorded.refused).toBeNull();
  });

  it('sets aside a row whose sent edit clashes with a pulled row until the server answers: refused there, undone here with the server’s reason', async () => {
    const t = await school();
    const c = await t.call('classes.save', { grade: 5, letter: 'А', shift: 1 });
    await t.round();
    await t.call('classes.save', { id: c.id, grade: 5, letter: 'Д', shift: 1 });
    // Taken for sending, but the request is lost before the server: the app cannot know it did not arrive.
    const [m] = mutationsToPush(t.db, 10);
    await t.write(classRow(uuid(31), t.yearId, 'Д'));
    expect((await pullAll(t.db, t.cdb, t.auth)).at(-1)!.lastMutationId).toBeLessThan(m!.id);
    expect(syncState(t.db)).toMatchObject({ refused: 0, pending: 1 });
    // Its view (still «5Д») waits outside the table; the pulled «5Д» is in.
    expect(all(t.db, 'SELECT id FROM school_class')).toEqual([{ id: uuid(31) }]);
    expect(all(t.db, 'SELECT entity, id FROM sync_parked')).toEqual([{ entity: 'school_class', id: c.id }]);
    expect(t.db.raw.pragma('foreign_key_check')).toEqual([]);
    // The push: the server refuses it (its key is taken); undone here, the class back as the server has it.
    await t.round();
    const [r] = refusals(t.db, 10);
    expect(r).toMatchObject({ no: m!.id, changes: [{ entity: 'school_class', op: 'update', fields: ['Литера'] }] });
    expect(r!.reason).toMatch(/^Класс 5Д уже есть в центральной системе/);
    expect(one(t.db, 'SELECT count(*) FROM sync_parked')).toBe(0);
    expect(localRows(t.db, 'school_class')).toEqual(await t.server('school_class'));
    expect(all(t.db, 'SELECT letter FROM school_class ORDER BY letter')).toEqual([{ letter: 'А' }, { letter: 'Д' }]);
    expect(syncState(t.db)).toMatchObject({ pending: 0, refused: 1 });
  });

  it('parks a row whose key a pulled row takes, until its own newer version arrives in the same pull', async () => {
    const t = await school();
    await t.write(classRow(uuid(10), t.yearId, 'Д'));
    await t.round();
    const from = await t.version();
    // On the server: the old «5Д» removed, a new «5Д», then the old one touched again — pulled in pages of one version.
    await t.write({ entity: 'school_class', id: uuid(10), op: 'delete', fields: { deleted_at: NOW, updated_at: NOW }, base: null });
    const { version: fresh } = await t.write(classRow(uuid(11), t.yearId, 'Д'));
    for (let i = 0; i < 4; i++) await t.write(room(uuid(100 + i), `${i}`));
    const { version: touched } = await t.write(updateChange('school_class', uuid(10), { shift: 2 }));
    expect([fresh, touched]).toEqual([from + 2, from + 7]);
    const first = await pullPage(t.db, t.cdb, t.auth, 1);
    // The tombstone's version was overwritten by the later touch: the first page is the new «5Д».
    expect(pageRows(first).map((c) => [c.id, c.version])).toEqual([[uuid(11), fresh]]);
    applyPullPage(t.db, first); // the new «5Д»: the old one is parked
    expect(all(t.db, 'SELECT id FROM school_class')).toEqual([{ id: uuid(11) }]);
    expect(all(t.db, 'SELECT entity, id FROM sync_parked')).toEqual([{ entity: 'school_class', id: uuid(10) }]);
    const rest = await pullAll(t.db, t.cdb, t.auth, { limit: 1 });
    expect(rest.map((p) => pageRows(p).map((c) => c.version))).toEqual([[from + 3], [from + 4], [from + 5], [from + 6], [touched]]);
    expect(one(t.db, 'SELECT count(*) FROM sync_parked')).toBe(0);
    expect(localRows(t.db, 'school_class')).toEqual(await t.server('school_class'));
    expect(localRows(t.db, 'room')).toEqual(await t.server('room'));
    expect(all(t.db, 'SELECT id, deleted_at, shift FROM school_class ORDER BY id')).toEqual([
      { id: uuid(10), deleted_at: NOW, shift: 2 },
      { id: uuid(11), deleted_at: null, shift: 1 },
    ]);
    expect(syncState(t.db).refused).toBe(0);
  });

  it('acknowledges pushed mutations on the last page of a pull only', async () => {
    const t = await school();
    await t.call('classes.save', { grade: 5, letter: 'А', shift: 1 });
    const out = await push(t.cdb, t.auth, mutationsToPush(t.db, 10));
    expect(out.status).toBe(200);
    const last = out.body.lastMutationId;
    expect(recordPush(t.db, out.body as Parameters<typeof recordPush>[1])).toEqual({ accepted: 1, refused: 0 });
    expect(all(t.db, 'SELECT state FROM sync_mutation')).toEqual([{ state: 'pushed' }]);
    expect(syncState(t.db)).toMatchObject({ pending: 1, pushedThrough: last });
    for (let i = 0; i < 3; i++) await t.write(room(uuid(200 + i), `${i}`));
    let pages = 0;
    for (;;) {
      const p = await pullPage(t.db, t.cdb, t.auth, 1);
      expect(p.lastMutationId).toBe(last);
      applyPullPage(t.db, p);
      pages++;
      if (!p.more) break;
      expect(syncState(t.db).pending).toBe(1);
      expect(one(t.db, 'SELECT count(*) FROM sync_shadow')).toBe(1);
    }
    expect(pages).toBe(4);
    expect(syncState(t.db)).toMatchObject({ pending: 0, ackedMutation: last });
    expect(one(t.db, 'SELECT count(*) FROM sync_mutation')).toBe(0);
    expect(one(t.db, 'SELECT count(*) FROM sync_shadow')).toBe(0);
    expect(localRows(t.db, 'school_class')).toEqual(await t.server('school_class'));
  });

  it('forks: mutations the server processed are dropped, the rest renumbered from 1 under the new identity', async () => {
    const t = await school();
    for (const l of ['А', 'Б', 'В', 'Г']) await t.call('classes.save', { grade: 5, letter: l, shift: 1 });
    const first = syncState(t.db).ackedMutation + 1;
    const sent = mutationsToPush(t.db, 2);
    expect((await push(t.cdb, t.auth, sent)).status).toBe(200); // processed by the server, the answer lost
    const rest = mutationsToPush(t.db, 10).slice(2);
    // Restored from a backup: a new identity from the server (the old one revoked), told how far the old one got.
    const f = await fork(t.cdb, t.auth);
    expect(f.lastMutationId).toBe(first + 1);
    await expect(push(t.cdb, t.auth, [])).rejects.toMatchObject({ status: 401 });
    forkIdentity(t.db, { clientId: f.clientId, secret: f.secret }, f.lastMutationId);
    const after = mutationsToPush(t.db, 10);
    expect(after.map((m) => m.id)).toEqual([1, 2]);
    expect(after.map((m) => m.changes)).toEqual(rest.map((m) => m.changes));
    expect(syncState(t.db)).toMatchObject({ pending: 2, pushedThrough: 0, ackedMutation: 0, needsFork: false, identity: { clientId: f.clientId } });
    expect(one(t.db, 'SELECT next_mutation FROM sync_state')).toBe(3);
    // The dropped ones' classes wait for the pull (the server has them); the renumbered ones stay in the view.
    expect(all(t.db, 'SELECT letter FROM school_class ORDER BY letter')).toEqual([{ letter: 'В' }, { letter: 'Г' }]);
    const auth = { schoolId: t.schoolId, clientId: f.clientId };
    await syncRound(t.db, t.cdb, auth);
    expect(all(t.db, 'SELECT letter FROM school_class ORDER BY letter')).toEqual(['А', 'Б', 'В', 'Г'].map((letter) => ({ letter })));
    expect(localRows(t.db, 'school_class')).toEqual(await t.server('school_class'));
    expect(syncState(t.db)).toMatchObject({ pending: 0, refused: 0, ackedMutation: 2 });
  });
});
