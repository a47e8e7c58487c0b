// The books of the demo school (app.loadDemo, 1000 students, every one from before the program:
// memberships from the year's first day, no orders) build, as PDF and XLSX too; an order signed and
// then cancelled by another order (orders.sign, orders.cancel) counts for nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { demoCore } from '../support/core';
import { resultBytes } from '../support/files';

const NOW = () => new Date('2026-12-01T09:00:00Z');

describe('books of the demo school', () => {
  let t: Awaited<ReturnType<typeof demoCore>>;
  beforeAll(async () => {
    t = await demoCore(1000, NOW);
  }, 300_000);
  afterAll(() => t?.cleanup());

  it('every book builds: everyone in the alphabetical book, nobody moved, the summary adds up', async () => {
    const alpha = await t.call('books.alphabet');
    expect(alpha.total).toBe(1000);
    expect(alpha.left).toBe(0);
    expect(alpha.letters.reduce((n, l) => n + l.entries.length, 0)).toBe(1000);
    for (const l of alpha.letters) expect(l.entries.map((e) => e.number)).toEqual(l.entries.map((_, i) => i + 1)); // the demo numbers each letter 1, 2, 3 …
    const year = { from: '2026-09-01', to: '2027-05-31' };
    expect((await t.call('books.arrivals', year)).rows).toEqual([]);
    const mv = await t.call('books.movement', year);
    expect(mv.classes.every((c) => c.rows.length === 0 && c.start === c.end)).toBe(true);
    const sum = await t.call('books.summary', year);
    expect(sum.total).toMatchObject({ start: 1000, arrived: 0, left: 0, movedIn: 0, movedOut: 0, end: 1000 });
    expect(sum.classes.reduce((n, c) => n + c.start, 0)).toBe(1000);
    expect(sum.parallels.map((p) => p.grade)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  }, 120_000);

  it('prints each book as PDF and XLSX', async () => {
    for (const book of ['alphabet', 'movement', 'arrivals', 'summary'] as const) {
      const pdf = await t.call('books.pdf', { book, from: '2026-09-01', to: '2026-11-30' });
      const doc = await PDFDocument.load(resultBytes(t.ctx.session, pdf));
      expect(doc.getPageCount(), book).toBeGreaterThan(0);
      const xlsx = await t.call('books.xlsx', { book, from: '2026-09-01', to: '2026-11-30' });
      expect(resultBytes(t.ctx.session, xlsx).subarray(0, 2).toString(), book).toBe('PK');
    }
  }, 240_000);

  it('a cancelled order counts for nothing: the expulsion signed, then cancelled by another order', async () => {
    const c = (await t.call('classes.list')).find((x) => x.name === '5А')!;
    const [a, b] = (await t.call('students.list', { classId: c.id, sort: 'name', limit: 100 })).rows;
    const draft = await t.call('orders.save', {
      kind: 'expulsion',
      date: '2026-11-02',
      title: 'Об отчислении',
      items: [
        { studentId: a!.id, effectiveDate: '2026-11-02', reason: 'по заявлению' },
        { studentId: b!.id, effectiveDate: '2026-11-02', reason: 'по заявлению' },
      ],
    });
    const order = await t.call('orders.sign', { id: draft.id });
    const signed = await t.call('books.arrivals', { from: '2026-11-01', to: '2026-11-30' });
    expect(signed.left).toBe(2);
    expect(signed.rows.map((r) => r.order?.text)).toEqual(['от 02.11.2026 № 1-о', 'от 02.11.2026 № 1-о']);
    expect((await t.call('books.summary', { from: '2026-11-01', to: '2026-11-30' })).classes.find((x) => x.label === '5А')).toMatchObject({ left: 2, end: c.studentCount - 2 });
    const cancel = await t.call('orders.cancel', { id: order.id, date: '2026-11-05', basis: 'ошибочно подписан' });
    expect(cancel).toMatchObject({ kind: 'cancellation', status: 'signed' });
    expect((await t.call('orders.get', { id: order.id })).status).toBe('cancelled');
    const rep = await t.call('books.arrivals', { from: '2026-11-01', to: '2026-11-30' });
    expect(rep.rows).toEqual([]);
    const sum = await t.call('books.summary', { from: '2026-11-01', to: '2026-11-30' });
    expect(sum.classes.find((x) => x.label === '5А')).toMatchObject({ left: 0, end: c.studentCount });
    const alpha = await t.call('books.alphabet');
    expect(alpha.left).toBe(0);
    const entries = alpha.letters.flatMap((l) => l.entries).filter((e) => e.studentId === a!.id || e.studentId === b!.id);
    expect(entries.map((e) => [e.leftDate, e.currentClass])).toEqual([
      [null, '5А'],
      [null, '5А'],
    ]);
  }, 120_000);
});
