// `npm run cli -- orders list|print` (issue 12 point 6), run as a child process on a school with a
// signed order and a draft.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, tempCore } from '../support/core';
import { runCli } from '../support/cli';

let t: Awaited<ReturnType<typeof tempCore>>;

const cli = (...args: string[]) => runCli([...args, '--db', t.path, '--user', ADMIN.login], { password: ADMIN.password });

beforeAll(async () => {
  t = await tempCore(() => new Date('2026-11-25T09:00:00Z'));
  await t.call('years.save', await t.call('years.suggest', { startYear: 2026 }));
  const c7 = await t.call('classes.save', { grade: 7, letter: 'Б', shift: 1 });
  const s = await t.call('students.save', { lastName: 'Иванов', firstName: 'Иван', middleName: null, birthDate: '2013-01-02', gender: 'm', classId: c7.id, classFrom: '2026-09-01', guardians: [] });
  const out = await t.call('orders.save', { kind: 'transfer_out', date: '2026-11-09', title: 'Об отчислении в порядке перевода', items: [{ studentId: s.id, effectiveDate: '2026-11-10', schoolTo: 'МБОУ «СОШ № 7»' }] });
  await t.call('orders.sign', { id: out.id });
  const n = await t.call('students.save', { lastName: 'Петров', firstName: 'Пётр', middleName: null, birthDate: '2013-01-02', gender: 'm', guardians: [] });
  await t.call('orders.save', { kind: 'transfer_in', date: '2026-11-19', title: 'О зачислении в порядке перевода', items: [{ studentId: n.id, classToId: c7.id, effectiveDate: '2026-11-20', schoolFrom: 'Лицей № 1' }] });
}, 120_000);
afterAll(() => t?.cleanup());

describe('command line: orders', () => {
  it('list: the register by date, filtered; print: the order as PDF', () => {
    const r = cli('orders', 'list');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      '09.11.2026\t№ 1-оп\tПодписан\tОб отчислении в порядке перевода\t1 уч.: Иванов Иван',
      '19.11.2026\tпроект\tПроект\tО зачислении в порядке перевода\t1 уч.: Петров Пётр',
    ]);
    const drafts = cli('orders', 'list', '--status', 'draft', '--json');
    expect(JSON.parse(drafts.stdout).map((o: { title: string }) => o.title)).toEqual(['О зачислении в порядке перевода']);
    const pdf = join(t.dir, 'приказ.pdf');
    const p = cli('orders', 'print', '--number', '1-оп', '--out', pdf);
    expect(p.code, p.stderr).toBe(0);
    expect(existsSync(pdf)).toBe(true);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  }, 240_000);

  it('refuses a wrong kind or date as a wrong call', () => {
    const r = cli('orders', 'list', '--kind', 'nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--kind: один из видов');
    const d = cli('orders', 'list', '--from', '10.11.2026');
    expect(d.code).toBe(2);
    expect(d.stderr).toContain('--from: дата указывается как ГГГГ-ММ-ДД');
  }, 120_000);
});
