// The register of paper copies (issue 14 point 4; docs/paper-copies.md «Реестр») on a real SQLite
// file: the chain of entries (each holding the previous one's digest), a correction, the 'handed'
// step of the board recorded with an entry, scans with their digests, bad inputs refused with
// Russian messages next to their fields and changing nothing, and the check finding an entry
// changed or removed straight in the database and a scan whose bytes were changed. Today is
// 10.11.2026: the 1st quarter (01.09–26.10) is over.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { tempCore, ADMIN } from '../support/core';
import { resultBytes, upload } from '../support/files';
import { uuidv7 } from '../../db/ids';
import { AppError } from '../../electron/api/errors';
import { canonical, entryDigest } from '../../electron/core/paper/register/chain';
import type { OpInput } from '../../electron/api/contract';

const ART = join(import.meta.dirname, '../artifacts');
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

let t: Awaited<ReturnType<typeof tempCore>>;
const now = new Date('2026-11-10T09:00:00Z');
const id: Record<string, string> = {};

/** What a refusal says: its message and the message of each field. */
async function refusal(p: Promise<unknown>): Promise<{ message: string; fields: Record<string, string> }> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    return { message: err.message, fields: Object.fromEntries(err.problems.map((x) => [x.column ?? '', x.message])) };
  }
  throw new Error('not refused');
}

/** Every row the program could have written: the register, the board, scans, the audit log and sync. */
function snapshot() {
  const count = (table: string) => (t.db.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    entries: count('paper_register_entry'),
    steps: count('paper_step'),
    scans: count('paper_scan'),
    audit: count('audit_log'),
    sync: count('sync_change'),
  };
}

const add = (over: Partial<OpInput<'paper.registerAdd'>> = {}) =>
  t.call('paper.registerAdd', { receivedOn: '2026-11-02', classId: id['7А'], periodId: id.q1, sheets: 24, handedBy: 'Петрова А. И.', ...over });

beforeAll(async () => {
  t = await tempCore(() => now);
  const { call } = t;
  await call('app.createSchool', { fullName: 'МБОУ «Школа № 5»', shortName: 'Школа № 5' });
  await call('years.save', await call('years.suggest', { startYear: 2026 }));
  await call('classes.createMany', { gradeFrom: 7, gradeTo: 7, letters: ['А', 'Б'], shift: 1 });
  await call('classes.createMany', { gradeFrom: 10, gradeTo: 10, letters: ['А'], shift: 1 });
  for (const c of await call('classes.list')) id[c.name] = c.id;
  const periods = t.db.raw.prepare(`SELECT id, name, grade_from, grade_to, start_date, end_date FROM study_period ORDER BY start_date, grade_from`).all() as {
    id: string;
    name: string;
    grade_from: number;
    grade_to: number;
    start_date: string;
  }[];
  id.q1 = periods.find((p) => p.name === '1 четверть')!.id;
  id.q2 = periods.find((p) => p.name === '2 четверть')!.id;
  id.h1 = periods.find((p) => p.name === '1 полугодие')!.id;
  // A copy of 7Б for the 1st quarter as the copy's printing leaves it (electron/core/paper/copy).
  id.copy = uuidv7();
  const at = '2026-10-30T10:00:00.000Z';
  t.db.raw
    .prepare(
      `INSERT INTO paper_copy (id, created_at, updated_at, class_id, period_id, code, digest, fingerprint, sheets, printed_at, printed_by) VALUES (?, ?, ?, ?, ?, 'К-7Б-1', 'd', '{}', 31, ?, 'Иванова')`,
    )
    .run(id.copy, at, at, id['7Б'], id.q1, at);
}, 120_000);
afterAll(() => t?.cleanup());

describe('the register of paper copies', () => {
  it('numbers entries from 1 and chains each to the digest of the previous one', async () => {
    const e1 = await add();
    const e2 = await add({ classId: id['7Б'], sheets: 30, handedBy: 'Сидоров П. П.', receivedBy: 'Кузнецова М. В.', note: 'Без замечаний' });
    expect(e1).toMatchObject({ number: 1, receivedOn: '2026-11-02', className: '7А', periodName: '1 четверть 2026/2027', sheets: 24, handedBy: 'Петрова А. И.', receivedBy: ADMIN.displayName });
    expect(e2).toMatchObject({ number: 2, className: '7Б', receivedBy: 'Кузнецова М. В.', note: 'Без замечаний' });
    const rows = t.db.raw.prepare(`SELECT * FROM paper_register_entry ORDER BY number`).all() as (Parameters<typeof entryDigest>[0] & { digest: string })[];
    expect(rows[0]!.prev_digest).toBe('');
    expect(rows[1]!.prev_digest).toBe(rows[0]!.digest);
    for (const r of rows) {
      // SHA-256 over the canonical serialisation of the fields and the previous digest.
      expect(r.digest).toBe(sha(canonical(r)));
      expect(canonical(r)).toContain(JSON.stringify(r.handed_by));
    }
    expect(await t.call('paper.registerVerify', {})).toEqual({
      ok: true, entries: 2, scans: 0, brokenNumber: null, problem: null, scanProblems: [], checksum: rows[1]!.digest,
    });
  });

  it('records the board step «handed» for the class and period, once', async () => {
    const steps = () =>
      t.db.raw.prepare(`SELECT class_id, period_id, step, done_by, note FROM paper_step WHERE step = 'handed' AND deleted_at IS NULL ORDER BY note`).all();
    expect(steps()).toEqual([
      { class_id: id['7А'], period_id: id.q1, step: 'handed', done_by: ADMIN.displayName, note: 'Реестр бумажных копий, запись № 1' },
      { class_id: id['7Б'], period_id: id.q1, step: 'handed', done_by: ADMIN.displayName, note: 'Реестр бумажных копий, запись № 2' },
    ]);
    await add({ sheets: 25 }); // 7А again: the step is already there
    expect(steps()).toHaveLength(2);
  });

  it('takes the class, period and sheets from a printed copy', async () => {
    const e = await t.call('paper.registerAdd', { receivedOn: '2026-11-09', copyId: id.copy, handedBy: 'Сидоров П. П.' });
    expect(e).toMatchObject({ number: 4, classId: id['7Б'], periodId: id.q1, sheets: 31, copyCode: 'К-7Б-1' });
    // Its freshness against the journal is tested with real copies in tests/paper/copy.test.ts (this copy's row is made up).
    const opts = await t.call('paper.registerOptions', {});
    expect(opts.copies).toEqual([expect.objectContaining({ id: id.copy, code: 'К-7Б-1', recordedIn: [4] })]);
    expect(opts.receivedBy).toBe(ADMIN.displayName);
  });

  it('refuses bad input with a Russian message next to the field, changing nothing', async () => {
    const before = snapshot();
    const cases: [Partial<OpInput<'paper.registerAdd'>>, string, string][] = [
      [{ receivedOn: '2026-11-11' }, 'receivedOn', 'Дата 11.11.2026 ещё не наступила'],
      [{ receivedOn: '2026-02-30' }, 'receivedOn', 'Поле «Дата приёма»: даты 30.02.2026 не существует'],
      [{ receivedOn: '2026-08-20' }, 'receivedOn', 'Раньше начала периода (01.09.2026)'],
      [{ handedBy: '   ' }, 'handedBy', 'Поле «Сдал» не заполнено'],
      [{ handedBy: 'Я'.repeat(201) }, 'handedBy', 'Поле «Сдал» — не более 200 символов'],
      [{ sheets: 0 }, 'sheets', expect.stringContaining('Листов') as unknown as string],
      [{ sheets: null }, 'sheets', 'Укажите число листов'],
      [{ classId: null }, 'classId', 'Выберите класс'],
      [{ classId: id['10А'] }, 'periodId', 'Период не для 10-х классов'],
      [{ periodId: id.h1 }, 'periodId', 'Период не для 7-х классов'],
      [{ copyId: id.copy }, 'classId', 'Копия К-7Б-1 — класса 7Б'],
    ];
    for (const [over, column, message] of cases) {
      const r = await refusal(add(over));
      expect(r.fields[column], JSON.stringify(over).slice(0, 80)).toEqual(message);
    }
    const corr = await refusal(t.call('paper.registerCorrect', { receivedOn: '2026-11-02', classId: id['7А'], periodId: id.q1, sheets: 24, handedBy: 'Петрова А. И.', correctsId: uuidv7(), note: ' ' }));
    expect(corr.fields.note).toBe('Поле «Причина исправления» не заполнено');
    expect(snapshot()).toEqual(before);
  });

  it('corrects an entry by a new one, never changing the entry corrected', async () => {
    const first = t.db.raw.prepare(`SELECT * FROM paper_register_entry WHERE number = 1`).get();
    const c = await t.call('paper.registerCorrect', {
      receivedOn: '2026-11-02', classId: id['7А'], periodId: id.q1, sheets: 26, handedBy: 'Петрова А. И.', correctsId: (first as { id: string }).id, note: 'Ошибка в числе листов: 26, а не 24',
    });
    expect(c).toMatchObject({ number: 5, correctsNumber: 1, sheets: 26, note: 'Ошибка в числе листов: 26, а не 24' });
    expect(t.db.raw.prepare(`SELECT * FROM paper_register_entry WHERE number = 1`).get()).toEqual(first);
    const view = await t.call('paper.register', {});
    expect(view.entries.map((e) => e.number)).toEqual([1, 2, 3, 4, 5]);
    expect(view.entries[0]).toMatchObject({ number: 1, correctedBy: [5] });
    // Corrected once: the next correction corrects the correction.
    const again = await refusal(
      t.call('paper.registerCorrect', { receivedOn: '2026-11-02', classId: id['7А'], periodId: id.q1, sheets: 27, handedBy: 'Петрова А. И.', correctsId: (first as { id: string }).id, note: 'Ещё раз' }),
    );
    expect(again.message).toBe('Запись № 1 уже исправлена записью № 5: исправьте запись № 5.');
    expect((await t.call('paper.registerVerify', {})).ok).toBe(true);
  });

  it('searches, filters and sorts', async () => {
    const nums = async (i: OpInput<'paper.register'>) => (await t.call('paper.register', i)).entries.map((e) => e.number);
    expect(await nums({ search: 'сидоров' })).toEqual([2, 4]);
    expect(await nums({ search: 'К-7Б' })).toEqual([4]);
    expect(await nums({ classId: id['7А'] })).toEqual([1, 3, 5]);
    expect(await nums({ periodId: id.q2 })).toEqual([]);
    expect(await nums({ desc: true })).toEqual([5, 4, 3, 2, 1]);
    expect(await nums({ sort: 'receivedOn', desc: true })).toEqual([4, 5, 3, 2, 1]);
  });

  it('attaches a scan with its digest, gives it back, and refuses what is not a scan', async () => {
    const entry = (await t.call('paper.register', {})).entries[3]!;
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');
    const s = await t.call('paper.attachScan', { entryId: entry.id, file: upload(t.ctx.session, 'копия 7Б.pdf', pdf) });
    expect(s).toMatchObject({ fileName: 'копия 7Б.pdf', mime: 'application/pdf', size: pdf.byteLength, digest: sha(pdf), addedBy: ADMIN.displayName });
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('rest')]);
    await t.call('paper.attachScan', { entryId: entry.id, file: upload(t.ctx.session, 'лист.png', png) });
    const view = await t.call('paper.register', {});
    expect(view.entries[3]!.scans.map((x) => x.fileName)).toEqual(['копия 7Б.pdf', 'лист.png']);
    const f = await t.call('paper.scanFile', { id: s.id });
    expect(f.fileName).toBe('копия 7Б.pdf');
    expect(resultBytes(t.ctx.session, f).equals(pdf)).toBe(true);
    // The audit line, without the bytes.
    const audit = t.db.raw.prepare(`SELECT new_values FROM audit_log WHERE entity = 'paper_scan' AND entity_id = ?`).get(s.id) as { new_values: string };
    expect(JSON.parse(audit.new_values)).toMatchObject({ file_name: 'копия 7Б.pdf', digest: sha(pdf) });
    expect(audit.new_values).not.toContain('content');

    const before = snapshot();
    const bad: [string, Buffer, string][] = [
      ['скан.pdf', Buffer.from('это не PDF'), 'Нужен файл PDF, JPEG или PNG'],
      ['пустой.pdf', Buffer.alloc(0), 'Файл пустой'],
      ['большой.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(20 * 1024 * 1024)]), 'Больше 20 МБ (20 МБ)'],
      ['копия 7Б (2).pdf', pdf, 'Этот скан уже приложен'],
    ];
    for (const [name, bytes, message] of bad) {
      const r = await refusal(t.call('paper.attachScan', { entryId: entry.id, file: upload(t.ctx.session, name, bytes) }));
      expect(r.fields.file, name).toBe(message);
    }
    expect(snapshot()).toEqual(before);
  }, 60_000);

  it('prints the register for signatures with the chain’s check line', async () => {
    const f = await t.call('paper.registerPdf', {});
    expect(f.fileName).toBe('Реестр бумажных копий.pdf');
    mkdirSync(ART, { recursive: true });
    const path = join(ART, 'paper-register.pdf');
    writeFileSync(path, resultBytes(t.ctx.session, f));
    execFileSync('qpdf', ['--check', path]);
    expect(execFileSync('pdffonts', [path], { encoding: 'utf8' })).toMatch(/PTSerif-Regular\S* +CID TrueType +Identity-H +yes/);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    for (const w of ['Реестр бумажных копий классных журналов', 'Дата', 'приёма', 'Сдал (подпись)', 'Принял (подпись)', 'Примечание', 'Петрова А. И.', 'Исправляет запись № 1.', 'Исправлена записью № 5.'])
      expect(text).toContain(w);
    const { checksum } = await t.call('paper.registerVerify', {});
    expect(text.replace(/\s+/g, '')).toContain(`Контрольнаясуммареестра:${checksum}`);
    expect(text).toContain('записи не изменялись и не удалялись');
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', path, join(ART, 'paper-register-pdf')]);
  }, 60_000);

  it('finds an entry changed straight in the database, naming it', async () => {
    const before = t.db.raw.prepare(`SELECT sheets FROM paper_register_entry WHERE number = 3`).get() as { sheets: number };
    t.db.raw.prepare(`UPDATE paper_register_entry SET sheets = 99 WHERE number = 3`).run();
    const r = await t.call('paper.registerVerify', {});
    expect(r).toMatchObject({ ok: false, brokenNumber: 3, problem: 'запись № 3 изменена после внесения' });
    t.db.raw.prepare(`UPDATE paper_register_entry SET sheets = ? WHERE number = 3`).run(before.sheets);
    expect((await t.call('paper.registerVerify', {})).ok).toBe(true);
    // Changed with its digest recomputed: the next entry no longer continues it.
    const row = t.db.raw.prepare(`SELECT * FROM paper_register_entry WHERE number = 3`).get() as Parameters<typeof entryDigest>[0] & { digest: string };
    t.db.raw.prepare(`UPDATE paper_register_entry SET handed_by = 'Другой', digest = ? WHERE number = 3`).run(entryDigest({ ...row, handed_by: 'Другой' }));
    expect(await t.call('paper.registerVerify', {})).toMatchObject({ ok: false, brokenNumber: 4 });
    t.db.raw.prepare(`UPDATE paper_register_entry SET handed_by = ?, digest = ? WHERE number = 3`).run(row.handed_by, row.digest);
    // A tombstone the program never sets.
    t.db.raw.prepare(`UPDATE paper_register_entry SET deleted_at = '2026-11-10' WHERE number = 3`).run();
    expect(await t.call('paper.registerVerify', {})).toMatchObject({ ok: false, brokenNumber: 3, problem: 'запись № 3 удалена' });
    t.db.raw.prepare(`UPDATE paper_register_entry SET deleted_at = NULL WHERE number = 3`).run();
    expect((await t.call('paper.registerVerify', {})).ok).toBe(true);
  });

  it('finds a scan whose bytes were changed, naming it', async () => {
    t.db.raw.prepare(`UPDATE paper_scan SET content = ? WHERE file_name = 'лист.png'`).run(Buffer.from('другие байты'));
    const r = await t.call('paper.registerVerify', {});
    expect(r).toMatchObject({ ok: false, brokenNumber: null, scanProblems: ['скан «лист.png» (запись № 4) изменён после приложения'] });
  });

  it('finds an entry deleted straight in the database, naming it', async () => {
    t.db.raw.prepare(`DELETE FROM paper_register_entry WHERE number = 2`).run();
    const r = await t.call('paper.registerVerify', {});
    expect(r).toMatchObject({ ok: false, brokenNumber: 2, problem: 'запись № 2 удалена или вставлена' });
    // A new entry still goes on the head of the chain; the break stays where it is.
    expect((await add({ sheets: 40 })).number).toBe(6);
    expect(await t.call('paper.registerVerify', {})).toMatchObject({ brokenNumber: 2 });
  });
});
