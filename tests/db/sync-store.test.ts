// Issue 10: the client's sync store (db/sync) on real SQLite files, with the real Writer through the
// core's handlers. The central server's side is a model (tests/support/central-model.ts) that only
// produces protocol input: push answers and pull pages.
import { afterEach, describe, expect, it } from 'vitest';
import { Writer, type Db } from '../../db';
import { applyPullPage, forkIdentity, mutationsToPush, recordPush, refusals, setIdentity, syncState, DEPENDS_ON_REFUSED } from '../../db/sync';
import { tempCore } from '../support/core';
import { CentralModel, localRows, serverRows, syncRound } from '../support/central-model';
import type { ChangeEvent } from '../../db';

const student = { lastName: 'Петров', firstName: 'Пётр', middleName: 'Сергеевич', birthDate: '2015-03-04', gender: 'm' as const, guardians: [] };
const IDENTITY = { serverUrl: 'http://127.0.0.1:1', schoolId: '01900000-0000-7000-8000-00000000000a', schoolName: 'Школа № 1', clientId: '01900000-0000-7000-8000-00000000000b', secret: 'x'.repeat(40) };
const uuid = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;

const one = <T>(db: Db, sql: string, ...args: unknown[]): T => db.raw.prepare(sql).pluck().get(...args) as T;
const all = (db: Db, sql: string, ...args: unknown[]) => db.raw.prepare(sql).all(...args) as Record<string, unknown>[];

describe('the sync store', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  /** A school with its year, registered and synced once with the model central. */
  async function school() {
    const t = await tempCore(() => new Date('2026-12-01T09:00:00Z'));
    cleanup = t.cleanup;
    await t.call('years.save', await t.call('years.suggest', { startYear: 2026 }));
    setIdentity(t.db, IDENTITY);
    const model = new CentralModel();
    syncRound(t.db, model);
    expect(syncState(t.db).pending).toBe(0);
    const yearId = one<string>(t.db, 'SELECT id FROM academic_year');
    return { ...t, model, yearId };
  }
  const classRow = (id: string, yearId: string, letter: string, v: Partial<Record<string, string | number | null>> = {}) => ({
    entity: 'school_class',
    id,
    data: { id, created_at: '2026-11-01T00:00:00.000Z', updated_at: '2026-11-01T00:00:00.000Z', deleted_at: null, year_id: yearId, grade: 5, letter, shift: 1, class_teacher_id: null, room_id: null, ...v },
  });

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
    syncRound(t.db, t.model);
    const v = t.model.rows.get(`school_class:${c.id}`)!.version;
    expect(one(t.db, 'SELECT version FROM sync_row WHERE id = ?', c.id)).toBe(v);
    expect(one(t.db, 'SELECT count(*) FROM sync_shadow')).toBe(0);
    const server = localRows(t.db, 'school_class')[0]!;
    await t.call('classes.save', { id: c.id, grade: 5, letter: 'А', shift: 2 });
    const upd = all(t.db, "SELECT op, fields, base FROM sync_change WHERE entity = 'school_class'")[0]!;
    expect(upd.op).toBe('update');
    expect(upd.base).toBe(v);
    expect(Object.keys(JSON.parse(upd.fields as string)).sort()).toEqual(['shift', 'updated_at']);
    expect(JSON.parse(one<string>(t.db, 'SELECT data FROM sync_shadow WHERE id = ?', c.id))).toEqual(server);
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
        new Writer(t.db, 'x').insert('room', { number: '101', name: null, capacity: 30 });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    // A refused call (a second «5А» is refused after nothing was written) leaves nothing either.
    await t.call('classes.save', { grade: 5, letter: 'А', shift: 1 });
    await expect(t.call('classes.save', { grade: 5, letter: 'А', shift: 1 })).rejects.toMatchObject({ code: 'validation' });
    expect(all(t.db, 'SELECT no FROM sync_mutation')).toEqual([{ no: next }]);
    t.db.tx(() => new Writer(t.db, 'x').insert('room', { number: '102', name: null, capacity: 30 }));
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
    const cls = classRow(uuid(1), t.yearId, 'Д');
    t.model.central([cls]);
    const subj = { id: uuid(2), created_at: 'x', updated_at: 'x', deleted_at: null, name: 'Алгебра', short_name: 'Алг.', no_attestation: 0, grading: 'five_point', sort_order: 1 };
    const staffRow = { id: uuid(3), created_at: 'x', updated_at: 'x', deleted_at: null, last_name: 'Петрова', first_name: 'Анна', middle_name: null, birth_date: null, gender: null, snils: null, phone: null, email: null, position: 'Учитель', roles: '[]', deputy_grades: '[]', rate_hours: 18 };
    t.model.central([{ entity: 'subject', id: subj.id, data: subj }, { entity: 'staff', id: staffRow.id, data: staffRow }]);
    // The lesson comes before nothing it needs here, but the page applies with foreign keys off anyway.
    const lesson = { id: uuid(4), created_at: 'x', updated_at: 'x', deleted_at: null, date: '2026-11-30', lesson_no: 2, class_id: uuid(1), subgroup_id: null, study_group_id: null, subject_id: uuid(2), teacher_id: uuid(3), substitute_id: null, topic: 'Линейная функция', homework: null, status: 'held' };
    t.model.central([{ entity: 'lesson', id: lesson.id, data: lesson }]);
    const [page] = t.model.pages(one<number>(t.db, 'SELECT cursor FROM sync_state'), 5000);
    expect(applyPullPage(t.db, page!)).toEqual({ rows: 4, refused: 0 });
    expect(all(t.db, 'SELECT letter FROM school_class')).toEqual([{ letter: 'Д' }]);
    expect(all(t.db, 'SELECT topic FROM lesson')).toEqual([{ topic: 'Линейная функция' }]);
    expect(one(t.db, 'SELECT count(*) FROM audit_log')).toBe(audit);
    expect(syncState(t.db).pending).toBe(pending);
    expect(one(t.db, 'SELECT count(*) FROM sync_mutation')).toBe(0);
    expect(one(t.db, 'SELECT count(*) FROM sync_log')).toBe(log + 1);
    const line = JSON.parse(one<string>(t.db, 'SELECT detail FROM sync_log ORDER BY seq DESC LIMIT 1'));
    expect(line).toMatchObject({ rows: 4, counts: { school_class: 1, subject: 1, staff: 1, lesson: 1 }, more: false, foreignKeyProblems: 0 });
    expect(JSON.stringify(line)).not.toMatch(/Петрова|Линейная/);
    expect(events.map((e) => e.entities)).toEqual([['lesson', 'school_class', 'staff', 'subject']]);
    expect(t.db.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(syncState(t.db).cursor).toBe(t.model.version);
  });

  it('keeps a pending local edit and a pulled central change of another field of the same row, the shadow updated', async () => {
    const t = await school();
    const c = await t.call('classes.save', { grade: 5, letter: 'А', shift: 1 });
    syncRound(t.db, t.model);
    await t.call('classes.save', { id: c.id, grade: 5, letter: 'А', shift: 2 }); // local, pending
    t.model.central([{ entity: 'school_class', id: c.id, data: { letter: 'Б', updated_at: '2026-12-01T10:00:00.000Z' } }]);
    const pages = t.model.pages(one<number>(t.db, 'SELECT cursor FROM sync_state'), 5000);
    for (const p of pages) applyPullPage(t.db, p);
    expect(all(t.db, 'SELECT letter, shift FROM school_class')).toEqual([{ letter: 'Б', shift: 2 }]);
    const shadow = JSON.parse(one<string>(t.db, 'SELECT data FROM sync_shadow WHERE id = ?', c.id));
    expect(shadow).toMatchObject({ letter: 'Б', shift: 1 });
    expect(one(t.db, 'SELECT version FROM sync_shadow WHERE id = ?', c.id)).toBe(t.model.version);
    // The push goes through, the next pull brings it back: the table holds the server's row, no shadow.
    syncRound(t.db, t.model);
    expect(localRows(t.db, 'school_class')).toEqual(serverRows(t.model, 'school_class'));
    expect(all(t.db, 'SELECT letter, shift FROM school_class')).toEqual([{ letter: 'Б', shift: 2 }]);
    expect(one(t.db, 'SELECT count(*) FROM sync_shadow')).toBe(0);
  });

  it('shows the local pending value of a field changed centrally too until the push is refused, then the server’s', async () => {
    const t = await school();
    const c = await t.call('classes.save', { grade: 5, letter: 'А', shift: 1 });
    syncRound(t.db, t.model);
    await t.call('classes.save', { id: c.id, grade: 5, letter: 'А', shift: 2 });
    t.model.central([{ entity: 'school_class', id: c.id, data: { shift: 3 } }]);
    for (const p of t.model.pages(one<number>(t.db, 'SELECT cursor FROM sync_state'), 5000)) applyPullPage(t.db, p);
    expect(one(t.db, 'SELECT shift FROM school_class')).toBe(2);
    const reason = 'Поле «Смена» (класс) изменено в центральной системе после того, как его изменили здесь.';
    const res = recordPush(t.db, t.model.push(mutationsToPush(t.db, 10), () => reason));
    expect(res).toEqual({ accepted: 0, refused: 1 });
    expect(one(t.db, 'SELECT shift FROM school_class')).toBe(3);
    expect(refusals(t.db, 10)).toEqual([
      expect.objectContaining({ reason, changes: [{ entity: 'school_class', title: 'Класс', record: '5А', op: 'update', fields: ['Смена'] }] }),
    ]);
    syncRound(t.db, t.model);
    expect(localRows(t.db, 'school_class')).toEqual(serverRows(t.model, 'school_class'));
    expect(syncState(t.db)).toMatchObject({ pending: 0, refused: 1 });
  });

  it('undoes a refused insert and, with it, the later pending mutations that depend on it (a class and the student added to it)', async () => {
    const t = await school();
    const c = await t.call('classes.save', { grade: 5, letter: 'Я', shift: 1 });
    const p = await t.call('students.save', { ...student, classId: c.id, classFrom: '2026-09-01' });
    const classNo = one<number>(t.db, "SELECT mutation_no FROM sync_change WHERE entity = 'school_class'");
    const refusal = 'Класс 5Я уже есть в центральной системе: его создали на другом компьютере школы.';
    // Only the class's mutation is sent: the server refuses it.
    const res = recordPush(t.db, t.model.push(mutationsToPush(t.db, 1), (m) => (m.id === classNo ? refusal : null)));
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
    syncRound(t.db, t.model);
    expect(localRows(t.db, 'student')).toEqual(serverRows(t.model, 'student'));
    expect(syncState(t.db)).toMatchObject({ pending: 0, refused: 2 });
  });

  it('refuses a pending local «5Д» when the pull brings another «5Д»: undone here, the pulled one in', async () => {
    const t = await school();
    const mine = await t.call('classes.save', { grade: 5, letter: 'Д', shift: 1 });
    t.model.central([classRow(uuid(7), t.yearId, 'Д', { shift: 2 })]);
    for (const p of t.model.pages(one<number>(t.db, 'SELECT cursor FROM sync_state'), 5000)) expect(applyPullPage(t.db, p).refused).toBe(1);
    expect(all(t.db, 'SELECT id, shift FROM school_class')).toEqual([{ id: uuid(7), shift: 2 }]);
    const [r] = refusals(t.db, 10);
    expect(r!.reason).toBe('Класс 5Д уже есть: его создали на другом компьютере школы.');
    expect(r!.changes[0]).toMatchObject({ entity: 'school_class', record: '5Д', op: 'insert' });
    expect(all(t.db, 'SELECT id FROM school_class WHERE id = ?', mine.id)).toEqual([]);
    const [m] = mutationsToPush(t.db, 10);
    expect(m!.refusedLocally).toBe(r!.reason);
    syncRound(t.db, t.model);
    expect(localRows(t.db, 'school_class')).toEqual(serverRows(t.model, 'school_class'));
  });

  it('parks a row whose key a pulled row takes, until its own newer version arrives in the same pull', async () => {
    const t = await school();
    t.model.central([classRow(uuid(10), t.yearId, 'Д')]);
    syncRound(t.db, t.model);
    const from = t.model.version;
    // On the server: the old «5Д» removed, a new «5Д», then the old one touched again — pulled in pages of one version.
    t.model.central([{ entity: 'school_class', id: uuid(10), data: { deleted_at: '2026-12-01T10:00:00.000Z' } }]);
    t.model.central([classRow(uuid(11), t.yearId, 'Д')]);
    for (let i = 0; i < 4; i++) t.model.central([{ entity: 'room', id: uuid(100 + i), data: { id: uuid(100 + i), created_at: 'x', updated_at: 'x', deleted_at: null, number: `${i}`, name: null, capacity: null } }]);
    t.model.central([{ entity: 'school_class', id: uuid(10), data: { shift: 2 } }]);
    const pages = t.model.pages(from, 1);
    expect(pages.length).toBeGreaterThan(2);
    applyPullPage(t.db, pages[0]!); // the new «5Д»: the old one is parked
    expect(all(t.db, 'SELECT id FROM school_class')).toEqual([{ id: uuid(11) }]);
    expect(all(t.db, 'SELECT entity, id FROM sync_parked')).toEqual([{ entity: 'school_class', id: uuid(10) }]);
    for (const p of pages.slice(1)) applyPullPage(t.db, p);
    expect(one(t.db, 'SELECT count(*) FROM sync_parked')).toBe(0);
    expect(localRows(t.db, 'school_class')).toEqual(serverRows(t.model, 'school_class'));
    expect(localRows(t.db, 'room')).toEqual(serverRows(t.model, 'room'));
    expect(syncState(t.db).refused).toBe(0);
  });

  it('acknowledges pushed mutations on the last page of a pull only', async () => {
    const t = await school();
    await t.call('classes.save', { grade: 5, letter: 'А', shift: 1 });
    expect(recordPush(t.db, t.model.push(mutationsToPush(t.db, 10)))).toEqual({ accepted: 1, refused: 0 });
    expect(all(t.db, 'SELECT state FROM sync_mutation')).toEqual([{ state: 'pushed' }]);
    expect(syncState(t.db)).toMatchObject({ pending: 1, pushedThrough: t.model.last });
    for (let i = 0; i < 3; i++) t.model.central([{ entity: 'room', id: uuid(200 + i), data: { id: uuid(200 + i), created_at: 'x', updated_at: 'x', deleted_at: null, number: `${i}`, name: null, capacity: null } }]);
    const pages = t.model.pages(one<number>(t.db, 'SELECT cursor FROM sync_state'), 1);
    for (const p of pages.slice(0, -1)) {
      applyPullPage(t.db, p);
      expect(syncState(t.db).pending).toBe(1);
      expect(one(t.db, 'SELECT count(*) FROM sync_shadow')).toBe(1);
    }
    applyPullPage(t.db, pages[pages.length - 1]!);
    expect(syncState(t.db)).toMatchObject({ pending: 0, ackedMutation: t.model.last });
    expect(one(t.db, 'SELECT count(*) FROM sync_mutation')).toBe(0);
    expect(one(t.db, 'SELECT count(*) FROM sync_shadow')).toBe(0);
    expect(localRows(t.db, 'school_class')).toEqual(serverRows(t.model, 'school_class'));
  });

  it('forks: mutations the server processed are dropped, the rest renumbered from 1 under the new identity', async () => {
    const t = await school();
    for (const l of ['А', 'Б', 'В', 'Г']) await t.call('classes.save', { grade: 5, letter: l, shift: 1 });
    const first = syncState(t.db).ackedMutation + 1;
    const sent = mutationsToPush(t.db, 2);
    t.model.push(sent); // processed by the server, the answer lost
    const rest = mutationsToPush(t.db, 10).slice(2);
    forkIdentity(t.db, { clientId: uuid(99), secret: 'y'.repeat(40) }, first + 1);
    const after = mutationsToPush(t.db, 10);
    expect(after.map((m) => m.id)).toEqual([1, 2]);
    expect(after.map((m) => m.changes)).toEqual(rest.map((m) => m.changes));
    expect(syncState(t.db)).toMatchObject({ pending: 2, pushedThrough: 0, ackedMutation: 0, needsFork: false, identity: { clientId: uuid(99) } });
    expect(one(t.db, 'SELECT next_mutation FROM sync_state')).toBe(3);
    // The dropped ones' classes wait for the pull (the server has them); the renumbered ones stay in the view.
    expect(all(t.db, 'SELECT letter FROM school_class ORDER BY letter')).toEqual([{ letter: 'В' }, { letter: 'Г' }]);
    const fresh = new CentralModel();
    Object.assign(fresh, { version: t.model.version });
    for (const [k, r] of t.model.rows) fresh.rows.set(k, r);
    syncRound(t.db, fresh);
    expect(all(t.db, 'SELECT letter FROM school_class ORDER BY letter')).toEqual(['А', 'Б', 'В', 'Г'].map((letter) => ({ letter })));
    expect(localRows(t.db, 'school_class')).toEqual(serverRows(fresh, 'school_class'));
  });
});
