// Issue 15 point 3: the promotion plan from the year's debts, the drafts of «О переводе в следующий
// класс» and «Об отчислении в связи с завершением обучения», their checks, signing, cancelling and
// the printed orders, on the demo school at the year end (31.05.2027).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCore } from '../support/core';
import { seedYearMarks } from '../support/yearMarks';
import { uuidv7 } from '../../db/ids';
import type { AppError } from '../../electron/api/errors';
import type { OrderDetails } from '../../electron/api/orders';
import { resultBytes } from '../support/files';

const NOW = '2027-05-31';
const ART = join(import.meta.dirname, '../artifacts/yearEnd');
type Core = Awaited<ReturnType<typeof demoCore>>;
const rejection = (p: Promise<unknown>) => p.then(() => { throw new Error('not refused'); }, (e: unknown) => e as AppError);

describe('promotion and graduation', () => {
  let t: Core;
  let yearId: string;
  const debt = (studentId: string, subjectId: string, status: 'open' | 'closed' | 'decided', decision: 'repeat' | 'adapted' | 'individual' | null = null) => {
    const at = `${NOW}T10:00:00.000Z`;
    t.db.raw
      .prepare(
        `INSERT INTO academic_debt (id, created_at, updated_at, student_id, subject_id, year_id, reason, recorded_on, first_retake_on, first_result, status, decision, decided_on)
         VALUES (?, ?, ?, ?, ?, ?, 'unsatisfactory', ?, ?, ?, ?, ?, ?)`,
      )
      .run(uuidv7(), at, at, studentId, subjectId, yearId, '2027-05-25', status === 'open' ? null : '2027-05-28', status === 'closed' ? '4' : status === 'open' ? null : '2', status, decision, decision ? '2027-05-30' : null);
  };
  type Plan = Awaited<ReturnType<typeof planOf>>;
  const planOf = () => t.call('promotion.plan', {});
  const cls = (plan: Plan, name: string) => plan.classes.find((c) => c.className === name)!;
  /** An attested subject of the class's curriculum. */
  const subjectOf = (classId: string, n = 0) =>
    (t.db.raw.prepare(`SELECT s.id, s.name FROM curriculum_item ci JOIN subject s ON s.id = ci.subject_id WHERE ci.class_id = ? AND ci.deleted_at IS NULL AND ci.hours_per_week > 0 AND s.no_attestation = 0 AND s.grading = 'five_point' ORDER BY s.sort_order, s.name`).all(classId) as { id: string; name: string }[])[n]!;
  const memberships = (studentId: string) =>
    t.db.raw.prepare('SELECT class_id, date_from, date_to, opened_order_id, closed_order_id FROM class_membership WHERE student_id = ? AND deleted_at IS NULL ORDER BY date_from').all(studentId) as {
      class_id: string; date_from: string; date_to: string | null; opened_order_id: string | null; closed_order_id: string | null;
    }[];
  const digest = () => JSON.stringify(['student', 'class_membership'].map((tb) => t.db.raw.prepare(`SELECT * FROM ${tb} ORDER BY id`).all()));
  /** The draft as the orders page sends it back to orders.save. */
  const asInput = (o: OrderDetails, change: (it: OrderDetails['items'][number]) => Partial<{ decision: string | null; classFromId: string | null; studentId: string | null }> = () => ({})) => ({
    id: o.id, kind: o.kind as 'promotion' | 'graduation', date: o.date, title: o.title, preamble: o.preamble, basis: o.basis,
    items: o.items.map((it) => ({ studentId: it.studentId, classFromId: it.classFromId, decision: it.decision, reason: it.reason, effectiveDate: it.effectiveDate, ...change(it) })) as never,
  });
  const who: Record<string, { id: string; classId: string }> = {};
  let drafts: OrderDetails[] = [];
  const draftOf = (kind: string, className: string) => drafts.find((o) => o.kind === kind && o.items[0]?.classFromName === className)!;

  beforeAll(async () => {
    t = await demoCore(120, () => new Date(`${NOW}T09:00:00Z`));
    const plan = await planOf();
    yearId = plan.yearId;
    seedYearMarks(t.db, { yearId });
    const pick = (name: string, k = 0) => ({ id: cls(plan, name).students[k]!.studentId, classId: cls(plan, name).classId });
    Object.assign(who, { conditional: pick('5А'), repeat: pick('6А'), adapted: pick('7А'), closed: pick('8А'), open9: pick('9А'), repeat9: pick('9Б'), leaving9: pick('9В'), graduate: pick('11А') });
    debt(who.conditional!.id, subjectOf(who.conditional!.classId).id, 'open');
    debt(who.conditional!.id, subjectOf(who.conditional!.classId, 1).id, 'open');
    debt(who.repeat!.id, subjectOf(who.repeat!.classId).id, 'decided', 'repeat');
    debt(who.adapted!.id, subjectOf(who.adapted!.classId).id, 'decided', 'adapted');
    debt(who.closed!.id, subjectOf(who.closed!.classId).id, 'closed');
    debt(who.open9!.id, subjectOf(who.open9!.classId).id, 'open');
    debt(who.repeat9!.id, subjectOf(who.repeat9!.classId).id, 'decided', 'repeat');
  }, 120_000);
  afterAll(() => t?.cleanup());
  /** The printed order saved (and rendered to PNG) under tests/artifacts/yearEnd, its text. */
  const pdf = (file: Parameters<typeof resultBytes>[1], name: string) => {
    const path = join(ART, name);
    writeFileSync(path, resultBytes(t.ctx.session, file));
    execFileSync('pdftoppm', ['-png', '-r', '60', path, path.replace(/\.pdf$/, '')]);
    return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  };

  it('the plan: the decisions the debts give, the counts, no orders yet', async () => {
    const plan = await planOf();
    expect(plan.effectiveDate).toBe('2027-06-01'); // no next year yet: the day after the year's end
    const decisionOf = (id: string) => plan.classes.flatMap((c) => c.students).find((s) => s.studentId === id)!;
    expect(decisionOf(who.conditional!.id)).toMatchObject({ decision: 'conditional', source: 'rules' });
    expect(decisionOf(who.conditional!.id).debts).toHaveLength(2);
    expect(decisionOf(who.repeat!.id).decision).toBe('repeat');
    expect(decisionOf(who.adapted!.id)).toMatchObject({ decision: 'promoted', note: 'обучение по адаптированной образовательной программе' });
    expect(decisionOf(who.closed!.id)).toMatchObject({ decision: 'promoted', note: null, debts: [] });
    expect(decisionOf(who.open9!.id)).toMatchObject({ decision: null });
    expect(decisionOf(who.open9!.id).note).toMatch(/не ликвидирована/);
    expect(decisionOf(who.repeat9!.id).decision).toBe('repeat');
    expect(decisionOf(who.leaving9!.id).decision).toBe('continues'); // a 9th grader continues unless marked leaving
    expect(decisionOf(who.graduate!.id).decision).toBe('graduated');
    const c5 = cls(plan, '5А');
    expect(c5.counts).toMatchObject({ conditional: 1, promoted: c5.students.length - 1, graduated: 0 });
    expect(cls(plan, '9Б').orders.map((o) => [o.kind, o.needed, o.state])).toEqual([['promotion', true, 'none'], ['graduation', true, 'none']]);
    expect(cls(plan, '9В').orders.map((o) => [o.kind, o.needed])).toEqual([['promotion', false], ['graduation', true]]);
    expect(cls(plan, '5А').orders.map((o) => [o.kind, o.needed])).toEqual([['promotion', true], ['graduation', false]]);
    const all = plan.classes.reduce((n, c) => n + c.students.length, 0);
    expect(Object.values(plan.totals).reduce((a, b) => a + b, 0)).toBe(all);
    expect(plan.totals.undecided).toBe(1);
  });

  it('the drafts: one per class and kind in one go, 9th graders continuing unless leaving; a second call makes none', async () => {
    expect((await rejection(t.call('promotion.drafts', { date: '2027-05-31', leaving9: [who.graduate!.id] }))).problems[0]).toMatchObject({ column: 'leaving9.0' });
    expect((await rejection(t.call('promotion.drafts', { date: '2026-08-15' }))).problems[0]).toMatchObject({ column: 'date' });
    expect(await t.call('orders.list', { kind: 'promotion' })).toHaveLength(0); // refused: nothing made
    const before = digest();
    const r = await t.call('promotion.drafts', { date: '2027-05-31', basis: 'Решение педагогического совета (протокол от 28.05.2027 № 9)', leaving9: [who.leaving9!.id] });
    drafts = r.made;
    expect(digest()).toBe(before); // drafts change no membership
    // 1–8 and 10 (27 classes) and 9Б for its repeater; graduation for 9А–9В and 11А–11В.
    expect(r.made.filter((o) => o.kind === 'promotion')).toHaveLength(28);
    expect(r.made.filter((o) => o.kind === 'graduation')).toHaveLength(6);
    expect(r.skipped).toContainEqual({ className: '9А', kind: 'graduation', reason: 'нет решения для 1 обуч. (академическая задолженность)' });
    const p5 = draftOf('promotion', '5А');
    expect(p5).toMatchObject({ status: 'draft', title: 'О переводе обучающихся 5А класса в 6 класс', basis: 'Решение педагогического совета (протокол от 28.05.2027 № 9)' });
    expect(p5.preamble).toMatch(/частями 1 и 8 статьи 58/);
    expect(p5.items.every((it) => it.effectiveDate === '2027-06-01')).toBe(true);
    expect(p5.items.find((it) => it.studentId === who.conditional!.id)!.decision).toBe('conditional');
    expect(draftOf('promotion', '7А').items.find((it) => it.studentId === who.adapted!.id)!.reason).toBe('обучение по адаптированной образовательной программе');
    expect(draftOf('promotion', '9Б')).toMatchObject({ title: 'Об оставлении на повторное обучение обучающихся 9Б класса', items: [{ studentId: who.repeat9!.id, decision: 'repeat' }] });
    const g9 = draftOf('graduation', '9В');
    expect(g9.items.find((it) => it.studentId === who.leaving9!.id)).toMatchObject({ decision: 'graduated', effectiveDate: '2027-05-31' });
    expect(g9.items.filter((it) => it.decision === 'continues').every((it) => it.effectiveDate === '2027-06-01')).toBe(true);
    expect(draftOf('graduation', '9А').items.map((it) => it.studentId)).not.toContain(who.open9!.id);
    expect(draftOf('graduation', '9Б').items.map((it) => it.studentId)).not.toContain(who.repeat9!.id);
    expect(draftOf('graduation', '11А').title).toBe('Об отчислении обучающихся 11А класса в связи с получением среднего общего образования');
    // The plan shows the drafts.
    const plan = await planOf();
    expect(cls(plan, '5А').orders[0]).toMatchObject({ state: 'draft', orderId: p5.id, label: 'проект от 31.05.2027' });
    // Idempotent.
    const again = await t.call('promotion.drafts', { date: '2027-05-31' });
    expect(again.made).toHaveLength(0);
    expect(again.skipped.length).toBeGreaterThanOrEqual(34);
  });

  it('editing a draft: a 9th grader toggled between continuing and leaving through orders.save', async () => {
    const g9 = draftOf('graduation', '9В');
    const other = g9.items.find((it) => it.decision === 'continues')!;
    const saved = await t.call('orders.save', asInput(g9, (it) => (it.id === other.id ? { decision: 'graduated' } : {})));
    expect(saved.items.find((it) => it.studentId === other.studentId)).toMatchObject({ decision: 'graduated', effectiveDate: '2027-05-31' });
    const back = await t.call('orders.save', asInput(saved, (it) => (it.studentId === other.studentId ? { decision: 'continues' } : {})));
    expect(back.items.find((it) => it.studentId === other.studentId)).toMatchObject({ decision: 'continues', effectiveDate: '2027-06-01' });
    expect((await planOf()).classes.find((c) => c.className === '9В')!.students.find((s) => s.studentId === other.studentId)).toMatchObject({ source: 'order', decision: 'continues' });
    drafts = drafts.map((o) => (o.id === back.id ? back : o));
  });

  it('refuses, next to the field, what does not fit', async () => {
    const p5 = draftOf('promotion', '5А');
    const g11 = draftOf('graduation', '11А');
    const g9 = draftOf('graduation', '9А');
    const problem = async (input: unknown) => (await rejection(t.call('orders.save', input as never))).problems[0];
    // The decision is required in these kinds, refused in the others.
    expect(await problem(asInput(p5, () => ({ decision: null })))).toMatchObject({ column: 'items.0.decision', message: 'Строка 1: не выбрано решение' });
    const s5 = p5.items[0]!;
    expect(await problem({ kind: 'class_transfer', date: NOW, title: 'О переводе', items: [{ studentId: s5.studentId, classToId: cls(await planOf(), '5Б').classId, effectiveDate: NOW, decision: 'promoted' }] })).toMatchObject({
      column: 'items.0.decision', message: expect.stringMatching(/только в приказах о переводе и о выпуске/),
    });
    // The decision fits the kind and the grade.
    expect(await problem(asInput(p5, () => ({ decision: 'graduated' })))).toMatchObject({ column: 'items.0.decision', message: expect.stringMatching(/не для приказа этого вида/) });
    expect(await problem(asInput(g11, () => ({ decision: 'continues' })))).toMatchObject({ column: 'items.0.decision', message: expect.stringMatching(/только выпускники 9 класса/) });
    expect(await problem(asInput(draftOf('promotion', '9Б'), () => ({ decision: 'promoted' })))).toMatchObject({ column: 'items.0.decision', message: expect.stringMatching(/из 9 класса не переводят/) });
    expect(await problem({ ...asInput(p5), id: null, kind: 'graduation', items: [{ studentId: s5.studentId, classFromId: s5.classFromId, decision: 'graduated', effectiveDate: NOW }] })).toMatchObject({
      message: expect.stringMatching(/в 5 классе не завершают обучение/),
    });
    // The student is in the class on the order's day.
    const plan6 = await planOf();
    expect(await problem(asInput(p5, (it) => (it.id === s5.id ? { classFromId: cls(plan6, '6А').classId } : {})))).toMatchObject({
      column: 'items.0.studentId', message: 'Строка 1: на 31.05.2027 ученик не числится в 6А классе',
    });
    // One decision per student and year among live orders: the other draft is named.
    const dup = await problem({ ...asInput(g9), id: null, items: [{ studentId: g9.items[0]!.studentId, classFromId: g9.items[0]!.classFromId, decision: 'continues', effectiveDate: NOW }] });
    expect(dup).toMatchObject({ column: 'items.0.studentId', message: expect.stringMatching(/ученик уже в приказе проект от 31\.05\.2027 «Об отчислении обучающихся 9А класса/) });
    expect(await problem({ ...asInput(p5), id: null, kind: 'promotion', items: [{ studentId: g11.items[0]!.studentId, classFromId: g11.items[0]!.classFromId, decision: 'repeat', effectiveDate: NOW }] })).toMatchObject({
      message: expect.stringMatching(/уже в приказе/),
    });
  });


  it('signing a graduation: the graduates leave on the order day (the student kept); «continues» and a promotion change nothing', async () => {
    const g11 = draftOf('graduation', '11А');
    const before = digest();
    const p5 = await t.call('orders.sign', { id: draftOf('promotion', '5А').id });
    expect(p5).toMatchObject({ status: 'signed', numberText: '1-пер' });
    expect(digest()).toBe(before); // a promotion moves nobody: the rollover applies it
    const g9 = await t.call('orders.sign', { id: draftOf('graduation', '9В').id });
    expect(g9.numberText).toBe('1-вып');
    for (const it of g9.items.filter((i) => i.decision === 'continues')) expect(memberships(it.studentId!).at(-1)).toMatchObject({ date_to: null, closed_order_id: null });
    const signed = await t.call('orders.sign', { id: g11.id });
    expect(signed.numberText).toBe('2-вып');
    for (const it of signed.items) {
      expect(memberships(it.studentId!).at(-1)).toMatchObject({ class_id: g11.items[0]!.classFromId, date_to: '2027-05-31', closed_order_id: g11.id });
      const card = await t.call('students.get', { id: it.studentId! });
      expect(card.classId).toBeNull();
    }
    const leaver = g9.items.find((i) => i.decision === 'graduated')!;
    expect(memberships(leaver.studentId!).at(-1)).toMatchObject({ date_to: '2027-05-31', closed_order_id: g9.id });
    // The plan still lists the graduates, under the signed order.
    const plan = await planOf();
    expect(cls(plan, '11А').students.map((s) => s.studentId).sort()).toEqual(g11.items.map((i) => i.studentId).sort());
    expect(cls(plan, '11А').orders[1]).toMatchObject({ state: 'signed', label: '№ 2-вып от 31.05.2027' });
    // A signed order's student is refused in another draft, the signed order named.
    const stays = g9.items.find((i) => i.decision === 'continues')!;
    const again = await rejection(t.call('orders.save', { ...asInput(draftOf('promotion', '9Б')), id: null, items: [{ studentId: stays.studentId, classFromId: stays.classFromId, decision: 'repeat', effectiveDate: NOW }] }));
    expect(again.message).toMatch(/ученик уже в приказе № 1-вып от 31\.05\.2027 «Об отчислении обучающихся 9В класса/);
  });

  it('the books: a graduate left «окончил обучение» with the order', async () => {
    const g11 = draftOf('graduation', '11А');
    const student = g11.items[0]!.studentId!;
    const book = await t.call('books.movement', { from: '2027-05-01', to: '2027-06-30' });
    const row = book.classes.find((c) => c.className === '11А')!.rows.find((r) => r.studentId === student)!;
    expect(row).toMatchObject({ kind: 'left', date: '2027-05-31', reason: 'окончил обучение' });
    expect(row.order).toMatchObject({ kind: 'graduation', text: 'от 31.05.2027 № 2-вып' });
    const alpha = (await t.call('books.alphabet', {})).letters.flatMap((l) => l.entries).find((e) => e.studentId === student)!;
    expect(alpha).toMatchObject({ leftDate: '2027-05-31', leftReason: 'окончил обучение', currentClass: null });
    expect(alpha.leftOrder?.text).toBe('от 31.05.2027 № 2-вып');
    // A promotion (signed, not yet applied) is no movement.
    const c5 = book.classes.find((c) => c.className === '5А');
    expect(c5?.rows ?? []).toHaveLength(0);
  });

  it('the printed orders: the groups in the official wording', async () => {
    mkdirSync(ART, { recursive: true });
    const p5 = await t.call('orders.get', { id: draftOf('promotion', '5А').id });
    const debtor = p5.items.find((i) => i.studentId === who.conditional!.id)!;
    const text5 = pdf(await t.call('orders.print', { id: p5.id }), 'promotion-5А.pdf');
    expect(text5).toContain('ПРИКАЗ');
    expect(text5).toContain('№ 1-пер');
    expect(text5).toContain('1. Перевести в 6 класс с 01.06.2027 следующих обучающихся 5А класса:');
    expect(text5).toContain('2. Перевести условно в 6 класс с 01.06.2027 следующих обучающихся 5А класса, имеющих академическую задолженность:');
    const subjects = [subjectOf(who.conditional!.classId).name, subjectOf(who.conditional!.classId, 1).name].join(', ');
    expect(text5).toContain(`${debtor.fullName}, ${debtor.birthDate!.split('-').reverse().join('.')} г. р. — с академической задолженностью по предмету(ам): ${subjects} (срок ликвидации — до 25.05.2028).`);
    expect(text5).toMatch(/частями 1 и 8 статьи 58 Федерального закона от 29\.12\.2012 № 273-ФЗ/);
    expect(text5).toContain('Основание: Решение педагогического совета (протокол от 28.05.2027 № 9).');
    const text6 = pdf(await t.call('orders.print', { id: draftOf('promotion', '6А').id }), 'promotion-6А.pdf');
    expect(text6).toContain('Оставить на повторное обучение в 6 классе следующих обучающихся 6А класса:');
    const text7 = pdf(await t.call('orders.print', { id: draftOf('promotion', '7А').id }), 'promotion-7А.pdf');
    expect(text7).toContain('(обучение по адаптированной образовательной программе)');
    const text9 = pdf(await t.call('orders.print', { id: draftOf('graduation', '9В').id }), 'graduation-9В.pdf');
    expect(text9).toContain('1. Отчислить в связи с получением основного общего образования (выдать аттестат об основном общем образовании) с 31.05.2027 следующих обучающихся 9В класса:');
    expect(text9).toContain('2. Считать продолжающими обучение в 10 классе с 01.06.2027 следующих обучающихся 9В класса, получивших основное общее образование:');
    const text11 = pdf(await t.call('orders.print', { id: draftOf('graduation', '11А').id }), 'graduation-11А.pdf');
    expect(text11).toContain('Отчислить в связи с получением среднего общего образования (выдать аттестат о среднем общем образовании)');
    expect(text11).toContain('Секретарю выдать аттестаты об образовании');
  });

  it('cancelling: a graduation undoes its closings; after the rollover neither kind is cancelled', async () => {
    const g11 = draftOf('graduation', '11А');
    const c = await t.call('orders.cancel', { id: g11.id, date: NOW });
    expect(c.kind).toBe('cancellation');
    for (const it of g11.items) expect(memberships(it.studentId!).at(-1)).toMatchObject({ date_to: null, closed_order_id: null });
    expect(cls(await planOf(), '11А').orders[1]).toMatchObject({ state: 'cancelled' });
    // The year rolled over (a year_rollover row of its year): refused with the reason.
    await t.call('years.save', { ...(await t.call('years.suggest', { startYear: 2027 })), isCurrent: false });
    const next = t.db.raw.prepare("SELECT id, name FROM academic_year WHERE start_date > '2027-05-31'").get() as { id: string; name: string };
    const at = new Date().toISOString();
    t.db.raw.prepare('INSERT INTO year_rollover (id, created_at, updated_at, from_year_id, to_year_id, done_at, done_by, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(uuidv7(), at, at, yearId, next.id, '2027-08-30T10:00:00.000Z', 'admin', '{}');
    const p5 = draftOf('promotion', '5А');
    expect((await rejection(t.call('orders.cancel', { id: p5.id, date: NOW }))).message).toBe(
      `Нельзя отменить приказ № 1-пер от 31.05.2027: его решения уже применены при переходе на новый учебный год ${next.name} (30.08.2027) — ученики уже в классах нового года`,
    );
    expect((await rejection(t.call('orders.cancel', { id: draftOf('graduation', '9В').id, date: NOW }))).message).toMatch(/уже применены при переходе на новый учебный год/);
    // The rollover's move (written here as its function will): closed by the promotion order on the
    // new year's first day, 6А of the new year opened by it that day — a move in the books, not a departure.
    const start = (t.db.raw.prepare('SELECT start_date FROM academic_year WHERE id = ?').get(next.id) as { start_date: string }).start_date;
    const moved = p5.items.find((i) => i.decision === 'promoted')!;
    const c6 = uuidv7();
    t.db.raw.prepare(`INSERT INTO school_class (id, created_at, updated_at, year_id, grade, letter, shift) VALUES (?, ?, ?, ?, 6, 'А', 1)`).run(c6, at, at, next.id);
    t.db.raw.prepare(`UPDATE class_membership SET date_to = ?, closed_order_id = ? WHERE student_id = ? AND date_to IS NULL AND deleted_at IS NULL`).run(start, p5.id, moved.studentId);
    t.db.raw.prepare(`INSERT INTO class_membership (id, created_at, updated_at, student_id, class_id, date_from, opened_order_id) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(uuidv7(), at, at, moved.studentId, c6, start, p5.id);
    const summer = await t.call('books.movement', { from: '2027-06-01', to: start });
    const rows = summer.classes.flatMap((c) => c.rows).filter((r) => r.studentId === moved.studentId);
    expect(rows.map((r) => [r.kind, r.className, r.otherClass])).toEqual([['moved_out', '5А', '6А'], ['moved_in', '6А', '5А']]);
    // The next year's first day is now where promotions take effect.
    expect((await planOf()).effectiveDate).toBe((t.db.raw.prepare('SELECT start_date FROM academic_year WHERE id = ?').get(next.id) as { start_date: string }).start_date);
  });
});
