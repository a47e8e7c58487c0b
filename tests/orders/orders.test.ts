// Issue 12 point 3: orders about students — numbering, what signing each kind applies to the dated
// memberships, cancellation by another order, drafts that change nothing, the formation's drafts,
// the card's change of class made by an order, and who may sign.
import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../support/core';
import { Session } from '../../electron/core/auth/session';
import { dispatch } from '../../electron/core/dispatch';
import type { Ctx } from '../../electron/core/context';
import { AppError } from '../../electron/api/errors';
import { Writer } from '../../db';
import { nextPersonalFileNo } from '../../electron/core/orders/fileNumber';

const person = (lastName: string, firstName = 'Иван') => ({ lastName, firstName, middleName: 'Петрович', birthDate: '2012-04-05', gender: 'm' as const, guardians: [] });

describe('orders', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  /** A 2026/2027 school with 1А, 1Б, 7Б and 8А, on 25.11.2026. */
  async function school(today = '2026-11-25') {
    const t = await tempCore(() => new Date(`${today}T09:00:00Z`));
    cleanup = t.cleanup;
    await t.call('years.save', await t.call('years.suggest', { startYear: 2026 }));
    const cls = async (grade: number, letter: string) => (await t.call('classes.save', { grade, letter, shift: 1 })).id;
    const c = { '1А': await cls(1, 'А'), '1Б': await cls(1, 'Б'), '7Б': await cls(7, 'Б'), '8А': await cls(8, 'А') };
    const roster = async (name: keyof typeof c, date: string) => (await t.call('students.rosterOn', { classId: c[name], date })).map((r) => r.fullName);
    const memberships = (studentId: string) =>
      t.db.raw
        .prepare('SELECT class_id, date_from, date_to, opened_order_id, closed_order_id, deleted_at FROM class_membership WHERE student_id = ? ORDER BY date_from, created_at')
        .all(studentId) as { class_id: string; date_from: string; date_to: string | null; opened_order_id: string | null; closed_order_id: string | null; deleted_at: string | null }[];
    const digest = () =>
      JSON.stringify(['student', 'class_membership', 'guardian', 'student_guardian'].map((tb) => t.db.raw.prepare(`SELECT * FROM ${tb} ORDER BY id`).all()));
    return { ...t, c, roster, memberships, digest };
  }
  const rejection = (p: Promise<unknown>) => p.then(() => { throw new Error('not refused'); }, (e: unknown) => e as AppError);

  it('numbers per year and kind, the next free number; a draft has none', async () => {
    const t = await school();
    const a = await t.call('students.save', { ...person('Алексеев') });
    const b = await t.call('students.save', { ...person('Борисов') });
    const s7 = await t.call('students.save', { ...person('Сидоров'), classId: t.c['7Б'], classFrom: '2026-09-01' });
    const arrive = (studentId: string, date: string) =>
      t.call('orders.save', { kind: 'transfer_in', date, title: 'О зачислении в порядке перевода', items: [{ studentId, classToId: t.c['8А'], effectiveDate: date, schoolFrom: 'МБОУ СОШ № 3' }] });
    const d1 = await arrive(a.id, '2026-11-02');
    expect(d1).toMatchObject({ status: 'draft', number: null, numberText: null });
    const d2 = await arrive(b.id, '2026-11-03');
    expect((await t.call('orders.sign', { id: d2.id })).numberText).toBe('1-зп');
    expect((await t.call('orders.sign', { id: d1.id })).numberText).toBe('2-зп');
    // Another kind has its own numbering.
    const move = await t.call('orders.save', { kind: 'class_transfer', date: '2026-11-05', title: 'О переводе', items: [{ studentId: s7.id, classToId: t.c['8А'], effectiveDate: '2026-11-05' }] });
    expect((await t.call('orders.sign', { id: move.id })).number).toBe(1);
    // Signed twice: refused.
    expect((await rejection(t.call('orders.sign', { id: d1.id }))).message).toMatch(/уже подписан/);
    // A signed order is neither edited nor removed.
    expect((await rejection(t.call('orders.remove', { id: d1.id }))).message).toMatch(/не удаляют, а отменяют/);
    // Another year numbers from 1 again.
    await t.call('years.save', { ...(await t.call('years.suggest', { startYear: 2027 })), isCurrent: false });
    const c = await t.call('students.save', { ...person('Васильев') });
    const later = await t.call('orders.save', {
      kind: 'transfer_in', date: '2027-09-10', title: 'О зачислении в порядке перевода', items: [{ studentId: c.id, classToId: t.c['8А'], effectiveDate: '2026-11-20', schoolFrom: 'Лицей № 1' }],
    });
    const signedLater = await t.call('orders.sign', { id: later.id });
    expect(signedLater.numberText).toBe('1-зп');
    expect(signedLater.yearId).not.toBe(d1.yearId);
    // The register: by number, filtered by kind and status; search by a student's name.
    const list = await t.call('orders.list', { kind: 'transfer_in', sort: 'number', desc: false });
    expect(list.map((o) => o.numberText)).toEqual(['1-зп', '1-зп', '2-зп']);
    expect((await t.call('orders.list', { search: 'борисов' })).map((o) => o.id)).toEqual([d2.id]);
    expect((await t.call('orders.list', { studentId: s7.id })).map((o) => o.id)).toEqual([move.id]);
    expect((await t.call('orders.list', { from: '2026-11-04', to: '2026-11-30' })).map((o) => o.id)).toEqual([move.id]);
  });

  it('a transfer out of 7Б on 10.11.2026 and into 8А on 20.11.2026: the old membership closed by the order, the lists on 12.11 right', async () => {
    const t = await school();
    const leaving = await t.call('students.save', { ...person('Иванов'), classId: t.c['7Б'], classFrom: '2026-09-01' });
    await t.call('students.save', { ...person('Петров'), classId: t.c['7Б'], classFrom: '2026-09-01' });
    await t.call('students.save', { ...person('Фёдоров'), classId: t.c['8А'], classFrom: '2026-09-01' });
    const out = await t.call('orders.save', {
      kind: 'transfer_out', date: '2026-11-09', title: 'Об отчислении в порядке перевода',
      items: [{ studentId: leaving.id, effectiveDate: '2026-11-10', schoolTo: 'МБОУ «СОШ № 7» г. Тулы' }],
    });
    expect(out.items[0]).toMatchObject({ classFromName: '7Б' });
    const signedOut = await t.call('orders.sign', { id: out.id });
    // The newcomer: the card as the student card has it, a draft until signed.
    const arrival = await t.call('orders.arrival', {
      student: { ...person('Игнатьев', 'Олег'), snils: null, address: 'ул. Мира, 5', personalFileNo: null },
      schoolFrom: 'МБОУ «Гимназия № 2» г. Тулы', classToId: t.c['8А'], effectiveDate: '2026-11-20', date: '2026-11-19', basis: null,
    });
    expect(arrival).toMatchObject({ kind: 'transfer_in', status: 'draft' });
    expect(await t.roster('8А', '2026-11-25')).toEqual(['Фёдоров Иван Петрович']); // the draft applies nothing
    await t.call('orders.sign', { id: arrival.id });

    expect(await t.roster('7Б', '2026-11-09')).toEqual(['Иванов Иван Петрович', 'Петров Иван Петрович']);
    expect(await t.roster('7Б', '2026-11-12')).toEqual(['Петров Иван Петрович']);
    expect(await t.roster('8А', '2026-11-12')).toEqual(['Фёдоров Иван Петрович']);
    expect(await t.roster('8А', '2026-11-20')).toEqual(['Игнатьев Олег Петрович', 'Фёдоров Иван Петрович']);
    // Not erased: closed by the order, and the student kept (in no class) with the whole history.
    expect(t.memberships(leaving.id)).toEqual([
      { class_id: t.c['7Б'], date_from: '2026-09-01', date_to: '2026-11-10', opened_order_id: null, closed_order_id: signedOut.id, deleted_at: null },
    ]);
    const kept = await t.call('students.get', { id: leaving.id });
    expect(kept.classId).toBeNull();
    const newcomer = (await t.call('orders.get', { id: arrival.id })).items[0]!;
    expect(newcomer).toMatchObject({ classToName: '8А', schoolFrom: 'МБОУ «Гимназия № 2» г. Тулы', personalFileNo: 'И-1' });
    expect(t.memberships(newcomer.studentId!)).toEqual([
      { class_id: t.c['8А'], date_from: '2026-11-20', date_to: null, opened_order_id: arrival.id, closed_order_id: null, deleted_at: null },
    ]);

    // The secretary's books read the signed orders the same way (issue 12, acceptance 3).
    const november = { from: '2026-11-01', to: '2026-11-30' };
    const arrivals = await t.call('books.arrivals', november);
    expect(arrivals.rows.map((r) => [r.kind, r.fullName, r.className, r.date, r.place, r.order?.id])).toEqual(
      expect.arrayContaining([
        ['left', 'Иванов Иван Петрович', '7Б', '2026-11-10', 'МБОУ «СОШ № 7» г. Тулы', signedOut.id],
        ['arrived', 'Игнатьев Олег Петрович', '8А', '2026-11-20', 'МБОУ «Гимназия № 2» г. Тулы', arrival.id],
      ]),
    );
    expect([arrivals.arrived, arrivals.left]).toEqual([1, 1]);
    const alphabet = (await t.call('books.alphabet', {})).letters.flatMap((l) => l.entries);
    expect(alphabet.find((e) => e.studentId === newcomer.studentId)).toMatchObject({ fileNo: 'И-1', entryClass: '8А', entryDate: '2026-11-20', cameFrom: 'МБОУ «Гимназия № 2» г. Тулы' });
    expect(alphabet.find((e) => e.studentId === leaving.id)).toMatchObject({ leftDate: '2026-11-10', wentTo: 'МБОУ «СОШ № 7» г. Тулы', leftOrder: expect.objectContaining({ id: signedOut.id }) });
    const summary = await t.call('books.summary', november);
    const row = (name: string) => summary.classes.find((c) => c.label === name || c.classId === t.c[name as keyof typeof t.c])!;
    expect(row('7Б')).toMatchObject({ start: 2, arrived: 0, left: 1, end: 1 });
    expect(row('8А')).toMatchObject({ start: 1, arrived: 1, left: 0, end: 2 });
    const movement = await t.call('books.movement', november);
    const seven = movement.classes.find((c) => c.classId === t.c['7Б'])!;
    expect(seven.rows.map((r) => [r.kind, r.fullName, r.order?.id])).toEqual([['left', 'Иванов Иван Петрович', signedOut.id]]);
  });

  it('signing each kind applies exactly its memberships', async () => {
    const t = await school();
    const a = await t.call('students.save', { ...person('Антонов'), classId: t.c['7Б'], classFrom: '2026-09-01' });
    const b = await t.call('students.save', { ...person('Белов'), classId: t.c['7Б'], classFrom: '2026-09-01' });
    const c = await t.call('students.save', { ...person('Волков'), classId: t.c['8А'], classFrom: '2026-09-01' });
    const before = { '7Б': await t.roster('7Б', '2026-11-24'), '8А': await t.roster('8А', '2026-11-24') };
    expect(before).toEqual({ '7Б': ['Антонов Иван Петрович', 'Белов Иван Петрович'], '8А': ['Волков Иван Петрович'] });
    // class_transfer: Антонов 7Б → 8А from 16.11.
    const mv = await t.call('orders.save', { kind: 'class_transfer', date: '2026-11-16', title: 'О переводе в другой класс', items: [{ studentId: a.id, classToId: t.c['8А'], effectiveDate: '2026-11-16' }] });
    await t.call('orders.sign', { id: mv.id });
    expect(await t.roster('7Б', '2026-11-16')).toEqual(['Белов Иван Петрович']);
    expect(await t.roster('8А', '2026-11-16')).toEqual(['Антонов Иван Петрович', 'Волков Иван Петрович']);
    expect(await t.roster('7Б', '2026-11-15')).toEqual(['Антонов Иван Петрович', 'Белов Иван Петрович']);
    expect(t.memberships(a.id).map((m) => [m.date_from, m.date_to, m.opened_order_id, m.closed_order_id])).toEqual([
      ['2026-09-01', '2026-11-16', null, mv.id],
      ['2026-11-16', null, mv.id, null],
    ]);
    // expulsion: Волков leaves 8А on 20.11; nobody else changes.
    const ex = await t.call('orders.save', { kind: 'expulsion', date: '2026-11-20', title: 'Об отчислении', items: [{ studentId: c.id, effectiveDate: '2026-11-20', reason: 'Получение образования в форме семейного образования' }] });
    await t.call('orders.sign', { id: ex.id });
    expect(await t.roster('8А', '2026-11-20')).toEqual(['Антонов Иван Петрович']);
    expect(await t.roster('7Б', '2026-11-20')).toEqual(['Белов Иван Петрович']);
    expect(t.memberships(b.id)).toHaveLength(1);
    // A departure dated ahead of today is refused with the reason (the class of today is a cache).
    const ahead = await t.call('orders.save', { kind: 'expulsion', date: '2026-11-25', title: 'Об отчислении', items: [{ studentId: b.id, effectiveDate: '2026-12-10', reason: 'Переезд' }] });
    const e = await rejection(t.call('orders.sign', { id: ahead.id }));
    expect(e.message).toBe('Строка 1, Белов Иван Петрович: дата отчисления 10.12.2026 ещё не наступила: подпишите приказ в день отчисления или позже');
    expect((await t.call('orders.get', { id: ahead.id })).status).toBe('draft');
  });

  it('a draft changes nothing; it is edited and removed', async () => {
    const t = await school();
    const a = await t.call('students.save', { ...person('Антонов'), classId: t.c['7Б'], classFrom: '2026-09-01' });
    const before = t.digest();
    const d = await t.call('orders.save', { kind: 'class_transfer', date: '2026-11-16', title: 'О переводе', items: [{ studentId: a.id, classToId: t.c['8А'], effectiveDate: '2026-11-16' }] });
    const edited = await t.call('orders.save', { id: d.id, kind: 'expulsion', date: '2026-11-17', title: 'Об отчислении', basis: 'Заявление', items: [{ studentId: a.id, effectiveDate: '2026-11-17', reason: 'Переезд' }] });
    expect(edited).toMatchObject({ kind: 'expulsion', title: 'Об отчислении', basis: 'Заявление', status: 'draft', number: null });
    expect(edited.items).toHaveLength(1);
    expect(t.digest()).toBe(before);
    // A kind's missing field is named next to it.
    const bad = await rejection(t.call('orders.save', { kind: 'transfer_out', date: '2026-11-17', title: 'Об отчислении', items: [{ studentId: a.id, effectiveDate: '2026-11-17' }] }));
    expect(bad.problems).toEqual([{ row: 1, column: 'items.0.schoolTo', message: 'Строка 1: не указано, в какую школу выбывает ученик' }]);
    await t.call('orders.remove', { id: d.id });
    expect(await t.call('orders.list', {})).toEqual([]);
    expect(t.digest()).toBe(before);
  });

  it('signing with the draft as on the screen: saved and signed in one transaction; a refused draft signs nothing', async () => {
    const t = await school();
    const a = await t.call('students.save', { ...person('Антонов'), classId: t.c['7Б'], classFrom: '2026-09-01' });
    const d = await t.call('orders.save', { kind: 'class_transfer', date: '2026-11-16', title: 'О переводе', items: [{ studentId: a.id, classToId: t.c['8А'], effectiveDate: '2026-11-16' }] });
    const shown = { kind: 'class_transfer' as const, date: '2026-11-17', title: 'О переводе Антонова', basis: 'Заявление матери', items: [{ studentId: a.id, classToId: t.c['1А'], effectiveDate: '2026-11-17' }] };
    // A draft the save refuses (a student twice): nothing saved, nothing signed.
    const before = t.digest();
    const refused = await rejection(t.call('orders.sign', { id: d.id, draft: { ...shown, items: [...shown.items, ...shown.items] } }));
    expect(refused.problems).toEqual([expect.objectContaining({ column: 'items.1.studentId' })]);
    expect(await t.call('orders.get', { id: d.id })).toMatchObject({ status: 'draft', title: 'О переводе', date: '2026-11-16' });
    expect(t.digest()).toBe(before);
    // The screen's draft is what is signed and applied.
    const signed = await t.call('orders.sign', { id: d.id, draft: shown });
    expect(signed).toMatchObject({ status: 'signed', numberText: '1-п', date: '2026-11-17', title: 'О переводе Антонова', basis: 'Заявление матери' });
    expect(signed.items.map((it) => [it.classFromName, it.classToName, it.effectiveDate])).toEqual([['7Б', '1А', '2026-11-17']]);
    expect(await t.roster('1А', '2026-11-17')).toEqual(['Антонов Иван Петрович']);
    expect(await t.roster('8А', '2026-11-17')).toEqual([]);
  });

  it('cancellation: a signed order of cancellation undoes the memberships; refused while a later order builds on them', async () => {
    const t = await school();
    const newcomer = await t.call('students.save', { ...person('Новиков') });
    const arrive = await t.call('orders.save', {
      kind: 'transfer_in', date: '2026-11-02', title: 'О зачислении в порядке перевода', items: [{ studentId: newcomer.id, classToId: t.c['7Б'], effectiveDate: '2026-11-02', schoolFrom: 'Школа № 1' }],
    });
    await t.call('orders.sign', { id: arrive.id });
    const mv = await t.call('orders.save', { kind: 'class_transfer', date: '2026-11-16', title: 'О переводе', items: [{ studentId: newcomer.id, classToId: t.c['8А'], effectiveDate: '2026-11-16' }] });
    await t.call('orders.sign', { id: mv.id });
    // The arrival cannot go while the transfer built on it stands.
    const refused = await rejection(t.call('orders.cancel', { id: arrive.id, date: '2026-11-24' }));
    expect(refused.message).toBe('Нельзя отменить: на приказе основан более поздний приказ № 1-п от 16.11.2026 «О переводе» (Новиков Иван Петрович) — сначала отмените его');
    // Cancel the transfer: back in 7Б, the 7Б membership open again, the 8А one gone.
    const c1 = await t.call('orders.cancel', { id: mv.id, date: '2026-11-24', basis: 'Служебная записка' });
    expect(c1).toMatchObject({ kind: 'cancellation', status: 'signed', numberText: '1-отм', cancels: { id: mv.id, numberText: '1-п' } });
    expect(c1.title).toBe('Об отмене приказа № 1-п от 16.11.2026 «О переводе»');
    expect(await t.call('orders.get', { id: mv.id })).toMatchObject({ status: 'cancelled', cancelledBy: { id: c1.id } });
    expect(await t.roster('7Б', '2026-11-20')).toEqual(['Новиков Иван Петрович']);
    expect(await t.roster('8А', '2026-11-20')).toEqual([]);
    expect((await t.call('students.get', { id: newcomer.id })).classId).toBe(t.c['7Б']);
    expect(t.memberships(newcomer.id).filter((m) => !m.deleted_at).map((m) => [m.class_id, m.date_from, m.date_to, m.opened_order_id, m.closed_order_id])).toEqual([
      [t.c['7Б'], '2026-11-02', null, arrive.id, null],
    ]);
    // Cancelled once: not again; the cancellation itself is never cancelled; nothing is deleted.
    expect((await rejection(t.call('orders.cancel', { id: mv.id, date: '2026-11-24' }))).message).toMatch(/уже отменён/);
    expect((await rejection(t.call('orders.cancel', { id: c1.id, date: '2026-11-24' }))).message).toMatch(/не отменяют/);
    // Now the arrival may go: the student is in no class, the card stays.
    await t.call('orders.cancel', { id: arrive.id, date: '2026-11-25' });
    expect(await t.roster('7Б', '2026-11-20')).toEqual([]);
    expect((await t.call('students.get', { id: newcomer.id })).classId).toBeNull();
    expect((await t.call('orders.list', { sort: 'number', desc: false })).map((o) => [o.numberText, o.status])).toEqual([
      ['1-отм', 'signed'],
      ['1-п', 'cancelled'],
      ['1-зп', 'cancelled'],
      ['2-отм', 'signed'],
    ]);
  });

  it('fromFormation: the two drafts from the planned classes; signing them enrolls the children with guardians and file numbers, then forms the classes', async () => {
    const t = await school('2026-08-28');
    const y = (await t.call('years.list'))[0]!;
    // A known parent (linked, not duplicated) and a removed student who once had «И-1».
    const known = await t.call('students.save', {
      ...person('Ильин', 'Пётр'), classId: t.c['7Б'], classFrom: '2026-08-28',
      guardians: [{ lastName: 'Ильина', firstName: 'Мария', middleName: 'Олеговна', relation: 'мать', phone: '+7 900 111-22-33', email: null, pdConsentDate: null, eServiceRefused: false }],
    });
    const ghost = await t.call('students.save', { ...person('Исаев'), personalFileNo: 'И-1' });
    await t.call('students.remove', { id: ghost.id });
    const guardianId = known.guardians[0]!.id;
    const apps = t.db.tx(() => {
      const w = new Writer(t.db, 'test');
      const app = (reg: string, last: string, first: string, planned: string | null, parentOf?: string) => {
        const a = w.insert('enrollment_application', {
          year_id: y.id, reg_number: reg, applied_at: '2026-04-01T10:00:00', status: 'Принято к рассмотрению', enrollable: 1, preference: 'none', sibling: parentOf ? 1 : 0,
          last_name: last, first_name: first, middle_name: 'Андреевич', birth_date: '2019-05-06', gender: 'm', snils: null, birth_certificate: 'II-БО 123456', address: 'ул. Садовая, 3',
          on_territory: 1, adapted_programme: 0, grade: 1, planned_class_id: planned, student_id: null, imported_at: '2026-04-02T10:00:00Z',
        });
        w.insert('enrollment_parent', { application_id: a.id, position: 1, last_name: 'Ильина', first_name: 'Мария', middle_name: 'Олеговна', relation: 'мать', phone: '+7 900 111-22-33', email: null, guardian_id: parentOf ?? null });
        return a.id;
      };
      return [app('1', 'Ильин', 'Андрей', t.c['1А'], guardianId), app('2', 'Иванов', 'Борис', t.c['1Б']), app('3', 'Яковлев', 'Глеб', t.c['1А']), app('4', 'Юдин', 'Денис', null)];
    });
    const { enrollment, forming } = await t.call('orders.fromFormation', { yearId: y.id, date: '2026-08-28', effectiveDate: '2026-09-01' });
    expect(enrollment).toMatchObject({ kind: 'enrollment', status: 'draft', title: 'О зачислении в 1-й класс' });
    // Into the parallel: alphabetical, whatever the planned classes (the forming order lists by class).
    expect(enrollment!.items.map((i) => [i.fullName, i.grade, i.classToName])).toEqual([
      ['Иванов Борис Андреевич', 1, null],
      ['Ильин Андрей Андреевич', 1, null],
      ['Яковлев Глеб Андреевич', 1, null],
    ]);
    expect(forming).toMatchObject({ kind: 'class_forming', status: 'draft' });
    expect(forming!.items.map((i) => [i.fullName, i.classToName, i.effectiveDate])).toEqual([
      ['Ильин Андрей Андреевич', '1А', '2026-09-01'],
      ['Яковлев Глеб Андреевич', '1А', '2026-09-01'],
      ['Иванов Борис Андреевич', '1Б', '2026-09-01'],
    ]);
    // Made again: nothing new to put in an order.
    expect((await rejection(t.call('orders.fromFormation', { yearId: y.id, date: '2026-08-28', effectiveDate: '2026-09-01' }))).message).toMatch(/Нет заявлений/);
    // Forming before enrolling: refused, nothing applied.
    expect((await rejection(t.call('orders.sign', { id: forming!.id }))).message).toMatch(/ещё не зачислен: сначала подпишите приказ о зачислении/);
    const signed = await t.call('orders.sign', { id: enrollment!.id });
    expect(signed.items.map((i) => [i.fullName, i.personalFileNo])).toEqual([
      ['Иванов Борис Андреевич', 'И-2'], // «И-1» was given once (the removed student): never again
      ['Ильин Андрей Андреевич', 'И-3'],
      ['Яковлев Глеб Андреевич', 'Я-1'],
    ]);
    expect(nextPersonalFileNo(t.db, 'ивлев')).toBe('И-4');
    const ilyin = await t.call('students.get', { id: signed.items[1]!.studentId! });
    expect(ilyin.guardians.map((g) => g.id)).toEqual([guardianId]); // linked, not duplicated
    expect(ilyin.classId).toBeNull(); // enrolled into the parallel; the class comes with the forming order
    const ivanov = await t.call('students.get', { id: signed.items[0]!.studentId! });
    expect(ivanov.guardians.map((g) => `${g.lastName} ${g.relation}`)).toEqual(['Ильина мать']);
    expect(ivanov.guardians[0]!.id).not.toBe(guardianId);
    expect(t.db.raw.prepare('SELECT student_id FROM enrollment_application WHERE id = ?').get(apps[0])).toEqual({ student_id: ilyin.id });
    await t.call('orders.sign', { id: forming!.id });
    expect(await t.roster('1А', '2026-09-01')).toEqual(['Ильин Андрей Андреевич', 'Яковлев Глеб Андреевич']);
    expect(await t.roster('1Б', '2026-09-01')).toEqual(['Иванов Борис Андреевич']);
    expect(await t.roster('1А', '2026-08-31')).toEqual([]);
    expect((await t.call('students.get', { id: ilyin.id })).classId).toBe(t.c['1А']);
  });

  it('a change of class on the student card is a signed «О переводе в другой класс»; a same-day correction is not', async () => {
    const t = await school();
    const s = await t.call('students.save', { ...person('Котов'), classId: t.c['7Б'], classFrom: '2026-09-01' });
    const { id: _id, className: _c, classSince: _s, personalFileNo, guardians, ...card } = s;
    const moved = await t.call('students.save', { ...card, id: s.id, personalFileNo, guardians: [], classId: t.c['8А'], classFrom: '2026-11-10' });
    expect(moved.className).toBe('8А');
    const orders = await t.call('orders.list', { studentId: s.id });
    expect(orders).toHaveLength(1);
    const o = await t.call('orders.get', { id: orders[0]!.id });
    expect(o).toMatchObject({ kind: 'class_transfer', status: 'signed', numberText: '1-п', date: '2026-11-25', title: 'О переводе в 8А класс' });
    expect(o.items[0]).toMatchObject({ classFromName: '7Б', classToName: '8А', effectiveDate: '2026-11-10' });
    expect(t.memberships(s.id).map((m) => [m.date_to, m.opened_order_id, m.closed_order_id])).toEqual([
      ['2026-11-10', null, o.id],
      [null, o.id, null],
    ]);
    // A student entered today in the wrong class: corrected without an order.
    const today = await t.call('students.save', { ...person('Лисин'), classId: t.c['7Б'] });
    await t.call('students.save', { ...person('Лисин'), id: today.id, classId: t.c['8А'] });
    expect(await t.call('orders.list', { studentId: today.id })).toEqual([]);
    expect(await t.roster('8А', '2026-11-25')).toEqual(['Котов Иван Петрович', 'Лисин Иван Петрович']);
  });

  it('deputies and the director view the register but cannot sign, draft or cancel (area contingent)', async () => {
    const t = await school();
    const a = await t.call('students.save', { ...person('Антонов'), classId: t.c['7Б'], classFrom: '2026-09-01' });
    const d = await t.call('orders.save', { kind: 'class_transfer', date: '2026-11-16', title: 'О переводе', items: [{ studentId: a.id, classToId: t.c['8А'], effectiveDate: '2026-11-16' }] });
    const { password } = await t.call('users.save', { login: 'zam', displayName: 'Волкова Анна Сергеевна', role: 'deputy', deputyGrades: [5, 6, 7, 8, 9] });
    const deputy: Ctx = { ...t.ctx, session: new Session(false) };
    expect((await dispatch(deputy, 'auth.login', { login: 'zam', password })).ok).toBe(true);
    expect((await dispatch(deputy, 'auth.changePassword', { oldPassword: password, newPassword: 'Завуч2026!' })).ok).toBe(true);
    const list = await dispatch(deputy, 'orders.list', {});
    expect(list.ok).toBe(true);
    for (const [op, input] of [
      ['orders.sign', { id: d.id }],
      ['orders.save', { kind: 'expulsion', date: '2026-11-16', title: 'Об отчислении', items: [] }],
      ['orders.cancel', { id: d.id, date: '2026-11-20' }],
      ['orders.remove', { id: d.id }],
    ] as const) {
      const r = await dispatch(deputy, op, input);
      expect(r.ok, op).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('forbidden');
    }
    expect((await t.call('orders.get', { id: d.id })).status).toBe('draft');
    expect(await t.roster('7Б', '2026-11-20')).toEqual(['Антонов Иван Петрович']);
  });
});
