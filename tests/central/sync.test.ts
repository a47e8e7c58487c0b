// Push and pull against the real central server (docs/sync.md): whole mutations, idempotent replay,
// gaps refused, natural-key clashes between two office computers, field conflicts and merges with
// central writes, references within the school, pages of whole versions, the mark-change log (R15).
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { PATHS, pageRows, type PullResponse } from '../../central/protocol';
import { readRecords, schoolVersion, writeCentral } from '../../central/store/index';
import { insert, newClient, NOW, remove, secondClient, update, useCentral } from './harness';

const central = useCentral();

const year = () => insert('academic_year', { name: '2026/2027', start_date: '2026-09-01', end_date: '2027-05-31', grade_edit_window: 'none', is_current: 1 });
const klass = (yearId: string, grade: number, letter: string) => insert('school_class', { year_id: yearId, grade, letter, shift: 1 });
const subject = (name: string) => insert('subject', { name, short_name: name.slice(0, 4), grading: 'marks', sort_order: 1, no_attestation: 0 });
const guardian = (phone: string) => insert('guardian', { last_name: 'Петрова', first_name: 'Анна', middle_name: 'Ивановна', phone, email: null, e_service_refused: 0 });

async function pullAll(call: (p: string, b: unknown) => Promise<{ status: number; body: any }>, limit?: number) {
  const pages: PullResponse[] = [];
  let cursor = 0;
  for (;;) {
    const r = await call(PATHS.pull, { cursor, ...(limit ? { limit } : {}) });
    expect(r.status).toBe(200);
    pages.push(r.body);
    cursor = r.body.cursor;
    if (!r.body.more) break;
  }
  return pages;
}

describe('push and pull', () => {
  it('a mutation pushed by one office computer is pulled by the other, as one version', async () => {
    const c = central();
    const a = await newClient(c);
    const b = await secondClient(c, a.schoolId);
    const y = year();
    const k = klass(y.id, 5, 'А');
    const r = await a.push([y, k]);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ results: [{ id: 1, ok: true, version: 1 }], lastMutationId: 1 });
    const pb = await b.call(PATHS.pull, { cursor: 0 });
    expect(pb.body.lastMutationId).toBe(0);
    expect(pb.body.more).toBe(false);
    expect(pb.body.cursor).toBe(1);
    expect(pageRows(pb.body)).toEqual(
      [y, k].map((ch) => ({ entity: ch.entity, id: ch.id, version: 1, data: { id: ch.id, ...ch.fields } })).sort((x, z) => x.entity.localeCompare(z.entity)),
    );
    expect((await a.call(PATHS.pull, { cursor: 0 })).body.lastMutationId).toBe(1);
    // Nothing new since the cursor.
    const again = await b.call(PATHS.pull, { cursor: 1 });
    expect(again.body).toEqual({ entities: [], cursor: 1, more: false, lastMutationId: 0 });
  });

  it('a replay with the same hash gets the stored outcome; another hash is a reused identity (409, nothing applied)', async () => {
    const c = central();
    const a = await newClient(c);
    const s1 = subject('Математика');
    const m1 = (await a.push([s1])).mutation;
    const m2 = (await a.push([update('subject', randomUUID(), { name: 'x' }, 1)])).mutation; // refused: no such row
    const v = await schoolVersion(c.db, a.schoolId);
    const replay = await a.call(PATHS.push, { mutations: [m1, m2] });
    expect(replay.status).toBe(200);
    expect(replay.body.results[0]).toEqual({ id: 1, ok: true, version: 1 });
    expect(replay.body.results[1]).toMatchObject({ id: 2, ok: false, reason: 'Запись (предмет) не найдена в центральной системе.' });
    expect(await schoolVersion(c.db, a.schoolId)).toBe(v);

    // Same number, other content, together with a new mutation: 409, and the new one is not applied.
    const s3 = subject('Физика');
    const reused = await a.call(PATHS.push, {
      mutations: [
        { ...m1, hash: 'other', changes: [subject('Химия')] },
        { id: 3, hash: 'h3', at: NOW, changes: [s3] },
      ],
    });
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ error: 'identity_reused', lastMutationId: 2 });
    expect(reused.body.message).toMatch(/восстановлен из резервной копии/);
    expect((await readRecords(c.db, a.schoolId, 'subject')).map((r) => r.id)).toEqual([s1.id]);
  });

  it('a gap is refused whole with the last number; nothing of the request is applied', async () => {
    const c = central();
    const a = await newClient(c);
    await a.push([subject('Математика')]);
    const s2 = subject('Физика');
    const r = await a.call(PATHS.push, {
      mutations: [
        { id: 2, hash: 'h2', at: NOW, changes: [s2] },
        { id: 4, hash: 'h4', at: NOW, changes: [subject('Химия')] },
      ],
    });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ error: 'gap', lastMutationId: 1 });
    expect(await schoolVersion(c.db, a.schoolId)).toBe(1);
    expect((await c.db.selectFrom('client').select('last_mutation_id').where('id', '=', a.clientId).executeTakeFirstOrThrow()).last_mutation_id).toBe(1);
    const first = await a.call(PATHS.push, { mutations: [{ id: 3, hash: 'h3', at: NOW, changes: [s2] }] });
    expect(first.status).toBe(409);
    // Resent from last + 1: taken.
    const ok = await a.call(PATHS.push, { mutations: [{ id: 2, hash: 'h2', at: NOW, changes: [s2] }] });
    expect(ok.body).toEqual({ results: [{ id: 2, ok: true, version: 2 }], lastMutationId: 2 });
  });

  it('a mutation with one bad change of three is refused whole; the next one is applied; a locally refused one is recorded', async () => {
    const c = central();
    const a = await newClient(c);
    const s1 = subject('Литература');
    const s2 = subject('Музыка');
    const r = await a.push([s1, s2, update('subject', randomUUID(), { name: 'Пение' }, 0)]);
    expect(r.body.results[0]).toEqual({ id: 1, ok: false, reason: 'Запись (предмет) не найдена в центральной системе.' });
    expect(await readRecords(c.db, a.schoolId, 'subject')).toEqual([]);
    expect(await schoolVersion(c.db, a.schoolId)).toBe(0);
    const local = await a.push([subject('ИЗО')], { refusedLocally: 'Класс 5А уже есть: отменено.' });
    expect(local.body.results[0]).toEqual({ id: 2, ok: false, reason: 'Класс 5А уже есть: отменено.' });
    expect(await readRecords(c.db, a.schoolId, 'subject')).toEqual([]);
    const ok = await a.push([s1]);
    expect(ok.body.results[0]).toEqual({ id: 3, ok: true, version: 1 });
    const stored = await c.db.selectFrom('mutation').select(['id', 'version', 'refused']).where('client_id', '=', a.clientId).orderBy('id').execute();
    expect(stored.map((m) => [m.id, m.version, m.refused !== null])).toEqual([
      [1, null, true],
      [2, null, true],
      [3, 1, false],
    ]);
  });

  it('within one request, a refused mutation leaves nothing for the next ones: rows nor unique keys', async () => {
    const c = central();
    const a = await newClient(c);
    const y = year();
    const s = subject('География');
    const d = klass(y.id, 5, 'Д');
    const e = klass(y.id, 5, 'Е');
    const m = (id: number, ...changes: Parameters<typeof a.push>[0]) => ({ id, hash: `h${id}`, at: NOW, changes });
    const r = await a.call(PATHS.push, {
      mutations: [
        m(1, y, s, d),
        // Renames the subject and takes 5Е, then clashes on 5Д: refused whole.
        m(2, update('subject', s.id, { name: 'Природоведение' }, 1), e, klass(y.id, 5, 'Д')),
        // 5Е is free, and the subject has its old name.
        m(3, { ...e }, update('subject', s.id, { short_name: 'Геогр.' }, 1)),
      ],
    });
    expect(r.body.results.map((x: { ok: boolean }) => x.ok)).toEqual([true, false, true]);
    expect(r.body.results[1].reason).toBe('Класс 5Д уже есть в центральной системе.');
    const [subj] = await readRecords(c.db, a.schoolId, 'subject');
    expect(subj!.data).toMatchObject({ name: 'География', short_name: 'Геогр.' });
    expect(subj!.version).toBe(2);
    expect((await readRecords(c.db, a.schoolId, 'school_class')).map((x) => x.id).sort()).toEqual([d.id, e.id].sort());
    const keys = await c.db.selectFrom('unique_key').select(['key', 'record_id']).where('school_id', '=', a.schoolId).where('entity', '=', 'school_class').orderBy('key').execute();
    expect(keys).toEqual([
      { key: JSON.stringify([y.id, 5, 'Д']), record_id: d.id },
      { key: JSON.stringify([y.id, 5, 'Е']), record_id: e.id },
    ]);
  });

  it("refuses what the server's checks refuse, with a Russian reason", async () => {
    const c = central();
    const a = await newClient(c);
    const s = subject('Химия');
    await a.push([s]);
    const reasons = async (...changes: Parameters<typeof a.push>[0]) => (await a.push(changes)).body.results[0].reason as string;
    expect(await reasons(insert('app_user', { login: 'admin' }))).toBe('Пользователи не передаются в центральную систему.');
    expect(await reasons({ entity: 'no_such', id: randomUUID(), op: 'insert', fields: {}, base: null })).toMatch(/^Неизвестный вид записи «no_such»/);
    expect(await reasons(update('subject', s.id, { colour: 'red' }, 1))).toBe('Поля «colour» нет у записи (предмет): центральная система его не знает.');
    const partial = subject('Биология');
    delete partial.fields.short_name;
    expect(await reasons(partial)).toBe('Не хватает поля «Краткое название» (предмет).');
    expect(await reasons({ ...subject('Химия 2'), id: s.id })).toBe('Запись (предмет) уже есть в центральной системе.');
    expect(await reasons(remove('subject', randomUUID(), 1))).toBe('Запись (предмет) не найдена в центральной системе.');
    // Texts PostgreSQL cannot keep are refused, not a server error that would stop the client's queue.
    expect(await reasons(update('subject', s.id, { name: 'Хи\u0000мия' }, 1))).toBe('Поле «Название» (предмет) содержит недопустимый символ.');
    expect(await reasons(update('subject', s.id, { name: 'Химия \ud800' }, 1))).toBe('Поле «Название» (предмет) содержит недопустимый символ.');
    expect(await reasons(update('subject', s.id, { name: 'Химия 🧪' }, 1))).toBeUndefined();
  });

  it('a reference to a record of another school is refused', async () => {
    const c = central();
    const x = await newClient(c);
    const y = await newClient(c);
    const yx = year();
    const kx = klass(yx.id, 5, 'А');
    await x.push([yx, kx]);
    const st = insert('student', { last_name: 'Иванов', first_name: 'Иван', birth_date: '2015-03-01', gender: 'm', class_id: kx.id });
    const r = await y.push([st]);
    expect(r.body.results[0]).toEqual({ id: 1, ok: false, reason: 'Поле «Класс» (ученик) ссылается на запись, которой нет в центральной системе.' });
    // The same student in the class's own school: taken.
    expect((await x.push([st])).body.results[0].ok).toBe(true);
  });

  it('a second «5Д» from another office computer is refused by its natural key; a removed class frees it', async () => {
    const c = central();
    const a = await newClient(c);
    const b = await secondClient(c, a.schoolId);
    const y = year();
    await a.push([y]);
    await b.call(PATHS.pull, { cursor: 0 });
    const mine = klass(y.id, 5, 'Д');
    expect((await a.push([mine])).body.results[0].ok).toBe(true);
    const theirs = klass(y.id, 5, 'Д');
    const r = await b.push([theirs]);
    expect(r.body.results[0]).toEqual({ id: 1, ok: false, reason: 'Класс 5Д уже есть в центральной системе: его создали на другом компьютере школы.' });
    expect((await b.push([klass(y.id, 5, 'Е')])).body.results[0].ok).toBe(true);
    // A key of long values (a letter of 5000 characters) is kept too, and clashes the same.
    const long = klass(y.id, 9, 'Я'.repeat(5000));
    expect((await a.push([long])).body.results[0].ok).toBe(true);
    expect((await b.push([{ ...long, id: randomUUID() }])).body.results[0].reason).toMatch(/^Класс 9Я+ уже есть в центральной системе: его создали на другом компьютере школы\.$/);
    // Renaming onto a taken key is refused too.
    const sixth = klass(y.id, 6, 'А');
    const v6 = (await b.push([sixth])).body.results[0].version as number;
    expect((await b.push([update('school_class', sixth.id, { grade: 5, letter: 'Д' }, v6)])).body.results[0].reason).toMatch(/^Класс 5Д уже есть/);
    // A removed class no longer holds its key.
    expect((await a.push([remove('school_class', mine.id, 2)])).body.results[0].ok).toBe(true);
    expect((await b.push([{ ...theirs, id: randomUUID() }])).body.results[0].ok).toBe(true);
  });

  it('a field changed centrally after the base refuses the update of that field; another field of the row merges', async () => {
    const c = central();
    const a = await newClient(c);
    const g = guardian('+7 900 000-00-01');
    const v1 = (await a.push([g])).body.results[0].version as number;
    const { version: v2 } = await writeCentral(c.db, a.schoolId, [{ entity: 'guardian', id: g.id, op: 'update', fields: { phone: '+7 900 000-00-02', updated_at: NOW }, base: null }]);
    expect(v2).toBe(v1 + 1);
    const phone = await a.push([update('guardian', g.id, { phone: '+7 900 000-00-03' }, v1)]);
    expect(phone.body.results[0].ok).toBe(false);
    expect(phone.body.results[0].reason).toBe(
      'Поле «Телефон» (представитель ученика) изменено в центральной системе после того, как его начали менять здесь: изменение не принято, действует значение из центральной системы.',
    );
    const email = await a.push([update('guardian', g.id, { email: 'petrova@example.ru' }, v1)]);
    expect(email.body.results[0].ok).toBe(true);
    const [row] = await readRecords(c.db, a.schoolId, 'guardian');
    expect(row!.data).toMatchObject({ phone: '+7 900 000-00-02', email: 'petrova@example.ru', last_name: 'Петрова' });
    // Based on the central version: taken.
    expect((await a.push([update('guardian', g.id, { phone: '+7 900 000-00-04' }, v2)])).body.results[0].ok).toBe(true);
    // Another office computer's change conflicts the same way, named so.
    const b = await secondClient(c, a.schoolId);
    const vb = (await b.push([update('guardian', g.id, { first_name: 'Анна-Мария' }, v2 + 2)])).body.results[0].version as number;
    const late = await a.push([update('guardian', g.id, { first_name: ' Anna' }, v2 + 2)]);
    expect(late.body.results[0].reason).toMatch(/^Поле «Имя» \(представитель ученика\) изменено на другом компьютере школы/);
    // updated_at never conflicts, and the same value written twice is no conflict.
    expect((await a.push([update('guardian', g.id, { first_name: 'Анна-Мария' }, v2 + 2)])).body.results[0].ok).toBe(true);
    expect(vb).toBeGreaterThan(v2);
  });

  it('a push waiting for a central write of the same row reads the row after it (no lost update)', async () => {
    const c = central();
    const a = await newClient(c);
    const g = guardian('+7 900 000-00-11');
    const v1 = (await a.push([g])).body.results[0].version as number;
    // A central write holds the school's lock, not yet committed.
    const trx = await c.db.startTransaction().execute();
    await writeCentral(trx, a.schoolId, [{ entity: 'guardian', id: g.id, op: 'update', fields: { phone: '+7 900 000-00-12', updated_at: NOW }, base: null }]);
    const pushing = a.push([update('guardian', g.id, { email: 'anna@example.ru' }, v1)]);
    // Wait until the push waits for the lock, then commit the central write.
    for (let i = 0; i < 200; i++) {
      const w = await c.db
        .selectFrom(sql<{ wait_event_type: string | null }>`pg_stat_activity`.as('a'))
        .select('wait_event_type')
        .where('wait_event_type', '=', 'Lock')
        .execute();
      if (w.length) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await trx.commit().execute();
    expect((await pushing).body.results[0].ok).toBe(true);
    const [row] = await readRecords(c.db, a.schoolId, 'guardian');
    expect(row!.data).toMatchObject({ phone: '+7 900 000-00-12', email: 'anna@example.ru' });
  });

  it('pulls in pages of whole versions, with the lastMutationId of the caller', async () => {
    const c = central();
    const a = await newClient(c);
    // Versions of 3, 1, 5, 2 rows (pushed and written centrally, interleaved).
    const sizes = [3, 1, 5, 2];
    const made: string[] = [];
    for (const [i, n] of sizes.entries()) {
      const rows = Array.from({ length: n }, (_, j) => subject(`Предмет ${i}.${j}`));
      made.push(...rows.map((r) => r.id));
      if (i % 2 === 0) expect((await a.push(rows)).body.results[0].ok).toBe(true);
      else await writeCentral(c.db, a.schoolId, rows);
    }
    const pages = await pullAll(a.call, 2);
    const all = pages.flatMap((p) => pageRows(p));
    expect(all.map((r) => r.id).sort()).toEqual([...made].sort());
    expect(all.map((r) => r.version)).toEqual([1, 1, 1, 2, 3, 3, 3, 3, 3, 4, 4]);
    // No version is split between pages; a page holds at least `limit` rows unless it is the last.
    const pageVersions = pages.map((p) => [...new Set(pageRows(p).map((r) => r.version))]);
    expect(pageVersions).toEqual([[1], [2, 3], [4]]);
    expect(pages.map((p) => [p.cursor, p.more])).toEqual([
      [1, true],
      [3, true],
      [4, false],
    ]);
    for (const p of pages) expect(p.lastMutationId).toBe(2);
    // Once more from the end: nothing, the same cursor.
    expect((await a.call(PATHS.pull, { cursor: 4 })).body).toEqual({ entities: [], cursor: 4, more: false, lastMutationId: 2 });
  });

  it('a pull agrees with the pushes it races: lastMutationId never runs ahead of the rows', async () => {
    const c = central();
    const a = await newClient(c);
    const pushes = (async () => {
      for (let i = 0; i < 20; i++) await a.push([subject(`Гонка ${i}`)]);
    })();
    const seen: { rows: number; last: number }[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await a.call(PATHS.pull, { cursor: 0 });
      seen.push({ rows: pageRows(r.body).length, last: r.body.lastMutationId });
    }
    await pushes;
    // Mutation n inserted one subject: a snapshot with lastMutationId n has exactly n rows.
    for (const s of seen) expect(s.rows).toBe(s.last);
  });
});

describe('central writes', () => {
  it('a change of a mark value writes a mark_change record (R15)', async () => {
    const c = central();
    const a = await newClient(c);
    const y = year();
    const k = klass(y.id, 7, 'Б');
    const s = subject('Алгебра');
    const t = insert('staff', { last_name: 'Сидорова', first_name: 'Мария', position: 'Учитель', roles: '["teacher"]', deputy_grades: '[]' });
    const st = insert('student', { last_name: 'Иванов', first_name: 'Пётр', birth_date: '2013-04-02', gender: 'm', class_id: k.id });
    await a.push([y, k, s, t, st]);
    const lesson = insert('lesson', { date: '2026-09-07', lesson_no: 2, class_id: k.id, subject_id: s.id, teacher_id: t.id, topic: 'Степени', status: 'held' });
    const mark = insert('mark', { student_id: st.id, lesson_id: lesson.id, date: '2026-09-07', subject_id: s.id, value: '3', work_kind: 'test', weight: 2, entered_by: t.id, entered_at: '2026-09-07T10:00:00.000Z' });
    await writeCentral(c.db, a.schoolId, [lesson, mark]);
    expect(await readRecords(c.db, a.schoolId, 'mark_change')).toEqual([]);
    await writeCentral(c.db, a.schoolId, [{ entity: 'mark', id: mark.id, op: 'update', fields: { value: '4', updated_at: '2026-09-14T09:00:00.000Z' }, base: null }]);
    // Another field of the mark: no change of its value, nothing logged.
    await writeCentral(c.db, a.schoolId, [{ entity: 'mark', id: mark.id, op: 'update', fields: { work_kind: 'answer', updated_at: '2026-09-15T09:00:00.000Z' }, base: null }]);
    await writeCentral(c.db, a.schoolId, [{ entity: 'mark', id: mark.id, op: 'delete', fields: { deleted_at: '2026-09-20T09:00:00.000Z', updated_at: '2026-09-20T09:00:00.000Z' }, base: null }]);
    const log = (await readRecords(c.db, a.schoolId, 'mark_change')).map((r) => r.data).sort((x, z) => String(x.changed_at).localeCompare(String(z.changed_at)));
    expect(log).toEqual([
      expect.objectContaining({ mark_id: mark.id, mark_table: 'mark', student_id: st.id, subject_id: s.id, lesson_date: '2026-09-07', teacher_id: t.id, changed_at: '2026-09-14T09:00:00.000Z', old_value: '3', new_value: '4', deleted_at: null }),
      expect.objectContaining({ mark_id: mark.id, changed_at: '2026-09-20T09:00:00.000Z', old_value: '4', new_value: null }),
    ]);
    // The office may not write the journal.
    const r = await a.push([insert('lesson', { date: '2026-09-08', lesson_no: 1, class_id: k.id, subject_id: s.id, teacher_id: t.id, status: 'held' })]);
    expect(r.body.results[0].reason).toBe('Уроки ведутся в центральной системе: изменить их из школьного офиса нельзя.');
    // The pulled journal rows carry their versions like the office's.
    const pulled = pageRows((await a.call(PATHS.pull, { cursor: 1 })).body as PullResponse);
    expect(pulled.filter((x) => x.entity === 'mark_change')).toHaveLength(2);
  });

  it('a central write that fails a check writes nothing and says why', async () => {
    const c = central();
    const a = await newClient(c);
    const v = await schoolVersion(c.db, a.schoolId);
    await expect(writeCentral(c.db, a.schoolId, [subject('Право'), { ...insert('student', { class_id: randomUUID() }) }])).rejects.toThrow(
      'Поле «Класс» (ученик) ссылается на запись, которой нет в центральной системе.',
    );
    expect(await schoolVersion(c.db, a.schoolId)).toBe(v);
    expect(await readRecords(c.db, a.schoolId, 'subject')).toEqual([]);
  });
});
