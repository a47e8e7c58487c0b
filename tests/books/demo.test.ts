// The books of the demo school (app.loadDemo, 1000 students, every one from before the program:
// memberships from the year's first day, no orders) build, as PDF and XLSX too; a cancelled order
// counts for nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { demoCore } from '../support/core';
import { resultBytes } from '../support/files';
import { act } from '../../electron/core/tx';
import { signOrderAsSigningWould } from './signing';

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

  it('a cancelled order counts for nothing, whether or not its membership end was undone', async () => {
    const c = (await t.call('classes.list')).find((x) => x.name === '5А')!;
    const [a, b] = (await t.call('students.list', { classId: c.id, sort: 'name', limit: 100 })).rows;
    const order = signOrderAsSigningWould(t.ctx, { kind: 'expulsion', number: 1, date: '2026-11-02', items: [{ studentId: a!.id, effectiveDate: '2026-11-02', reason: 'по заявлению' }, { studentId: b!.id, effectiveDate: '2026-11-02', reason: 'по заявлению' }] });
    expect((await t.call('books.arrivals', { from: '2026-11-01', to: '2026-11-30' })).left).toBe(2);
    act(t.ctx, (w) => {
      w.update('school_order', order, { status: 'cancelled' });
      // The first student's membership reopened (as a cancellation undoes it); the second's end left as it was.
      const m = t.db.first(t.db.q.selectFrom('class_membership').select('id').where('student_id', '=', a!.id).where('closed_order_id', '=', order))!;
      w.update('class_membership', m.id, { date_to: null, closed_order_id: null });
    });
    const rep = await t.call('books.arrivals', { from: '2026-11-01', to: '2026-11-30' });
    expect(rep.rows).toEqual([]);
    const sum = await t.call('books.summary', { from: '2026-11-01', to: '2026-11-30' });
    expect(sum.classes.find((x) => x.label === '5А')).toMatchObject({ left: 0, end: c.studentCount });
    const alpha = await t.call('books.alphabet');
    expect(alpha.left).toBe(0);
  }, 120_000);
});
